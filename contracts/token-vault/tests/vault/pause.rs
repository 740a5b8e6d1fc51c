//! A paused vault moves nothing, answers every query, and resumes fully.

use btp_types::msg::token_vault::{ExecuteMsg, ReceiveMsg};
use contract_kit::pause::PauseError;
use cosmwasm_std::Uint128;
use token_vault::ContractError;

use testing::errors::{contract_error, VaultError};
use testing::suite::vault::*;

fn set_paused(suite: &mut VaultSuite, paused: bool) {
    let owner = suite.owner.clone();
    suite
        .execute(&owner, &ExecuteMsg::SetPaused { paused }, &[])
        .unwrap();
}

fn assert_paused(err: &cw_multi_test::error::AnyError, operation: &'static str) {
    assert_eq!(
        contract_error::<VaultError>(err),
        &ContractError::Pause(PauseError::Paused { operation }),
        "{operation}"
    );
}

#[test]
fn a_paused_vault_refuses_every_movement_answers_queries_and_resumes() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user, token) = (
        suite.handler.clone(),
        suite.user.clone(),
        suite.home_token.clone(),
    );
    suite.lock(&handler, &atoms(100)).unwrap();
    suite
        .send_cw20(&handler, &token, 100, &ReceiveMsg::Lock {})
        .unwrap();
    let wrapped_token = suite.register_foreign();
    suite.hold_foreign(&wrapped_token, 100);
    suite.mint(&handler, FOREIGN, &handler, 100).unwrap();

    set_paused(&mut suite, true);
    let before = suite.all_totals(None, None);

    assert_paused(
        &suite
            .send_cw20(&handler, &token, 1, &ReceiveMsg::Lock {})
            .unwrap_err(),
        "lock",
    );
    assert_paused(
        &suite
            .send_cw20(&handler, &wrapped_token, 1, &ReceiveMsg::HoldForBurning {})
            .unwrap_err(),
        "hold_for_burning",
    );
    for asset in [native(ATOM), cw20(&token), wrapped(FOREIGN)] {
        assert_paused(
            &suite.release(&handler, &user, asset, 1).unwrap_err(),
            "release",
        );
    }
    assert_paused(
        &suite.mint(&handler, FOREIGN, &user, 1).unwrap_err(),
        "mint",
    );
    assert_paused(&suite.burn(&handler, FOREIGN, 1).unwrap_err(), "burn");

    // Queries still answer, and nothing moved.
    assert!(suite.config().paused);
    assert_eq!(suite.all_totals(None, None), before);
    assert_eq!(suite.totals(native(ATOM)).locked, Uint128::new(100));
    assert_eq!(suite.wrapped_token(FOREIGN).token, wrapped_token.as_str());
    assert_eq!(suite.native_balance(&user, ATOM), START);

    // Unpausing restores every movement.
    set_paused(&mut suite, false);
    suite.lock(&handler, &atoms(1)).unwrap();
    suite
        .send_cw20(&handler, &token, 1, &ReceiveMsg::Lock {})
        .unwrap();
    suite
        .send_cw20(&handler, &wrapped_token, 1, &ReceiveMsg::HoldForBurning {})
        .unwrap();
    for asset in [native(ATOM), cw20(&token), wrapped(FOREIGN)] {
        suite.release(&handler, &user, asset, 1).unwrap();
    }
    suite.mint(&handler, FOREIGN, &user, 1).unwrap();
    suite.burn(&handler, FOREIGN, 1).unwrap();
    assert_eq!(suite.totals(native(ATOM)).locked, Uint128::new(100));
    assert_eq!(suite.totals(cw20(&token)).locked, Uint128::new(100));
    let totals = suite.totals(wrapped(FOREIGN));
    assert_eq!(
        (
            totals.minted.u128(),
            totals.burned.u128(),
            totals.held.u128()
        ),
        (201, 1, 99)
    );
}

#[test]
fn registrations_go_on_while_paused() {
    let mut suite = SuiteBuilder::new().vault();
    set_paused(&mut suite, true);
    suite.register_foreign();
    assert!(suite.totals(wrapped(FOREIGN)).minted.is_zero());
}

#[test]
fn only_the_owner_pauses_even_the_handler_cannot() {
    let mut suite = SuiteBuilder::new().vault();
    let handler = suite.handler.clone();
    let err = suite
        .execute(&handler, &ExecuteMsg::SetPaused { paused: true }, &[])
        .unwrap_err();
    assert!(
        matches!(
            contract_error::<VaultError>(&err),
            ContractError::Pause(PauseError::Ownership(_))
        ),
        "{err:#}"
    );
    assert!(!suite.config().paused);
}
