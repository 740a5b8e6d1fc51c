//! Every entry point that moves value (or creates a token) refuses anyone
//! but the handler: the user, and the owner too.

use btp_types::msg::token_vault::{ExecuteMsg, ReceiveMsg};
use cosmwasm_std::{to_json_binary, Addr, Uint128};
use cw20::Cw20ReceiveMsg;
use token_vault::ContractError;

use testing::errors::{contract_error, VaultError};
use testing::suite::vault::*;

/// A vault with something of every kind in it: locked atoms and home
/// tokens, a wrapped coin with tokens held for burning.
fn stocked() -> (VaultSuite, Addr) {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, token) = (suite.handler.clone(), suite.home_token.clone());
    suite.lock(&handler, &atoms(1_000)).unwrap();
    suite
        .send_cw20(&handler, &token, 1_000, &ReceiveMsg::Lock {})
        .unwrap();
    let wrapped_token = suite.register_foreign();
    suite.hold_foreign(&wrapped_token, 1_000);
    (suite, wrapped_token)
}

fn outsiders(suite: &VaultSuite) -> [Addr; 2] {
    [suite.user.clone(), suite.owner.clone()]
}

fn assert_not_handler(err: &cw_multi_test::error::AnyError, operation: &str, sender: &Addr) {
    assert_eq!(
        contract_error::<VaultError>(err),
        &ContractError::NotHandler {
            operation: match operation {
                "lock" => "lock",
                "release" => "release",
                "mint" => "mint",
                "burn" => "burn",
                "register_wrapped_token" => "register_wrapped_token",
                "register_home_token" => "register_home_token",
                _ => "send cw20 tokens to the vault",
            },
            sender: sender.to_string(),
        },
        "{operation} by {sender}"
    );
}

#[test]
fn coins_anyone_sends_to_the_vault_are_paid_out_by_the_handler_alone() {
    let (mut suite, _) = stocked();
    let vault = suite.vault.clone();
    let locked = suite.totals(native(ATOM)).locked;
    for outsider in outsiders(&suite) {
        // A bank send cannot be refused; it only adds to what the vault holds.
        suite.lock(&outsider, &atoms(10)).unwrap();
        let err = suite
            .release(&outsider, &outsider, native(ATOM), 10)
            .unwrap_err();
        assert_not_handler(&err, "release", &outsider);
    }
    let outsiders = u128::try_from(outsiders(&suite).len()).unwrap();
    assert_eq!(
        suite.totals(native(ATOM)).locked,
        locked + Uint128::new(10 * outsiders)
    );
    assert_eq!(
        suite.native_balance(&vault, ATOM),
        suite.totals(native(ATOM)).locked.u128()
    );
}

#[test]
fn receive_by_anyone_but_the_handler_is_refused() {
    let (mut suite, wrapped_token) = stocked();
    let (token, owner, user) = (
        suite.home_token.clone(),
        suite.owner.clone(),
        suite.user.clone(),
    );
    suite.transfer_cw20(&user, &token, &owner, 100);
    let handler = suite.handler.clone();
    suite.mint(&handler, FOREIGN, &user, 100).unwrap();
    suite.transfer_cw20(&user, &wrapped_token, &owner, 50);
    let before = suite.all_totals(None, None);
    for outsider in outsiders(&suite) {
        // Through the token's own `send`: the vault sees `sender` = outsider.
        let err = suite
            .send_cw20(&outsider, &token, 10, &ReceiveMsg::Lock {})
            .unwrap_err();
        assert_not_handler(&err, "receive", &outsider);
        let err = suite
            .send_cw20(
                &outsider,
                &wrapped_token,
                10,
                &ReceiveMsg::HoldForBurning {},
            )
            .unwrap_err();
        assert_not_handler(&err, "receive", &outsider);
        // And by calling `receive` directly under its own name.
        let msg = ExecuteMsg::Receive(Cw20ReceiveMsg {
            sender: outsider.to_string(),
            amount: Uint128::new(10),
            msg: to_json_binary(&ReceiveMsg::Lock {}).unwrap(),
        });
        let err = suite.execute(&outsider, &msg, &[]).unwrap_err();
        assert_not_handler(&err, "receive", &outsider);
    }
    assert_eq!(suite.all_totals(None, None), before);
}

