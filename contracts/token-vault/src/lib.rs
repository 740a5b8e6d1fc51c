//! The token vault of cw-btp: custody of home coins, the minter of wrapped
//! foreign coins, and the keeper of the liquidity pools of coins issued on
//! several chains. Only the token handler moves transfers' value; liquidity
//! providers deposit into and withdraw from pools themselves. Its messages
//! live in `btp_types::msg::token_vault`, whose module doc describes the
//! pools, their books, their fees and their events.

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
mod liquidity;
mod mint;
pub mod pool;
pub mod query;
mod receive;
pub mod register;
mod release;
mod settle;
pub mod state;

pub use crate::error::ContractError;
