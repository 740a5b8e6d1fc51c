//! The CometBFT light-client verifier (BTP's BMV): its own messages, and the
//! tendermint-specific types (client and consensus state, ICS-23 proof specs)
//! that no other verifier kind shares. It answers the generic
//! [`VerifierQuery`] of [`super::verifier`] too, with ICS-23 proofs into the
//! remote `wasm` store.
//!
//! # Heights
//!
//! Every height here is a block height of the remote chain. A consensus state
//! stored at height `H` holds the app hash of header `H`, which commits to the
//! remote state *after block `H - 1`*: the state a CometBFT `abci_query` at
//! height `H - 1` proves (IAVL store version `H - 1`). So a relayer that
//! queries a proof at height `Q` first updates the client to header `Q + 1`
//! and then passes `height = Q + 1` to the membership queries (ibc-go's
//! convention for the proof height).
//!
//! # Binary inputs
//!
//! Headers and misbehaviour evidence are protobuf, as ibc-go's 07-tendermint
//! client takes them (`ibc.lightclients.tendermint.v1.Header` and
//! `.Misbehaviour`, with CometBFT 0.38's `tendermint.types` messages inside);
//! proofs are ibc-go's `MerkleProof`. JSON would cost as much gas to parse as
//! the signatures cost to check.
//!
//! # The message center's questions
//!
//! [`VerifierQuery`] (`QueryMsg::Btp`) is answered by the membership checks
//! of [`LightClientQuery::VerifyMembership`] and
//! [`LightClientQuery::VerifyNonMembership`], on a key of the remote chain's
//! `wasm` store that the verifier computes itself from the question (see
//! [`crate::keys`]). It decodes `center` from its bech32 address (any
//! prefix; 20 or 32 bytes of data, else the query fails) into the canonical
//! address `c` under which wasmd keeps the contract's state, then:
//! - `verify_commitment` proves that
//!   `["wasm", wasm_store_key(c, commitment_storage_key(counterpart, sequence))]`
//!   holds `head`, which must be 32 bytes;
//! - `verify_receive_state` proves that
//!   `["wasm", wasm_store_key(c, receipt_storage_key(counterpart))]` holds
//!   `receipt_value(rx_seq)` (eight big-endian bytes), or, for `rx_seq = 0`,
//!   that nothing is stored there: `proof` is then a non-existence proof.
//!
//! `proof` is ibc-go's `MerkleProof`, `height` follows the convention above
//! (a proof queried at `Q` is checked at `height = Q + 1`), and the path has
//! two keys, so the client's proof specs must be a Cosmos SDK chain's
//! ([`ProofSpec::cosmos_sdk`]). Both queries refuse whenever the membership
//! queries do (frozen or expired client, no trusted header at `height`, a
//! trusted header at `height` past its trusting period, a proof that does
//! not reach its app hash), and the answer is that of every
//! [`VerifiedResponse`] of this contract (see below).
//!
//! # Trust in time
//!
//! - **Expired consensus states prove nothing.** A consensus state whose
//!   time is a trusting period or more before this chain's block time is
//!   refused as the root of any proof (`ConsensusStateExpired`, naming the
//!   height and when its trust ended), even while the client is active and
//!   before the state is pruned (ibc-go still uses it until pruning).
//!   Misbehaviour evidence is verified from unexpired states only, so an
//!   expired state could no longer be shown to be a fork. This holds for
//!   `verify_receive_state` (which decides timeouts and refunds), for
//!   `verify_commitment` (a delivery), and for the light client's own
//!   membership queries alike: a relayer proves at a recent height instead.
//! - **A new trusted state must fit this chain's clock.** At instantiation
//!   and at an owner's recovery, the consensus state's time must be neither
//!   beyond the trusting period (`TrustedStateExpired`) nor ahead of this
//!   chain's block time by more than the maximum clock drift, that is
//!   `timestamp <= now + max_clock_drift` (`TrustedStateFromTheFuture`): a
//!   state from the future would make every honest header fail as not later
//!   than it while the client reported itself active.
//! - **When a state was trusted.** Every [`VerifiedResponse`] carries the
//!   remote chain's `height` and the `timestamp` of the trusted header
//!   there, and `trusted_at`: this chain's block time and height when the
//!   consensus state at `height` was stored (by instantiation,
//!   `update_client` or `recover_client`; ibc-go's processed time and
//!   height), for links with a delay period. It never changes while the
//!   state is kept (the same header again is a no-op) and is pruned with the
//!   state. Consensus states stored by version 0.2.0 of this contract, which
//!   did not record the moment, answer `trusted_at: None` (never an error,
//!   never a made-up moment): a link with a delay period refuses their
//!   proofs, and a proof at a height trusted after the upgrade answers it.
//!
//! # Events
//!
//! Every response carries `action` in the `wasm` event:
//! - `instantiate`: `owner`, `chain_id`, `trusted_height`, `app_hash`.
//! - `update_client`: `height`, `trusted_height`, `result` (`updated`, `noop`
//!   for a header already trusted, `frozen` when the verified header proved
//!   misbehaviour); after verification also `signatures` (how many were
//!   checked) and `app_hash` (hex); then `latest_height` (updated),
//!   `frozen_height` (frozen), and `pruned_height` when the oldest consensus
//!   state had expired and was removed.
//! - `submit_misbehaviour`: `kind` (`conflicting_headers` or
//!   `time_violation`), `frozen_height`, `signatures`.
//! - `recover_client`: the new `chain_id`, `latest_height` and `app_hash`.
//! - `update_ownership`, `migrate`: from `contract-kit`.
//!
//! Changes of trust are loud: freezing adds an event `verifier_client_frozen`
//! (`height`, `kind`, `evidence`), an owner's recovery an event
//! `verifier_trust_replaced_by_owner` (`owner`, previous and new chain id,
//! height, app hash, and `warning`), and a migration an event
//! `verifier_code_migrated_by_admin`. On chain they appear with the `wasm-`
//! prefix.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, Timestamp};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

