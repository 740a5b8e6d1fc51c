//! The CometBFT light-client verifier of cw-btp (BTP's BMV). Its messages live
//! in `btp_types::msg::verifier_tendermint`, whose documentation also gives the height
//! convention, the binary formats and the events.

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
pub mod crypto;
pub mod error;
pub mod header;
pub mod light_client;
pub mod membership;
pub mod misbehaviour;
pub mod proof_specs;
pub mod recover;
pub mod state;
pub mod status;
pub mod trusted_state;
pub mod update_client;
pub mod verifier_query;

#[cfg(any(test, feature = "test-utils"))]
// Named test_*.rs: fixture readers for tests and the gas benchmark, never in an artifact.
#[path = "test_fixtures.rs"]
pub mod testing;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
