//! The plumbing of a BTP service handler, written once: what the token
//! handler and the `kv` sample each wrote by hand.
//!
//! A service handler (BTP's BSH) is a contract registered with its message
//! center under a service name (`svc`). It sends with the message center's
//! `send_message` and is called back by the message center alone, with
//! `handle_btp_message` (a request or one-way message from another chain) and
//! `handle_btp_reply` (the outcome of a request it sent: the other chain's
//! answer, an error on the way, or a timeout). [`Service`] keeps what every
//! handler keeps (the message center, the last serial number, the requests
//! waiting for their outcome) and does what every handler does:
//!
//! * [`Service::accept_message`]: only the message center delivers, and only
//!   for this service;
//! * [`Service::send_request`] / [`Service::send_one_way`]: the next `sn`, the
//!   `send_message` call with the caller's funds as the fee
//!   ([`Service::fee_quote`] says how much), the request kept as pending;
//! * [`Service::take_reply`]: a reply or timeout matched to its pending
//!   request exactly once, from the network the request went to;
//! * [`refuse`]: a request answered with a code and a reason, the error-reply
//!   convention of `btp_types::msg::service_handler` (the message center
//!   commits the handler's data `[code, message]` as the reply).
//!
//! The message center's two calls have the same shape in every handler's
//! `ExecuteMsg`; [`service_handler_execute!`](crate::service_handler_execute)
//! adds them to an enum, the way `cw-ownable` adds its variants. (Messages
//! that live in `btp-types` write them out by hand, as `btp-types` cannot
//! depend on this crate; the shape is `ServiceHandlerMsg`'s.)
//!
//! ```
//! use contract_kit::service::{refuse, Destination, Outgoing, Service, ServiceError};
//! use contract_kit::stored::Stored;
//! use btp_types::NetworkAddress;
//! use cosmwasm_schema::cw_serde;
//! use cosmwasm_std::{Binary, DepsMut, Env, MessageInfo, Response};
//!
//! /// What the service remembers of a request until its outcome arrives.
//! #[cw_serde]
//! pub struct Ping { pub to: NetworkAddress, pub asker: String }
//!
//! impl Destination for Ping {
//!     fn destination(&self) -> &NetworkAddress { &self.to }
//! }
//!
//! /// Kept as JSON (a record written by every send may be compact: see `stored`).
//! impl Stored for Ping {}
//!
//! /// Storage: the message center, the last `sn`, the pending pings.
//! pub const PING: Service<Ping> = Service::new("ping", "message_center", "last_sn", "pending");
//!
//! pub fn ping(deps: DepsMut, env: &Env, info: MessageInfo, to: NetworkAddress)
//!     -> Result<Response, ServiceError> {
//!     let pending = Ping { to: to.clone(), asker: info.sender.to_string() };
//!     let sent = PING.send_request(deps.storage, &pending, |_sn| Outgoing {
//!         to,
//!         payload: Binary::new(b"ping".to_vec()),
//!         timeout: Some(env.block.time.plus_seconds(3600)),
//!         funds: info.funds,
//!     })?;
//!     Ok(Response::new().add_message(sent.message).add_attribute("sn", sent.sn.to_string()))
//! }
//!
//! pub fn handle_btp_message(deps: DepsMut, info: &MessageInfo, svc: &str, payload: &Binary)
//!     -> Result<Response, ServiceError> {
//!     PING.accept_message(deps.storage, info, svc)?;
//!     if payload.as_slice() != b"ping" {
//!         return Ok(refuse(40, "not a ping")); // the asker gets [40, "not a ping"]
//!     }
//!     Ok(Response::new()) // the asker gets [0, ""]
//! }
//!
//! pub fn handle_btp_reply(deps: DepsMut, info: &MessageInfo, src: &NetworkAddress,
//!     svc: &str, sn: i64, code: u32, message: String) -> Result<Response, ServiceError> {
//!     let outcome = PING.take_reply(deps.storage, info, src, svc, sn, code, message)?;
//!     Ok(Response::new()
//!         .add_attribute("success", outcome.is_success().to_string())
//!         .add_attribute("timed_out", outcome.timed_out().to_string())
//!         .add_attribute("asker", outcome.request.asker))
//! }
//! ```

