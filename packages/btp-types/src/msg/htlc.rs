//! Hashed time-locked contracts (`contracts/htlc`): atomic swaps between two
//! chains with no bridge, no relayer and no light client.
//!
//! A sender locks one asset (a native coin, or a cw20 token through its
//! `send` hook) for a receiver under a *hashlock* (the SHA-256 of a secret
//! preimage) and a *timelock* (a block time). Before the timelock, anyone who
//! knows the preimage may `claim`: the asset goes to the receiver, and the
//! preimage is recorded in the contract's state and in the `htlc_claimed`
//! event, where the counterparty of a swap reads it. From the timelock on,
//! anyone may `refund`: the asset goes back to the sender. Each lock ends
//! exactly once, claimed or refunded.
//!
//! A swap of X on chain A against Y on chain B: the initiator picks a secret,
//! locks X on A for the counterparty with the hash of the secret and a long
//! timelock; the counterparty checks that lock, then locks Y on B for the
//! initiator with the same hash and a shorter timelock; the initiator claims
//! Y on B, which reveals the secret; the counterparty reads it on B and
//! claims X on A before A's (longer) timelock. `btp swap` drives it.
//!
//! Ids: the contract numbers locks 1, 2, 3… (returned as the response's data
//! and the `id` attribute). A counterparty finds a lock by its hashlock
//! (`locks_by_hashlock`): hashlocks are deliberately not unique, so that
//! nobody can block a lock by front-running it with a dust lock of the same
//! hash; check sender, receiver, asset and timelock of what it finds.
//!
//! Pause (owner only) stops new locks, never `claim` or `refund`: a stopped
//! claim could let a timelock run out while the preimage is already public
//! on the other chain, and a stopped refund would trap the sender's funds.
//! The owner has no power over locked funds.
//!
//! Events: `htlc_locked` (`id`, `sender`, `receiver`, `hashlock` (hex),
//! `timelock` (nanoseconds since the epoch), `asset` (`native` or `cw20`),
//! `denom` (the denom or the cw20 contract), `amount`); `htlc_claimed`
//! (`id`, `hashlock`, `preimage` (hex), `receiver`, `denom`, `amount`);
//! `htlc_refunded` (`id`, `hashlock`, `sender`, `denom`, `amount`).

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{HexBinary, Timestamp, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_ownable::cw_ownable_query;

/// The length of a hashlock: a SHA-256 digest.
pub const HASHLOCK_BYTES: usize = 32;
/// The length of a preimage. Fixed, so that a preimage that one chain's
/// contract accepts is accepted by the other's too (a swap with an HTLC that
/// takes longer preimages on one side could be claimed there only).
pub const PREIMAGE_BYTES: usize = 32;
/// The latest timelock, in seconds after the locking block's time: 366 days.
/// Later is mostly a unit mistake, and would lock the asset that long.
pub const MAX_TIMELOCK_SECS: u64 = 366 * 24 * 60 * 60;
/// The most locks a listing answers.
pub const MAX_LIMIT: u32 = 100;
/// The locks a listing answers when it gives no limit.
pub const DEFAULT_LIMIT: u32 = 30;

/// Creates an HTLC contract.
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner, who alone may pause new locks; the sender of the
    /// instantiation when absent.
    pub owner: Option<String>,
}

