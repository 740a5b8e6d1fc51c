//! The committee verifier of cw-btp: k-of-n attestations of a remote message
//! center's commitments by a declared signer set (secp256k1 and ed25519
//! keys, mixed), for chains with no light client in reach. Its messages, the
//! digest signers sign and the events live in
//! `btp_types::msg::verifier_committee`.

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
pub mod rotation;
pub mod signers;
pub mod state;
pub mod verify;

pub use crate::error::ContractError;