use btp_types::error_code::{SUCCESS, TIMED_OUT};
use btp_types::msg::message_center::{
    ExecuteMsg as MessageCenterMsg, FeeQuoteResponse, QueryMsg as MessageCenterQuery,
};
use btp_types::ErrorMessage;
use cosmwasm_std::{
    to_json_binary, Addr, Coin, CosmosMsg, Deps, MessageInfo, Order, Response, StdError, StdResult,
    Storage, Timestamp, WasmMsg,
};
use cw_storage_plus::{Bound, Item};

use crate::stored::{Stored, StoredMap};

// What `service_handler_execute!` expands to names these through `$crate`.
#[doc(hidden)]
pub use btp_types::msg::service_handler::{IncomingMessage, IncomingReply};
#[doc(hidden)]
pub use btp_types::NetworkAddress;
#[doc(hidden)]
pub use cosmwasm_std::Binary;

/// Pending requests one page answers when no limit is given.
pub const DEFAULT_PAGE: u32 = 10;
/// Most pending requests one page answers.
pub const MAX_PAGE: u32 = 100;

/// Why the kit refused a call. A contract wraps it in its own error
/// (`#[error(transparent)] Service(#[from] ServiceError)`).
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Std(#[from] StdError),

    /// Anyone but the message center called an entry point that only it may
    /// call: they could forge deliveries and outcomes.
    #[error(
        "only the message center ({message_center}) delivers to the service; {sender} is not it"
    )]
    NotMessageCenter {
        sender: String,
        message_center: String,
    },

    /// The message center delivered a message for another service.
    #[error("the message center delivered a message for the service {svc:?} to the service {expected:?}")]
    WrongService { svc: String, expected: String },

    /// A reply or timeout for a request this service never sent, or whose
    /// outcome was taken already (each request has exactly one).
    #[error("an outcome for request {sn} arrived, but no such request waits for one")]
    UnknownRequest { sn: i64 },

    /// A reply from a network the request did not go to.
    #[error("the outcome of request {sn} came from {src}, but the request went to {to}")]
    ReplyFromElsewhere { sn: i64, src: String, to: String },

    /// The serial number of requests reached `i64::MAX`.
    #[error("the serial number of requests is exhausted")]
    SerialNumberExhausted,
}

/// A pending request: what the service keeps until its outcome, and the
/// network it went to (only that network may answer it).
pub trait Destination {
    /// The network the request was sent to.
    fn destination(&self) -> &NetworkAddress;
}

// The pending requests of handlers whose messages live in `btp-types`
// (which cannot depend on this crate).

impl Destination for btp_types::msg::token_handler::PendingTransfer {
    fn destination(&self) -> &NetworkAddress {
        self.to.network()
    }
}

impl Destination for btp_types::msg::kv_service::RequestResponse {
    fn destination(&self) -> &NetworkAddress {
        &self.to
    }
}

impl Stored for btp_types::msg::kv_service::RequestResponse {}

/// A message to send through the message center.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// The destination network; the message center needs a link to it.
    pub to: NetworkAddress,
    /// The service's message, opaque to the transport.
    pub payload: Binary,
    /// The destination's block time from which on the message is no longer
    /// executed (a request then comes back with `TIMED_OUT`); none for no timeout.
    pub timeout: Option<Timestamp>,
    /// The fee, exactly as [`Service::fee_quote`] says: the message center
    /// refuses any other amount, which undoes the whole call.
    pub funds: Vec<Coin>,
}

/// A request on its way: its serial number and the `send_message` call to
/// add to the response.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    /// The request's serial number (positive).
    pub sn: i64,
    /// The call to the message center.
    pub message: CosmosMsg,
}

/// The outcome of a request, taken once by [`Service::take_reply`].
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<T> {
    /// The request's serial number.
    pub sn: i64,
    /// What the service kept of the request (removed from storage now).
    pub request: T,
    /// `0` for success; the destination handler's refusal code (40 and up),
    /// a transport or message-center code, or `TIMED_OUT` (10).
    pub code: u32,
    /// Why, when it failed (or the handler's message on success).
    pub message: String,
}

impl<T> Outcome<T> {
    /// Whether the request succeeded (code 0).
    pub fn is_success(&self) -> bool {
        self.code == SUCCESS
    }

    /// Whether the request timed out: it was not executed on the destination
    /// (refused there as late, or resolved here by proof of non-receipt).
    pub fn timed_out(&self) -> bool {
        self.code == TIMED_OUT
    }
}

