//! What the contract stores.

use btp_types::msg::htlc::{Asset, LockResponse, LockState};
use cosmwasm_std::{Addr, Empty, HexBinary, Timestamp};
use cw_storage_plus::{Item, Map};
use serde::{Deserialize, Serialize};

/// One lock.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Lock {
    /// Who locked the asset, and gets it back on refund.
    pub sender: Addr,
    /// Who gets it on claim.
    pub receiver: Addr,
    /// What is locked (a cw20 token by its validated contract address).
    pub asset: Asset,
    /// SHA-256 of the preimage.
    pub hashlock: HexBinary,
    /// From this block time on: no claim, refund.
    pub timelock: Timestamp,
    /// The block time it was locked at.
    pub locked_at: Timestamp,
    /// Open, claimed or refunded.
    pub state: LockState,
    /// The preimage, once claimed.
    pub preimage: Option<HexBinary>,
}

impl Lock {
    /// The lock as queries answer it, at block time `now`.
    pub fn response(self, id: u64, now: Timestamp) -> LockResponse {
        LockResponse {
            id,
            expired: now >= self.timelock,
            sender: self.sender.into_string(),
            receiver: self.receiver.into_string(),
            asset: self.asset,
            hashlock: self.hashlock,
            timelock: self.timelock,
            locked_at: self.locked_at,
            state: self.state,
            preimage: self.preimage,
        }
    }
}

/// A preimage a claim revealed, and the lock whose claim did.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Revealed {
    /// The preimage.
    pub preimage: HexBinary,
    /// The first lock claimed with it.
    pub id: u64,
}

/// The id of the last lock (ids are 1, 2, 3…).
pub const LAST_ID: Item<u64> = Item::new("last_id");
/// The locks, by id.
pub const LOCKS: Map<u64, Lock> = Map::new("locks");
/// Ids by sender.
pub const BY_SENDER: Map<(&Addr, u64), Empty> = Map::new("by_sender");
/// Ids by receiver.
pub const BY_RECEIVER: Map<(&Addr, u64), Empty> = Map::new("by_receiver");
/// Ids by hashlock (32 bytes).
pub const BY_HASHLOCK: Map<(&[u8], u64), Empty> = Map::new("by_hashlock");
/// Revealed preimages, by hashlock.
pub const PREIMAGES: Map<&[u8], Revealed> = Map::new("preimages");
