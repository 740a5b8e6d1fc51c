//! Plumbing every cw-btp contract shares, written once: the `cw2` version
//! check on migration, the pause switch, and a service handler's plumbing
//! ([`service`]).

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

pub mod cw20;
pub mod migrate;
pub mod ownership;
pub mod pause;
pub mod service;
pub mod stored;
pub mod timeout;
