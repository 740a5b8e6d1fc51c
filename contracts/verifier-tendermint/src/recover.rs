//! `recover_client`: the owner's way back for a frozen or expired client (as
//! ibc-go's client recovery). It replaces what the client trusts, so it is
//! allowed only when the client verifies nothing anyway, and it is loud.

use btp_types::events::verifier::{TrustReplacedByOwner, TRUST_REPLACED_WARNING};
use btp_types::events::TypedEvent;
use btp_types::msg::verifier_tendermint::ConsensusState;
use cosmwasm_std::{DepsMut, Env, HexBinary, MessageInfo, Response};

use crate::error::ContractError;
use crate::state::{forget_all_consensus_states, moment, save_consensus_state, CLIENT_STATE};
use crate::status::ensure_active;
use crate::trusted_state::{
    check_trusted_state_time, validate_chain_id, validate_consensus_state, MAX_HEIGHT,
};

/// `recover_client { chain_id, height, consensus_state }`.
pub fn recover_client(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    chain_id: Option<String>,
    height: u64,
    consensus_state: ConsensusState,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let now = env.block.time;
    let previous_status = match ensure_active(deps.storage, now) {
        Ok(_) => return Err(ContractError::ClientActive),
        Err(ContractError::ClientFrozen { .. }) => "frozen",
        Err(ContractError::ClientExpired { .. }) => "expired",
        Err(other) => return Err(other),
    };
    let mut client = CLIENT_STATE.load(deps.storage)?;
    let new_chain_id = chain_id.unwrap_or_else(|| client.chain_id.clone());
    validate_chain_id(&new_chain_id)?;
    if new_chain_id == client.chain_id && height <= client.latest_height {
        return Err(ContractError::RecoveryHeightNotAbove {
            height,
            latest_height: client.latest_height,
        });
    }
    if height == 0 || height > MAX_HEIGHT {
        return Err(ContractError::InvalidClientState {
            reason: format!("height {height} is zero or above {MAX_HEIGHT}"),
        });
    }
    validate_consensus_state(&consensus_state)?;
    check_trusted_state_time(&client, &consensus_state, now)?;

    let previous_chain_id = std::mem::replace(&mut client.chain_id, new_chain_id);
    let previous_height = std::mem::replace(&mut client.latest_height, height);
    let frozen_height = client.frozen_height.take();
    let epoch = forget_all_consensus_states(deps.storage)?;
    save_consensus_state(deps.storage, height, &consensus_state, moment(env))?;
    CLIENT_STATE.save(deps.storage, &client)?;

    let app_hash = HexBinary::from(consensus_state.app_hash.as_slice()).to_hex();
    let event = TrustReplacedByOwner {
        owner: info.sender.to_string(),
        warning: TRUST_REPLACED_WARNING.to_string(),
        previous_status: previous_status.to_string(),
        previous_frozen_height: frozen_height.map_or_else(|| "none".to_string(), |h| h.to_string()),
        previous_chain_id,
        previous_latest_height: previous_height,
        chain_id: client.chain_id.clone(),
        latest_height: height,
        app_hash: app_hash.clone(),
        timestamp: consensus_state.timestamp.to_string(),
        next_validators_hash: HexBinary::from(consensus_state.next_validators_hash.as_slice())
            .to_hex(),
        epoch,
    }
    .to_event();
    Ok(Response::new()
        .add_attribute("action", "recover_client")
        .add_attribute("chain_id", client.chain_id)
        .add_attribute("latest_height", height.to_string())
        .add_attribute("app_hash", app_hash)
        .add_event(event))
}
