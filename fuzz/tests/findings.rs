//! Reproducers of what the fuzzing found (findings/README.md), kept as
//! regression tests once fixed (scripts/fuzz-replay.sh runs them). An open
//! finding's test is `#[ignore]`d until its fix.

use btp_types::error_code::SUCCESS;
use btp_types::msg::token_handler::{
    ClaimableRefund, ExecuteMsg as HandlerMsg, PendingTransfer, QueryMsg as HandlerQuery,
};
use btp_types::{BtpAddress, BtpMessage, ErrorMessage};
use cosmwasm_std::{coin, Timestamp};
use testing::suite::{Side, SuiteBuilder, COIN_A_DENOM};

/// The input libFuzzer found (fuzz/artifacts/relay/crash-51c06776…): B's
/// first reply relayed to A with `timeout: Some(0)` instead of `None`.
/// Fixed in 87eb751: the relay target accepts it, with the genuine outcome.
#[test]
fn relay_timeout_zero_fuzz_input() {
    let data = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/findings/relay/timeout-zero"
    ))
    .unwrap();
    cw_btp_fuzz::relay(&data);
}

/// The same finding as a scenario: a relayer turned a refusal's reply into a
/// "timed out" message, and the sender's refund was lost for good (before
/// 87eb751). Now the reply is delivered as committed and the refund made.
#[test]
fn a_reply_relayed_with_timeout_zero_still_refunds_the_sender() {
    let mut suite = SuiteBuilder::new().build();
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let start = suite.native_balance(&user, COIN_A_DENOM);
    // The user sends 3,000 to an account B refuses.
    let to = BtpAddress::parse(&format!("btp://{}/nobody", suite.b.network)).unwrap();
    suite
        .execute(
            Side::A,
            &user,
            &handler,
            &HandlerMsg::Transfer {
                to,
                timeout_secs: Some(600),
            },
            &[coin(3_000, COIN_A_DENOM)],
        )
        .unwrap();
    suite.relay(Side::A).unwrap();
    // B answers with an error reply, committed without a timeout.
    let mut replies = suite.take_outbox(Side::B);
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0].timeout, None);
    let reply = BtpMessage::decode(&replies[0].message).unwrap();
    assert_ne!(ErrorMessage::decode(&reply.payload).unwrap().code, SUCCESS);

    // The relayer sends it with `"timeout": "0"`: the chain head commits to
    // 0 for "no timeout", so the proof still verifies; before 87eb751 A's
    // message center then dropped the reply as timed out (at time 0).
    let before = suite.native_balance(&user, COIN_A_DENOM);
    assert_eq!(before, start - 3_000);
    replies[0].timeout = Some(Timestamp::from_nanos(0));
    let forged = suite.relay_messages(Side::B, replies.clone());
    let accepted = forged.is_ok();

    // What must hold: the forged relay is refused, or else the refund happens.
    let refunds: Vec<ClaimableRefund> = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.a.handler,
            &HandlerQuery::ClaimableRefunds {
                account: user.to_string(),
            },
        )
        .unwrap();
    let pending: Result<PendingTransfer, _> = suite.app.wrap().query_wasm_smart(
        &suite.a.handler,
        &HandlerQuery::PendingTransfer { sn: -reply.sn },
    );
    // For the report when it fails: the honest reply cannot come any more
    // (sequence 1 is taken), and the request cannot time out (B received it).
    suite.wait(700);
    let resolved = suite.resolve_timeouts(Side::A).unwrap_or(0);
    let honest = suite.relay_messages(
        Side::B,
        vec![{
            let mut honest = replies[0].clone();
            honest.timeout = None;
            honest
        }],
    );
    let balance = suite.native_balance(&user, COIN_A_DENOM);
    let refunded = balance > before || refunds.iter().any(|refund| refund.amount.u128() > 0);
    assert!(
        !accepted || (refunded && pending.is_err()),
        "the relay with timeout 0 was accepted ({} events); the user holds {balance} of {start} \
         and has claimable refunds {refunds:?}; the transfer is still pending: {}; \
         timeouts resolved later: {resolved}; the honest reply afterwards: {}",
        forged
            .as_ref()
            .map(|response| response.events.len())
            .unwrap_or(0),
        pending.is_ok(),
        honest
            .map(|_| "accepted".to_string())
            .unwrap_or_else(|err| format!("{err:#}").lines().last().unwrap_or("").to_string()),
    );
}
