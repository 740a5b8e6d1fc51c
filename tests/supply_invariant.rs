//! Random sequences of transfers, refusals and returns in both directions,
//! relayed in random order. After every step, for each coin of chain A:
//!
//!   locked on A = wrapped supply on B + in flight
//!
//! where "in flight" is read from the messages not yet relayed: transfer
//! requests from A (locked, not yet minted), refusals from B (locked until
//! the refund), and success replies from A to B's returns (released on A,
//! not yet burned on B). And the user never holds more than it started with.

use btp_types::error_code::SUCCESS;
use btp_types::msg::token_handler::{
    ExecuteMsg as HandlerMsg, PendingTransfer, QueryMsg as HandlerQuery, ReceiveMsg,
};
use btp_types::msg::token_vault::VaultAsset;
use btp_types::{BtpAddress, BtpMessage, ErrorMessage, TokenServiceMessage};
use cosmwasm_std::{coin, to_json_binary, Addr, Uint128};
use cw20::Cw20ExecuteMsg;
use proptest::prelude::*;
use testing::suite::{Side, Suite, SuiteBuilder, COIN_A, COIN_A_DENOM, TOKEN_A};

const START: u128 = 1_000_000;
const COINS: [&str; 2] = [COIN_A, TOKEN_A];

#[derive(Clone, Debug)]
enum Step {
    /// The user sends `amount` of a coin from A, to itself on B or to an invalid account.
    Send {
        coin: usize,
        amount: u128,
        valid: bool,
    },
    /// The user sends a share (in percent) of its wrapped balance on B back to A.
    Return {
        coin: usize,
        percent: u128,
        valid: bool,
    },
    /// Everything A committed is delivered to B.
    RelayFromA,
    /// Everything B committed is delivered to A.
    RelayFromB,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..2usize, 1..20_000u128, prop::bool::weighted(0.8)).prop_map(|(coin, amount, valid)| {
            Step::Send {
                coin,
                amount,
                valid,
            }
        }),
        (0..2usize, 1..=100u128, prop::bool::weighted(0.8)).prop_map(|(coin, percent, valid)| {
            Step::Return {
                coin,
                percent,
                valid,
            }
        }),
        Just(Step::RelayFromA),
        Just(Step::RelayFromB),
    ]
}

fn receiver(suite: &Suite, side: Side, valid: bool) -> BtpAddress {
    let account = if valid {
        suite.user.to_string()
    } else {
        "nobody".to_string()
    };
    BtpAddress::parse(&format!("btp://{}/{account}", suite.chain(side).network)).unwrap()
}

fn send(suite: &mut Suite, coin_index: usize, amount: u128, valid: bool) {
    let user = suite.user.clone();
    let to = receiver(suite, Side::B, valid);
    // Failures (an amount below the fee, more than the balance) change nothing; that is checked too.
    let _ = if COINS[coin_index] == COIN_A {
        let handler = suite.a.handler.clone();
        suite.execute(
            Side::A,
            &user,
            &handler,
            &HandlerMsg::Transfer { to },
            &[coin(amount, COIN_A_DENOM)],
        )
    } else {
        let (token, handler) = (suite.token_a.clone(), suite.a.handler.clone());
        let msg = Cw20ExecuteMsg::Send {
            contract: handler.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(&ReceiveMsg::Transfer { to }).unwrap(),
        };
        suite.execute(Side::A, &user, &token, &msg, &[])
    };
}

fn give_back(suite: &mut Suite, coin_index: usize, percent: u128, valid: bool) {
    let user = suite.user.clone();
    let Some(token) = wrapped_token(suite, coin_index) else {
        return;
    };
    let amount = suite.cw20_balance(&token, &user) * percent / 100;
    if amount == 0 {
        return;
    }
    let to = receiver(suite, Side::A, valid);
    let msg = Cw20ExecuteMsg::Send {
        contract: suite.b.handler.to_string(),
        amount: Uint128::new(amount),
        msg: to_json_binary(&ReceiveMsg::Transfer { to }).unwrap(),
    };
    let _ = suite.execute(Side::B, &user, &token, &msg, &[]);
}

fn wrapped_token(suite: &Suite, coin_index: usize) -> Option<Addr> {
    let coin: btp_types::msg::token_handler::CoinResponse = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.b.handler,
            &HandlerQuery::Coin {
                coin_name: COINS[coin_index].into(),
            },
        )
        .ok()?;
    coin.token.map(Addr::unchecked)
}

