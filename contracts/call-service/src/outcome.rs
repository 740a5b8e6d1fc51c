//! The outcome of a call sent from here (the BTP reply, or the message
//! center's timeout), taken once; on failure, the rollback of a call that
//! has rollback data, run once.

use btp_types::call_message::{CS_RESP_BTP_ERROR, CS_RESP_FAILURE, CS_RESP_SUCCESS};
use btp_types::error_code::SUCCESS;
use btp_types::events::call_service::{
    CallResponse, RollbackExecuted, RollbackFailed, RollbackMessage,
};
use btp_types::events::TypedEvent;
use btp_types::msg::call_service::{
    ReceiverExecuteMsg, CALL_FAILED, CALL_SERVICE_PAUSED, INVALID_CALL,
};
use btp_types::NetworkAddress;
use cosmwasm_std::{
    from_json, to_json_binary, DepsMut, MessageInfo, Reply, Response, Storage, SubMsg,
    SubMsgResult, WasmMsg,
};

use crate::error::ContractError;
use crate::state::{Rollback, CONFIG, ROLLBACKS, SERVICE};

/// Reply id of a rollback.
pub const ROLLBACK_REPLY_ID: u64 = 2;

/// xCall's `CSMessageResponse` code of a BTP reply code: the call's own
/// failures are `-1`, everything that failed on the way is `-2`.
pub fn xcall_code(code: u32) -> i32 {
    match code {
        SUCCESS => CS_RESP_SUCCESS,
        CALL_FAILED | INVALID_CALL | CALL_SERVICE_PAUSED => CS_RESP_FAILURE,
        _ => CS_RESP_BTP_ERROR,
    }
}

/// `handle_btp_reply`: the call's outcome, once, from the network called.
#[allow(clippy::too_many_arguments)]
pub fn handle_btp_reply(
    deps: DepsMut,
    info: &MessageInfo,
    src: &NetworkAddress,
    svc: &str,
    sn: i64,
    code: u32,
    message: String,
) -> Result<Response, ContractError> {
    let outcome = SERVICE.take_reply(deps.storage, info, src, svc, sn, code, message)?;
    let call = outcome.request;
    let xcall = xcall_code(outcome.code);
    let mut response = Response::new()
        .add_attribute("action", "handle_call_response")
        .add_event(
            CallResponse {
                sn,
                to: call.to.to_string(),
                code: xcall,
                btp_code: outcome.code,
                message: outcome.message.clone(),
                timed_out: outcome.code == btp_types::error_code::TIMED_OUT,
            }
            .to_event(),
        );
    if xcall == CS_RESP_SUCCESS {
        return Ok(response);
    }
    if let Some(rollback) = call.rollback {
        let kept = Rollback {
            to: call.from,
            rollback,
            running: true,
            reason: None,
        };
        ROLLBACKS.save(deps.storage, sn, &kept)?;
        response = response
            .add_event(
                RollbackMessage {
                    sn,
                    to: kept.to.to_string(),
                    reason: outcome.message.clone(),
                }
                .to_event(),
            )
            .add_submessage(rollback_call(deps.storage, sn, &kept)?);
    }
    Ok(response)
}

/// The rollback as a gas-limited submessage whose reply says how it went.
fn rollback_call(
    storage: &dyn Storage,
    sn: i64,
    rollback: &Rollback,
) -> Result<SubMsg, ContractError> {
    let config = CONFIG.load(storage)?;
    let call = WasmMsg::Execute {
        contract_addr: rollback.to.to_string(),
        msg: to_json_binary(&ReceiverExecuteMsg::HandleCallMessage {
            from: config.btp_address,
            data: rollback.rollback.clone(),
        })?,
        funds: vec![],
    };
    Ok(SubMsg::reply_always(call, ROLLBACK_REPLY_ID)
        .with_gas_limit(config.call_gas_limit)
        .with_payload(to_json_binary(&sn)?))
}

/// Anyone: runs a failed rollback again (not one that is running: from
/// inside itself).
pub fn execute_rollback(deps: DepsMut, sn: i64) -> Result<Response, ContractError> {
    let mut rollback = ROLLBACKS
        .may_load(deps.storage, sn)?
        .ok_or(ContractError::NoFailedRollback { sn })?;
    if rollback.running {
        return Err(ContractError::RollbackRunning { sn });
    }
    rollback.running = true;
    ROLLBACKS.save(deps.storage, sn, &rollback)?;
    Ok(Response::new()
        .add_attribute("action", "execute_rollback")
        .add_attribute("sn", sn.to_string())
        .add_submessage(rollback_call(deps.storage, sn, &rollback)?))
}

/// The rollback has run: removed when it succeeded (it never runs again),
/// kept with the reason when it failed.
pub fn rollback_reply(deps: DepsMut, reply: Reply) -> Result<Response, ContractError> {
    let sn: i64 = from_json(&reply.payload)?;
    let mut rollback = ROLLBACKS
        .may_load(deps.storage, sn)?
        .ok_or(ContractError::NoFailedRollback { sn })?;
    Ok(match reply.result {
        SubMsgResult::Ok(_) => {
            ROLLBACKS.remove(deps.storage, sn);
            Response::new()
                .add_attribute("action", "rollback_executed")
                .add_event(
                    RollbackExecuted {
                        sn,
                        to: rollback.to.to_string(),
                    }
                    .to_event(),
                )
        }
        SubMsgResult::Err(error) => {
            let event = RollbackFailed {
                sn,
                to: rollback.to.to_string(),
                reason: error.clone(),
            }
            .to_event();
            rollback.running = false;
            rollback.reason = Some(error);
            ROLLBACKS.save(deps.storage, sn, &rollback)?;
            Response::new()
                .add_attribute("action", "rollback_failed")
                .add_event(event)
        }
    })
}
