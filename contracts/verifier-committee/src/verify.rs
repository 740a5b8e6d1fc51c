//! The message center's questions: an attestation is accepted when at least
//! `threshold` distinct signers of the current set signed the question's
//! digest, and every signature it shows is good.

use btp_types::msg::verifier_committee::{
    attestation_digest, Attestation, SignerKey, VerifiedResponse, VerifierQuery,
};
use contract_kit::pause::ensure_running;
use cosmwasm_std::{from_json, Deps};

use crate::error::ContractError;
use crate::signers::{describe_ref, find};
use crate::state::{CONFIG, CURRENT};

/// Answers `question` from its proof, an [`Attestation`] (JSON).
///
/// Order of the checks, cheapest first: the pause switch, the proof's
/// shape, that every signature names a distinct signer of the current set,
/// that there are enough of them, and only then the signatures themselves.
///
/// `trusted_at` is `None`: a committee's signatures are trusted when they
/// are shown, no earlier moment of this chain recorded the fact, so there is
/// no age a link's delay period could be counted from.
pub fn verify(deps: Deps, question: &VerifierQuery) -> Result<VerifiedResponse, ContractError> {
    ensure_running(deps.storage, "verification")?;
    let (height, proof) = match question {
        VerifierQuery::VerifyCommitment { height, proof, .. }
        | VerifierQuery::VerifyReceiveState { height, proof, .. } => (*height, proof),
    };
    let attestation: Attestation =
        from_json(proof).map_err(|err| ContractError::MalformedAttestation {
            reason: err.to_string(),
        })?;
    let current = CURRENT.load(deps.storage)?.set;
    let signers = current.signers.len();

    // Who signed: each a distinct member of the current set.
    let mut first_position: Vec<Option<usize>> = vec![None; signers];
    let mut checks = Vec::with_capacity(attestation.signatures.len());
    for (position, signature) in attestation.signatures.iter().enumerate() {
        let unknown = || ContractError::UnknownSigner {
            position,
            signer: describe_ref(&signature.signer),
            signers,
        };
        let index = find(&current, &signature.signer).ok_or_else(unknown)?;
        let slot = first_position.get_mut(index).ok_or_else(unknown)?;
        if let Some(first_position) = *slot {
            return Err(ContractError::DuplicateSigner {
                index,
                first_position,
                position,
            });
        }
        *slot = Some(position);
        let key = current.signers.get(index).ok_or_else(unknown)?;
        checks.push((position, index, key, &signature.signature));
    }
    let threshold = usize::try_from(current.threshold).unwrap_or(usize::MAX);
    if checks.len() < threshold {
        return Err(ContractError::BelowThreshold {
            signatures: checks.len(),
            threshold: current.threshold,
            signers,
        });
    }

    // What they signed.
    let domain = CONFIG.load(deps.storage)?.domain;
    let digest = attestation_digest(&domain, question, attestation.timestamp);
    for (position, index, key, signature) in checks {
        let verified = match key {
            SignerKey::Secp256k1(key) => deps.api.secp256k1_verify(&digest, signature, key),
            SignerKey::Ed25519(key) => deps.api.ed25519_verify(&digest, signature, key),
        }
        .map_err(|err| ContractError::InvalidSignature {
            index,
            position,
            reason: err.to_string(),
        })?;
        if !verified {
            return Err(ContractError::InvalidSignature {
                index,
                position,
                reason: "it is not this signer's signature of this question".into(),
            });
        }
    }
    Ok(VerifiedResponse {
        height,
        timestamp: attestation.timestamp,
        trusted_at: None,
    })
}
