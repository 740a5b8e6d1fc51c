//! What the message center sends to a service handler. A handler's
//! `ExecuteMsg` must contain these two variants with these fields.
//!
//! A request (`sn > 0`) is answered by the message center itself, in the same
//! transaction as the delivery: if the handler returns an error (or runs out of
//! its gas), the reply carries [`crate::error_code::SERVICE_HANDLER_FAILED`];
//! if it succeeds with no data, the reply is success (code 0); if it succeeds
//! with data, the data must be an encoded [`crate::ErrorMessage`] and becomes
//! the reply (a handler refusing a request without failing, e.g. code 41 for an
//! invalid receiver).
//!
//! Consecutive messages of one relay for the same handler come in one call,
//! [`ServiceHandlerMsg::HandleBtpMessages`] (and replies in
//! [`ServiceHandlerMsg::HandleBtpReplies`]): one contract call per batch
//! instead of one per message. The handler answers a batch with
//! [`BatchAnswers`] as its data, one entry per message, each what the
//! single call's data would have been. A batch call that fails is not an
//! answer: the message center then delivers the batch's messages one by one,
//! so a message that makes its handler fail never fails another one.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::Binary;

use crate::address::NetworkAddress;

/// The message center's calls into a service handler.
#[cw_serde]
pub enum ServiceHandlerMsg {
    /// A proven request (`sn > 0`) or one-way message (`sn == 0`) for the service.
    HandleBtpMessage {
        /// The network it came from.
        src: NetworkAddress,
        /// The service.
        svc: String,
        /// The sending service's serial number.
        sn: i64,
        /// The sending service's message.
        payload: Binary,
    },
    /// The reply to a request this handler sent: code 0 is success, anything
    /// else a refusal or failure on the way or at the destination.
    HandleBtpReply {
        /// The network the reply came from (the request's destination).
        src: NetworkAddress,
        /// The service.
        svc: String,
        /// The request's serial number (positive).
        sn: i64,
        /// The outcome (see `error_code`).
        code: u32,
        /// Why, when it failed.
        message: String,
    },
    /// Several proven messages for the service from one network, in the
    /// order of their sequences: each handled as `HandleBtpMessage` would
    /// handle it, answered in the data as [`BatchAnswers`].
    HandleBtpMessages {
        /// The network they came from.
        src: NetworkAddress,
        /// The service.
        svc: String,
        /// The messages, in order.
        messages: Vec<IncomingMessage>,
    },
    /// The replies to several requests this handler sent, from one network,
    /// in order: each handled as `HandleBtpReply` would handle it.
    HandleBtpReplies {
        /// The network they came from (the requests' destination).
        src: NetworkAddress,
        /// The service.
        svc: String,
        /// The replies, in order.
        replies: Vec<IncomingReply>,
    },
}

/// One message of a [`ServiceHandlerMsg::HandleBtpMessages`] batch.
#[cw_serde]
pub struct IncomingMessage {
    /// The sending service's serial number (`0` for a one-way message).
    pub sn: i64,
    /// The sending service's message.
    pub payload: Binary,
}

/// One reply of a [`ServiceHandlerMsg::HandleBtpReplies`] batch.
#[cw_serde]
pub struct IncomingReply {
    /// The request's serial number (positive).
    pub sn: i64,
    /// The outcome (see `error_code`).
    pub code: u32,
    /// Why, when it failed.
    pub message: String,
}

/// A handler's answer to a batch (its response data, JSON): for each
/// message in order, the data its single call would have returned (none
/// for success, an encoded [`crate::ErrorMessage`] for a refusal).
pub type BatchAnswers = Vec<Option<Binary>>;
