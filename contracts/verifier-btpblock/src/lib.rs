//! The ICON BTP v2 block verifier of cw-btp (BTP's BMV for network type
//! `eth`): ICON's own `BTPMessageVerifier` (btp2-java) as a CosmWasm
//! contract. Its messages live in `btp_types::msg::verifier_btpblock`, whose
//! documentation gives the formats, the message center's call and the events.

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

pub mod bmv;
pub mod codec;
pub mod contract;
pub mod error;
pub mod instantiate;
pub mod query;
pub mod signatures;
pub mod state;
#[cfg(any(test, feature = "test-utils"))]
pub mod test_utils;
pub mod tree;
pub mod verify_relay_message;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