pub use super::verifier::{Counterpart, TrustedAt, VerifiedResponse, VerifierQuery};

/// The fraction of the trusted validator set's voting power that must have
/// signed a header that skips ahead (ibc-go's default is 1/3).
#[cw_serde]
#[derive(Copy, Eq)]
pub struct TrustThreshold {
    /// Numerator, at least 1.
    pub numerator: u64,
    /// Denominator, at least the numerator.
    pub denominator: u64,
}

impl TrustThreshold {
    /// One third, the CometBFT light client's default.
    pub const ONE_THIRD: Self = Self {
        numerator: 1,
        denominator: 3,
    };
}

/// What the light client knows of the remote chain as a whole (ibc-go's
/// 07-tendermint client state).
#[cw_serde]
pub struct ClientState {
    /// The remote chain's id; headers of any other chain are rejected.
    pub chain_id: String,
    /// Voting power that must have signed a skipping header.
    pub trust_level: TrustThreshold,
    /// How long, in seconds, a trusted header may be used to verify newer ones.
    pub trusting_period_secs: u64,
    /// The remote chain's unbonding period, in seconds; longer than the trusting period.
    pub unbonding_period_secs: u64,
    /// How far, in seconds, a header's time may be ahead of this chain's block time.
    pub max_clock_drift_secs: u64,
    /// The highest trusted height.
    pub latest_height: u64,
    /// The height of the misbehaviour that froze the client, if any.
    pub frozen_height: Option<u64>,
    /// The ICS-23 specs of the remote chain's commitment layers, innermost
    /// first: one per proof in a `MerkleProof` and per element of a path. A
    /// Cosmos SDK chain has [`ProofSpec::cosmos_sdk`]: IAVL, then the
    /// multistore's simple Merkle tree.
    pub proof_specs: Vec<ProofSpec>,
}

/// An ICS-23 proof spec (`cosmos.ics23.v1.ProofSpec`): the shape every proof
/// of one commitment layer must have.
#[cw_serde]
#[derive(Eq)]
pub struct ProofSpec {
    /// How leaves are hashed.
    pub leaf_spec: LeafOp,
    /// How inner nodes are hashed.
    pub inner_spec: InnerSpec,
    /// Largest number of inner steps. ICS-23 enforces the depths only when
    /// `min_depth` is set, so this verifier accepts them only as a pair,
    /// `1 <= min_depth <= max_depth`, or both 0 (no limit).
    pub max_depth: i32,
    /// Smallest number of inner steps (0, with `max_depth` 0: no limit).
    pub min_depth: i32,
    /// Whether keys are hashed before they are compared in non-existence proofs.
    pub prehash_key_before_comparison: bool,
}

