//! Entry points: each one hands over to the module that owns the operation.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};

use btp_types::msg::token_vault::{ConfigResponse, ExecuteMsg, InstantiateMsg, QueryMsg};
use btp_types::msg::MigrateMsg;
use contract_kit::{migrate::migrate_version, ownership, pause};

use crate::error::ContractError;
use crate::state::{CW20_CODE_ID, HANDLER};

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
    CW20_CODE_ID.save(deps.storage, &msg.cw20_code_id)?;
    let mut response = Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("cw20_code_id", msg.cw20_code_id.to_string());
    if let Some(handler) = msg.handler {
        let handler = deps.api.addr_validate(&handler)?;
        HANDLER.save(deps.storage, &handler)?;
        response = response.add_attribute("handler", handler);
    }
    Ok(response)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::SetHandler { handler } => set_handler(deps, &info, &handler),
        ExecuteMsg::SetPaused { paused } => Ok(pause::set_paused(deps, &info, paused)?),
        ExecuteMsg::UpdateOwnership(action) => Ok(ownership::update(deps, &env, &info, action)?),
    }
}

fn set_handler(
    deps: DepsMut,
    info: &MessageInfo,
    handler: &str,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let handler = deps.api.addr_validate(handler)?;
    HANDLER.save(deps.storage, &handler)?;
    Ok(Response::new()
        .add_attribute("action", "set_handler")
        .add_attribute("handler", handler))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&ConfigResponse {
            handler: HANDLER.may_load(deps.storage)?.map(String::from),
            cw20_code_id: CW20_CODE_ID.load(deps.storage)?,
            paused: pause::is_paused(deps.storage)?,
        }),
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    Ok(migrate_version(
        deps.storage,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?)
}
