//! Entry points: each one hands over to the module that owns the operation.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response, StdResult,
};

use btp_types::msg::message_center::{
    ExecuteMsg, InstantiateMsg, QueryMsg, DEFAULT_DELIVERY_GAS_LIMIT,
};
use btp_types::msg::MigrateMsg;
use contract_kit::{migrate::migrate_version, ownership, pause};

use crate::delivery::{
    handle_batch_reply, handle_delivery_reply, DELIVERY_BATCH_REPLY_ID, DELIVERY_REPLY_ID,
};
use crate::error::ContractError;
use crate::state::Route;
use crate::state::{Config, CONFIG};
use crate::verifier_relay::{handle_verified_messages, VERIFIER_RELAY_REPLY_ID};
use crate::{admin, query, relay, retry, reward, route, send, timeout, verifier_relay};

/// Name recorded by `cw2`; a migration is accepted only from this name.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
/// Version recorded by `cw2`.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

fn is_valid_denom(denom: &str) -> bool {
    // The Cosmos SDK's rule: a letter, then 2 to 127 of letters, digits, '/', ':', '.', '_', '-'.
    let mut chars = denom.chars();
    matches!(chars.next(), Some(first) if first.is_ascii_alphabetic())
        && (3..=128).contains(&denom.len())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | ':' | '.' | '_' | '-'))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    mut deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    if !is_valid_denom(&msg.fee_denom) {
        return Err(ContractError::InvalidFeeDenom {
            denom: msg.fee_denom,
        });
    }
    let delivery_gas_limit = msg.delivery_gas_limit.unwrap_or(DEFAULT_DELIVERY_GAS_LIMIT);
    if delivery_gas_limit == 0 {
        return Err(ContractError::ZeroGasLimit);
    }
    let owner = ownership::initialize(
        deps.branch(),
        &info.sender,
        msg.owner,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?;
    CONFIG.save(
        deps.storage,
        &Config {
            network: msg.network.clone(),
            fee_denom: msg.fee_denom.clone(),
            delivery_gas_limit,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("network", msg.network.as_str())
        .add_attribute("fee_denom", msg.fee_denom))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::AddLink {
            network,
            verifier,
            remote_message_center,
            relayers,
        } => admin::add_link(
            deps,
            &info,
            network,
            &verifier,
            remote_message_center,
            &relayers,
        ),
        ExecuteMsg::RemoveLink { network } => admin::remove_link(deps, &info, network),
        ExecuteMsg::UpdateLink {
            network,
            verifier,
            relayers,
        } => admin::update_link(deps, &info, network, verifier, relayers),
        ExecuteMsg::AddService {
            svc,
            handler,
            batches,
        } => admin::add_service(deps, &info, svc, &handler, batches.unwrap_or(false)),
        ExecuteMsg::RemoveService { svc } => admin::remove_service(deps, &info, svc),
        ExecuteMsg::SetFee {
            network,
            forward,
            backward,
        } => admin::set_fee(deps, &info, network, forward, backward),
        ExecuteMsg::SetRoute {
            network,
            next,
            forward_fees,
            backward_fees,
        } => route::set_route(
            deps,
            &info,
            network,
            Route {
                next,
                forward_fees,
                backward_fees,
            },
        ),
        ExecuteMsg::RemoveRoute { network } => route::remove_route(deps, &info, network),
        ExecuteMsg::SetDeliveryGasLimit { gas_limit } => {
            admin::set_delivery_gas_limit(deps, &info, gas_limit)
        }
        ExecuteMsg::SetPaused { paused } => Ok(pause::set_paused(deps, &info, paused)?),
        ExecuteMsg::SendMessage {
            to,
            svc,
            sn,
            payload,
            timeout,
        } => send::send_message(
            deps,
            &env,
            &info,
            send::Outgoing {
                to,
                svc,
                sn,
                payload,
                timeout,
            },
        ),
        ExecuteMsg::HandleRelayMessage {
            src,
            proof_height,
            messages,
            proof,
            prior_head,
        } => relay::handle_relay_message(
            deps,
            &env,
            &info,
            relay::Relay {
                src,
                proof_height,
                messages,
                proof,
                prior_head,
            },
        ),
        ExecuteMsg::HandleVerifierRelay { src, relay_message } => {
            verifier_relay::handle_verifier_relay(deps, &info, src, relay_message)
        }
        ExecuteMsg::SetLinkDelay { network, delay } => {
            admin::set_link_delay(deps, &info, network, delay)
        }
        ExecuteMsg::ResolveForwardedTimeout {
            source,
            nsn,
            proof_height,
            rx_seq,
            proof,
        } => timeout::resolve_forwarded_timeout(
            deps,
            &env,
            source,
            timeout::NonReceipt {
                nsn,
                proof_height,
                rx_seq,
                proof,
            },
        ),
        ExecuteMsg::ResolveTimeout {
            nsn,
            proof_height,
            rx_seq,
            proof,
        } => timeout::resolve_timeout(
            deps,
            &env,
            timeout::NonReceipt {
                nsn,
                proof_height,
                rx_seq,
                proof,
            },
        ),
        ExecuteMsg::RetryReply { nsn } => retry::retry_reply(deps, nsn),
        ExecuteMsg::ClaimReward { network, receiver } => {
            reward::claim_reward(deps, &info, network, receiver)
        }
        ExecuteMsg::UpdateOwnership(action) => Ok(ownership::update(deps, &env, &info, action)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, env: Env, msg: Reply) -> Result<Response, ContractError> {
    match msg.id {
        DELIVERY_REPLY_ID => handle_delivery_reply(deps.storage, msg),
        DELIVERY_BATCH_REPLY_ID => handle_batch_reply(deps.storage, msg),
        VERIFIER_RELAY_REPLY_ID => handle_verified_messages(deps, &env, msg),
        id => Err(ContractError::MissingDeliveryContext { id }),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Link { network } => to_json_binary(&query::link(deps, network)?),
        QueryMsg::Links { start_after, limit } => {
            to_json_binary(&query::links(deps, start_after, limit)?)
        }
        QueryMsg::ForwardedRequests {
            network,
            start_after,
            limit,
        } => to_json_binary(&route::forwarded_requests(
            deps.storage,
            network,
            start_after,
            limit,
        )?),
        QueryMsg::Routes { start_after, limit } => {
            to_json_binary(&route::routes(deps.storage, start_after, limit)?)
        }
        QueryMsg::Services {} => to_json_binary(&query::services(deps)?),
        QueryMsg::FeeQuote { to, expects_reply } => {
            to_json_binary(&query::fee_quote(deps, to, expects_reply)?)
        }
        QueryMsg::Reward { network, relayer } => {
            to_json_binary(&query::reward(deps, network, relayer)?)
        }
        QueryMsg::Commitment { network, sequence } => {
            to_json_binary(&query::commitment(deps, network, sequence)?)
        }
        QueryMsg::IsReceived { network, sequence } => {
            to_json_binary(&query::is_received(deps, network, sequence)?)
        }
        QueryMsg::PendingRequests {
            network,
            start_after,
            limit,
        } => to_json_binary(&query::pending_requests(deps, network, start_after, limit)?),
        QueryMsg::FeeLedger { network } => to_json_binary(&query::fee_ledger(deps, network)?),
        QueryMsg::KeptReplies { start_after, limit } => {
            to_json_binary(&query::kept_replies(deps, start_after, limit)?)
        }
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let stored = cw2::get_contract_version(deps.storage)?;
    let response = migrate_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    if !crate::migrate::is_first_version(&stored.version) {
        return Ok(response);
    }
    let carried = crate::migrate::carry_over_first_version(deps.storage)?;
    Ok(response.add_attribute("links_carried_over", carried.to_string()))
}
