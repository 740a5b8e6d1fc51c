//! The token vault: custody of home coins, minting of wrapped foreign coins.
//!
//! Only the token handler moves value. How the handler calls each operation
//! (and what it costs in contract hops):
//!
//! | the handler wants to | it sends | hops after the handler |
//! |---|---|---|
//! | lock native coins | a bank send to the vault's address (several denoms at once) | none |
//! | lock a home cw20 | `Cw20ExecuteMsg::Send { contract: vault, amount, msg: to_json_binary(&ReceiveMsg::Lock {}) }` to the token | token, vault |
//! | hold wrapped tokens for burning | `Cw20ExecuteMsg::Send { contract: vault, amount, msg: to_json_binary(&ReceiveMsg::HoldForBurning {}) }` to the wrapped token | token, vault |
//! | pay out a home coin, or refund held wrapped tokens | `ExecuteMsg::Release { recipient, asset, amount }` | vault (+ token for cw20) |
//! | mint a wrapped coin | `ExecuteMsg::Mint { coin_name, recipient, amount }` | vault, token |
//! | burn held wrapped tokens | `ExecuteMsg::Burn { coin_name, amount }` | vault, token |
//! | take a pooled coin into its pool | a bank send or a cw20 `Transfer` to the vault, then `ExecuteMsg::Settle { movements: [Movement::PoolIn { .. }] }` | vault (+ token for cw20) |
//! | pay a transfer out of a pool, or confirm one that arrived | `ExecuteMsg::Settle` with `Movement::PoolPay` / `Movement::PoolConfirm` | vault (+ token for cw20) |
//! | refund a pooled transfer | `ExecuteMsg::Release { asset: VaultAsset::Pooled { .. }, .. }` | vault (+ token for cw20) |
//!
//! Every response has an `action` attribute. Attributes of value movements:
//! `coin` (the [`VaultAsset`] as `native:<denom>`, `cw20:<address>` or
//! `wrapped:<coin name>`), `amount`, `recipient` (the vault itself for locks
//! and holds; absent for burns), and the coin's new total (`locked`, `held`
//! or `minted`/`burned`).
//!
//! Native coins are locked without a contract call: the handler sends them
//! to the vault's address with the bank, and the bank's balance of the vault
//! is the vault's book of them (`locked`). A release never pays more than
//! that balance; what each remote chain may bring back is bounded by the
//! handler's own books (`outstanding`), checked before it asks the vault.
//!
//! # Liquidity pools
//!
//! A coin issued natively on both chains (a stablecoin with a native denom
//! or a cw20 on each side) is registered as *pooled* on both: the vault of
//! each chain keeps a pool of it, and a transfer takes the coin into the
//! source pool and pays the receiver out of the destination pool, so nobody
//! ever holds a wrapped token. Liquidity providers deposit into a pool
//! (`deposit_liquidity` with native funds, or a cw20 `Send` with
//! [`ReceiveMsg::DepositLiquidity`]) and receive LP shares, a `cw20-base`
//! token the vault instantiated for the pool (`instantiate2`, salt
//! `sha256("pool-lp\0" ‖ coin_name)`); they withdraw by sending shares back
//! (cw20 `Send` of the LP token with [`ReceiveMsg::WithdrawLiquidity`]).
//!
//! A pool's books ([`PoolResponse`]): `balance` is everything the vault
//! holds for it; `pending_out` the part that transfers sent from here and
//! not yet answered may need for their refund (never paid to anyone else);
//! `available = balance - pending_out` is what incoming transfers and
//! withdrawals may take; `liquidity` is what the LPs own here (deposits −
//! withdrawals + fees), shared by `shares` LP tokens, so one share is worth
//! `liquidity / shares`. Fees of a pooled transfer: the handler's fee on the
//! source (its `lp_fee_share` goes to the source pool's LPs, the rest stays
//! with the handler), and the rebalancing fee ([`RebalanceCurve`]) that the
//! destination pool keeps for its LPs.
//!
//! Supply invariant, per pooled coin across the chains:
//! `Σ balance = Σ (deposited − withdrawn + lp_fees + rebalance_fees) + in flight`,
//! where in flight is the net amount of transfers taken into a source pool
//! and neither paid out at the destination nor refunded.
//!
//! Pool events (typed in `btp_types::events::token_pool`):
//!
//! - `vault_pool_registered`: a pool and its LP token were created.
//!   Attributes: `coin_name`, `asset`, `lp_token`.
//! - `vault_liquidity_deposited`: an LP deposited and received shares.
//!   Attributes: `coin_name`, `provider`, `amount`, `shares`, `liquidity`, `balance`.
//! - `vault_liquidity_withdrawn`: an LP gave shares back and was paid.
//!   Attributes: `coin_name`, `provider`, `recipient`, `shares`, `amount`, `liquidity`, `balance`.
//! - `vault_pool_taken_in`: a transfer out took coins into the pool.
//!   Attributes: `coin_name`, `amount`, `lp_fee`, `balance`, `pending_out`.
//! - `vault_pool_paid`: an incoming transfer was paid out of the pool.
//!   Attributes: `coin_name`, `recipient`, `amount`, `rebalance_fee`, `paid`, `balance`, `liquidity`.
//! - `vault_pool_confirmed`: a transfer out arrived; its coins are the pool's.
//!   Attributes: `coin_name`, `amount`, `pending_out`.
//! - `vault_pool_refunded`: a transfer out failed; its sender was refunded.
//!   Attributes: `coin_name`, `recipient`, `amount`, `balance`, `pending_out`.

