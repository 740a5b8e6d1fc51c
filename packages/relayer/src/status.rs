//! What is in flight, read from the chains: each link's sequences and
//! backlog, the light clients (height, age, expiry, frozen), the recent
//! messages with their state, and the relayer's balances. `btp status`
//! prints it; `btp serve` serves it as JSON and as a page.

use btp_types::msg::message_center::{
    LinkResponse, PendingRequestResponse, QueryMsg as CenterQuery,
};
use btp_types::msg::verifier::Counterpart;
use btp_types::msg::verifier_tendermint::{
    ClientState, ConsensusState, LatestHeightResponse, LightClientQuery, StatusResponse,
};
use btp_types::{BtpMessage, MessageKind};
use cosmwasm_std::Timestamp;
use serde::Serialize;

use crate::backend::ChainBackend;
use crate::config::Setup;
use crate::error::{Context, Result};
use crate::relay::pending_requests;
use crate::service::time_text;

/// The light client of `counterpart` on `chain`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LightClientStatus {
    /// The chain it runs on (chain id).
    pub chain: String,
    /// The chain it follows (chain id).
    pub counterpart: String,
    /// Its contract address.
    pub address: String,
    /// The latest trusted height of `counterpart`.
    pub height: u64,
    /// The time of that header (RFC 3339), when the client tells it.
    pub header_time: Option<String>,
    /// How old that header is in `chain`'s latest block time, in seconds.
    pub age_secs: Option<i64>,
    /// Seconds until the trusting period of that header runs out (negative:
    /// it has; the client verifies nothing until updated across it is
    /// impossible and it must be recovered).
    pub expires_in_secs: Option<i64>,
    /// Whether proven misbehaviour froze it.
    pub frozen: bool,
    /// `active`, `frozen` or `expired`, as the client answers.
    pub status: Option<String>,
}

/// Reads the light client at `verifier` on `chain`. Only the latest height
/// is required: a verifier of another kind than `verifier-tendermint` may
/// not answer the other queries, whose fields are then `None`.
pub fn light_client<C: ChainBackend>(
    chain: &C,
    chain_id: &str,
    verifier: &str,
    counterpart: &str,
) -> Result<LightClientStatus> {
    let latest: LatestHeightResponse = chain
        .query(verifier, &LightClientQuery::LatestHeight {})
        .with_context(|| format!("the light client of {counterpart} on {chain_id}"))?;
    let client: Option<ClientState> = chain
        .query(verifier, &LightClientQuery::ClientState {})
        .ok();
    let consensus: Option<ConsensusState> = chain
        .query(
            verifier,
            &LightClientQuery::ConsensusState {
                height: latest.height,
            },
        )
        .ok();
    let status: Option<StatusResponse> = chain.query(verifier, &LightClientQuery::Status {}).ok();
    let now = chain
        .latest_header_height()
        .and_then(|height| chain.header_time(height))?;
    let age_secs = consensus
        .as_ref()
        .map(|consensus| seconds_between(consensus.timestamp, now));
    let expires_in_secs = match (&client, age_secs) {
        (Some(client), Some(age)) => {
            Some(i64::try_from(client.trusting_period_secs).unwrap_or(i64::MAX) - age)
        }
        _ => None,
    };
    Ok(LightClientStatus {
        chain: chain_id.to_string(),
        counterpart: counterpart.to_string(),
        address: verifier.to_string(),
        height: latest.height,
        header_time: consensus.map(|consensus| time_text(consensus.timestamp)),
        age_secs,
        expires_in_secs,
        frozen: client.is_some_and(|client| client.frozen_height.is_some()),
        status: status.map(|status| format!("{:?}", status.status).to_lowercase()),
    })
}

/// `to - from` in whole seconds, negative when `to` is earlier.
fn seconds_between(from: Timestamp, to: Timestamp) -> i64 {
    let (from, to) = (i128::from(from.nanos()), i128::from(to.nanos()));
    i64::try_from((to - from) / 1_000_000_000).unwrap_or(i64::MAX)
}

/// One direction of a link: what `src` sent and `dst` received.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Direction {
    /// The sending chain.
    pub src: String,
    /// The receiving chain.
    pub dst: String,
    /// Messages `src` committed to `dst` (its link's `tx_seq`).
    pub sent: u64,
    /// Messages `dst` received from `src` (its link's `rx_seq`).
    pub received: u64,
    /// `sent - received`: what waits for the relayer (0 while `dst`'s link is closed).
    pub backlog: u64,
    /// Whether `dst`'s link to `src` is open (it accepts deliveries).
    pub open: bool,
}

