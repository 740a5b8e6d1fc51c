//! The call service of cw-btp (`svc = "xcall"`): a contract or account on
//! one chain calls a contract on another, and learns the outcome; a call
//! that fails or times out is rolled back on its sender, once. In the model
//! of ICON's BTP xCall, byte-compatible with its `CSMessage` payloads
//! (`btp_types::call_message`); messages in `btp_types::msg::call_service`,
//! which also says how a call travels. Built on the service kit
//! (`contract_kit::service`).

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
pub mod error;
mod incoming;
mod outcome;
mod query;
mod send;
pub mod state;
#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
