//! The message center of cw-btp (BTP's BMC). Its messages live in
//! `btp_types::msg::message_center`.

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
pub mod state;

pub use crate::error::ContractError;
