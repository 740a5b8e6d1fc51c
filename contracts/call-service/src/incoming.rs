//! A call from another chain: the called contract runs as a gas-limited
//! submessage, and its outcome becomes the request's BTP reply, which the
//! message center commits in the same transaction (no data: success;
//! `[code, why]` as data: a failure).

use btp_types::call_message::{CallServiceMessage, CS_RESPONSE};
use btp_types::events::call_service::{CallExecuted, CallMessage, CallRefused};
use btp_types::events::TypedEvent;
use btp_types::msg::call_service::{
    ReceiverExecuteMsg, CALL_FAILED, CALL_SERVICE_PAUSED, INVALID_CALL,
};
use btp_types::{BtpAddress, NetworkAddress};
use contract_kit::pause::is_paused;
use contract_kit::service::{refusal, refuse};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    from_json, to_json_binary, Binary, DepsMut, Event, MessageInfo, Reply, Response, SubMsg,
    SubMsgResult, WasmMsg,
};

use crate::error::ContractError;
use crate::state::{CONFIG, SERVICE};

/// Reply id of the call to the called contract.
pub const CALL_REPLY_ID: u64 = 1;

/// What the reply of a call needs to know, carried in the submessage payload.
#[cw_serde]
pub struct CallContext {
    pub src: NetworkAddress,
    pub sn: i64,
    pub from: String,
    pub to: String,
}

fn executed(context: &CallContext, code: u32, reason: &str) -> Event {
    CallExecuted {
        src: context.src.to_string(),
        sn: context.sn,
        from: context.from.clone(),
        to: context.to.clone(),
        code,
        reason: reason.to_string(),
    }
    .to_event()
}

/// A refusal of the request, with the event that says so.
fn refused(src: &NetworkAddress, sn: i64, code: u32, reason: String) -> Response {
    refuse(code, reason.clone())
        .add_attribute("action", "handle_call_request")
        .add_event(
            CallRefused {
                src: src.to_string(),
                sn,
                code,
                reason,
            }
            .to_event(),
        )
}

/// `handle_btp_message`: a `CSMessageRequest` from another chain's call service.
pub fn handle_btp_message(
    deps: DepsMut,
    info: &MessageInfo,
    src: NetworkAddress,
    svc: &str,
    sn: i64,
    payload: &Binary,
) -> Result<Response, ContractError> {
    SERVICE.accept_message(deps.storage, info, svc)?;
    if is_paused(deps.storage)? {
        let reason = "the call service is paused: no call is executed".to_string();
        return Ok(refused(&src, sn, CALL_SERVICE_PAUSED, reason));
    }
    let request = match CallServiceMessage::decode(payload) {
        Ok(CallServiceMessage::Request(request)) => request,
        Ok(CallServiceMessage::Response(_)) => {
            let reason = format!(
                "a CSMessage of type {CS_RESPONSE} (response): outcomes travel as BTP replies here"
            );
            return Ok(refused(&src, sn, INVALID_CALL, reason));
        }
        Err(err) => return Ok(refused(&src, sn, INVALID_CALL, err.to_string())),
    };
    let to = match deps.api.addr_validate(&request.to) {
        Ok(to) => to,
        Err(err) => {
            let reason = format!("invalid called address {:?}: {err}", request.to);
            return Ok(refused(&src, sn, INVALID_CALL, reason));
        }
    };
    let from = match BtpAddress::new(src.clone(), &request.from) {
        Ok(from) => from.to_string(),
        Err(err) => {
            let reason = format!("invalid caller {:?}: {err}", request.from);
            return Ok(refused(&src, sn, INVALID_CALL, reason));
        }
    };
    let context = CallContext {
        src: src.clone(),
        sn: request.sn,
        from: from.clone(),
        to: to.to_string(),
    };
    let call = WasmMsg::Execute {
        contract_addr: to.to_string(),
        msg: to_json_binary(&ReceiverExecuteMsg::HandleCallMessage {
            from,
            data: Binary::new(request.data),
        })?,
        funds: vec![],
    };
    let gas_limit = CONFIG.load(deps.storage)?.call_gas_limit;
    Ok(Response::new()
        .add_attribute("action", "handle_call_request")
        .add_event(
            CallMessage {
                src: src.to_string(),
                sn: context.sn,
                from: context.from.clone(),
                to: context.to.clone(),
            }
            .to_event(),
        )
        .add_submessage(
            SubMsg::reply_always(call, CALL_REPLY_ID)
                .with_gas_limit(gas_limit)
                .with_payload(to_json_binary(&context)?),
        ))
}

/// The called contract has run: success leaves the data empty (reply
/// `[0, ""]`); a failure answers `[CALL_FAILED, why]`.
pub fn call_reply(reply: Reply) -> Result<Response, ContractError> {
    let context: CallContext = from_json(&reply.payload)?;
    Ok(match reply.result {
        SubMsgResult::Ok(_) => Response::new()
            .add_attribute("action", "call_executed")
            .add_event(executed(&context, 0, "")),
        SubMsgResult::Err(error) => {
            let reason = format!("the called contract failed: {error}");
            Response::new()
                .add_attribute("action", "call_failed")
                .add_event(executed(&context, CALL_FAILED, &reason))
                .set_data(refusal(CALL_FAILED, reason))
        }
    })
}
