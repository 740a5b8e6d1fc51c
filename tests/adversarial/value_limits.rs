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
use cosmwasm_std::{coin, to_json_binary, Uint128};
use cw20::Cw20ExecuteMsg;
use testing::suite::{Side, Suite, SuiteBuilder, COIN_A, COIN_A_DENOM};

fn transfer(suite: &mut Suite, amount: u128) {
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let to = BtpAddress::parse(&format!("btp://{}/{}", suite.b.network, user)).unwrap();
    suite
        .execute(
            Side::A,
            &user,
            &handler,
            &HandlerMsg::Transfer {
                to,
                timeout_secs: None,
            },
            &[coin(amount, COIN_A_DENOM)],
        )
        .unwrap();
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