use std::fmt;

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Decimal, Decimal256, Uint128, Uint256};
use cw20::Cw20ReceiveMsg;
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

/// Creates a vault.
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner; the sender of the instantiation when absent.
    pub owner: Option<String>,
    /// The token handler, the only account that may move anything; it can
    /// be set later with `set_handler` (the two contracts refer to each other).
    pub handler: Option<String>,
    /// The code id of `cw20-base`, instantiated once per wrapped foreign coin.
    pub cw20_code_id: u64,
}

/// A coin the vault keeps account of.
#[cw_serde]
pub enum VaultAsset {
    /// A native coin of this chain, escrowed in the vault's bank balance.
    Native {
        /// The bank denom.
        denom: String,
    },
    /// A cw20 token of this chain, escrowed in the vault's cw20 balance. It
    /// must have been registered with `register_home_token`.
    Cw20 {
        /// The token contract's address.
        address: String,
    },
    /// A foreign coin, represented on this chain by the `cw20-base` token the
    /// vault instantiated for it with `register_wrapped_token`.
    Wrapped {
        /// The coin's name, as both chains registered it.
        coin_name: String,
    },
    /// A coin issued on both chains, kept in this vault's pool of it
    /// (`register_pool`). Only refunds are released this way.
    Pooled {
        /// The coin's name, as both chains registered it.
        coin_name: String,
    },
}

/// What a pooled coin is on this chain.
#[cw_serde]
pub enum PooledAsset {
    /// A native coin, held in the vault's bank balance.
    Native {
        /// The bank denom.
        denom: String,
    },
    /// A cw20 token, held in the vault's cw20 balance.
    Cw20 {
        /// The token contract's address.
        address: String,
    },
}

impl fmt::Display for PooledAsset {
    /// `native:<denom>` or `cw20:<address>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Native { denom } => write!(f, "native:{denom}"),
            Self::Cw20 { address } => write!(f, "cw20:{address}"),
        }
    }
}

