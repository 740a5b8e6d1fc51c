//! Entry points: each one hands over to the module that owns the operation.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};

use btp_types::msg::verifier_aggregate::{
    AggregateQuery, ConfigResponse, ExecuteMsg, InstantiateMsg, QueryMsg,
};
use btp_types::msg::MigrateMsg;
use contract_kit::{migrate::migrate_verifier_version, ownership, pause};

use crate::config::{describe, update_verifiers, validate};
use crate::error::ContractError;
use crate::state::CONFIG;
use crate::verify::verify;

/// Name recorded by `cw2`; a migration is accepted only from this name.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
/// Version recorded by `cw2`.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let config = validate(deps.as_ref(), &env, &msg.verifiers, msg.threshold)?;
    let owner = ownership::initialize(
        deps.branch(),
        &info.sender,
        msg.owner,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?;
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("verifiers", describe(&config))
        .add_attribute("threshold", config.threshold.to_string()))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::UpdateVerifiers {
            verifiers,
            threshold,
        } => update_verifiers(deps, &env, &info, verifiers, threshold),
        ExecuteMsg::SetPaused { paused } => Ok(pause::set_paused(deps, &info, paused)?),
        ExecuteMsg::UpdateOwnership(action) => Ok(ownership::update(deps, &env, &info, action)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Btp(question) => to_json_binary(&verify(deps, &question)?)?,
        QueryMsg::Aggregate(AggregateQuery::Config {}) => {
            let config = CONFIG.load(deps.storage)?;
            to_json_binary(&ConfigResponse {
                verifiers: config.verifiers,
                threshold: config.threshold,
                paused: pause::is_paused(deps.storage)?,
            })?
        }
        QueryMsg::Aggregate(AggregateQuery::Ownership {}) => {
            to_json_binary(&cw_ownable::get_ownership(deps.storage)?)?
        }
    })
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    Ok(migrate_verifier_version(
        deps.storage,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?)
}
