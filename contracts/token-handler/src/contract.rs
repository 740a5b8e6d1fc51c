//! Entry points: each one hands over to the module that owns the operation.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response, StdResult, Storage,
};

use btp_types::msg::message_center::{ConfigResponse as CenterConfig, QueryMsg as CenterQuery};
use btp_types::msg::service_handler::IncomingReply;
use btp_types::msg::token_handler::{
    ExecuteMsg, InstantiateMsg, QueryMsg, DEFAULT_TRANSFER_TIMEOUT_SECS,
};
use btp_types::msg::MigrateMsg;
use contract_kit::{migrate::migrate_version, ownership, pause};

use crate::coins::{record_wrapped_token, WRAPPED_TOKEN_REPLY_ID};
use crate::error::ContractError;
use crate::outcome::{defer_refund, REFUND_REPLY_ID};
use crate::rate_limit::migrate_fixed_windows;
use crate::state::{Config, CONFIG, SERVICE};
use crate::timeout::validate_timeout_secs;
use crate::{admin, coins, incoming, outcome, query, send, timeout};

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
    let vault = deps.api.addr_validate(&msg.vault)?;
    let default_timeout_secs = validate_timeout_secs(
        "the default",
        msg.default_timeout_secs
            .unwrap_or(DEFAULT_TRANSFER_TIMEOUT_SECS),
    )?;
    // The network names this chain in every request; the message center is its authority.
    let center: CenterConfig = deps
        .querier
        .query_wasm_smart(&message_center, &CenterQuery::Config {})?;
    SERVICE.set_message_center(deps.storage, &message_center)?;
    CONFIG.save(
        deps.storage,
        &Config {
            message_center: None,
            vault: vault.clone(),
            network: center.network.clone(),
            default_timeout_secs,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("message_center", message_center)
        .add_attribute("vault", vault)
        .add_attribute("network", center.network.as_str())
        .add_attribute("default_timeout_secs", default_timeout_secs.to_string()))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::RegisterCoin {
            coin_name,
            origin,
            fee,
            limits,
        } => coins::register_coin(deps, &info, coin_name, origin, fee, limits),
        ExecuteMsg::UpdateCoin {
            coin_name,
            fee,
            limits,
        } => coins::update_coin(deps, &info, coin_name, fee, limits),
        ExecuteMsg::SetBlacklisted {
            address,
            blacklisted,
        } => admin::set_blacklisted(deps, &info, &address, blacklisted),
        ExecuteMsg::SetPaused { paused } => Ok(pause::set_paused(deps, &info, paused)?),
        ExecuteMsg::SetDefaultTimeout { seconds } => {
            timeout::set_default_timeout(deps, &info, seconds)
        }
        ExecuteMsg::WithdrawFees {
            coin_name,
            recipient,
        } => admin::withdraw_fees(deps, &info, coin_name, &recipient),
        ExecuteMsg::Transfer { to, timeout_secs } => {
            send::transfer(deps, &env, info, to, timeout_secs)
        }
        ExecuteMsg::TransferBatch {
            to,
            cw20,
            timeout_secs,
        } => send::transfer_batch(deps, &env, info, to, cw20, timeout_secs),
        ExecuteMsg::Receive(wrapper) => send::receive(deps, &env, info, wrapper),
        ExecuteMsg::ClaimRefund { coin_name } => admin::claim_refund(deps, &info, coin_name),
        ExecuteMsg::HandleBtpMessage {
            src,
            svc,
            sn,
            payload,
        } => incoming::handle_btp_message(deps, &env, &info, src, svc, sn, payload),
        ExecuteMsg::HandleBtpReply {
            src,
            svc,
            sn,
            code,
            message,
        } => {
            outcome::handle_btp_reply(deps, &info, &src, &svc, IncomingReply { sn, code, message })
        }
        ExecuteMsg::HandleBtpMessages { src, svc, messages } => {
            incoming::handle_btp_messages(deps, &env, &info, src, svc, messages)
        }
        ExecuteMsg::HandleBtpReplies { src, svc, replies } => {
            outcome::handle_btp_replies(deps, &info, &src, &svc, replies)
        }
        ExecuteMsg::UpdateOwnership(action) => Ok(ownership::update(deps, &env, &info, action)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, _env: Env, msg: Reply) -> Result<Response, ContractError> {
    match msg.id {
        WRAPPED_TOKEN_REPLY_ID => {
            let coin_name = String::from_utf8(msg.payload.to_vec())
                .map_err(|err| cosmwasm_std::StdError::generic_err(err.to_string()))?;
            record_wrapped_token(deps, &coin_name)
        }
        REFUND_REPLY_ID => defer_refund(deps, msg),
        id => Err(ContractError::UnknownReply { id }),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Coin { coin_name } => to_json_binary(&query::coin(deps, coin_name)?),
        QueryMsg::Coins {} => to_json_binary(&query::coins(deps)?),
        QueryMsg::TransferFee { coin_name, amount } => {
            to_json_binary(&query::transfer_fee(deps, coin_name, amount)?)
        }
        QueryMsg::Usage { coin_name } => to_json_binary(&query::usage(deps, &env, coin_name)?),
        QueryMsg::PendingTransfer { sn } => to_json_binary(&query::pending_transfer(deps, sn)?),
        QueryMsg::PendingTransfers { sender } => {
            to_json_binary(&query::pending_transfers(deps, sender)?)
        }
        QueryMsg::ClaimableRefunds { account } => {
            to_json_binary(&query::claimable_refunds(deps, account)?)
        }
        QueryMsg::Blacklisted { address } => to_json_binary(&query::blacklisted(deps, address)?),
        QueryMsg::CollectedFees { coin_name } => {
            to_json_binary(&query::collected_fees(deps, coin_name)?)
        }
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }
}

/// Moves the message center out of a configuration of 0.2.0 or before, to
/// the service's key; whether there was one to move.
fn migrate_message_center(storage: &mut dyn Storage) -> Result<bool, ContractError> {
    let mut config = CONFIG.load(storage)?;
    let Some(message_center) = config.message_center.take() else {
        return Ok(false);
    };
    SERVICE.set_message_center(storage, &message_center)?;
    CONFIG.save(storage, &config)?;
    Ok(true)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let response = migrate_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let moved = migrate_message_center(deps.storage)?;
    // Fixed rate-limit windows of older versions become rolling logs.
    let carried = migrate_fixed_windows(deps.storage, env.block.time.seconds())?;
    Ok(response
        .add_attribute("message_center_moved", moved.to_string())
        .add_attribute("rate_windows_carried", carried.to_string()))
}
