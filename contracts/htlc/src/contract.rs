//! Entry points: each one hands over to the module that owns the operation.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};

use btp_types::msg::htlc::{ExecuteMsg, InstantiateMsg, QueryMsg};
use btp_types::msg::MigrateMsg;
use contract_kit::{migrate::migrate_version, ownership, pause};

use crate::error::ContractError;
use crate::lock::Terms;
use crate::{lock, query, settle};

/// Name recorded by `cw2`; a migration is accepted only from this name.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
/// Version recorded by `cw2`.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let owner = ownership::initialize(
        deps,
        &info.sender,
        msg.owner,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::Lock {
            receiver,
            hashlock,
            timelock,
        } => lock::lock_native(
            deps,
            &env,
            info,
            Terms {
                receiver,
                hashlock,
                timelock,
            },
        ),
        ExecuteMsg::Receive(hook) => lock::receive(deps, &env, info, hook),
        ExecuteMsg::Claim { id, preimage } => settle::claim(deps, &env, &info, id, preimage),
        ExecuteMsg::Refund { id } => settle::refund(deps, &env, &info, id),
        ExecuteMsg::SetPaused { paused } => Ok(pause::set_paused(deps, &info, paused)?),
        ExecuteMsg::UpdateOwnership(action) => Ok(ownership::update(deps, &env, &info, action)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Lock { id } => to_json_binary(&query::lock(deps, &env, id)?),
        QueryMsg::LocksBySender {
            sender,
            start_after,
            limit,
        } => to_json_binary(&query::by_sender(deps, &env, &sender, start_after, limit)?),
        QueryMsg::LocksByReceiver {
            receiver,
            start_after,
            limit,
        } => to_json_binary(&query::by_receiver(
            deps,
            &env,
            &receiver,
            start_after,
            limit,
        )?),
        QueryMsg::LocksByHashlock {
            hashlock,
            start_after,
            limit,
        } => to_json_binary(&query::by_hashlock(
            deps,
            &env,
            &hashlock,
            start_after,
            limit,
        )?),
        QueryMsg::Preimage { hashlock } => to_json_binary(&query::preimage(deps, &hashlock)?),
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
