use contract_kit::migrate::MigrationError;
use contract_kit::pause::PauseError;
use cosmwasm_std::{Coin, StdError, Timestamp};
use cw_ownable::OwnershipError;

/// Every way the contract refuses a call.
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

    #[error("a lock needs funds: attach exactly one native coin, or use a cw20 token's send")]
    NoFunds,

    #[error("a lock takes exactly one coin; {denoms} were attached")]
    MultipleCoins { denoms: String },

    #[error("a lock of zero {denom} is refused")]
    ZeroAmount { denom: String },

    #[error("{operation} takes no funds ({funds} were attached): they would stay in the contract")]
    UnexpectedFunds {
        operation: &'static str,
        funds: String,
    },

    #[error("invalid hashlock: {reason}")]
    InvalidHashlock { reason: String },

    #[error("the timelock {timelock} is not after this block's time {now}")]
    TimelockNotInFuture { timelock: Timestamp, now: Timestamp },

    #[error("the timelock {timelock} is more than {max_secs} seconds after this block's time {now} (a unit mistake?)")]
    TimelockTooFar {
        timelock: Timestamp,
        now: Timestamp,
        max_secs: u64,
    },

    #[error("the lock ids are exhausted")]
    IdsExhausted,

    #[error("no lock {id}")]
    UnknownLock { id: u64 },

    #[error("invalid preimage: {len} bytes; a preimage is {expected} bytes")]
    PreimageLength { len: usize, expected: usize },

    #[error("wrong preimage for lock {id}: its SHA-256 is not the lock's hashlock")]
    WrongPreimage { id: u64 },

    #[error("lock {id} expired at {timelock} (block time {now}): it can no longer be claimed, only refunded")]
    ClaimExpired {
        id: u64,
        timelock: Timestamp,
        now: Timestamp,
    },

    #[error("lock {id} cannot be refunded before its timelock {timelock} (block time {now})")]
    RefundTooEarly {
        id: u64,
        timelock: Timestamp,
        now: Timestamp,
    },

    #[error("lock {id} was claimed already")]
    AlreadyClaimed { id: u64 },

    #[error("lock {id} was refunded already")]
    AlreadyRefunded { id: u64 },

    #[error("the cw20 hook message is not a lock: {reason}")]
    InvalidHookMessage { reason: String },
}

/// Coins as text: `100ucoina, 5ufee`.
pub fn funds_text(funds: &[Coin]) -> String {
    funds
        .iter()
        .map(Coin::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
