//! The owner's operations: links, services, fees, delivery gas.

use btp_types::events::{message_center::LinkChanged, TypedEvent};
use btp_types::message::validate_service_name;
use btp_types::msg::message_center::{DelayPeriod, MESSAGE_CENTER_SERVICE};
use btp_types::NetworkAddress;
use cosmwasm_std::{Addr, Api, DepsMut, Empty, Event, MessageInfo, Response, Uint128};

use crate::commit::load_history;
use crate::error::ContractError;
use crate::state::{History, Link, BATCHED_SERVICES, CONFIG, LINKS, ROUTES, SERVICES};

fn validate_relayers(api: &dyn Api, relayers: &[String]) -> Result<Vec<Addr>, ContractError> {
    Ok(relayers
        .iter()
        .map(|relayer| api.addr_validate(relayer))
        .collect::<Result<_, _>>()?)
}

/// The remote message center's address is bound into every proof of the
/// history: it must be written exactly as its chain writes it. Its format
/// is the verifier's business; here it only has to be a plausible address.
fn validate_remote_center(address: &str) -> Result<(), ContractError> {
    let plausible = !address.is_empty()
        && address.len() <= MAX_REMOTE_ADDRESS_LEN
        && address.chars().all(|c| c.is_ascii_graphic());
    if !plausible {
        return Err(ContractError::InvalidRemoteAddress {
            address: address.to_string(),
        });
    }
    Ok(())
}

/// Longest remote message center address accepted (bech32 allows 90).
const MAX_REMOTE_ADDRESS_LEN: usize = 128;

/// The event of every change of a link.
fn link_changed(network: &NetworkAddress, link: &Link, history: &History) -> Event {
    LinkChanged {
        network: network.to_string(),
        open: link.open,
        verifier: link.verifier.to_string(),
        remote_center: link.remote_message_center.to_string(),
        relayers: u64::try_from(link.relayers.len()).unwrap_or(u64::MAX),
        delay: link.delay.map_or_else(
            || "none".to_string(),
            |delay| format!("{}s,{}blocks", delay.seconds, delay.blocks),
        ),
        tx_seq: history.tx_seq,
        rx_seq: history.rx_seq,
    }
    .to_event()
}

/// Opens a link, or opens a closed one again, possibly to another remote
/// message center. Nothing is reset: the history with that remote message
/// center (if any) goes on where it stopped, and fees stay as they were.
pub fn add_link(
    deps: DepsMut,
    info: &MessageInfo,
    network: NetworkAddress,
    verifier: &str,
    remote_message_center: String,
    relayers: &[String],
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    if network == CONFIG.load(deps.storage)?.network {
        return Err(ContractError::LinkToSelf { network });
    }
    validate_remote_center(&remote_message_center)?;
    // One way to each network: a route would otherwise decide where
    // messages from it may arrive while its link decides where they go.
    if ROUTES.has(deps.storage, network.as_str()) {
        return Err(ContractError::RouteExists { network });
    }
    let previous = LINKS.may_load(deps.storage, network.as_str())?;
    if previous.as_ref().is_some_and(|link| link.open) {
        return Err(ContractError::LinkExists { network });
    }
    let (forward_fee, backward_fee, delay) = previous
        .map(|link| (link.forward_fee, link.backward_fee, link.delay))
        .unwrap_or_default();
    let link = Link {
        open: true,
        verifier: deps.api.addr_validate(verifier)?,
        remote_message_center,
        relayers: validate_relayers(deps.api, relayers)?,
        delay,
        forward_fee,
        backward_fee,
    };
    LINKS.save(deps.storage, network.as_str(), &link)?;
    let history = load_history(deps.storage, &link.counterpart(&network))?;
    Ok(Response::new()
        .add_attribute("action", "add_link")
        .add_attribute("network", network.as_str())
        .add_event(link_changed(&network, &link, &history)))
}

fn load_link(deps: &DepsMut, network: &NetworkAddress) -> Result<Link, ContractError> {
    LINKS
        .may_load(deps.storage, network.as_str())?
        .ok_or_else(|| ContractError::NoLink {
            network: network.to_string(),
        })
}

