//! Queries: the verifier's status and configuration; the message center's
//! generic questions are refused.

use btp_types::msg::verifier::VerifierQuery;
use btp_types::msg::verifier_btpblock::{ConfigResponse, StatusResponse};
use contract_kit::pause::is_paused;
use cosmwasm_std::{HexBinary, Storage};

use crate::error::ContractError;
use crate::state::{BMV_STATE, CONFIG};

pub fn status(storage: &dyn Storage) -> Result<StatusResponse, ContractError> {
    let state = BMV_STATE.load(storage)?;
    Ok(StatusResponse {
        height: state.height,
        network_id: state.network_id,
        network_section_hash: HexBinary::from(state.last_network_section_hash.as_slice()),
        proof_context_hash: HexBinary::from(state.proof_context_hash.as_slice()),
        validators: state
            .validators
            .iter()
            .map(|v| HexBinary::from(v.as_slice()))
            .collect(),
        first_message_sn: state.last_first_message_sn,
        message_count: state.last_message_count,
        messages_root: state
            .last_messages_root
            .as_ref()
            .map(|r| HexBinary::from(r.as_slice())),
        last_sequence: state.last_sequence,
        processed_messages: state.processed_messages(),
        remaining_messages: state.remaining_messages(),
        paused: is_paused(storage)?,
    })
}

pub fn config(storage: &dyn Storage) -> Result<ConfigResponse, ContractError> {
    let config = CONFIG.load(storage)?;
    let state = BMV_STATE.load(storage)?;
    Ok(ConfigResponse {
        message_center: config.message_center,
        source_network: config.source_network,
        source_center: config.source_center,
        network_type_id: config.network_type_id,
        network_id: state.network_id,
    })
}

/// The generic questions: this verifier proves messages, not commitments.
pub fn refuse(query: &VerifierQuery) -> ContractError {
    ContractError::QueryNotSupported {
        question: match query {
            VerifierQuery::VerifyCommitment { .. } => "verify_commitment",
            VerifierQuery::VerifyReceiveState { .. } => "verify_receive_state",
        },
    }
}
