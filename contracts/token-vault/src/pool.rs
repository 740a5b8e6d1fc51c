//! The pools of coins issued on several chains: their books, and the
//! movements the handler makes in them (see "Liquidity pools" in
//! `btp_types::msg::token_vault`).
//!
//! - `pool_in`: a transfer out took `amount + lp_fee` into the pool;
//!   `amount` is kept (`pending_out`) until the transfer is answered.
//! - `pool_confirm`: the transfer arrived; its `amount` is the pool's.
//! - `pool_refund` (a `release` of `VaultAsset::Pooled`): it failed; its
//!   `amount` goes back to the sender out of what was kept for it, so a
//!   refund can always be paid, whatever LPs and incoming transfers took.
//! - `pool_pay`: an incoming transfer is paid out of `available` (never out
//!   of what is kept for refunds), minus the rebalancing fee, which stays
//!   with the LPs.
//!
//! After every movement that brings coins in, the vault checks that it
//! holds at least what its pools account for.

use btp_types::events::token_pool::{PoolConfirmed, PoolPaid, PoolRefunded, PoolTakenIn};
use btp_types::events::TypedEvent;
use btp_types::msg::token_vault::{PoolResponse, PooledAsset};
use contract_kit::cw20::cw20_transfer;
use cosmwasm_std::{
    Addr, BankMsg, Coin, CosmosMsg, Decimal, Deps, DepsMut, Env, Response, Storage, Uint128,
};

use crate::auth::ensure_not_vault;
use crate::error::ContractError;
use crate::release::Outflows;
use crate::state::{checked_credit, locked_native, Pool, POOLS, POOL_BY_DENOM};

/// The pool of `coin_name`.
pub fn load_pool(storage: &dyn Storage, coin_name: &str) -> Result<Pool, ContractError> {
    POOLS
        .may_load(storage, coin_name)?
        .ok_or_else(|| ContractError::UnknownPool {
            coin_name: coin_name.to_string(),
        })
}

/// Refuses a native denom that is a pool's asset: its coins move only
/// through the pool, never as a home coin.
pub fn ensure_not_pooled(storage: &dyn Storage, denom: &str) -> Result<(), ContractError> {
    match POOL_BY_DENOM.may_load(storage, denom)? {
        Some(coin_name) => Err(ContractError::AssetIsPooled {
            asset: format!("native:{denom}"),
            coin_name,
        }),
        None => Ok(()),
    }
}

/// What incoming transfers and withdrawals may take: the balance less what
/// is kept for refunds.
pub fn available(coin_name: &str, pool: &Pool) -> Result<Uint128, ContractError> {
    pool.balance
        .checked_sub(pool.pending_out)
        .map_err(|_| ContractError::PoolOverflow {
            coin_name: coin_name.to_string(),
            what: "available balance",
        })
}

/// What `shares` are worth: `shares × liquidity / shares in all`, rounded
/// down (nothing when no share exists).
pub fn value_of_shares(
    coin_name: &str,
    pool: &Pool,
    shares: Uint128,
) -> Result<Uint128, ContractError> {
    if pool.shares.is_zero() {
        return Ok(Uint128::zero());
    }
    shares
        .checked_multiply_ratio(pool.liquidity, pool.shares)
        .map_err(|_| ContractError::PoolOverflow {
            coin_name: coin_name.to_string(),
            what: "value of shares",
        })
}

/// The pool as `pool` answers it.
pub fn pool_response(coin_name: String, pool: Pool) -> Result<PoolResponse, ContractError> {
    let available = available(&coin_name, &pool)?;
    let share_value = if pool.shares.is_zero() {
        Decimal::one()
    } else {
        Decimal::checked_from_ratio(pool.liquidity, pool.shares).map_err(|_| {
            ContractError::PoolOverflow {
                coin_name: coin_name.clone(),
                what: "share value",
            }
        })?
    };
    Ok(PoolResponse {
        coin_name,
        asset: pool.asset,
        lp_token: pool.lp_token.into_string(),
        curve: pool.curve,
        balance: pool.balance,
        pending_out: pool.pending_out,
        available,
        liquidity: pool.liquidity,
        shares: pool.shares,
        share_value,
        deposited: pool.deposited,
        withdrawn: pool.withdrawn,
        lp_fees: pool.lp_fees,
        rebalance_fees: pool.rebalance_fees,
    })
}

