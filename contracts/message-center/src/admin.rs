//! The owner's operations: links, services, fees, delivery gas.

use btp_types::message::validate_service_name;
use btp_types::msg::message_center::MESSAGE_CENTER_SERVICE;
use btp_types::NetworkAddress;
use cosmwasm_std::{Addr, Api, Binary, DepsMut, MessageInfo, Response, Uint128};

use crate::error::ContractError;
use crate::state::{Link, CONFIG, LINKS, SERVICES};

fn validate_relayers(api: &dyn Api, relayers: &[String]) -> Result<Vec<Addr>, ContractError> {
    Ok(relayers
        .iter()
        .map(|relayer| api.addr_validate(relayer))
        .collect::<Result<_, _>>()?)
}

/// Decodes the remote message center's bech32 address into the canonical
/// bytes under which the remote chain stores its contract state.
fn remote_canonical_address(address: &str) -> Result<Binary, ContractError> {
    let invalid = |reason: String| ContractError::InvalidRemoteAddress {
        address: address.to_string(),
        reason,
    };
    let (_, bytes) = bech32::decode(address).map_err(|err| invalid(err.to_string()))?;
    if bytes.len() != 20 && bytes.len() != 32 {
        return Err(invalid(format!("it holds {} bytes", bytes.len())));
    }
    Ok(Binary::new(bytes))
}

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
    if LINKS.has(deps.storage, network.as_str()) {
        return Err(ContractError::LinkExists { network });
    }
    let link = Link {
        verifier: deps.api.addr_validate(verifier)?,
        remote_message_center_canonical: remote_canonical_address(&remote_message_center)?,
        remote_message_center,
        tx_seq: 0,
        rx_seq: 0,
        relayers: validate_relayers(deps.api, relayers)?,
        forward_fee: Uint128::zero(),
        backward_fee: Uint128::zero(),
    };
    LINKS.save(deps.storage, network.as_str(), &link)?;
    Ok(Response::new()
        .add_attribute("action", "add_link")
        .add_attribute("network", network.as_str())
        .add_attribute("verifier", link.verifier)
        .add_attribute("remote_message_center", link.remote_message_center))
}

fn load_link(deps: &DepsMut, network: &NetworkAddress) -> Result<Link, ContractError> {
    LINKS
        .may_load(deps.storage, network.as_str())?
        .ok_or_else(|| ContractError::NoLink {
            network: network.to_string(),
        })
}

pub fn remove_link(
    deps: DepsMut,
    info: &MessageInfo,
    network: NetworkAddress,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let link = load_link(&deps, &network)?;
    LINKS.remove(deps.storage, network.as_str());
    Ok(Response::new()
        .add_attribute("action", "remove_link")
        .add_attribute("network", network.as_str())
        .add_attribute("tx_seq", link.tx_seq.to_string())
        .add_attribute("rx_seq", link.rx_seq.to_string()))
}

pub fn set_link_relayers(
    deps: DepsMut,
    info: &MessageInfo,
    network: NetworkAddress,
    relayers: &[String],
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut link = load_link(&deps, &network)?;
    link.relayers = validate_relayers(deps.api, relayers)?;
    LINKS.save(deps.storage, network.as_str(), &link)?;
    Ok(Response::new()
        .add_attribute("action", "set_link_relayers")
        .add_attribute("network", network.as_str())
        .add_attribute("relayers", link.relayers.len().to_string()))
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
    Ok(Response::new()
        .add_attribute("action", "add_service")
        .add_attribute("svc", svc)
        .add_attribute("handler", handler))
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
