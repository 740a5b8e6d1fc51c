//! The sample data service (`svc = "kv"`, `contracts/kv-service`): a
//! key-value lookup across chains, and the template for a team's own
//! service handler.
//!
//! The owner publishes values with `set`. Anyone asks another chain's service
//! for a key with `ask` (attaching the message center's fee for the route);
//! that service answers in its reply, which the message center commits for
//! it (code 0 and the value, [`UNKNOWN_KEY`] or [`INVALID_KEY`]); the asking side stores the
//! answer under the request's serial number, once.
//!
//! Every request carries a timeout (`timeout_secs` after the asking block's
//! time, [`DEFAULT_ASK_TIMEOUT_SECS`] when not given): a request the other
//! chain has not executed by then is not executed at all, and the asking side
//! records the answer code `error_code::TIMED_OUT` (10) with the message
//! center's reason instead of a value, once, like any other answer.
//!
//! Events: `kv_asked` (`sn`, `to`, `key`, `asker`, `timeout`: nanoseconds
//! since the epoch), `kv_answered` (`sn`, `src`, `key`, `code`),
//! `kv_answer_received` (`sn`, `src`, `key`, `code`, `timed_out`: `true`
//! when `code` is `TIMED_OUT`, else `false`).

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::Binary;
use cw_ownable::cw_ownable_query;

use crate::address::NetworkAddress;
use crate::msg::service_handler::{IncomingMessage, IncomingReply};

/// The service name the message center routes to this contract.
pub const KV_SERVICE: &str = "kv";
/// The answer's code for a key the answering service does not hold.
pub const UNKNOWN_KEY: u32 = crate::error_code::HANDLER_FIRST;
/// The answer's code for a request whose key is not 1 to [`MAX_KEY_BYTES`] bytes of UTF-8.
pub const INVALID_KEY: u32 = 41;
/// The longest key, in bytes.
pub const MAX_KEY_BYTES: usize = 256;
/// The longest value, in bytes.
pub const MAX_VALUE_BYTES: usize = 1024;
/// The timeout of an `ask` that gives none: one hour after the asking
/// block's time. A lookup is worth little once it is that late.
pub const DEFAULT_ASK_TIMEOUT_SECS: u64 = 60 * 60;
/// The longest timeout of an `ask`: 7 days. Longer mostly comes from a unit
/// mistake (milliseconds given as seconds).
pub const MAX_ASK_TIMEOUT_SECS: u64 = 7 * 24 * 60 * 60;

/// Creates a service.
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner, who alone sets values; the sender of the instantiation when absent.
    pub owner: Option<String>,
    /// The message center that carries the service's messages.
    pub message_center: String,
}

/// Everything the service accepts: its own operations, and the message
/// center's deliveries in the shape every service handler takes
/// (`service_handler::ServiceHandlerMsg`).
#[cw_serde]
pub enum ExecuteMsg {
    /// Owner only: publishes `value` under `key` for other chains to ask for.
    Set {
        /// 1 to [`MAX_KEY_BYTES`] bytes.
        key: String,
        /// At most [`MAX_VALUE_BYTES`] bytes.
        value: String,
    },
    /// Owner only: withdraws a published value.
    Remove {
        /// The key.
        key: String,
    },
    /// Asks the service on `to` for the value of `key`. The funds attached
    /// must be exactly the message center's fee for the route (`get_fee`).
    Ask {
        /// The network to ask.
        to: NetworkAddress,
        /// 1 to [`MAX_KEY_BYTES`] bytes.
        key: String,
        /// Seconds after this block's time from which on the other chain no
        /// longer executes the request (the answer is then code `TIMED_OUT`):
        /// 1 to [`MAX_ASK_TIMEOUT_SECS`]; [`DEFAULT_ASK_TIMEOUT_SECS`] when
        /// absent. 0 is refused.
        timeout_secs: Option<u64>,
    },
    /// Owner: proposes, accepts or renounces ownership (`cw-ownable`).
    UpdateOwnership(cw_ownable::Action),
    /// Message center only: a request from another chain's service, answered
    /// in the reply (see `service_handler`).
    HandleBtpMessage {
        /// The network it came from.
        src: NetworkAddress,
        /// The service (`kv`).
        svc: String,
        /// The asking service's serial number (positive).
        sn: i64,
        /// The key, UTF-8.
        payload: Binary,
    },
    /// Message center only: the answer to a request this service sent.
    HandleBtpReply {
        /// The network asked.
        src: NetworkAddress,
        /// The service (`kv`).
        svc: String,
        /// The request's serial number.
        sn: i64,
        /// See [`Answer::code`].
        code: u32,
        /// The value, or why not.
        message: String,
    },
    /// Message center only: several requests from one network, in order,
    /// each handled as `handle_btp_message`; answered per request
    /// (`service_handler::BatchAnswers`).
    HandleBtpMessages {
        /// The network they came from.
        src: NetworkAddress,
        /// The service (`kv`).
        svc: String,
        /// The messages, in order.
        messages: Vec<IncomingMessage>,
    },
    /// Message center only: several outcomes from one network, in order,
    /// each handled as `handle_btp_reply`.
    HandleBtpReplies {
        /// The network they came from.
        src: NetworkAddress,
        /// The service (`kv`).
        svc: String,
        /// The outcomes, in order.
        replies: Vec<IncomingReply>,
    },
}

/// What the service answers.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The message center and the last serial number used.
    #[returns(ConfigResponse)]
    Config {},
    /// A value this service publishes.
    #[returns(Option<String>)]
    Value {
        /// The key.
        key: String,
    },
    /// The request `sn` this service sent, with its answer once it arrived.
    #[returns(RequestResponse)]
    Request {
        /// The serial number `ask` returned (attribute `sn` of `kv_asked`).
        sn: i64,
    },
}

/// Answer of `config`.
#[cw_serde]
pub struct ConfigResponse {
    /// The message center.
    pub message_center: String,
    /// The serial number of the last request sent (0 before the first).
    pub last_sn: i64,
}

/// Answer of `request`.
#[cw_serde]
pub struct RequestResponse {
    /// The network asked.
    pub to: NetworkAddress,
    /// The key asked for.
    pub key: String,
    /// The answer; absent until the reply arrives.
    pub answer: Option<Answer>,
}

/// An answer from the other chain.
#[cw_serde]
pub struct Answer {
    /// 0 with the value; [`UNKNOWN_KEY`] when it holds none, [`INVALID_KEY`]
    /// for a key it cannot hold; `error_code::TIMED_OUT` when the request
    /// timed out (it was not executed); any other code
    /// when the request failed on the way (see `error_code`).
    pub code: u32,
    /// The value on success, otherwise why not.
    pub value: String,
}
