//! Whether the client may be used: frozen by misbehaviour, expired when its
//! newest trusted header is older than the trusting period, active otherwise.

use btp_types::msg::verifier_tendermint::{ClientState, ClientStatus};
use cosmwasm_std::{StdResult, Storage, Timestamp};

use crate::error::ContractError;
use crate::state::{consensus_state, CLIENT_STATE};

/// The client's status at `now`.
pub fn client_status(storage: &dyn Storage, now: Timestamp) -> StdResult<ClientStatus> {
    let client = CLIENT_STATE.load(storage)?;
    Ok(match check_active(storage, &client, now) {
        Ok(()) => ClientStatus::Active,
        Err(ContractError::ClientFrozen { .. }) => ClientStatus::Frozen,
        Err(ContractError::ClientExpired { .. }) => ClientStatus::Expired,
        Err(ContractError::Std(err)) => return Err(err),
        Err(other) => return Err(cosmwasm_std::StdError::generic_err(other.to_string())),
    })
}

/// Loads the client state if the client is active at `now`; a typed error
/// says why not otherwise.
pub fn ensure_active(storage: &dyn Storage, now: Timestamp) -> Result<ClientState, ContractError> {
    let client = CLIENT_STATE.load(storage)?;
    check_active(storage, &client, now)?;
    Ok(client)
}

fn check_active(
    storage: &dyn Storage,
    client: &ClientState,
    now: Timestamp,
) -> Result<(), ContractError> {
    if let Some(height) = client.frozen_height {
        return Err(ContractError::ClientFrozen { height });
    }
    let height = client.latest_height;
    let latest = consensus_state(storage, height)?
        .ok_or(ContractError::ConsensusStateNotFound { height })?;
    if is_expired(client, latest.timestamp, now) {
        return Err(ContractError::ClientExpired {
            height,
            header_time: latest.timestamp.to_string(),
        });
    }
    Ok(())
}

/// When trust in a header of time `header_time` ends: `trusting_period`
/// after that time; `None` when the sum overflows (such an end never comes;
/// instantiation bounds the period anyway).
pub fn trust_ends(client: &ClientState, header_time: Timestamp) -> Option<Timestamp> {
    client
        .trusting_period_secs
        .checked_mul(1_000_000_000)
        .and_then(|period| header_time.nanos().checked_add(period))
        .map(Timestamp::from_nanos)
}

/// Trust in a header ends `trusting_period` after its time.
pub fn is_expired(client: &ClientState, header_time: Timestamp, now: Timestamp) -> bool {
    trust_ends(client, header_time).is_some_and(|end| end <= now)
}

/// Refuses a consensus state whose trust has ended at `now`, naming `height`
/// and when it ended: an expired state can no longer be shown to conflict
/// with the chain (misbehaviour evidence is verified from unexpired states
/// only), so nothing is proven with it.
pub fn ensure_unexpired(
    client: &ClientState,
    height: u64,
    header_time: Timestamp,
    now: Timestamp,
) -> Result<(), ContractError> {
    match trust_ends(client, header_time) {
        Some(end) if end <= now => Err(ContractError::ConsensusStateExpired {
            height,
            expired_at: end.to_string(),
            now: now.to_string(),
        }),
        _ => Ok(()),
    }
}
