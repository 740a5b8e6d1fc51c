//! Native coins: lock, release, no double spend.

use btp_types::events::token_vault::Released;
use btp_types::events::TypedEvent;
use cosmwasm_std::{Coin, Uint128};
use token_vault::ContractError;

use testing::errors::{contract_error, VaultError};
use testing::events::wasm_attribute;
use testing::suite::vault::*;

#[test]
fn native_coins_locked_by_a_bank_send_are_counted_exactly_as_the_bank_holds_them() {
    let mut suite = SuiteBuilder::new().vault();
    let handler = suite.handler.clone();
    let vault = suite.vault.clone();

    suite
        .lock(
            &handler,
            &[Coin::new(300u128, ATOM), Coin::new(70u128, OSMO)],
        )
        .unwrap();
    suite.lock(&handler, &atoms(200)).unwrap();

    assert_eq!(suite.totals(native(ATOM)).locked, Uint128::new(500));
    assert_eq!(suite.totals(native(OSMO)).locked, Uint128::new(70));
    assert_eq!(suite.native_balance(&vault, ATOM), 500);
    assert_eq!(suite.native_balance(&vault, OSMO), 70);
    assert_eq!(suite.native_balance(&handler, ATOM), START - 500);
    // A denom never locked answers zero.
    assert_eq!(suite.totals(native("uother")).locked, Uint128::zero());
}

#[test]
fn release_pays_exactly_the_amount_and_never_more_than_is_locked() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user, vault) = (
        suite.handler.clone(),
        suite.user.clone(),
        suite.vault.clone(),
    );
    suite.lock(&handler, &atoms(100)).unwrap();

    let response = suite.release(&handler, &user, native(ATOM), 30).unwrap();
    assert_eq!(suite.native_balance(&user, ATOM), START + 30);
    assert_eq!(suite.native_balance(&vault, ATOM), 70);
    assert_eq!(suite.totals(native(ATOM)).locked, Uint128::new(70));
    assert_eq!(
        wasm_attribute(&response, &vault, "action").as_deref(),
        Some("release")
    );
    assert_eq!(
        Released::parse(&response.events),
        vec![Released {
            coin: "native:uatom".into(),
            amount: Uint128::new(30),
            recipient: user.to_string(),
            locked: Some(Uint128::new(70)),
            held: None,
        }]
    );

    let err = suite
        .release(&handler, &user, native(ATOM), 71)
        .unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::InsufficientLocked {
            coin: "native:uatom".into(),
            requested: Uint128::new(71),
            available: Uint128::new(70),
        }
    );
    assert_eq!(suite.native_balance(&user, ATOM), START + 30);
    assert_eq!(suite.totals(native(ATOM)).locked, Uint128::new(70));
}

#[test]
fn coins_the_vault_holds_for_another_denom_cannot_be_released_under_this_one() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user) = (suite.handler.clone(), suite.user.clone());
    suite.lock(&handler, &[Coin::new(100u128, OSMO)]).unwrap();

    let err = suite.release(&handler, &user, native(ATOM), 1).unwrap_err();
    assert!(
        matches!(contract_error::<VaultError>(&err), ContractError::InsufficientLocked { available, .. } if available.is_zero()),
        "{err:#}"
    );
}

#[test]
fn a_second_release_of_the_same_funds_fails() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user, vault) = (
        suite.handler.clone(),
        suite.user.clone(),
        suite.vault.clone(),
    );
    suite.lock(&handler, &atoms(100)).unwrap();

    suite.release(&handler, &user, native(ATOM), 100).unwrap();
    let err = suite
        .release(&handler, &user, native(ATOM), 100)
        .unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::InsufficientLocked {
            coin: "native:uatom".into(),
            requested: Uint128::new(100),
            available: Uint128::zero(),
        }
    );
    assert_eq!(suite.native_balance(&user, ATOM), START + 100);
    assert_eq!(suite.native_balance(&vault, ATOM), 0);
}

#[test]
fn paying_the_vault_itself_is_refused() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, vault) = (suite.handler.clone(), suite.vault.clone());
    suite.lock(&handler, &atoms(100)).unwrap();
    suite.register_foreign();

    let err = suite
        .release(&handler, &vault, native(ATOM), 10)
        .unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::RecipientIsVault {
            operation: "release"
        }
    );
    let err = suite.mint(&handler, FOREIGN, &vault, 10).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::RecipientIsVault { operation: "mint" }
    );
    assert_eq!(suite.totals(native(ATOM)).locked, Uint128::new(100));
    assert!(suite.totals(wrapped(FOREIGN)).minted.is_zero());
}

#[test]
fn a_zero_release_is_refused() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user) = (suite.handler.clone(), suite.user.clone());
    suite.lock(&handler, &atoms(100)).unwrap();
    let err = suite.release(&handler, &user, native(ATOM), 0).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::ZeroAmount {
            operation: "release",
            coin: "native:uatom".into(),
        }
    );
}

#[test]
fn funds_attached_to_a_release_are_refused_rather_than_left_unaccounted() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user) = (suite.handler.clone(), suite.user.clone());
    suite.lock(&handler, &atoms(100)).unwrap();
    let msg = btp_types::msg::token_vault::ExecuteMsg::Release {
        recipient: user.to_string(),
        asset: native(ATOM),
        amount: Uint128::new(10),
    };
    let err = suite.execute(&handler, &msg, &atoms(5)).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::UnexpectedFunds {
            operation: "release",
            funds: "5uatom".into(),
        }
    );
    assert_eq!(suite.totals(native(ATOM)).locked, Uint128::new(100));
}
