//! Routes: networks this center has no link to, reached through a linked
//! network whose message center forwards (BTP's routes).
//!
//! * **Where a message goes.** [`next_hop`] is the one place that decides
//!   which history a message to a network is committed in: the open link to
//!   it, else the link to its route's next network.
//! * **Who may speak for a network.** A message from a network is accepted
//!   only over the hop this center itself uses to reach that network
//!   ([`ensure_arrives_by_its_hop`]): a neighbour can forward for the
//!   networks routed through it, and for no other.
//! * **Fees per hop.** A routed message carries one fee value per hop, in
//!   the sending network's currency: the link's forward fee, the route's
//!   forward fees, then (requests) the route's backward fees and the link's
//!   backward fee. Each center that receives it credits the first value to
//!   the relayer that brought it and forwards the rest. All of it is paid
//!   into the fee ledger of the first hop's link: rewards claimed from
//!   anywhere on the route come back over that link.
//! * **No endless loops.** A center forwards a message only while a fee
//!   value is left for the next hop, never back to the network it came from,
//!   and never a message of its own; so a loop of misconfigured routes ends
//!   with an error reply (code `NO_ROUTE`) once the message's fees run out.
//! * **Timeouts on the way.** Every center on the way refuses a request at
//!   or past its timeout. A forwarded request with a timeout is kept until
//!   its reply passes back, so that if the next hop never executes it, this
//!   center can prove that and answer `TIMED_OUT` itself
//!   ([`crate::timeout::resolve_forwarded_timeout`]): the source can only
//!   prove what the first hop received.

use btp_types::error_code::NO_ROUTE;
use btp_types::events::message_center::{MessageForwarded, RouteChanged};
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{ForwardedRequestResponse, RouteResponse, MAX_ROUTE_HOPS};
use btp_types::msg::verifier::Counterpart;
use btp_types::{BtpMessage, MessageKind, NetworkAddress};
use cosmwasm_std::{
    DepsMut, MessageInfo, Order, Response, StdError, StdResult, Storage, Timestamp, Uint128,
};
use cw_storage_plus::Bound;

use crate::commit::commit_on_hop;
use crate::delivery::{fail, DeliveryContext};
use crate::error::ContractError;
use crate::query::{DEFAULT_LIMIT, MAX_LIMIT, MAX_PENDING_LIMIT};
use crate::state::{
    Config, ForwardedRequest, Link, Route, CONFIG, FORWARDED_REQUESTS, LINKS, ROUTES,
};

/// The first hop of the way to a network: its link, and the route when the
/// network is not linked itself.
pub struct Hop {
    /// The linked network the message is committed for.
    pub network: NetworkAddress,
    pub link: Link,
    pub route: Option<Route>,
}

impl Hop {
    /// The history the message goes into.
    pub fn counterpart(&self) -> Counterpart {
        self.link.counterpart(&self.network)
    }

    /// The fee values a message carries, one per hop (see the module doc).
    pub fn fee_values(&self, expects_reply: bool) -> Vec<Uint128> {
        let mut values = vec![self.link.forward_fee];
        if let Some(route) = &self.route {
            values.extend(&route.forward_fees);
            if expects_reply {
                values.extend(&route.backward_fees);
            }
        }
        if expects_reply {
            values.push(self.link.backward_fee);
        }
        values
    }

    /// The fee a message pays: every hop's, both ways for a request.
    pub fn fee(&self, expects_reply: bool) -> Result<Uint128, ContractError> {
        self.fee_values(expects_reply)
            .into_iter()
            .try_fold(Uint128::zero(), |sum, value| sum.checked_add(value))
            .map_err(|_| ContractError::Overflow { what: "fee" })
    }
}

/// The first hop towards `network`: its open link, else its route's.
pub fn next_hop(storage: &dyn Storage, network: &NetworkAddress) -> Result<Hop, ContractError> {
    if let Some(link) = LINKS.may_load(storage, network.as_str())? {
        if !link.open {
            return Err(ContractError::LinkClosed {
                network: network.clone(),
            });
        }
        return Ok(Hop {
            network: network.clone(),
            link,
            route: None,
        });
    }
    let route =
        ROUTES
            .may_load(storage, network.as_str())?
            .ok_or_else(|| ContractError::NoLink {
                network: network.to_string(),
            })?;
    let link = LINKS
        .may_load(storage, route.next.as_str())?
        .filter(|link| link.open)
        .ok_or_else(|| ContractError::RouteUnusable {
            network: network.clone(),
            next: route.next.clone(),
        })?;
    Ok(Hop {
        network: route.next.clone(),
        link,
        route: Some(route),
    })
}

