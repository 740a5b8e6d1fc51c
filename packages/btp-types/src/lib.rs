//! What crosses between the chains and between the contracts of cw-btp.
//!
//! A client or another contract depends on this crate alone: it holds the
//! BTP wire format (ICON RLP, the BTP message, the token service messages),
//! validated network and BTP addresses, the error-code table, every
//! contract's JSON messages, and the storage keys a relayer must compute.

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

pub mod address;
pub mod call_message;
pub mod cw20_base;
pub mod error_code;
pub mod events;
pub mod keys;
pub mod message;
pub mod msg;
pub mod rlp;
pub mod token_service;

pub use address::{AddressError, BtpAddress, NetworkAddress};
pub use message::{
    BtpMessage, CodecError, ErrorMessage, FeeInfo, MessageCenterMessage, MessageKind,
};
pub use token_service::{Asset, TokenServiceMessage, TransferRequest, TransferResponse};
