//! Value transfer across two chains: the token handler, the vault and the
//! message center together, with mock verifiers. Every step checks balances
//! exactly, fees included, and the supply invariant:
//! locked on the home chain = wrapped supply on the remote chain + in flight.

use btp_types::error_code::{
    TOKEN_BLACKLISTED, TOKEN_INVALID_RECEIVER, TOKEN_LIMIT_EXCEEDED, TOKEN_PAUSED,
};
use btp_types::events::message_center::ReplyIgnored;
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::RelayedMessage;
use btp_types::msg::token_handler::{
    ClaimableRefund, ExecuteMsg as HandlerMsg, Limits, PendingTransfer, QueryMsg as HandlerQuery,
    ReceiveMsg,
};
use btp_types::msg::token_vault::VaultAsset;
use btp_types::{BtpMessage, ErrorMessage};
use cosmwasm_std::{coin, to_json_binary, Binary, Uint128};
use cw20::{Cw20ExecuteMsg, Cw20ReceiveMsg};
use testing::mock_verifier::Mode;
use testing::suite::{Side, Suite, SuiteBuilder, COIN_A, COIN_A_DENOM, TOKEN_A};

const START: u128 = 1_000_000;

fn locked(suite: &Suite, asset: VaultAsset) -> u128 {
    suite.totals(Side::A, asset).locked.u128()
}

fn native_asset() -> VaultAsset {
    VaultAsset::Native {
        denom: COIN_A_DENOM.into(),
    }
}

fn wrapped(coin_name: &str) -> VaultAsset {
    VaultAsset::Wrapped {
        coin_name: coin_name.into(),
    }
}

/// The user sends `amount` of A's native coin to `receiver` on B.
fn send_native(suite: &mut Suite, amount: u128, receiver: &str) -> anyhow::Result<()> {
    suite.send_native_to_b(amount, receiver, None)?;
    Ok(())
}

/// The error reply a relay committed (the first message in B's outbox).
fn outcome_code(suite: &mut Suite) -> u32 {
    let outbox = suite.take_outbox(Side::B);
    let message = BtpMessage::decode(&outbox[0].message).unwrap();
    let code = ErrorMessage::decode(&message.payload).unwrap().code;
    suite.relay_messages(Side::B, outbox).unwrap();
    code
}

fn pending(suite: &Suite) -> Vec<PendingTransfer> {
    suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.a.handler,
            &HandlerQuery::PendingTransfers {
                sender: suite.user.to_string(),
            },
        )
        .unwrap()
}

#[test]
fn a_native_coin_goes_to_b_and_back_with_exact_balances() {
    let mut suite = SuiteBuilder::new().build();
    let user = suite.user.clone();
    let user_name = user.to_string();

    // 1000 leave A: fee 10 + 1% = 20 stays with A's handler, 980 is locked.
    send_native(&mut suite, 1000, &user_name).unwrap();
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), START - 1000);
    assert_eq!(
        suite.native_balance(&suite.a.handler.clone(), COIN_A_DENOM),
        20
    );
    assert_eq!(locked(&suite, native_asset()), 980);
    assert_eq!(pending(&suite).len(), 1, "in flight until the reply");

    suite.relay(Side::A).unwrap();
    let wrapped_coin = suite.token(Side::B, COIN_A);
    assert_eq!(suite.cw20_balance(&wrapped_coin, &user), 980);
    assert_eq!(
        suite.cw20_supply(&wrapped_coin),
        980,
        "locked on A = supply on B"
    );
    assert_eq!(
        pending(&suite).len(),
        1,
        "the success reply has not arrived yet"
    );

    suite.relay(Side::B).unwrap();
    assert!(
        pending(&suite).is_empty(),
        "final once the success reply arrives"
    );
    assert_eq!(locked(&suite, native_asset()), 980);

    // 980 come back: fee 10 + 9 stays with B's handler (in wrapped coin), 961 travel.
    let send = Cw20ExecuteMsg::Send {
        contract: suite.b.handler.to_string(),
        amount: Uint128::new(980),
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to: suite.btp_address(Side::A, &user_name),
            timeout_secs: None,
        })
        .unwrap(),
    };
    suite
        .execute(Side::B, &user, &wrapped_coin, &send, &[])
        .unwrap();
    assert_eq!(suite.cw20_balance(&wrapped_coin, &user), 0);
    assert_eq!(
        suite.cw20_balance(&wrapped_coin, &suite.b.handler.clone()),
        19
    );
    assert_eq!(suite.totals(Side::B, wrapped(COIN_A)).held.u128(), 961);

    suite.relay(Side::B).unwrap();
    assert_eq!(
        suite.native_balance(&user, COIN_A_DENOM),
        START - 1000 + 961
    );
    assert_eq!(locked(&suite, native_asset()), 19);
    // Until the success reply reaches B, the 961 are in flight (held, not burned).
    assert_eq!(suite.cw20_supply(&wrapped_coin), 980);

    suite.relay(Side::A).unwrap();
    assert_eq!(suite.cw20_supply(&wrapped_coin), 19, "burned after success");
    assert_eq!(suite.totals(Side::B, wrapped(COIN_A)).held.u128(), 0);
    assert_eq!(
        locked(&suite, native_asset()),
        suite.cw20_supply(&wrapped_coin)
    );
}

