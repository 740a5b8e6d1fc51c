//! Handing a proven message to its handler, and turning the outcome into a
//! reply: requests always get exactly one reply (success, refusal or error),
//! one-way messages and replies that fail are recorded in an event and dropped.

use btp_types::error_code::{NO_SERVICE_HANDLER, SERVICE_HANDLER_FAILED, SUCCESS, UNKNOWN};
use btp_types::events::message_center::{
    BatchFailed, DeliveryFailed, MessageDelivered, ReplyIgnored, ReplyKept,
};
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::MESSAGE_CENTER_SERVICE;
use btp_types::msg::service_handler::{
    BatchAnswers, IncomingMessage, IncomingReply, ServiceHandlerMsg,
};
use btp_types::msg::verifier::Counterpart;
use btp_types::{BtpMessage, CodecError, ErrorMessage, FeeInfo, MessageKind, NetworkAddress};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, DepsMut, Event, Reply, Response, Storage, SubMsg,
    SubMsgResponse, SubMsgResult, Uint128, WasmMsg,
};

use crate::commit::{commit_message, Commits, Committed};
use crate::error::ContractError;
use crate::relay::remaining_fee;
use crate::reward::handle_message_center_message;
use crate::state::{
    Config, KeptOutcome, BATCHED_SERVICES, CONFIG, KEPT_OUTCOMES, LEGACY_NSN, PENDING_REQUESTS,
    SERVICES,
};

/// Reply id of every delivery; the context travels in the submessage payload.
pub const DELIVERY_REPLY_ID: u64 = 1;
/// Reply id of every batch call; the context travels in the payload.
pub const DELIVERY_BATCH_REPLY_ID: u64 = 3;

/// What the reply to a delivery needs to know about the message, carried in
/// the submessage's payload instead of storage (no write, no cleanup).
#[cw_serde]
pub struct DeliveryContext {
    pub src: NetworkAddress,
    pub sequence: u64,
    pub svc: String,
    pub sn: i64,
    pub nsn: i64,
    /// For requests: the fee left for the reply's way back.
    pub reply_fee: Option<(NetworkAddress, Vec<Uint128>)>,
    /// For replies and timeouts: what to keep for a retry if the handler fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<Retry>,
}

/// A handler call that resolves request `nsn`, kept if it fails.
#[cw_serde]
pub struct Retry {
    pub nsn: i64,
    pub handler: Addr,
    pub call: Binary,
}

impl DeliveryContext {
    pub fn of(sequence: u64, message: &BtpMessage) -> Self {
        Self {
            src: message.src.clone(),
            sequence,
            svc: message.svc.clone(),
            sn: message.sn,
            nsn: message.nsn,
            reply_fee: remaining_fee(message),
            retry: None,
        }
    }

    /// The fee values left after the hop the message arrived by, as the
    /// next message on its way carries them (a forward, or the reply);
    /// none when no value is left.
    pub fn fee_left(&self) -> Option<FeeInfo> {
        self.reply_fee
            .as_ref()
            .filter(|(_, values)| !values.is_empty())
            .map(|(network, values)| FeeInfo {
                network: network.clone(),
                values: values.clone(),
            })
    }

    /// The event that records a proven message that could not be handled.
    pub fn failure(&self, code: u32, reason: &str) -> DeliveryFailed {
        DeliveryFailed {
            network: self.src.to_string(),
            sequence: self.sequence,
            svc: Some(self.svc.clone()),
            sn: Some(self.sn),
            code,
            reason: reason.to_string(),
            error_reply_sequence: None,
        }
    }
}

/// A handler call a proven message needs, made once every message of the
/// relay is read ([`add_handler_calls`]: consecutive calls of one handler
/// go as one batch).
pub struct HandlerCall {
    pub handler: Addr,
    /// The single call (`handle_btp_message` or `handle_btp_reply`).
    pub call: ServiceHandlerMsg,
    pub context: DeliveryContext,
}