/// The rebalancing fee of paying `amount` out of the pool now; a typed
/// refusal when the pool cannot pay it.
pub fn rebalance_fee(
    coin_name: &str,
    pool: &Pool,
    amount: Uint128,
) -> Result<Uint128, ContractError> {
    let available = available(coin_name, pool)?;
    if amount > available {
        return Err(ContractError::PoolShort {
            coin_name: coin_name.to_string(),
            requested: amount,
            available,
        });
    }
    pool.curve
        .fee(pool.liquidity, available, amount)
        .ok_or_else(|| ContractError::PoolOverflow {
            coin_name: coin_name.to_string(),
            what: "rebalancing fee",
        })
}

/// A payment of the pooled coin out of the vault.
pub fn payment(
    asset: &PooledAsset,
    recipient: &Addr,
    amount: Uint128,
) -> Result<CosmosMsg, ContractError> {
    Ok(match asset {
        PooledAsset::Native { denom } => BankMsg::Send {
            to_address: recipient.to_string(),
            amount: vec![Coin::new(amount, denom)],
        }
        .into(),
        PooledAsset::Cw20 { address } => {
            cw20_transfer(&Addr::unchecked(address), recipient, amount)?
        }
    })
}

/// Refuses a pool whose books show more than the vault holds of its asset
/// (less what this call already paid out and the bank or token has not
/// moved yet): coins accounted for must be there.
pub fn ensure_held(
    deps: Deps,
    env: &Env,
    coin_name: &str,
    pool: &Pool,
    outflows: &Outflows,
) -> Result<(), ContractError> {
    let asset = pool.asset.to_string();
    let held = match &pool.asset {
        PooledAsset::Native { denom } => locked_native(deps, env, denom)?,
        PooledAsset::Cw20 { address } => {
            let balance: cw20::BalanceResponse = deps.querier.query_wasm_smart(
                address,
                &cw20::Cw20QueryMsg::Balance {
                    address: env.contract.address.to_string(),
                },
            )?;
            balance.balance
        }
    }
    .checked_sub(outflows.of(&asset))
    .unwrap_or_default();
    if held < pool.balance {
        return Err(ContractError::PoolDeliveredLess {
            coin_name: coin_name.to_string(),
            asset,
            held,
            balance: pool.balance,
        });
    }
    Ok(())
}

fn ensure_some(
    operation: &'static str,
    coin_name: &str,
    amount: Uint128,
) -> Result<(), ContractError> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            operation,
            coin: format!("pooled:{coin_name}"),
        });
    }
    Ok(())
}

/// `pool_in`: the handler has sent `amount + lp_fee` to the vault in this
/// transaction.
pub fn apply_pool_in(
    deps: DepsMut,
    env: &Env,
    coin_name: &str,
    amount: Uint128,
    lp_fee: Uint128,
    outflows: &Outflows,
) -> Result<Response, ContractError> {
    ensure_some("pool_in", coin_name, amount)?;
    let mut pool = load_pool(deps.storage, coin_name)?;
    let coin = format!("pooled:{coin_name}");
    let taken = checked_credit(&coin, "taken in", amount, lp_fee)?;
    pool.balance = checked_credit(&coin, "balance", pool.balance, taken)?;
    pool.pending_out = checked_credit(&coin, "pending_out", pool.pending_out, amount)?;
    pool.liquidity = checked_credit(&coin, "liquidity", pool.liquidity, lp_fee)?;
    pool.lp_fees = checked_credit(&coin, "lp_fees", pool.lp_fees, lp_fee)?;
    ensure_held(deps.as_ref(), env, coin_name, &pool, outflows)?;
    POOLS.save(deps.storage, coin_name, &pool)?;
    Ok(Response::new().add_event(
        PoolTakenIn {
            coin_name: coin_name.to_string(),
            amount,
            lp_fee,
            balance: pool.balance,
            pending_out: pool.pending_out,
        }
        .to_event(),
    ))
}