#[test]
fn a_cw20_token_goes_to_b_and_back_with_exact_balances() {
    let mut suite = SuiteBuilder::new().build();
    let user = suite.user.clone();
    let user_name = user.to_string();
    let token_a = suite.token_a.clone();
    let home_asset = VaultAsset::Cw20 {
        address: token_a.to_string(),
    };

    let send = Cw20ExecuteMsg::Send {
        contract: suite.a.handler.to_string(),
        amount: Uint128::new(5000),
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to: suite.btp_address(Side::B, &user_name),
            timeout_secs: None,
        })
        .unwrap(),
    };
    suite.execute(Side::A, &user, &token_a, &send, &[]).unwrap();
    // fee 10 + 50 = 60 stays with A's handler; 4940 locked.
    assert_eq!(suite.cw20_balance(&token_a, &user), START - 5000);
    assert_eq!(suite.cw20_balance(&token_a, &suite.a.handler.clone()), 60);
    assert_eq!(locked(&suite, home_asset.clone()), 4940);
    suite.relay(Side::A).unwrap();
    suite.relay(Side::B).unwrap();
    let wrapped_token = suite.token(Side::B, TOKEN_A);
    assert_eq!(suite.cw20_balance(&wrapped_token, &user), 4940);

    let back = Cw20ExecuteMsg::Send {
        contract: suite.b.handler.to_string(),
        amount: Uint128::new(4940),
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to: suite.btp_address(Side::A, &user_name),
            timeout_secs: None,
        })
        .unwrap(),
    };
    suite
        .execute(Side::B, &user, &wrapped_token, &back, &[])
        .unwrap();
    suite.relay(Side::B).unwrap();
    suite.relay(Side::A).unwrap();
    // fee 10 + 49 = 59 on B; 4881 back home.
    assert_eq!(suite.cw20_balance(&token_a, &user), START - 5000 + 4881);
    assert_eq!(locked(&suite, home_asset), 59);
    assert_eq!(suite.cw20_supply(&wrapped_token), 59);
    assert_eq!(
        suite.cw20_balance(&wrapped_token, &suite.b.handler.clone()),
        59
    );
}

/// A transfer that B refuses with `expected`: the sender gets back the net
/// amount, once; the fee stays taken; nothing is minted on B.
fn assert_refunded(suite: &mut Suite, expected: u32) {
    let user = suite.user.clone();
    suite.relay(Side::A).unwrap();
    assert_eq!(outcome_code(suite), expected);
    assert_eq!(
        suite.native_balance(&user, COIN_A_DENOM),
        START - 20,
        "refunded minus the fee"
    );
    assert_eq!(locked(suite, native_asset()), 0);
    assert!(pending(suite).is_empty());
    assert_eq!(suite.totals(Side::B, wrapped(COIN_A)).minted.u128(), 0);
}

#[test]
fn a_transfer_to_an_invalid_receiver_is_refunded_minus_the_fee() {
    let mut suite = SuiteBuilder::new().build();
    send_native(&mut suite, 1000, "not-an-account").unwrap();
    assert_refunded(&mut suite, TOKEN_INVALID_RECEIVER);
}

#[test]
fn a_transfer_above_the_receiving_limit_is_refunded_minus_the_fee() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let handler_b = suite.b.handler.clone();
    let limits = Limits {
        max: Some(Uint128::new(500)),
        ..Limits::default()
    };
    suite
        .execute(
            Side::B,
            &owner,
            &handler_b,
            &HandlerMsg::UpdateCoin {
                coin_name: COIN_A.into(),
                fee: btp_types::msg::token_handler::FeePolicy {
                    ratio: cosmwasm_std::Decimal::percent(1),
                    fixed: Uint128::new(10),
                },
                limits,
            },
            &[],
        )
        .unwrap();
    let user = suite.user.to_string();
    send_native(&mut suite, 1000, &user).unwrap();
    assert_refunded(&mut suite, TOKEN_LIMIT_EXCEEDED);
}

#[test]
fn a_transfer_to_a_blacklisted_receiver_is_refunded_minus_the_fee() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, handler_b, user) = (
        suite.owner.clone(),
        suite.b.handler.clone(),
        suite.user.clone(),
    );
    let blacklist = HandlerMsg::SetBlacklisted {
        address: user.to_string(),
        blacklisted: true,
    };
    suite
        .execute(Side::B, &owner, &handler_b, &blacklist, &[])
        .unwrap();
    send_native(&mut suite, 1000, user.as_str()).unwrap();
    assert_refunded(&mut suite, TOKEN_BLACKLISTED);
}

