//! Liquidity-pool transfers between two simulated chains with real light
//! clients: `usd` is issued on both (a native denom on A, a cw20 on B),
//! each vault keeps a pool of it, and a transfer is paid out of the
//! destination's pool. Every check the pools make is tried against the
//! attack it stops.

use btp_types::error_code::TOKEN_POOL_SHORT;
use btp_types::events::token_handler::{TransferRefunded, TransferRefused};
use btp_types::events::token_pool::{LiquidityWithdrawn, PoolPaid, PoolRefunded};
use btp_types::events::TypedEvent;
use btp_types::msg::token_handler::{ExecuteMsg as HandlerMsg, FeePolicy, ReceiveMsg};
use btp_types::msg::token_vault::{
    ExecuteMsg as VaultMsg, LpValueResponse, Movement, PoolPayoutResponse, PoolResponse,
    PooledAsset, QueryMsg as VaultQuery, RebalanceCurve, ReceiveMsg as VaultReceive, VaultAsset,
};
use btp_types::BtpAddress;
use cosmwasm_std::{coin, coins, to_json_binary, Addr, Decimal, StdError, Uint128};
use cw20::Cw20ExecuteMsg;
use testing::deploy::{COIN_A, COIN_A_DENOM};
use testing::errors::{contract_error, Cw20Error, HandlerError, MessageCenterError, VaultError};
use testing::harness::{SimChain, TwoChains};
use testing::pools::{
    mint_native, pool, pooled_origin, register_pool_coin, send_to_vault, usd_token, withdraw,
    POOL_COIN, POOL_DENOM,
};
use testing::relay::{plan, relay, Side};

const START: u128 = 1_000_000;
const DEPOSIT: u128 = 100_000;

/// Two chains with `usd` pooled on both and `DEPOSIT` of liquidity in each pool.
struct Pools {
    chains: TwoChains,
    /// The `usd` cw20 of chain B.
    usd_b: Addr,
    /// The liquidity provider of each chain.
    provider_a: Addr,
    provider_b: Addr,
}

fn fee() -> FeePolicy {
    FeePolicy {
        ratio: Decimal::percent(1),
        fixed: Uint128::new(10),
    }
}

fn pooled_chains() -> Pools {
    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let provider_a = chains.a.app.api().addr_make("provider");
    let provider_b = chains.b.app.api().addr_make("provider");
    let (user_a, user_b) = (chains.a.user.clone(), chains.b.user.clone());
    for account in [&user_a, &provider_a] {
        mint_native(&mut chains.a.app, account, POOL_DENOM, START);
    }
    let (vault_b, owner_b) = (chains.b.contracts.vault.clone(), chains.b.owner.clone());
    let usd_b = chains
        .b
        .in_block(|app| {
            Ok(usd_token(
                app,
                &vault_b,
                &owner_b,
                &[(&user_b, START), (&provider_b, START)],
            ))
        })
        .unwrap();
    register(
        &mut chains.a,
        PooledAsset::Native {
            denom: POOL_DENOM.into(),
        },
    )
    .unwrap();
    register(
        &mut chains.b,
        PooledAsset::Cw20 {
            address: usd_b.to_string(),
        },
    )
    .unwrap();
    let mut pools = Pools {
        chains,
        usd_b,
        provider_a,
        provider_b,
    };
    pools.deposit(Side::A, DEPOSIT).unwrap();
    pools.deposit(Side::B, DEPOSIT).unwrap();
    pools
}

fn register(chain: &mut SimChain, asset: PooledAsset) -> anyhow::Result<()> {
    let (owner, handler) = (chain.owner.clone(), chain.contracts.handler.clone());
    let msg = register_pool_coin(pooled_origin(asset, None), fee());
    chain.execute(&owner, &handler, &msg, &[])?;
    Ok(())
}

fn to(chain: &SimChain, account: &Addr) -> BtpAddress {
    BtpAddress::parse(&format!("btp://{}/{account}", chain.network())).unwrap()
}

impl Pools {
    fn chain(&mut self, side: Side) -> &mut SimChain {
        self.chains.sides(side).0
    }

    fn provider(&self, side: Side) -> Addr {
        match side {
            Side::A => self.provider_a.clone(),
            Side::B => self.provider_b.clone(),
        }
    }

    /// `account`'s `usd` on `side`.
    fn usd(&self, side: Side, account: &Addr) -> u128 {
        match side {
            Side::A => testing::relay::balance(&self.chains.a, account, POOL_DENOM),
            Side::B => self.chains.b.cw20_balance(&self.usd_b, account).unwrap(),
        }
    }

    fn pool(&mut self, side: Side) -> PoolResponse {
        let chain = self.chain(side);
        pool(&chain.app, &chain.contracts.vault)
    }

    fn lp_shares(&mut self, side: Side, account: &Addr) -> u128 {
        let chain = self.chain(side);
        let token = Addr::unchecked(pool(&chain.app, &chain.contracts.vault).lp_token);
        chain.cw20_balance(&token, account).unwrap()
    }

