//! The message center's questions: each is forwarded, with each sub-proof,
//! to the verifier the sub-proof names, and accepted when `threshold`
//! distinct verifiers of the set answer success.

use btp_types::msg::verifier_aggregate::{
    AggregateProof, VerifiedResponse, VerifierQuery, VerifierRef,
};
use contract_kit::pause::ensure_running;
use cosmwasm_std::{from_json, Addr, Binary, Deps};

use crate::error::{ContractError, VerifierFailure};
use crate::state::CONFIG;

fn describe_ref(verifier: &VerifierRef) -> String {
    match verifier {
        VerifierRef::Index(index) => format!("#{index}"),
        VerifierRef::Address(address) => address.clone(),
    }
}

/// The same question with another proof.
fn with_proof(question: &VerifierQuery, sub_proof: &Binary) -> VerifierQuery {
    let mut question = question.clone();
    match &mut question {
        VerifierQuery::VerifyCommitment { proof, .. }
        | VerifierQuery::VerifyReceiveState { proof, .. } => *proof = sub_proof.clone(),
    }
    question
}

/// Answers `question` from its proof, an [`AggregateProof`] (JSON).
///
/// Every sub-proof must name a distinct verifier of the set, or the proof is
/// refused before any verifier is asked. The verifiers are then asked in the
/// proof's order until `threshold` of them answered success for the height
/// asked (the rest are not asked: they cannot change the verdict, only cost
/// gas). The answer combines the agreeing answers: the earliest `timestamp`,
/// and the latest `trusted_at` of those that report one (`None` if none
/// does); see `btp_types::msg::verifier_aggregate`.
pub fn verify(deps: Deps, question: &VerifierQuery) -> Result<VerifiedResponse, ContractError> {
    ensure_running(deps.storage, "verification")?;
    let (height, proof) = match question {
        VerifierQuery::VerifyCommitment { height, proof, .. }
        | VerifierQuery::VerifyReceiveState { height, proof, .. } => (*height, proof),
    };
    let sub_proofs: AggregateProof =
        from_json(proof).map_err(|err| ContractError::MalformedProof {
            reason: err.to_string(),
        })?;
    let config = CONFIG.load(deps.storage)?;
    let verifiers = config.verifiers.len();

    // Whom to ask: each a distinct member of the set.
    let mut first_position: Vec<Option<usize>> = vec![None; verifiers];
    let mut asks: Vec<(&Addr, &Binary)> = Vec::with_capacity(sub_proofs.len());
    for (position, sub_proof) in sub_proofs.iter().enumerate() {
        let unknown = || ContractError::UnknownVerifier {
            position,
            verifier: describe_ref(&sub_proof.verifier),
            verifiers,
        };
        let index = match &sub_proof.verifier {
            VerifierRef::Index(index) => usize::try_from(*index)
                .ok()
                .filter(|index| *index < verifiers),
            VerifierRef::Address(address) => {
                config.verifiers.iter().position(|v| v.as_str() == address)
            }
        }
        .ok_or_else(unknown)?;
        let address = config.verifiers.get(index).ok_or_else(unknown)?;
        let slot = first_position.get_mut(index).ok_or_else(unknown)?;
        if let Some(first_position) = *slot {
            return Err(ContractError::DuplicateProofVerifier {
                verifier: address.to_string(),
                first_position,
                position,
            });
        }
        *slot = Some(position);
        asks.push((address, &sub_proof.proof));
    }
    let threshold = usize::try_from(config.threshold).unwrap_or(usize::MAX);
    if asks.len() < threshold {
        return Err(ContractError::TooFewProofs {
            proofs: asks.len(),
            threshold: config.threshold,
            verifiers,
        });
    }

    // Their answers.
    let mut agreeing: Vec<VerifiedResponse> = Vec::with_capacity(threshold);
    let mut failures = Vec::new();
    for (address, sub_proof) in asks {
        if agreeing.len() >= threshold {
            break;
        }
        let answer = deps
            .querier
            .query_wasm_smart::<VerifiedResponse>(address, &with_proof(question, sub_proof));
        match answer {
            Ok(answer) if answer.height == height => agreeing.push(answer),
            Ok(answer) => failures.push(VerifierFailure {
                verifier: address.to_string(),
                error: format!(
                    "it answered for height {} instead of {height}",
                    answer.height
                ),
            }),
            Err(err) => failures.push(VerifierFailure {
                verifier: address.to_string(),
                error: err.to_string(),
            }),
        }
    }
    if agreeing.len() < threshold {
        return Err(ContractError::BelowThreshold {
            agreeing: agreeing.len(),
            threshold: config.threshold,
            verifiers,
            failures,
        });
    }
    combine(height, &agreeing).ok_or(ContractError::TooFewProofs {
        proofs: 0,
        threshold: config.threshold,
        verifiers,
    })
}

/// The aggregate answer of `agreeing` (none when it is empty): the earliest
/// timestamp, the latest `trusted_at` among those that report one.
pub fn combine(height: u64, agreeing: &[VerifiedResponse]) -> Option<VerifiedResponse> {
    let timestamp = agreeing.iter().map(|answer| answer.timestamp).min()?;
    let trusted_at = agreeing
        .iter()
        .filter_map(|answer| answer.trusted_at)
        .max_by_key(|trusted| (trusted.time, trusted.height));
    Some(VerifiedResponse {
        height,
        timestamp,
        trusted_at,
    })
}