/// A service's own storage and plumbing; see the module docs. Declare it as
/// a `const`, like `cw-storage-plus` items, with the storage keys to use
/// (so that a handler ported onto the kit can keep its keys).
pub struct Service<T> {
    svc: &'static str,
    message_center: Item<Addr>,
    last_sn: Item<i64>,
    pending: StoredMap<i64, T>,
}

impl<T> Service<T>
where
    T: Stored + Destination,
{
    /// The service `svc`, its message center, last serial number and pending
    /// requests stored under the three keys given.
    pub const fn new(
        svc: &'static str,
        message_center_key: &'static str,
        last_sn_key: &'static str,
        pending_key: &'static str,
    ) -> Self {
        Self {
            svc,
            message_center: Item::new(message_center_key),
            last_sn: Item::new(last_sn_key),
            pending: StoredMap::new(pending_key),
        }
    }

    /// The service name the message center routes to this handler.
    pub fn svc(&self) -> &'static str {
        self.svc
    }

    /// Records the message center (at instantiation, or when it changes).
    pub fn set_message_center(&self, storage: &mut dyn Storage, center: &Addr) -> StdResult<()> {
        self.message_center.save(storage, center)
    }

    /// The message center.
    pub fn message_center(&self, storage: &dyn Storage) -> StdResult<Addr> {
        self.message_center.load(storage)
    }

    /// Refuses anyone but the message center.
    pub fn ensure_message_center(
        &self,
        storage: &dyn Storage,
        sender: &Addr,
    ) -> Result<(), ServiceError> {
        let message_center = self.message_center.load(storage)?;
        if *sender != message_center {
            return Err(ServiceError::NotMessageCenter {
                sender: sender.to_string(),
                message_center: message_center.into_string(),
            });
        }
        Ok(())
    }

    /// Refuses a delivery (`handle_btp_message`) from anyone but the message
    /// center, or for another service.
    pub fn accept_message(
        &self,
        storage: &dyn Storage,
        info: &MessageInfo,
        svc: &str,
    ) -> Result<(), ServiceError> {
        self.ensure_message_center(storage, &info.sender)?;
        if svc != self.svc {
            return Err(ServiceError::WrongService {
                svc: svc.to_string(),
                expected: self.svc.to_string(),
            });
        }
        Ok(())
    }

    /// The serial number of the last request sent (0 before the first).
    pub fn last_sn(&self, storage: &dyn Storage) -> StdResult<i64> {
        Ok(self.last_sn.may_load(storage)?.unwrap_or_default())
    }

    /// Takes the next serial number (1 for the first request).
    pub fn next_sn(&self, storage: &mut dyn Storage) -> Result<i64, ServiceError> {
        let sn = self
            .last_sn(storage)?
            .checked_add(1)
            .ok_or(ServiceError::SerialNumberExhausted)?;
        self.last_sn.save(storage, &sn)?;
        Ok(sn)
    }

    /// The fee `send_message` charges for a message to `to` (a request also
    /// pays the reply's way back).
    pub fn fee_quote(
        &self,
        deps: Deps,
        to: &NetworkAddress,
        expects_reply: bool,
    ) -> StdResult<FeeQuoteResponse> {
        deps.querier.query_wasm_smart(
            self.message_center.load(deps.storage)?,
            &MessageCenterQuery::FeeQuote {
                to: to.clone(),
                expects_reply,
            },
        )
    }

    fn send(
        &self,
        storage: &dyn Storage,
        sn: i64,
        outgoing: Outgoing,
    ) -> Result<CosmosMsg, ServiceError> {
        Ok(WasmMsg::Execute {
            contract_addr: self.message_center.load(storage)?.into_string(),
            msg: to_json_binary(&MessageCenterMsg::SendMessage {
                to: outgoing.to,
                svc: self.svc.to_string(),
                sn,
                payload: outgoing.payload,
                timeout: outgoing.timeout,
            })?,
            funds: outgoing.funds,
        }
        .into())
    }

    /// Sends a request under the next serial number and keeps `request`
    /// until its outcome ([`Service::take_reply`]). `outgoing` makes the
    /// message from the serial number (for payloads that carry it; others
    /// ignore it). `request` must name the network the message goes to,
    /// which alone may answer it.
    pub fn send_request(
        &self,
        storage: &mut dyn Storage,
        request: &T,
        outgoing: impl FnOnce(i64) -> Outgoing,
    ) -> Result<Sent, ServiceError> {
        let sn = self.next_sn(storage)?;
        self.keep_and_send(storage, sn, request, outgoing(sn))
    }

    /// [`Service::send_request`] for a pending request that records its own
    /// serial number: `make` builds both the request and the message from it.
    pub fn send_request_with(
        &self,
        storage: &mut dyn Storage,
        make: impl FnOnce(i64) -> (T, Outgoing),
    ) -> Result<Sent, ServiceError> {
        let sn = self.next_sn(storage)?;
        let (request, outgoing) = make(sn);
        self.keep_and_send(storage, sn, &request, outgoing)
    }

    fn keep_and_send(
        &self,
        storage: &mut dyn Storage,
        sn: i64,
        request: &T,
        outgoing: Outgoing,
    ) -> Result<Sent, ServiceError> {
        self.pending.save(storage, sn, request)?;
        let message = self.send(storage, sn, outgoing)?;
        Ok(Sent { sn, message })
    }

    /// Sends a one-way message (`sn = 0`): nothing comes back, not even a failure.
    pub fn send_one_way(
        &self,
        storage: &dyn Storage,
        outgoing: Outgoing,
    ) -> Result<CosmosMsg, ServiceError> {
        self.send(storage, 0, outgoing)
    }

    /// The outcome of request `sn` (`handle_btp_reply`), taken exactly once:
    /// refused from anyone but the message center, for another service, for a
    /// request not pending (never sent, or resolved already), or from a
    /// network the request did not go to. The pending request is removed.
    #[allow(clippy::too_many_arguments)]
    pub fn take_reply(
        &self,
        storage: &mut dyn Storage,
        info: &MessageInfo,
        src: &NetworkAddress,
        svc: &str,
        sn: i64,
        code: u32,
        message: String,
    ) -> Result<Outcome<T>, ServiceError> {
        self.accept_message(storage, info, svc)?;
        let request = self
            .pending
            .may_load(storage, sn)?
            .ok_or(ServiceError::UnknownRequest { sn })?;
        let to = request.destination();
        if to != src {
            return Err(ServiceError::ReplyFromElsewhere {
                sn,
                src: src.to_string(),
                to: to.to_string(),
            });
        }
        self.pending.remove(storage, sn);
        Ok(Outcome {
            sn,
            request,
            code,
            message,
        })
    }

    /// The request `sn` while it waits for its outcome.
    pub fn pending(&self, storage: &dyn Storage, sn: i64) -> StdResult<Option<T>> {
        self.pending.may_load(storage, sn)
    }

    /// Pending requests in `sn` order, after `start_after`, at most `limit`
    /// ([`DEFAULT_PAGE`] when absent, at most [`MAX_PAGE`]).
    pub fn pending_page(
        &self,
        storage: &dyn Storage,
        start_after: Option<i64>,
        limit: Option<u32>,
    ) -> StdResult<Vec<(i64, T)>> {
        let limit = limit.unwrap_or(DEFAULT_PAGE).min(MAX_PAGE);
        self.pending
            .range(
                storage,
                start_after.map(Bound::exclusive),
                None,
                Order::Ascending,
            )
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect()
    }
}