    /// `from` deposits `amount` of `usd` into `side`'s pool.
    fn deposit_as(&mut self, side: Side, from: &Addr, amount: u128) -> anyhow::Result<()> {
        let usd_b = self.usd_b.clone();
        let chain = self.chain(side);
        let vault = chain.contracts.vault.clone();
        match side {
            Side::A => chain.execute(
                from,
                &vault,
                &VaultMsg::DepositLiquidity {
                    coin_name: POOL_COIN.into(),
                },
                &coins(amount, POOL_DENOM),
            )?,
            Side::B => chain.execute(
                from,
                &usd_b,
                &send_to_vault(&vault, amount, &VaultReceive::DepositLiquidity {}),
                &[],
            )?,
        };
        Ok(())
    }

    fn deposit(&mut self, side: Side, amount: u128) -> anyhow::Result<()> {
        let provider = self.provider(side);
        self.deposit_as(side, &provider, amount)
    }

    /// The provider of `side` gives `shares` back.
    fn withdraw(&mut self, side: Side, shares: u128) -> anyhow::Result<cw_multi_test::AppResponse> {
        let provider = self.provider(side);
        let chain = self.chain(side);
        let vault = chain.contracts.vault.clone();
        let lp_token = Addr::unchecked(pool(&chain.app, &vault).lp_token);
        chain.execute(&provider, &lp_token, &withdraw(&vault, shares), &[])
    }

    /// The user of `from` sends `amount` of `usd` to its account on the other chain.
    fn send(&mut self, from: Side, amount: u128) -> anyhow::Result<()> {
        let usd_b = self.usd_b.clone();
        let (src, dst) = self.chains.sides(from);
        let to = to(dst, &dst.user);
        let (user, handler) = (src.user.clone(), src.contracts.handler.clone());
        match from {
            Side::A => src.execute(
                &user,
                &handler,
                &HandlerMsg::Transfer {
                    to,
                    timeout_secs: None,
                },
                &coins(amount, POOL_DENOM),
            )?,
            Side::B => src.execute(
                &user,
                &usd_b,
                &Cw20ExecuteMsg::Send {
                    contract: handler.to_string(),
                    amount: Uint128::new(amount),
                    msg: to_json_binary(&ReceiveMsg::Transfer {
                        to,
                        timeout_secs: None,
                    })?,
                },
                &[],
            )?,
        };
        Ok(())
    }

    /// What the pool of `side` would pay a transfer of `amount` now.
    fn payout(&mut self, side: Side, amount: u128) -> PoolPayoutResponse {
        let chain = self.chain(side);
        chain
            .app
            .wrap()
            .query_wasm_smart(
                &chain.contracts.vault,
                &VaultQuery::PoolPayout {
                    coin_name: POOL_COIN.into(),
                    amount: Uint128::new(amount),
                },
            )
            .unwrap()
    }

    /// What the vault of `side` holds of `usd`: it must be what its pool accounts for.
    fn vault_holds(&mut self, side: Side) -> u128 {
        let vault = self.chain(side).contracts.vault.clone();
        self.usd(side, &vault)
    }

    /// The supply invariant with nothing in flight: both pools' balances are
    /// the deposits, less the withdrawals, plus the fees; and each vault
    /// holds what its pool accounts for.
    fn assert_balanced(&mut self) {
        let (a, b) = (self.pool(Side::A), self.pool(Side::B));
        let books = |pool: &PoolResponse| {
            pool.deposited.u128() - pool.withdrawn.u128()
                + pool.lp_fees.u128()
                + pool.rebalance_fees.u128()
        };
        assert_eq!(a.balance.u128() + b.balance.u128(), books(&a) + books(&b));
        assert_eq!(self.vault_holds(Side::A), a.balance.u128());
        assert_eq!(self.vault_holds(Side::B), b.balance.u128());
        assert!(a.pending_out.is_zero() && b.pending_out.is_zero());
    }
}

/// Fee of a transfer of `amount` on the source: 10 + 1 %, half to the pool's LPs.
fn fees_of(amount: u128) -> (u128, u128) {
    let fee = 10 + amount / 100;
    (fee, fee / 2)
}

#[test]
fn a_pooled_coin_goes_from_a_to_b_and_back_paid_out_of_each_pool() {
    let mut pools = pooled_chains();
    let (user_a, user_b) = (pools.chains.a.user.clone(), pools.chains.b.user.clone());

    // 10,000 leave A: fee 110, 55 of it to A's LPs; 9,890 travel.
    pools.send(Side::A, 10_000).unwrap();
    let (fee, lp_fee) = fees_of(10_000);
    let net = 10_000 - fee;
    let a = pools.pool(Side::A);
    assert_eq!(a.balance.u128(), DEPOSIT + net + lp_fee);
    assert_eq!(
        a.pending_out.u128(),
        net,
        "kept for a refund until the reply"
    );
    assert_eq!(a.liquidity.u128(), DEPOSIT + lp_fee);
    assert_eq!(
        pools.usd(Side::A, &pools.chains.a.contracts.handler.clone()),
        fee - lp_fee
    );

    // B pays out of its pool; it stays above the safe share: no rebalancing fee.
    let report = relay(&mut pools.chains, Side::A).unwrap().unwrap();
    let paid = PoolPaid::first(&report.submitted.events).expect("paid out of B's pool");
    assert_eq!((paid.amount.u128(), paid.rebalance_fee.u128()), (net, 0));
    assert_eq!(pools.usd(Side::B, &user_b), START + net);
    assert_eq!(pools.pool(Side::B).balance.u128(), DEPOSIT - net);
    relay(&mut pools.chains, Side::B).unwrap().unwrap();
    assert!(
        pools.pool(Side::A).pending_out.is_zero(),
        "confirmed by the reply"
    );

    // 5,000 come back from B's cw20 into A's native coin.
    pools.send(Side::B, 5_000).unwrap();
    let (back_fee, back_lp_fee) = fees_of(5_000);
    let back_net = 5_000 - back_fee;
    relay(&mut pools.chains, Side::B).unwrap().unwrap();
    assert_eq!(pools.usd(Side::A, &user_a), START - 10_000 + back_net);
    relay(&mut pools.chains, Side::A).unwrap().unwrap();
    assert_eq!(
        pools.pool(Side::B).balance.u128(),
        DEPOSIT - net + back_net + back_lp_fee
    );
    assert_eq!(pools.usd(Side::B, &user_b), START + net - 5_000);
    pools.assert_balanced();
    assert!(relay(&mut pools.chains, Side::A).unwrap().is_none());
    assert!(relay(&mut pools.chains, Side::B).unwrap().is_none());
}

