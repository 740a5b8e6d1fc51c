//! `resolve_timeout`: a request the destination can no longer execute is
//! resolved at the source, without the destination's help.
//!
//! The destination never executes a message at or past its timeout. So a
//! proof that, at a height whose time is at or past the timeout, the
//! destination had received fewer messages of the history than the
//! request's sequence shows that the request will never be executed. The
//! sending handler is told once (code `TIMED_OUT`); the request is no longer
//! pending, so the destination's later (timeout) reply is ignored.

use btp_types::error_code::TIMED_OUT;
use btp_types::events::{message_center::RequestTimedOut, TypedEvent};
use btp_types::msg::service_handler::ServiceHandlerMsg;
use btp_types::msg::verifier::{VerifiedResponse, VerifierQuery};
use btp_types::NetworkAddress;
use cosmwasm_std::{to_json_binary, Binary, DepsMut, Env, Response, Timestamp};

use crate::delivery::{fail, handler_call, DeliveryContext, Retry};
use crate::error::ContractError;
use crate::relay::{ask_verifier, this_center};
use crate::state::{Config, CONFIG, FORWARDED_REQUESTS, LINKS, PENDING_REQUESTS};

/// A request sent (or forwarded) from here, as the proof must show it.
struct Undelivered<'a> {
    /// The history it was committed in.
    network: &'a NetworkAddress,
    remote_message_center: &'a str,
    sequence: u64,
    timeout: Timestamp,
}

/// Checks, through the link's verifier, that at a height whose time is at
/// or past the request's timeout, the next hop had received fewer messages
/// of the history than the request's sequence: it will never execute it.
fn prove_not_executed(
    deps: &DepsMut,
    env: &Env,
    config: &Config,
    request: &Undelivered,
    claim: NonReceipt,
) -> Result<VerifiedResponse, ContractError> {
    let NonReceipt {
        nsn,
        proof_height,
        rx_seq,
        proof,
    } = claim;
    if rx_seq >= request.sequence {
        return Err(ContractError::RequestReceived {
            nsn,
            sequence: request.sequence,
            rx_seq,
        });
    }
    // A closed link keeps its verifier for exactly this.
    let link = LINKS
        .may_load(deps.storage, request.network.as_str())?
        .ok_or_else(|| ContractError::NoLink {
            network: request.network.to_string(),
        })?;
    let verified = ask_verifier(
        deps,
        env,
        &link,
        proof_height,
        VerifierQuery::VerifyReceiveState {
            height: proof_height,
            center: request.remote_message_center.to_string(),
            counterpart: this_center(config, env),
            rx_seq,
            proof,
        },
    )?;
    if verified.timestamp < request.timeout {
        return Err(ContractError::NotTimedOut {
            nsn,
            timeout: request.timeout,
            proven: verified.timestamp,
        });
    }
    Ok(verified)
}

/// `resolve_forwarded_timeout`: a request forwarded from here that the next
/// hop can no longer execute is answered `TIMED_OUT` towards its source,
/// as this center would answer it had it arrived late.
pub fn resolve_forwarded_timeout(
    deps: DepsMut,
    env: &Env,
    source: NetworkAddress,
    claim: NonReceipt,
) -> Result<Response, ContractError> {
    let (nsn, proof_height, rx_seq) = (claim.nsn, claim.proof_height, claim.rx_seq);
    let key = (source.as_str(), nsn);
    let forwarded = FORWARDED_REQUESTS
        .may_load(deps.storage, key)?
        .ok_or_else(|| ContractError::NoForwardedRequest {
            from: source.clone(),
            nsn,
        })?;
    let config = CONFIG.load(deps.storage)?;
    let verified = prove_not_executed(
        &deps,
        env,
        &config,
        &Undelivered {
            network: &forwarded.network,
            remote_message_center: &forwarded.remote_message_center,
            sequence: forwarded.sequence,
            timeout: forwarded.timeout,
        },
        claim,
    )?;
    FORWARDED_REQUESTS.remove(deps.storage, key);
    let reason = format!(
        "timed out on the way: {} had received {rx_seq} messages, not message {}, at height {proof_height} (time {}, timeout {})",
        forwarded.network, forwarded.sequence, verified.timestamp, forwarded.timeout
    );
    let response = Response::new().add_attribute("action", "resolve_forwarded_timeout");
    fail(
        deps.storage,
        &config,
        &forwarded.arrival,
        TIMED_OUT,
        &reason,
        response,
    )
}

/// What a relayer proves about the destination.
pub struct NonReceipt {
    pub nsn: i64,
    pub proof_height: u64,
    pub rx_seq: u64,
    pub proof: Binary,
}

pub fn resolve_timeout(
    deps: DepsMut,
    env: &Env,
    claim: NonReceipt,
) -> Result<Response, ContractError> {
    let NonReceipt {
        nsn,
        proof_height,
        rx_seq,
        ..
    } = claim;
    let request = PENDING_REQUESTS
        .may_load(deps.storage, nsn)?
        .ok_or(ContractError::NoPendingRequest { nsn })?;
    let timeout = request.timeout.ok_or(ContractError::NoTimeout { nsn })?;
    let config = CONFIG.load(deps.storage)?;
    let verified = prove_not_executed(
        &deps,
        env,
        &config,
        &Undelivered {
            network: &request.network,
            remote_message_center: &request.remote_message_center,
            sequence: request.sequence,
            timeout,
        },
        claim,
    )?;
    PENDING_REQUESTS.remove(deps.storage, nsn);

    // Told as a reply (negative sn), so that a failing handler is recorded
    // in an event and never answered with a message of its own.
    let reply_sn = request
        .sn
        .checked_neg()
        .ok_or(ContractError::Overflow { what: "sn" })?;
    let call = to_json_binary(&ServiceHandlerMsg::HandleBtpReply {
        src: request.destination().clone(),
        svc: request.svc.clone(),
        sn: request.sn,
        code: TIMED_OUT,
        message: format!(
            "timed out: {} had received {rx_seq} messages, not message {}, at height {proof_height} (time {}, timeout {timeout})",
            request.network, request.sequence, verified.timestamp
        ),
    })?;
    let context = DeliveryContext {
        src: request.destination().clone(),
        sequence: request.sequence,
        svc: request.svc.clone(),
        sn: reply_sn,
        nsn: nsn
            .checked_neg()
            .ok_or(ContractError::Overflow { what: "nsn" })?,
        reply_fee: None,
        retry: Some(Retry {
            nsn,
            handler: request.handler.clone(),
            call: call.clone(),
        }),
    };
    let submessage = handler_call(&request.handler, &call, &config, &context)?;
    Ok(Response::new()
        .add_attribute("action", "resolve_timeout")
        .add_submessage(submessage)
        .add_event(
            RequestTimedOut {
                nsn,
                network: request.network.to_string(),
                sequence: request.sequence,
                svc: request.svc,
                sn: request.sn,
                handler: request.handler.to_string(),
                proof_height,
            }
            .to_event(),
        ))
}
