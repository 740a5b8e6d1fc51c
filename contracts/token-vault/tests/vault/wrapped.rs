//! Wrapped foreign coins: registration, mint, hold for burning, burn, refund.

use btp_types::cw20_base::Cw20BaseInstantiateMsg;
use btp_types::events::token_vault::{Burned, Minted, WrappedTokenRegistered};
use btp_types::events::TypedEvent;
use btp_types::msg::token_vault::{QueryMsg, WrappedTokenResponse};
use cosmwasm_std::{from_json, to_json_binary, Uint128};
use cw20::MinterResponse;
use cw_multi_test::Executor;
use token_vault::ContractError;

use testing::errors::{contract_error, VaultError};
use testing::events::wasm_attribute;
use testing::suite::vault::*;

#[test]
fn registration_instantiates_cw20_base_with_the_vault_as_its_only_minter() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, vault) = (suite.handler.clone(), suite.vault.clone());

    let response = suite
        .register_wrapped_as(&handler, FOREIGN, "ICON ICX", "ICX", 18)
        .unwrap();
    let token = suite.wrapped_token(FOREIGN);
    assert_eq!(
        token,
        WrappedTokenResponse {
            coin_name: FOREIGN.into(),
            token: token.token.clone(),
            name: "ICON ICX".into(),
            symbol: "ICX".into(),
            decimals: 18,
        }
    );
    assert_eq!(
        WrappedTokenRegistered::parse(&response.events),
        vec![WrappedTokenRegistered {
            coin_name: FOREIGN.into(),
            token: token.token.clone(),
            name: "ICON ICX".into(),
            symbol: "ICX".into(),
            decimals: 18,
        }]
    );
    assert_eq!(
        wasm_attribute(&response, &vault, "action").as_deref(),
        Some("register_wrapped_token")
    );
    let data: WrappedTokenResponse = from_json(response.data.as_ref().unwrap()).unwrap();
    assert_eq!(data, token, "the response's data names the token");
    let address = cosmwasm_std::Addr::unchecked(&token.token);

    let info = suite.token_info(&address);
    assert_eq!(
        (info.name.as_str(), info.symbol.as_str(), info.decimals),
        ("ICON ICX", "ICX", 18)
    );
    assert!(info.total_supply.is_zero(), "no initial balances");
    assert_eq!(
        suite.minter(&address),
        Some(MinterResponse {
            minter: vault.to_string(),
            cap: None,
        })
    );
    // The vault is the token's admin, so that only a vault migration can
    // ever touch the token's code.
    let contract = suite.app.wrap().query_wasm_contract_info(&address).unwrap();
    assert_eq!(contract.admin, Some(vault.clone()));
    assert_eq!(contract.code_id, suite.cw20_code_id);

    // And the reverse lookup.
    let by_address: WrappedTokenResponse = suite
        .app
        .wrap()
        .query_wasm_smart(
            &vault,
            &QueryMsg::WrappedTokenByAddress {
                token: token.token.clone(),
            },
        )
        .unwrap();
    assert_eq!(by_address, token);
}

#[test]
fn a_second_registration_of_the_same_coin_is_refused() {
    let mut suite = SuiteBuilder::new().vault();
    let handler = suite.handler.clone();
    let token = suite.register_foreign();
    let err = suite
        .register_wrapped_as(&handler, FOREIGN, "Other Name", "OTHER", 6)
        .unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::WrappedCoinExists {
            coin_name: FOREIGN.into(),
            token: token.to_string(),
        }
    );
    assert_eq!(suite.wrapped_token(FOREIGN).symbol, "ICX");
}

#[test]
fn two_coins_get_two_tokens() {
    let mut suite = SuiteBuilder::new().vault();
    let handler = suite.handler.clone();
    let first = suite.register_foreign();
    suite
        .register_wrapped_as(&handler, "btp-0x2.bsc-BNB", "BSC BNB", "BNB", 18)
        .unwrap();
    let second = suite.wrapped_token("btp-0x2.bsc-BNB").token;
    assert_ne!(first.as_str(), second);
}

