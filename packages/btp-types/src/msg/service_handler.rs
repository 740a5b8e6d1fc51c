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
}