/// The rebalancing fee of a pool, after Stargate's equilibrium fee: the fee
/// *rate* is a function of how full the paying pool is, relative to its
/// target (`liquidity`, what its LPs own here), and a transfer pays the
/// area under that rate over the range of balance it drains, so splitting a
/// transfer saves nothing.
///
/// ```text
/// rate
///  max_rate |\
///           | \
///           |  \
/// safe_rate |   '--.__
///         0 +---------'--.__________
///           0   danger     safe      share of target (available / liquidity)
/// ```
///
/// Above `safe_share` of the target the rate is 0; it rises linearly to
/// `safe_rate` at `danger_share`, then steeply to `max_rate` at an empty
/// pool. A transfer that refills a pool drains the other one, which is
/// above its target when this one is below it (the coins are conserved), so
/// it pays little or nothing: the fee alone pulls the pools back to balance.
/// The default is Stargate's (60 %, 5 %, 0.4 %, 99.6 %). Unlike Stargate,
/// the fee is taken where the drain happens, from the paying pool's exact
/// state, and kept by that pool's LPs (Stargate keeps it to reward
/// refilling transfers).
#[cw_serde]
pub struct RebalanceCurve {
    /// Above this share of the target, no fee (Stargate: 0.6).
    pub safe_share: Decimal,
    /// Below this share, the steep zone (Stargate: 0.05); above zero and
    /// below `safe_share`.
    pub danger_share: Decimal,
    /// The rate at `danger_share` (Stargate: 0.004).
    pub safe_rate: Decimal,
    /// The rate at an empty pool (Stargate: 0.996); at least `safe_rate`,
    /// below 1.
    pub max_rate: Decimal,
}

impl Default for RebalanceCurve {
    fn default() -> Self {
        Self {
            safe_share: Decimal::percent(60),
            danger_share: Decimal::percent(5),
            safe_rate: Decimal::permille(4),
            max_rate: Decimal::permille(996),
        }
    }
}

impl RebalanceCurve {
    /// Why the curve is not one, if it is not.
    pub fn invalid_reason(&self) -> Option<&'static str> {
        if self.danger_share.is_zero() {
            return Some("danger_share must be above zero");
        }
        if self.danger_share >= self.safe_share {
            return Some("danger_share must be below safe_share");
        }
        if self.safe_share > Decimal::one() {
            return Some("safe_share must be at most 1");
        }
        if self.safe_rate > self.max_rate {
            return Some("safe_rate must be at most max_rate");
        }
        if self.max_rate >= Decimal::one() {
            return Some("max_rate must be below 1");
        }
        None
    }

    /// The fee of paying `amount` out of a pool holding `available` with
    /// target `target`, rounded down; `None` when `amount` exceeds
    /// `available` (the pool cannot pay) or on overflow.
    pub fn fee(&self, target: Uint128, available: Uint128, amount: Uint128) -> Option<Uint128> {
        let after = available.checked_sub(amount).ok()?;
        if target.is_zero() || amount.is_zero() {
            return Some(Uint128::zero());
        }
        let dec = |value: Uint128| Decimal256::checked_from_ratio(value, 1u128).ok();
        let rate = |share: Decimal| Decimal256::from(share);
        let (before, after, target) = (dec(available)?, dec(after)?, dec(target)?);
        let safe = target.checked_mul(rate(self.safe_share)).ok()?;
        let danger = target.checked_mul(rate(self.danger_share)).ok()?;
        let (safe_rate, max_rate) = (rate(self.safe_rate), rate(self.max_rate));
        // The rate at balance `x`: linear within each zone.
        let rate_at = |x: Decimal256| -> Option<Decimal256> {
            if x >= safe {
                Some(Decimal256::zero())
            } else if x >= danger {
                let drained = safe.checked_sub(x).ok()?;
                let width = safe.checked_sub(danger).ok()?;
                safe_rate.checked_mul(drained.checked_div(width).ok()?).ok()
            } else {
                let drained = danger.checked_sub(x).ok()?;
                let steep = max_rate.checked_sub(safe_rate).ok()?;
                safe_rate
                    .checked_add(steep.checked_mul(drained.checked_div(danger).ok()?).ok()?)
                    .ok()
            }
        };
        // The area under the rate between `low` and `high`, both in one zone.
        let trapezoid = |low: Decimal256, high: Decimal256| -> Option<Decimal256> {
            if high <= low {
                return Some(Decimal256::zero());
            }
            let heights = rate_at(low)?.checked_add(rate_at(high)?).ok()?;
            high.checked_sub(low)
                .ok()?
                .checked_mul(heights)
                .ok()?
                .checked_div(Decimal256::from_atomics(2u128, 0).ok()?)
                .ok()
        };
        let gentle = trapezoid(after.max(danger), before.min(safe))?;
        let steep = trapezoid(after, before.min(danger))?;
        let fee = gentle.checked_add(steep).ok()?.to_uint_floor();
        Uint128::try_from(fee.min(Uint256::from(amount))).ok()
    }
}

