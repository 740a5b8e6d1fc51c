//! The end of a lock, exactly once: `claim` (to the receiver, with the
//! preimage) before the timelock, or `refund` (to the sender) from it on.
//! Neither is ever paused, and either may be called by anyone: the asset
//! only ever goes to the lock's receiver or its sender.

use btp_types::events::htlc::{HtlcClaimed, HtlcRefunded};
use btp_types::events::TypedEvent;
use btp_types::msg::htlc::{Asset, LockState, PREIMAGE_BYTES};
use contract_kit::cw20::cw20_transfer;
use cosmwasm_std::{
    coins, Addr, BankMsg, CosmosMsg, DepsMut, Env, HexBinary, MessageInfo, Response, StdResult,
    Storage,
};
use sha2::{Digest, Sha256};

use crate::error::ContractError;
use crate::state::{Lock, Revealed, LOCKS, PREIMAGES};

/// Refuses funds attached to a call that takes none.
fn ensure_no_funds(info: &MessageInfo, operation: &'static str) -> Result<(), ContractError> {
    if info.funds.is_empty() {
        Ok(())
    } else {
        Err(ContractError::UnexpectedFunds {
            operation,
            funds: crate::error::funds_text(&info.funds),
        })
    }
}

/// Lock `id`, which must still be open.
fn open_lock(storage: &dyn Storage, id: u64) -> Result<Lock, ContractError> {
    let lock = LOCKS
        .may_load(storage, id)?
        .ok_or(ContractError::UnknownLock { id })?;
    match lock.state {
        LockState::Open => Ok(lock),
        LockState::Claimed => Err(ContractError::AlreadyClaimed { id }),
        LockState::Refunded => Err(ContractError::AlreadyRefunded { id }),
    }
}

/// Pays `asset` to `to`.
fn pay(asset: &Asset, to: &Addr) -> StdResult<CosmosMsg> {
    match asset {
        Asset::Native { denom, amount } => Ok(BankMsg::Send {
            to_address: to.to_string(),
            amount: coins(amount.u128(), denom),
        }
        .into()),
        Asset::Cw20 { token, amount } => cw20_transfer(&Addr::unchecked(token), to, *amount),
    }
}

pub fn claim(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    id: u64,
    preimage: HexBinary,
) -> Result<Response, ContractError> {
    ensure_no_funds(info, "claim")?;
    let mut lock = open_lock(deps.storage, id)?;
    let now = env.block.time;
    if now >= lock.timelock {
        return Err(ContractError::ClaimExpired {
            id,
            timelock: lock.timelock,
            now,
        });
    }
    if preimage.len() != PREIMAGE_BYTES {
        return Err(ContractError::PreimageLength {
            len: preimage.len(),
            expected: PREIMAGE_BYTES,
        });
    }
    if Sha256::digest(preimage.as_slice()).as_slice() != lock.hashlock.as_slice() {
        return Err(ContractError::WrongPreimage { id });
    }
    lock.state = LockState::Claimed;
    lock.preimage = Some(preimage.clone());
    LOCKS.save(deps.storage, id, &lock)?;
    if !PREIMAGES.has(deps.storage, lock.hashlock.as_slice()) {
        PREIMAGES.save(
            deps.storage,
            lock.hashlock.as_slice(),
            &Revealed {
                preimage: preimage.clone(),
                id,
            },
        )?;
    }
    Ok(Response::new()
        .add_attribute("action", "claim")
        .add_event(
            HtlcClaimed {
                id,
                hashlock: lock.hashlock.clone(),
                preimage: preimage.clone(),
                receiver: lock.receiver.to_string(),
                denom: lock.asset.denom().to_string(),
                amount: lock.asset.amount(),
            }
            .to_event(),
        )
        .add_message(pay(&lock.asset, &lock.receiver)?))
}

pub fn refund(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    ensure_no_funds(info, "refund")?;
    let mut lock = open_lock(deps.storage, id)?;
    let now = env.block.time;
    if now < lock.timelock {
        return Err(ContractError::RefundTooEarly {
            id,
            timelock: lock.timelock,
            now,
        });
    }
    lock.state = LockState::Refunded;
    LOCKS.save(deps.storage, id, &lock)?;
    Ok(Response::new()
        .add_attribute("action", "refund")
        .add_event(
            HtlcRefunded {
                id,
                hashlock: lock.hashlock.clone(),
                sender: lock.sender.to_string(),
                denom: lock.asset.denom().to_string(),
                amount: lock.asset.amount(),
            }
            .to_event(),
        )
        .add_message(pay(&lock.asset, &lock.sender)?))
}