/// A message from `src` must arrive over the hop this center uses to reach
/// `src`: the link to `src` itself, or the link its route goes through.
pub fn ensure_arrives_by_its_hop(
    storage: &dyn Storage,
    sequence: u64,
    src: &NetworkAddress,
    link: &NetworkAddress,
) -> Result<(), ContractError> {
    // The relay came over the open link to `src` itself: that is the way
    // to `src` (a link takes precedence over any route), and no read is needed.
    if src == link {
        return Ok(());
    }
    match next_hop(storage, src) {
        Ok(hop) if &hop.network == link => Ok(()),
        _ => Err(ContractError::WrongSource {
            sequence,
            src: src.clone(),
            link: link.clone(),
        }),
    }
}

/// A proven message for another network, arrived over `arrival` (its fee
/// for this hop already credited, its timeout checked): committed again
/// for the next hop, or answered with `NO_ROUTE` when it cannot go on.
pub fn forward(
    storage: &mut dyn Storage,
    config: &Config,
    arrival: &NetworkAddress,
    sequence: u64,
    mut message: BtpMessage,
    timeout: Option<Timestamp>,
    response: Response,
) -> Result<Response, ContractError> {
    let context = DeliveryContext::of(sequence, &message);
    let next = match next_hop(storage, &message.dst) {
        Ok(hop) if &hop.network == arrival => Err(format!(
            "the way to {} leads back to {arrival}, where the message came from: a route loop",
            message.dst
        )),
        Ok(hop) => Ok(hop),
        Err(err) => Err(format!("no way on to {}: {err}", message.dst)),
    };
    let fee_left = context.fee_left().ok_or_else(|| {
        format!(
            "no fee is left for a hop towards {}: the message has travelled every hop it paid for (a route loop, or routes longer than its source's)",
            message.dst
        )
    });
    let (hop, fee_left) = match (next, fee_left) {
        (Ok(hop), Ok(fee_left)) => (hop, fee_left),
        (Err(reason), _) | (_, Err(reason)) => {
            return fail(storage, config, &context, NO_ROUTE, &reason, response);
        }
    };
    message.fee_info = Some(fee_left);
    let committed = commit_on_hop(storage, &hop, &message, timeout)?;
    match (message.kind(), timeout) {
        // Kept so that this center can answer it if the next hop never
        // executes it: the source can prove only that this center received it.
        (MessageKind::Request, Some(timeout)) => FORWARDED_REQUESTS.save(
            storage,
            (message.src.as_str(), message.nsn),
            &ForwardedRequest {
                network: hop.network.clone(),
                remote_message_center: committed.counterpart.center.clone(),
                sequence: committed.sequence,
                timeout,
                arrival: context,
            },
        )?,
        (MessageKind::Reply, _) => {
            // Its reply passing back through here resolves it, when it
            // comes from where the request was forwarded to.
            if let Some(nsn) = message.nsn.checked_neg() {
                let key = (message.dst.as_str(), nsn);
                if FORWARDED_REQUESTS
                    .may_load(storage, key)?
                    .is_some_and(|forwarded| &forwarded.network == arrival)
                {
                    FORWARDED_REQUESTS.remove(storage, key);
                }
            }
        }
        _ => {}
    }
    Ok(response.add_event(committed.event).add_event(
        MessageForwarded {
            network: arrival.to_string(),
            sequence,
            src: message.src.to_string(),
            dst: message.dst.to_string(),
            next: hop.network.to_string(),
            next_sequence: committed.sequence,
        }
        .to_event(),
    ))
}