/// Hands one proven message to its handler (or answers it directly): what
/// that takes is added to `response`, and the handler call, if one is
/// needed, returned. `via` is the history it came in.
pub fn dispatch(
    deps: &mut DepsMut,
    config: &Config,
    via: &Counterpart,
    sequence: u64,
    message: BtpMessage,
    response: Response,
) -> Result<(Response, Option<HandlerCall>), ContractError> {
    let context = DeliveryContext::of(sequence, &message);
    if message.svc == MESSAGE_CENTER_SERVICE {
        let response = handle_message_center_message(
            deps,
            config,
            &via.network,
            &context,
            &message,
            response,
        )?;
        return Ok((response, None));
    }
    let storage = &mut *deps.storage;
    let kind = message.kind();
    // For a reply, the request it resolves: its outcome is kept if the handler fails.
    let (handler, call, resolves) = match kind {
        MessageKind::Request | MessageKind::OneWay => {
            let Some(handler) = SERVICES.may_load(storage, &message.svc)? else {
                let reason = format!("no handler is registered for service {:?}", message.svc);
                let response = fail(
                    storage,
                    config,
                    &context,
                    NO_SERVICE_HANDLER,
                    &reason,
                    response,
                )?;
                return Ok((response, None));
            };
            let call = ServiceHandlerMsg::HandleBtpMessage {
                src: message.src,
                svc: message.svc,
                sn: message.sn,
                payload: message.payload,
            };
            (handler, call, None)
        }
        MessageKind::Reply => {
            let (Some(sn), Some(nsn), Some(outcome)) = (
                message.sn.checked_neg(),
                message.nsn.checked_neg(),
                reply_outcome(&message.payload),
            ) else {
                let reason = "the reply's sn, nsn or payload is malformed";
                let response = fail(storage, config, &context, UNKNOWN, reason, response)?;
                return Ok((response, None));
            };
            let handler = match resolve_request(storage, &context, via, nsn, sn)? {
                Ok(handler) => handler,
                Err(reason) => {
                    let response = response.add_event(
                        ReplyIgnored {
                            network: context.src.to_string(),
                            sequence,
                            nsn,
                            reason: reason.to_string(),
                        }
                        .to_event(),
                    );
                    return Ok((response, None));
                }
            };
            let call = ServiceHandlerMsg::HandleBtpReply {
                src: message.src,
                svc: message.svc,
                sn,
                code: outcome.code,
                message: outcome.message,
            };
            (handler, call, Some(nsn))
        }
    };
    let mut context = context;
    if let Some(nsn) = resolves {
        context.retry = Some(Retry {
            nsn,
            handler: handler.clone(),
            call: to_json_binary(&call)?,
        });
    }
    let response = response.add_event(
        MessageDelivered {
            network: context.src.to_string(),
            sequence,
            svc: context.svc.clone(),
            sn: context.sn,
            handler: handler.to_string(),
        }
        .to_event(),
    );
    Ok((
        response,
        Some(HandlerCall {
            handler,
            call,
            context,
        }),
    ))
}

/// Adds the handler calls of a relay to `response`, in order: each run of
/// consecutive calls to one handler that takes batches (for one service,
/// from one network, all messages or all replies) as one batch call, any
/// other call alone.
pub fn add_handler_calls(
    storage: &dyn Storage,
    config: &Config,
    calls: Vec<HandlerCall>,
    mut response: Response,
) -> Result<Response, ContractError> {
    let mut run: Vec<HandlerCall> = vec![];
    for call in calls {
        if run.first().is_some_and(|first| !same_batch(first, &call)) {
            response = add_run(storage, config, std::mem::take(&mut run), response)?;
        }
        run.push(call);
    }
    add_run(storage, config, run, response)
}

fn same_batch(a: &HandlerCall, b: &HandlerCall) -> bool {
    a.handler == b.handler
        && a.context.svc == b.context.svc
        && a.context.src == b.context.src
        && (a.context.sn < 0) == (b.context.sn < 0)
}

/// One run of [`add_handler_calls`]: a batch when there are two calls or
/// more and the handler registered for the service is this one and takes
/// batches.
fn add_run(
    storage: &dyn Storage,
    config: &Config,
    run: Vec<HandlerCall>,
    response: Response,
) -> Result<Response, ContractError> {
    let takes_batches = |first: &HandlerCall| -> Result<bool, ContractError> {
        Ok(BATCHED_SERVICES.has(storage, &first.context.svc)
            && SERVICES.may_load(storage, &first.context.svc)?.as_ref() == Some(&first.handler))
    };
    match run.first() {
        Some(first) if run.len() >= 2 && takes_batches(first)? => {
            Ok(response.add_submessage(batch_call(config, run)?))
        }
        _ => run.into_iter().try_fold(response, |response, single| {
            let call = to_json_binary(&single.call)?;
            Ok(response.add_submessage(handler_call(
                &single.handler,
                &call,
                config,
                &single.context,
            )?))
        }),
    }
}