impl fmt::Display for VaultAsset {
    /// `native:<denom>`, `cw20:<address>` or `wrapped:<coin name>`: the
    /// `coin` attribute of the vault's events.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Native { denom } => write!(f, "native:{denom}"),
            Self::Cw20 { address } => write!(f, "cw20:{address}"),
            Self::Wrapped { coin_name } => write!(f, "wrapped:{coin_name}"),
            Self::Pooled { coin_name } => write!(f, "pooled:{coin_name}"),
        }
    }
}

/// What the vault does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Owner only: names the token handler, the only account that may move value.
    SetHandler {
        /// The handler contract's address.
        handler: String,
    },
    /// Owner only: stops (`true`) or resumes (`false`) every movement of value
    /// (`lock`, `receive`, `release`, `mint`, `burn`, the pool movements,
    /// deposits and withdrawals of liquidity). Registrations and queries go
    /// on while paused.
    SetPaused {
        /// The new state.
        paused: bool,
    },
    /// The cw20 `Receive` hook. [`ReceiveMsg::Lock`] and
    /// [`ReceiveMsg::HoldForBurning`] are accepted only when
    /// `Cw20ReceiveMsg.sender` is the handler (the handler sent the tokens
    /// with cw20 `Send`), and only for tokens the vault knows: the calling
    /// token contract (`info.sender`) must be a registered home token (for
    /// `Lock`) or a wrapped token the vault instantiated (for
    /// `HoldForBurning`). [`ReceiveMsg::DepositLiquidity`] is accepted from
    /// anyone for a pool's cw20 token, [`ReceiveMsg::WithdrawLiquidity`] from
    /// anyone for a pool's LP token. `Cw20ReceiveMsg.msg` is a JSON
    /// [`ReceiveMsg`]. Any other caller creates nothing.
    Receive(Cw20ReceiveMsg),
    /// Handler only: pays `amount` of a home coin out of escrow (bank send or
    /// cw20 transfer), or gives back wrapped tokens held for burning (the
    /// refund path of a transfer back to the coin's home). Never more than is
    /// locked, or held, for that coin.
    Release {
        /// The account that receives the coins; not the vault itself.
        recipient: String,
        /// The coin.
        asset: VaultAsset,
        /// How much, more than zero.
        amount: Uint128,
    },
    /// Handler only: mints `amount` of a registered foreign coin's wrapped
    /// token to `recipient` (cw20 `Mint`; the vault is the only minter).
    Mint {
        /// The foreign coin's name, as given to `register_wrapped_token`.
        coin_name: String,
        /// The account that receives the tokens; not the vault itself.
        recipient: String,
        /// How much, more than zero.
        amount: Uint128,
    },
    /// Handler only: burns `amount` of a wrapped token out of what is held
    /// for burning (cw20 `Burn` of the vault's own balance); the transfer it
    /// belonged to has succeeded on the coin's home chain.
    Burn {
        /// The foreign coin's name.
        coin_name: String,
        /// How much, more than zero and at most what is held.
        amount: Uint128,
    },
    /// Handler only: creates the wrapped token of a foreign coin, a
    /// `cw20-base` instance (code id from the configuration) with the vault
    /// as its only minter, no initial balances, the vault as its admin. The
    /// token is instantiated with `instantiate2`, salt `sha256(coin_name)`,
    /// so its address is known at once: attribute `token`, and the
    /// response's data is the JSON [`WrappedTokenResponse`] (a caller's reply
    /// finds it in `MsgExecuteContractResponse.data`). One token per coin
    /// name: a second registration is refused.
    RegisterWrappedToken {
        /// The foreign coin's name, as both chains registered it (1 to 96
        /// bytes, no control characters, no surrounding spaces).
        coin_name: String,
        /// The token's name (`cw20-base`: 3 to 50 bytes).
        name: String,
        /// The token's symbol (`cw20-base`: 3 to 12 of `[a-zA-Z-]`).
        symbol: String,
        /// The token's decimals (`cw20-base`: at most 18).
        decimals: u8,
    },
    /// Handler only: accepts a cw20 token of this chain as a home coin, so
    /// that the vault's `Receive` hook will lock it. The address must answer
    /// cw20 `token_info` and must not be a wrapped token of this vault; a
    /// second registration is refused.
    RegisterHomeToken {
        /// The cw20 token contract.
        address: String,
    },
    /// Handler only: creates the pool of a coin issued on this chain and on
    /// the other(s), and its LP token, a `cw20-base` instance (code id from
    /// the configuration) with the vault as its only minter and admin,
    /// instantiated with `instantiate2`, salt `sha256("pool-lp\0" ‖
    /// coin_name)` (attribute `lp_token`; the response's data is the JSON
    /// [`PoolResponse`]). Refused for a coin name that has a pool, and for
    /// an asset the vault knows otherwise: a registered home cw20, a wrapped
    /// or LP token of this vault, another pool's asset, or a native denom the
    /// vault holds (it is locked as a home coin).
    RegisterPool {
        /// The coin's name, as every chain of the pool registered it.
        coin_name: String,
        /// The coin on this chain.
        asset: PooledAsset,
        /// The LP token's name (`cw20-base`: 3 to 50 bytes).
        lp_name: String,
        /// The LP token's symbol (`cw20-base`: 3 to 12 of `[a-zA-Z-]`).
        lp_symbol: String,
        /// The LP token's decimals (`cw20-base`: at most 18); usually the coin's.
        lp_decimals: u8,
        /// The rebalancing fee; Stargate's when absent.
        curve: Option<RebalanceCurve>,
    },
    /// Anyone: deposits the attached native coins (exactly one coin, of the
    /// pool's denom) into the pool of `coin_name` and mints LP shares to the
    /// sender: `amount × shares / liquidity` (rounded down), or `amount`
    /// for the first deposit. A cw20 pool takes deposits through the
    /// token's `Send` ([`ReceiveMsg::DepositLiquidity`]) instead.
    DepositLiquidity {
        /// The pooled coin's name.
        coin_name: String,
    },
    /// Handler only: several `release`, `mint` and `burn` movements in one
    /// call, applied in order, all or none (the handler completes a batch of
    /// transfers with one vault call). Each is checked as its single call is.
    Settle {
        /// The movements, at least one.
        movements: Vec<Movement>,
    },
}