/// The `set_route` operation.
pub fn set_route(
    deps: DepsMut,
    info: &MessageInfo,
    network: NetworkAddress,
    route: Route,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let config = CONFIG.load(deps.storage)?;
    if network == config.network {
        return Err(ContractError::InvalidRoute {
            network,
            reason: "it is this network".into(),
        });
    }
    if LINKS.has(deps.storage, network.as_str()) {
        return Err(ContractError::InvalidRoute {
            network,
            reason: "it has a link of its own, which messages to it take".into(),
        });
    }
    if route.next == network || !LINKS.has(deps.storage, route.next.as_str()) {
        return Err(ContractError::InvalidRoute {
            reason: format!("its next network {} has no link from here", route.next),
            network,
        });
    }
    let hops_after_link = route.forward_fees.len();
    if hops_after_link == 0 || hops_after_link >= MAX_ROUTE_HOPS {
        return Err(ContractError::InvalidRoute {
            network,
            reason: format!(
                "it must name the fee of each hop after the link: 1 to {} forward fees, not {hops_after_link}",
                MAX_ROUTE_HOPS - 1
            ),
        });
    }
    if route.backward_fees.len() != hops_after_link {
        return Err(ContractError::InvalidRoute {
            network,
            reason: format!(
                "a reply comes back over as many hops as the message went: {} backward fees, not {}",
                hops_after_link,
                route.backward_fees.len()
            ),
        });
    }
    ROUTES.save(deps.storage, network.as_str(), &route)?;
    let event = RouteChanged {
        network: network.to_string(),
        next: Some(route.next.to_string()),
        hops: u64::try_from(hops_after_link)
            .unwrap_or(u64::MAX)
            .saturating_add(1),
    };
    Ok(Response::new()
        .add_attribute("action", "set_route")
        .add_event(event.to_event()))
}

/// The `remove_route` operation.
pub fn remove_route(
    deps: DepsMut,
    info: &MessageInfo,
    network: NetworkAddress,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    if !ROUTES.has(deps.storage, network.as_str()) {
        return Err(ContractError::NoRoute { network });
    }
    ROUTES.remove(deps.storage, network.as_str());
    let event = RouteChanged {
        network: network.to_string(),
        next: None,
        hops: 0,
    };
    Ok(Response::new()
        .add_attribute("action", "remove_route")
        .add_event(event.to_event()))
}

/// The `routes` query.
pub fn routes(
    storage: &dyn Storage,
    start_after: Option<NetworkAddress>,
    limit: Option<u32>,
) -> StdResult<Vec<RouteResponse>> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize;
    let start = start_after
        .as_ref()
        .map(|network| Bound::exclusive(network.as_str()));
    ROUTES
        .range(storage, start, None, Order::Ascending)
        .take(limit)
        .map(|entry| {
            let (network, route) = entry?;
            Ok(RouteResponse {
                network: NetworkAddress::parse(&network)
                    .map_err(|err| StdError::generic_err(err.to_string()))?,
                next: route.next,
                forward_fees: route.forward_fees,
                backward_fees: route.backward_fees,
            })
        })
        .collect()
}

/// The `forwarded_requests` query.
pub fn forwarded_requests(
    storage: &dyn Storage,
    network: Option<NetworkAddress>,
    start_after: Option<(NetworkAddress, i64)>,
    limit: Option<u32>,
) -> StdResult<Vec<ForwardedRequestResponse>> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT).min(MAX_PENDING_LIMIT) as usize;
    let start = start_after
        .as_ref()
        .map(|(source, nsn)| Bound::exclusive((source.as_str(), *nsn)));
    FORWARDED_REQUESTS
        .range(storage, start, None, Order::Ascending)
        .filter(|entry| match (entry, &network) {
            (Ok((_, forwarded)), Some(network)) => &forwarded.network == network,
            _ => true,
        })
        .take(limit)
        .map(|entry| {
            let ((source, nsn), forwarded) = entry?;
            Ok(ForwardedRequestResponse {
                source: NetworkAddress::parse(&source)
                    .map_err(|err| StdError::generic_err(err.to_string()))?,
                nsn,
                network: forwarded.network,
                remote_message_center: forwarded.remote_message_center,
                sequence: forwarded.sequence,
                svc: forwarded.arrival.svc,
                sn: forwarded.arrival.sn,
                timeout: forwarded.timeout,
            })
        })
        .collect()
}
