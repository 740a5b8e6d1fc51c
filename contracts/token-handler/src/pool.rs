//! Incoming transfers of pooled coins: whether the vault's pool here can
//! pay them, decided before anything changes. The handler reads each pool
//! once per delivered batch (one query of the vault) and follows it through
//! the batch, applying the rebalancing fee exactly as the vault will
//! (`RebalanceCurve::fee`, one function for both), so that every transfer
//! it accepts is one the vault pays, and one it cannot pay is refused with
//! `TOKEN_POOL_SHORT` and refunded on its source chain, never partly paid.

use btp_types::msg::token_vault::{PoolResponse, QueryMsg as VaultQuery, RebalanceCurve};
use cosmwasm_std::{Deps, Uint128};

use crate::error::ContractError;
use crate::state::CONFIG;

/// What the handler needs of a pool to decide a payment.
#[derive(Clone, Debug)]
pub struct PoolView {
    /// What the pool may pay out now.
    pub available: Uint128,
    /// The curve's target.
    pub liquidity: Uint128,
    curve: RebalanceCurve,
}

impl PoolView {
    /// The rebalancing fee of paying `amount` and the pool after it;
    /// `None` when the pool cannot pay it.
    pub fn pay(&self, amount: Uint128) -> Result<Option<(Uint128, PoolView)>, ContractError> {
        if amount > self.available {
            return Ok(None);
        }
        let overflow = || ContractError::Overflow {
            what: "rebalancing fee",
        };
        let fee = self
            .curve
            .fee(self.liquidity, self.available, amount)
            .ok_or_else(overflow)?;
        let paid = amount.checked_sub(fee).map_err(|_| overflow())?;
        let after = PoolView {
            available: self.available.checked_sub(paid).map_err(|_| overflow())?,
            liquidity: self.liquidity.checked_add(fee).map_err(|_| overflow())?,
            curve: self.curve.clone(),
        };
        Ok(Some((fee, after)))
    }
}

/// The pools one delivery has read and the payments it has accepted so far.
#[derive(Default)]
pub struct PoolBook(Vec<(String, PoolView)>);

impl PoolBook {
    /// The pool of `coin_name` as the delivery left it so far (read from
    /// the vault the first time).
    pub fn view(&mut self, deps: Deps, coin_name: &str) -> Result<PoolView, ContractError> {
        if let Some((_, view)) = self.0.iter().find(|(name, _)| name == coin_name) {
            return Ok(view.clone());
        }
        let vault = CONFIG.load(deps.storage)?.vault;
        let pool: PoolResponse = deps.querier.query_wasm_smart(
            vault,
            &VaultQuery::Pool {
                coin_name: coin_name.to_string(),
            },
        )?;
        let view = PoolView {
            available: pool.available,
            liquidity: pool.liquidity,
            curve: pool.curve,
        };
        self.0.push((coin_name.to_string(), view.clone()));
        Ok(view)
    }

    /// Records an accepted payment's effect on the pool.
    pub fn set(&mut self, coin_name: &str, view: PoolView) {
        match self.0.iter_mut().find(|(name, _)| name == coin_name) {
            Some((_, current)) => *current = view,
            None => self.0.push((coin_name.to_string(), view)),
        }
    }
}
