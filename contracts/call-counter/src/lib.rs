//! The sample dApp of the call service (`contracts/call-service`): a counter
//! that other chains increment with cross-chain calls.
//!
//! * `send { to, data, rollback, timeout_secs }` calls `to` on another chain
//!   through the call service (the funds, the route's fee, are forwarded).
//! * `handle_call_message { from, data }`, from the call service only: a call
//!   from another chain increments the counter and records `from` and `data`,
//!   unless `data` is `fail` ([`FAIL`]), which fails (so that a test can make
//!   a call fail); a rollback (`from` = the call service's own BTP address)
//!   is counted, or fails while `refuse_rollbacks` is set (so that a test can
//!   make a rollback fail, then let its retry succeed).

// Code that runs inside a contract must never panic: a panic aborts the
// transaction with no useful error. Tests are exempt.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod contract;
pub mod msg;

/// The call data on which the counter fails.
pub const FAIL: &[u8] = b"fail";

/// Every way the counter refuses a call.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] cosmwasm_std::StdError),
    #[error(transparent)]
    Migration(#[from] contract_kit::migrate::MigrationError),
    #[error(
        "only the call service ({call_service}) calls handle_call_message; {sender} is not it"
    )]
    NotCallService {
        sender: String,
        call_service: String,
    },
    #[error("only the admin may do this")]
    NotAdmin,
    #[error("the call from {from} asked to fail")]
    CallRefused { from: String },
    #[error("rollbacks are refused for now (refuse_rollbacks is set)")]
    RollbackRefused,
    #[error("the counter overflowed")]
    Overflow,
}
