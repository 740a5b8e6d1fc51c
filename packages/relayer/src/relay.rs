//! The relayer's two steps, each one transaction built from what both chains
//! hold now, with the light-client update it needs:
//!
//! - [`relay_once`]: everything committed on `src` for `dst` and not yet
//!   delivered (up to a batch), with ONE proof: the source message center
//!   chains its messages (`head_n = sha256(head_(n-1) ‖ sha256(message_n) ‖
//!   timeout_n)`, see `btp_types::keys`), so the proof that it stored the
//!   head of the batch's last message proves the whole batch to a
//!   destination that knows the head before it.
//! - [`resolve_timeouts_once`]: the requests `src` sent to `dst` whose
//!   timeout has passed on `dst` and that `dst` has not received, resolved
//!   on `src` (the sender is refunded) with one proof of `dst`'s receive
//!   sequence: of its value, or of its absence when `dst` has received
//!   nothing from `src` yet.
//!
//! Neither keeps state: where to resume is read from the chains.

use crate::error::{bail, ensure, Context, Result};
use btp_types::keys::{
    chain_head, commitment_storage_key, receipt_storage_key, wasm_store_key, GENESIS_HEAD,
};
use btp_types::msg::message_center::{
    DelayPeriod, ExecuteMsg as CenterMsg, ForwardedRequestResponse, LinkResponse,
    PendingRequestResponse, QueryMsg as CenterQuery, RelayedMessage,
};
use btp_types::msg::verifier::{Counterpart, VerifiedResponse, VerifierQuery};
use btp_types::msg::verifier_tendermint::{
    ExecuteMsg as VerifierMsg, LatestHeightResponse, LightClientQuery,
};
use btp_types::NetworkAddress;
use cosmwasm_std::{to_json_binary, Binary, CosmosMsg, Timestamp, WasmMsg};

use crate::backend::{ChainBackend, Submitted};

/// The suite's contracts on one chain that a relay touches.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The message center.
    pub message_center: String,
    /// The light client of the *other* chain, on this chain.
    pub verifier: String,
}

/// A relay transaction, built but not sent.
#[derive(Clone, Debug)]
pub struct RelayPlan {
    /// The sequences it delivers, in order.
    pub sequences: Vec<u64>,
    /// The source header it updates the destination's light client to (if it must).
    pub updated_to: Option<u64>,
    /// The height the batch's proof is checked at.
    pub proof_height: u64,
    /// The transaction's messages: the client update (if any), then the delivery.
    pub messages: Vec<CosmosMsg>,
}

/// What one relay step did.
#[derive(Clone, Debug)]
pub struct RelayReport {
    /// The sequences delivered, in order.
    pub sequences: Vec<u64>,
    /// The source header the destination's light client was updated to (if it was).
    pub updated_to: Option<u64>,
    /// The height the batch's proof was checked at.
    pub proof_height: u64,
    /// The destination transaction.
    pub submitted: Submitted,
}

/// The most messages a message center takes in one `handle_relay_message`
/// (its `MAX_BATCH`); a larger `max_batch` is cut to it.
pub const MESSAGE_CENTER_MAX_BATCH: usize = 100;

/// The most a batch's messages may take in `handle_relay_message`, in bytes
/// of JSON. A CometBFT node refuses a transaction above its mempool's
/// `max_tx_bytes` (1 MiB by default); half of it leaves room for the
/// batch's one proof (about 1 KiB), the light-client update in the same
/// transaction (about 32 KiB for 100 validators) and chains configured
/// tighter. With one proof per batch, the messages' own size is all that
/// grows with the batch.
pub const MAX_BATCH_TX_BYTES: usize = 512 * 1024;

/// Length of base64 text for `bytes` bytes.
fn base64_len(bytes: usize) -> usize {
    bytes.div_ceil(3) * 4
}

/// The bytes one message adds to `handle_relay_message`'s JSON: its
/// sequence, the message (base64) and its timeout, with the JSON around them.
pub fn relayed_message_bytes(message_len: usize) -> usize {
    base64_len(message_len) + 96
}

