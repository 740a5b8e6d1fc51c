//! Committing an outgoing message: the one place that numbers messages in a
//! history and stores what a relayer must prove.

use btp_types::events::{message_center::MessageCommitted, TypedEvent};
use btp_types::keys::{chain_head, commitment_storage_key, head_metadata};
use btp_types::msg::verifier::Counterpart;
use btp_types::BtpMessage;
use cosmwasm_std::{Event, HexBinary, Storage, Timestamp};

use crate::error::ContractError;
use crate::route::next_hop;
use crate::state::{History, HISTORIES, NSN};

/// A message committed in a history.
pub struct Committed {
    /// The history it went into.
    pub counterpart: Counterpart,
    /// Its sequence there.
    pub sequence: u64,
    /// The `btp_message` event relayers watch.
    pub event: Event,
}

/// Loads the history with `counterpart`, or a new one.
pub fn load_history(
    storage: &dyn Storage,
    counterpart: &Counterpart,
) -> Result<History, ContractError> {
    Ok(HISTORIES
        .may_load(
            storage,
            (counterpart.network.as_str(), counterpart.center.as_str()),
        )?
        .unwrap_or_else(History::new))
}

pub fn save_history(
    storage: &mut dyn Storage,
    counterpart: &Counterpart,
    history: &History,
) -> Result<(), ContractError> {
    HISTORIES.save(
        storage,
        (counterpart.network.as_str(), counterpart.center.as_str()),
        history,
    )?;
    Ok(())
}

/// Assigns the next sequence of the history of the first hop to
/// `message.dst` (its open link, or its route's), chains the message onto the history's head, stores the new
/// head under the documented key, and returns what was committed.
pub fn commit_message(
    storage: &mut dyn Storage,
    message: &BtpMessage,
    timeout: Option<Timestamp>,
) -> Result<Committed, ContractError> {
    let hop = next_hop(storage, &message.dst)?;
    let counterpart = hop.counterpart();
    let mut history = load_history(storage, &counterpart)?;
    let sequence = history
        .tx_seq
        .checked_add(1)
        .ok_or(ContractError::Overflow { what: "tx_seq" })?;
    let bytes = message.encode();
    let head = chain_head(&history.tx_head, &bytes, timeout);
    history.tx_seq = sequence;
    history.tx_head = head;
    save_history(storage, &counterpart, &history)?;
    // Raw bytes, not a JSON value: a verifier on the other chain proves
    // exactly what is stored.
    storage.set(&commitment_storage_key(&counterpart, sequence), &head);

    let event = MessageCommitted {
        network: counterpart.network.to_string(),
        remote_center: Some(counterpart.center.clone()),
        sequence,
        nsn: message.nsn,
        svc: message.svc.clone(),
        sn: message.sn,
        timeout: Some(u64::from_be_bytes(head_metadata(timeout))),
        message: HexBinary::from(bytes),
        head: Some(HexBinary::from(head.to_vec())),
    }
    .to_event();
    Ok(Committed {
        counterpart,
        sequence,
        event,
    })
}

/// Takes the next network serial number for a message this center originates.
pub fn next_nsn(storage: &mut dyn Storage) -> Result<i64, ContractError> {
    let nsn = NSN
        .may_load(storage)?
        .unwrap_or(0)
        .checked_add(1)
        .ok_or(ContractError::Overflow { what: "nsn" })?;
    NSN.save(storage, &nsn)?;
    Ok(nsn)
}
