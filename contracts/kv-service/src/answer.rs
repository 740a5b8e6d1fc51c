//! What the message center delivers: a request from another chain's service
//! (answered in the reply) and the reply to a request sent from here.

use btp_types::error_code::TIMED_OUT;
use btp_types::msg::kv_service::{Answer, INVALID_KEY, KV_SERVICE, UNKNOWN_KEY};
use btp_types::{ErrorMessage, NetworkAddress};
use cosmwasm_std::{Binary, DepsMut, Event, MessageInfo, Response, Storage};

use crate::error::ContractError;
use crate::publish::validate_key;
use crate::state::{MESSAGE_CENTER, REQUESTS, VALUES};

/// Refuses anyone but the message center: anyone else could forge answers
/// to this chain's requests.
pub fn ensure_message_center(
    storage: &dyn Storage,
    info: &MessageInfo,
) -> Result<(), ContractError> {
    let message_center = MESSAGE_CENTER.load(storage)?;
    if info.sender != message_center {
        return Err(ContractError::NotMessageCenter {
            sender: info.sender.to_string(),
            message_center: message_center.into_string(),
        });
    }
    Ok(())
}

fn ensure_kv(svc: &str) -> Result<(), ContractError> {
    if svc != KV_SERVICE {
        return Err(ContractError::WrongService { svc: svc.into() });
    }
    Ok(())
}

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
    ensure_message_center(deps.storage, info)?;
    ensure_kv(svc)?;
    let storage = deps.storage;
    if sn == 0 {
        return Err(ContractError::OneWayMessage {
            src: src.to_string(),
        });
    }
    let (key, answer) = match requested_key(payload) {
        Err(invalid) => (
            String::new(),
            ErrorMessage {
                code: INVALID_KEY,
                message: invalid,
            },
        ),
        Ok(key) => {
            let answer = match VALUES.may_load(storage, key)? {
                Some(value) => ErrorMessage {
                    code: 0,
                    message: value,
                },
                None => ErrorMessage {
                    code: UNKNOWN_KEY,
                    message: format!("no value for {key:?}"),
                },
            };
            (key.to_string(), answer)
        }
    };
    Ok(Response::new()
        .add_event(
            Event::new("kv_answered")
                .add_attribute("sn", sn.to_string())
                .add_attribute("src", src.as_str())
                .add_attribute("key", key)
                .add_attribute("code", answer.code.to_string()),
        )
        .set_data(answer.encode()))
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
    ensure_message_center(deps.storage, info)?;
    ensure_kv(svc)?;
    let storage = deps.storage;
    let mut request = REQUESTS
        .may_load(storage, sn)?
        .ok_or(ContractError::UnknownRequest { sn })?;
    if request.answer.is_some() {
        return Err(ContractError::AlreadyAnswered { sn });
    }
    if request.to != *src {
        return Err(ContractError::ReplyFromElsewhere {
            sn,
            src: src.to_string(),
            to: request.to.to_string(),
        });
    }
    let event = Event::new("kv_answer_received")
        .add_attribute("sn", sn.to_string())
        .add_attribute("src", src.as_str())
        .add_attribute("key", request.key.clone())
        .add_attribute("code", answer.code.to_string())
        .add_attribute("timed_out", (answer.code == TIMED_OUT).to_string());
    request.answer = Some(answer);
    REQUESTS.save(storage, sn, &request)?;
    Ok(Response::new().add_event(event))
}