/// One movement of a [`ExecuteMsg::Settle`]: the fields of the single call
/// of the same name, and the pool movements, which exist only here.
#[cw_serde]
pub enum Movement {
    /// A transfer out of a pooled coin: the handler has just sent `amount +
    /// lp_fee` of the coin to the vault (a bank send or a cw20 transfer in
    /// the same transaction, before this call). The pool's balance grows by
    /// both, `amount` is kept for the transfer's refund until
    /// [`Movement::PoolConfirm`] or a `release` of [`VaultAsset::Pooled`],
    /// and `lp_fee` belongs to the LPs. The vault checks that it holds at
    /// least the pool's new balance.
    PoolIn {
        /// The pooled coin's name.
        coin_name: String,
        /// The transfer's net amount.
        amount: Uint128,
        /// The LPs' share of the transfer's fee.
        lp_fee: Uint128,
    },
    /// An incoming transfer of a pooled coin: pays `amount` minus the
    /// rebalancing fee out of the pool's available balance to `recipient`;
    /// the fee stays with the pool's LPs. Refused when `amount` exceeds the
    /// available balance (the handler refuses such a transfer before).
    PoolPay {
        /// The pooled coin's name.
        coin_name: String,
        /// The account that receives the coins; not the vault itself.
        recipient: String,
        /// The transfer's amount, before the rebalancing fee.
        amount: Uint128,
    },
    /// A transfer out of a pooled coin arrived: its `amount` is no longer
    /// kept for a refund.
    PoolConfirm {
        /// The pooled coin's name.
        coin_name: String,
        /// The transfer's net amount.
        amount: Uint128,
    },
    /// As [`ExecuteMsg::Release`].
    Release {
        /// The account that receives the coins; not the vault itself.
        recipient: String,
        /// The coin.
        asset: VaultAsset,
        /// How much, more than zero.
        amount: Uint128,
    },
    /// As [`ExecuteMsg::Mint`].
    Mint {
        /// The foreign coin's name.
        coin_name: String,
        /// The account that receives the tokens; not the vault itself.
        recipient: String,
        /// How much, more than zero.
        amount: Uint128,
    },
    /// As [`ExecuteMsg::Burn`].
    Burn {
        /// The foreign coin's name.
        coin_name: String,
        /// How much, more than zero and at most what is held.
        amount: Uint128,
    },
}

