//! Checks of a trusted state given by a person (instantiation, an owner's
//! recovery), before the client relies on it: a wrong trust level or period
//! weakens every later check, a wrong time stops the client or makes it
//! trust nothing.

use btp_types::msg::verifier_tendermint::{ClientState, ConsensusState};
use cosmwasm_std::Timestamp;

use crate::error::ContractError;
use crate::proof_specs::check_spec;
use crate::status::trust_ends;

/// Length of CometBFT's SHA-256 hashes (app hash, validator set hash).
const HASH_LEN: usize = 32;
/// The largest trust level denominator: the light client multiplies voting
/// power (at most 2^60) by it in 64 bits.
const MAX_TRUST_DENOMINATOR: u64 = 16;
/// The longest period (trusting, unbonding, clock drift) accepted, in
/// seconds: ten years, far above any chain's, low enough for every time sum.
const MAX_PERIOD_SECS: u64 = 10 * 365 * 24 * 3600;
/// The highest height CometBFT represents (heights are `int64`).
pub const MAX_HEIGHT: u64 = i64::MAX as u64;
/// The most commitment layers a path may have (a Cosmos SDK chain has 2).
const MAX_PROOF_LAYERS: usize = 8;

fn invalid_client(reason: impl Into<String>) -> ContractError {
    ContractError::InvalidClientState {
        reason: reason.into(),
    }
}

fn invalid_consensus(reason: impl Into<String>) -> ContractError {
    ContractError::InvalidConsensusState {
        reason: reason.into(),
    }
}

/// Accepts a client state only with the bounds ibc-go's 07-tendermint enforces.
pub fn validate_client_state(client: &ClientState) -> Result<(), ContractError> {
    validate_chain_id(&client.chain_id)?;
    let trust = client.trust_level;
    // Below 1/3 a coalition that cannot halt the chain could forge a header.
    if trust.denominator == 0
        || u128::from(trust.numerator) * 3 < u128::from(trust.denominator)
        || trust.numerator > trust.denominator
    {
        return Err(invalid_client(format!(
            "trust level {}/{} is outside [1/3, 1]",
            trust.numerator, trust.denominator
        )));
    }
    if trust.denominator > MAX_TRUST_DENOMINATOR {
        return Err(invalid_client(format!(
            "trust level {}/{}: the denominator may be at most {MAX_TRUST_DENOMINATOR}",
            trust.numerator, trust.denominator
        )));
    }
    if client.trusting_period_secs == 0 {
        return Err(invalid_client("trusting period is zero"));
    }
    // A trusting period as long as the unbonding period would trust validators
    // that can already leave without being slashed.
    if client.trusting_period_secs >= client.unbonding_period_secs {
        return Err(invalid_client(format!(
            "trusting period ({}s) must be shorter than the unbonding period ({}s)",
            client.trusting_period_secs, client.unbonding_period_secs
        )));
    }
    if client.unbonding_period_secs > MAX_PERIOD_SECS
        || client.max_clock_drift_secs > MAX_PERIOD_SECS
    {
        return Err(invalid_client(format!(
            "unbonding period ({}s) and max clock drift ({}s) may be at most {MAX_PERIOD_SECS}s",
            client.unbonding_period_secs, client.max_clock_drift_secs
        )));
    }
    if client.latest_height == 0 || client.latest_height > MAX_HEIGHT {
        return Err(invalid_client(format!(
            "latest height is zero or above {MAX_HEIGHT}"
        )));
    }
    if client.frozen_height.is_some() {
        return Err(invalid_client("a new client cannot start frozen"));
    }
    if client.proof_specs.is_empty() || client.proof_specs.len() > MAX_PROOF_LAYERS {
        return Err(invalid_client(format!(
            "{} proof specs: between 1 and {MAX_PROOF_LAYERS} are needed",
            client.proof_specs.len()
        )));
    }
    for (layer, spec) in client.proof_specs.iter().enumerate() {
        check_spec(layer, spec)?;
    }
    Ok(())
}

/// Accepts a chain id only if CometBFT would (non-empty, at most 50 bytes).
pub fn validate_chain_id(chain_id: &str) -> Result<(), ContractError> {
    if chain_id.trim().is_empty() {
        return Err(invalid_client("chain id is empty"));
    }
    tendermint::chain::Id::try_from(chain_id.to_string())
        .map_err(|err| invalid_client(format!("chain id {chain_id:?}: {err}")))?;
    Ok(())
}

/// Accepts a consensus state only with hashes of the right length.
pub fn validate_consensus_state(consensus: &ConsensusState) -> Result<(), ContractError> {
    if consensus.app_hash.len() != HASH_LEN {
        return Err(invalid_consensus(format!(
            "app hash is {} bytes, expected {HASH_LEN}",
            consensus.app_hash.len()
        )));
    }
    if consensus.next_validators_hash.len() != HASH_LEN {
        return Err(invalid_consensus(format!(
            "next validators hash is {} bytes, expected {HASH_LEN}",
            consensus.next_validators_hash.len()
        )));
    }
    if consensus.timestamp.nanos() == 0 {
        return Err(invalid_consensus("timestamp is zero"));
    }
    // An all-zero hash is a default value, never a real root: trusting it
    // would be trusting nothing anyone produced.
    if consensus.app_hash.iter().all(|byte| *byte == 0) {
        return Err(invalid_consensus("app hash is all zeros"));
    }
    if consensus.next_validators_hash.iter().all(|byte| *byte == 0) {
        return Err(invalid_consensus("next validators hash is all zeros"));
    }
    crate::header::time_of(consensus.timestamp)
        .map_err(|_| invalid_consensus("timestamp is beyond CometBFT's range"))?;
    Ok(())
}

/// Accepts the time of a consensus state given by a person (at
/// instantiation and at an owner's recovery) only if the client can follow
/// the chain from it at this chain's time `now`:
/// - not already beyond the trusting period (ibc-go refuses to create a
///   client that is not active);
/// - not ahead of `now` by more than the maximum clock drift
///   (`timestamp <= now + max_clock_drift`): headers must be later than
///   their trusted header, so a state from the future would make every
///   honest header fail as non-monotonic while the client still reported
///   itself active, until its trust ran out.
pub fn check_trusted_state_time(
    client: &ClientState,
    consensus: &ConsensusState,
    now: Timestamp,
) -> Result<(), ContractError> {
    let timestamp = consensus.timestamp;
    if let Some(end) = trust_ends(client, timestamp) {
        if end <= now {
            return Err(ContractError::TrustedStateExpired {
                timestamp: timestamp.to_string(),
                expired_at: end.to_string(),
                now: now.to_string(),
            });
        }
    }
    let latest_allowed = client
        .max_clock_drift_secs
        .checked_mul(1_000_000_000)
        .and_then(|drift| now.nanos().checked_add(drift));
    // A bound beyond u64 nanoseconds (year 2554) holds no timestamp back.
    if latest_allowed.is_some_and(|latest| timestamp.nanos() > latest) {
        return Err(ContractError::TrustedStateFromTheFuture {
            timestamp: timestamp.to_string(),
            now: now.to_string(),
            max_clock_drift_secs: client.max_clock_drift_secs,
        });
    }
    Ok(())
}