/// Everything the contract accepts.
#[cw_serde]
pub enum ExecuteMsg {
    /// Locks the attached native coin (exactly one denom, not zero) for
    /// `receiver`. The response's data is the new lock's id (JSON number).
    Lock {
        /// The account the asset goes to when it is claimed.
        receiver: String,
        /// SHA-256 of the preimage: 32 bytes, as 64 hex digits or base64.
        hashlock: String,
        /// The block time from which on the lock can no longer be claimed and
        /// can be refunded; after this block's time, and at most
        /// [`MAX_TIMELOCK_SECS`] after it.
        timelock: Timestamp,
    },
    /// The cw20 `Receive` hook of a token's `send`: `msg` is a JSON
    /// [`ReceiveMsg`]; the sent tokens are locked, the `send`'s sender is the
    /// lock's sender. The response's data is the new lock's id.
    Receive(Cw20ReceiveMsg),
    /// Pays lock `id` to its receiver, if `preimage` hashes to its hashlock
    /// and its timelock has not come. Anyone may call it (the asset only goes
    /// to the receiver); no funds may be attached.
    Claim {
        /// The lock.
        id: u64,
        /// The secret: [`PREIMAGE_BYTES`] bytes, hex.
        preimage: HexBinary,
    },
    /// Pays lock `id` back to its sender, from its timelock on, if it was
    /// not claimed. Anyone may call it (the asset only goes to the sender);
    /// no funds may be attached. Never paused.
    Refund {
        /// The lock.
        id: u64,
    },
    /// Owner only: stops (`true`) or resumes (`false`) new locks. Claims and
    /// refunds are never stopped.
    SetPaused {
        /// The new state.
        paused: bool,
    },
    /// Owner: proposes, accepts or renounces ownership (`cw-ownable`).
    UpdateOwnership(cw_ownable::Action),
}

/// The message a sender puts in cw20 `Send { contract: htlc, amount, msg }`.
#[cw_serde]
pub enum ReceiveMsg {
    /// Locks the sent tokens; the fields are those of `ExecuteMsg::Lock`.
    Lock {
        /// The account the tokens go to when they are claimed.
        receiver: String,
        /// SHA-256 of the preimage: 32 bytes, as 64 hex digits or base64.
        hashlock: String,
        /// The block time from which on the lock can no longer be claimed
        /// and can be refunded.
        timelock: Timestamp,
    },
}

/// What the contract answers.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// Whether new locks are paused, and how many locks were made.
    #[returns(ConfigResponse)]
    Config {},
    /// One lock.
    #[returns(LockResponse)]
    Lock {
        /// The lock's id.
        id: u64,
    },
    /// The locks `sender` made, by ascending id.
    #[returns(LocksResponse)]
    LocksBySender {
        /// The sender.
        sender: String,
        /// Only ids above this one (the last id of the previous page).
        start_after: Option<u64>,
        /// At most this many ([`DEFAULT_LIMIT`] when absent, at most [`MAX_LIMIT`]).
        limit: Option<u32>,
    },
    /// The locks made for `receiver`, by ascending id.
    #[returns(LocksResponse)]
    LocksByReceiver {
        /// The receiver.
        receiver: String,
        /// Only ids above this one (the last id of the previous page).
        start_after: Option<u64>,
        /// At most this many ([`DEFAULT_LIMIT`] when absent, at most [`MAX_LIMIT`]).
        limit: Option<u32>,
    },
    /// The locks under `hashlock`, by ascending id: how a swap's counterparty
    /// finds the lock made for it.
    #[returns(LocksResponse)]
    LocksByHashlock {
        /// SHA-256 of the preimage: 32 bytes, as 64 hex digits or base64.
        hashlock: String,
        /// Only ids above this one (the last id of the previous page).
        start_after: Option<u64>,
        /// At most this many ([`DEFAULT_LIMIT`] when absent, at most [`MAX_LIMIT`]).
        limit: Option<u32>,
    },
    /// The preimage of `hashlock`, once a claim revealed it.
    #[returns(PreimageResponse)]
    Preimage {
        /// SHA-256 of the preimage: 32 bytes, as 64 hex digits or base64.
        hashlock: String,
    },
}

/// An amount of one asset.
#[cw_serde]
pub enum Asset {
    /// A native coin.
    Native {
        /// The denom.
        denom: String,
        /// The amount.
        amount: Uint128,
    },
    /// A cw20 token.
    Cw20 {
        /// The token contract.
        token: String,
        /// The amount.
        amount: Uint128,
    },
}