/// The message the handler puts in cw20 `Send { contract: vault, amount, msg }`.
#[cw_serde]
pub enum ReceiveMsg {
    /// Escrow a home cw20 token (one registered with `register_home_token`).
    Lock {},
    /// Hold a wrapped token of this vault until `burn` (the transfer
    /// succeeded) or `release` (it failed and the sender is refunded).
    HoldForBurning {},
    /// Anyone, with a pooled cw20 token: deposit the sent tokens into its
    /// pool; the LP shares go to the `Send`'s sender.
    DepositLiquidity {},
    /// Anyone, with a pool's LP token: give the sent shares back; the vault
    /// burns them and pays their value (`shares × liquidity / total shares`,
    /// rounded down) out of the pool's available balance, or refuses when
    /// the pool here cannot pay it now.
    WithdrawLiquidity {
        /// Who is paid; the `Send`'s sender when absent.
        recipient: Option<String>,
    },
}

/// What the vault answers.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
    /// The totals of one coin. A native denom never locked answers zero; an
    /// unregistered cw20, an unknown wrapped coin or pool, or a pooled denom
    /// asked for as a native home coin is an error.
    #[returns(CoinTotals)]
    Totals {
        /// The coin.
        asset: VaultAsset,
    },
    /// The totals of every coin the vault knows: native denoms (by denom),
    /// then registered home cw20 tokens (by address), then wrapped coins (by
    /// coin name), each group in ascending order. Pools are listed by
    /// `pools` (a pooled denom is not among the native denoms here).
    #[returns(AllTotalsResponse)]
    AllTotals {
        /// Start after this coin (the last one of the previous page).
        start_after: Option<VaultAsset>,
        /// At most this many (default 10, at most 50).
        limit: Option<u32>,
    },
    /// The wrapped token of a foreign coin.
    #[returns(WrappedTokenResponse)]
    WrappedToken {
        /// The foreign coin's name.
        coin_name: String,
    },
    /// The foreign coin a wrapped token stands for (the reverse of `wrapped_token`).
    #[returns(WrappedTokenResponse)]
    WrappedTokenByAddress {
        /// The token contract's address.
        token: String,
    },
    /// A pool's books, its LP token and its curve.
    #[returns(PoolResponse)]
    Pool {
        /// The pooled coin's name.
        coin_name: String,
    },
    /// Every pool, by coin name.
    #[returns(PoolsResponse)]
    Pools {
        /// Start after this coin name.
        start_after: Option<String>,
        /// At most this many (default 10, at most 50).
        limit: Option<u32>,
    },
    /// What an incoming transfer of `amount` would be paid now: the
    /// rebalancing fee, the payout, and whether the pool can pay it.
    #[returns(PoolPayoutResponse)]
    PoolPayout {
        /// The pooled coin's name.
        coin_name: String,
        /// The transfer's amount, before the rebalancing fee.
        amount: Uint128,
    },
    /// What `shares` LP shares are worth now, and whether the pool here can
    /// pay that much to a withdrawal now.
    #[returns(LpValueResponse)]
    LpValue {
        /// The pooled coin's name.
        coin_name: String,
        /// The shares.
        shares: Uint128,
    },
}