#[test]
fn metadata_cw20_base_would_refuse_is_refused_with_a_clear_error() {
    let mut suite = SuiteBuilder::new().vault();
    let handler = suite.handler.clone();
    let cases: [(&str, &str, &str, u8, &str); 6] = [
        ("", "Name", "SYM", 6, "coin name"),
        (" padded", "Name", "SYM", 6, "coin name"),
        ("coin", "No", "SYM", 6, "name"),
        ("coin", "Name", "S1M", 6, "symbol"),
        ("coin", "Name", "SY", 6, "symbol"),
        ("coin", "Name", "SYM", 19, "decimals"),
    ];
    for (coin_name, name, symbol, decimals, field) in cases {
        let err = suite
            .register_wrapped_as(&handler, coin_name, name, symbol, decimals)
            .unwrap_err();
        let matched = match contract_error::<VaultError>(&err) {
            ContractError::InvalidCoinName { .. } => field == "coin name",
            ContractError::InvalidTokenInfo { field: f, .. } => *f == field,
            _ => false,
        };
        assert!(matched, "{field}: {err:#}");
    }
    let long = "x".repeat(97);
    let err = suite
        .register_wrapped_as(&handler, &long, "Name", "SYM", 6)
        .unwrap_err();
    assert!(
        matches!(
            contract_error::<VaultError>(&err),
            ContractError::InvalidCoinName { .. }
        ),
        "{err:#}"
    );
}

#[test]
fn mint_credits_the_recipient_and_the_totals() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user, vault) = (
        suite.handler.clone(),
        suite.user.clone(),
        suite.vault.clone(),
    );
    let token = suite.register_foreign();

    let response = suite.mint(&handler, FOREIGN, &user, 1_000).unwrap();
    assert_eq!(suite.cw20_balance(&token, &user), 1_000);
    assert_eq!(suite.token_info(&token).total_supply, Uint128::new(1_000));
    let totals = suite.totals(wrapped(FOREIGN));
    assert_eq!(totals.minted, Uint128::new(1_000));
    assert_eq!(totals.supply, Uint128::new(1_000));
    assert!(totals.burned.is_zero() && totals.held.is_zero() && totals.locked.is_zero());
    assert_eq!(totals.token.as_deref(), Some(token.as_str()));
    assert_eq!(
        wasm_attribute(&response, &vault, "action").as_deref(),
        Some("mint")
    );
    assert_eq!(
        Minted::parse(&response.events),
        vec![Minted {
            coin: format!("wrapped:{FOREIGN}"),
            token: token.to_string(),
            amount: Uint128::new(1_000),
            recipient: user.to_string(),
            minted: Uint128::new(1_000),
        }]
    );
}

#[test]
fn mint_of_an_unknown_coin_is_refused() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user) = (suite.handler.clone(), suite.user.clone());
    let err = suite.mint(&handler, "nobody", &user, 1).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::UnknownWrappedCoin {
            coin_name: "nobody".into()
        }
    );
}

#[test]
fn nobody_but_the_vault_can_mint_a_wrapped_token() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, owner) = (suite.handler.clone(), suite.owner.clone());
    let token = suite.register_foreign();
    for minter in [handler, owner] {
        let mint = cw20::Cw20ExecuteMsg::Mint {
            recipient: minter.to_string(),
            amount: Uint128::new(1),
        };
        suite
            .app
            .execute_contract(minter, token.clone(), &mint, &[])
            .unwrap_err();
    }
    assert!(suite.token_info(&token).total_supply.is_zero());
}

#[test]
fn holding_then_burning_lowers_the_supply() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user, vault) = (
        suite.handler.clone(),
        suite.user.clone(),
        suite.vault.clone(),
    );
    let token = suite.register_foreign();
    suite.mint(&handler, FOREIGN, &user, 600).unwrap();

    suite.hold_foreign(&token, 400);
    let totals = suite.totals(wrapped(FOREIGN));
    assert_eq!((totals.minted.u128(), totals.held.u128()), (1_000, 400));
    assert_eq!(suite.cw20_balance(&token, &vault), 400);

    let response = suite.burn(&handler, FOREIGN, 300).unwrap();
    let totals = suite.totals(wrapped(FOREIGN));
    assert_eq!(
        (
            totals.minted.u128(),
            totals.burned.u128(),
            totals.held.u128(),
            totals.supply.u128()
        ),
        (1_000, 300, 100, 700)
    );
    assert_eq!(suite.token_info(&token).total_supply, Uint128::new(700));
    assert_eq!(suite.cw20_balance(&token, &vault), 100);
    assert_eq!(
        wasm_attribute(&response, &vault, "action").as_deref(),
        Some("burn")
    );
    assert_eq!(
        Burned::parse(&response.events),
        vec![Burned {
            coin: format!("wrapped:{FOREIGN}"),
            token: token.to_string(),
            amount: Uint128::new(300),
            held: Uint128::new(100),
            burned: Uint128::new(300),
        }]
    );
}