#[test]
fn a_transfer_the_destination_pool_cannot_pay_is_refused_whole_and_refunded_once() {
    let mut pools = pooled_chains();
    let (user_a, user_b) = (pools.chains.a.user.clone(), pools.chains.b.user.clone());

    // 150,000 net of the fee is more than B's pool has.
    pools.send(Side::A, 150_000).unwrap();
    let (fee, lp_fee) = fees_of(150_000);
    let net = 150_000 - fee;
    let report = relay(&mut pools.chains, Side::A).unwrap().unwrap();
    let refused = TransferRefused::first(&report.submitted.events).expect("refused");
    assert_eq!(refused.code, TOKEN_POOL_SHORT);
    assert!(
        !PoolPaid::occurs_in(&report.submitted.events),
        "never partly paid"
    );
    assert_eq!(pools.usd(Side::B, &user_b), START);
    assert_eq!(pools.pool(Side::B).balance.u128(), DEPOSIT);

    // Two relayers carry the refusal back; the refund is paid once.
    let first = plan(&mut pools.chains, Side::B, 10).unwrap().unwrap();
    let second = plan(&mut pools.chains, Side::B, 10).unwrap().unwrap();
    let relayer = pools.chains.a.relayer.clone();
    let refunded = pools
        .chains
        .a
        .execute_multi(&relayer, first.messages)
        .unwrap();
    let refund = TransferRefunded::first(&refunded.events).expect("refunded");
    assert_eq!(refund.code, TOKEN_POOL_SHORT);
    let paid_back = PoolRefunded::first(&refunded.events).expect("out of A's pool");
    assert_eq!(paid_back.amount.u128(), net);
    assert_eq!(pools.usd(Side::A, &user_a), START - fee, "all but the fee");
    let err = pools
        .chains
        .a
        .execute_multi(&relayer, second.messages)
        .unwrap_err();
    assert!(matches!(
        contract_error::<MessageCenterError>(&err),
        MessageCenterError::AlreadyReceived { .. }
    ));
    assert_eq!(pools.usd(Side::A, &user_a), START - fee, "not paid twice");
    let a = pools.pool(Side::A);
    assert_eq!(a.balance.u128(), DEPOSIT + lp_fee);
    assert!(a.pending_out.is_zero());
    pools.assert_balanced();
}

#[test]
fn one_delivery_pays_out_of_the_pool_as_its_earlier_transfers_left_it() {
    let mut pools = pooled_chains();
    let user_b = pools.chains.b.user.clone();
    // Each fits B's pool alone; together they do not: the second is refused
    // in the same delivery, and the first is paid.
    pools.send(Side::A, 60_000).unwrap();
    pools.send(Side::A, 50_000).unwrap();
    let first_net = 60_000 - fees_of(60_000).0;
    let quoted = pools.payout(Side::B, first_net);
    let report = relay(&mut pools.chains, Side::A).unwrap().unwrap();
    assert_eq!(report.sequences.len(), 2, "one delivery");
    let events = &report.submitted.events;
    assert_eq!(PoolPaid::parse(events).len(), 1);
    let refused = TransferRefused::first(events).expect("the second is refused");
    assert_eq!(refused.code, TOKEN_POOL_SHORT);
    assert_eq!(pools.usd(Side::B, &user_b), START + quoted.payout.u128());
    relay(&mut pools.chains, Side::B).unwrap().unwrap();
    let (second_fee, _) = fees_of(50_000);
    let user_a = pools.chains.a.user.clone();
    assert_eq!(
        pools.usd(Side::A, &user_a),
        START - 60_000 - second_fee,
        "the second is refunded"
    );
    pools.assert_balanced();
}

