//! Read-only answers.

use btp_types::keys::commitment_storage_key;
use btp_types::msg::message_center::{
    ConfigResponse, FeeQuoteResponse, KeptReplyResponse, LinkResponse, PendingRequestResponse,
    ServiceResponse,
};
use btp_types::NetworkAddress;
use cosmwasm_std::{Binary, Deps, HexBinary, Order, StdError, StdResult, Uint128};
use cw_storage_plus::Bound;

use crate::commit::load_history;
use crate::route::next_hop;
use crate::state::{
    History, Link, BATCHED_SERVICES, CONFIG, FEE_LEDGER, KEPT_OUTCOMES, LINKS, NSN,
    PENDING_REQUESTS, REWARDS, SERVICES,
};

/// The page size of the list queries, unless the caller asks for one.
pub const DEFAULT_LIMIT: u32 = 10;
/// The most a page of links or routes holds.
pub const MAX_LIMIT: u32 = 30;
/// The most a page of pending or forwarded requests holds.
pub const MAX_PENDING_LIMIT: u32 = 100;

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

fn link_response(deps: Deps, network: NetworkAddress, link: Link) -> StdResult<LinkResponse> {
    let history = history_of(deps, &network, &link)?;
    Ok(LinkResponse {
        open: link.open,
        verifier: link.verifier.into(),
        remote_message_center: link.remote_message_center,
        tx_seq: history.tx_seq,
        tx_head: HexBinary::from(history.tx_head.to_vec()),
        rx_seq: history.rx_seq,
        rx_head: history.rx_head.map(|head| HexBinary::from(head.to_vec())),
        relayers: link.relayers.into_iter().map(String::from).collect(),
        delay: link.delay,
        forward_fee: link.forward_fee,
        backward_fee: link.backward_fee,
        network,
    })
}

fn history_of(deps: Deps, network: &NetworkAddress, link: &Link) -> StdResult<History> {
    load_history(deps.storage, &link.counterpart(network))
        .map_err(|err| StdError::generic_err(err.to_string()))
}

fn load_link(deps: Deps, network: &NetworkAddress) -> StdResult<Link> {
    LINKS
        .may_load(deps.storage, network.as_str())?
        .ok_or_else(|| StdError::not_found(format!("link to {network}")))
}

pub fn link(deps: Deps, network: NetworkAddress) -> StdResult<LinkResponse> {
    let link = load_link(deps, &network)?;
    link_response(deps, network, link)
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
            link_response(deps, network, link)
        })
        .collect()
}

pub fn services(deps: Deps) -> StdResult<Vec<ServiceResponse>> {
    SERVICES
        .range(deps.storage, None, None, Order::Ascending)
        .map(|entry| {
            let (svc, handler) = entry?;
            Ok(ServiceResponse {
                batches: BATCHED_SERVICES.has(deps.storage, &svc),
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
    let amount = next_hop(deps.storage, &to)
        .and_then(|hop| hop.fee(expects_reply))
        .map_err(|err| StdError::generic_err(err.to_string()))?;
    Ok(FeeQuoteResponse {
        denom: CONFIG.load(deps.storage)?.fee_denom,
        amount,
    })
}

pub fn reward(deps: Deps, network: NetworkAddress, relayer: String) -> StdResult<Uint128> {
    let relayer = deps.api.addr_validate(&relayer)?;
    Ok(REWARDS
        .may_load(deps.storage, (network.as_str(), &relayer))?
        .unwrap_or_default())
}

pub fn commitment(deps: Deps, network: NetworkAddress, sequence: u64) -> StdResult<Option<Binary>> {
    let link = load_link(deps, &network)?;
    Ok(deps
        .storage
        .get(&commitment_storage_key(
            &link.counterpart(&network),
            sequence,
        ))
        .map(Binary::new))
}

pub fn is_received(deps: Deps, network: NetworkAddress, sequence: u64) -> StdResult<bool> {
    let link = load_link(deps, &network)?;
    let history = history_of(deps, &network, &link)?;
    Ok(sequence > 0 && sequence <= history.rx_seq)
}

pub fn pending_requests(
    deps: Deps,
    network: Option<NetworkAddress>,
    start_after: Option<i64>,
    limit: Option<u32>,
) -> StdResult<Vec<PendingRequestResponse>> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT).min(MAX_PENDING_LIMIT) as usize;
    let start = start_after.map(Bound::exclusive);
    PENDING_REQUESTS
        .range(deps.storage, start, None, Order::Ascending)
        .filter(|entry| match (entry, &network) {
            (Ok((_, request)), Some(network)) => &request.network == network,
            _ => true,
        })
        .take(limit)
        .map(|entry| {
            let (nsn, request) = entry?;
            Ok(PendingRequestResponse {
                nsn,
                network: request.network,
                destination: request.destination,
                remote_message_center: request.remote_message_center,
                sequence: request.sequence,
                svc: request.svc,
                sn: request.sn,
                handler: request.handler.into(),
                timeout: request.timeout,
            })
        })
        .collect()
}

pub fn fee_ledger(deps: Deps, network: NetworkAddress) -> StdResult<Uint128> {
    Ok(FEE_LEDGER
        .may_load(deps.storage, network.as_str())?
        .unwrap_or_default())
}

pub fn kept_replies(
    deps: Deps,
    start_after: Option<i64>,
    limit: Option<u32>,
) -> StdResult<Vec<KeptReplyResponse>> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT).min(MAX_PENDING_LIMIT) as usize;
    KEPT_OUTCOMES
        .range(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(limit)
        .map(|entry| {
            let (nsn, kept) = entry?;
            Ok(KeptReplyResponse {
                nsn,
                network: kept.network,
                sequence: kept.sequence,
                handler: kept.handler.into(),
                reason: kept.reason,
            })
        })
        .collect()
}