/// The handler's answer to a request it refuses without failing: the message
/// center commits `[code, reason]` as the reply (codes 40 and up are the
/// handler's own; see `btp_types::error_code`). The asker learns why, rather
/// than the bare `SERVICE_HANDLER_FAILED` an error would give it.
pub fn refuse(code: u32, reason: impl Into<String>) -> Response {
    Response::new().set_data(refusal(code, reason))
}

/// A batch (`handle_btp_messages` / `handle_btp_replies`) handled by
/// running `handle`, the single call's function, on each item in order: the
/// responses merged, and each one's data collected as the batch's answer
/// (`service_handler::BatchAnswers`). A handler that can complete a batch
/// more cheaply (one call to another contract for all of it, as the token
/// handler does) writes its own loop. An error fails the whole batch; the
/// message center then delivers its messages one by one. Not for a handler
/// that answers a request from a submessage's reply (its reply's data would
/// replace the batch's answers): such a handler is registered without
/// batches.
pub fn answer_each<T, E: From<StdError>>(
    items: impl IntoIterator<Item = T>,
    mut handle: impl FnMut(T) -> Result<Response, E>,
) -> Result<Response, E> {
    let mut batch = Response::new();
    let mut answers: btp_types::msg::service_handler::BatchAnswers = vec![];
    for item in items {
        let mut answered = handle(item)?;
        answers.push(answered.data.take());
        batch.messages.extend(answered.messages);
        batch.attributes.extend(answered.attributes);
        batch.events.extend(answered.events);
    }
    Ok(batch.set_data(to_json_binary(&answers)?))
}