/// What the reply to a batch call needs: per message its context and its
/// single call (for delivering it alone if the batch fails).
#[cw_serde]
pub struct BatchContext {
    pub handler: Addr,
    pub items: Vec<BatchItem>,
}

#[cw_serde]
pub struct BatchItem {
    pub context: DeliveryContext,
    pub call: Binary,
}

/// One call of `handle_btp_messages` (or `handle_btp_replies`) for a run of
/// at least two calls, with a gas limit of the run's deliveries together.
fn batch_call(config: &Config, run: Vec<HandlerCall>) -> Result<SubMsg, ContractError> {
    let count = u64::try_from(run.len()).map_err(|_| ContractError::Overflow { what: "batch" })?;
    let mut handler = None;
    let mut head = None;
    let mut messages = vec![];
    let mut replies = vec![];
    let mut items = Vec::with_capacity(run.len());
    let mut any_request = false;
    for single in run {
        let call = to_json_binary(&single.call)?;
        match single.call {
            ServiceHandlerMsg::HandleBtpMessage {
                src,
                svc,
                sn,
                payload,
            } => {
                any_request |= sn > 0;
                head.get_or_insert((src, svc));
                messages.push(IncomingMessage { sn, payload });
            }
            ServiceHandlerMsg::HandleBtpReply {
                src,
                svc,
                sn,
                code,
                message,
            } => {
                head.get_or_insert((src, svc));
                replies.push(IncomingReply { sn, code, message });
            }
            // Batches are made here, of single calls only.
            ServiceHandlerMsg::HandleBtpMessages { .. }
            | ServiceHandlerMsg::HandleBtpReplies { .. } => {}
        }
        handler.get_or_insert(single.handler);
        items.push(BatchItem {
            context: single.context,
            call,
        });
    }
    let (Some(handler), Some((src, svc))) = (handler, head) else {
        return Err(ContractError::Overflow { what: "batch" });
    };
    let batch = if replies.is_empty() {
        ServiceHandlerMsg::HandleBtpMessages { src, svc, messages }
    } else {
        ServiceHandlerMsg::HandleBtpReplies { src, svc, replies }
    };
    let execute = WasmMsg::Execute {
        contract_addr: handler.to_string(),
        msg: to_json_binary(&batch)?,
        funds: vec![],
    };
    // A failed batch is always heard of (its messages go again one by one);
    // a successful one only when requests wait for their answers.
    let submessage = if any_request {
        SubMsg::reply_always(execute, DELIVERY_BATCH_REPLY_ID)
    } else {
        SubMsg::reply_on_error(execute, DELIVERY_BATCH_REPLY_ID)
    };
    Ok(submessage
        .with_gas_limit(config.delivery_gas_limit.saturating_mul(count))
        .with_payload(to_json_binary(&BatchContext { handler, items })?))
}

/// The call of a handler for one delivery. The gas limit turns a handler
/// that exhausts its gas into a failed submessage (answered in
/// [`handle_delivery_reply`]) instead of a failed relay.
pub fn handler_call(
    handler: &Addr,
    call: &Binary,
    config: &Config,
    context: &DeliveryContext,
) -> Result<SubMsg, ContractError> {
    let execute = WasmMsg::Execute {
        contract_addr: handler.to_string(),
        msg: call.clone(),
        funds: vec![],
    };
    Ok(match MessageKind::of_sn(context.sn) {
        MessageKind::Request => SubMsg::reply_always(execute, DELIVERY_REPLY_ID),
        MessageKind::OneWay | MessageKind::Reply => {
            SubMsg::reply_on_error(execute, DELIVERY_REPLY_ID)
        }
    }
    .with_gas_limit(config.delivery_gas_limit)
    .with_payload(to_json_binary(context)?))
}

