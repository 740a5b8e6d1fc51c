//! Random sequences of transfers, refusals and returns in both directions,
//! relayed in random order, with time passing, requests timing out (resolved
//! at the source by proof of non-receipt, or refused late at the
//! destination) and links closed and opened again. After every step, for
//! each coin of chain A:
//!
//!   locked on A = wrapped supply on B + in flight
//!
//! where "in flight" is read from the messages not yet relayed: transfer
//! requests from A (locked, not yet minted), refusals from B (locked until
//! the refund), and success replies from A to B's returns (released on A,
//! not yet burned on B). And the user never holds more than it started with.
//!
//! The same runs move `usd`, a coin pooled on both chains (native on A, a
//! cw20 on B), both ways, while a liquidity provider deposits and withdraws
//! on either side and transfers larger than the destination pool are
//! refused. After every step, for `usd`:
//!
//!   balance of A's pool + balance of B's pool
//!     = deposits − withdrawals + LP fees + rebalancing fees + in flight
//!
//! where "in flight" is read from the unrelayed messages: requests of
//! either side not yet executed (and not refunded on timeout), and
//! refusals not yet refunded. Each vault holds exactly what its pool
//! accounts for, and the user never holds more `usd` than it started with.

use btp_types::error_code::SUCCESS;
use btp_types::msg::token_handler::{
    ExecuteMsg as HandlerMsg, PendingTransfer, QueryMsg as HandlerQuery, ReceiveMsg,
};
use btp_types::msg::token_vault::{
    ExecuteMsg as VaultMsg, PoolResponse, PooledAsset, ReceiveMsg as VaultReceive, VaultAsset,
};
use btp_types::{BtpAddress, BtpMessage, ErrorMessage, TokenServiceMessage};
use cosmwasm_std::{coin, to_json_binary, Addr, Uint128};
use cw20::Cw20ExecuteMsg;
use proptest::prelude::*;
use testing::pools::{
    mint_native, pool, pooled_origin, register_pool_coin, send_to_vault, usd_token, withdraw,
    POOL_COIN, POOL_DENOM,
};
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
        timeout: u64,
    },
    /// The user sends a share (in percent) of its wrapped balance on B back to A.
    Return {
        coin: usize,
        percent: u128,
        valid: bool,
        timeout: u64,
    },
    /// Everything A committed is delivered to B.
    RelayFromA,
    /// Everything B committed is delivered to A.
    RelayFromB,
    /// Time passes.
    Wait { seconds: u64 },
    /// A relayer resolves the requests of a side that timed out.
    ResolveTimeouts { side_a: bool },
    /// The owner of a side closes its link, or opens it again.
    ToggleLink { side_a: bool },
    /// The user sends `amount` of the pooled `usd` from a side to the other.
    PoolSend {
        side_a: bool,
        amount: u128,
        valid: bool,
        timeout: u64,
    },
    /// The liquidity provider deposits `amount` of `usd` into a side's pool.
    Deposit { side_a: bool, amount: u128 },
    /// The liquidity provider withdraws a share (in percent) of its LP
    /// shares on a side (refused when that pool cannot pay them now).
    Withdraw { side_a: bool, percent: u128 },
}

/// Timeouts of the transfers in these runs: short enough that waits and
/// relays race them.
const TIMEOUT_SECS: std::ops::Range<u64> = 30..600;

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (
            0..2usize,
            1..20_000u128,
            prop::bool::weighted(0.8),
            TIMEOUT_SECS
        )
            .prop_map(|(coin, amount, valid, timeout)| Step::Send {
                coin,
                amount,
                valid,
                timeout,
            }),
        (
            0..2usize,
            1..=100u128,
            prop::bool::weighted(0.8),
            TIMEOUT_SECS
        )
            .prop_map(|(coin, percent, valid, timeout)| Step::Return {
                coin,
                percent,
                valid,
                timeout,
            }),
        Just(Step::RelayFromA),
        Just(Step::RelayFromB),
        (0..900u64).prop_map(|seconds| Step::Wait { seconds }),
        any::<bool>().prop_map(|side_a| Step::ResolveTimeouts { side_a }),
        prop::bool::weighted(0.3).prop_map(|side_a| Step::ToggleLink { side_a }),
        // Up to more than a pool holds: shortfalls are refused and refunded.
        (
            any::<bool>(),
            1..40_000u128,
            prop::bool::weighted(0.8),
            TIMEOUT_SECS
        )
            .prop_map(|(side_a, amount, valid, timeout)| Step::PoolSend {
                side_a,
                amount,
                valid,
                timeout,
            }),
        (any::<bool>(), 1..30_000u128)
            .prop_map(|(side_a, amount)| Step::Deposit { side_a, amount }),
        (any::<bool>(), 1..=100u128)
            .prop_map(|(side_a, percent)| Step::Withdraw { side_a, percent }),
    ]
}