/// The two links' directions between two chains.
pub fn directions<A: ChainBackend, B: ChainBackend>(
    a: (&A, &str, &str),
    b: (&B, &str, &str),
) -> Result<[Direction; 2]> {
    let (a_chain, a_id, a_center) = a;
    let (b_chain, b_id, b_center) = b;
    let a_link: LinkResponse = a_chain
        .query(
            a_center,
            &CenterQuery::Link {
                network: b_chain.network(),
            },
        )
        .with_context(|| format!("the link to {b_id} on {a_id}"))?;
    let b_link: LinkResponse = b_chain
        .query(
            b_center,
            &CenterQuery::Link {
                network: a_chain.network(),
            },
        )
        .with_context(|| format!("the link to {a_id} on {b_id}"))?;
    let direction = |src: &str, dst: &str, out: &LinkResponse, into: &LinkResponse| Direction {
        src: src.to_string(),
        dst: dst.to_string(),
        sent: out.tx_seq,
        received: into.rx_seq,
        backlog: if into.open {
            out.tx_seq.saturating_sub(into.rx_seq)
        } else {
            0
        },
        open: into.open,
    };
    Ok([
        direction(a_id, b_id, &a_link, &b_link),
        direction(b_id, a_id, &b_link, &a_link),
    ])
}

/// Where a message is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageState {
    /// Committed on the source, not received on the destination yet.
    Sent,
    /// Not received, and its timeout has passed on the destination: the
    /// relayer resolves it (a request is refunded).
    TimedOut,
    /// Received on the destination (a request: its reply is due).
    Delivered,
    /// A request whose reply came back and resolved it.
    Replied,
    /// A request resolved by a timeout proof without being delivered (its
    /// sender refunded).
    Refunded,
}

/// A recent message of one direction, with its state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecentMessage {
    /// The sending chain.
    pub src: String,
    /// The receiving chain.
    pub dst: String,
    /// The message's sequence in the link.
    pub sequence: u64,
    /// The service it is for (`token-handler`'s transfers, `call-service`'s calls, ...).
    pub svc: String,
    /// The service's serial number (negative: a reply).
    pub sn: i64,
    /// `request`, `one_way` or `reply`.
    pub kind: String,
    /// The block of `src` it was committed in.
    pub height: u64,
    /// Where it is.
    pub state: MessageState,
}

/// The last `count` messages of `direction` (committed on `src` by
/// `src_center` for `dst_center` on `dst`), with their states; `dst_time` is
/// the destination's latest block time.
pub fn recent_messages<C: ChainBackend>(
    src: &C,
    src_center: &str,
    dst: &C,
    dst_center: &str,
    direction: &Direction,
    dst_time: Timestamp,
    count: u64,
) -> Result<Vec<RecentMessage>> {
    let history = Counterpart {
        network: dst.network(),
        center: dst_center.to_string(),
    };
    let after = direction.sent.saturating_sub(count);
    let to = src.latest_header_height()?;
    let pending: Vec<PendingRequestResponse> =
        pending_requests(src, src_center, Some(&dst.network()))?;
    let messages = src.pending_messages(src_center, &history, after, to, count as usize)?;
    Ok(messages
        .into_iter()
        .filter(|message| message.is_in(&history) && message.sequence > after)
        .map(|message| {
            let decoded = BtpMessage::decode(&message.message).ok();
            let kind = decoded.as_ref().map(BtpMessage::kind);
            let received = message.sequence <= direction.received;
            let timed_out = message.timeout.is_some_and(|timeout| timeout <= dst_time);
            let is_pending = pending
                .iter()
                .any(|request| request.sequence == message.sequence);
            let state = match (kind, received, is_pending) {
                (Some(MessageKind::Request), true, true) => MessageState::Delivered,
                (Some(MessageKind::Request), true, false) => MessageState::Replied,
                (Some(MessageKind::Request), false, false) => MessageState::Refunded,
                (_, true, _) => MessageState::Delivered,
                (_, false, _) if timed_out => MessageState::TimedOut,
                (_, false, _) => MessageState::Sent,
            };
            RecentMessage {
                src: direction.src.clone(),
                dst: direction.dst.clone(),
                sequence: message.sequence,
                svc: decoded.as_ref().map(|m| m.svc.clone()).unwrap_or_default(),
                sn: decoded.as_ref().map_or(0, |m| m.sn),
                kind: match kind {
                    Some(MessageKind::Request) => "request",
                    Some(MessageKind::OneWay) => "one_way",
                    Some(MessageKind::Reply) => "reply",
                    None => "unknown",
                }
                .to_string(),
                height: message.height,
                state,
            }
        })
        .collect())
}

/// A chain's state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChainStatus {
    /// Its chain id.
    pub chain_id: String,
    /// Its latest height; `None` (and `error` says why) when unreachable.
    pub height: Option<u64>,
    /// The relayer's balance (`amount` and `denom`), when a relayer key is configured.
    pub relayer_balance: Option<cosmwasm_std::Coin>,
    /// The relayer's address there.
    pub relayer: Option<String>,
    /// What failed reading it.
    pub error: Option<String>,
}

