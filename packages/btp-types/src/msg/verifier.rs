//! The verifier boundary: the two questions a message center asks the
//! verifier of a link, whatever kind of verifier it is.
//!
//! The message center never sees a proof's format or the remote chain's
//! storage layout. It names facts about the remote message center ("it
//! committed this chain head for this sequence of its history with us", "its
//! receive sequence for its history with us was this") and a height of the
//! remote chain; the verifier decides what a proof of the fact is: ICS-23
//! proofs into the remote `wasm` store for a CometBFT light client
//! (`verifier-tendermint`, see [`super::verifier_tendermint`]), a message
//! proof in a BTP block for ICON, signatures for a committee. A verifier of a
//! new kind implements these two queries and plugs into the message center
//! unchanged.
//!
//! Both answer [`VerifiedResponse`] on success, with the remote chain's time
//! at the proven height, and an error that says why otherwise.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, Timestamp};

use crate::address::NetworkAddress;

/// One side of a message center's history: the other network and the
/// address of its message center there, exactly as that chain writes it.
/// A message center keeps one history (sequences and chain heads) per
/// counterpart, for the life of the contract.
#[cw_serde]
#[derive(Eq)]
pub struct Counterpart {
    /// The counterpart's network.
    pub network: NetworkAddress,
    /// The counterpart message center's address on its chain.
    pub center: String,
}

/// The questions every verifier answers for the message center.
#[cw_serde]
#[derive(QueryResponses)]
pub enum VerifierQuery {
    /// Succeeds only when `proof` shows that the remote message center
    /// `center` stored `head` as the chain head of message `sequence` of its
    /// history with `counterpart` (the asking message center), in the remote
    /// chain's state at `height`. The head commits to every message of that
    /// history up to `sequence` (see `crate::keys::chain_head`).
    #[returns(VerifiedResponse)]
    VerifyCommitment {
        /// A height of the remote chain the verifier trusts.
        height: u64,
        /// The remote message center.
        center: String,
        /// The history it committed in: the asking chain's network and message center.
        counterpart: Counterpart,
        /// The message's sequence in that history.
        sequence: u64,
        /// The 32-byte chain head that must be stored.
        head: Binary,
        /// The proof, in the verifier's format.
        proof: Binary,
    },
    /// Succeeds only when `proof` shows that the remote message center
    /// `center` had received exactly `rx_seq` messages of its history with
    /// `counterpart` (nothing stored means 0), in the remote chain's state at
    /// `height`. The answer's time tells how late that state is.
    #[returns(VerifiedResponse)]
    VerifyReceiveState {
        /// A height of the remote chain the verifier trusts.
        height: u64,
        /// The remote message center.
        center: String,
        /// The history: the asking chain's network and message center.
        counterpart: Counterpart,
        /// The receive sequence that must be proven.
        rx_seq: u64,
        /// The proof, in the verifier's format.
        proof: Binary,
    },
}

/// Answer of a successful verification.
#[cw_serde]
pub struct VerifiedResponse {
    /// The remote chain's height the proof was checked at.
    pub height: u64,
    /// The remote chain's block time at that height: every state change the
    /// proof shows happened before it.
    pub timestamp: Timestamp,
    /// When this chain came to trust the remote state the proof was checked
    /// against (for a light client: when the header was accepted). A link
    /// with a delay period accepts a proof only once that state has been
    /// trusted for the delay, so that misbehaviour can be reported first.
    /// `None` from a verifier that has no such moment (a committee's
    /// signatures are trusted when they are shown): a link with a delay
    /// period refuses its proofs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trusted_at: Option<TrustedAt>,
}

/// A moment of this chain (not the remote one).
#[cw_serde]
#[derive(Copy, Eq)]
pub struct TrustedAt {
    /// This chain's block time.
    pub time: Timestamp,
    /// This chain's block height.
    pub height: u64,
}

/// What a verifier that proves messages rather than commitments does for the
/// message center: a verifier of a chain whose own message center keeps no
/// state another chain can prove (ICON's BTP blocks carry the messages
/// themselves, under a Merkle root the validators sign). Such a verifier
/// keeps its own position in the remote chain's message stream, so that it
/// answers each message exactly once, in the order the remote chain sent
/// them; it is stateful, hence an execute message, and only its message
/// center may send it.
#[cw_serde]
pub enum VerifierExecuteMsg {
    /// Verifies `relay_message` (block updates and message proofs, in the
    /// verifier's format) and answers, as the response's data, a JSON
    /// [`VerifiedMessages`]: the messages the relay message proves that were
    /// never answered before. Refused (and nothing changes) when any part
    /// of the relay message does not verify.
    VerifyRelayMessage {
        /// The remote message center whose messages are proven.
        source: Counterpart,
        /// The relay message, in the verifier's format.
        relay_message: Binary,
    },
}

/// Data of the answer to [`VerifierExecuteMsg::VerifyRelayMessage`].
#[cw_serde]
pub struct VerifiedMessages {
    /// The proven messages (BTP messages, RLP), in the remote chain's order;
    /// possibly none (a relay message of block updates only).
    pub messages: Vec<Binary>,
    /// The remote chain's height of the last block the relay message
    /// verified.
    pub height: u64,
}