/// The handler a reply goes to: the one that sent its request, which is
/// resolved here once and for all. `Err` says why the reply is ignored.
fn resolve_request(
    storage: &mut dyn Storage,
    context: &DeliveryContext,
    via: &Counterpart,
    nsn: i64,
    sn: i64,
) -> Result<Result<Addr, String>, ContractError> {
    match PENDING_REQUESTS.may_load(storage, nsn)? {
        Some(request)
            if request.destination() == &context.src
                && request.network == via.network
                && request.remote_message_center == via.center
                && request.svc == context.svc
                && request.sn == sn =>
        {
            PENDING_REQUESTS.remove(storage, nsn);
            Ok(Ok(request.handler))
        }
        Some(_) => Ok(Err(format!(
            "request {nsn} was sent to another network, center, service or sn, or over another hop"
        ))),
        // Only a migrated center has requests it did not keep, and only
        // positive `nsn`s were ever given: a reply naming 0 or less, or any
        // `nsn` on a center that was never migrated, resolves nothing.
        None if nsn > 0
            && LEGACY_NSN
                .may_load(storage)?
                .is_some_and(|legacy| nsn <= legacy) =>
        {
            // Sent before the migration, when requests were not kept: the
            // reply's exactly-once delivery is the history's.
            match SERVICES.may_load(storage, &context.svc)? {
                Some(handler) => Ok(Ok(handler)),
                None => Ok(Err(format!(
                    "no handler is registered for service {:?}",
                    context.svc
                ))),
            }
        }
        None => Ok(Err(format!(
            "request {nsn} is resolved already (timed out) or was never sent from here"
        ))),
    }
}

/// A message that cannot be handled: requests are answered with an error
/// reply on the reverse link, the rest is recorded and dropped.
pub fn fail(
    storage: &mut dyn Storage,
    config: &Config,
    context: &DeliveryContext,
    code: u32,
    reason: &str,
    response: Response,
) -> Result<Response, ContractError> {
    let mut failure = context.failure(code, reason);
    let mut response = response;
    if context.sn > 0 {
        let committed = commit_reply(storage, config, context, code, reason)?;
        failure.error_reply_sequence = Some(committed.sequence);
        response = response.add_event(committed.event);
    }
    Ok(response.add_event(failure.to_event()))
}

/// A proven message that is a valid ICON message but that this chain cannot
/// represent ([`CodecError::OutOfRange`]: an `sn` or `nsn` beyond `i64`, a
/// fee beyond `u128` or negative). It is received (its sequence counts, so
/// the link is not blocked) and recorded in a `btp_delivery_failed` event,
/// but not answered: a reply would have to carry the same `sn`, `nsn` and
/// fees. For `handle_relay_message` to call instead of failing the relay.
pub fn refuse_unrepresentable(
    src: &NetworkAddress,
    sequence: u64,
    error: &CodecError,
    response: Response,
) -> Response {
    response.add_event(
        DeliveryFailed {
            network: src.to_string(),
            sequence,
            svc: None,
            sn: None,
            code: UNKNOWN,
            reason: format!("a message this chain cannot represent: {error}"),
            error_reply_sequence: None,
        }
        .to_event(),
    )
}

/// Commits the reply `[code, message]` to the request in `context`.
fn commit_reply(
    storage: &mut dyn Storage,
    config: &Config,
    context: &DeliveryContext,
    code: u32,
    message: &str,
) -> Result<Committed, ContractError> {
    commit_message(storage, &reply_to(config, context, code, message)?, None)
}

/// The reply `[code, message]` to the request in `context`.
fn reply_to(
    config: &Config,
    context: &DeliveryContext,
    code: u32,
    message: &str,
) -> Result<BtpMessage, ContractError> {
    // A request's sn and nsn are positive, so their negations exist.
    let sn = context
        .sn
        .checked_neg()
        .ok_or(ContractError::Overflow { what: "sn" })?;
    let nsn = context
        .nsn
        .checked_neg()
        .ok_or(ContractError::Overflow { what: "nsn" })?;
    let fee_info = context.fee_left();
    let reply = BtpMessage {
        src: config.network.clone(),
        dst: context.src.clone(),
        svc: context.svc.clone(),
        sn,
        payload: Binary::new(
            ErrorMessage {
                code,
                message: message.to_string(),
            }
            .encode(),
        ),
        nsn,
        fee_info,
    };
    Ok(reply)
}

/// The `[code, message]` of a reply. A well-formed code this chain cannot
/// hold (beyond `u32`, or negative: ICON's codes are `long`/`uint256`) is
/// still a failure, handed on as [`UNKNOWN`] with the original code in the
/// message, so that the request is resolved instead of waiting forever.
/// `None` when the payload is malformed.
fn reply_outcome(payload: &[u8]) -> Option<ErrorMessage> {
    match ErrorMessage::decode(payload) {
        Ok(outcome) => Some(outcome),
        Err(err @ CodecError::OutOfRange { .. }) => Some(ErrorMessage {
            code: UNKNOWN,
            message: err.to_string(),
        }),
        Err(_) => None,
    }
}