#[test]
fn liquidity_moves_only_while_the_vault_runs_and_never_to_the_vault() {
    let mut pools = pooled_chains();
    let (owner, vault) = (
        pools.chains.a.owner.clone(),
        pools.chains.a.contracts.vault.clone(),
    );
    let pause = |paused| VaultMsg::SetPaused { paused };
    pools
        .chains
        .a
        .execute(&owner, &vault, &pause(true), &[])
        .unwrap();
    let err = pools.deposit(Side::A, 1_000).unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::Pause(_)
    ));
    let err = pools.withdraw(Side::A, 1_000).unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::Pause(_)
    ));
    pools
        .chains
        .a
        .execute(&owner, &vault, &pause(false), &[])
        .unwrap();

    // Shares given back for the vault itself would leave coins outside the books.
    let provider = pools.provider(Side::A);
    let lp_token = Addr::unchecked(pools.pool(Side::A).lp_token);
    let to_vault = send_to_vault(
        &vault,
        1_000,
        &VaultReceive::WithdrawLiquidity {
            recipient: Some(vault.to_string()),
        },
    );
    let err = pools
        .chains
        .a
        .execute(&provider, &lp_token, &to_vault, &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::RecipientIsVault { .. }
    ));
    // To another account, they are paid there.
    let friend = pools.chains.a.app.api().addr_make("friend");
    let to_friend = send_to_vault(
        &vault,
        1_000,
        &VaultReceive::WithdrawLiquidity {
            recipient: Some(friend.to_string()),
        },
    );
    pools
        .chains
        .a
        .execute(&provider, &lp_token, &to_friend, &[])
        .unwrap();
    assert_eq!(pools.usd(Side::A, &friend), 1_000);

    // The vault's totals answer a pool's balance, and list its denom only as the pool's.
    let totals: btp_types::msg::token_vault::CoinTotals = pools
        .chains
        .a
        .app
        .wrap()
        .query_wasm_smart(
            &vault,
            &VaultQuery::Totals {
                asset: VaultAsset::Pooled {
                    coin_name: POOL_COIN.into(),
                },
            },
        )
        .unwrap();
    assert_eq!(totals.locked.u128(), DEPOSIT - 1_000);
    let all: btp_types::msg::token_vault::AllTotalsResponse = pools
        .chains
        .a
        .app
        .wrap()
        .query_wasm_smart(
            &vault,
            &VaultQuery::AllTotals {
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    assert!(all.totals.iter().all(|totals| totals.asset
        != VaultAsset::Native {
            denom: POOL_DENOM.into()
        }));
    let err = pools
        .chains
        .a
        .app
        .wrap()
        .query_wasm_smart::<btp_types::msg::token_vault::CoinTotals>(
            &vault,
            &VaultQuery::Totals {
                asset: VaultAsset::Native {
                    denom: POOL_DENOM.into(),
                },
            },
        )
        .unwrap_err();
    assert_eq!(
        testing::errors::query_refusal(&err),
        VaultError::AssetIsPooled {
            asset: format!("native:{POOL_DENOM}"),
            coin_name: POOL_COIN.into(),
        }
        .to_string()
    );
}

#[test]
fn liquidity_providers_earn_the_fees_and_withdraw_their_share() {
    let mut pools = pooled_chains();
    let provider = pools.provider(Side::A);
    assert_eq!(
        pools.lp_shares(Side::A, &provider),
        DEPOSIT,
        "one share per coin at first"
    );

    // Ten transfers out of A pay A's LPs half their fee each.
    for _ in 0..10 {
        pools.send(Side::A, 10_000).unwrap();
    }
    let lp_fees = 10 * fees_of(10_000).1;
    let a = pools.pool(Side::A);
    assert_eq!(a.lp_fees.u128(), lp_fees);
    assert_eq!(a.liquidity.u128(), DEPOSIT + lp_fees);
    assert!(a.share_value > Decimal::one());

    // A later deposit buys shares at the higher value: it takes none of the fees earned.
    let late = pools.chains.a.app.api().addr_make("late-provider");
    mint_native(&mut pools.chains.a.app, &late, POOL_DENOM, 50_000);
    pools.deposit_as(Side::A, &late, 50_000).unwrap();
    let late_shares = pools.lp_shares(Side::A, &late);
    assert_eq!(late_shares, 50_000 * DEPOSIT / (DEPOSIT + lp_fees));

    // The first provider's shares are worth its deposit and the fees.
    let value: LpValueResponse = pools
        .chains
        .a
        .app
        .wrap()
        .query_wasm_smart(
            &pools.chains.a.contracts.vault,
            &VaultQuery::LpValue {
                coin_name: POOL_COIN.into(),
                shares: Uint128::new(DEPOSIT),
            },
        )
        .unwrap();
    assert_eq!(value.value.u128(), DEPOSIT + lp_fees);
    assert!(value.withdrawable);
    let response = pools.withdraw(Side::A, DEPOSIT).unwrap();
    let withdrawn = LiquidityWithdrawn::first(&response.events).expect("withdrawn");
    assert_eq!(withdrawn.amount.u128(), DEPOSIT + lp_fees);
    assert_eq!(
        pools.usd(Side::A, &provider),
        START - DEPOSIT + DEPOSIT + lp_fees
    );
    assert_eq!(
        pools.lp_shares(Side::A, &provider),
        0,
        "the shares are burned"
    );
    // The late provider's shares are worth what it deposited (rounded down).
    let a = pools.pool(Side::A);
    assert_eq!(a.shares.u128(), late_shares);
    assert!(a.liquidity.u128() <= 50_000 && a.liquidity.u128() >= 50_000 - 1);

    // B paid the transfers out: its provider cannot take back more than B holds now.
    while relay(&mut pools.chains, Side::A).unwrap().is_some() {}
    let b = pools.pool(Side::B);
    let err = pools.withdraw(Side::B, DEPOSIT).unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &VaultError::PoolShort {
            coin_name: POOL_COIN.into(),
            requested: b.liquidity,
            available: b.available,
        }
    );
    // What B's pool can pay, it pays.
    let payable = b.available.multiply_ratio(b.shares, b.liquidity).u128();
    pools.withdraw(Side::B, payable).unwrap();
    assert!(pools.pool(Side::B).available.u128() <= 1);
}

