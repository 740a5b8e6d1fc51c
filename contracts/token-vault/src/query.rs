//! What the vault answers.

use cosmwasm_std::{Addr, Deps, Env, Order, StdResult, Uint128};
use cw_storage_plus::Bound;

use btp_types::msg::token_vault::{
    AllTotalsResponse, CoinTotals, ConfigResponse, LpValueResponse, PoolPayoutResponse,
    PoolResponse, PooledAsset, PoolsResponse, VaultAsset, WrappedTokenResponse,
};
use contract_kit::pause;

use crate::error::ContractError;
use crate::pool::{
    available, ensure_not_pooled, load_pool, pool_response, rebalance_fee, value_of_shares,
};
use crate::state::{
    locked_native, WrappedCoin, CW20_CODE_ID, HANDLER, LOCKED_CW20, POOLS, POOL_BY_DENOM, WRAPPED,
    WRAPPED_BY_TOKEN,
};

/// Page size of `all_totals` when none is asked.
pub const DEFAULT_LIMIT: u32 = 10;
/// Largest page of `all_totals`.
pub const MAX_LIMIT: u32 = 50;

/// The configuration.
pub fn config(deps: Deps) -> Result<ConfigResponse, ContractError> {
    Ok(ConfigResponse {
        handler: HANDLER.may_load(deps.storage)?.map(String::from),
        cw20_code_id: CW20_CODE_ID.load(deps.storage)?,
        paused: pause::is_paused(deps.storage)?,
    })
}

/// The totals of one coin.
pub fn totals(deps: Deps, env: &Env, asset: VaultAsset) -> Result<CoinTotals, ContractError> {
    match asset {
        VaultAsset::Native { denom } => {
            ensure_not_pooled(deps.storage, &denom)?;
            let locked = locked_native(deps, env, &denom)?;
            Ok(home_totals(VaultAsset::Native { denom }, None, locked))
        }
        VaultAsset::Pooled { coin_name } => {
            // What the pool holds; `pool` answers its books.
            let pool = load_pool(deps.storage, &coin_name)?;
            let token = match pool.asset {
                PooledAsset::Native { .. } => None,
                PooledAsset::Cw20 { address } => Some(address),
            };
            Ok(home_totals(
                VaultAsset::Pooled { coin_name },
                token,
                pool.balance,
            ))
        }
        VaultAsset::Cw20 { address } => {
            let token = deps.api.addr_validate(&address)?;
            let locked = LOCKED_CW20.may_load(deps.storage, &token)?.ok_or_else(|| {
                ContractError::UnknownHomeToken {
                    token: token.to_string(),
                }
            })?;
            Ok(cw20_totals(token, locked))
        }
        VaultAsset::Wrapped { coin_name } => {
            let wrapped = load_wrapped(deps, &coin_name)?;
            Ok(wrapped_totals(coin_name, wrapped)?)
        }
    }
}

/// Where a page of `all_totals` starts within one group of coins.
enum GroupStart<K> {
    /// The cursor is past this group.
    Skip,
    /// The whole group.
    Beginning,
    /// After this key.
    After(K),
}

impl<K> GroupStart<K> {
    /// `None` to skip the group, else the exclusive lower key, if any.
    fn bound(self) -> Option<Option<K>> {
        match self {
            Self::Skip => None,
            Self::Beginning => Some(None),
            Self::After(key) => Some(Some(key)),
        }
    }
}

/// A page of every coin's totals: native, then home cw20, then wrapped.
pub fn all_totals(
    deps: Deps,
    env: &Env,
    start_after: Option<VaultAsset>,
    limit: Option<u32>,
) -> Result<AllTotalsResponse, ContractError> {
    let limit = usize::try_from(limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT))
        .map_err(|_| cosmwasm_std::StdError::generic_err("page limit does not fit in usize"))?;
    use GroupStart::{After, Beginning, Skip};
    let (native, cw20, wrapped) = match start_after {
        None => (Beginning, Beginning, Beginning),
        Some(VaultAsset::Native { denom }) => (After(denom), Beginning, Beginning),
        Some(VaultAsset::Cw20 { address }) => {
            (Skip, After(deps.api.addr_validate(&address)?), Beginning)
        }
        Some(VaultAsset::Wrapped { coin_name }) => (Skip, Skip, After(coin_name)),
        // Pools are listed by `pools`, after every other coin.
        Some(VaultAsset::Pooled { .. }) => (Skip, Skip, Skip),
    };

    let mut totals = Vec::new();
    if let Some(after) = native.bound() {
        // The bank keeps the book of native coins (see `locked_native`).
        #[allow(deprecated)]
        let mut balances = deps.querier.query_all_balances(&env.contract.address)?;
        balances.sort_by(|a, b| a.denom.cmp(&b.denom));
        // Pooled denoms are the pools' (listed by `pools`), not home coins.
        for balance in balances
            .into_iter()
            .filter(|balance| after.as_ref().is_none_or(|after| balance.denom > *after))
            .filter(|balance| !POOL_BY_DENOM.has(deps.storage, &balance.denom))
            .take(limit)
        {
            totals.push(home_totals(
                VaultAsset::Native {
                    denom: balance.denom,
                },
                None,
                balance.amount,
            ));
        }
    }
    if let Some(after) = cw20.bound() {
        let remaining = limit.saturating_sub(totals.len());
        let min = after.as_ref().map(Bound::exclusive);
        for entry in LOCKED_CW20
            .range(deps.storage, min, None, Order::Ascending)
            .take(remaining)
        {
            let (token, locked) = entry?;
            totals.push(cw20_totals(token, locked));
        }
    }
    if let Some(after) = wrapped.bound() {
        let remaining = limit.saturating_sub(totals.len());
        let min = after.as_deref().map(Bound::exclusive);
        for entry in WRAPPED
            .range(deps.storage, min, None, Order::Ascending)
            .take(remaining)
        {
            let (coin_name, wrapped) = entry?;
            totals.push(wrapped_totals(coin_name, wrapped)?);
        }
    }
    Ok(AllTotalsResponse { totals })
}