fn execute(contract: &str, msg: &impl serde::Serialize) -> Result<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }
    .into())
}

/// The height of `remote` to prove at, and the update of `local`'s light
/// client of `remote` (`verifier`) that makes it trusted, when it is not:
/// `remote`'s latest header, or the light client's latest trusted height
/// when that is higher (another relayer went further).
/// The latest header of `remote` that `local`'s light client trusts.
fn trusted_height<R: ChainBackend, L: ChainBackend>(
    remote: &R,
    local: &L,
    verifier: &str,
) -> Result<u64> {
    let trusted: LatestHeightResponse = local
        .query(verifier, &LightClientQuery::LatestHeight {})
        .with_context(|| {
        format!(
            "reading the light client of {} on {}",
            remote.network(),
            local.network()
        )
    })?;
    Ok(trusted.height)
}

/// A plan that only updates `local`'s light client of `remote` to its
/// latest header (for a link with a delay period, whose proofs must wait
/// for the header to age); `None` when it trusts that header already.
fn update_alone<R: ChainBackend>(
    remote: &R,
    verifier: &str,
    trusted: u64,
) -> Result<Option<RelayPlan>> {
    let latest = remote.latest_header_height()?;
    if trusted >= latest {
        return Ok(None);
    }
    let header = crate::header::compact(&remote.client_update(trusted, latest)?)?;
    Ok(Some(RelayPlan {
        sequences: vec![],
        updated_to: Some(latest),
        proof_height: latest,
        messages: vec![execute(verifier, &VerifierMsg::UpdateClient { header })?],
    }))
}

/// Whether `local`'s light client has trusted the header `question` is
/// asked at for `delay` by `local`'s latest block: the light client answers
/// `question` (with its proof) and says since when it trusts that header.
fn ready_after_delay<L: ChainBackend>(
    local: &L,
    verifier: &str,
    question: &VerifierQuery,
    delay: DelayPeriod,
) -> Result<bool> {
    let answer: VerifiedResponse = local
        .query(verifier, question)
        .context("asking the light client for the proof's trust time")?;
    let trusted_at = answer.trusted_at.with_context(|| {
        format!(
            "the link on {} has a delay period, but its light client does not say since when it trusts the header: no proof can be used on it",
            local.network()
        )
    })?;
    let now_height = local.latest_header_height()?;
    let now = local.header_time(now_height)?;
    let ready_time = trusted_at.time.plus_seconds(delay.seconds);
    Ok(now >= ready_time && now_height >= trusted_at.height.saturating_add(delay.blocks))
}

fn proof_target<R: ChainBackend, L: ChainBackend>(
    remote: &R,
    local: &L,
    verifier: &str,
) -> Result<(u64, Option<CosmosMsg>)> {
    let latest = remote.latest_header_height()?;
    let trusted = trusted_height(remote, local, verifier)?;
    if trusted >= latest {
        return Ok((trusted, None));
    }
    let header = crate::header::compact(&remote.client_update(trusted, latest)?)?;
    Ok((
        latest,
        Some(execute(verifier, &VerifierMsg::UpdateClient { header })?),
    ))
}

/// Delivers at most `max_batch` messages from `src` to `dst` (fewer when
/// they would not fit in one transaction, see [`MAX_BATCH_TX_BYTES`]);
/// `None` when there is nothing to deliver yet.
pub fn relay_once<S: ChainBackend, D: ChainBackend>(
    src: &S,
    src_endpoint: &Endpoint,
    dst: &mut D,
    dst_endpoint: &Endpoint,
    max_batch: usize,
) -> Result<Option<RelayReport>> {
    let Some(plan) = plan_relay(src, src_endpoint, dst, dst_endpoint, max_batch)? else {
        return Ok(None);
    };
    let submitted = dst.submit(plan.messages)?;
    Ok(Some(RelayReport {
        sequences: plan.sequences,
        updated_to: plan.updated_to,
        proof_height: plan.proof_height,
        submitted,
    }))
}