#[test]
fn the_rebalancing_fee_grows_as_a_pool_drains_and_falls_as_it_refills() {
    let mut pools = pooled_chains();
    let user_b = pools.chains.b.user.clone();
    const PROBE: u128 = 5_000;

    // A drains B's pool step by step: each step's fee is what B quoted for it,
    // and the quote for the same amount grows as B's pool empties.
    let mut quotes = vec![pools.payout(Side::B, PROBE).fee.u128()];
    let mut paid_fees = vec![];
    for _ in 0..4 {
        pools.send(Side::A, 20_000).unwrap();
        let net = 20_000 - fees_of(20_000).0;
        let quoted = pools.payout(Side::B, net);
        let before = pools.usd(Side::B, &user_b);
        relay(&mut pools.chains, Side::A).unwrap().unwrap();
        relay(&mut pools.chains, Side::B).unwrap().unwrap();
        assert_eq!(pools.usd(Side::B, &user_b) - before, quoted.payout.u128());
        paid_fees.push(quoted.fee.u128());
        quotes.push(pools.payout(Side::B, PROBE).fee.u128());
    }
    assert_eq!(paid_fees[0], 0, "above the safe share, no fee");
    assert!(
        paid_fees.windows(2).all(|pair| pair[0] <= pair[1]) && paid_fees[3] > paid_fees[2],
        "the fee grows as B drains: {paid_fees:?}"
    );
    assert!(
        quotes.windows(2).all(|pair| pair[0] <= pair[1]) && quotes[4] > quotes[2],
        "{quotes:?}"
    );
    let drained = *quotes.last().unwrap();

    // A transfer B → A refills B's pool: it drains A's, which is above its
    // target, so it pays no rebalancing fee; and B's quote falls again.
    pools.send(Side::B, 30_000).unwrap();
    let report = relay(&mut pools.chains, Side::B).unwrap().unwrap();
    let paid = PoolPaid::first(&report.submitted.events).expect("paid out of A's pool");
    assert_eq!(paid.rebalance_fee.u128(), 0);
    relay(&mut pools.chains, Side::A).unwrap().unwrap();
    let refilled = pools.payout(Side::B, PROBE).fee.u128();
    assert!(refilled < drained, "{refilled} < {drained}");
    // The rebalancing fees stayed with B's LPs.
    let b = pools.pool(Side::B);
    assert_eq!(b.rebalance_fees.u128(), paid_fees.iter().sum::<u128>());
    pools.assert_balanced();
}

#[test]
fn deposits_and_withdrawals_with_the_wrong_coins_are_refused() {
    let mut pools = pooled_chains();
    let provider = pools.provider(Side::A);
    mint_native(&mut pools.chains.a.app, &provider, COIN_A_DENOM, 1_000);
    let vault_a = pools.chains.a.contracts.vault.clone();
    let deposit = VaultMsg::DepositLiquidity {
        coin_name: POOL_COIN.into(),
    };
    let wrong_funds = [
        vec![],
        vec![coin(100, COIN_A_DENOM)],
        vec![coin(100, COIN_A_DENOM), coin(100, POOL_DENOM)],
    ];
    for funds in wrong_funds {
        let err = pools
            .chains
            .a
            .execute(&provider, &vault_a, &deposit, &funds)
            .unwrap_err();
        assert!(
            matches!(
                contract_error::<VaultError>(&err),
                VaultError::WrongDepositFunds { denom, .. } if denom == POOL_DENOM
            ),
            "{funds:?}"
        );
    }
    // A deposit worth less than a share is refused (after fees, a share is worth more than 1).
    pools.send(Side::A, 10_000).unwrap();
    let err = pools
        .chains
        .a
        .execute(&provider, &vault_a, &deposit, &coins(1, POOL_DENOM))
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::ZeroShares { .. }
    ));

    // B's pool is a cw20: a native deposit call is refused, and so is a
    // deposit of another token, or a "withdrawal" of a token that is no LP token.
    let (provider_b, vault_b) = (
        pools.provider(Side::B),
        pools.chains.b.contracts.vault.clone(),
    );
    let err = pools
        .chains
        .b
        .execute(&provider_b, &vault_b, &deposit, &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::DepositNeedsCw20Send { .. }
    ));
    let (user_a, token_a) = (pools.chains.a.user.clone(), pools.chains.token_a.clone());
    let err = pools
        .chains
        .a
        .execute(
            &user_a,
            &token_a,
            &send_to_vault(&vault_a, 100, &VaultReceive::DepositLiquidity {}),
            &[],
        )
        .unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &VaultError::NotAPoolToken {
            token: token_a.to_string()
        }
    );
    let usd_b = pools.usd_b.clone();
    let err = pools
        .chains
        .b
        .execute(&provider_b, &usd_b, &withdraw(&vault_b, 100), &[])
        .unwrap_err();
    assert_eq!(
        contract_error::<VaultError>(&err),
        &VaultError::NotAnLpToken {
            token: usd_b.to_string()
        }
    );

    // More shares than the provider holds: the LP token itself refuses.
    let err = pools.withdraw(Side::B, DEPOSIT + 1).unwrap_err();
    assert!(matches!(
        contract_error::<Cw20Error>(&err),
        Cw20Error::Std(StdError::Overflow { .. })
    ));
    assert_eq!(pools.lp_shares(Side::B, &provider_b), DEPOSIT);
}

