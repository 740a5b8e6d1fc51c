//! The CometBFT light-client verifier of cw-btp (BTP's BMV). Its messages live
//! in `btp_types::msg::verifier_tendermint`, whose documentation also gives the height
//! convention, the binary formats, the rules of trust in time and the events.
//!
//! In short, beyond ibc-go's 07-tendermint client: a consensus state past its
//! trusting period proves nothing even before it is pruned
//! ([`status::ensure_unexpired`]); a trusted state given by a person, at
//! instantiation or recovery, must fit this chain's clock
//! ([`trusted_state::check_trusted_state_time`]); proof specs whose limits
//! `ics23` would not enforce, whose leaves do not delimit key and value, or
//! whose inner prefixes may be shorter than the leaf prefix, are refused
//! ([`proof_specs::check_spec`]); every proof's leaf prefix must be exactly
//! its spec's, or IAVL's node prefix under a spec `ics23` takes for IAVL's,
//! so that a stored key `X ‖ len ‖ k` cannot prove `k`
//! ([`proof_specs::check_leaf_prefix`]); and every answer says when its
//! consensus state was stored on this chain ([`state::trusted_at`]; `None`
//! for states stored by 0.2.0).

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