fn side(side_a: bool) -> Side {
    if side_a {
        Side::A
    } else {
        Side::B
    }
}

fn receiver(suite: &Suite, side: Side, valid: bool) -> BtpAddress {
    let account = if valid {
        suite.user.to_string()
    } else {
        "nobody".to_string()
    };
    BtpAddress::parse(&format!("btp://{}/{account}", suite.chain(side).network)).unwrap()
}

fn send(suite: &mut Suite, coin_index: usize, amount: u128, valid: bool, timeout: u64) {
    let user = suite.user.clone();
    let to = receiver(suite, Side::B, valid);
    // Failures (an amount below the fee, more than the balance) change nothing; that is checked too.
    let _ = if COINS[coin_index] == COIN_A {
        let handler = suite.a.handler.clone();
        suite.execute(
            Side::A,
            &user,
            &handler,
            &HandlerMsg::Transfer {
                to,
                timeout_secs: Some(timeout),
            },
            &[coin(amount, COIN_A_DENOM)],
        )
    } else {
        let (token, handler) = (suite.token_a.clone(), suite.a.handler.clone());
        let msg = Cw20ExecuteMsg::Send {
            contract: handler.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(&ReceiveMsg::Transfer {
                to,
                timeout_secs: Some(timeout),
            })
            .unwrap(),
        };
        suite.execute(Side::A, &user, &token, &msg, &[])
    };
}

fn give_back(suite: &mut Suite, coin_index: usize, percent: u128, valid: bool, timeout: u64) {
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
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to,
            timeout_secs: Some(timeout),
        })
        .unwrap(),
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

