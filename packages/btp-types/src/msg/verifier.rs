//! The CometBFT light-client verifier (BTP's BMV).

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, Timestamp};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

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
    /// The trusted consensus state at `client_state.latest_height`.
    pub consensus_state: ConsensusState,
}

/// What the verifier does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {}

/// What the verifier answers.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
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
    /// Succeeds only when `proof` proves that `path` holds `value` in the
    /// remote chain's state committed by the trusted header at `height`, and
    /// the client is active; an error says why otherwise.
    #[returns(VerifiedResponse)]
    VerifyMembership {
        /// The height of the trusted header whose app hash is the root.
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
        /// The height of the trusted header whose app hash is the root.
        height: u64,
        /// Where nothing may be stored, outermost first.
        path: Vec<Binary>,
        /// The proof of absence.
        proof: Binary,
    },
    /// [`QueryMsg::VerifyMembership`] for many entries at one height, in one
    /// query: the message center proves a whole relayed batch with it. Fails
    /// if any entry fails, naming its index.
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

/// Answer of a successful verification.
#[cw_serde]
pub struct VerifiedResponse {
    /// The height whose app hash the proofs were checked against.
    pub height: u64,
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

/// Answer to `latest_height`.
#[cw_serde]
pub struct LatestHeightResponse {
    /// The highest trusted height.
    pub height: u64,
}
