//! Value limits: the receiving rate-limit window, and amounts at the very
//! top of 128 bits. (Per-transfer bounds, the sending window, blacklisted
//! senders and receivers, and overflow inside fee and window arithmetic are in
//! `contracts/token-handler/tests/handler.rs` and `tests/token_transfer.rs`.)

use btp_types::error_code::TOKEN_LIMIT_EXCEEDED;
use btp_types::msg::token_handler::{
    ExecuteMsg as HandlerMsg, FeePolicy, Limits, RateLimit, ReceiveMsg,
};
use btp_types::msg::token_vault::VaultAsset;
use btp_types::{BtpAddress, BtpMessage, ErrorMessage};
use cosmwasm_std::{to_json_binary, Uint128};
use cw20::Cw20ExecuteMsg;
use testing::suite::{Side, Suite, SuiteBuilder, COIN_A, COIN_A_DENOM};

fn transfer(suite: &mut Suite, amount: u128) {
    let user = suite.user.to_string();
    suite.send_native_to_b(amount, &user, None).unwrap();
}

/// Check: the receiving chain counts what it mints per window and refuses
/// what exceeds the window; the sender is refunded.
#[test]
fn a_transfer_over_the_receiving_window_is_refused_and_refunded() {
    let mut suite = SuiteBuilder::new().fee(FeePolicy::default()).build();
    let window = Limits {
        rate_limit: Some(RateLimit {
            amount: Uint128::new(1_500),
            window_secs: 3_600,
        }),
        ..Limits::default()
    };
    let (owner, handler_b) = (suite.owner.clone(), suite.b.handler.clone());
    let update = HandlerMsg::UpdateCoin {
        coin_name: COIN_A.into(),
        fee: FeePolicy::default(),
        limits: window,
    };
    suite
        .execute(Side::B, &owner, &handler_b, &update, &[])
        .unwrap();
    transfer(&mut suite, 1_000);
    transfer(&mut suite, 1_000);
    suite.relay(Side::A).unwrap();
    let codes: Vec<u32> = suite
        .outbox_messages(Side::B)
        .iter()
        .map(|reply| {
            ErrorMessage::decode(&BtpMessage::decode(&reply.message).unwrap().payload)
                .unwrap()
                .code
        })
        .collect();
    assert_eq!(codes, vec![0, TOKEN_LIMIT_EXCEEDED]);
    suite.relay(Side::B).unwrap();
    let user = suite.user.clone();
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), 1_000_000 - 1_000);
}

/// Check: every sum on the way is checked arithmetic: the whole of a
/// 128-bit balance goes to B and comes back, exact to the unit.
#[test]
fn amounts_at_the_top_of_128_bits_travel_exactly() {
    let mut suite = SuiteBuilder::new()
        .fee(FeePolicy::default())
        .user_funds(u128::MAX)
        .build();
    transfer(&mut suite, u128::MAX);
    suite.relay(Side::A).unwrap();
    suite.relay(Side::B).unwrap();
    let user = suite.user.clone();
    let wrapped = suite.token(Side::B, COIN_A);
    assert_eq!(suite.cw20_balance(&wrapped, &user), u128::MAX);
    assert_eq!(
        suite
            .totals(
                Side::A,
                VaultAsset::Native {
                    denom: COIN_A_DENOM.into()
                }
            )
            .locked
            .u128(),
        u128::MAX
    );

    let back = Cw20ExecuteMsg::Send {
        contract: suite.b.handler.to_string(),
        amount: Uint128::MAX,
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to: BtpAddress::parse(&format!("btp://{}/{}", suite.a.network, user)).unwrap(),
            timeout_secs: None,
        })
        .unwrap(),
    };
    suite.execute(Side::B, &user, &wrapped, &back, &[]).unwrap();
    suite.relay(Side::B).unwrap();
    suite.relay(Side::A).unwrap();
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), u128::MAX);
    assert_eq!(suite.cw20_supply(&wrapped), 0);
}

/// Check: the receiving chain's rate limit is a rolling window. A fixed
/// window opened by 1 unit at t0 took 999 more at t0 + 3598 and, two seconds
/// later, a whole new window of 1000: 1999 minted in three seconds. The
/// rolling window refuses that third transfer (the sender is refunded) and
/// takes it once the 999 has been in the window for 3600 seconds.
#[test]
fn the_receiving_window_refuses_the_burst_a_fixed_window_let_through() {
    let mut suite = SuiteBuilder::new().fee(FeePolicy::default()).build();
    let window = Limits {
        rate_limit: Some(RateLimit {
            amount: Uint128::new(1_000),
            window_secs: 3_600,
        }),
        ..Limits::default()
    };
    let (owner, handler_b) = (suite.owner.clone(), suite.b.handler.clone());
    let update = HandlerMsg::UpdateCoin {
        coin_name: COIN_A.into(),
        fee: FeePolicy::default(),
        limits: window,
    };
    suite
        .execute(Side::B, &owner, &handler_b, &update, &[])
        .unwrap();
    // Slices of the rate log fall on multiples of 300 s from here.
    suite.app.update_block(|block| {
        let now = block.time.seconds();
        block.time = cosmwasm_std::Timestamp::from_seconds((now / 3_600 + 1) * 3_600);
    });
    let delivered = |suite: &mut Suite, amount: u128| -> u32 {
        transfer(suite, amount);
        suite.relay(Side::A).unwrap();
        let replies = suite.take_outbox(Side::B);
        let code = ErrorMessage::decode(&BtpMessage::decode(&replies[0].message).unwrap().payload)
            .unwrap()
            .code;
        suite.relay_messages(Side::B, replies).unwrap();
        code
    };
    assert_eq!(delivered(&mut suite, 1), 0);
    suite.wait(3_598);
    assert_eq!(delivered(&mut suite, 999), 0);
    suite.wait(2);
    assert_eq!(delivered(&mut suite, 1_000), TOKEN_LIMIT_EXCEEDED);
    let user = suite.user.clone();
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), 1_000_000 - 1_000);
    let wrapped = suite.token(Side::B, COIN_A);
    assert_eq!(suite.cw20_balance(&wrapped, &user), 1_000);

    suite.wait(3_598);
    assert_eq!(delivered(&mut suite, 1_000), 0);
    assert_eq!(suite.cw20_balance(&wrapped, &user), 2_000);
}