impl Asset {
    /// The amount.
    pub fn amount(&self) -> Uint128 {
        match self {
            Self::Native { amount, .. } | Self::Cw20 { amount, .. } => *amount,
        }
    }

    /// The denom of a native coin, the contract of a cw20 token.
    pub fn denom(&self) -> &str {
        match self {
            Self::Native { denom, .. } => denom,
            Self::Cw20 { token, .. } => token,
        }
    }

    /// Whether it is the same coin or token as `other`, whatever the amounts.
    pub fn same_kind(&self, other: &Self) -> bool {
        matches!(
            (self, other),
            (Self::Native { denom: a, .. }, Self::Native { denom: b, .. })
            | (Self::Cw20 { token: a, .. }, Self::Cw20 { token: b, .. }) if a == b
        )
    }
}

impl std::fmt::Display for Asset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Native { denom, amount } => write!(f, "{amount}{denom}"),
            Self::Cw20 { token, amount } => write!(f, "{amount} of cw20 {token}"),
        }
    }
}

/// Where a lock stands.
#[cw_serde]
pub enum LockState {
    /// Neither claimed nor refunded (see `expired` for whether it still can
    /// be claimed).
    Open,
    /// Paid to the receiver; the preimage is revealed.
    Claimed,
    /// Paid back to the sender.
    Refunded,
}

/// Answer of `config`.
#[cw_serde]
pub struct ConfigResponse {
    /// Whether new locks are stopped.
    pub paused: bool,
    /// How many locks were made: the id of the last one (0 before the first).
    pub lock_count: u64,
}

/// Answer of `lock`, and one lock of a listing.
#[cw_serde]
pub struct LockResponse {
    /// The lock's id.
    pub id: u64,
    /// Who locked the asset, and gets it back on refund.
    pub sender: String,
    /// Who gets the asset on claim.
    pub receiver: String,
    /// What is locked.
    pub asset: Asset,
    /// SHA-256 of the preimage.
    pub hashlock: HexBinary,
    /// The block time from which on it can no longer be claimed and can be refunded.
    pub timelock: Timestamp,
    /// The block time it was locked at.
    pub locked_at: Timestamp,
    /// Where it stands.
    pub state: LockState,
    /// Whether the timelock has come (at the queried block's time): an open
    /// lock that is expired can only be refunded.
    pub expired: bool,
    /// The preimage, once claimed.
    pub preimage: Option<HexBinary>,
}

/// Answer of the listings.
#[cw_serde]
pub struct LocksResponse {
    /// The locks, by ascending id.
    pub locks: Vec<LockResponse>,
}

/// Answer of `preimage`.
#[cw_serde]
pub struct PreimageResponse {
    /// The hashlock asked about.
    pub hashlock: HexBinary,
    /// Its preimage, once a claim revealed it; absent before.
    pub preimage: Option<HexBinary>,
    /// The lock whose claim revealed it (the first one, when several share
    /// the hashlock).
    pub claimed_id: Option<u64>,
}

/// Reads a hashlock given as 64 hex digits or as base64 of 32 bytes.
pub fn parse_hashlock(text: &str) -> Result<[u8; HASHLOCK_BYTES], String> {
    let text = text.trim();
    let bytes = if text.len() == 2 * HASHLOCK_BYTES && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        HexBinary::from_hex(text)
            .map_err(|err| err.to_string())?
            .to_vec()
    } else {
        cosmwasm_std::Binary::from_base64(text)
            .map_err(|_| {
                format!(
                    "{text:?} is neither {} hex digits nor base64",
                    2 * HASHLOCK_BYTES
                )
            })?
            .to_vec()
    };
    <[u8; HASHLOCK_BYTES]>::try_from(bytes.as_slice()).map_err(|_| {
        format!(
            "{} bytes; a SHA-256 hashlock is {HASHLOCK_BYTES}",
            bytes.len()
        )
    })
}