/// A pool of a coin issued on several chains; see the module doc.
#[cw_serde]
pub struct PoolResponse {
    /// The pooled coin's name.
    pub coin_name: String,
    /// The coin on this chain.
    pub asset: PooledAsset,
    /// The pool's LP token (`cw20-base`, minted and burned by the vault).
    pub lp_token: String,
    /// The rebalancing fee.
    pub curve: RebalanceCurve,
    /// Everything the vault holds for the pool.
    pub balance: Uint128,
    /// The part of `balance` kept for the refunds of transfers sent from
    /// here and not answered yet.
    pub pending_out: Uint128,
    /// `balance - pending_out`: what incoming transfers and withdrawals may take.
    pub available: Uint128,
    /// What the LPs own here: deposits − withdrawals + fees; the target of
    /// the rebalancing curve.
    pub liquidity: Uint128,
    /// LP shares the vault has minted and not burned.
    pub shares: Uint128,
    /// Value of one share: `liquidity / shares` (1 before the first deposit).
    pub share_value: Decimal,
    /// Everything ever deposited.
    pub deposited: Uint128,
    /// Everything ever withdrawn.
    pub withdrawn: Uint128,
    /// The LPs' share of the handler's fees on transfers sent from here.
    pub lp_fees: Uint128,
    /// Rebalancing fees kept from transfers paid here.
    pub rebalance_fees: Uint128,
}

/// A page of pools.
#[cw_serde]
pub struct PoolsResponse {
    /// The pools, by coin name.
    pub pools: Vec<PoolResponse>,
}

/// What an incoming transfer would be paid.
#[cw_serde]
pub struct PoolPayoutResponse {
    /// The rebalancing fee the pool would keep (zero when it cannot pay).
    pub fee: Uint128,
    /// What the receiver would get (zero when the pool cannot pay).
    pub payout: Uint128,
    /// Whether the pool's available balance covers the transfer.
    pub payable: bool,
}

/// What LP shares are worth.
#[cw_serde]
pub struct LpValueResponse {
    /// Their value in the pooled coin, rounded down.
    pub value: Uint128,
    /// Whether the pool here can pay that much now.
    pub withdrawable: bool,
}

/// The vault's configuration.
#[cw_serde]
pub struct ConfigResponse {
    /// The token handler, if set.
    pub handler: Option<String>,
    /// The `cw20-base` code id used for wrapped coins.
    pub cw20_code_id: u64,
    /// Whether movements of value are stopped.
    pub paused: bool,
}

/// What the vault accounts for one coin. Home coins use `locked`; wrapped
/// coins use `minted`, `burned`, `held` and `supply`; a pooled coin's
/// `locked` is what its pool holds (`pool` answers its books); the other
/// fields are zero.
///
/// The supply invariant across two chains A and B, for a coin whose home is
/// A: `locked` on A = `supply` on B + in flight.
#[cw_serde]
pub struct CoinTotals {
    /// The coin.
    pub asset: VaultAsset,
    /// The cw20 contract: the home token's own address, or the wrapped token
    /// the vault instantiated; `None` for native coins.
    pub token: Option<String>,
    /// Home coins: the amount in escrow now.
    pub locked: Uint128,
    /// Wrapped coins: everything ever minted.
    pub minted: Uint128,
    /// Wrapped coins: everything ever burned by the vault.
    pub burned: Uint128,
    /// Wrapped coins: the amount the vault holds for burning now (part of
    /// `supply` until burned or released).
    pub held: Uint128,
    /// Wrapped coins: `minted - burned`, the supply the vault accounts for,
    /// held tokens included. The token's own `total_supply` is the same
    /// unless holders burned tokens themselves (cw20 `burn` is open to every
    /// holder), which only lowers it.
    pub supply: Uint128,
}