/// The handler's answer to a request, as the reply to commit: no data is
/// success; data must be an encoded `[code, message]`.
fn outcome_of(data: Option<Binary>) -> ErrorMessage {
    match data.filter(|data| !data.is_empty()) {
        None => ErrorMessage {
            code: SUCCESS,
            message: String::new(),
        },
        Some(data) => ErrorMessage::decode(&data).unwrap_or_else(|err| ErrorMessage {
            code: SERVICE_HANDLER_FAILED,
            message: format!("the handler answered with data that is not [code, message]: {err}"),
        }),
    }
}

/// Why the handler failed, for the error reply. wasmd shows a contract only
/// the code of a submessage's error (`codespace: sdk, code: 11` when it ran
/// out of its gas limit): the sender should not have to look codes up.
fn handler_failure(error: &str, gas_limit: u64) -> String {
    let out_of_gas = error.match_indices(OUT_OF_GAS).any(|(at, _)| {
        !error
            .get(at.saturating_add(OUT_OF_GAS.len())..)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    });
    if out_of_gas {
        format!("service handler ran out of gas: it is given {gas_limit} per delivery ({error})")
    } else {
        format!("service handler failed: {error}")
    }
}

/// The Cosmos SDK's `ErrOutOfGas`, as wasmd reports it to a contract.
const OUT_OF_GAS: &str = "codespace: sdk, code: 11";

/// Keeps a reply or timeout its handler failed to take: anyone may retry it
/// (`retry_reply`), and it is removed only by a retry that succeeds.
fn keep_for_retry(
    storage: &mut dyn Storage,
    context: &DeliveryContext,
    retry: &Retry,
    reason: &str,
) -> Result<Event, ContractError> {
    KEPT_OUTCOMES.save(
        storage,
        retry.nsn,
        &KeptOutcome {
            network: context.src.clone(),
            sequence: context.sequence,
            handler: retry.handler.clone(),
            call: retry.call.clone(),
            reason: reason.to_string(),
        },
    )?;
    Ok(ReplyKept {
        nsn: retry.nsn,
        network: context.src.to_string(),
        sequence: context.sequence,
        handler: retry.handler.to_string(),
        reason: reason.to_string(),
    }
    .to_event())
}

/// The reply entry point's work: the handler has run (or failed).
pub fn handle_delivery_reply(
    storage: &mut dyn Storage,
    reply: Reply,
) -> Result<Response, ContractError> {
    if reply.payload.is_empty() {
        return Err(ContractError::MissingDeliveryContext { id: reply.id });
    }
    let context: DeliveryContext = from_json(&reply.payload)?;
    let config = CONFIG.load(storage)?;
    let response = Response::new().add_attribute("action", "delivery_outcome");
    match reply.result {
        // Only requests ask for a reply on success; anything else has nothing to answer.
        SubMsgResult::Ok(_) if context.sn <= 0 => Ok(response),
        SubMsgResult::Ok(answer) => {
            let outcome = outcome_of(handler_data(answer));
            let committed =
                commit_reply(storage, &config, &context, outcome.code, &outcome.message)?;
            Ok(response
                .add_attribute("reply_sequence", committed.sequence.to_string())
                .add_attribute("code", outcome.code.to_string())
                .add_event(committed.event))
        }
        SubMsgResult::Err(error) => {
            let reason = handler_failure(&error, config.delivery_gas_limit);
            let response = match &context.retry {
                Some(retry) => {
                    response.add_event(keep_for_retry(storage, &context, retry, &reason)?)
                }
                None => response,
            };
            fail(
                storage,
                &config,
                &context,
                SERVICE_HANDLER_FAILED,
                &reason,
                response,
            )
        }
    }
}

/// The data a handler answered with. A contract call's result is the
/// protobuf `MsgExecuteContractResponse` wrapping the handler's data, in
/// `msg_responses` (and, until CosmWasm 3, in the deprecated `data`).
fn handler_data(answer: SubMsgResponse) -> Option<Binary> {
    #[allow(deprecated)]
    let wrapped = answer
        .msg_responses
        .first()
        .map(|first| first.value.clone())
        .or(answer.data)?;
    match cw_utils::parse_execute_response_data(&wrapped) {
        Ok(parsed) => parsed.data,
        Err(err) => Some(Binary::new(
            format!("unreadable answer: {err}").into_bytes(),
        )),
    }
}