/// A pool's books.
pub fn pool(deps: Deps, coin_name: String) -> Result<PoolResponse, ContractError> {
    let pool = load_pool(deps.storage, &coin_name)?;
    pool_response(coin_name, pool)
}

/// A page of pools, by coin name.
pub fn pools(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<PoolsResponse, ContractError> {
    let limit = usize::try_from(limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT))
        .map_err(|_| cosmwasm_std::StdError::generic_err("page limit does not fit in usize"))?;
    let min = start_after.as_deref().map(Bound::exclusive);
    let pools = POOLS
        .range(deps.storage, min, None, Order::Ascending)
        .take(limit)
        .map(|entry| {
            let (coin_name, pool) = entry?;
            pool_response(coin_name, pool)
        })
        .collect::<Result<_, _>>()?;
    Ok(PoolsResponse { pools })
}

/// What an incoming transfer of `amount` would be paid now.
pub fn pool_payout(
    deps: Deps,
    coin_name: &str,
    amount: Uint128,
) -> Result<PoolPayoutResponse, ContractError> {
    let pool = load_pool(deps.storage, coin_name)?;
    match rebalance_fee(coin_name, &pool, amount) {
        Ok(fee) => Ok(PoolPayoutResponse {
            fee,
            payout: amount
                .checked_sub(fee)
                .map_err(cosmwasm_std::StdError::from)?,
            payable: true,
        }),
        Err(ContractError::PoolShort { .. }) => Ok(PoolPayoutResponse {
            fee: Uint128::zero(),
            payout: Uint128::zero(),
            payable: false,
        }),
        Err(err) => Err(err),
    }
}

/// What `shares` are worth now, and whether the pool here can pay it.
pub fn lp_value(
    deps: Deps,
    coin_name: &str,
    shares: Uint128,
) -> Result<LpValueResponse, ContractError> {
    let pool = load_pool(deps.storage, coin_name)?;
    let value = value_of_shares(coin_name, &pool, shares)?;
    Ok(LpValueResponse {
        value,
        withdrawable: !value.is_zero() && value <= available(coin_name, &pool)?,
    })
}

/// A foreign coin's wrapped token.
pub fn wrapped_token(deps: Deps, coin_name: String) -> Result<WrappedTokenResponse, ContractError> {
    let wrapped = load_wrapped(deps, &coin_name)?;
    Ok(wrapped_token_response(coin_name, wrapped))
}

/// The foreign coin of a wrapped token.
pub fn wrapped_token_by_address(
    deps: Deps,
    token: &str,
) -> Result<WrappedTokenResponse, ContractError> {
    let token = deps.api.addr_validate(token)?;
    let coin_name = WRAPPED_BY_TOKEN
        .may_load(deps.storage, &token)?
        .ok_or_else(|| ContractError::NotAWrappedToken {
            token: token.to_string(),
        })?;
    let wrapped = load_wrapped(deps, &coin_name)?;
    Ok(wrapped_token_response(coin_name, wrapped))
}

fn load_wrapped(deps: Deps, coin_name: &str) -> Result<WrappedCoin, ContractError> {
    WRAPPED
        .may_load(deps.storage, coin_name)?
        .ok_or_else(|| ContractError::UnknownWrappedCoin {
            coin_name: coin_name.to_string(),
        })
}

fn wrapped_token_response(coin_name: String, wrapped: WrappedCoin) -> WrappedTokenResponse {
    WrappedTokenResponse {
        coin_name,
        token: wrapped.token.into_string(),
        name: wrapped.name,
        symbol: wrapped.symbol,
        decimals: wrapped.decimals,
    }
}

fn home_totals(asset: VaultAsset, token: Option<String>, locked: Uint128) -> CoinTotals {
    CoinTotals {
        asset,
        token,
        locked,
        minted: Uint128::zero(),
        burned: Uint128::zero(),
        held: Uint128::zero(),
        supply: Uint128::zero(),
    }
}

fn cw20_totals(token: Addr, locked: Uint128) -> CoinTotals {
    home_totals(
        VaultAsset::Cw20 {
            address: token.to_string(),
        },
        Some(token.into_string()),
        locked,
    )
}

fn wrapped_totals(coin_name: String, wrapped: WrappedCoin) -> StdResult<CoinTotals> {
    // burned ≤ minted always holds (only held tokens are burned, and only
    // minted tokens can be held); checked all the same.
    let supply = wrapped.minted.checked_sub(wrapped.burned)?;
    Ok(CoinTotals {
        asset: VaultAsset::Wrapped { coin_name },
        token: Some(wrapped.token.into_string()),
        locked: Uint128::zero(),
        minted: wrapped.minted,
        burned: wrapped.burned,
        held: wrapped.held,
        supply,
    })
}
