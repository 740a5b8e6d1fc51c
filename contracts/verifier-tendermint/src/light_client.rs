//! Verification of one header against one trusted consensus state, as
//! ibc-go's 07-tendermint client does it, with `tendermint-light-client-verifier`
//! deciding and the host checking signatures (see [`crate::crypto`]).

use std::time::Duration;

use btp_types::msg::verifier_tendermint::{ClientState, ConsensusState};
use cosmwasm_std::{Api, HexBinary, Timestamp};
use tendermint::block::Height;
use tendermint::chain;
use tendermint::hash::{Algorithm, Hash};
use tendermint::trust_threshold::TrustThresholdFraction;
use tendermint_light_client_verifier::errors::VerificationErrorDetail as Detail;
use tendermint_light_client_verifier::operations::{
    ProdCommitValidator, ProvidedVotingPowerCalculator,
};
use tendermint_light_client_verifier::options::Options;
use tendermint_light_client_verifier::predicates::ProdPredicates;
use tendermint_light_client_verifier::types::{TrustedBlockState, UntrustedBlockState};
use tendermint_light_client_verifier::{PredicateVerifier, Verdict, Verifier};

use crate::crypto::{Recorder, SignatureCollector};
use crate::error::ContractError;
use crate::header::{time_of, Header};

/// What the header is verified for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// An update: the header must not be from the future.
    Update,
    /// Evidence of misbehaviour: the future-time check is skipped, as in
    /// ibc-go, so that a fork with a skewed clock can still be proven.
    Misbehaviour,
}

/// The revision number ibc-go reads from a chain id: the number after the
/// last dash when the id has the form `{name}-{n}` with `n` > 0 without a
/// leading zero, and 0 otherwise (ibc-go's `ParseChainID`).
pub fn revision_number(chain_id: &str) -> u64 {
    let Some((name, digits)) = chain_id.rsplit_once('-') else {
        return 0;
    };
    let well_formed = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
        && !name.contains('\n')
        && name.chars().next_back().is_some_and(|c| c != '-');
    if !well_formed {
        return 0;
    }
    digits.parse().unwrap_or(0)
}

fn hex(bytes: &[u8]) -> String {
    HexBinary::from(bytes).to_hex()
}

/// The checks ibc-go makes before the light client's: chain, revision,
/// heights and the trusted validator set.
fn check_header_against_trusted(
    client: &ClientState,
    trusted: &ConsensusState,
    header: &Header,
) -> Result<(), ContractError> {
    let got = header.signed_header.header.chain_id.as_str();
    if got != client.chain_id {
        return Err(ContractError::WrongChainId {
            expected: client.chain_id.clone(),
            got: got.to_string(),
        });
    }
    let expected = revision_number(&client.chain_id);
    if header.trusted_revision != expected {
        return Err(ContractError::WrongRevision {
            chain_id: client.chain_id.clone(),
            expected,
            got: header.trusted_revision,
        });
    }
    if header.height() <= header.trusted_height {
        return Err(ContractError::HeaderNotAboveTrustedHeight {
            height: header.height(),
            trusted_height: header.trusted_height,
        });
    }
    let trusted_validators_hash = header.trusted_validators().hash();
    if trusted_validators_hash.as_bytes() != trusted.next_validators_hash.as_slice() {
        return Err(ContractError::TrustedValidatorsMismatch {
            trusted_height: header.trusted_height,
            expected: hex(&trusted.next_validators_hash),
            got: hex(trusted_validators_hash.as_bytes()),
        });
    }
    Ok(())
}

