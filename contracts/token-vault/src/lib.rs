//! The token vault of cw-btp: custody of home coins and the minter of wrapped
//! foreign coins. Only the token handler may move anything. Its messages live
//! in `btp_types::msg::token_vault`.

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

mod auth;
mod burn;
pub mod contract;
pub mod error;
mod mint;
pub mod query;
mod receive;
pub mod register;
mod release;
mod settle;
pub mod state;

pub use crate::error::ContractError;
