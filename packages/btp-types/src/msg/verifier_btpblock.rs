//! Messages of `verifier-btpblock`: a verifier of ICON BTP v2 blocks (network type `eth`).
//!
//! It is ICON's own BTP-block verifier (btp2-java `BTPMessageVerifier`, the
//! BMV ICON deploys for BTP v2) as a CosmWasm contract: it follows one BTP
//! network of an ICON chain through its BTP block headers, each signed by
//! more than 2/3 of the network type's validators (secp256k1, Ethereum
//! addresses), and proves the BTP messages of each block against the block's
//! `MessagesRoot`. The rules, with references into ICON's sources, are in
//! `fixtures/icon-btp2/ALGORITHM.md`.
//!
//! # The message center's call
//!
//! ICON's BTP blocks carry the messages themselves, so this verifier proves
//! messages rather than commitments: the message center calls
//! [`VerifierExecuteMsg::VerifyRelayMessage`] (the JSON
//! `{"verify_relay_message": {"source": {...}, "relay_message": "..."}}`)
//! and takes the proven messages from the response's data, a JSON
//! [`VerifiedMessages`]. Only the configured message center may call it, and
//! `source` must be exactly the configured ICON network (e.g. `0x1.icon`) and
//! remote message center. The verifier keeps its position in the BTP
//! network's message stream, so each message is answered once, in order; a
//! refused relay message changes nothing. The generic
//! [`super::verifier::VerifierQuery`] questions are refused with an error
//! that says this verifier answers only `verify_relay_message`.
//!
//! # The relay message
//!
//! ICON RLP ("RLPn", see [`crate::rlp`]), exactly as ICON's BMV takes it:
//! `[[ [type, payload], ... ]]`, where type 1 is a BlockUpdate
//! `[header bytes, proof bytes]` and type 2 a MessageProof
//! `[[[numOfLeaf, hash], ...], [message, ...], [[numOfLeaf, hash], ...]]`
//! (proof nodes left of the messages, the messages, proof nodes right of
//! them; null reads as an empty list). The header is the BTP block header
//! `[MainHeight, Round, NextProofContextHash, [[dir, hash], ...], NetworkID,
//! UpdateNumber, Prev, MessageCount, MessagesRoot, NextProofContext]`, the
//! proof `[[signature, ...]]` with 65-byte `R ‖ S ‖ V` signatures (`V` 0 or
//! 1; null for a validator that did not sign). A block update must follow
//! the last verified block (its first message sequence and `Prev`), and all
//! messages of the last block must have been proven before it.
//!
//! # Events
//!
//! Every response carries `action` in the `wasm` event:
//! - `instantiate`: `owner`, `message_center`, `source_network`,
//!   `network_type_id`, `network_id`, `height`, `validators`.
//! - `verify_relay_message`: `height` (of the last verified block),
//!   `block_updates` (how many headers were verified), `messages` (how many
//!   messages were proven), `last_sequence` (the BTP network's message
//!   sequence after them); `validators_changed = true` when a header changed
//!   the validator set.
//! - `set_paused`: `paused`. `update_ownership`: `cw-ownable`'s attributes.
//! - `migrate`: `from_version`, `to_version`.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Binary, HexBinary};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

use crate::address::NetworkAddress;
use crate::msg::verifier::{VerifierExecuteMsg, VerifierQuery};

/// Creates the verifier of one BTP network of an ICON chain, from a BTP
/// block header obtained out of band (the first header ICON's BMV takes).
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner (pause, ownership, migration); the sender of the
    /// instantiation when absent.
    pub owner: Option<String>,
    /// The message center: the only account that may call
    /// `verify_relay_message`.
    pub message_center: String,
    /// The ICON chain's network address, e.g. `0x1.icon`: the `source.network`
    /// the message center must name, and the source network UID the
    /// validators sign (`fmt.Sprintf("0x%x.icon", nid)` on goloop).
    pub source_network: NetworkAddress,
    /// The ICON message center's address (e.g. `cx…`): the `source.center`
    /// the message center must name.
    pub source_center: String,
    /// The id the ICON chain gave its `eth` BTP network type, which the
    /// validators sign (1 on the goloop networks of the fixtures).
    pub network_type_id: u64,
    /// The BTP network id followed; the first header must be of it.
    pub network_id: u64,
    /// The first BTP block header, RLPn, as ICON's BMV constructor takes it
    /// (see the module documentation). Its signatures are not checked: it is
    /// trusted. Its messages are the first ones the verifier proves.
    pub first_header: Binary,
    /// The header's NextProofContext (`[[address, ...]]`, the validator set
    /// that signs the next block), when the header bytes do not carry it;
    /// must hash to the header's NextProofContextHash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_proof_context: Option<Binary>,
}