/// Builds the transaction that delivers at most `max_batch` messages from
/// `src` to `dst` (at most [`MESSAGE_CENTER_MAX_BATCH`]), from what both
/// chains hold now: the light-client update if `dst` does not trust the
/// source's latest header, then one `handle_relay_message` with the
/// messages and one proof of the last one's chain head. `None` when there
/// is nothing to deliver yet.
///
/// Before it builds anything, it recomputes the chain of heads from the
/// head `dst` knows through every message and compares it with the head
/// `src` stored (the value the proof proves): a batch the destination would
/// refuse is never sent.
pub fn plan_relay<S: ChainBackend, D: ChainBackend>(
    src: &S,
    src_endpoint: &Endpoint,
    dst: &D,
    dst_endpoint: &Endpoint,
    max_batch: usize,
) -> Result<Option<RelayPlan>> {
    let (src_network, dst_network) = (src.network(), dst.network());
    let inbound: LinkResponse = dst
        .query(
            &dst_endpoint.message_center,
            &CenterQuery::Link {
                network: src_network.clone(),
            },
        )
        .with_context(|| format!("reading the link to {src_network} on {dst_network}"))?;
    let outbound: LinkResponse = src
        .query(
            &src_endpoint.message_center,
            &CenterQuery::Link {
                network: dst_network.clone(),
            },
        )
        .with_context(|| format!("reading the link to {dst_network} on {src_network}"))?;
    ensure!(
        outbound.remote_message_center == dst_endpoint.message_center,
        "the link to {dst_network} on {src_network} sends to the message center {}, not to {}",
        outbound.remote_message_center,
        dst_endpoint.message_center
    );
    ensure!(
        inbound.remote_message_center == src_endpoint.message_center,
        "the link to {src_network} on {dst_network} receives from the message center {}, not from {}",
        inbound.remote_message_center,
        src_endpoint.message_center
    );
    if outbound.tx_seq <= inbound.rx_seq {
        return Ok(None);
    }
    ensure!(
        inbound.open,
        "{} message(s) from {src_network} wait, but the link to it on {dst_network} is closed (requests among them can be resolved by timeout)",
        outbound.tx_seq - inbound.rx_seq
    );

    // A link with a delay period accepts a proof only against a header its
    // light client has trusted for the delay: the update and the delivery
    // are then separate transactions, the delivery proven at the trusted
    // header (see `ready_after_delay`).
    let (target, update) = match inbound.delay {
        None => proof_target(src, dst, &dst_endpoint.verifier)?,
        Some(_) => (trusted_height(src, dst, &dst_endpoint.verifier)?, None),
    };
    // Header `target` commits to the state after block `target - 1`: only
    // messages committed up to that block can be proven with it.
    let version = target
        .checked_sub(1)
        .context("the source chain has no committed state yet")?;
    let limit = max_batch.clamp(1, MESSAGE_CENTER_MAX_BATCH);
    let history = Counterpart {
        network: dst_network.clone(),
        center: outbound.remote_message_center.clone(),
    };
    let mut pending: Vec<_> = src
        .pending_messages(
            &src_endpoint.message_center,
            &history,
            inbound.rx_seq,
            version,
            limit,
        )?
        .into_iter()
        .filter(|message| message.is_in(&history) && message.sequence > inbound.rx_seq)
        .collect();
    pending.sort_by_key(|message| message.sequence);
    pending.dedup_by_key(|message| message.sequence);
    let Some(first) = pending.first() else {
        if inbound.delay.is_some() {
            // Nothing provable with the trusted header: a newer one starts
            // its delay now.
            return update_alone(src, &dst_endpoint.verifier, target);
        }
        return Ok(None);
    };
    if first.sequence != inbound.rx_seq + 1 {
        bail!(
            "{src_network} committed sequence {} but {dst_network} expects {}: the source's events are incomplete",
            first.sequence,
            inbound.rx_seq + 1
        );
    }

    // The head the batch chains onto: the destination's, or, for a history
    // a migration carried over, the source's head at the destination's rx_seq.
    let (start, prior_head) = match &inbound.rx_head {
        Some(head) => (
            head_bytes(head.as_slice(), "the destination's rx_head")?,
            None,
        ),
        None => {
            let head = if inbound.rx_seq == 0 {
                GENESIS_HEAD
            } else {
                let stored: Option<Binary> = src.query(
                    &src_endpoint.message_center,
                    &CenterQuery::Commitment {
                        network: dst_network.clone(),
                        sequence: inbound.rx_seq,
                    },
                )?;
                let stored = stored.with_context(|| {
                    format!(
                        "{src_network} has no head for message {} to {dst_network}, which {dst_network} needs as prior_head",
                        inbound.rx_seq
                    )
                })?;
                head_bytes(stored.as_slice(), "the source's stored head")?
            };
            (head, Some(Binary::new(head.to_vec())))
        }
    };

    let mut messages: Vec<RelayedMessage> = Vec::with_capacity(pending.len());
    let mut head = start;
    let mut batch_bytes = 0;
    for message in pending.into_iter().take(limit) {
        let expected = inbound.rx_seq + messages.len() as u64 + 1;
        if message.sequence != expected {
            // A gap in what the backend returned: deliver up to it.
            break;
        }
        batch_bytes += relayed_message_bytes(message.message.len());
        if !messages.is_empty() && batch_bytes > MAX_BATCH_TX_BYTES {
            break;
        }
        let next = chain_head(&head, &message.message, message.timeout);
        if let Some(event_head) = &message.head {
            ensure!(
                event_head.as_slice() == next.as_slice(),
                "message {} of {src_network} to {dst_network} does not chain onto the one before: its event's head is {}, the chain gives {}",
                message.sequence,
                hex::encode(event_head),
                hex::encode(next)
            );
        }
        head = next;
        messages.push(RelayedMessage {
            sequence: message.sequence,
            message: Binary::new(message.message),
            timeout: message.timeout,
        });
    }
    let last = messages
        .last()
        .map(|message| message.sequence)
        .context("an empty batch")?;

    let center = src.canonical_address(&src_endpoint.message_center)?;
    let key = wasm_store_key(&center, &commitment_storage_key(&history, last));
    let proven = src.proven_value(&key, version)?;
    match &proven.value {
        None => bail!(
            "{src_network} stored no head for message {last} to {dst_network} at height {version}"
        ),
        Some(stored) if stored.as_slice() != head.as_slice() => bail!(
            "the messages {}..={last} of {src_network} do not chain to the head it stored for {last} ({} stored, {} computed): its events do not match its state",
            inbound.rx_seq + 1,
            hex::encode(stored),
            hex::encode(head)
        ),
        Some(_) => {}
    }

    if let Some(delay) = inbound.delay {
        let question = VerifierQuery::VerifyCommitment {
            height: target,
            center: src_endpoint.message_center.clone(),
            counterpart: Counterpart {
                network: dst_network.clone(),
                center: dst_endpoint.message_center.clone(),
            },
            sequence: last,
            head: Binary::new(head.to_vec()),
            proof: proven.proof.clone(),
        };
        if !ready_after_delay(dst, &dst_endpoint.verifier, &question, delay)? {
            return Ok(None);
        }
    }

    let updated_to = update.is_some().then_some(target);
    let mut transaction: Vec<CosmosMsg> = update.into_iter().collect();
    let sequences = messages.iter().map(|message| message.sequence).collect();
    transaction.push(execute(
        &dst_endpoint.message_center,
        &CenterMsg::HandleRelayMessage {
            src: src_network,
            proof_height: target,
            messages,
            proof: proven.proof,
            prior_head,
        },
    )?);
    Ok(Some(RelayPlan {
        sequences,
        updated_to,
        proof_height: target,
        messages: transaction,
    }))
}