#[test]
fn a_transfer_to_a_paused_handler_is_refunded_minus_the_fee() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, handler_b, user) = (
        suite.owner.clone(),
        suite.b.handler.clone(),
        suite.user.clone(),
    );
    suite
        .execute(
            Side::B,
            &owner,
            &handler_b,
            &HandlerMsg::SetPaused { paused: true },
            &[],
        )
        .unwrap();
    send_native(&mut suite, 1000, user.as_str()).unwrap();
    assert_refunded(&mut suite, TOKEN_PAUSED);
}

/// A second reply for a finished transfer (forged past a broken verifier, as
/// the message center itself never delivers one twice) pays nothing.
#[test]
fn a_replayed_success_reply_and_a_replayed_error_reply_change_nothing() {
    for receiver_is_valid in [true, false] {
        let mut suite = SuiteBuilder::new().build();
        let user = suite.user.clone();
        let receiver = if receiver_is_valid {
            user.to_string()
        } else {
            "nobody".into()
        };
        send_native(&mut suite, 1000, &receiver).unwrap();
        suite.relay(Side::A).unwrap();
        let reply = suite.take_outbox(Side::B);
        suite.relay_messages(Side::B, reply.clone()).unwrap();
        let balance = suite.native_balance(&user, COIN_A_DENOM);
        let vault_locked = locked(&suite, native_asset());

        // The same reply again: the message center refuses the replay.
        let err = suite.relay_messages(Side::B, reply.clone()).unwrap_err();
        assert!(format!("{err:#}").contains("was already delivered"));

        // A forged copy under a new sequence (past a broken verifier) finds
        // its request resolved: the message center ignores it, nothing is
        // paid twice.
        suite.set_verifier_mode(Side::A, Mode::AcceptAll);
        let forged = RelayedMessage {
            sequence: reply[0].sequence + 1,
            message: reply[0].message.clone(),
            timeout: None,
        };
        let response = suite.relay_messages(Side::B, vec![forged]).unwrap();
        assert!(ReplyIgnored::occurs_in(&response.events));
        assert_eq!(
            suite.native_balance(&user, COIN_A_DENOM),
            balance,
            "valid receiver: {receiver_is_valid}"
        );
        assert_eq!(locked(&suite, native_asset()), vault_locked);
    }
}

#[test]
fn only_the_message_center_can_deliver_to_the_handler() {
    let mut suite = SuiteBuilder::new().build();
    let (user, handler) = (suite.user.clone(), suite.b.handler.clone());
    let forged = HandlerMsg::HandleBtpMessage {
        src: suite.a.network.clone(),
        svc: "bts".into(),
        sn: 1,
        payload: Binary::default(),
    };
    let err = suite
        .execute(Side::B, &user, &handler, &forged, &[])
        .unwrap_err();
    assert!(format!("{err:#}").contains(&format!("delivers to the service; {user} is not it")));
    let forged_reply = HandlerMsg::HandleBtpReply {
        src: suite.b.network.clone(),
        svc: "bts".into(),
        sn: 1,
        code: 1,
        message: String::new(),
    };
    let handler_a = suite.a.handler.clone();
    let err = suite
        .execute(Side::A, &user, &handler_a, &forged_reply, &[])
        .unwrap_err();
    assert!(format!("{err:#}").contains(&format!("delivers to the service; {user} is not it")));
}

/// Only what a registered token contract reports is credited: anyone can
/// call the hook with a made-up `Cw20ReceiveMsg`, and it creates nothing.
#[test]
fn a_cw20_receive_from_anything_but_the_token_creates_nothing() {
    let mut suite = SuiteBuilder::new().build();
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let fake = HandlerMsg::Receive(Cw20ReceiveMsg {
        sender: user.to_string(),
        amount: Uint128::new(1_000_000),
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to: suite.btp_address(Side::B, user.as_str()),
            timeout_secs: None,
        })
        .unwrap(),
    });
    let err = suite
        .execute(Side::A, &user, &handler, &fake, &[])
        .unwrap_err();
    assert!(format!("{err:#}").contains("is not a registered coin"));
    assert_eq!(suite.pending(Side::A), 0);
    assert!(pending(&suite).is_empty());
}

