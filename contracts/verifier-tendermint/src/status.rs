//! Whether the client may be used: frozen by misbehaviour, expired when its
//! newest trusted header is older than the trusting period, active otherwise.

use btp_types::msg::verifier::{ClientState, ClientStatus};
use cosmwasm_std::{StdResult, Storage, Timestamp};

use crate::state::{CLIENT_STATE, CONSENSUS_STATES};

/// The client's status at `now`.
pub fn client_status(storage: &dyn Storage, now: Timestamp) -> StdResult<ClientStatus> {
    let client = CLIENT_STATE.load(storage)?;
    if client.frozen_height.is_some() {
        return Ok(ClientStatus::Frozen);
    }
    let latest = CONSENSUS_STATES.load(storage, client.latest_height)?;
    Ok(if is_expired(&client, latest.timestamp, now) {
        ClientStatus::Expired
    } else {
        ClientStatus::Active
    })
}

/// Trust in a header ends `trusting_period` after its time.
pub fn is_expired(client: &ClientState, header_time: Timestamp, now: Timestamp) -> bool {
    header_time.plus_seconds(client.trusting_period_secs) <= now
}
