//! A sample data-messaging service (`svc = "kv"`), for scenarios across
//! chains: the "pull" pattern. A contract asks the other chain's service for
//! the value of a key; that service answers in the reply, which the message
//! center commits for it; the asking side stores the answer.

use btp_types::msg::message_center::ExecuteMsg as CenterMsg;
use btp_types::msg::service_handler::ServiceHandlerMsg;
use btp_types::{ErrorMessage, NetworkAddress};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError, StdResult,
    WasmMsg,
};
use cw_multi_test::{Contract, ContractWrapper};
use cw_storage_plus::{Item, Map};

/// The service name.
pub const KV_SERVICE: &str = "kv";
/// The answer code for a key the service does not hold.
pub const UNKNOWN_KEY: u32 = 40;

#[cw_serde]
pub struct InstantiateMsg {
    pub message_center: String,
}

/// The service's own operations.
#[cw_serde]
pub enum KvMsg {
    /// Stores a value others may ask for.
    Set { key: String, value: String },
    /// Asks `to`'s service for `key`.
    Ask { to: NetworkAddress, key: String },
}

/// Everything the service accepts.
#[cw_serde]
#[serde(untagged)]
pub enum ExecuteMsg {
    Own(KvMsg),
    FromMessageCenter(ServiceHandlerMsg),
}

/// An answer received from the other chain.
#[cw_serde]
pub struct Answer {
    pub key: String,
    pub code: u32,
    pub value: String,
}

#[cw_serde]
pub enum QueryMsg {
    /// The answer to request `sn`, once it has arrived.
    Answer { sn: i64 },
}

const MESSAGE_CENTER: Item<String> = Item::new("message_center");
const VALUES: Map<&str, String> = Map::new("values");
const LAST_SN: Item<i64> = Item::new("last_sn");
const ASKED: Map<i64, String> = Map::new("asked");
const ANSWERS: Map<i64, Answer> = Map::new("answers");

fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, msg: InstantiateMsg) -> StdResult<Response> {
    MESSAGE_CENTER.save(deps.storage, &msg.message_center)?;
    Ok(Response::new())
}

fn execute(deps: DepsMut, _: Env, info: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    let from_center = || -> StdResult<()> {
        if info.sender.as_str() != MESSAGE_CENTER.load(deps.storage)? {
            return Err(StdError::generic_err("only the message center delivers"));
        }
        Ok(())
    };
    match msg {
        ExecuteMsg::Own(KvMsg::Set { key, value }) => {
            VALUES.save(deps.storage, &key, &value)?;
            Ok(Response::new())
        }
        ExecuteMsg::Own(KvMsg::Ask { to, key }) => {
            let sn = LAST_SN.may_load(deps.storage)?.unwrap_or(0) + 1;
            LAST_SN.save(deps.storage, &sn)?;
            ASKED.save(deps.storage, sn, &key)?;
            Ok(Response::new()
                .add_attribute("sn", sn.to_string())
                .add_message(WasmMsg::Execute {
                    contract_addr: MESSAGE_CENTER.load(deps.storage)?,
                    msg: to_json_binary(&CenterMsg::SendMessage {
                        to,
                        svc: KV_SERVICE.into(),
                        sn,
                        payload: Binary::new(key.into_bytes()),
                    })?,
                    funds: info.funds,
                }))
        }
        ExecuteMsg::FromMessageCenter(ServiceHandlerMsg::HandleBtpMessage { payload, .. }) => {
            from_center()?;
            let key = String::from_utf8(payload.to_vec())
                .map_err(|err| StdError::generic_err(err.to_string()))?;
            // The answer travels as the reply the message center commits.
            let answer = match VALUES.may_load(deps.storage, &key)? {
                Some(value) => ErrorMessage {
                    code: 0,
                    message: value,
                },
                None => ErrorMessage {
                    code: UNKNOWN_KEY,
                    message: format!("no value for {key}"),
                },
            };
            Ok(Response::new().set_data(answer.encode()))
        }
        ExecuteMsg::FromMessageCenter(ServiceHandlerMsg::HandleBtpReply {
            sn,
            code,
            message,
            ..
        }) => {
            from_center()?;
            let key = ASKED.load(deps.storage, sn)?;
            ANSWERS.save(
                deps.storage,
                sn,
                &Answer {
                    key,
                    code,
                    value: message,
                },
            )?;
            Ok(Response::new())
        }
    }
}

fn query(deps: Deps, _: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Answer { sn } => to_json_binary(&ANSWERS.may_load(deps.storage, sn)?),
    }
}

/// The sample service for `cw-multi-test`.
pub fn contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query))
}
