//! A request to another chain's service.

use btp_types::events::{kv_service::Asked, TypedEvent};
use btp_types::msg::kv_service::{RequestResponse, DEFAULT_ASK_TIMEOUT_SECS, MAX_ASK_TIMEOUT_SECS};
use btp_types::NetworkAddress;
use contract_kit::service::Outgoing;
use contract_kit::timeout::timeout_after;
use cosmwasm_std::{to_json_binary, Binary, DepsMut, Env, MessageInfo, Response, Timestamp};

use crate::error::ContractError;
use crate::publish::validate_key;
use crate::state::SERVICE;

/// The request's timeout: the block's time plus `timeout_secs` (1 to
/// [`MAX_ASK_TIMEOUT_SECS`], [`DEFAULT_ASK_TIMEOUT_SECS`] when absent).
fn ask_timeout(env: &Env, timeout_secs: Option<u64>) -> Result<Timestamp, ContractError> {
    let seconds = timeout_secs.unwrap_or(DEFAULT_ASK_TIMEOUT_SECS);
    if seconds == 0 || seconds > MAX_ASK_TIMEOUT_SECS {
        return Err(ContractError::InvalidInput {
            field: "timeout_secs",
            reason: format!(
                "{seconds} seconds; 1 to {MAX_ASK_TIMEOUT_SECS} are accepted (a request \
                 without a timeout could wait for good behind a dead relayer)"
            ),
        });
    }
    let now = env.block.time;
    timeout_after(now, seconds).ok_or(ContractError::TimeoutOverflow { now, seconds })
}

/// Records the request under a new serial number and sends the key through
/// the message center with its timeout, with the caller's funds as its fee
/// (the message center refuses any other amount, which undoes the whole call).
pub fn ask(
    deps: DepsMut,
    env: &Env,
    info: MessageInfo,
    to: NetworkAddress,
    key: String,
    timeout_secs: Option<u64>,
) -> Result<Response, ContractError> {
    validate_key(&key)?;
    let timeout = ask_timeout(env, timeout_secs)?;
    let asked = RequestResponse {
        to: to.clone(),
        key: key.clone(),
        answer: None,
    };
    let sent = SERVICE.send_request(deps.storage, &asked, |_| Outgoing {
        to: to.clone(),
        payload: Binary::new(key.clone().into_bytes()),
        timeout: Some(timeout),
        funds: info.funds,
    })?;
    Ok(Response::new()
        .add_event(
            Asked {
                sn: sent.sn,
                to: to.to_string(),
                key: key.to_string(),
                asker: info.sender.to_string(),
                timeout: timeout.nanos(),
            }
            .to_event(),
        )
        .set_data(to_json_binary(&sent.sn)?)
        .add_message(sent.message))
}
