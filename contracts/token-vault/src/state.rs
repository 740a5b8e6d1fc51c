//! What the vault stores, and the checked arithmetic on its totals.

use btp_types::msg::token_vault::{PooledAsset, RebalanceCurve};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Deps, Env, StdResult, Uint128};
use cw_storage_plus::{Item, Map};

use crate::error::ContractError;

/// The token handler, the only account that may move value; unset until the owner names it.
pub const HANDLER: Item<Addr> = Item::new("handler");
/// Code id of `cw20-base`, instantiated for each wrapped foreign coin.
pub const CW20_CODE_ID: Item<u64> = Item::new("cw20_code_id");

/// Registered home cw20 token → amount in escrow. Presence is registration:
/// `register_home_token` writes zero.
pub const LOCKED_CW20: Map<&Addr, Uint128> = Map::new("locked_cw20");
/// Foreign coin name → its wrapped token and totals.
pub const WRAPPED: Map<&str, WrappedCoin> = Map::new("wrapped");
/// Wrapped token address → foreign coin name (the reverse of [`WRAPPED`]).
pub const WRAPPED_BY_TOKEN: Map<&Addr, String> = Map::new("wrapped_by_token");

/// Pooled coin name → its pool (see "Liquidity pools" in `msg::token_vault`).
pub const POOLS: Map<&str, Pool> = Map::new("pools");
/// A pooled native denom → its coin name.
pub const POOL_BY_DENOM: Map<&str, String> = Map::new("pool_by_denom");
/// A pooled cw20 token → its coin name.
pub const POOL_BY_TOKEN: Map<&Addr, String> = Map::new("pool_by_token");
/// A pool's LP token → the pooled coin name.
pub const POOL_BY_LP_TOKEN: Map<&Addr, String> = Map::new("pool_by_lp_token");

/// The pool of a coin issued on several chains, and its books; the fields
/// are those of `PoolResponse`.
#[cw_serde]
pub struct Pool {
    /// The coin on this chain.
    pub asset: PooledAsset,
    /// The `cw20-base` LP token the vault instantiated.
    pub lp_token: Addr,
    /// The rebalancing fee.
    pub curve: RebalanceCurve,
    /// Everything the vault holds for the pool.
    pub balance: Uint128,
    /// The part of `balance` kept for refunds of unanswered transfers out.
    pub pending_out: Uint128,
    /// What the LPs own here.
    pub liquidity: Uint128,
    /// LP shares minted and not burned by the vault.
    pub shares: Uint128,
    /// Everything ever deposited.
    pub deposited: Uint128,
    /// Everything ever withdrawn.
    pub withdrawn: Uint128,
    /// The LPs' share of the handler's fees.
    pub lp_fees: Uint128,
    /// Rebalancing fees kept.
    pub rebalance_fees: Uint128,
}

/// The native coins of `denom` in escrow: the vault's bank balance. The
/// handler locks them with a bank send (no contract call), so the bank keeps
/// the book. (Vaults before 0.2 kept their own, under `locked_native`; it is
/// read no more.)
pub fn locked_native(deps: Deps, env: &Env, denom: &str) -> StdResult<Uint128> {
    Ok(deps
        .querier
        .query_balance(&env.contract.address, denom)?
        .amount)
}

/// A foreign coin's wrapped token and what the vault did with it.
#[cw_serde]
pub struct WrappedCoin {
    /// The `cw20-base` token the vault instantiated.
    pub token: Addr,
    /// The token's name.
    pub name: String,
    /// The token's symbol.
    pub symbol: String,
    /// The token's decimals.
    pub decimals: u8,
    /// Everything ever minted.
    pub minted: Uint128,
    /// Everything ever burned by the vault.
    pub burned: Uint128,
    /// Held for burning now.
    pub held: Uint128,
}

/// `current + amount`, or a typed [`ContractError::Overflow`] naming the coin
/// and the counter.
pub fn checked_credit(
    coin: &dyn std::fmt::Display,
    counter: &'static str,
    current: Uint128,
    amount: Uint128,
) -> Result<Uint128, ContractError> {
    current
        .checked_add(amount)
        .map_err(|_| ContractError::Overflow {
            coin: coin.to_string(),
            counter,
            current,
            amount,
        })
}
