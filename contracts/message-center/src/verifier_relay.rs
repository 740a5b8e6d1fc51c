//! `handle_verifier_relay`: messages from a chain whose verifier proves the
//! messages themselves (ICON's BTP blocks carry them under a root the
//! validators sign), rather than a chain head its message center stored.
//!
//! The relay message goes to the link's verifier as a submessage (the
//! verifier keeps its place in the remote message stream, so it is an
//! execution, not a query); its answer, the messages it proved, comes back
//! in the reply and is delivered as the next sequences of the history. The
//! verifier answers each message once, in order: it is the verifier's state,
//! not a sequence the relayer gives, that rules out replays and gaps. A
//! failure anywhere (the verifier's refusal, a message claiming a source
//! its link does not speak for) fails the whole transaction, the verifier's
//! update included.

use btp_types::msg::message_center::RelayedMessage;
use btp_types::msg::verifier::{VerifiedMessages, VerifierExecuteMsg};
use btp_types::NetworkAddress;
use contract_kit::pause::ensure_running;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, DepsMut, Env, MessageInfo, Reply, Response, SubMsg,
    WasmMsg,
};
use cw_storage_plus::Item;

use crate::commit::load_history;
use crate::error::ContractError;
use crate::relay::{
    deliver_proven, ensure_relayer, load_open_link, save_received, Arrival, MAX_BATCH,
};
use crate::state::CONFIG;

/// The reply of the verifier's execution.
pub const VERIFIER_RELAY_REPLY_ID: u64 = 2;

/// The relay in progress between the call to the verifier and its reply
/// (removed in the reply, within the same transaction).
#[cw_serde]
struct RelayInProgress {
    src: NetworkAddress,
    relayer: Addr,
}

const RELAY_IN_PROGRESS: Item<RelayInProgress> = Item::new("verifier_relay");

pub fn handle_verifier_relay(
    deps: DepsMut,
    info: &MessageInfo,
    src: NetworkAddress,
    relay_message: Binary,
) -> Result<Response, ContractError> {
    ensure_running(deps.storage, "receiving")?;
    let link = load_open_link(deps.storage, &src)?;
    ensure_relayer(&link, &info.sender, &src)?;
    // A verifier of messages reports no moment it came to trust them, so a
    // delay period cannot be kept: refused, as a query answer without one is.
    if link.delay.is_some() {
        return Err(ContractError::DelayWithMessageVerifier { network: src });
    }
    RELAY_IN_PROGRESS.save(
        deps.storage,
        &RelayInProgress {
            src: src.clone(),
            relayer: info.sender.clone(),
        },
    )?;
    let verify = WasmMsg::Execute {
        contract_addr: link.verifier.to_string(),
        msg: to_json_binary(&VerifierExecuteMsg::VerifyRelayMessage {
            source: link.counterpart(&src),
            relay_message,
        })?,
        funds: vec![],
    };
    Ok(Response::new()
        .add_attribute("action", "handle_verifier_relay")
        .add_attribute("network", src.as_str())
        .add_submessage(SubMsg::reply_on_success(verify, VERIFIER_RELAY_REPLY_ID)))
}

/// The verifier proved `messages`: they are the history's next sequences.
pub fn handle_verified_messages(
    mut deps: DepsMut,
    env: &Env,
    reply: Reply,
) -> Result<Response, ContractError> {
    let RelayInProgress { src, relayer } = RELAY_IN_PROGRESS
        .may_load(deps.storage)?
        .ok_or(ContractError::MissingDeliveryContext { id: reply.id })?;
    RELAY_IN_PROGRESS.remove(deps.storage);
    let verified: VerifiedMessages = from_json(verifier_answer(reply)?)?;
    if verified.messages.len() > MAX_BATCH {
        return Err(ContractError::BatchSize {
            count: verified.messages.len(),
            max: MAX_BATCH,
        });
    }
    let config = CONFIG.load(deps.storage)?;
    let link = load_open_link(deps.storage, &src)?;
    let counterpart = link.counterpart(&src);
    let mut history = load_history(deps.storage, &counterpart)?;
    let mut messages = Vec::with_capacity(verified.messages.len());
    for message in verified.messages {
        history.rx_seq = history
            .rx_seq
            .checked_add(1)
            .ok_or(ContractError::Overflow { what: "rx_seq" })?;
        messages.push(RelayedMessage {
            sequence: history.rx_seq,
            message,
            timeout: None,
        });
    }
    // No chain head proves these messages: a later verifier of chain heads
    // on this history must be given (and prove) the head to chain onto.
    history.rx_head = None;
    save_received(deps.storage, &counterpart, &history)?;
    let response = Response::new()
        .add_attribute("action", "verified_messages")
        .add_attribute("network", src.as_str())
        .add_attribute("verified_height", verified.height.to_string())
        .add_attribute("count", messages.len().to_string())
        .add_attribute("rx_seq", history.rx_seq.to_string());
    deliver_proven(
        &mut deps,
        env,
        &Arrival {
            config: &config,
            relayer: &relayer,
            src: &src,
            remote_center: &counterpart.center,
        },
        messages,
        response,
    )
}

/// The data the verifier's execution answered (`MsgExecuteContractResponse`).
fn verifier_answer(reply: Reply) -> Result<Binary, ContractError> {
    let response = reply
        .result
        .into_result()
        .map_err(|reason| ContractError::ProofRejected { height: 0, reason })?;
    #[allow(deprecated)] // `data` is still filled by wasmd and cw-multi-test.
    let raw = response
        .msg_responses
        .first()
        .map(|message| message.value.clone())
        .or(response.data)
        .ok_or(ContractError::VerifierAnsweredNothing)?;
    cw_utils::parse_execute_response_data(&raw)
        .ok()
        .and_then(|parsed| parsed.data)
        .ok_or(ContractError::VerifierAnsweredNothing)
}
