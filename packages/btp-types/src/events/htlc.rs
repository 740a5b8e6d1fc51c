//! The HTLC's events.

use cosmwasm_std::{HexBinary, Uint128};

typed_events! {
    /// Coins were locked under a hashlock.
    HtlcLocked = "htlc_locked" {
        id: u64,
        sender: String,
        receiver: String,
        hashlock: HexBinary,
        /// Nanoseconds.
        timelock: u64,
        /// `native` or `cw20`.
        asset: String,
        /// The denom, or the CW20 contract.
        denom: String,
        amount: Uint128,
    }

    /// A lock was claimed with its preimage.
    HtlcClaimed = "htlc_claimed" {
        id: u64,
        hashlock: HexBinary,
        preimage: HexBinary,
        receiver: String,
        denom: String,
        amount: Uint128,
    }

    /// An expired lock went back to its sender.
    HtlcRefunded = "htlc_refunded" {
        id: u64,
        hashlock: HexBinary,
        sender: String,
        denom: String,
        amount: Uint128,
    }
}