#[test]
fn a_refund_the_vault_cannot_pay_stays_claimable_and_is_paid_once() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, vault_a, handler_a, user) = (
        suite.owner.clone(),
        suite.a.vault.clone(),
        suite.a.handler.clone(),
        suite.user.clone(),
    );
    send_native(&mut suite, 1000, "nobody").unwrap();
    suite.relay(Side::A).unwrap();
    // A's vault is paused when the error reply arrives: the refund fails.
    let pause = btp_types::msg::token_vault::ExecuteMsg::SetPaused { paused: true };
    suite
        .execute(Side::A, &owner, &vault_a, &pause, &[])
        .unwrap();
    suite.relay(Side::B).unwrap();
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), START - 1000);
    let claimable: Vec<ClaimableRefund> = suite
        .app
        .wrap()
        .query_wasm_smart(
            &handler_a,
            &HandlerQuery::ClaimableRefunds {
                account: user.to_string(),
            },
        )
        .unwrap();
    assert_eq!(
        claimable,
        vec![ClaimableRefund {
            coin_name: COIN_A.into(),
            amount: Uint128::new(980)
        }]
    );

    let unpause = btp_types::msg::token_vault::ExecuteMsg::SetPaused { paused: false };
    suite
        .execute(Side::A, &owner, &vault_a, &unpause, &[])
        .unwrap();
    let claim = HandlerMsg::ClaimRefund {
        coin_name: COIN_A.into(),
    };
    suite
        .execute(Side::A, &user, &handler_a, &claim, &[])
        .unwrap();
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), START - 20);
    let err = suite
        .execute(Side::A, &user, &handler_a, &claim, &[])
        .unwrap_err();
    assert!(format!("{err:#}").contains("no refund of a/ucoina to claim"));
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), START - 20);
}

#[test]
fn a_chain_cannot_send_back_more_than_was_sent_to_it() {
    let mut suite = SuiteBuilder::new().build();
    let user = suite.user.clone();
    send_native(&mut suite, 1000, user.as_str()).unwrap();
    suite.relay(Side::A).unwrap();
    suite.relay(Side::B).unwrap();
    // B's handler asks A to release 5000 though only 980 went to B: refused.
    let request = btp_types::TokenServiceMessage::Transfer(btp_types::TransferRequest {
        from: user.to_string(),
        to: user.to_string(),
        assets: vec![btp_types::Asset {
            coin_name: COIN_A.into(),
            amount: Uint128::new(5000),
        }],
    });
    let forged = BtpMessage {
        src: suite.b.network.clone(),
        dst: suite.a.network.clone(),
        svc: "bts".into(),
        sn: 77,
        payload: Binary::new(request.encode()),
        nsn: 77,
        fee_info: None,
    };
    suite.set_verifier_mode(Side::A, Mode::AcceptAll);
    let link: btp_types::msg::message_center::LinkResponse = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.a.message_center,
            &btp_types::msg::message_center::QueryMsg::Link {
                network: suite.b.network.clone(),
            },
        )
        .unwrap();
    let relayed = RelayedMessage {
        sequence: link.rx_seq + 1,
        message: Binary::new(forged.encode()),
        timeout: None,
    };
    suite.relay_messages(Side::B, vec![relayed]).unwrap();
    let reply = suite.take_outbox(Side::A);
    let outcome =
        ErrorMessage::decode(&BtpMessage::decode(&reply[0].message).unwrap().payload).unwrap();
    assert_eq!(outcome.code, TOKEN_LIMIT_EXCEEDED);
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), START - 1000);
    assert_eq!(locked(&suite, native_asset()), 980);
}

/// A transfer that times out is refunded and gives back the room it took in
/// A's rolling sending window (its gross amount, fee included): the same
/// amount can leave again at once.
#[test]
fn a_timed_out_transfer_gives_back_its_room_in_the_sending_window() {
    let mut suite = SuiteBuilder::new()
        .limits(Limits {
            rate_limit: Some(btp_types::msg::token_handler::RateLimit {
                amount: Uint128::new(1000),
                window_secs: 3600,
            }),
            ..Limits::default()
        })
        .build();
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let msg = HandlerMsg::Transfer {
        to: suite.btp_address(Side::B, user.as_str()),
        timeout_secs: Some(600),
    };
    suite
        .execute(Side::A, &user, &handler, &msg, &[coin(1000, COIN_A_DENOM)])
        .unwrap();
    let err = send_native(&mut suite, 100, user.as_str()).unwrap_err();
    assert!(
        format!("{err:#}").contains(
            "100 a/ucoina would exceed the rate limit: 1000 of 1000 used in the last 3600s"
        ),
        "{err:#}"
    );

    // The relayer is late: B answers TIMED_OUT and A refunds the net amount.
    suite.wait(601);
    suite.relay(Side::A).unwrap();
    assert_eq!(outcome_code(&mut suite), btp_types::error_code::TIMED_OUT);
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), START - 20);
    assert!(pending(&suite).is_empty());
    assert_eq!(locked(&suite, native_asset()), 0);

    send_native(&mut suite, 1000, user.as_str()).unwrap();
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), START - 1020);
}