/// The data of [`refuse`], for a response built elsewhere (`set_data`).
pub fn refusal(code: u32, reason: impl Into<String>) -> Binary {
    Binary::new(
        ErrorMessage {
            code,
            message: reason.into(),
        }
        .encode(),
    )
}

/// Adds the message center's two calls to a service handler's `ExecuteMsg`,
/// in the shape of `btp_types::msg::service_handler::ServiceHandlerMsg`, as
/// `cw_ownable_execute` adds `update_ownership`:
///
/// ```
/// use cosmwasm_schema::cw_serde;
///
/// contract_kit::service_handler_execute! {
///     /// What the service does.
///     #[cw_serde]
///     pub enum ExecuteMsg {
///         /// Sends a ping.
///         Ping { to: String },
///     }
/// }
///
/// let delivered: ExecuteMsg = cosmwasm_std::from_json(
///     br#"{"handle_btp_reply":{"src":"b.cosmos","svc":"ping","sn":1,"code":0,"message":""}}"#,
/// ).unwrap();
/// assert!(matches!(delivered, ExecuteMsg::HandleBtpReply { sn: 1, .. }));
/// ```
#[macro_export]
macro_rules! service_handler_execute {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variants:tt)* }) => {
        $(#[$meta])*
        $vis enum $name {
            /// Message center only: a proven request (`sn > 0`) or one-way
            /// message (`sn == 0`) for the service.
            HandleBtpMessage {
                /// The network it came from.
                src: $crate::service::NetworkAddress,
                /// The service.
                svc: ::std::string::String,
                /// The sending service's serial number.
                sn: i64,
                /// The sending service's message.
                payload: $crate::service::Binary,
            },
            /// Message center only: the outcome of a request this service
            /// sent: code 0 is success, anything else a refusal, a failure on
            /// the way or at the destination, or a timeout (10).
            HandleBtpReply {
                /// The network the reply came from (the request's destination).
                src: $crate::service::NetworkAddress,
                /// The service.
                svc: ::std::string::String,
                /// The request's serial number (positive).
                sn: i64,
                /// The outcome (see `btp_types::error_code`).
                code: u32,
                /// Why, when it failed.
                message: ::std::string::String,
            },
            /// Message center only: several messages from one network, in
            /// order, each handled as `handle_btp_message`.
            HandleBtpMessages {
                /// The network they came from.
                src: $crate::service::NetworkAddress,
                /// The service.
                svc: ::std::string::String,
                /// The messages, in order.
                messages: ::std::vec::Vec<$crate::service::IncomingMessage>,
            },
            /// Message center only: several outcomes from one network, in
            /// order, each handled as `handle_btp_reply`.
            HandleBtpReplies {
                /// The network they came from.
                src: $crate::service::NetworkAddress,
                /// The service.
                svc: ::std::string::String,
                /// The outcomes, in order.
                replies: ::std::vec::Vec<$crate::service::IncomingReply>,
            },
            $($variants)*
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use btp_types::msg::service_handler::ServiceHandlerMsg;
    use cosmwasm_schema::cw_serde;
    use cosmwasm_std::testing::{message_info, MockStorage};
    use cosmwasm_std::{coins, from_json, to_json_vec};

    #[cw_serde]
    struct Request {
        to: NetworkAddress,
        note: String,
    }

    impl Destination for Request {
        fn destination(&self) -> &NetworkAddress {
            &self.to
        }
    }

    impl Stored for Request {}

    const SERVICE: Service<Request> = Service::new("ping", "mc", "sn", "pending");

    crate::service_handler_execute! {
        /// A handler's messages.
        #[cw_serde]
        enum ExecuteMsg {
            /// Its own operation, without a trailing comma
            Ping { to: String }
        }
    }

    fn network(name: &str) -> NetworkAddress {
        NetworkAddress::parse(name).unwrap()
    }

    fn setup() -> MockStorage {
        let mut storage = MockStorage::new();
        SERVICE
            .set_message_center(&mut storage, &Addr::unchecked("center"))
            .unwrap();
        storage
    }

    fn request(storage: &mut MockStorage, to: &str) -> Sent {
        let to = network(to);
        SERVICE
            .send_request(
                storage,
                &Request {
                    to: to.clone(),
                    note: "n".into(),
                },
                |sn| Outgoing {
                    to,
                    payload: Binary::new(format!("p{sn}").into_bytes()),
                    timeout: Some(Timestamp::from_seconds(9)),
                    funds: coins(5, "ufee"),
                },
            )
            .unwrap()
    }

    #[test]
    fn a_request_takes_the_next_sn_and_calls_send_message_with_the_fee() {
        let mut storage = setup();
        let sent = request(&mut storage, "b.cosmos");
        assert_eq!(sent.sn, 1);
        let CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr,
            msg,
            funds,
        }) = sent.message
        else {
            panic!("a wasm execute")
        };
        assert_eq!(contract_addr, "center");
        assert_eq!(funds, coins(5, "ufee"));
        assert_eq!(
            from_json::<MessageCenterMsg>(msg).unwrap(),
            MessageCenterMsg::SendMessage {
                to: network("b.cosmos"),
                svc: "ping".into(),
                sn: 1,
                payload: Binary::new(b"p1".to_vec()),
                timeout: Some(Timestamp::from_seconds(9)),
            }
        );
        assert_eq!(request(&mut storage, "b.cosmos").sn, 2);
        assert_eq!(SERVICE.last_sn(&storage).unwrap(), 2);
        assert_eq!(SERVICE.pending_page(&storage, None, None).unwrap().len(), 2);
        assert_eq!(
            SERVICE
                .pending_page(&storage, Some(1), Some(1))
                .unwrap()
                .first()
                .map(|(sn, _)| *sn),
            Some(2)
        );
        let one_way = SERVICE
            .send_one_way(
                &storage,
                Outgoing {
                    to: network("b.cosmos"),
                    payload: Binary::default(),
                    timeout: None,
                    funds: vec![],
                },
            )
            .unwrap();
        let CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) = one_way else {
            panic!("a wasm execute")
        };
        assert!(matches!(
            from_json::<MessageCenterMsg>(msg).unwrap(),
            MessageCenterMsg::SendMessage { sn: 0, .. }
        ));
        assert_eq!(SERVICE.last_sn(&storage).unwrap(), 2, "one-way uses no sn");
    }

    #[test]
    fn a_request_can_record_its_own_sn() {
        let mut storage = setup();
        request(&mut storage, "b.cosmos");
        let sent = SERVICE
            .send_request_with(&mut storage, |sn| {
                let request = Request {
                    to: network("c.cosmos"),
                    note: format!("sn {sn}"),
                };
                let outgoing = Outgoing {
                    to: network("c.cosmos"),
                    payload: Binary::default(),
                    timeout: None,
                    funds: vec![],
                };
                (request, outgoing)
            })
            .unwrap();
        assert_eq!(sent.sn, 2);
        assert_eq!(SERVICE.pending(&storage, 2).unwrap().unwrap().note, "sn 2");
    }

    #[test]
    fn an_outcome_is_taken_once_from_the_message_center_and_the_network_asked() {
        let mut storage = setup();
        request(&mut storage, "b.cosmos");
        let center = message_info(&Addr::unchecked("center"), &[]);
        let stranger = message_info(&Addr::unchecked("stranger"), &[]);
        let b = network("b.cosmos");
        assert_eq!(
            SERVICE
                .take_reply(&mut storage, &stranger, &b, "ping", 1, 0, String::new())
                .unwrap_err(),
            ServiceError::NotMessageCenter {
                sender: "stranger".into(),
                message_center: "center".into()
            }
        );
        assert_eq!(
            SERVICE
                .take_reply(&mut storage, &center, &b, "kv", 1, 0, String::new())
                .unwrap_err(),
            ServiceError::WrongService {
                svc: "kv".into(),
                expected: "ping".into()
            }
        );
        assert_eq!(
            SERVICE
                .take_reply(
                    &mut storage,
                    &center,
                    &network("c.cosmos"),
                    "ping",
                    1,
                    0,
                    String::new()
                )
                .unwrap_err(),
            ServiceError::ReplyFromElsewhere {
                sn: 1,
                src: "c.cosmos".into(),
                to: "b.cosmos".into()
            }
        );
        let outcome = SERVICE
            .take_reply(
                &mut storage,
                &center,
                &b,
                "ping",
                1,
                TIMED_OUT,
                "late".into(),
            )
            .unwrap();
        assert!(outcome.timed_out() && !outcome.is_success());
        assert_eq!(outcome.request.note, "n");
        assert_eq!(
            SERVICE
                .take_reply(&mut storage, &center, &b, "ping", 1, 0, String::new())
                .unwrap_err(),
            ServiceError::UnknownRequest { sn: 1 }
        );
        assert_eq!(SERVICE.pending(&storage, 1).unwrap(), None);
    }

    #[test]
    fn deliveries_are_accepted_from_the_message_center_for_the_service_only() {
        let storage = setup();
        let center = message_info(&Addr::unchecked("center"), &[]);
        SERVICE.accept_message(&storage, &center, "ping").unwrap();
        assert!(matches!(
            SERVICE.accept_message(&storage, &message_info(&Addr::unchecked("x"), &[]), "ping"),
            Err(ServiceError::NotMessageCenter { .. })
        ));
    }

    #[test]
    fn a_refusal_is_the_encoded_code_and_reason() {
        let response = refuse(41, "no");
        let data = response.data.unwrap();
        assert_eq!(
            ErrorMessage::decode(&data).unwrap(),
            ErrorMessage {
                code: 41,
                message: "no".into()
            }
        );
    }

    #[test]
    fn the_macro_variants_parse_what_the_message_center_sends() {
        let network = network("b.cosmos");
        let message = ServiceHandlerMsg::HandleBtpMessage {
            src: network.clone(),
            svc: "ping".into(),
            sn: 3,
            payload: Binary::new(b"x".to_vec()),
        };
        assert_eq!(
            from_json::<ExecuteMsg>(to_json_vec(&message).unwrap()).unwrap(),
            ExecuteMsg::HandleBtpMessage {
                src: network.clone(),
                svc: "ping".into(),
                sn: 3,
                payload: Binary::new(b"x".to_vec()),
            }
        );
        let reply = ServiceHandlerMsg::HandleBtpReply {
            src: network.clone(),
            svc: "ping".into(),
            sn: 3,
            code: 4,
            message: "m".into(),
        };
        assert_eq!(
            from_json::<ExecuteMsg>(to_json_vec(&reply).unwrap()).unwrap(),
            ExecuteMsg::HandleBtpReply {
                src: network,
                svc: "ping".into(),
                sn: 3,
                code: 4,
                message: "m".into(),
            }
        );
        let own: ExecuteMsg = from_json(br#"{"ping":{"to":"x"}}"#).unwrap();
        assert_eq!(own, ExecuteMsg::Ping { to: "x".into() });

        let own_network = || NetworkAddress::parse("b.cosmos").unwrap();
        let batch = ServiceHandlerMsg::HandleBtpMessages {
            src: own_network(),
            svc: "ping".into(),
            messages: vec![IncomingMessage {
                sn: 1,
                payload: Binary::new(b"y".to_vec()),
            }],
        };
        assert!(matches!(
            from_json::<ExecuteMsg>(to_json_vec(&batch).unwrap()).unwrap(),
            ExecuteMsg::HandleBtpMessages { messages, .. } if messages.len() == 1
        ));
    }

    #[test]
    fn a_batch_is_answered_per_message_and_fails_whole() {
        let answered = answer_each([1, 2, 3], |n| -> StdResult<Response> {
            let response = Response::new()
                .add_attribute("n", n.to_string())
                .add_message(cosmwasm_std::BankMsg::Burn {
                    amount: coins(n, "x"),
                });
            Ok(if n == 2 {
                response.set_data(refusal(41, "no"))
            } else {
                response
            })
        })
        .unwrap();
        let answers: btp_types::msg::service_handler::BatchAnswers =
            from_json(answered.data.unwrap()).unwrap();
        assert_eq!(answers, vec![None, Some(refusal(41, "no")), None]);
        assert_eq!(answered.messages.len(), 3, "every response's messages kept");
        assert_eq!(answered.attributes.len(), 3);

        let failed = answer_each([1, 2, 3], |n| -> StdResult<Response> {
            if n == 3 {
                return Err(StdError::generic_err("third fails"));
            }
            Ok(Response::new())
        });
        assert_eq!(failed.unwrap_err(), StdError::generic_err("third fails"));
    }
}