#[test]
fn burning_more_than_is_held_is_refused() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user, vault) = (
        suite.handler.clone(),
        suite.user.clone(),
        suite.vault.clone(),
    );
    let token = suite.register_foreign();
    suite.hold_foreign(&token, 100);
    // Tokens given to the vault without `send` are not held for burning, and
    // do not raise what can be burned.
    suite.mint(&handler, FOREIGN, &user, 50).unwrap();
    suite.transfer_cw20(&user, &token, &vault, 50);

    let err = suite.burn(&handler, FOREIGN, 101).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::InsufficientHeld {
            operation: "burn",
            coin: format!("wrapped:{FOREIGN}"),
            requested: Uint128::new(101),
            available: Uint128::new(100),
        }
    );
    assert_eq!(suite.token_info(&token).total_supply, Uint128::new(150));
    suite.burn(&handler, FOREIGN, 100).unwrap();
    let err = suite.burn(&handler, FOREIGN, 1).unwrap_err();
    assert!(
        matches!(contract_error::<VaultError>(&err), ContractError::InsufficientHeld { available, .. } if available.is_zero()),
        "{err:#}"
    );
}

#[test]
fn held_tokens_are_refunded_once_by_release() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user, vault) = (
        suite.handler.clone(),
        suite.user.clone(),
        suite.vault.clone(),
    );
    let token = suite.register_foreign();
    suite.hold_foreign(&token, 400);

    suite
        .release(&handler, &user, wrapped(FOREIGN), 400)
        .unwrap();
    assert_eq!(suite.cw20_balance(&token, &user), 400);
    assert_eq!(suite.cw20_balance(&token, &vault), 0);
    let totals = suite.totals(wrapped(FOREIGN));
    assert_eq!((totals.held.u128(), totals.supply.u128()), (0, 400));

    let err = suite
        .release(&handler, &user, wrapped(FOREIGN), 400)
        .unwrap_err();
    assert!(
        matches!(contract_error::<VaultError>(&err), ContractError::InsufficientHeld { operation: "release", available, .. } if available.is_zero()),
        "{err:#}"
    );
    // Nor can a refunded amount be burned afterwards.
    let err = suite.burn(&handler, FOREIGN, 1).unwrap_err();
    assert!(
        matches!(
            contract_error::<VaultError>(&err),
            ContractError::InsufficientHeld { .. }
        ),
        "{err:#}"
    );
}

#[test]
fn all_totals_pages_through_native_then_cw20_then_wrapped_coins() {
    let mut suite = SuiteBuilder::new().vault();
    let handler = suite.handler.clone();
    let home = suite.home_token.clone();
    suite.register_foreign();
    suite
        .register_wrapped_as(&handler, "btp-0x2.bsc-BNB", "BSC BNB", "BNB", 18)
        .unwrap();
    suite
        .lock(
            &handler,
            &[
                cosmwasm_std::Coin::new(5u128, ATOM),
                cosmwasm_std::Coin::new(6u128, OSMO),
            ],
        )
        .unwrap();

    let all = suite.all_totals(None, Some(50));
    let assets: Vec<_> = all.iter().map(|t| t.asset.clone()).collect();
    assert_eq!(
        assets,
        vec![
            native(ATOM),
            native(OSMO),
            cw20(&home),
            wrapped("btp-0x1.icon-ICX"),
            wrapped("btp-0x2.bsc-BNB"),
        ]
    );
    // Two at a time, each page starting after the last one.
    let mut paged = Vec::new();
    let mut cursor = None;
    loop {
        let page = suite.all_totals(cursor.clone(), Some(2));
        if page.is_empty() {
            break;
        }
        cursor = page.last().map(|t| t.asset.clone());
        paged.extend(page);
    }
    assert_eq!(paged, all);
}

/// `Cw20BaseInstantiateMsg` is `cw20_base::msg::InstantiateMsg` on the wire.
#[test]
fn the_cw20_base_instantiate_message_has_cw20_bases_json() {
    let ours = Cw20BaseInstantiateMsg {
        name: "ICON ICX".into(),
        symbol: "ICX".into(),
        decimals: 18,
        initial_balances: vec![cw20::Cw20Coin {
            address: "someone".into(),
            amount: Uint128::new(5),
        }],
        mint: Some(MinterResponse {
            minter: "vault".into(),
            cap: Some(Uint128::new(9)),
        }),
        marketing: Some(btp_types::cw20_base::Cw20BaseMarketingInfo {
            project: Some("p".into()),
            description: Some("d".into()),
            marketing: Some("m".into()),
            logo: Some(cw20::Logo::Url("https://logo".into())),
        }),
    };
    let json = to_json_binary(&ours).unwrap();
    let theirs: cw20_base::msg::InstantiateMsg = from_json(&json).unwrap();
    assert_eq!(to_json_binary(&theirs).unwrap(), json);
    let back: Cw20BaseInstantiateMsg = from_json(to_json_binary(&theirs).unwrap()).unwrap();
    assert_eq!(back, ours);
}
