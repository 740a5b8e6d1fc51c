//! Every way the aggregate verifier refuses a call, each with the context that explains it.

use contract_kit::migrate::MigrationError;
use contract_kit::pause::PauseError;
use cosmwasm_std::StdError;
use cw_ownable::OwnershipError;

/// One verifier that did not prove the fact, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierFailure {
    /// The verifier's address.
    pub verifier: String,
    /// Its error (or why its answer was not accepted).
    pub error: String,
}

fn list(failures: &[VerifierFailure]) -> String {
    if failures.is_empty() {
        return "no verifier failed".into();
    }
    failures
        .iter()
        .map(|f| format!("{}: {}", f.verifier, f.error))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every way the aggregate verifier refuses a call.
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
    #[error("threshold {threshold} is out of range for {verifiers} verifiers: it must be at least 1 and at most their number")]
    InvalidThreshold { threshold: u32, verifiers: usize },
    #[error("{verifiers} verifiers are more than the {max} a set may have")]
    TooManyVerifiers { verifiers: usize, max: usize },
    #[error("verifier {index} ({address:?}) is not usable: {reason}")]
    InvalidVerifier {
        index: usize,
        address: String,
        reason: String,
    },
    #[error("verifier {index} is the same contract as verifier {first} ({address})")]
    DuplicateVerifier {
        index: usize,
        first: usize,
        address: String,
    },

    // Proofs.
    #[error("malformed aggregate proof: {reason}")]
    MalformedProof { reason: String },
    #[error(
        "sub-proof {position} names verifier {verifier}, which is not in the set of {verifiers}"
    )]
    UnknownVerifier {
        position: usize,
        verifier: String,
        verifiers: usize,
    },
    #[error("sub-proofs {first_position} and {position} are both for verifier {verifier}: a verifier counts once")]
    DuplicateProofVerifier {
        verifier: String,
        first_position: usize,
        position: usize,
    },
    #[error("the proof has sub-proofs for {proofs} verifiers, but {threshold} of the {verifiers} must prove the fact")]
    TooFewProofs {
        proofs: usize,
        threshold: u32,
        verifiers: usize,
    },
    #[error("{agreeing} verifiers proved the fact, but {threshold} of the {verifiers} must; failures: {}", list(.failures))]
    BelowThreshold {
        agreeing: usize,
        threshold: u32,
        verifiers: usize,
        failures: Vec<VerifierFailure>,
    },
}
