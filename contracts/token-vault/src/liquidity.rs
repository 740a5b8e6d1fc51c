//! Liquidity providers: deposits into a pool against LP shares, and
//! withdrawals of shares against their value. Open to anyone, while the
//! vault runs. A share is worth `liquidity / shares`: a deposit mints
//! `amount × shares / liquidity` (rounded down, so a deposit never dilutes
//! the other LPs) and a withdrawal pays `shares × liquidity / shares`
//! (rounded down). The vault counts the shares it minted and burned rather
//! than reading the token's supply: a holder who burns its own LP tokens
//! leaves their value to the pool, and the vault never pays more than it
//! accounts for. A withdrawal takes only the pool's available balance here;
//! when transfers have moved the coins to the other chain, it waits for the
//! rebalancing fee to bring them back (or for transfers the other way).

use btp_types::events::token_pool::{LiquidityDeposited, LiquidityWithdrawn};
use btp_types::events::TypedEvent;
use btp_types::msg::token_vault::PooledAsset;
use contract_kit::cw20::cw20_call;
use contract_kit::pause;
use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Uint128};
use cw20::Cw20ExecuteMsg;

use crate::error::ContractError;
use crate::pool::{available, ensure_held, load_pool, payment, value_of_shares};
use crate::release::Outflows;
use crate::state::{checked_credit, POOLS, POOL_BY_LP_TOKEN, POOL_BY_TOKEN};

/// `deposit_liquidity` with native funds.
pub fn deposit_native(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    coin_name: &str,
) -> Result<Response, ContractError> {
    pause::ensure_running(deps.storage, "deposit_liquidity")?;
    let pool = load_pool(deps.storage, coin_name)?;
    let denom = match &pool.asset {
        PooledAsset::Native { denom } => denom,
        PooledAsset::Cw20 { address } => {
            return Err(ContractError::DepositNeedsCw20Send {
                coin_name: coin_name.to_string(),
                token: address.clone(),
            })
        }
    };
    let amount = match info.funds.as_slice() {
        [coin] if coin.denom == *denom => coin.amount,
        funds => {
            return Err(ContractError::WrongDepositFunds {
                coin_name: coin_name.to_string(),
                denom: denom.clone(),
                funds: funds
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            })
        }
    };
    deposit(deps, env, coin_name, &info.sender, amount)
}

/// A cw20 `Send` of a pooled token with `deposit_liquidity`.
pub fn deposit_cw20(
    deps: DepsMut,
    env: &Env,
    token: &Addr,
    provider: &str,
    amount: Uint128,
) -> Result<Response, ContractError> {
    pause::ensure_running(deps.storage, "deposit_liquidity")?;
    let coin_name = POOL_BY_TOKEN
        .may_load(deps.storage, token)?
        .ok_or_else(|| ContractError::NotAPoolToken {
            token: token.to_string(),
        })?;
    let provider = deps.api.addr_validate(provider)?;
    deposit(deps, env, &coin_name, &provider, amount)
}

/// Credits `amount`, already in the vault, to the pool and mints the shares.
fn deposit(
    deps: DepsMut,
    env: &Env,
    coin_name: &str,
    provider: &Addr,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let coin = format!("pooled:{coin_name}");
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            operation: "deposit_liquidity",
            coin,
        });
    }
    let mut pool = load_pool(deps.storage, coin_name)?;
    let shares = if pool.shares.is_zero() {
        amount
    } else if pool.liquidity.is_zero() {
        return Err(ContractError::WorthlessShares {
            coin_name: coin_name.to_string(),
            shares: pool.shares,
        });
    } else {
        amount
            .checked_multiply_ratio(pool.shares, pool.liquidity)
            .map_err(|_| ContractError::PoolOverflow {
                coin_name: coin_name.to_string(),
                what: "shares of a deposit",
            })?
    };
    if shares.is_zero() {
        return Err(ContractError::ZeroShares {
            coin_name: coin_name.to_string(),
            amount,
        });
    }
    pool.balance = checked_credit(&coin, "balance", pool.balance, amount)?;
    pool.liquidity = checked_credit(&coin, "liquidity", pool.liquidity, amount)?;
    pool.deposited = checked_credit(&coin, "deposited", pool.deposited, amount)?;
    pool.shares = checked_credit(&coin, "shares", pool.shares, shares)?;
    ensure_held(deps.as_ref(), env, coin_name, &pool, &Outflows::default())?;
    POOLS.save(deps.storage, coin_name, &pool)?;
    let mint = cw20_call(
        &pool.lp_token,
        &Cw20ExecuteMsg::Mint {
            recipient: provider.to_string(),
            amount: shares,
        },
    )?;
    Ok(Response::new()
        .add_message(mint)
        .add_attribute("action", "deposit_liquidity")
        .add_event(
            LiquidityDeposited {
                coin_name: coin_name.to_string(),
                provider: provider.to_string(),
                amount,
                shares,
                liquidity: pool.liquidity,
                balance: pool.balance,
            }
            .to_event(),
        ))
}

/// A cw20 `Send` of an LP token with `withdraw_liquidity`: the vault holds
/// the `shares` now, burns them and pays their value.
pub fn withdraw(
    deps: DepsMut,
    env: &Env,
    lp_token: &Addr,
    provider: &str,
    shares: Uint128,
    recipient: Option<String>,
) -> Result<Response, ContractError> {
    pause::ensure_running(deps.storage, "withdraw_liquidity")?;
    let coin_name = POOL_BY_LP_TOKEN
        .may_load(deps.storage, lp_token)?
        .ok_or_else(|| ContractError::NotAnLpToken {
            token: lp_token.to_string(),
        })?;
    let recipient = deps
        .api
        .addr_validate(recipient.as_deref().unwrap_or(provider))?;
    crate::auth::ensure_not_vault(env, &recipient, "withdraw_liquidity")?;
    let mut pool = load_pool(deps.storage, &coin_name)?;
    let overflow = |what| ContractError::PoolOverflow {
        coin_name: coin_name.clone(),
        what,
    };
    let value = value_of_shares(&coin_name, &pool, shares)?;
    if value.is_zero() {
        return Err(ContractError::ZeroWithdrawal { coin_name, shares });
    }
    let available = available(&coin_name, &pool)?;
    if value > available {
        return Err(ContractError::PoolShort {
            coin_name,
            requested: value,
            available,
        });
    }
    let coin = format!("pooled:{coin_name}");
    pool.shares = pool
        .shares
        .checked_sub(shares)
        .map_err(|_| overflow("shares"))?;
    pool.liquidity = pool
        .liquidity
        .checked_sub(value)
        .map_err(|_| overflow("liquidity"))?;
    pool.balance = pool
        .balance
        .checked_sub(value)
        .map_err(|_| overflow("balance"))?;
    pool.withdrawn = checked_credit(&coin, "withdrawn", pool.withdrawn, value)?;
    POOLS.save(deps.storage, &coin_name, &pool)?;
    let burn = cw20_call(lp_token, &Cw20ExecuteMsg::Burn { amount: shares })?;
    Ok(Response::new()
        .add_message(burn)
        .add_message(payment(&pool.asset, &recipient, value)?)
        .add_attribute("action", "withdraw_liquidity")
        .add_event(
            LiquidityWithdrawn {
                coin_name,
                provider: provider.to_string(),
                recipient: recipient.to_string(),
                shares,
                amount: value,
                liquidity: pool.liquidity,
                balance: pool.balance,
            }
            .to_event(),
        ))
}
