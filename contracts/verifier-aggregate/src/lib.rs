//! The aggregating verifier of cw-btp: a link that requires the agreement of
//! k of n verifiers (for example the CometBFT light client and a committee),
//! so that one broken verifier cannot forge a message. Its messages, the
//! proof format, how answers combine and the events live in
//! `btp_types::msg::verifier_aggregate`.

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

pub mod config;
pub mod contract;
pub mod error;
pub mod state;
pub mod verify;

pub use crate::error::{ContractError, VerifierFailure};