/// `pool_pay`: an incoming transfer of `amount`, paid less the rebalancing fee.
pub fn apply_pool_pay(
    deps: DepsMut,
    env: &Env,
    coin_name: &str,
    recipient: &str,
    amount: Uint128,
    outflows: &mut Outflows,
) -> Result<Response, ContractError> {
    let recipient = deps.api.addr_validate(recipient)?;
    ensure_not_vault(env, &recipient, "pool_pay")?;
    ensure_some("pool_pay", coin_name, amount)?;
    let mut pool = load_pool(deps.storage, coin_name)?;
    let fee = rebalance_fee(coin_name, &pool, amount)?;
    let overflow = |what| ContractError::PoolOverflow {
        coin_name: coin_name.to_string(),
        what,
    };
    let paid = amount.checked_sub(fee).map_err(|_| overflow("payout"))?;
    let coin = format!("pooled:{coin_name}");
    pool.balance = pool
        .balance
        .checked_sub(paid)
        .map_err(|_| overflow("balance"))?;
    pool.liquidity = checked_credit(&coin, "liquidity", pool.liquidity, fee)?;
    pool.rebalance_fees = checked_credit(&coin, "rebalance_fees", pool.rebalance_fees, fee)?;
    POOLS.save(deps.storage, coin_name, &pool)?;
    outflows.add(&pool.asset.to_string(), paid)?;
    Ok(Response::new()
        .add_message(payment(&pool.asset, &recipient, paid)?)
        .add_event(
            PoolPaid {
                coin_name: coin_name.to_string(),
                recipient: recipient.to_string(),
                amount,
                rebalance_fee: fee,
                paid,
                balance: pool.balance,
                liquidity: pool.liquidity,
            }
            .to_event(),
        ))
}

/// Takes `amount` off what the pool keeps for refunds.
fn release_pending(
    operation: &'static str,
    coin_name: &str,
    pool: &mut Pool,
    amount: Uint128,
) -> Result<(), ContractError> {
    pool.pending_out =
        pool.pending_out
            .checked_sub(amount)
            .map_err(|_| ContractError::PendingShort {
                operation,
                coin_name: coin_name.to_string(),
                requested: amount,
                pending_out: pool.pending_out,
            })?;
    Ok(())
}

/// `pool_confirm`: a transfer out arrived.
pub fn apply_pool_confirm(
    deps: DepsMut,
    coin_name: &str,
    amount: Uint128,
) -> Result<Response, ContractError> {
    ensure_some("pool_confirm", coin_name, amount)?;
    let mut pool = load_pool(deps.storage, coin_name)?;
    release_pending("confirm", coin_name, &mut pool, amount)?;
    POOLS.save(deps.storage, coin_name, &pool)?;
    Ok(Response::new().add_event(
        PoolConfirmed {
            coin_name: coin_name.to_string(),
            amount,
            pending_out: pool.pending_out,
        }
        .to_event(),
    ))
}

/// A `release` of `VaultAsset::Pooled`: the refund of a transfer out, out of
/// what the pool kept for it. The caller has checked the recipient and the
/// amount.
pub fn apply_pool_refund(
    deps: DepsMut,
    coin_name: &str,
    recipient: &Addr,
    amount: Uint128,
    outflows: &mut Outflows,
) -> Result<Response, ContractError> {
    let mut pool = load_pool(deps.storage, coin_name)?;
    release_pending("refund", coin_name, &mut pool, amount)?;
    pool.balance = pool
        .balance
        .checked_sub(amount)
        .map_err(|_| ContractError::PoolOverflow {
            coin_name: coin_name.to_string(),
            what: "balance",
        })?;
    POOLS.save(deps.storage, coin_name, &pool)?;
    outflows.add(&pool.asset.to_string(), amount)?;
    Ok(Response::new()
        .add_message(payment(&pool.asset, recipient, amount)?)
        .add_attribute("action", "release")
        .add_event(
            PoolRefunded {
                coin_name: coin_name.to_string(),
                recipient: recipient.to_string(),
                amount,
                balance: pool.balance,
                pending_out: pool.pending_out,
            }
            .to_event(),
        ))
}