#[test]
fn only_the_handler_moves_a_pool_and_it_moves_nothing_it_does_not_hold() {
    let mut pools = pooled_chains();
    let chain = &mut pools.chains.a;
    let (user, vault, handler) = (
        chain.user.clone(),
        chain.contracts.vault.clone(),
        chain.contracts.handler.clone(),
    );
    let pay = |amount: u128| Movement::PoolPay {
        coin_name: POOL_COIN.into(),
        recipient: user.to_string(),
        amount: Uint128::new(amount),
    };
    let refund = |amount: u128| VaultMsg::Release {
        recipient: user.to_string(),
        asset: VaultAsset::Pooled {
            coin_name: POOL_COIN.into(),
        },
        amount: Uint128::new(amount),
    };
    // Anyone else: refused whatever it asks.
    let stranger_calls = [
        VaultMsg::Settle {
            movements: vec![pay(1_000)],
        },
        refund(1_000),
        VaultMsg::RegisterPool {
            coin_name: "eur".into(),
            asset: PooledAsset::Native {
                denom: "ueur".into(),
            },
            lp_name: "EUR pool shares".into(),
            lp_symbol: "LPEUR".into(),
            lp_decimals: 6,
            curve: None,
        },
    ];
    for msg in stranger_calls {
        let err = chain.execute(&user, &vault, &msg, &[]).unwrap_err();
        assert!(
            matches!(
                contract_error::<VaultError>(&err),
                VaultError::NotHandler { .. }
            ),
            "{msg:?}"
        );
    }

    // The handler itself cannot pay more than the pool has available, refund
    // or confirm more than it keeps for transfers out, book coins it did not
    // bring, or release the pooled denom as if it were a home coin.
    let settle = |movement| VaultMsg::Settle {
        movements: vec![movement],
    };
    let to_vault = Movement::PoolPay {
        coin_name: POOL_COIN.into(),
        recipient: vault.to_string(),
        amount: Uint128::new(1_000),
    };
    let err = chain
        .execute(&handler, &vault, &settle(to_vault), &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::RecipientIsVault { .. }
    ));
    let err = chain
        .execute(&handler, &vault, &settle(pay(DEPOSIT + 1)), &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::PoolShort { .. }
    ));
    let err = chain
        .execute(&handler, &vault, &refund(1), &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::PendingShort {
            operation: "refund",
            ..
        }
    ));
    let confirm = Movement::PoolConfirm {
        coin_name: POOL_COIN.into(),
        amount: Uint128::new(1),
    };
    let err = chain
        .execute(&handler, &vault, &settle(confirm), &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::PendingShort {
            operation: "confirm",
            ..
        }
    ));
    let unbacked = Movement::PoolIn {
        coin_name: POOL_COIN.into(),
        amount: Uint128::new(1_000),
        lp_fee: Uint128::zero(),
    };
    let err = chain
        .execute(&handler, &vault, &settle(unbacked), &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::PoolDeliveredLess { .. }
    ));
    let as_home_coin = VaultMsg::Release {
        recipient: user.to_string(),
        asset: VaultAsset::Native {
            denom: POOL_DENOM.into(),
        },
        amount: Uint128::new(1),
    };
    let err = chain
        .execute(&handler, &vault, &as_home_coin, &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::AssetIsPooled { .. }
    ));
    assert_eq!(pools.pool(Side::A).balance.u128(), DEPOSIT);
    assert_eq!(pools.vault_holds(Side::A), DEPOSIT);
}