fn head_bytes(bytes: &[u8], what: &str) -> Result<[u8; 32]> {
    <[u8; 32]>::try_from(bytes)
        .ok()
        .with_context(|| format!("{what} is {} bytes, not 32", bytes.len()))
}

/// Every request `chain`'s message center `center` holds pending (to
/// `network`, or to any network), in `nsn` order.
pub fn pending_requests<C: ChainBackend>(
    chain: &C,
    center: &str,
    network: Option<&NetworkAddress>,
) -> Result<Vec<PendingRequestResponse>> {
    const PAGE: u32 = 100;
    let mut all: Vec<PendingRequestResponse> = vec![];
    loop {
        let page: Vec<PendingRequestResponse> = chain
            .query(
                center,
                &CenterQuery::PendingRequests {
                    network: network.cloned(),
                    start_after: all.last().map(|request| request.nsn),
                    limit: Some(PAGE),
                },
            )
            .with_context(|| format!("reading the pending requests on {}", chain.network()))?;
        let done = page.len() < PAGE as usize;
        all.extend(page);
        if done {
            return Ok(all);
        }
    }
}

/// The requests with a timeout `chain`'s message center forwarded to `network`.
pub fn forwarded_requests<C: ChainBackend>(
    chain: &C,
    center: &str,
    network: &NetworkAddress,
) -> Result<Vec<ForwardedRequestResponse>> {
    const PAGE: u32 = 100;
    let mut all: Vec<ForwardedRequestResponse> = vec![];
    loop {
        let page: Vec<ForwardedRequestResponse> = chain
            .query(
                center,
                &CenterQuery::ForwardedRequests {
                    network: Some(network.clone()),
                    start_after: all
                        .last()
                        .map(|forwarded| (forwarded.source.clone(), forwarded.nsn)),
                    limit: Some(PAGE),
                },
            )
            .with_context(|| format!("reading the forwarded requests on {}", chain.network()))?;
        let done = page.len() < PAGE as usize;
        all.extend(page);
        if done {
            return Ok(all);
        }
    }
}