#[test]
fn release_by_anyone_but_the_handler_is_refused() {
    let (mut suite, _) = stocked();
    let token = suite.home_token.clone();
    let before = suite.all_totals(None, None);
    for outsider in outsiders(&suite) {
        for asset in [native(ATOM), cw20(&token), wrapped(FOREIGN)] {
            let err = suite.release(&outsider, &outsider, asset, 1).unwrap_err();
            assert_not_handler(&err, "release", &outsider);
        }
    }
    assert_eq!(suite.all_totals(None, None), before);
}

#[test]
fn mint_by_anyone_but_the_handler_is_refused() {
    let (mut suite, wrapped_token) = stocked();
    let before = suite.all_totals(None, None);
    for outsider in outsiders(&suite) {
        let err = suite.mint(&outsider, FOREIGN, &outsider, 1).unwrap_err();
        assert_not_handler(&err, "mint", &outsider);
        assert_eq!(suite.cw20_balance(&wrapped_token, &outsider), 0);
    }
    assert_eq!(suite.all_totals(None, None), before);
}

#[test]
fn burn_by_anyone_but_the_handler_is_refused() {
    let (mut suite, wrapped_token) = stocked();
    let before = suite.all_totals(None, None);
    for outsider in outsiders(&suite) {
        let err = suite.burn(&outsider, FOREIGN, 1).unwrap_err();
        assert_not_handler(&err, "burn", &outsider);
    }
    assert_eq!(suite.all_totals(None, None), before);
    assert_eq!(
        suite.token_info(&wrapped_token).total_supply,
        Uint128::new(1_000)
    );
}

#[test]
fn wrapped_token_registration_by_anyone_but_the_handler_is_refused() {
    let mut suite = SuiteBuilder::new().vault();
    for outsider in outsiders(&suite) {
        let err = suite
            .register_wrapped_as(&outsider, "btp-0x2.bsc-BNB", "BSC BNB", "BNB", 18)
            .unwrap_err();
        assert_not_handler(&err, "register_wrapped_token", &outsider);
    }
    assert_eq!(suite.all_totals(None, None).len(), 1, "only the home token");
}

#[test]
fn home_token_registration_by_anyone_but_the_handler_is_refused() {
    let mut suite = SuiteBuilder::new().vault_without_handler();
    suite.set_handler();
    let token = suite.home_token.clone();
    for outsider in outsiders(&suite) {
        let msg = ExecuteMsg::RegisterHomeToken {
            address: token.to_string(),
        };
        let err = suite.execute(&outsider, &msg, &[]).unwrap_err();
        assert_not_handler(&err, "register_home_token", &outsider);
    }
    assert!(suite.all_totals(None, None).is_empty());
}

#[test]
fn nothing_moves_before_the_owner_names_a_handler() {
    let mut suite = SuiteBuilder::new().vault_without_handler();
    let (handler, user) = (suite.handler.clone(), suite.user.clone());
    let err = suite.release(&handler, &user, native(ATOM), 1).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::HandlerNotSet {
            operation: "release"
        }
    );
    assert_eq!(suite.config().handler, None);
}

#[test]
fn only_the_owner_names_the_handler() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user) = (suite.handler.clone(), suite.user.clone());
    for outsider in [handler.clone(), user.clone()] {
        let msg = ExecuteMsg::SetHandler {
            handler: outsider.to_string(),
        };
        let err = suite.execute(&outsider, &msg, &[]).unwrap_err();
        assert!(
            matches!(
                contract_error::<VaultError>(&err),
                ContractError::Ownership(_)
            ),
            "{err:#}"
        );
    }
    assert_eq!(suite.config().handler, Some(handler.to_string()));
}
