//! A request to another chain's service.

use btp_types::msg::kv_service::{RequestResponse, KV_SERVICE};
use btp_types::msg::message_center::ExecuteMsg as MessageCenterMsg;
use btp_types::NetworkAddress;
use cosmwasm_std::{to_json_binary, Binary, DepsMut, Event, MessageInfo, Response, WasmMsg};

use crate::error::ContractError;
use crate::publish::validate_key;
use crate::state::{LAST_SN, MESSAGE_CENTER, REQUESTS};

/// Records the request under a new serial number and sends the key through
/// the message center, with the caller's funds as its fee (the message
/// center refuses any other amount, which undoes the whole call).
pub fn ask(
    deps: DepsMut,
    info: MessageInfo,
    to: NetworkAddress,
    key: String,
) -> Result<Response, ContractError> {
    validate_key(&key)?;
    let sn = LAST_SN
        .may_load(deps.storage)?
        .unwrap_or_default()
        .checked_add(1)
        .ok_or(ContractError::SerialNumberExhausted)?;
    LAST_SN.save(deps.storage, &sn)?;
    REQUESTS.save(
        deps.storage,
        sn,
        &RequestResponse {
            to: to.clone(),
            key: key.clone(),
            answer: None,
        },
    )?;
    let send = WasmMsg::Execute {
        contract_addr: MESSAGE_CENTER.load(deps.storage)?.into_string(),
        msg: to_json_binary(&MessageCenterMsg::SendMessage {
            to: to.clone(),
            svc: KV_SERVICE.into(),
            sn,
            payload: Binary::new(key.clone().into_bytes()),
        })?,
        funds: info.funds,
    };
    Ok(Response::new()
        .add_event(
            Event::new("kv_asked")
                .add_attribute("sn", sn.to_string())
                .add_attribute("to", to.as_str())
                .add_attribute("key", key)
                .add_attribute("asker", info.sender),
        )
        .set_data(to_json_binary(&sn)?)
        .add_message(send))
}
