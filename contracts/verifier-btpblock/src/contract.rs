//! Entry points: each one hands over to the module that owns the operation.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};

use btp_types::msg::verifier::VerifierExecuteMsg;
use btp_types::msg::verifier_btpblock::{
    AdminExecuteMsg, BtpBlockQuery, ExecuteMsg, InstantiateMsg, QueryMsg,
};
use btp_types::msg::MigrateMsg;
use contract_kit::{migrate::migrate_verifier_version, ownership, pause};

use crate::error::ContractError;
use crate::verify_relay_message::verify_relay_message;
use crate::{instantiate as init, query as q};

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
    init::instantiate(deps, &info, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::Btp(VerifierExecuteMsg::VerifyRelayMessage {
            source,
            relay_message,
        }) => verify_relay_message(deps, &info, &source, &relay_message),
        ExecuteMsg::Admin(AdminExecuteMsg::SetPaused { paused }) => {
            Ok(pause::set_paused(deps, &info, paused)?)
        }
        ExecuteMsg::Admin(AdminExecuteMsg::UpdateOwnership(action)) => {
            Ok(ownership::update(deps, &env, &info, action)?)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Btp(question) => return Err(q::refuse(&question)),
        QueryMsg::BtpBlock(BtpBlockQuery::Status {}) => to_json_binary(&q::status(deps.storage)?)?,
        QueryMsg::BtpBlock(BtpBlockQuery::Config {}) => to_json_binary(&q::config(deps.storage)?)?,
        QueryMsg::BtpBlock(BtpBlockQuery::Ownership {}) => {
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