#[test]
fn a_coin_registered_otherwise_cannot_be_pooled_and_a_pool_asset_cannot_be_locked() {
    let mut pools = pooled_chains();
    let chain = &mut pools.chains.a;
    let (owner, handler, vault) = (
        chain.owner.clone(),
        chain.contracts.handler.clone(),
        chain.contracts.vault.clone(),
    );
    let token_a = pools.chains.token_a.clone();
    let chain = &mut pools.chains.a;
    let pooled = |coin_name: &str, asset: PooledAsset| HandlerMsg::RegisterCoin {
        coin_name: coin_name.into(),
        origin: pooled_origin(asset, None),
        fee: fee(),
        limits: Default::default(),
    };
    // The handler knows the coin name, the denom and the token already.
    let native_home = PooledAsset::Native {
        denom: COIN_A_DENOM.into(),
    };
    let cw20_home = PooledAsset::Cw20 {
        address: token_a.to_string(),
    };
    let err = chain
        .execute(&owner, &handler, &pooled(COIN_A, native_home.clone()), &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<HandlerError>(&err),
        HandlerError::CoinExists { .. }
    ));
    for asset in [native_home.clone(), cw20_home.clone()] {
        let err = chain
            .execute(&owner, &handler, &pooled("usd2", asset), &[])
            .unwrap_err();
        assert!(matches!(
            contract_error::<HandlerError>(&err),
            HandlerError::AssetTaken { .. }
        ));
    }
    // A fee share above 1, or a curve that is no curve, is refused.
    let mut greedy = pooled_origin(
        PooledAsset::Native {
            denom: "ueur".into(),
        },
        None,
    );
    if let btp_types::msg::token_handler::CoinOrigin::Pooled { lp_fee_share, .. } = &mut greedy {
        *lp_fee_share = Decimal::percent(101);
    }
    let msg = HandlerMsg::RegisterCoin {
        coin_name: "eur".into(),
        origin: greedy,
        fee: fee(),
        limits: Default::default(),
    };
    let err = chain.execute(&owner, &handler, &msg, &[]).unwrap_err();
    assert!(matches!(
        contract_error::<HandlerError>(&err),
        HandlerError::LpFeeShareTooHigh { .. }
    ));
    let flat = RebalanceCurve {
        danger_share: Decimal::percent(70),
        ..RebalanceCurve::default()
    };
    let msg = HandlerMsg::RegisterCoin {
        coin_name: "eur".into(),
        origin: pooled_origin(
            PooledAsset::Native {
                denom: "ueur".into(),
            },
            Some(flat),
        ),
        fee: fee(),
        limits: Default::default(),
    };
    let err = chain.execute(&owner, &handler, &msg, &[]).unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::InvalidCurve { .. }
    ));

    // The vault checks too, whoever the handler is: a native denom it holds
    // as a home coin, a registered home token, an existing pool, an LP token.
    testing::relay::send_native(&mut pools.chains, Side::A, COIN_A_DENOM, 1_000, "someone")
        .unwrap();
    let chain = &mut pools.chains.a;
    let register = |coin_name: &str, asset: PooledAsset| VaultMsg::RegisterPool {
        coin_name: coin_name.into(),
        asset,
        lp_name: "Some pool shares".into(),
        lp_symbol: "LPSOME".into(),
        lp_decimals: 6,
        curve: None,
    };
    let err = chain
        .execute(&handler, &vault, &register("x", native_home), &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::PooledDenomInUse { .. }
    ));
    let err = chain
        .execute(&handler, &vault, &register("x", cw20_home), &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::AssetInUse { .. }
    ));
    let other_denom = PooledAsset::Native {
        denom: "ueur".into(),
    };
    let err = chain
        .execute(&handler, &vault, &register(POOL_COIN, other_denom), &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::PoolExists { .. }
    ));
    let lp_token = pool(&chain.app, &vault).lp_token;
    let err = chain
        .execute(
            &handler,
            &vault,
            &VaultMsg::RegisterHomeToken { address: lp_token },
            &[],
        )
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::AssetInUse { .. }
    ));

    // B's pooled cw20 sent to the vault as a lock is refused: it is the pool's.
    let (handler_b, vault_b, usd_b) = (
        pools.chains.b.contracts.handler.clone(),
        pools.chains.b.contracts.vault.clone(),
        pools.usd_b.clone(),
    );
    let user_b = pools.chains.b.user.clone();
    pools
        .chains
        .b
        .execute(
            &user_b,
            &usd_b,
            &Cw20ExecuteMsg::Transfer {
                recipient: handler_b.to_string(),
                amount: Uint128::new(100),
            },
            &[],
        )
        .unwrap();
    let err = pools
        .chains
        .b
        .execute(
            &handler_b,
            &usd_b,
            &send_to_vault(&vault_b, 100, &VaultReceive::Lock {}),
            &[],
        )
        .unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::AssetIsPooled { .. }
    ));
}