fn home_asset(suite: &Suite, coin_index: usize) -> VaultAsset {
    if COINS[coin_index] == COIN_A {
        VaultAsset::Native {
            denom: COIN_A_DENOM.into(),
        }
    } else {
        VaultAsset::Cw20 {
            address: suite.token_a.to_string(),
        }
    }
}

fn pending_net(suite: &Suite, side: Side, sn: i64, coin_name: &str) -> i128 {
    let pending: PendingTransfer = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.chain(side).handler,
            &HandlerQuery::PendingTransfer { sn },
        )
        .expect("a reply in flight belongs to a pending transfer");
    pending
        .assets
        .iter()
        .filter(|asset| asset.coin_name == coin_name)
        .map(|asset| asset.net.u128() as i128)
        .sum()
}

/// Value of `coin_name` in flight, read from the unrelayed messages.
fn in_flight(suite: &Suite, coin_name: &str) -> i128 {
    let mut total = 0i128;
    for side in [Side::A, Side::B] {
        for outgoing in suite.outbox_messages(side) {
            let message = BtpMessage::decode(&outgoing.message).unwrap();
            if message.sn > 0 {
                if side == Side::A {
                    // A request from A: locked on A, not minted on B yet.
                    let TokenServiceMessage::Transfer(request) =
                        TokenServiceMessage::decode(&message.payload).unwrap()
                    else {
                        panic!("only transfers are sent");
                    };
                    total += request
                        .assets
                        .iter()
                        .filter(|asset| asset.coin_name == coin_name)
                        .map(|asset| asset.amount.u128() as i128)
                        .sum::<i128>();
                }
                // A return from B: held on B, still locked on A: balanced.
                continue;
            }
            let code = ErrorMessage::decode(&message.payload).unwrap().code;
            let requester = side.other();
            match (side, code == SUCCESS) {
                // B refused A's transfer: locked on A until the refund.
                (Side::B, false) => total += pending_net(suite, requester, -message.sn, coin_name),
                // A released B's return: not burned on B until this reply arrives.
                (Side::A, true) => total -= pending_net(suite, requester, -message.sn, coin_name),
                _ => {}
            }
        }
    }
    total
}

fn check(suite: &Suite, history: &[Step]) {
    for (index, coin_name) in COINS.iter().enumerate() {
        let locked = suite
            .totals(Side::A, home_asset(suite, index))
            .locked
            .u128() as i128;
        let supply = suite
            .totals(
                Side::B,
                VaultAsset::Wrapped {
                    coin_name: coin_name.to_string(),
                },
            )
            .supply
            .u128() as i128;
        let flight = in_flight(suite, coin_name);
        assert_eq!(locked, supply + flight, "{coin_name}: locked {locked} != supply {supply} + in flight {flight} after {history:?}");
    }
    let user = suite.user.clone();
    let native_held = suite.native_balance(&user, COIN_A_DENOM)
        + wrapped_token(suite, 0).map_or(0, |token| suite.cw20_balance(&token, &user));
    let token_held = suite.cw20_balance(&suite.token_a, &user)
        + wrapped_token(suite, 1).map_or(0, |token| suite.cw20_balance(&token, &user));
    assert!(
        native_held <= START && token_held <= START,
        "the user gained value after {history:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn locked_equals_wrapped_supply_plus_in_flight_after_every_step(steps in prop::collection::vec(step(), 1..24)) {
        let mut suite = SuiteBuilder::new().build();
        let mut history = vec![];
        for step in steps {
            history.push(step.clone());
            match step {
                Step::Send { coin, amount, valid } => send(&mut suite, coin, amount, valid),
                Step::Return { coin, percent, valid } => give_back(&mut suite, coin, percent, valid),
                Step::RelayFromA => if suite.pending(Side::A) > 0 { suite.relay(Side::A).unwrap(); },
                Step::RelayFromB => if suite.pending(Side::B) > 0 { suite.relay(Side::B).unwrap(); },
            }
            check(&suite, &history);
        }
        // Drained, nothing is in flight any more and the books balance exactly.
        while suite.pending(Side::A) + suite.pending(Side::B) > 0 {
            for side in [Side::A, Side::B] {
                if suite.pending(side) > 0 { suite.relay(side).unwrap(); }
            }
            check(&suite, &history);
        }
    }
}
