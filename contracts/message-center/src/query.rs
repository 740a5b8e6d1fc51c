//! Read-only answers.

use btp_types::keys::commitment_storage_key;
use btp_types::msg::message_center::{
    ConfigResponse, FeeQuoteResponse, LinkResponse, ServiceResponse,
};
use btp_types::NetworkAddress;
use cosmwasm_std::{Binary, Deps, Order, StdError, StdResult, Uint128};
use cw_storage_plus::Bound;

use crate::send::fee_for;
use crate::state::{Link, CONFIG, LINKS, NSN, REWARDS, SERVICES};

const DEFAULT_LIMIT: u32 = 10;
const MAX_LIMIT: u32 = 30;

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let config = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        network: config.network,
        fee_denom: config.fee_denom,
        delivery_gas_limit: config.delivery_gas_limit,
        nsn: NSN.may_load(deps.storage)?.unwrap_or(0),
        paused: contract_kit::pause::is_paused(deps.storage)?,
    })
}

fn link_response(network: NetworkAddress, link: Link) -> LinkResponse {
    LinkResponse {
        network,
        verifier: link.verifier.into(),
        remote_message_center: link.remote_message_center,
        tx_seq: link.tx_seq,
        rx_seq: link.rx_seq,
        relayers: link.relayers.into_iter().map(String::from).collect(),
        forward_fee: link.forward_fee,
        backward_fee: link.backward_fee,
    }
}

fn load_link(deps: Deps, network: &NetworkAddress) -> StdResult<Link> {
    LINKS
        .may_load(deps.storage, network.as_str())?
        .ok_or_else(|| StdError::not_found(format!("link to {network}")))
}

pub fn link(deps: Deps, network: NetworkAddress) -> StdResult<LinkResponse> {
    let link = load_link(deps, &network)?;
    Ok(link_response(network, link))
}

pub fn links(
    deps: Deps,
    start_after: Option<NetworkAddress>,
    limit: Option<u32>,
) -> StdResult<Vec<LinkResponse>> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize;
    let start = start_after
        .as_ref()
        .map(|network| Bound::exclusive(network.as_str()));
    LINKS
        .range(deps.storage, start, None, Order::Ascending)
        .take(limit)
        .map(|entry| {
            let (network, link) = entry?;
            let network = NetworkAddress::parse(&network)
                .map_err(|err| StdError::generic_err(err.to_string()))?;
            Ok(link_response(network, link))
        })
        .collect()
}

pub fn services(deps: Deps) -> StdResult<Vec<ServiceResponse>> {
    SERVICES
        .range(deps.storage, None, None, Order::Ascending)
        .map(|entry| {
            let (svc, handler) = entry?;
            Ok(ServiceResponse {
                svc,
                handler: handler.into(),
            })
        })
        .collect()
}

pub fn fee_quote(
    deps: Deps,
    to: NetworkAddress,
    expects_reply: bool,
) -> StdResult<FeeQuoteResponse> {
    let link = load_link(deps, &to)?;
    Ok(FeeQuoteResponse {
        denom: CONFIG.load(deps.storage)?.fee_denom,
        amount: fee_for(&link, expects_reply)
            .map_err(|err| StdError::generic_err(err.to_string()))?,
    })
}

pub fn reward(deps: Deps, network: NetworkAddress, relayer: String) -> StdResult<Uint128> {
    let relayer = deps.api.addr_validate(&relayer)?;
    Ok(REWARDS
        .may_load(deps.storage, (network.as_str(), &relayer))?
        .unwrap_or_default())
}

pub fn commitment(deps: Deps, network: NetworkAddress, sequence: u64) -> StdResult<Option<Binary>> {
    Ok(deps
        .storage
        .get(&commitment_storage_key(&network, sequence))
        .map(Binary::new))
}

pub fn is_received(deps: Deps, network: NetworkAddress, sequence: u64) -> StdResult<bool> {
    let link = load_link(deps, &network)?;
    Ok(sequence > 0 && sequence <= link.rx_seq)
}
