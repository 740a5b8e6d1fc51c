//! Every way the committee verifier refuses a call, each with the context that explains it.

use contract_kit::migrate::MigrationError;
use contract_kit::pause::PauseError;
use cosmwasm_std::{StdError, Timestamp};
use cw_ownable::OwnershipError;

/// Every way the committee verifier refuses a call.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),
    #[error(transparent)]
    Ownership(#[from] OwnershipError),
    #[error(transparent)]
    Migration(#[from] MigrationError),
    #[error(transparent)]
    Pause(#[from] PauseError),

    // Configuration.
    #[error("invalid domain: {reason}")]
    InvalidDomain { reason: String },
    #[error("threshold {threshold} is out of range for {signers} signers: it must be at least 1 and at most their number")]
    InvalidThreshold { threshold: u32, signers: usize },
    #[error("{signers} signers are more than the {max} a set may have")]
    TooManySigners { signers: usize, max: usize },
    #[error("signer key {index} is malformed: {reason}")]
    MalformedSignerKey { index: usize, reason: String },
    #[error("signer key {index} is the same as signer key {first}")]
    DuplicateSignerKey { index: usize, first: usize },
    #[error("a rotation delay of {secs} seconds does not fit this chain's clock")]
    InvalidRotationDelay { secs: u64 },

    // Rotation.
    #[error("no signer set is pending")]
    NoPendingSignerSet,
    #[error("the pending signer set can be applied from {activates_at}, not now ({now})")]
    RotationNotDue {
        activates_at: Timestamp,
        now: Timestamp,
    },

    // Attestations.
    #[error("malformed attestation: {reason}")]
    MalformedAttestation { reason: String },
    #[error(
        "signature {position} names signer {signer}, which is not in the current set of {signers}"
    )]
    UnknownSigner {
        position: usize,
        signer: String,
        signers: usize,
    },
    #[error("signatures {first_position} and {position} are both of signer {index}: a signer counts once")]
    DuplicateSigner {
        index: usize,
        first_position: usize,
        position: usize,
    },
    #[error("{signatures} distinct signers signed, but {threshold} of the {signers} signers must")]
    BelowThreshold {
        signatures: usize,
        threshold: u32,
        signers: usize,
    },
    #[error("signature {position} (signer {index}) does not verify: {reason}")]
    InvalidSignature {
        index: usize,
        position: usize,
        reason: String,
    },
}
