use contract_kit::migrate::MigrationError;
use contract_kit::pause::PauseError;
use contract_kit::service::ServiceError;
use cosmwasm_std::{StdError, Timestamp};
use cw_ownable::OwnershipError;

/// Every way the call service refuses a call.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),
    #[error(transparent)]
    Ownership(#[from] OwnershipError),
    #[error(transparent)]
    Migration(#[from] MigrationError),
    #[error(transparent)]
    Pause(#[from] PauseError),
    /// The message center check, the serial number, the matching of outcomes.
    #[error(transparent)]
    Service(#[from] ServiceError),

    #[error("invalid {field}: {reason}")]
    InvalidInput { field: &'static str, reason: String },

    #[error("{sender} is not a contract: only a contract can be called back with rollback data")]
    RollbackFromAccount { sender: String },

    #[error("no failed rollback of call {sn} waits: it never failed, or it was executed")]
    NoFailedRollback { sn: i64 },

    #[error("the rollback of call {sn} is running: it cannot be run again from inside itself")]
    RollbackRunning { sn: i64 },

    #[error(
        "a timeout {seconds} seconds after the block time {now} is beyond the largest timestamp"
    )]
    TimeoutOverflow { now: Timestamp, seconds: u64 },

    #[error("unknown reply id {id}")]
    UnknownReply { id: u64 },
}