/// A page of [`CoinTotals`].
#[cw_serde]
pub struct AllTotalsResponse {
    /// The coins, in the order of `all_totals`.
    pub totals: Vec<CoinTotals>,
}

/// A foreign coin and its wrapped token.
#[cw_serde]
pub struct WrappedTokenResponse {
    /// The foreign coin's name.
    pub coin_name: String,
    /// The `cw20-base` token the vault instantiated for it.
    pub token: String,
    /// The token's name.
    pub name: String,
    /// The token's symbol.
    pub symbol: String,
    /// The token's decimals.
    pub decimals: u8,
}

#[cfg(test)]
mod tests {
    use super::*;

    const TARGET: Uint128 = Uint128::new(1_000_000);

    fn fee(available: u128, amount: u128) -> Option<u128> {
        RebalanceCurve::default()
            .fee(TARGET, Uint128::new(available), Uint128::new(amount))
            .map(|fee| fee.u128())
    }

    #[test]
    fn a_pool_that_stays_above_the_safe_share_charges_nothing() {
        assert_eq!(fee(1_000_000, 400_000), Some(0));
        assert_eq!(fee(2_000_000, 1_400_000), Some(0));
    }

    #[test]
    fn the_fee_is_the_area_under_the_rate_over_the_drained_range() {
        // 600k → 50k: the rate climbs from 0 to 0.4 %: 550k × 0.2 %.
        assert_eq!(fee(600_000, 550_000), Some(1_100));
        // 50k → 0: from 0.4 % to 99.6 %: 50k × 50 %.
        assert_eq!(fee(50_000, 50_000), Some(25_000));
        // Across both zones, and from above the safe share.
        assert_eq!(fee(1_000_000, 1_000_000), Some(26_100));
    }

    #[test]
    fn the_fee_grows_as_the_pool_drains_and_splitting_saves_nothing() {
        let slices: Vec<u128> = (0..10)
            .map(|step| fee(1_000_000 - step * 90_000, 90_000).unwrap())
            .collect();
        assert!(
            slices.windows(2).all(|pair| pair[0] <= pair[1]),
            "{slices:?}"
        );
        assert!(slices[9] > slices[5]);
        let whole = fee(1_000_000, 900_000).unwrap();
        let split: u128 = slices.iter().sum();
        // Each slice rounds down once.
        assert!(whole >= split && whole - split <= 10, "{whole} vs {split}");
    }

    #[test]
    fn a_pool_cannot_pay_more_than_it_has_and_an_empty_target_charges_nothing() {
        assert_eq!(fee(1_000, 1_001), None);
        let curve = RebalanceCurve::default();
        assert_eq!(
            curve.fee(Uint128::zero(), Uint128::new(10), Uint128::new(10)),
            Some(Uint128::zero())
        );
    }

    #[test]
    fn invalid_curves_say_why() {
        let valid = RebalanceCurve::default();
        assert_eq!(valid.invalid_reason(), None);
        let cases = [
            (
                RebalanceCurve {
                    danger_share: Decimal::zero(),
                    ..valid.clone()
                },
                "danger_share must be above zero",
            ),
            (
                RebalanceCurve {
                    danger_share: Decimal::percent(60),
                    ..valid.clone()
                },
                "danger_share must be below safe_share",
            ),
            (
                RebalanceCurve {
                    safe_share: Decimal::percent(101),
                    ..valid.clone()
                },
                "safe_share must be at most 1",
            ),
            (
                RebalanceCurve {
                    safe_rate: Decimal::one(),
                    ..valid.clone()
                },
                "safe_rate must be at most max_rate",
            ),
            (
                RebalanceCurve {
                    safe_rate: Decimal::zero(),
                    max_rate: Decimal::one(),
                    ..valid.clone()
                },
                "max_rate must be below 1",
            ),
        ];
        for (curve, reason) in cases {
            assert_eq!(curve.invalid_reason(), Some(reason));
        }
    }
}
