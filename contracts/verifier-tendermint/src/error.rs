//! Every way the verifier refuses a call, each with the context that explains it.

use contract_kit::migrate::MigrationError;
use cosmwasm_std::StdError;
use cw_ownable::OwnershipError;

/// Every way the verifier refuses a call.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),
    #[error(transparent)]
    Ownership(#[from] OwnershipError),
    #[error(transparent)]
    Migration(#[from] MigrationError),

    // Trusted state given by a person.
    #[error("invalid client state: {reason}")]
    InvalidClientState { reason: String },
    #[error("invalid consensus state: {reason}")]
    InvalidConsensusState { reason: String },
    #[error("the consensus state to trust is from the future: its time {timestamp} is after this chain's time {now} plus the maximum clock drift of {max_clock_drift_secs}s (every honest header would then fail as not after it in time)")]
    TrustedStateFromTheFuture {
        timestamp: String,
        now: String,
        max_clock_drift_secs: u64,
    },
    #[error("the consensus state to trust, of time {timestamp}, is already beyond the trusting period: trust in it ended at {expired_at}, now is {now}")]
    TrustedStateExpired {
        timestamp: String,
        expired_at: String,
        now: String,
    },
    #[error("proof spec {layer}: the leaf writes no length ({length}) and does not prehash the value, so key and value are not delimited: a proof of `ab = cd` would also prove `a = bcd`")]
    AmbiguousLeafSpec { layer: usize, length: String },
    #[error("proof spec {layer}: depths {min_depth}..={max_depth}: ICS-23 enforces a maximum depth only together with a minimum one (and a minimum one only with a maximum one); give both (1 <= min_depth <= max_depth) or neither")]
    UnpairedProofDepth {
        layer: usize,
        min_depth: i32,
        max_depth: i32,
    },
    #[error("proof spec {layer}: inner prefixes may be {min_prefix_length} bytes long, shorter than the {leaf_prefix_length}-byte leaf prefix: an inner node could then be read over a leaf image and prove a leaf of the prover's making; min_prefix_length must be at least the leaf prefix's length")]
    InnerPrefixShorterThanLeafPrefix {
        layer: usize,
        min_prefix_length: i32,
        leaf_prefix_length: usize,
    },

    // Status.
    #[error("the client is frozen by misbehaviour at height {height}: it verifies nothing until its owner recovers it")]
    ClientFrozen { height: u64 },
    #[error("the client expired: its latest trusted header (height {height}, time {header_time}) is older than the trusting period; it verifies nothing until its owner recovers it")]
    ClientExpired { height: u64, header_time: String },
    #[error("the client is active: an owner may only recover a frozen or expired client")]
    ClientActive,
    #[error(
        "consensus state at height {height} not found: the client trusts no header at that height"
    )]
    ConsensusStateNotFound { height: u64 },
    #[error("the consensus state at height {height} is beyond the trusting period: trust in it ended at {expired_at}, now is {now}; it proves nothing (prove at a newer height)")]
    ConsensusStateExpired {
        height: u64,
        expired_at: String,
        now: String,
    },

    // Decoding.
    #[error("malformed header: {reason}")]
    MalformedHeader { reason: String },
    #[error("malformed misbehaviour: {reason}")]
    MalformedMisbehaviour { reason: String },

    // Header checks before the light client's.
    #[error("the header is of chain {got:?}, but the client follows {expected:?}")]
    WrongChainId { expected: String, got: String },
    #[error(
        "the trusted height has revision {got}, but chain {chain_id:?} is at revision {expected}"
    )]
    WrongRevision {
        chain_id: String,
        expected: u64,
        got: u64,
    },
    #[error("the header's height {height} must be above its trusted height {trusted_height}")]
    HeaderNotAboveTrustedHeight { height: u64, trusted_height: u64 },
    #[error("the trusted validators hash to {got}, but the consensus state trusted at height {trusted_height} names next validators {expected}")]
    TrustedValidatorsMismatch {
        trusted_height: u64,
        expected: String,
        got: String,
    },

    // The light client's verdicts.
    #[error("the trusted header at height {trusted_height} is beyond the trusting period: trust expired at {expires_at}, now is {now}")]
    TrustingPeriodExpired {
        trusted_height: u64,
        expires_at: String,
        now: String,
    },
    #[error("the header is from the future: its time {header_time} is not before now ({now}) plus the maximum clock drift of {max_clock_drift_secs}s")]
    HeaderFromTheFuture {
        header_time: String,
        now: String,
        max_clock_drift_secs: u64,
    },
    #[error(
        "the header's time {header_time} is not after the trusted header's time {trusted_time}"
    )]
    NonMonotonicTime {
        header_time: String,
        trusted_time: String,
    },
    #[error("the header names validators {header_hash}, but the given validator set hashes to {given_hash}")]
    ValidatorSetMismatch {
        header_hash: String,
        given_hash: String,
    },
    #[error("the header at the height after the trusted one names validators {header_hash}, but the trusted header's next validators are {trusted_hash}")]
    NextValidatorSetMismatch {
        header_hash: String,
        trusted_hash: String,
    },
    #[error("the commit signs block {commit_hash}, but the header hashes to {header_hash}")]
    HeaderCommitMismatch {
        header_hash: String,
        commit_hash: String,
    },
    #[error("the commit has {signatures} signature slots for {validators} validators")]
    CommitLengthMismatch {
        signatures: usize,
        validators: usize,
    },
    #[error("the commit has no signature")]
    NoSignatures,
    #[error("a commit vote has no signature")]
    MissingSignature,
    #[error("validator {validator} signed the commit more than once")]
    DuplicateSigner { validator: String },
    #[error("validator {validator} signed the commit but is not in the header's validator set")]
    UnknownSigner { validator: String },
    #[error("too little voting power signed: {tallied} of {total} of the {set} validator set, more than {threshold} is needed")]
    InsufficientVotingPower {
        set: &'static str,
        tallied: u64,
        total: u64,
        threshold: String,
    },
    #[error("invalid signature of validator {validator}")]
    InvalidSignature { validator: String },
    #[error("the header does not verify: {reason}")]
    HeaderVerification { reason: String },

    // Misbehaviour.
    #[error("no misbehaviour: {reason}")]
    NotMisbehaviour { reason: String },

    // Owner recovery.
    #[error("a recovery must trust a height above the latest trusted height {latest_height} (got {height}) unless the chain id changes")]
    RecoveryHeightNotAbove { height: u64, latest_height: u64 },

    // Membership.
    #[error("the path has {got} keys, but the client's proof specs have {expected} layers")]
    PathLength { got: usize, expected: usize },
    #[error("key {index} of the path is empty")]
    EmptyPathKey { index: usize },
    #[error("the value to prove is empty: an empty value cannot be proven present")]
    EmptyValue,
    #[error("malformed proof: {reason}")]
    MalformedProof { reason: String },
    #[error("the proof has {got} layers, but the client's proof specs have {expected}")]
    ProofLayers { got: usize, expected: usize },
    #[error("proof layer {layer} must be an ICS-23 {expected} proof")]
    WrongProofKind {
        layer: usize,
        expected: &'static str,
    },
    #[error("proof layer {layer} does not prove {claim} of key {key} under its spec")]
    ProofFailed {
        layer: usize,
        claim: &'static str,
        key: String,
    },
    #[error("proof layer {layer}: the leaf of key {key} has prefix {prefix}, but its spec requires {expected}: a longer prefix could take in the first bytes of a stored key `X ‖ len ‖ k` and so prove `k`")]
    UnexpectedLeafPrefix {
        layer: usize,
        key: String,
        prefix: String,
        expected: String,
    },
    #[error("the proof's root {got} is not the app hash {expected} trusted at height {height}")]
    RootMismatch {
        height: u64,
        expected: String,
        got: String,
    },
    #[error("batch item {index}: {source}")]
    BatchItem {
        index: usize,
        source: Box<ContractError>,
    },
    #[error("the batch is empty")]
    EmptyBatch,

    // The message center's questions.
    #[error(
        "remote message center {address:?} is not a bech32 address of 20 or 32 bytes: {reason}"
    )]
    InvalidRemoteCenter { address: String, reason: String },
    #[error("a chain head is 32 bytes, but the claimed head has {got}")]
    InvalidHead { got: usize },
}

impl ContractError {
    pub(crate) fn malformed_header(reason: impl ToString) -> Self {
        Self::MalformedHeader {
            reason: reason.to_string(),
        }
    }
}