/// Contract calls of each pool operation, counted: every hop is an
/// instance charge on a real chain (60,000 gas on wasmd, 2,000 pinned), so
/// these numbers are most of the gas (see BENCHMARKS.md). A delivery also
/// queries the vault's pool once per pooled coin in the batch.
#[test]
fn pool_operations_cost_these_contract_calls() {
    use cw_multi_test::AppResponse;
    use testing::events::{executions, executions_of};

    let mut pools = pooled_chains();
    let provider = pools.provider(Side::A);
    let (vault_a, handler_a, center_a) = (
        pools.chains.a.contracts.vault.clone(),
        pools.chains.a.contracts.handler.clone(),
        pools.chains.a.contracts.message_center.clone(),
    );
    let lp_a = Addr::unchecked(pools.pool(Side::A).lp_token);
    mint_native(&mut pools.chains.a.app, &provider, POOL_DENOM, 1_000);
    let deposited = pools
        .chains
        .a
        .execute(
            &provider,
            &vault_a,
            &VaultMsg::DepositLiquidity {
                coin_name: POOL_COIN.into(),
            },
            &coins(1_000, POOL_DENOM),
        )
        .unwrap();
    // The vault, and the LP token's mint.
    assert_eq!(executions_of(&deposited, &vault_a), 1);
    assert_eq!(executions_of(&deposited, &lp_a), 1);
    assert_eq!(executions(&deposited), 2);

    // A native pooled transfer: the handler, one vault settle, the center.
    let user_a = pools.chains.a.user.clone();
    let to_b = to(&pools.chains.b, &pools.chains.b.user);
    let sent = pools
        .chains
        .a
        .execute(
            &user_a,
            &handler_a,
            &HandlerMsg::Transfer {
                to: to_b,
                timeout_secs: None,
            },
            &coins(10_000, POOL_DENOM),
        )
        .unwrap();
    assert_eq!(executions_of(&sent, &handler_a), 1);
    assert_eq!(executions_of(&sent, &vault_a), 1);
    assert_eq!(executions_of(&sent, &center_a), 1);
    assert_eq!(executions(&sent), 3);

    // Its delivery on B (a cw20 pool): the center, the handler, the vault,
    // the token's transfer (and the light client's update).
    let report = relay(&mut pools.chains, Side::A).unwrap().unwrap();
    let delivered = AppResponse {
        events: report.submitted.events,
        ..AppResponse::default()
    };
    let b = pools.chains.b.contracts.clone();
    assert_eq!(executions_of(&delivered, &b.message_center), 1);
    assert_eq!(executions_of(&delivered, &b.handler), 1);
    assert_eq!(executions_of(&delivered, &b.vault), 1);
    assert_eq!(executions_of(&delivered, &pools.usd_b), 1);
    assert_eq!(
        executions(&delivered),
        4 + executions_of(&delivered, &b.verifier)
    );

    // The success reply on A: the center, the handler, the vault's confirm.
    let report = relay(&mut pools.chains, Side::B).unwrap().unwrap();
    let replied = AppResponse {
        events: report.submitted.events,
        ..AppResponse::default()
    };
    let verifier_a = pools.chains.a.contracts.verifier.clone();
    assert_eq!(executions_of(&replied, &vault_a), 1);
    assert_eq!(
        executions(&replied),
        3 + executions_of(&replied, &verifier_a)
    );

    // A cw20 pooled transfer from B (the hook): the token's send, the
    // handler, the token's transfer to the vault, the vault, the center.
    let user_b = pools.chains.b.user.clone();
    let to_a = to(&pools.chains.a, &user_a);
    let usd_b = pools.usd_b.clone();
    let sent = pools
        .chains
        .b
        .execute(
            &user_b,
            &usd_b,
            &Cw20ExecuteMsg::Send {
                contract: b.handler.to_string(),
                amount: Uint128::new(1_000),
                msg: to_json_binary(&ReceiveMsg::Transfer {
                    to: to_a,
                    timeout_secs: None,
                })
                .unwrap(),
            },
            &[],
        )
        .unwrap();
    assert_eq!(executions_of(&sent, &usd_b), 2);
    assert_eq!(executions(&sent), 5);

    // A withdrawal: the LP token's send, the vault, the LP token's burn (the
    // payment of a native pool is a bank send).
    let withdrawn = pools.withdraw(Side::A, 1_000).unwrap();
    assert_eq!(executions_of(&withdrawn, &lp_a), 2);
    assert_eq!(executions_of(&withdrawn, &vault_a), 1);
    assert_eq!(executions(&withdrawn), 3);
}

/// The vault's pool record, rewritten in place: the books no operation can
/// reach (an unreachable share value, totals at the 128-bit limit) still
/// give typed refusals.
fn tamper_pool(pools: &mut Pools, side: Side, edit: impl FnOnce(&mut serde_json::Value)) {
    let stored: cw_storage_plus::Map<&str, serde_json::Value> = cw_storage_plus::Map::new("pools");
    let chain = pools.chain(side);
    let vault = chain.contracts.vault.clone();
    let mut storage = chain.app.contract_storage_mut(&vault);
    let mut pool = stored.load(&*storage, POOL_COIN).unwrap();
    edit(&mut pool);
    stored.save(&mut *storage, POOL_COIN, &pool).unwrap();
}

#[test]
fn books_out_of_reach_of_every_operation_still_give_typed_refusals() {
    let mut pools = pooled_chains();

    // Shares worth less than one coin each: a withdrawal of one is worth nothing.
    tamper_pool(&mut pools, Side::A, |pool| pool["liquidity"] = "1".into());
    let err = pools.withdraw(Side::A, 1).unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::ZeroWithdrawal { .. }
    ));
    // Shares with no liquidity at all: a deposit would buy them for nothing.
    tamper_pool(&mut pools, Side::A, |pool| pool["liquidity"] = "0".into());
    let err = pools.deposit(Side::A, 1_000).unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::WorthlessShares { .. }
    ));
    // A balance at the 128-bit limit: the next deposit overflows, typed.
    tamper_pool(&mut pools, Side::B, |pool| {
        pool["balance"] = (u128::MAX - 10).to_string().into()
    });
    let err = pools.deposit(Side::B, 11).unwrap_err();
    assert!(matches!(
        contract_error::<VaultError>(&err),
        VaultError::Overflow {
            counter: "balance",
            ..
        }
    ));
}
