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
use btp_types::msg::verifier::VerifierQuery;
use cosmwasm_std::{to_json_binary, Binary, DepsMut, Env, Response};

use crate::delivery::{handler_call, DeliveryContext, Retry};
use crate::error::ContractError;
use crate::relay::{ask_verifier, this_center};
use crate::state::{CONFIG, LINKS, PENDING_REQUESTS};

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
        proof,
    } = claim;
    let request = PENDING_REQUESTS
        .may_load(deps.storage, nsn)?
        .ok_or(ContractError::NoPendingRequest { nsn })?;
    let timeout = request.timeout.ok_or(ContractError::NoTimeout { nsn })?;
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
    let config = CONFIG.load(deps.storage)?;
    let verified = ask_verifier(
        &deps,
        env,
        &link,
        proof_height,
        VerifierQuery::VerifyReceiveState {
            height: proof_height,
            center: request.remote_message_center.clone(),
            counterpart: this_center(&config, env),
            rx_seq,
            proof,
        },
    )?;
    if verified.timestamp < timeout {
        return Err(ContractError::NotTimedOut {
            nsn,
            timeout,
            proven: verified.timestamp,
        });
    }
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
