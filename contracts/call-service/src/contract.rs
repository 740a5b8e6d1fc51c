//! Entry points: each one hands over to the module that owns the operation.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    to_json_binary, Addr, Binary, Deps, DepsMut, Env, MessageInfo, QuerierWrapper, Reply, Response,
    StdResult,
};

use btp_types::msg::call_service::{ExecuteMsg, InstantiateMsg, QueryMsg, DEFAULT_CALL_GAS_LIMIT};
use btp_types::msg::message_center::{
    ConfigResponse as CenterConfig, QueryMsg as MessageCenterQuery,
};
use btp_types::msg::MigrateMsg;
use btp_types::BtpAddress;
use contract_kit::{migrate::migrate_version, ownership, pause};

use crate::error::ContractError;
use crate::incoming::{self, CALL_REPLY_ID};
use crate::outcome::{self, ROLLBACK_REPLY_ID};
use crate::state::{Config, CONFIG, SERVICE};
use crate::{query, send};

/// Name recorded by `cw2`; a migration is accepted only from this name.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
/// Version recorded by `cw2`.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A call's gas must be more than 0 and less than what the message center
/// gives the call service for a whole delivery (which also pays the call
/// service's own work): otherwise a call that runs out of its gas would take
/// the delivery down with it, and the caller would get no `CALL_FAILED`.
fn valid_gas_limit(
    querier: &QuerierWrapper,
    message_center: &Addr,
    gas_limit: u64,
) -> Result<u64, ContractError> {
    let center: CenterConfig =
        querier.query_wasm_smart(message_center, &MessageCenterQuery::Config {})?;
    if gas_limit == 0 || gas_limit >= center.delivery_gas_limit {
        return Err(ContractError::InvalidInput {
            field: "gas_limit",
            reason: format!(
                "{gas_limit} gas; more than 0 and less than the message center's {} per delivery",
                center.delivery_gas_limit
            ),
        });
    }
    Ok(gas_limit)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
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
    let center: CenterConfig = deps
        .querier
        .query_wasm_smart(&message_center, &MessageCenterQuery::Config {})?;
    let btp_address = BtpAddress::new(center.network.clone(), env.contract.address.as_str())
        .map_err(|err| ContractError::InvalidInput {
            field: "network",
            reason: err.to_string(),
        })?;
    SERVICE.set_message_center(deps.storage, &message_center)?;
    let config = Config {
        network: center.network,
        btp_address: btp_address.to_string(),
        call_gas_limit: valid_gas_limit(
            &deps.querier,
            &message_center,
            msg.call_gas_limit.unwrap_or(DEFAULT_CALL_GAS_LIMIT),
        )?,
    };
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("message_center", message_center)
        .add_attribute("btp_address", config.btp_address))
}

fn set_call_gas_limit(
    deps: DepsMut,
    info: &MessageInfo,
    gas_limit: u64,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let message_center = SERVICE.message_center(deps.storage)?;
    let gas_limit = valid_gas_limit(&deps.querier, &message_center, gas_limit)?;
    CONFIG.update(deps.storage, |mut config| -> StdResult<_> {
        config.call_gas_limit = gas_limit;
        Ok(config)
    })?;
    Ok(Response::new()
        .add_attribute("action", "set_call_gas_limit")
        .add_attribute("gas_limit", gas_limit.to_string()))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::SendCallMessage {
            to,
            data,
            rollback,
            timeout_secs,
        } => send::send_call_message(deps, &env, info, to, data, rollback, timeout_secs),
        ExecuteMsg::ExecuteRollback { sn } => outcome::execute_rollback(deps, sn),
        ExecuteMsg::SetPaused { paused } => Ok(pause::set_paused(deps, &info, paused)?),
        ExecuteMsg::SetCallGasLimit { gas_limit } => set_call_gas_limit(deps, &info, gas_limit),
        ExecuteMsg::HandleBtpMessage {
            src,
            svc,
            sn,
            payload,
        } => incoming::handle_btp_message(deps, &info, src, &svc, sn, &payload),
        ExecuteMsg::HandleBtpReply {
            src,
            svc,
            sn,
            code,
            message,
        } => outcome::handle_btp_reply(deps, &info, &src, &svc, sn, code, message),
        ExecuteMsg::UpdateOwnership(action) => Ok(ownership::update(deps, &env, &info, action)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, _env: Env, reply: Reply) -> Result<Response, ContractError> {
    match reply.id {
        CALL_REPLY_ID => incoming::call_reply(reply),
        ROLLBACK_REPLY_ID => outcome::rollback_reply(deps, reply),
        id => Err(ContractError::UnknownReply { id }),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Fee { to } => to_json_binary(&query::fee(deps, &to)?),
        QueryMsg::PendingCall { sn } => to_json_binary(&query::pending_call(deps, sn)?),
        QueryMsg::PendingCalls { start_after, limit } => {
            to_json_binary(&query::pending_calls(deps, start_after, limit)?)
        }
        QueryMsg::FailedRollbacks { start_after, limit } => {
            to_json_binary(&query::failed_rollbacks(deps, start_after, limit)?)
        }
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
