//! New locks: a native coin attached to `lock`, or cw20 tokens sent with the
//! `receive` hook.

use btp_types::events::{htlc::HtlcLocked, TypedEvent};
use btp_types::msg::htlc::{parse_hashlock, Asset, LockState, ReceiveMsg, MAX_TIMELOCK_SECS};
use contract_kit::pause::ensure_running;
use contract_kit::timeout::timeout_after;
use cosmwasm_std::{
    from_json, to_json_binary, Addr, DepsMut, Empty, Env, HexBinary, MessageInfo, Response,
    Timestamp,
};
use cw20::Cw20ReceiveMsg;

use crate::error::ContractError;
use crate::state::{Lock, BY_HASHLOCK, BY_RECEIVER, BY_SENDER, LAST_ID, LOCKS};

/// The terms of a lock, as the caller gives them.
pub struct Terms {
    pub receiver: String,
    pub hashlock: String,
    pub timelock: Timestamp,
}

/// The single native coin attached to `lock`.
fn native_asset(info: &MessageInfo) -> Result<Asset, ContractError> {
    let coin = match info.funds.as_slice() {
        [] => return Err(ContractError::NoFunds),
        [coin] => coin,
        coins => {
            return Err(ContractError::MultipleCoins {
                denoms: coins
                    .iter()
                    .map(|coin| coin.denom.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        }
    };
    if coin.amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            denom: coin.denom.clone(),
        });
    }
    Ok(Asset::Native {
        denom: coin.denom.clone(),
        amount: coin.amount,
    })
}

/// `lock` with a native coin.
pub fn lock_native(
    deps: DepsMut,
    env: &Env,
    info: MessageInfo,
    terms: Terms,
) -> Result<Response, ContractError> {
    ensure_running(deps.storage, "lock")?;
    let asset = native_asset(&info)?;
    lock(deps, env, info.sender, asset, terms)
}

/// The cw20 hook: the calling token contract reports what it received from whom.
pub fn receive(
    deps: DepsMut,
    env: &Env,
    info: MessageInfo,
    hook: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    ensure_running(deps.storage, "lock")?;
    if !info.funds.is_empty() {
        return Err(ContractError::UnexpectedFunds {
            operation: "the cw20 hook",
            funds: crate::error::funds_text(&info.funds),
        });
    }
    let ReceiveMsg::Lock {
        receiver,
        hashlock,
        timelock,
    } = from_json(&hook.msg).map_err(|err| ContractError::InvalidHookMessage {
        reason: err.to_string(),
    })?;
    if hook.amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            denom: info.sender.to_string(),
        });
    }
    let sender = deps.api.addr_validate(&hook.sender)?;
    let asset = Asset::Cw20 {
        token: info.sender.into_string(),
        amount: hook.amount,
    };
    lock(
        deps,
        env,
        sender,
        asset,
        Terms {
            receiver,
            hashlock,
            timelock,
        },
    )
}

/// Checks the terms, records the lock under the next id and its indexes.
fn lock(
    deps: DepsMut,
    env: &Env,
    sender: Addr,
    asset: Asset,
    terms: Terms,
) -> Result<Response, ContractError> {
    let receiver = deps.api.addr_validate(&terms.receiver)?;
    let hashlock = parse_hashlock(&terms.hashlock)
        .map_err(|reason| ContractError::InvalidHashlock { reason })?;
    let now = env.block.time;
    let timelock = terms.timelock;
    if timelock <= now {
        return Err(ContractError::TimelockNotInFuture { timelock, now });
    }
    // Beyond the largest timestamp counts as "too far" too.
    if timeout_after(now, MAX_TIMELOCK_SECS).is_none_or(|latest| timelock > latest) {
        return Err(ContractError::TimelockTooFar {
            timelock,
            now,
            max_secs: MAX_TIMELOCK_SECS,
        });
    }
    let id = LAST_ID
        .may_load(deps.storage)?
        .unwrap_or_default()
        .checked_add(1)
        .ok_or(ContractError::IdsExhausted)?;
    LAST_ID.save(deps.storage, &id)?;
    let hashlock = HexBinary::from(hashlock.as_slice());
    LOCKS.save(
        deps.storage,
        id,
        &Lock {
            sender: sender.clone(),
            receiver: receiver.clone(),
            asset: asset.clone(),
            hashlock: hashlock.clone(),
            timelock,
            locked_at: now,
            state: LockState::Open,
            preimage: None,
        },
    )?;
    BY_SENDER.save(deps.storage, (&sender, id), &Empty {})?;
    BY_RECEIVER.save(deps.storage, (&receiver, id), &Empty {})?;
    BY_HASHLOCK.save(deps.storage, (hashlock.as_slice(), id), &Empty {})?;
    let kind = match asset {
        Asset::Native { .. } => "native",
        Asset::Cw20 { .. } => "cw20",
    };
    Ok(Response::new()
        .add_attribute("action", "lock")
        .add_event(
            HtlcLocked {
                id,
                sender: sender.to_string(),
                receiver: receiver.to_string(),
                hashlock: hashlock.clone(),
                timelock: timelock.nanos(),
                asset: kind.to_string(),
                denom: asset.denom().to_string(),
                amount: asset.amount(),
            }
            .to_event(),
        )
        .set_data(to_json_binary(&id)?))
}
