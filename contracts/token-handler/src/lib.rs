//! The token handler of cw-btp: BTP's token transfer service (`svc = "bts"`).
//! Its messages and events are documented in `btp_types::msg::token_handler`.

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
pub mod coins;
pub mod contract;
pub mod error;
pub mod incoming;
pub mod outcome;
pub mod pool;
pub mod query;
pub mod rate_limit;
pub mod send;
pub mod state;
#[cfg(test)]
mod tests;
pub mod timeout;

pub use crate::error::ContractError;