/// How a leaf is hashed (`cosmos.ics23.v1.LeafOp`).
#[cw_serde]
#[derive(Eq)]
pub struct LeafOp {
    /// The hash of the leaf's image.
    pub hash: HashOp,
    /// The hash applied to the key first.
    pub prehash_key: HashOp,
    /// The hash applied to the value first.
    pub prehash_value: HashOp,
    /// How the lengths of key and value are written. `no_prefix` is
    /// accepted only with a prehashed value: otherwise nothing tells where
    /// the key ends and the value starts (`ab = cd` would prove `a = bcd`).
    pub length: LengthOp,
    /// Bytes every leaf image starts with. A proof's leaf prefix must be
    /// exactly this, or, for a spec of IAVL's shape (`ProofSpec::iavl`), this
    /// followed by exactly IAVL's three varints (height, size, version):
    /// a longer prefix could make a stored key `X ‖ len ‖ k` prove `k`.
    pub prefix: Binary,
}

/// How inner nodes are hashed (`cosmos.ics23.v1.InnerSpec`).
#[cw_serde]
#[derive(Eq)]
pub struct InnerSpec {
    /// The order of children (a permutation of `0..n`).
    pub child_order: Vec<i32>,
    /// Length in bytes of a child's hash as written in an inner node.
    pub child_size: i32,
    /// Shortest prefix of an inner node; at least as long as the leaf
    /// prefix, so that no leaf image can be read as an inner node.
    pub min_prefix_length: i32,
    /// Longest prefix of an inner node (not counting left siblings).
    pub max_prefix_length: i32,
    /// The value of an empty child (empty: none).
    pub empty_child: Binary,
    /// The hash of an inner node.
    pub hash: HashOp,
}

/// A hash function of ICS-23 (`cosmos.ics23.v1.HashOp`).
#[cw_serde]
#[derive(Copy, Eq)]
pub enum HashOp {
    /// No hash: the data itself.
    NoHash,
    /// SHA-256.
    Sha256,
    /// SHA-512.
    Sha512,
    /// Keccak-256.
    Keccak256,
    /// RIPEMD-160.
    Ripemd160,
    /// RIPEMD-160 of SHA-256.
    Bitcoin,
    /// SHA-512/256.
    Sha512256,
    /// BLAKE2b-512.
    Blake2b512,
    /// BLAKE2s-256.
    Blake2s256,
    /// BLAKE3.
    Blake3,
}

/// How a length is written before data (`cosmos.ics23.v1.LengthOp`).
#[cw_serde]
#[derive(Copy, Eq)]
pub enum LengthOp {
    /// Not written.
    NoPrefix,
    /// Protobuf varint.
    VarProto,
    /// RLP length.
    VarRlp,
    /// 32-bit big-endian.
    Fixed32Big,
    /// 32-bit little-endian.
    Fixed32Little,
    /// 64-bit big-endian.
    Fixed64Big,
    /// 64-bit little-endian.
    Fixed64Little,
    /// No length, but the data must be 32 bytes.
    Require32Bytes,
    /// No length, but the data must be 64 bytes.
    Require64Bytes,
}

impl ProofSpec {
    /// An IAVL store (`ics23.IavlSpec`), the inner layer of a Cosmos SDK chain.
    pub fn iavl() -> Self {
        Self {
            leaf_spec: LeafOp::cosmos(),
            inner_spec: InnerSpec {
                child_order: vec![0, 1],
                child_size: 33,
                min_prefix_length: 4,
                max_prefix_length: 12,
                empty_child: Binary::default(),
                hash: HashOp::Sha256,
            },
            max_depth: 0,
            min_depth: 0,
            prehash_key_before_comparison: false,
        }
    }

    /// CometBFT's simple Merkle tree (`ics23.TendermintSpec`), the outer
    /// (multistore) layer of a Cosmos SDK chain.
    pub fn tendermint() -> Self {
        Self {
            leaf_spec: LeafOp::cosmos(),
            inner_spec: InnerSpec {
                child_order: vec![0, 1],
                child_size: 32,
                min_prefix_length: 1,
                max_prefix_length: 1,
                empty_child: Binary::default(),
                hash: HashOp::Sha256,
            },
            max_depth: 0,
            min_depth: 0,
            prehash_key_before_comparison: false,
        }
    }

    /// The specs of a Cosmos SDK chain, innermost first: IAVL, then the
    /// multistore (ibc-go's `commitmenttypes.GetSDKSpecs()`).
    pub fn cosmos_sdk() -> Vec<Self> {
        vec![Self::iavl(), Self::tendermint()]
    }
}

