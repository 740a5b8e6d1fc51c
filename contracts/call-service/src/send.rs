//! A call to a contract on another chain.

use btp_types::call_message::{CallRequest, CallServiceMessage};
use btp_types::events::{call_service::CallMessageSent, TypedEvent};
use btp_types::msg::call_service::{
    DEFAULT_CALL_TIMEOUT_SECS, MAX_CALL_TIMEOUT_SECS, MAX_DATA_BYTES, MAX_ROLLBACK_BYTES,
};
use btp_types::BtpAddress;
use contract_kit::pause::ensure_running;
use contract_kit::service::Outgoing;
use contract_kit::timeout::timeout_after;
use cosmwasm_std::{to_json_binary, Binary, DepsMut, Env, MessageInfo, Response, Timestamp};

use crate::error::ContractError;
use crate::state::{PendingCall, CONFIG, SERVICE};

/// The call's timeout: the block's time plus `timeout_secs` (1 to
/// [`MAX_CALL_TIMEOUT_SECS`], [`DEFAULT_CALL_TIMEOUT_SECS`] when absent).
fn call_timeout(env: &Env, timeout_secs: Option<u64>) -> Result<Timestamp, ContractError> {
    let seconds = timeout_secs.unwrap_or(DEFAULT_CALL_TIMEOUT_SECS);
    if seconds == 0 || seconds > MAX_CALL_TIMEOUT_SECS {
        return Err(ContractError::InvalidInput {
            field: "timeout_secs",
            reason: format!("{seconds} seconds; 1 to {MAX_CALL_TIMEOUT_SECS} are accepted"),
        });
    }
    let now = env.block.time;
    timeout_after(now, seconds).ok_or(ContractError::TimeoutOverflow { now, seconds })
}

/// Checks the rollback data: not empty, not too long, and only from a
/// contract (an account cannot be called back).
fn check_rollback(
    deps: &DepsMut,
    info: &MessageInfo,
    rollback: Option<&Binary>,
) -> Result<(), ContractError> {
    let Some(rollback) = rollback else {
        return Ok(());
    };
    if rollback.is_empty() || rollback.len() > MAX_ROLLBACK_BYTES {
        return Err(ContractError::InvalidInput {
            field: "rollback",
            reason: format!(
                "{} bytes; 1 to {MAX_ROLLBACK_BYTES} are accepted (leave it out for none)",
                rollback.len()
            ),
        });
    }
    if deps
        .querier
        .query_wasm_contract_info(info.sender.as_str())
        .is_err()
    {
        return Err(ContractError::RollbackFromAccount {
            sender: info.sender.to_string(),
        });
    }
    Ok(())
}

/// Sends the call as a BTP request (every call expects its outcome), with
/// the caller's funds as the message center's fee.
pub fn send_call_message(
    deps: DepsMut,
    env: &Env,
    info: MessageInfo,
    to: BtpAddress,
    data: Binary,
    rollback: Option<Binary>,
    timeout_secs: Option<u64>,
) -> Result<Response, ContractError> {
    ensure_running(deps.storage, "send_call_message")?;
    if data.len() > MAX_DATA_BYTES {
        return Err(ContractError::InvalidInput {
            field: "data",
            reason: format!(
                "{} bytes; at most {MAX_DATA_BYTES} are accepted",
                data.len()
            ),
        });
    }
    check_rollback(&deps, &info, rollback.as_ref())?;
    let config = CONFIG.load(deps.storage)?;
    if *to.network() == config.network {
        return Err(ContractError::InvalidInput {
            field: "to",
            reason: format!("{to} is on this chain; the call service calls other chains"),
        });
    }
    let timeout = call_timeout(env, timeout_secs)?;
    let pending = PendingCall {
        from: info.sender.clone(),
        to: to.clone(),
        rollback: rollback.clone(),
    };
    let request = |sn| CallRequest {
        from: info.sender.to_string(),
        to: to.account().to_string(),
        sn,
        rollback: rollback.is_some(),
        data: data.to_vec(),
    };
    let sent = SERVICE.send_request(deps.storage, &pending, |sn| Outgoing {
        to: to.network().clone(),
        payload: Binary::new(CallServiceMessage::Request(request(sn)).encode()),
        timeout: Some(timeout),
        funds: info.funds.clone(),
    })?;
    Ok(Response::new()
        .add_attribute("action", "send_call_message")
        .add_event(
            CallMessageSent {
                sn: sent.sn,
                from: info.sender.to_string(),
                to: to.to_string(),
                rollback: rollback.is_some(),
                timeout: timeout.nanos(),
            }
            .to_event(),
        )
        .add_message(sent.message)
        .set_data(to_json_binary(&sent.sn)?))
}
