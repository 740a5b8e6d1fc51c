//! Committing an outgoing message: the one place that numbers messages on a
//! link and stores what a relayer must prove.

use btp_types::keys::{commitment_storage_key, message_commitment};
use btp_types::BtpMessage;
use cosmwasm_std::{Event, HexBinary, Storage};

use crate::error::ContractError;
use crate::state::{LINKS, NSN};

/// Assigns the next sequence on the link to `message.dst`, stores the
/// commitment `sha256(message bytes)` under the documented key, and returns
/// the sequence with the `btp_message` event relayers watch.
pub fn commit_message(
    storage: &mut dyn Storage,
    message: &BtpMessage,
) -> Result<(u64, Event), ContractError> {
    let network = message.dst.as_str();
    let mut link = LINKS
        .may_load(storage, network)?
        .ok_or_else(|| ContractError::NoLink {
            network: network.to_string(),
        })?;
    let sequence = link
        .tx_seq
        .checked_add(1)
        .ok_or(ContractError::Overflow { what: "tx_seq" })?;
    link.tx_seq = sequence;
    LINKS.save(storage, network, &link)?;

    let bytes = message.encode();
    let commitment = message_commitment(&bytes);
    // Raw bytes, not a JSON value: a light client on the other chain proves
    // exactly what is stored, and the relayed message's hash must equal it.
    storage.set(&commitment_storage_key(&message.dst, sequence), &commitment);
    let event = Event::new("btp_message")
        .add_attribute("network", network)
        .add_attribute("sequence", sequence.to_string())
        .add_attribute("nsn", message.nsn.to_string())
        .add_attribute("svc", message.svc.as_str())
        .add_attribute("sn", message.sn.to_string())
        .add_attribute("message", HexBinary::from(bytes).to_hex())
        .add_attribute("commitment", HexBinary::from(commitment.to_vec()).to_hex());
    Ok((sequence, event))
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
