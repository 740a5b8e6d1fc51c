//! Amounts near `u128::MAX` end in typed errors, never in a wrapped-around
//! total or a panic.

use cosmwasm_std::Uint128;
use cw_multi_test::Executor;
use token_vault::ContractError;

use testing::errors::{contract_error, VaultError};
use testing::suite::vault::*;

#[test]
fn minting_past_u128_max_is_a_typed_error_and_changes_nothing() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user) = (suite.handler.clone(), suite.user.clone());
    let token = suite.register_foreign();

    suite.mint(&handler, FOREIGN, &user, u128::MAX - 1).unwrap();
    let err = suite.mint(&handler, FOREIGN, &user, 2).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::Overflow {
            coin: format!("wrapped:{FOREIGN}"),
            counter: "minted",
            current: Uint128::new(u128::MAX - 1),
            amount: Uint128::new(2),
        }
    );
    assert_eq!(suite.cw20_balance(&token, &user), u128::MAX - 1);
    assert_eq!(
        suite.totals(wrapped(FOREIGN)).minted,
        Uint128::new(u128::MAX - 1)
    );
    // Up to the very last unit is fine.
    suite.mint(&handler, FOREIGN, &user, 1).unwrap();
    assert_eq!(suite.token_info(&token).total_supply, Uint128::MAX);
}

#[test]
fn the_lifetime_minted_counter_cannot_wrap_around_after_burns() {
    let mut suite = SuiteBuilder::new().vault();
    let handler = suite.handler.clone();
    let token = suite.register_foreign();
    suite.hold_foreign(&token, u128::MAX);
    suite.burn(&handler, FOREIGN, u128::MAX).unwrap();
    let totals = suite.totals(wrapped(FOREIGN));
    assert_eq!(
        (totals.supply, totals.burned),
        (Uint128::zero(), Uint128::MAX)
    );

    let err = suite.mint(&handler, FOREIGN, &handler, 1).unwrap_err();
    assert!(
        matches!(
            contract_error::<VaultError>(&err),
            ContractError::Overflow {
                counter: "minted",
                ..
            }
        ),
        "{err:#}"
    );
}

#[test]
fn an_amount_beyond_u128_does_not_parse() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user, vault) = (
        suite.handler.clone(),
        suite.user.clone(),
        suite.vault.clone(),
    );
    suite.lock(&handler, &atoms(100)).unwrap();
    let msg = serde_json::json!({
        "release": {
            "recipient": user.to_string(),
            "asset": {"native": {"denom": ATOM}},
            "amount": "340282366920938463463374607431768211456"
        }
    });
    let err = suite
        .app
        .execute_contract(handler, vault, &msg, &[])
        .unwrap_err();
    assert!(format!("{err:#}").contains("Error parsing"), "{err:#}");
    assert_eq!(suite.totals(native(ATOM)).locked, Uint128::new(100));
}

/// Totals a real bank or `cw20-base` can never push past `u128::MAX` (their
/// own supplies stop first) are still checked: the vault's state is set
/// near the limit directly, as a token with a broken supply could make it.
mod totals_set_near_the_limit {
    use btp_types::msg::token_vault::ReceiveMsg;
    use cosmwasm_std::Uint128;
    use token_vault::state::{LOCKED_CW20, WRAPPED};
    use token_vault::ContractError;

    use testing::errors::{contract_error, VaultError};
    use testing::suite::vault::*;

    const NEAR: Uint128 = Uint128::new(u128::MAX - 10);

    #[test]
    fn a_cw20_lock_that_would_overflow_is_a_typed_error() {
        let mut suite = SuiteBuilder::new().vault();
        let (handler, vault, token) = (
            suite.handler.clone(),
            suite.vault.clone(),
            suite.home_token.clone(),
        );
        LOCKED_CW20
            .save(&mut *suite.app.contract_storage_mut(&vault), &token, &NEAR)
            .unwrap();

        let err = suite
            .send_cw20(&handler, &token, 11, &ReceiveMsg::Lock {})
            .unwrap_err();
        assert!(
            matches!(contract_error::<VaultError>(&err), ContractError::Overflow { counter: "locked", current, .. } if *current == NEAR),
            "{err:#}"
        );
        assert_eq!(suite.cw20_balance(&token, &handler), START);
    }

    #[test]
    fn a_hold_that_would_overflow_is_a_typed_error() {
        let mut suite = SuiteBuilder::new().vault();
        let (handler, vault) = (suite.handler.clone(), suite.vault.clone());
        let token = suite.register_foreign();
        suite.mint(&handler, FOREIGN, &handler, 11).unwrap();
        {
            let mut storage = suite.app.contract_storage_mut(&vault);
            let mut coin = WRAPPED.load(&*storage, FOREIGN).unwrap();
            coin.held = NEAR;
            WRAPPED.save(&mut *storage, FOREIGN, &coin).unwrap();
        }

        let err = suite
            .send_cw20(&handler, &token, 11, &ReceiveMsg::HoldForBurning {})
            .unwrap_err();
        assert!(
            matches!(
                contract_error::<VaultError>(&err),
                ContractError::Overflow {
                    counter: "held",
                    ..
                }
            ),
            "{err:#}"
        );
        assert_eq!(suite.cw20_balance(&token, &handler), 11);
    }
}
