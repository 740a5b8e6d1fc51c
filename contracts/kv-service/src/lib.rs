//! The sample data service of cw-btp (`svc = "kv"`): a key-value lookup
//! across chains. One chain asks, the other answers in the reply the message
//! center commits for it. It is also the template for a team's own service
//! handler: a request out through `send_message`, a delivery and a reply in
//! from the message center alone. Its messages live in
//! `btp_types::msg::kv_service`.

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

mod answer;
mod ask;
pub mod contract;
pub mod error;
mod publish;
mod query;
pub mod state;

pub use crate::error::ContractError;
