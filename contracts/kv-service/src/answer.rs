//! What the message center delivers: a request from another chain's service
//! (answered in the reply) and the reply to a request sent from here.

use btp_types::events::kv_service::{AnswerReceived, Answered};
use btp_types::events::TypedEvent;
use btp_types::msg::kv_service::{Answer, INVALID_KEY, UNKNOWN_KEY};
use btp_types::NetworkAddress;
use contract_kit::service::{refusal, ServiceError};
use cosmwasm_std::{Binary, DepsMut, MessageInfo, Response};

use crate::error::ContractError;
use crate::publish::validate_key;
use crate::state::{ANSWERED, SERVICE, VALUES};

/// The answer travels as the handler's data, which the message center
/// commits as the request's reply: a bad key is answered, not failed, so the
/// asker learns why.
pub fn handle_request(
    deps: DepsMut,
    info: &MessageInfo,
    src: &NetworkAddress,
    svc: &str,
    sn: i64,
    payload: &Binary,
) -> Result<Response, ContractError> {
    SERVICE.accept_message(deps.storage, info, svc)?;
    let storage = deps.storage;
    if sn == 0 {
        return Err(ContractError::OneWayMessage {
            src: src.to_string(),
        });
    }
    let (key, code, message) = match requested_key(payload) {
        Err(invalid) => (String::new(), INVALID_KEY, invalid),
        Ok(key) => match VALUES.may_load(storage, key)? {
            Some(value) => (key.to_string(), 0, value),
            None => (
                key.to_string(),
                UNKNOWN_KEY,
                format!("no value for {key:?}"),
            ),
        },
    };
    Ok(Response::new()
        .add_event(
            Answered {
                sn,
                src: src.to_string(),
                key: key.to_string(),
                code,
            }
            .to_event(),
        )
        // `[0, value]`, or `[code, why not]`.
        .set_data(refusal(code, message)))
}

/// The key a request asks for, or why the service cannot hold it.
fn requested_key(payload: &[u8]) -> Result<&str, String> {
    let key = std::str::from_utf8(payload).map_err(|_| "invalid key: not UTF-8".to_string())?;
    validate_key(key).map_err(|invalid| invalid.to_string())?;
    Ok(key)
}

/// Stores the answer to request `sn`, once, and only from the network asked.
/// A request that timed out (code `TIMED_OUT`, whether the other chain
/// refused it as late or this chain's message center resolved it by proof)
/// is answered like any other: with that code and the reason, once.
pub fn handle_reply(
    deps: DepsMut,
    info: &MessageInfo,
    src: &NetworkAddress,
    svc: &str,
    sn: i64,
    answer: Answer,
) -> Result<Response, ContractError> {
    SERVICE.accept_message(deps.storage, info, svc)?;
    let answered = match SERVICE.pending(deps.storage, sn)? {
        Some(asked) => asked.answer.is_some(), // answered under 0.2.0
        None => ANSWERED.has(deps.storage, sn),
    };
    if answered {
        return Err(ContractError::AlreadyAnswered { sn });
    }
    let outcome = SERVICE
        .take_reply(deps.storage, info, src, svc, sn, answer.code, answer.value)
        .map_err(|err| match err {
            ServiceError::UnknownRequest { sn } => ContractError::UnknownRequest { sn },
            err => err.into(),
        })?;
    let event = AnswerReceived {
        sn,
        src: src.to_string(),
        key: outcome.request.key.clone(),
        code: outcome.code,
        timed_out: outcome.timed_out(),
    }
    .to_event();
    let mut request = outcome.request;
    request.answer = Some(Answer {
        code: outcome.code,
        value: outcome.message,
    });
    ANSWERED.save(deps.storage, sn, &request)?;
    Ok(Response::new().add_event(event))
}
