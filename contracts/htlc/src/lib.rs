//! A hashed time-locked contract: the asset locked for a receiver is paid to
//! it by whoever shows the preimage of the lock's hashlock before its
//! timelock, and back to the sender from the timelock on. Two of them, one
//! on each chain, make an atomic swap with no bridge (`btp swap`). The
//! messages, the events and the rules are documented in
//! `btp_types::msg::htlc`.

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
mod lock;
mod query;
mod settle;
pub mod state;

pub use crate::error::ContractError;
