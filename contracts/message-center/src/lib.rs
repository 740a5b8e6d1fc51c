//! The message center of cw-btp (BTP's BMC): links to remote networks,
//! ordered exactly-once delivery of proven messages, replies and relay fees.
//! Its messages live in `btp_types::msg::message_center`; the events it emits
//! are documented there.

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

pub mod admin;
pub mod commit;
pub mod contract;
pub mod delivery;
pub mod error;
pub mod migrate;
pub mod query;
pub mod relay;
pub mod retry;
pub mod reward;
pub mod route;
pub mod send;
pub mod state;
pub mod timeout;
pub mod verifier_relay;

pub use crate::error::ContractError;