/// A pending request that can be resolved by timeout, and what the proof shows.
#[derive(Clone, Debug)]
pub struct TimedOutRequest {
    /// The request, as the source's message center lists it (a forwarded
    /// one in the same shape, without a handler).
    pub request: PendingRequestResponse,
    /// For a request the source's message center forwarded: the network it
    /// came from (it is answered `TIMED_OUT` there, not resolved here).
    pub forwarded_from: Option<NetworkAddress>,
    /// The destination's receive sequence in the request's history at the
    /// proof height: below the request's sequence.
    pub rx_seq: u64,
}

/// A timeout transaction, built but not sent.
#[derive(Clone, Debug)]
pub struct TimeoutPlan {
    /// The requests it resolves, in `nsn` order.
    pub requests: Vec<TimedOutRequest>,
    /// The destination header it updates the source's light client to (if it must).
    pub updated_to: Option<u64>,
    /// The destination height the proofs are checked at.
    pub proof_height: u64,
    /// That header's time: every resolved request timed out at or before it.
    pub proof_time: Timestamp,
    /// The transaction's messages: the client update (if any), then one
    /// `resolve_timeout` per request.
    pub messages: Vec<CosmosMsg>,
}

/// What one timeout step did.
#[derive(Clone, Debug)]
pub struct TimeoutReport {
    /// The requests resolved, in `nsn` order.
    pub requests: Vec<TimedOutRequest>,
    /// The destination header the source's light client was updated to (if it was).
    pub updated_to: Option<u64>,
    /// The destination height the proofs were checked at.
    pub proof_height: u64,
    /// That header's time.
    pub proof_time: Timestamp,
    /// The source transaction.
    pub submitted: Submitted,
}

/// Resolves, on `src`, at most `max_requests` requests that `src` sent to
/// `dst` and that timed out there undelivered (see [`plan_timeouts`]);
/// `None` when there are none.
pub fn resolve_timeouts_once<S: ChainBackend, D: ChainBackend>(
    src: &mut S,
    src_endpoint: &Endpoint,
    dst: &D,
    max_requests: usize,
) -> Result<Option<TimeoutReport>> {
    let Some(plan) = plan_timeouts(src, src_endpoint, dst, max_requests)? else {
        return Ok(None);
    };
    let submitted = src.submit(plan.messages)?;
    Ok(Some(TimeoutReport {
        requests: plan.requests,
        updated_to: plan.updated_to,
        proof_height: plan.proof_height,
        proof_time: plan.proof_time,
        submitted,
    }))
}

