//! `settle`: a batch's movements in one call, each checked as its single
//! call is, all or none, from the handler alone.

use btp_types::events::token_vault::{Burned, Minted, Released};
use btp_types::events::TypedEvent;
use btp_types::msg::token_vault::{ExecuteMsg, Movement};
use cosmwasm_std::Uint128;
use token_vault::ContractError;

use testing::errors::{contract_error, VaultError};
use testing::suite::vault::*;

fn release(recipient: &cosmwasm_std::Addr, amount: u128) -> Movement {
    Movement::Release {
        recipient: recipient.to_string(),
        asset: native(ATOM),
        amount: Uint128::new(amount),
    }
}

fn settle(
    suite: &mut VaultSuite,
    sender: &cosmwasm_std::Addr,
    movements: Vec<Movement>,
) -> cw_multi_test::error::AnyResult<cw_multi_test::AppResponse> {
    suite.execute(sender, &ExecuteMsg::Settle { movements }, &[])
}

#[test]
fn settle_applies_every_movement_in_order() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user, owner) = (
        suite.handler.clone(),
        suite.user.clone(),
        suite.owner.clone(),
    );
    let token = suite.register_foreign();
    suite.lock(&handler, &atoms(500)).unwrap();
    suite.hold_foreign(&token, 40);

    let response = settle(
        &mut suite,
        &handler,
        vec![
            release(&user, 100),
            Movement::Mint {
                coin_name: FOREIGN.into(),
                recipient: owner.to_string(),
                amount: Uint128::new(7),
            },
            release(&owner, 50),
            Movement::Burn {
                coin_name: FOREIGN.into(),
                amount: Uint128::new(40),
            },
        ],
    )
    .unwrap();

    assert_eq!(suite.totals(native(ATOM)).locked, Uint128::new(350));
    assert_eq!(suite.native_balance(&user, ATOM), START + 100);
    assert_eq!(suite.native_balance(&owner, ATOM), START + 50);
    assert_eq!(suite.cw20_balance(&token, &owner), 7);
    let wrapped = suite.totals(wrapped(FOREIGN));
    assert_eq!(wrapped.held, Uint128::zero());
    assert_eq!(wrapped.burned, Uint128::new(40));
    // Each movement's event, in order.
    let released: Vec<_> = Released::parse(&response.events)
        .into_iter()
        .map(|event| (event.recipient, event.amount.u128()))
        .collect();
    assert_eq!(released, [(user.to_string(), 100), (owner.to_string(), 50)]);
    assert_eq!(Minted::parse(&response.events).len(), 1);
    assert_eq!(Burned::parse(&response.events)[0].amount, Uint128::new(40));
}

#[test]
fn one_movement_refused_undoes_the_whole_settle() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user) = (suite.handler.clone(), suite.user.clone());
    suite.lock(&handler, &atoms(150)).unwrap();

    // The second release asks for more than is left after the first.
    let err = settle(
        &mut suite,
        &handler,
        vec![release(&user, 100), release(&user, 100)],
    )
    .unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::InsufficientLocked {
            coin: "native:uatom".into(),
            requested: Uint128::new(100),
            available: Uint128::new(50),
        }
    );
    assert_eq!(
        suite.totals(native(ATOM)).locked,
        Uint128::new(150),
        "nothing moved"
    );
    assert_eq!(suite.native_balance(&user, ATOM), START);
}

#[test]
fn only_the_handler_settles_and_never_while_paused_or_with_nothing_to_do() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, user, owner) = (
        suite.handler.clone(),
        suite.user.clone(),
        suite.owner.clone(),
    );
    suite.lock(&handler, &atoms(100)).unwrap();

    let err = settle(&mut suite, &user, vec![release(&user, 100)]).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::NotHandler {
            operation: "settle",
            sender: user.to_string(),
        }
    );

    let err = settle(&mut suite, &handler, vec![]).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::NothingToSettle
    );

    let err = suite
        .execute(
            &handler,
            &ExecuteMsg::Settle {
                movements: vec![release(&user, 1)],
            },
            &atoms(1),
        )
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        ContractError::UnexpectedFunds {
            operation: "settle",
            ..
        }
    ));

    suite
        .execute(&owner, &ExecuteMsg::SetPaused { paused: true }, &[])
        .unwrap();
    let err = settle(&mut suite, &handler, vec![release(&user, 1)]).unwrap_err();
    assert!(
        matches!(
            contract_error::<VaultError>(&err),
            ContractError::Pause(contract_kit::pause::PauseError::Paused {
                operation: "settle"
            })
        ),
        "{err:?}"
    );
    assert_eq!(suite.totals(native(ATOM)).locked, Uint128::new(100));
}

#[test]
fn a_settle_cannot_pay_the_vault_itself() {
    let mut suite = SuiteBuilder::new().vault();
    let (handler, vault) = (suite.handler.clone(), suite.vault.clone());
    suite.lock(&handler, &atoms(100)).unwrap();
    let err = settle(&mut suite, &handler, vec![release(&vault, 10)]).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &ContractError::RecipientIsVault {
            operation: "release"
        }
    );
}
