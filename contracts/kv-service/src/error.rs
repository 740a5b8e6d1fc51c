use contract_kit::migrate::MigrationError;
use contract_kit::service::ServiceError;
use cosmwasm_std::{StdError, Timestamp};
use cw_ownable::OwnershipError;

/// Every way the service refuses a call.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),
    #[error(transparent)]
    Ownership(#[from] OwnershipError),
    #[error(transparent)]
    Migration(#[from] MigrationError),
    /// The message center check, the serial number, the matching of replies.
    #[error(transparent)]
    Service(#[from] ServiceError),

    #[error("the kv service answers requests only; a one-way message (sn 0) from {src} has no reply to carry the answer")]
    OneWayMessage { src: String },

    #[error("invalid {field}: {reason}")]
    InvalidInput { field: &'static str, reason: String },

    #[error("a reply for request {sn} arrived, but this service sent no such request")]
    UnknownRequest { sn: i64 },

    #[error("request {sn} was answered already: a second reply is refused")]
    AlreadyAnswered { sn: i64 },

    #[error(
        "a timeout {seconds} seconds after the block time {now} is beyond the largest timestamp"
    )]
    TimeoutOverflow { now: Timestamp, seconds: u64 },
}