/// Verifies `header` against the consensus state `trusted` at
/// `header.trusted_height`, at this chain's time `now`; returns the number of
/// signatures checked.
pub fn verify_header(
    api: &dyn Api,
    client: &ClientState,
    trusted: &ConsensusState,
    header: &Header,
    now: Timestamp,
    purpose: Purpose,
) -> Result<usize, ContractError> {
    check_header_against_trusted(client, trusted, header)?;

    let invalid_client = |reason: String| ContractError::InvalidClientState { reason };
    let chain_id = chain::Id::try_from(client.chain_id.clone())
        .map_err(|err| invalid_client(format!("chain id: {err}")))?;
    let trust_threshold =
        TrustThresholdFraction::new(client.trust_level.numerator, client.trust_level.denominator)
            .map_err(|err| invalid_client(format!("trust level: {err}")))?;
    let options = Options {
        trust_threshold,
        trusting_period: Duration::from_secs(client.trusting_period_secs),
        clock_drift: Duration::from_secs(client.max_clock_drift_secs),
    };
    let trusted_height = Height::try_from(header.trusted_height)
        .map_err(|err| ContractError::malformed_header(format!("trusted height: {err}")))?;
    let next_validators_hash = Hash::from_bytes(Algorithm::Sha256, &trusted.next_validators_hash)
        .map_err(|err| ContractError::InvalidConsensusState {
        reason: err.to_string(),
    })?;
    let trusted_state = TrustedBlockState {
        chain_id: &chain_id,
        header_time: time_of(trusted.timestamp)?,
        height: trusted_height,
        next_validators: header.trusted_validators(),
        next_validators_hash,
    };
    let untrusted_state = UntrustedBlockState {
        signed_header: &header.signed_header,
        validators: &header.validator_set,
        next_validators: None,
    };

    let collector = SignatureCollector::default();
    let verifier = PredicateVerifier::new(
        ProdPredicates,
        ProvidedVotingPowerCalculator::<Recorder<'_>>::new(collector.recorder()),
        ProdCommitValidator,
    );
    let now_time = time_of(now)?;
    let verdict = match purpose {
        Purpose::Update => {
            verifier.verify_update_header(untrusted_state, trusted_state, &options, now_time)
        }
        Purpose::Misbehaviour => {
            verifier.verify_misbehaviour_header(untrusted_state, trusted_state, &options, now_time)
        }
    };
    match verdict {
        Verdict::Success => {}
        Verdict::NotEnoughTrust(tally) => {
            return Err(ContractError::InsufficientVotingPower {
                set: "trusted",
                tallied: tally.tallied,
                total: tally.total,
                threshold: tally.trust_threshold.to_string(),
            })
        }
        Verdict::Invalid(detail) => return Err(rejection(detail, header, client)),
    }
    collector.verify_all(api)
}

/// The typed error for each of the light client's rejections.
fn rejection(detail: Detail, header: &Header, client: &ClientState) -> ContractError {
    match detail {
        Detail::NotWithinTrustPeriod(e) => ContractError::TrustingPeriodExpired {
            trusted_height: header.trusted_height,
            expires_at: e.expires_at.to_string(),
            now: e.now.to_string(),
        },
        Detail::HeaderFromTheFuture(e) => ContractError::HeaderFromTheFuture {
            header_time: e.header_time.to_string(),
            now: e.now.to_string(),
            max_clock_drift_secs: client.max_clock_drift_secs,
        },
        Detail::NonMonotonicBftTime(e) => ContractError::NonMonotonicTime {
            header_time: e.header_bft_time.to_string(),
            trusted_time: e.trusted_header_bft_time.to_string(),
        },
        Detail::InvalidValidatorSet(e) => ContractError::ValidatorSetMismatch {
            header_hash: e.header_validators_hash.to_string(),
            given_hash: e.validators_hash.to_string(),
        },
        Detail::InvalidNextValidatorSet(e) => ContractError::NextValidatorSetMismatch {
            header_hash: e.header_next_validators_hash.to_string(),
            trusted_hash: e.next_validators_hash.to_string(),
        },
        Detail::InvalidCommitValue(e) => ContractError::HeaderCommitMismatch {
            header_hash: e.header_hash.to_string(),
            commit_hash: e.commit_hash.to_string(),
        },
        Detail::MismatchPreCommitLength(e) => ContractError::CommitLengthMismatch {
            signatures: e.pre_commit_length,
            validators: e.validator_length,
        },
        Detail::NoSignatureForCommit(_) => ContractError::NoSignatures,
        Detail::MissingSignature(_) => ContractError::MissingSignature,
        Detail::DuplicateValidator(e) => ContractError::DuplicateSigner {
            validator: e.address.to_string(),
        },
        Detail::FaultySigner(e) => ContractError::UnknownSigner {
            validator: e.signer.to_string(),
        },
        Detail::InsufficientSignersOverlap(e) => ContractError::InsufficientVotingPower {
            set: "header's",
            tallied: e.tally.tallied,
            total: e.tally.total,
            threshold: e.tally.trust_threshold.to_string(),
        },
        Detail::NotEnoughTrust(e) => ContractError::InsufficientVotingPower {
            set: "trusted",
            tallied: e.tally.tallied,
            total: e.tally.total,
            threshold: e.tally.trust_threshold.to_string(),
        },
        Detail::InvalidSignature(e) => ContractError::InvalidSignature {
            validator: e.validator.address.to_string(),
        },
        Detail::ChainIdMismatch(e) => ContractError::WrongChainId {
            expected: e.expected,
            got: e.got,
        },
        other => ContractError::HeaderVerification {
            reason: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::revision_number;

    #[test]
    fn revision_numbers_are_read_as_ibc_go_reads_them() {
        for (chain_id, revision) in [
            ("constantine-1", 1),
            ("injective-888", 888),
            ("mocha-4", 4),
            ("celestia", 0),
            ("cosmoshub-4", 4),
            ("foo-0", 0),
            ("foo-01", 0),
            ("foo--1", 0),
            ("-1", 0),
            ("a-b-12", 12),
            ("foo-1x", 0),
            ("foo-", 0),
            ("foo-99999999999999999999999", 0),
        ] {
            assert_eq!(revision_number(chain_id), revision, "{chain_id}");
        }
    }
}