/// Builds the transaction, on `src`, that resolves at most `max_requests`
/// of the requests `src` sent to `dst` that `dst` can no longer execute:
/// those pending on `src` whose timeout is at or before the time of `dst`'s
/// latest header and whose sequence is above `dst`'s receive sequence (for
/// `src`'s history) in the state that header commits to. The light-client
/// update to that header comes first when `src` does not trust it yet, then
/// one `resolve_timeout` per request, all with the proof of that receive
/// sequence (of its absence while it is 0). `None` when no request is due.
///
/// Only `src`'s endpoint is needed: the destination message center of each
/// request is the one it was committed for, as `src` lists it (a request
/// sent before `dst`'s message center was redeployed is resolved with the
/// old one's receive sequence, which `dst` keeps).
pub fn plan_timeouts<S: ChainBackend, D: ChainBackend>(
    src: &S,
    src_endpoint: &Endpoint,
    dst: &D,
    max_requests: usize,
) -> Result<Option<TimeoutPlan>> {
    let (src_network, dst_network) = (src.network(), dst.network());
    let mut candidates: Vec<(PendingRequestResponse, Option<NetworkAddress>)> =
        pending_requests(src, &src_endpoint.message_center, Some(&dst_network))?
            .into_iter()
            .filter(|request| request.network == dst_network && request.timeout.is_some())
            .map(|request| (request, None))
            .collect();
    candidates.extend(
        forwarded_requests(src, &src_endpoint.message_center, &dst_network)?
            .into_iter()
            .filter(|forwarded| forwarded.network == dst_network)
            .map(|forwarded| {
                let request = PendingRequestResponse {
                    nsn: forwarded.nsn,
                    network: forwarded.network,
                    destination: None,
                    remote_message_center: forwarded.remote_message_center,
                    sequence: forwarded.sequence,
                    svc: forwarded.svc,
                    sn: forwarded.sn,
                    handler: String::new(),
                    timeout: Some(forwarded.timeout),
                };
                (request, Some(forwarded.source))
            }),
    );
    if candidates.is_empty() {
        return Ok(None);
    }
    let link: LinkResponse = src
        .query(
            &src_endpoint.message_center,
            &CenterQuery::Link {
                network: dst_network.clone(),
            },
        )
        .with_context(|| format!("reading the link to {dst_network} on {src_network}"))?;
    // With a delay period, proofs are checked at the header the light
    // client trusts, once it has trusted it for the delay (as in `plan_relay`).
    let (target, update) = match link.delay {
        None => proof_target(dst, src, &src_endpoint.verifier)?,
        Some(_) => (trusted_height(dst, src, &src_endpoint.verifier)?, None),
    };
    let proof_time = dst.header_time(target)?;
    let timed_out_by = |time: Timestamp| {
        move |(request, _): &(PendingRequestResponse, Option<NetworkAddress>)| {
            request.timeout.is_some_and(|timeout| timeout <= time)
        }
    };
    let due: Vec<(PendingRequestResponse, Option<NetworkAddress>)> = candidates
        .iter()
        .filter(|request| timed_out_by(proof_time)(request))
        .cloned()
        .collect();
    if due.is_empty() {
        if link.delay.is_some() {
            // A newer header would show a timeout: it starts its delay now.
            let latest = dst.latest_header_height()?;
            if candidates
                .iter()
                .any(timed_out_by(dst.header_time(latest)?))
            {
                return Ok(
                    update_alone(dst, &src_endpoint.verifier, target)?.map(|plan| TimeoutPlan {
                        requests: vec![],
                        updated_to: plan.updated_to,
                        proof_height: plan.proof_height,
                        proof_time,
                        messages: plan.messages,
                    }),
                );
            }
        }
        return Ok(None);
    }
    let version = target
        .checked_sub(1)
        .context("the destination chain has no committed state yet")?;

    // What the destination received from this message center, per
    // destination message center the requests were committed for (a
    // redeployed one keeps its own history, and its old receipts).
    let this_center = Counterpart {
        network: src_network.clone(),
        center: src_endpoint.message_center.clone(),
    };
    let mut receipts: Vec<(String, u64, Binary)> = vec![];
    let mut requests = vec![];
    let mut messages: Vec<CosmosMsg> = vec![];
    for (request, forwarded_from) in due {
        if requests.len() >= max_requests.max(1) {
            break;
        }
        let known = receipts
            .iter()
            .find(|(center, _, _)| center == &request.remote_message_center)
            .map(|(_, rx_seq, proof)| (*rx_seq, proof.clone()));
        let (rx_seq, proof) = match known {
            Some(known) => known,
            None => {
                let center = dst
                    .canonical_address(&request.remote_message_center)
                    .with_context(|| {
                        format!(
                            "request {} was sent to {}, not a message center address of {dst_network}",
                            request.nsn, request.remote_message_center
                        )
                    })?;
                let key = wasm_store_key(&center, &receipt_storage_key(&this_center));
                let proven = dst.proven_value(&key, version)?;
                let rx_seq = match &proven.value {
                    None => 0,
                    Some(value) => u64::from_be_bytes(
                        <[u8; 8]>::try_from(value.as_slice()).ok().with_context(|| {
                            format!(
                                "{dst_network}'s receive sequence from {src_network} is {} bytes, not 8",
                                value.len()
                            )
                        })?,
                    ),
                };
                receipts.push((
                    request.remote_message_center.clone(),
                    rx_seq,
                    proven.proof.clone(),
                ));
                (rx_seq, proven.proof)
            }
        };
        if request.sequence <= rx_seq {
            // Delivered: its reply (a timeout error reply, if it came late)
            // resolves it.
            continue;
        }
        if let Some(delay) = link.delay {
            let question = VerifierQuery::VerifyReceiveState {
                height: target,
                center: request.remote_message_center.clone(),
                counterpart: this_center.clone(),
                rx_seq,
                proof: proof.clone(),
            };
            if !ready_after_delay(src, &src_endpoint.verifier, &question, delay)? {
                return Ok(None);
            }
        }
        let resolve = match &forwarded_from {
            Some(source) => CenterMsg::ResolveForwardedTimeout {
                source: source.clone(),
                nsn: request.nsn,
                proof_height: target,
                rx_seq,
                proof,
            },
            None => CenterMsg::ResolveTimeout {
                nsn: request.nsn,
                proof_height: target,
                rx_seq,
                proof,
            },
        };
        messages.push(execute(&src_endpoint.message_center, &resolve)?);
        requests.push(TimedOutRequest {
            request,
            forwarded_from,
            rx_seq,
        });
    }
    if requests.is_empty() {
        return Ok(None);
    }
    let updated_to = update.is_some().then_some(target);
    let transaction = update.into_iter().chain(messages).collect();
    Ok(Some(TimeoutPlan {
        requests,
        updated_to,
        proof_height: target,
        proof_time,
        messages: transaction,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relayed_message_is_counted_as_the_json_the_message_center_gets() {
        let message = RelayedMessage {
            sequence: u64::MAX,
            message: Binary::new(vec![7u8; 301]),
            timeout: Some(Timestamp::from_nanos(u64::MAX)),
        };
        let json = serde_json::to_string(&message).unwrap();
        let estimate = relayed_message_bytes(301);
        assert!(estimate >= json.len(), "{estimate} < {}", json.len());
        assert!(estimate <= json.len() + 32, "{estimate} ≫ {}", json.len());
        // A transfer request is about 300 bytes: a batch is bounded by the
        // message center's 100 long before the transaction's size.
        assert!(MAX_BATCH_TX_BYTES / relayed_message_bytes(300) > MESSAGE_CENTER_MAX_BATCH);
    }
}
