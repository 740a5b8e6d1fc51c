//! Entry points: each one hands over to the module that owns the operation.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};

use btp_types::msg::kv_service::{Answer, ExecuteMsg, InstantiateMsg, QueryMsg};
use btp_types::msg::MigrateMsg;
use contract_kit::service;
use contract_kit::{migrate::migrate_version, ownership};

use crate::error::ContractError;
use crate::state::SERVICE;
use crate::{answer, ask, publish, query};

/// Name recorded by `cw2`; a migration is accepted only from this name.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
/// Version recorded by `cw2`.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    mut deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let owner = ownership::initialize(
        deps.branch(),
        &info.sender,
        msg.owner,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?;
    let message_center = deps.api.addr_validate(&msg.message_center)?;
    SERVICE.set_message_center(deps.storage, &message_center)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("message_center", message_center))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::Set { key, value } => publish::set(deps, &info, &key, &value),
        ExecuteMsg::Remove { key } => publish::remove(deps, &info, &key),
        ExecuteMsg::Ask {
            to,
            key,
            timeout_secs,
        } => ask::ask(deps, &env, info, to, key, timeout_secs),
        ExecuteMsg::HandleBtpMessage {
            src,
            svc,
            sn,
            payload,
        } => answer::handle_request(deps, &info, &src, &svc, sn, &payload),
        ExecuteMsg::HandleBtpReply {
            src,
            svc,
            sn,
            code,
            message,
        } => answer::handle_reply(
            deps,
            &info,
            &src,
            &svc,
            sn,
            Answer {
                code,
                value: message,
            },
        ),
        ExecuteMsg::HandleBtpMessages { src, svc, messages } => {
            service::answer_each(messages, |message| {
                answer::handle_request(
                    deps.branch(),
                    &info,
                    &src,
                    &svc,
                    message.sn,
                    &message.payload,
                )
            })
        }
        ExecuteMsg::HandleBtpReplies { src, svc, replies } => {
            service::answer_each(replies, |reply| {
                answer::handle_reply(
                    deps.branch(),
                    &info,
                    &src,
                    &svc,
                    reply.sn,
                    Answer {
                        code: reply.code,
                        value: reply.message,
                    },
                )
            })
        }
        ExecuteMsg::UpdateOwnership(action) => Ok(ownership::update(deps, &env, &info, action)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Value { key } => to_json_binary(&query::value(deps, &key)?),
        QueryMsg::Request { sn } => to_json_binary(&query::request(deps, sn)?),
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }?)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    Ok(migrate_version(
        deps.storage,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?)
}