/// Closes a link. It is kept, closed: its history and its verifier (for
/// timeouts of its requests in flight) stay.
pub fn remove_link(
    deps: DepsMut,
    info: &MessageInfo,
    network: NetworkAddress,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut link = load_link(&deps, &network)?;
    if !link.open {
        return Err(ContractError::LinkClosed { network });
    }
    link.open = false;
    LINKS.save(deps.storage, network.as_str(), &link)?;
    let history = load_history(deps.storage, &link.counterpart(&network))?;
    Ok(Response::new()
        .add_attribute("action", "remove_link")
        .add_attribute("network", network.as_str())
        .add_event(link_changed(&network, &link, &history)))
}

/// Changes a link's verifier or relayers; its history is untouched.
pub fn update_link(
    deps: DepsMut,
    info: &MessageInfo,
    network: NetworkAddress,
    verifier: Option<String>,
    relayers: Option<Vec<String>>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut link = load_link(&deps, &network)?;
    if let Some(verifier) = verifier {
        link.verifier = deps.api.addr_validate(&verifier)?;
    }
    if let Some(relayers) = relayers {
        link.relayers = validate_relayers(deps.api, &relayers)?;
    }
    LINKS.save(deps.storage, network.as_str(), &link)?;
    let history = load_history(deps.storage, &link.counterpart(&network))?;
    Ok(Response::new()
        .add_attribute("action", "update_link")
        .add_attribute("network", network.as_str())
        .add_event(link_changed(&network, &link, &history)))
}

/// Sets or removes a link's delay period; open or closed, the link keeps it.
pub fn set_link_delay(
    deps: DepsMut,
    info: &MessageInfo,
    network: NetworkAddress,
    delay: Option<DelayPeriod>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut link = load_link(&deps, &network)?;
    link.delay = delay.filter(|delay| delay.seconds > 0 || delay.blocks > 0);
    LINKS.save(deps.storage, network.as_str(), &link)?;
    let history = load_history(deps.storage, &link.counterpart(&network))?;
    Ok(Response::new()
        .add_attribute("action", "set_link_delay")
        .add_attribute("network", network.as_str())
        .add_event(link_changed(&network, &link, &history)))
}

pub fn set_fee(
    deps: DepsMut,
    info: &MessageInfo,
    network: NetworkAddress,
    forward: Uint128,
    backward: Uint128,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut link = load_link(&deps, &network)?;
    link.forward_fee = forward;
    link.backward_fee = backward;
    LINKS.save(deps.storage, network.as_str(), &link)?;
    Ok(Response::new()
        .add_attribute("action", "set_fee")
        .add_attribute("network", network.as_str())
        .add_attribute("forward", forward)
        .add_attribute("backward", backward))
}

pub fn add_service(
    deps: DepsMut,
    info: &MessageInfo,
    svc: String,
    handler: &str,
    batches: bool,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    validate_service_name(&svc)?;
    // Messages for "bmc" are the message center's own: a handler registered
    // under that name could be sent reward claims.
    if svc == MESSAGE_CENTER_SERVICE {
        return Err(ContractError::ReservedService { svc });
    }
    if let Some(existing) = SERVICES.may_load(deps.storage, &svc)? {
        return Err(ContractError::ServiceExists {
            svc,
            handler: existing.into(),
        });
    }
    let handler = deps.api.addr_validate(handler)?;
    SERVICES.save(deps.storage, &svc, &handler)?;
    if batches {
        BATCHED_SERVICES.save(deps.storage, &svc, &Empty {})?;
    }
    Ok(Response::new()
        .add_attribute("action", "add_service")
        .add_attribute("svc", svc)
        .add_attribute("handler", handler)
        .add_attribute("batches", batches.to_string()))
}

pub fn remove_service(
    deps: DepsMut,
    info: &MessageInfo,
    svc: String,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    if !SERVICES.has(deps.storage, &svc) {
        return Err(ContractError::NoService { svc });
    }
    SERVICES.remove(deps.storage, &svc);
    BATCHED_SERVICES.remove(deps.storage, &svc);
    Ok(Response::new()
        .add_attribute("action", "remove_service")
        .add_attribute("svc", svc))
}

pub fn set_delivery_gas_limit(
    deps: DepsMut,
    info: &MessageInfo,
    gas_limit: u64,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    if gas_limit == 0 {
        return Err(ContractError::ZeroGasLimit);
    }
    CONFIG.update(deps.storage, |mut config| -> Result<_, ContractError> {
        config.delivery_gas_limit = gas_limit;
        Ok(config)
    })?;
    Ok(Response::new()
        .add_attribute("action", "set_delivery_gas_limit")
        .add_attribute("gas_limit", gas_limit.to_string()))
}