/// The reply entry point's work for a batch call: requests are answered
/// from the handler's answers; a batch that failed changed nothing, and its
/// messages are delivered again one by one, so that a message that makes
/// its handler fail fails no other.
pub fn handle_batch_reply(
    storage: &mut dyn Storage,
    reply: Reply,
) -> Result<Response, ContractError> {
    if reply.payload.is_empty() {
        return Err(ContractError::MissingDeliveryContext { id: reply.id });
    }
    let batch: BatchContext = from_json(&reply.payload)?;
    let config = CONFIG.load(storage)?;
    let mut response = Response::new().add_attribute("action", "batch_outcome");
    match reply.result {
        SubMsgResult::Ok(answer) => {
            let answers = handler_data(answer)
                .and_then(|data| from_json::<BatchAnswers>(&data).ok())
                .filter(|answers| answers.len() == batch.items.len());
            let mut commits = None;
            for (index, item) in batch.items.iter().enumerate() {
                if item.context.sn <= 0 {
                    continue;
                }
                let outcome = match &answers {
                    Some(answers) => outcome_of(answers.get(index).cloned().flatten()),
                    None => ErrorMessage {
                        code: SERVICE_HANDLER_FAILED,
                        message: "the handler's answer to a batch is not one answer per message"
                            .to_string(),
                    },
                };
                let reply = reply_to(&config, &item.context, outcome.code, &outcome.message)?;
                let commits = match &mut commits {
                    Some(commits) => commits,
                    None => commits.insert(Commits::to(storage, &reply.dst)?),
                };
                let committed = commits.commit(storage, &reply, None)?;
                response = response.add_event(committed.event);
            }
            if let Some(commits) = commits {
                commits.finish(storage)?;
            }
            Ok(response)
        }
        SubMsgResult::Err(error) => {
            let count = batch.items.len();
            let limit = config
                .delivery_gas_limit
                .saturating_mul(u64::try_from(count).unwrap_or(u64::MAX));
            let event = BatchFailed {
                handler: batch.handler.to_string(),
                count: u64::try_from(count).unwrap_or(u64::MAX),
                reason: handler_failure(&error, limit),
            }
            .to_event();
            for item in batch.items {
                response = response.add_submessage(handler_call(
                    &batch.handler,
                    &item.call,
                    &config,
                    &item.context,
                )?);
            }
            Ok(response.add_event(event))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unrepresentable_message_is_recorded_not_answered() {
        let error = CodecError::OutOfRange {
            field: "sn",
            value: "9223372036854775808".into(),
            target: "i64",
        };
        let src = NetworkAddress::parse("0x1.icon").unwrap();
        let response = refuse_unrepresentable(&src, 7, &error, Response::new());
        assert!(response.messages.is_empty());
        let failed = DeliveryFailed::from_event(&response.events[0]).expect("a delivery failure");
        assert_eq!(failed.sn, None);
        assert!(failed.reason.contains("sn 9223372036854775808 is outside"));
    }

    #[test]
    fn reply_codes_beyond_u32_are_failures_and_garbage_is_refused() {
        let big = btp_types::rlp::ListEncoder::new()
            .push(&(1u64 << 40))
            .push("x")
            .finish();
        let outcome = reply_outcome(&big).unwrap();
        assert_eq!(outcome.code, UNKNOWN);
        assert!(outcome.message.contains("1099511627776"));
        assert_eq!(
            reply_outcome(&[0xc3, 0x01, 0xf8, 0x00]).unwrap().message,
            ""
        );
        assert!(reply_outcome(&[0xc3, 0x82, 0x00, 0x01]).is_none());
    }

    #[test]
    fn running_out_of_gas_is_named_in_the_reply() {
        assert_eq!(
            handler_failure("codespace: sdk, code: 11", 20_000),
            "service handler ran out of gas: it is given 20000 per delivery (codespace: sdk, code: 11)"
        );
        assert_eq!(
            handler_failure("codespace: wasm, code: 5", 20_000),
            "service handler failed: codespace: wasm, code: 5"
        );
        // Code 110 is not code 11.
        assert!(
            handler_failure("codespace: sdk, code: 110", 1).starts_with("service handler failed")
        );
    }
}