/// A link's state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LinkStatus {
    /// `<a> ⇄ <b>`.
    pub name: String,
    /// Both directions; empty when they could not be read (`error` says why).
    pub directions: Vec<Direction>,
    /// The light client on each side.
    pub light_clients: Vec<LightClientStatus>,
    /// The most recent messages both ways, newest first.
    pub recent: Vec<RecentMessage>,
    /// What failed reading it.
    pub errors: Vec<String>,
}

/// Everything `btp serve` shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Status {
    /// When it was read (RFC 3339, the host's clock).
    pub read_at: String,
    /// The chains.
    pub chains: Vec<ChainStatus>,
    /// The links.
    pub links: Vec<LinkStatus>,
}

/// What a chain of the setup is, for [`collect`]: a connected backend, and
/// the relayer's address there if known.
pub struct Connected<'c, C> {
    /// The backend, or why it could not be reached.
    pub chain: std::result::Result<&'c C, String>,
    /// The relayer's address.
    pub relayer: Option<String>,
}

/// Reads everything [`Status`] shows from `chains` (in the setup's order).
/// A chain or link that cannot be read is reported, not an error.
pub fn collect<C: ChainBackend>(
    setup: &Setup,
    chains: &[Connected<'_, C>],
    recent_per_direction: u64,
) -> Status {
    let read_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| time_text(Timestamp::from_nanos(since.as_nanos() as u64)))
        .unwrap_or_default();
    let chain_statuses = setup
        .chains
        .iter()
        .zip(chains)
        .map(|(chain_setup, connected)| {
            let chain_id = chain_setup.node.chain_id.clone();
            match &connected.chain {
                Err(reason) => ChainStatus {
                    chain_id,
                    height: None,
                    relayer_balance: None,
                    relayer: connected.relayer.clone(),
                    error: Some(reason.clone()),
                },
                Ok(chain) => {
                    let height = chain.latest_header_height();
                    let balance = chain.relayer_balance();
                    let error = [height.as_ref().err(), balance.as_ref().err()]
                        .into_iter()
                        .flatten()
                        .map(|err| err.to_string())
                        .next();
                    ChainStatus {
                        chain_id,
                        height: height.ok(),
                        relayer_balance: balance.ok().flatten(),
                        relayer: connected.relayer.clone(),
                        error,
                    }
                }
            }
        })
        .collect();
    let links = setup
        .links
        .iter()
        .map(|link| {
            let mut status = LinkStatus {
                name: setup.link_name(*link),
                directions: vec![],
                light_clients: vec![],
                recent: vec![],
                errors: vec![],
            };
            let (a_setup, b_setup) = (&setup.chains[link.a], &setup.chains[link.b]);
            let (Ok(a), Ok(b)) = (&chains[link.a].chain, &chains[link.b].chain) else {
                status
                    .errors
                    .push("a chain of the link is unreachable".into());
                return status;
            };
            let (a_id, b_id) = (&a_setup.node.chain_id, &b_setup.node.chain_id);
            for (chain, chain_setup, id, other) in
                [(a, a_setup, a_id, b_id), (b, b_setup, b_id, a_id)]
            {
                match chain_setup
                    .verifier_of(other)
                    .and_then(|verifier| light_client(*chain, id, verifier, other))
                {
                    Ok(client) => status.light_clients.push(client),
                    Err(err) => status.errors.push(err.to_string()),
                }
            }
            let (a_center, b_center) = (
                &a_setup.contracts.message_center,
                &b_setup.contracts.message_center,
            );
            match directions((*a, a_id, a_center), (*b, b_id, b_center)) {
                Ok(directions) => {
                    for (direction, (src, src_center), (dst, dst_center)) in [
                        (&directions[0], (*a, a_center), (*b, b_center)),
                        (&directions[1], (*b, b_center), (*a, a_center)),
                    ] {
                        let recent = dst
                            .latest_header_height()
                            .and_then(|height| dst.header_time(height))
                            .and_then(|dst_time| {
                                recent_messages(
                                    src,
                                    src_center,
                                    dst,
                                    dst_center,
                                    direction,
                                    dst_time,
                                    recent_per_direction,
                                )
                            });
                        match recent {
                            Ok(recent) => status.recent.extend(recent),
                            Err(err) => status.errors.push(err.to_string()),
                        }
                    }
                    status.directions = directions.to_vec();
                }
                Err(err) => status.errors.push(err.to_string()),
            }
            status
                .recent
                .sort_by(|x, y| y.height.cmp(&x.height).then(y.sequence.cmp(&x.sequence)));
            status
        })
        .collect();
    Status {
        read_at,
        chains: chain_statuses,
        links,
    }
}
