//! Home cw20 tokens: locked only through the token's `Send` by the handler,
//! only for registered tokens; a fake token creates nothing.

use btp_types::msg::token_vault::{ExecuteMsg, ReceiveMsg};
use cosmwasm_std::{to_json_binary, Empty, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_multi_test::Executor;
use token_vault::ContractError;

use testing::errors::{contract_error, VaultError};
use testing::events::wasm_attribute;
use testing::suite::vault::*;

#[test]
fn a_cw20_send_from_the_handler_locks_and_release_pays_it_back_out() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user, vault, token) = (
        suite.handler.clone(),
        suite.user.clone(),
        suite.vault.clone(),
        suite.home_token.clone(),
    );

    suite
        .send_cw20(&handler, &token, 500, &ReceiveMsg::Lock {})
        .unwrap();
    let totals = suite.totals(cw20(&token));
    assert_eq!(totals.locked, Uint128::new(500));
    assert_eq!(totals.token.as_deref(), Some(token.as_str()));
    assert_eq!(suite.cw20_balance(&token, &vault), 500);

    let response = suite.release(&handler, &user, cw20(&token), 200).unwrap();
    assert_eq!(suite.cw20_balance(&token, &user), START + 200);
    assert_eq!(suite.cw20_balance(&token, &vault), 300);
    assert_eq!(suite.totals(cw20(&token)).locked, Uint128::new(300));
    assert_eq!(
        wasm_attribute(&response, &vault, "coin"),
        Some(format!("cw20:{token}"))
    );

    let err = suite
        .release(&handler, &user, cw20(&token), 301)
        .unwrap_err();
    assert!(
        matches!(contract_error::<VaultError>(&err), ContractError::InsufficientLocked { available, .. } if available.u128() == 300),
        "{err:#}"
    );
}

#[test]
fn a_receive_from_a_fake_cw20_contract_creates_nothing() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, owner, vault, token) = (
        suite.handler.clone(),
        suite.owner.clone(),
        suite.vault.clone(),
        suite.home_token.clone(),
    );
    let wrapped_token = suite.register_foreign();
    let before = suite.all_totals(None, None);

    let fake_code = suite.app.store_code(testing::mock_fake_cw20::contract());
    let fake = suite
        .app
        .instantiate_contract(fake_code, owner, &Empty {}, &[], "fake", None)
        .unwrap();
    for hook in [ReceiveMsg::Lock {}, ReceiveMsg::HoldForBurning {}] {
        // It claims the handler sent a fortune, in the vault's own words.
        let claim = testing::mock_fake_cw20::FakeTokenMsg::ClaimReceive {
            vault: vault.to_string(),
            sender: handler.to_string(),
            amount: Uint128::new(1_000_000_000),
            msg: to_json_binary(&hook).unwrap(),
        };
        let err = suite
            .app
            .execute_contract(handler.clone(), fake.clone(), &claim, &[])
            .unwrap_err();
        assert_eq!(
            contract_error::<VaultError>(&err),
            &ContractError::UnknownToken {
                token: fake.to_string()
            },
            "{hook:?}"
        );
    }

    assert_eq!(suite.all_totals(None, None), before);
    assert!(suite.totals(cw20(&token)).locked.is_zero());
    assert!(suite.totals(wrapped(FOREIGN)).held.is_zero());
    // Nothing can be paid out on the strength of the claim either.
    let user = suite.user.clone();
    let err = suite.release(&handler, &user, cw20(&fake), 1).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::UnknownHomeToken {
            token: fake.to_string()
        }
    );
    assert_eq!(suite.cw20_balance(&wrapped_token, &vault), 0);
}

#[test]
fn a_real_cw20_that_is_not_registered_is_refused() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, owner, cw20_code_id) = (
        suite.handler.clone(),
        suite.owner.clone(),
        suite.cw20_code_id,
    );
    let other = suite
        .app
        .instantiate_contract(
            cw20_code_id,
            owner,
            &cw20_base::msg::InstantiateMsg {
                name: "Other Token".into(),
                symbol: "OTHER".into(),
                decimals: 6,
                initial_balances: vec![cw20::Cw20Coin {
                    address: handler.to_string(),
                    amount: Uint128::new(START),
                }],
                mint: None,
                marketing: None,
            },
            &[],
            "other",
            None,
        )
        .unwrap();

    let err = suite
        .send_cw20(&handler, &other, 10, &ReceiveMsg::Lock {})
        .unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::UnknownToken {
            token: other.to_string()
        }
    );
    assert_eq!(suite.cw20_balance(&other, &handler), START);
}

#[test]
fn a_cw20_send_by_anyone_but_the_handler_is_refused() {
    let mut suite = SuiteBuilder::new().vault();
    let (user, vault, token) = (
        suite.user.clone(),
        suite.vault.clone(),
        suite.home_token.clone(),
    );

    let err = suite
        .send_cw20(&user, &token, 100, &ReceiveMsg::Lock {})
        .unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::NotHandler {
            operation: "send cw20 tokens to the vault",
            sender: user.to_string(),
        }
    );
    assert_eq!(suite.cw20_balance(&token, &user), START);
    assert_eq!(suite.cw20_balance(&token, &vault), 0);
    assert!(suite.totals(cw20(&token)).locked.is_zero());
}

#[test]
fn calling_receive_directly_with_the_handler_named_as_sender_is_refused() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user, token) = (
        suite.handler.clone(),
        suite.user.clone(),
        suite.home_token.clone(),
    );
    let msg = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: handler.to_string(),
        amount: Uint128::new(100),
        msg: to_json_binary(&ReceiveMsg::Lock {}).unwrap(),
    });
    let err = suite.execute(&user, &msg, &[]).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::UnknownToken {
            token: user.to_string()
        }
    );
    assert!(suite.totals(cw20(&token)).locked.is_zero());
}

#[test]
fn each_kind_of_token_goes_only_where_it_belongs() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, token) = (suite.handler.clone(), suite.home_token.clone());
    let wrapped_token = suite.register_foreign();
    suite.mint(&handler, FOREIGN, &handler, 100).unwrap();

    let err = suite
        .send_cw20(&handler, &token, 10, &ReceiveMsg::HoldForBurning {})
        .unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::HomeTokenNotBurnable {
            token: token.to_string()
        }
    );
    let err = suite
        .send_cw20(&handler, &wrapped_token, 10, &ReceiveMsg::Lock {})
        .unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::WrappedTokenNotLockable {
            token: wrapped_token.to_string(),
            coin_name: FOREIGN.into(),
        }
    );
    assert!(suite.totals(cw20(&token)).locked.is_zero());
    assert!(suite.totals(wrapped(FOREIGN)).held.is_zero());
}

#[test]
fn home_token_registration_refuses_duplicates_non_tokens_and_wrapped_tokens() {
    let mut suite = SuiteBuilder::new().vault();
    let (token, vault) = (suite.home_token.clone(), suite.vault.clone());
    let wrapped_token = suite.register_foreign();

    let err = suite.register_home_token(&token).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::HomeTokenExists {
            token: token.to_string()
        }
    );
    let err = suite.register_home_token(&vault).unwrap_err();
    assert!(
        matches!(contract_error::<VaultError>(&err), ContractError::NotACw20 { token, .. } if token == vault.as_str()),
        "{err:#}"
    );
    let err = suite.register_home_token(&wrapped_token).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::WrappedTokenAsHome {
            token: wrapped_token.to_string(),
            coin_name: FOREIGN.into(),
        }
    );
}