impl LeafOp {
    /// The leaf of both Cosmos SDK layers: SHA-256 of `0x00 ‖ varint
    /// length ‖ key ‖ varint length ‖ SHA-256(value)`.
    fn cosmos() -> Self {
        Self {
            hash: HashOp::Sha256,
            prehash_key: HashOp::NoHash,
            prehash_value: HashOp::Sha256,
            length: LengthOp::VarProto,
            prefix: Binary::new(vec![0]),
        }
    }
}

/// What the light client trusts at one height (ibc-go's consensus state).
#[cw_serde]
pub struct ConsensusState {
    /// The header's time.
    pub timestamp: Timestamp,
    /// The header's app hash: the root of the remote chain's state after the
    /// block before it (so a proof at store version H checks against header H+1).
    pub app_hash: Binary,
    /// Hash of the validator set that signs the next block.
    pub next_validators_hash: Binary,
}

/// Creates a light client from a trusted state, obtained out of band.
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner; the sender of the instantiation when absent.
    pub owner: Option<String>,
    /// The client state; `frozen_height` must be empty.
    pub client_state: ClientState,
    /// The trusted consensus state at `client_state.latest_height`; its
    /// time neither beyond the trusting period nor ahead of this chain's
    /// block time by more than the maximum clock drift (`timestamp <= now +
    /// max_clock_drift`), as for [`ExecuteMsg::RecoverClient`]. It is
    /// trusted from the instantiation's block (`trusted_at`).
    pub consensus_state: ConsensusState,
}

/// What the verifier does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Anyone: verifies a header of the remote chain against a trusted
    /// consensus state (adjacent: signed by more than 2/3 of the trusted next
    /// validator set; skipping: signed by at least the trust level of the
    /// trusted set and by more than 2/3 of its own) and trusts its consensus
    /// state from this block on (the `trusted_at` of later answers at its
    /// height). The same header again changes nothing (`result = noop`); a
    /// valid header that conflicts with a trusted one freezes the client
    /// (`result = frozen`) instead of failing, so that the freeze is kept.
    UpdateClient {
        /// Protobuf `ibc.lightclients.tendermint.v1.Header`: `signed_header`
        /// (1, `tendermint.types.SignedHeader`), `validator_set` (2, the
        /// header's validators), `trusted_height` (3, `ibc.core.client.v1.Height`:
        /// `revision_number` must be the revision in the chain id, as ibc-go
        /// parses it, `revision_height` a height with a trusted consensus
        /// state), `trusted_validators` (4, the trusted header's next
        /// validators; may be left out when equal to `validator_set`, which
        /// saves about a third of the bytes of an adjacent update).
        header: Binary,
    },
    /// Anyone: freezes the client on proof that the remote chain's
    /// validators misbehaved: two headers, each verified like an update
    /// (without the future-time check), either at the same height with
    /// different block hashes, or with `header_1` higher but not later than
    /// `header_2` (a violation of BFT time). Fails when the headers do not
    /// show misbehaviour.
    SubmitMisbehaviour {
        /// Protobuf `ibc.lightclients.tendermint.v1.Misbehaviour`:
        /// `client_id` (1, ignored), `header_1` (2), `header_2` (3), both in
        /// the layout of [`ExecuteMsg::UpdateClient::header`], with
        /// `header_1`'s height at least `header_2`'s.
        misbehaviour: Binary,
    },
    /// Owner only, and only while the client is frozen or expired: trusts a
    /// new consensus state obtained out of band (ibc-go's client recovery),
    /// forgets every consensus state trusted before, and unfreezes. Emits the
    /// event `verifier_trust_replaced_by_owner`.
    RecoverClient {
        /// The remote chain's id after an upgrade that changed it; the
        /// current one when absent.
        chain_id: Option<String>,
        /// The height of the new trusted header; above the current latest
        /// height unless the chain id changes.
        height: u64,
        /// The new trusted consensus state; neither expired nor ahead of this
        /// chain's time by more than the clock drift (`timestamp <= now +
        /// max_clock_drift`, as at instantiation). It is trusted from the
        /// recovery's block (`trusted_at`).
        consensus_state: ConsensusState,
    },
}

/// What the verifier answers: the generic questions of the message center,
/// and those of a CometBFT light client.
#[cw_serde]
#[derive(QueryResponses)]
#[query_responses(nested)]
#[serde(untagged)]
pub enum QueryMsg {
    /// The message center's questions ([`VerifierQuery`]).
    Btp(VerifierQuery),
    /// The light client's own.
    LightClient(LightClientQuery),
}

