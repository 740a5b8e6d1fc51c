//! Carrying a first-version (0.1) message center over to this one, keeping
//! every link's sequences and the messages in flight on it.
//!
//! The first version kept sequences in the link and committed
//! `sha256(message)` per sequence. Here each link becomes a [`Link`] and a
//! [`History`] with its remote message center; the chain of heads is
//! computed over the stored commitments from sequence 1 (a head needs only
//! the message's hash and its timeout, and first-version messages had none),
//! so messages in flight are proven the new way. The receiving side does not
//! know the remote heads of what it already received: its `rx_head` stays
//! unknown until the first relay gives it (`prior_head`, which the proof
//! confirms). Replies to requests sent before the migration go to the
//! service's current handler, as before ([`LEGACY_NSN`]).
//!
//! The cost is one storage write per message ever sent, in one transaction:
//! fine for young networks; a center with a long history would need this
//! paged.

use btp_types::keys::{
    chain_head_of_hash, commitment_storage_key, legacy_commitment_storage_key, receipt_storage_key,
    receipt_value,
};
use btp_types::NetworkAddress;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Binary, Order, StdError, Storage, Uint128};
use cw_storage_plus::Map;

use crate::commit::save_history;
use crate::error::ContractError;
use crate::state::{History, Link, LEGACY_NSN, LINKS, NSN};

/// A link as the first version stored it (public for the migration's tests,
/// which write first-version state).
#[cw_serde]
pub struct FirstVersionLink {
    pub verifier: Addr,
    pub remote_message_center: String,
    pub remote_message_center_canonical: Binary,
    pub tx_seq: u64,
    pub rx_seq: u64,
    pub relayers: Vec<Addr>,
    pub forward_fee: Uint128,
    pub backward_fee: Uint128,
}

/// The first version's links, by remote network.
pub const FIRST_VERSION_LINKS: Map<&str, FirstVersionLink> = Map::new("links");

/// Versions before this one stored the first transport.
const FIRST_TRANSPORT_BEFORE: (u64, u64) = (0, 2);

/// Whether the stored contract version is of the first transport.
pub fn is_first_version(version: &str) -> bool {
    let mut parts = version
        .split('.')
        .map(|part| part.parse::<u64>().unwrap_or(0));
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    (major, minor) < FIRST_TRANSPORT_BEFORE
}

/// Converts every first-version link; returns how many.
pub fn carry_over_first_version(storage: &mut dyn Storage) -> Result<usize, ContractError> {
    let links = FIRST_VERSION_LINKS
        .range(storage, None, None, Order::Ascending)
        .collect::<Result<Vec<_>, StdError>>()?;
    for (network, old) in &links {
        let network =
            NetworkAddress::parse(network).map_err(|err| StdError::generic_err(err.to_string()))?;
        let link = Link {
            open: true,
            verifier: old.verifier.clone(),
            remote_message_center: old.remote_message_center.clone(),
            relayers: old.relayers.clone(),
            delay: None,
            forward_fee: old.forward_fee,
            backward_fee: old.backward_fee,
        };
        let counterpart = link.counterpart(&network);
        let mut head = btp_types::keys::GENESIS_HEAD;
        for sequence in 1..=old.tx_seq {
            let commitment = storage
                .get(&legacy_commitment_storage_key(&network, sequence))
                .ok_or_else(|| {
                    StdError::generic_err(format!(
                        "the first version's commitment of message {sequence} to {network} is missing"
                    ))
                })?;
            head = chain_head_of_hash(&head, &commitment, None);
            storage.set(&commitment_storage_key(&counterpart, sequence), &head);
        }
        if old.rx_seq > 0 {
            storage.set(
                &receipt_storage_key(&counterpart),
                &receipt_value(old.rx_seq),
            );
        }
        save_history(
            storage,
            &counterpart,
            &History {
                tx_seq: old.tx_seq,
                tx_head: head,
                rx_seq: old.rx_seq,
                // Known only before anything was received.
                rx_head: (old.rx_seq == 0).then_some(btp_types::keys::GENESIS_HEAD),
            },
        )?;
        LINKS.save(storage, network.as_str(), &link)?;
    }
    let nsn = NSN.may_load(storage)?.unwrap_or(0);
    LEGACY_NSN.save(storage, &nsn)?;
    Ok(links.len())
}

#[cfg(test)]
mod tests {
    use super::is_first_version;

    #[test]
    fn only_versions_before_0_2_hold_the_first_transport() {
        for first in ["0.1.0", "0.1.9", "0.0.1"] {
            assert!(is_first_version(first), "{first}");
        }
        for later in ["0.2.0", "0.10.0", "1.0.0"] {
            assert!(!is_first_version(later), "{later}");
        }
    }
}
