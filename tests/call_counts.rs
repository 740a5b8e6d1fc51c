//! What a delivered batch costs in contract calls, counted: every hop is an
//! instance charge on a real chain (60,000 gas on wasmd before any work),
//! so a change that adds one per batch or per message fails here.
//!
//! Per batch of transfers: the message center once, the token handler once,
//! the vault once. Per message only what a token's own contract must do
//! (a cw20 mint, transfer or burn); native coins move by bank sends, which
//! are no contract calls.

use btp_types::msg::token_handler::{ExecuteMsg as HandlerMsg, ReceiveMsg};
use btp_types::BtpAddress;
use cosmwasm_std::{coin, to_json_binary, Uint128};
use cw20::Cw20ExecuteMsg;
use testing::events::{executions, executions_of};
use testing::suite::{Side, Suite, SuiteBuilder, COIN_A, COIN_A_DENOM};

const BATCH: usize = 5;

/// The user sends `BATCH` transfers of A's native coin to B.
fn send_native_batch(suite: &mut Suite) {
    let user = suite.user.to_string();
    for _ in 0..BATCH {
        suite.send_native_to_b(1000, &user, None).unwrap();
    }
}

#[test]
fn a_batch_of_native_transfers_costs_one_call_of_each_contract_and_one_mint_per_receiver() {
    let mut suite = SuiteBuilder::new().build();
    send_native_batch(&mut suite);

    // Delivery on B: the center, the handler and the vault once each; the
    // wrapped token mints once per transfer.
    let delivered = suite.relay(Side::A).unwrap();
    let wrapped = suite.token(Side::B, COIN_A);
    let b = suite.b.clone();
    assert_eq!(executions_of(&delivered, &b.message_center), 1);
    assert_eq!(executions_of(&delivered, &b.handler), 1);
    assert_eq!(executions_of(&delivered, &b.vault), 1);
    assert_eq!(executions_of(&delivered, &wrapped), BATCH);
    assert_eq!(executions(&delivered), 3 + BATCH, "nothing else is called");

    // The success replies on A: the center and the handler once; nothing to
    // move for coins that stay locked.
    let replied = suite.relay(Side::B).unwrap();
    let a = suite.a.clone();
    assert_eq!(executions_of(&replied, &a.message_center), 1);
    assert_eq!(executions_of(&replied, &a.handler), 1);
    assert_eq!(executions(&replied), 2);
}

#[test]
fn a_batch_of_wrapped_coins_going_home_costs_one_call_of_each_contract() {
    let mut suite = SuiteBuilder::new().build();
    send_native_batch(&mut suite);
    suite.relay(Side::A).unwrap();
    suite.relay(Side::B).unwrap();

    let (user, wrapped) = (suite.user.clone(), suite.token(Side::B, COIN_A));
    let handler_b = suite.b.handler.clone();
    for _ in 0..BATCH {
        let send = Cw20ExecuteMsg::Send {
            contract: handler_b.to_string(),
            amount: Uint128::new(500),
            msg: to_json_binary(&ReceiveMsg::Transfer {
                to: suite.btp_address(Side::A, user.as_str()),
                timeout_secs: None,
            })
            .unwrap(),
        };
        suite.execute(Side::B, &user, &wrapped, &send, &[]).unwrap();
    }

    // Home on A: native coins are released by bank sends, no contract call.
    let delivered = suite.relay(Side::B).unwrap();
    let a = suite.a.clone();
    assert_eq!(executions_of(&delivered, &a.message_center), 1);
    assert_eq!(executions_of(&delivered, &a.handler), 1);
    assert_eq!(executions_of(&delivered, &a.vault), 1);
    assert_eq!(executions(&delivered), 3);

    // The success replies on B: the held wrapped coins are burned with one
    // vault call (and one burn of the token each).
    let replied = suite.relay(Side::A).unwrap();
    let b = suite.b.clone();
    assert_eq!(executions_of(&replied, &b.message_center), 1);
    assert_eq!(executions_of(&replied, &b.handler), 1);
    assert_eq!(executions_of(&replied, &b.vault), 1);
    assert_eq!(executions_of(&replied, &wrapped), BATCH);
    assert_eq!(executions(&replied), 3 + BATCH);
}

#[test]
fn a_refused_transfer_in_a_batch_is_answered_alone_and_the_rest_complete_with_one_vault_call() {
    let mut suite = SuiteBuilder::new().build();
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let network = suite.b.network.clone();
    for receiver in [
        user.to_string(),
        "not-an-account".to_string(),
        user.to_string(),
    ] {
        let msg = HandlerMsg::Transfer {
            to: BtpAddress::parse(&format!("btp://{network}/{receiver}")).unwrap(),
            timeout_secs: None,
        };
        suite
            .execute(Side::A, &user, &handler, &msg, &[coin(1000, COIN_A_DENOM)])
            .unwrap();
    }
    let delivered = suite.relay(Side::A).unwrap();
    let wrapped = suite.token(Side::B, COIN_A);
    let b = suite.b.clone();
    assert_eq!(executions_of(&delivered, &b.handler), 1);
    assert_eq!(executions_of(&delivered, &b.vault), 1);
    assert_eq!(suite.cw20_balance(&wrapped, &user), 2 * 980);

    let codes: Vec<u32> = suite
        .outbox_messages(Side::B)
        .iter()
        .map(|reply| {
            let message = btp_types::BtpMessage::decode(&reply.message).unwrap();
            btp_types::ErrorMessage::decode(&message.payload)
                .unwrap()
                .code
        })
        .collect();
    assert_eq!(
        codes,
        vec![0, btp_types::error_code::TOKEN_INVALID_RECEIVER, 0],
        "each request answered for itself"
    );
    // The refused one is refunded on A, net of the fee; the others stay locked.
    let before = suite.native_balance(&user, COIN_A_DENOM);
    suite.relay(Side::B).unwrap();
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), before + 980);
}