/// What transfer `sn` of `side` still holds of `coin_name`; nothing once it
/// was resolved (a timed-out request's late reply is ignored).
fn pending_net(suite: &Suite, side: Side, sn: i64, coin_name: &str) -> i128 {
    let Ok(pending) = suite.app.wrap().query_wasm_smart::<PendingTransfer>(
        &suite.chain(side).handler,
        &HandlerQuery::PendingTransfer { sn },
    ) else {
        return 0;
    };
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
                // A request from A: locked on A, not minted on B yet, unless
                // A refunded it on timeout (it will not be executed on B).
                if side == Side::A && pending_net(suite, Side::A, message.sn, coin_name) != 0 {
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

/// Delivers what `from` committed, unless a link on the way is closed (then
/// the messages wait, as they would for a real relayer).
fn relay_if_open(suite: &mut Suite, from: Side) {
    if suite.pending(from) == 0 || !suite.link(from).open || !suite.link(from.other()).open {
        return;
    }
    suite.relay(from).unwrap();
}

/// The `usd` pooled on both sides, and who provides its liquidity.
struct PooledUsd {
    /// B's `usd` cw20 (A's is the native `POOL_DENOM`).
    usd_b: Addr,
    provider: Addr,
}

/// Registers `usd` on both sides, funds the user and the provider, and
/// puts a first deposit in each pool.
fn pool_usd(suite: &mut Suite) -> PooledUsd {
    let (owner, user) = (suite.owner.clone(), suite.user.clone());
    let provider = suite.app.api().addr_make("provider");
    for account in [&user, &provider] {
        mint_native(&mut suite.app, account, POOL_DENOM, START);
    }
    let vault_b = suite.b.vault.clone();
    let usd_b = usd_token(
        &mut suite.app,
        &vault_b,
        &owner,
        &[(&user, START), (&provider, START)],
    );
    let fee = btp_types::msg::token_handler::FeePolicy {
        ratio: cosmwasm_std::Decimal::percent(1),
        fixed: Uint128::new(10),
    };
    for (side, asset) in [
        (
            Side::A,
            PooledAsset::Native {
                denom: POOL_DENOM.into(),
            },
        ),
        (
            Side::B,
            PooledAsset::Cw20 {
                address: usd_b.to_string(),
            },
        ),
    ] {
        let handler = suite.chain(side).handler.clone();
        let msg = register_pool_coin(pooled_origin(asset, None), fee.clone());
        suite.execute(side, &owner, &handler, &msg, &[]).unwrap();
    }
    let pooled = PooledUsd { usd_b, provider };
    for side in [Side::A, Side::B] {
        deposit(suite, &pooled, side, 20_000).unwrap();
    }
    pooled
}

fn deposit(suite: &mut Suite, usd: &PooledUsd, side: Side, amount: u128) -> anyhow::Result<()> {
    let vault = suite.chain(side).vault.clone();
    match side {
        Side::A => suite.execute(
            side,
            &usd.provider,
            &vault,
            &VaultMsg::DepositLiquidity {
                coin_name: POOL_COIN.into(),
            },
            &[coin(amount, POOL_DENOM)],
        )?,
        Side::B => suite.execute(
            side,
            &usd.provider,
            &usd.usd_b,
            &send_to_vault(&vault, amount, &VaultReceive::DepositLiquidity {}),
            &[],
        )?,
    };
    Ok(())
}

fn withdraw_share(suite: &mut Suite, usd: &PooledUsd, side: Side, percent: u128) {
    let vault = suite.chain(side).vault.clone();
    let lp_token = Addr::unchecked(pool(&suite.app, &vault).lp_token);
    let shares = suite.cw20_balance(&lp_token, &usd.provider) * percent / 100;
    if shares == 0 {
        return;
    }
    // A pool that cannot pay now refuses, and nothing changes: checked too.
    let _ = suite.execute(
        side,
        &usd.provider,
        &lp_token,
        &withdraw(&vault, shares),
        &[],
    );
}

fn pool_send(
    suite: &mut Suite,
    usd: &PooledUsd,
    from: Side,
    amount: u128,
    valid: bool,
    timeout: u64,
) {
    let user = suite.user.clone();
    let to = receiver(suite, from.other(), valid);
    let handler = suite.chain(from).handler.clone();
    // Failures (an amount below the fee, more than the balance) change nothing.
    let _ = match from {
        Side::A => suite.execute(
            from,
            &user,
            &handler,
            &HandlerMsg::Transfer {
                to,
                timeout_secs: Some(timeout),
            },
            &[coin(amount, POOL_DENOM)],
        ),
        Side::B => {
            let msg = Cw20ExecuteMsg::Send {
                contract: handler.to_string(),
                amount: Uint128::new(amount),
                msg: to_json_binary(&ReceiveMsg::Transfer {
                    to,
                    timeout_secs: Some(timeout),
                })
                .unwrap(),
            };
            suite.execute(from, &user, &usd.usd_b, &msg, &[])
        }
    };
}

/// `usd` in flight: requests of either side not executed (nor refunded on
/// timeout), and refusals not yet refunded.
fn pool_in_flight(suite: &Suite) -> i128 {
    let mut total = 0i128;
    for side in [Side::A, Side::B] {
        for outgoing in suite.outbox_messages(side) {
            let message = BtpMessage::decode(&outgoing.message).unwrap();
            if message.sn > 0 {
                total += pending_net(suite, side, message.sn, POOL_COIN);
            } else if ErrorMessage::decode(&message.payload).unwrap().code != SUCCESS {
                total += pending_net(suite, side.other(), -message.sn, POOL_COIN);
            }
        }
    }
    total
}

fn check_pools(suite: &Suite, usd: &PooledUsd, history: &[Step]) {
    let pools: Vec<PoolResponse> = [Side::A, Side::B]
        .iter()
        .map(|side| pool(&suite.app, &suite.chain(*side).vault))
        .collect();
    let balances: i128 = pools.iter().map(|pool| pool.balance.u128() as i128).sum();
    let books: i128 = pools
        .iter()
        .map(|pool| {
            (pool.deposited.u128() + pool.lp_fees.u128() + pool.rebalance_fees.u128()) as i128
                - pool.withdrawn.u128() as i128
        })
        .sum();
    let flight = pool_in_flight(suite);
    assert_eq!(
        balances,
        books + flight,
        "usd: pools hold {balances} != deposits and fees {books} + in flight {flight} after {history:?}"
    );
    let held_a = suite.native_balance(&suite.a.vault, POOL_DENOM);
    let held_b = suite.cw20_balance(&usd.usd_b, &suite.b.vault);
    assert_eq!(
        (held_a, held_b),
        (pools[0].balance.u128(), pools[1].balance.u128()),
        "each vault holds what its pool accounts for, after {history:?}"
    );
    let user = suite.user.clone();
    let usd_held = suite.native_balance(&user, POOL_DENOM) + suite.cw20_balance(&usd.usd_b, &user);
    assert!(
        usd_held <= 2 * START,
        "the user gained usd after {history:?}"
    );
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
    fn locked_equals_wrapped_supply_plus_in_flight_and_pools_balance_after_every_step(steps in prop::collection::vec(step(), 1..24)) {
        let mut suite = SuiteBuilder::new().build();
        let usd = pool_usd(&mut suite);
        let mut history = vec![];
        for step in steps {
            history.push(step.clone());
            match step {
                Step::Send { coin, amount, valid, timeout } => send(&mut suite, coin, amount, valid, timeout),
                Step::Return { coin, percent, valid, timeout } => give_back(&mut suite, coin, percent, valid, timeout),
                Step::RelayFromA => relay_if_open(&mut suite, Side::A),
                Step::RelayFromB => relay_if_open(&mut suite, Side::B),
                Step::Wait { seconds } => suite.wait(seconds),
                Step::ResolveTimeouts { side_a } => { suite.resolve_timeouts(side(side_a)).unwrap(); }
                Step::ToggleLink { side_a } => {
                    let open = suite.link(side(side_a)).open;
                    suite.set_link_open(side(side_a), !open).unwrap();
                }
                Step::PoolSend { side_a, amount, valid, timeout } => pool_send(&mut suite, &usd, side(side_a), amount, valid, timeout),
                Step::Deposit { side_a, amount } => { let _ = deposit(&mut suite, &usd, side(side_a), amount); }
                Step::Withdraw { side_a, percent } => withdraw_share(&mut suite, &usd, side(side_a), percent),
            }
            check(&suite, &history);
            check_pools(&suite, &usd, &history);
        }
        // Links open again and drained: nothing is in flight any more and the books balance exactly.
        for side in [Side::A, Side::B] {
            if !suite.link(side).open { suite.set_link_open(side, true).unwrap(); }
        }
        while suite.pending(Side::A) + suite.pending(Side::B) > 0 {
            for side in [Side::A, Side::B] {
                if suite.pending(side) > 0 { suite.relay(side).unwrap(); }
            }
            check(&suite, &history);
            check_pools(&suite, &usd, &history);
        }
        // Every transfer is resolved, by its reply or its timeout.
        suite.wait(1000);
        for side in [Side::A, Side::B] {
            suite.resolve_timeouts(side).unwrap();
            let requests: Vec<btp_types::msg::message_center::PendingRequestResponse> = suite.app.wrap().query_wasm_smart(&suite.chain(side).message_center, &btp_types::msg::message_center::QueryMsg::PendingRequests { network: None, start_after: None, limit: None }).unwrap();
            prop_assert!(requests.is_empty(), "{side:?} still waits for {requests:?} after {history:?}");
        }
        check(&suite, &history);
        check_pools(&suite, &usd, &history);
        // Nothing in flight: nothing is kept for refunds any more.
        for side in [Side::A, Side::B] {
            prop_assert!(pool(&suite.app, &suite.chain(side).vault).pending_out.is_zero(), "{history:?}");
        }
    }
}