impl From<VerifierQuery> for QueryMsg {
    fn from(query: VerifierQuery) -> Self {
        Self::Btp(query)
    }
}

impl From<LightClientQuery> for QueryMsg {
    fn from(query: LightClientQuery) -> Self {
        Self::LightClient(query)
    }
}

/// What a CometBFT light client answers besides [`VerifierQuery`].
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum LightClientQuery {
    /// Whether the client can verify anything now.
    #[returns(StatusResponse)]
    Status {},
    /// The client state.
    #[returns(ClientState)]
    ClientState {},
    /// The highest trusted height.
    #[returns(LatestHeightResponse)]
    LatestHeight {},
    /// The consensus state trusted at a height; an error when none is stored.
    #[returns(ConsensusState)]
    ConsensusState {
        /// The remote chain's block height.
        height: u64,
    },
    /// The heights that have a trusted consensus state, ascending: what a
    /// relayer may name as a header's trusted height.
    #[returns(ConsensusHeightsResponse)]
    ConsensusHeights {
        /// Only heights above this one.
        start_after: Option<u64>,
        /// At most this many (default 30, at most 100).
        limit: Option<u32>,
    },
    /// Succeeds only when `proof` proves that `path` holds `value` in the
    /// remote chain's state committed by the trusted header at `height`, the
    /// client is active and that header is within its trusting period; an
    /// error says why otherwise. The answer says when the header was trusted
    /// (see the module documentation).
    #[returns(VerifiedResponse)]
    VerifyMembership {
        /// The height of the trusted header whose app hash is the root: one
        /// more than the height the proof was queried at (see the module
        /// documentation).
        height: u64,
        /// Where the value lives, outermost first (see [`MembershipItem::path`]).
        path: Vec<Binary>,
        /// The value that must be stored there.
        value: Binary,
        /// The proof (see [`MembershipItem::proof`]).
        proof: Binary,
    },
    /// Succeeds only when `proof` proves that nothing is stored at `path` at `height`.
    #[returns(VerifiedResponse)]
    VerifyNonMembership {
        /// The height of the trusted header whose app hash is the root (as
        /// for [`LightClientQuery::VerifyMembership`]).
        height: u64,
        /// Where nothing may be stored, outermost first.
        path: Vec<Binary>,
        /// The proof of absence: ibc-go's `MerkleProof` whose innermost proof
        /// is an ICS-23 non-existence proof and whose others are existence
        /// proofs of the stores' roots.
        proof: Binary,
    },
    /// [`LightClientQuery::VerifyMembership`] for many entries at one
    /// height, in one query. Fails if any entry fails, naming its index. (A
    /// message center needs no batch of proofs: one `verify_commitment` of
    /// the chain head of a relayed batch's last message proves the batch.)
    #[returns(VerifiedResponse)]
    VerifyBatchMembership {
        /// The height of the trusted header whose app hash is the root.
        height: u64,
        /// The entries, each with its own proof.
        items: Vec<MembershipItem>,
    },
}

/// One entry of a batch membership check.
#[cw_serde]
pub struct MembershipItem {
    /// Where the value lives, outermost first. For a Cosmos SDK chain:
    /// `[store name, key in that store]`, e.g. `["wasm", 0x03 ‖ contract ‖ key]`
    /// (ibc-go's `MerklePath`).
    pub path: Vec<Binary>,
    /// The value that must be stored there.
    pub value: Binary,
    /// The protobuf encoding of ibc-go's `MerkleProof` (`repeated
    /// ics23.CommitmentProof proofs = 1`), innermost store first: what a
    /// CometBFT `abci_query` with `prove = true` returns as its two proof ops.
    pub proof: Binary,
}

/// Whether a light client can be used.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum ClientStatus {
    /// Verifies headers and proofs.
    Active,
    /// Misbehaviour was proven: verifies nothing until recovered.
    Frozen,
    /// The latest trusted header is older than the trusting period.
    Expired,
}

/// Answer to `status`.
#[cw_serde]
pub struct StatusResponse {
    /// The status.
    pub status: ClientStatus,
}

/// Answer to `consensus_heights`.
#[cw_serde]
pub struct ConsensusHeightsResponse {
    /// Heights with a trusted consensus state, ascending.
    pub heights: Vec<u64>,
}

/// Answer to `latest_height`.
#[cw_serde]
pub struct LatestHeightResponse {
    /// The highest trusted height.
    pub height: u64,
}