/// The owner's operations of the verifier.
#[cw_ownable_execute]
#[cw_serde]
pub enum AdminExecuteMsg {
    /// Owner only: stops (`true`) or resumes (`false`) `verify_relay_message`;
    /// queries keep working.
    SetPaused {
        /// The new state.
        paused: bool,
    },
}

/// What the verifier does: the message center's call, and the owner's.
#[cw_serde]
#[serde(untagged)]
pub enum ExecuteMsg {
    /// The message center's call ([`VerifierExecuteMsg::VerifyRelayMessage`]).
    Btp(VerifierExecuteMsg),
    /// The owner's operations.
    Admin(AdminExecuteMsg),
}

impl From<VerifierExecuteMsg> for ExecuteMsg {
    fn from(msg: VerifierExecuteMsg) -> Self {
        Self::Btp(msg)
    }
}

impl From<AdminExecuteMsg> for ExecuteMsg {
    fn from(msg: AdminExecuteMsg) -> Self {
        Self::Admin(msg)
    }
}

/// What the verifier answers: the message center's generic questions (always
/// refused: see the module documentation), and its own.
#[cw_serde]
#[derive(QueryResponses)]
#[query_responses(nested)]
#[serde(untagged)]
pub enum QueryMsg {
    /// The message center's generic questions: refused, with an error saying
    /// that this verifier proves messages through `verify_relay_message`.
    Btp(VerifierQuery),
    /// The verifier's own.
    BtpBlock(BtpBlockQuery),
}

impl From<VerifierQuery> for QueryMsg {
    fn from(query: VerifierQuery) -> Self {
        Self::Btp(query)
    }
}

impl From<BtpBlockQuery> for QueryMsg {
    fn from(query: BtpBlockQuery) -> Self {
        Self::BtpBlock(query)
    }
}

/// The verifier's own questions.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum BtpBlockQuery {
    /// Where the verifier is in the BTP network: the last verified block, the
    /// validators, the messages proven and still to prove.
    #[returns(StatusResponse)]
    Status {},
    /// The configuration given at instantiation.
    #[returns(ConfigResponse)]
    Config {},
}

/// Answer of [`BtpBlockQuery::Status`].
#[cw_serde]
pub struct StatusResponse {
    /// Main height of the last verified BTP block on the ICON chain.
    pub height: u64,
    /// The BTP network id followed.
    pub network_id: u64,
    /// Hash of the last verified block's network section: the `Prev` the
    /// next block update must name.
    pub network_section_hash: HexBinary,
    /// Hash of the validator set's proof context (`NextProofContextHash`).
    pub proof_context_hash: HexBinary,
    /// The validators (20-byte Ethereum addresses) that must sign the next
    /// block; more than 2/3 of them.
    pub validators: Vec<HexBinary>,
    /// Sequence of the first message of the last verified block.
    pub first_message_sn: u64,
    /// Number of messages in the last verified block.
    pub message_count: u64,
    /// MessagesRoot of the last verified block; none once all its messages
    /// are proven.
    pub messages_root: Option<HexBinary>,
    /// The BTP network's message sequence: messages up to (excluding) it are
    /// proven.
    pub last_sequence: u64,
    /// Messages of the last block already proven.
    pub processed_messages: u64,
    /// Messages of the last block still to prove; a block update is accepted
    /// only when this is 0.
    pub remaining_messages: u64,
    /// Whether `verify_relay_message` is stopped.
    pub paused: bool,
}

/// Answer of [`BtpBlockQuery::Config`].
#[cw_serde]
pub struct ConfigResponse {
    /// The only account that may call `verify_relay_message`.
    pub message_center: Addr,
    /// The ICON chain's network address (the signed source network UID).
    pub source_network: NetworkAddress,
    /// The ICON message center's address.
    pub source_center: String,
    /// The BTP network type id the validators sign.
    pub network_type_id: u64,
    /// The BTP network id followed.
    pub network_id: u64,
}
