//! `update_client`: trusts a new header once the light client has verified
//! it, as ibc-go's 07-tendermint `UpdateClient` (verify, check for
//! misbehaviour, update state, prune).

use btp_types::events::{verifier::ClientFrozen, TypedEvent};
use btp_types::msg::verifier_tendermint::{ClientState, ConsensusState};
use cosmwasm_std::{Binary, DepsMut, Env, Event, HexBinary, Response, Storage, Timestamp};

use crate::error::ContractError;
use crate::header::Header;
use crate::light_client::{verify_header, Purpose};
use crate::state::{
    consensus_state, moment, next_consensus_state, oldest_consensus_state,
    previous_consensus_state, remove_consensus_state, save_consensus_state, CLIENT_STATE,
};
use crate::status::{ensure_active, is_expired};
use crate::trusted_state::validate_consensus_state;

/// Why a verified header froze the client instead of being trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreezeKind {
    /// Another consensus state is already trusted at the same height.
    ConflictingHeaders,
    /// The header's time is not between those of its trusted neighbours.
    TimeViolation,
}

impl FreezeKind {
    /// The name in events.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ConflictingHeaders => "conflicting_headers",
            Self::TimeViolation => "time_violation",
        }
    }
}

/// Freezes the client at `height` and says so loudly.
pub fn freeze(
    storage: &mut dyn Storage,
    mut client: ClientState,
    height: u64,
    kind: FreezeKind,
    evidence: String,
) -> Result<Event, ContractError> {
    client.frozen_height = Some(height);
    CLIENT_STATE.save(storage, &client)?;
    Ok(ClientFrozen {
        chain_id: client.chain_id,
        height,
        kind: kind.as_str().to_string(),
        evidence,
    }
    .to_event())
}

/// The misbehaviour a verified header shows against what is trusted, if any
/// (ibc-go's `CheckForMisbehaviour` for a header).
fn misbehaviour_of(
    storage: &dyn Storage,
    height: u64,
    new: &ConsensusState,
    existing: Option<ConsensusState>,
) -> Result<Option<(FreezeKind, String)>, ContractError> {
    if let Some(existing) = existing {
        // Identical states were answered as a no-op before verification.
        return Ok(Some((
            FreezeKind::ConflictingHeaders,
            format!(
                "trusted app hash {} and time {}, header app hash {} and time {}",
                HexBinary::from(existing.app_hash.as_slice()).to_hex(),
                existing.timestamp,
                HexBinary::from(new.app_hash.as_slice()).to_hex(),
                new.timestamp
            ),
        )));
    }
    if let Some((previous, state)) = previous_consensus_state(storage, height)? {
        if state.timestamp >= new.timestamp {
            return Ok(Some((
                FreezeKind::TimeViolation,
                format!(
                    "header {height} at {} is not after trusted header {previous} at {}",
                    new.timestamp, state.timestamp
                ),
            )));
        }
    }
    if let Some((next, state)) = next_consensus_state(storage, height)? {
        if state.timestamp <= new.timestamp {
            return Ok(Some((
                FreezeKind::TimeViolation,
                format!(
                    "header {height} at {} is not before trusted header {next} at {}",
                    new.timestamp, state.timestamp
                ),
            )));
        }
    }
    Ok(None)
}

/// Removes the oldest consensus state if it expired (one per update, as
/// ibc-go does), never the latest; returns its height.
fn prune_oldest(
    storage: &mut dyn Storage,
    client: &ClientState,
    now: Timestamp,
) -> Result<Option<u64>, ContractError> {
    match oldest_consensus_state(storage)? {
        Some((height, state))
            if height != client.latest_height && is_expired(client, state.timestamp, now) =>
        {
            remove_consensus_state(storage, height)?;
            Ok(Some(height))
        }
        _ => Ok(None),
    }
}

/// `update_client { header }`.
pub fn update_client(deps: DepsMut, env: &Env, header: &Binary) -> Result<Response, ContractError> {
    let now = env.block.time;
    let mut client = ensure_active(deps.storage, now)?;
    let header = Header::decode(header)?;
    let height = header.height();
    let new = header.consensus_state()?;
    validate_consensus_state(&new)?;
    let response = Response::new()
        .add_attribute("action", "update_client")
        .add_attribute("height", height.to_string())
        .add_attribute("trusted_height", header.trusted_height.to_string());

    let existing = consensus_state(deps.storage, height)?;
    if existing.as_ref() == Some(&new) {
        // Already trusted: whatever else the header carries changes nothing.
        return Ok(response.add_attribute("result", "noop"));
    }

    let trusted_height = header.trusted_height;
    let trusted = consensus_state(deps.storage, trusted_height)?.ok_or(
        ContractError::ConsensusStateNotFound {
            height: trusted_height,
        },
    )?;
    let signatures = verify_header(deps.api, &client, &trusted, &header, now, Purpose::Update)?;
    let response = response
        .add_attribute("signatures", signatures.to_string())
        .add_attribute(
            "app_hash",
            HexBinary::from(new.app_hash.as_slice()).to_hex(),
        );

    if let Some((kind, evidence)) = misbehaviour_of(deps.storage, height, &new, existing)? {
        let event = freeze(deps.storage, client, height, kind, evidence)?;
        return Ok(response
            .add_attribute("result", "frozen")
            .add_attribute("frozen_height", height.to_string())
            .add_event(event));
    }

    save_consensus_state(deps.storage, height, &new, moment(env))?;
    if height > client.latest_height {
        client.latest_height = height;
        CLIENT_STATE.save(deps.storage, &client)?;
    }
    let mut response = response
        .add_attribute("result", "updated")
        .add_attribute("latest_height", client.latest_height.to_string());
    if let Some(pruned) = prune_oldest(deps.storage, &client, now)? {
        response = response.add_attribute("pruned_height", pruned.to_string());
    }
    Ok(response)
}
