//! Checks of a trusted state given by a person (instantiation), before the
//! client relies on it: a wrong trust level or period weakens every later check.

use btp_types::msg::verifier::{ClientState, ConsensusState};

use crate::error::ContractError;

/// Length of CometBFT's SHA-256 hashes (app hash, validator set hash).
const HASH_LEN: usize = 32;

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
    if client.chain_id.trim().is_empty() {
        return Err(invalid_client("chain id is empty"));
    }
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
    if client.latest_height == 0 {
        return Err(invalid_client("latest height is zero"));
    }
    if client.frozen_height.is_some() {
        return Err(invalid_client("a new client cannot start frozen"));
    }
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
    Ok(())
}
