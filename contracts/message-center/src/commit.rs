//! Committing an outgoing message: the one place that numbers messages in a
//! history and stores what a relayer must prove.

use btp_types::events::{message_center::MessageCommitted, TypedEvent};
use btp_types::keys::{chain_head, commitment_storage_key, head_metadata};
use btp_types::msg::verifier::Counterpart;
use btp_types::{BtpMessage, NetworkAddress};
use cosmwasm_std::{Event, HexBinary, Storage, Timestamp};

use crate::error::ContractError;
use crate::route::{next_hop, Hop};
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

/// Assigns the next sequence of the history with the open link to
/// `message.dst`, chains the message onto the history's head, stores the new
/// head under the documented key, and returns what was committed.
pub fn commit_message(
    storage: &mut dyn Storage,
    message: &BtpMessage,
    timeout: Option<Timestamp>,
) -> Result<Committed, ContractError> {
    let mut commits = Commits::to(storage, &message.dst)?;
    let committed = commits.commit(storage, message, timeout)?;
    commits.finish(storage)?;
    Ok(committed)
}

/// [`commit_message`] for a caller that has just found the first hop to
/// `message.dst`: a second read of its link would cost a send about 2,000
/// gas.
pub fn commit_on_hop(
    storage: &mut dyn Storage,
    hop: &Hop,
    message: &BtpMessage,
    timeout: Option<Timestamp>,
) -> Result<Committed, ContractError> {
    let mut commits = Commits::on_hop(storage, hop, &message.dst)?;
    let committed = commits.commit(storage, message, timeout)?;
    commits.finish(storage)?;
    Ok(committed)
}

/// Messages committed one after another ([`commit_message`] for each):
/// consecutive messages to one network read its link and history once and
/// write the history once, in [`Commits::finish`], where one by one each
/// would pay a link read, a history read and a history write (about 13,000
/// gas on wasmd, per reply of a delivered batch).
#[must_use = "the history is saved only by `finish`"]
pub struct Commits {
    /// The destination the last message went to.
    destination: NetworkAddress,
    /// The history of its first hop ([`next_hop`]).
    counterpart: Counterpart,
    history: History,
}

impl Commits {
    /// Starts with the history of the first hop to `destination`.
    pub fn to(storage: &dyn Storage, destination: &NetworkAddress) -> Result<Self, ContractError> {
        let hop = next_hop(storage, destination)?;
        Self::on_hop(storage, &hop, destination)
    }

    /// Starts with the history of `hop`, the first hop to `destination`.
    fn on_hop(
        storage: &dyn Storage,
        hop: &Hop,
        destination: &NetworkAddress,
    ) -> Result<Self, ContractError> {
        let counterpart = hop.counterpart();
        let history = load_history(storage, &counterpart)?;
        Ok(Self {
            destination: destination.clone(),
            counterpart,
            history,
        })
    }

    /// Commits `message` into the history of the first hop to `message.dst`
    /// (saving the history in hand first when that is another one).
    pub fn commit(
        &mut self,
        storage: &mut dyn Storage,
        message: &BtpMessage,
        timeout: Option<Timestamp>,
    ) -> Result<Committed, ContractError> {
        if message.dst != self.destination {
            let hop = next_hop(storage, &message.dst)?;
            if hop.counterpart() == self.counterpart {
                // Another destination through the same first hop.
                self.destination = message.dst.clone();
            } else {
                let next = Self::on_hop(storage, &hop, &message.dst)?;
                std::mem::replace(self, next).finish(storage)?;
            }
        }
        let counterpart = &self.counterpart;
        let history = &mut self.history;
        let sequence = history
            .tx_seq
            .checked_add(1)
            .ok_or(ContractError::Overflow { what: "tx_seq" })?;
        let bytes = message.encode();
        let head = chain_head(&history.tx_head, &bytes, timeout);
        history.tx_seq = sequence;
        history.tx_head = head;
        // Raw bytes, not a JSON value: a verifier on the other chain proves
        // exactly what is stored.
        storage.set(&commitment_storage_key(counterpart, sequence), &head);

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
            counterpart: counterpart.clone(),
            sequence,
            event,
        })
    }

    /// Saves the history with what was committed.
    pub fn finish(self, storage: &mut dyn Storage) -> Result<(), ContractError> {
        save_history(storage, &self.counterpart, &self.history)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Link, LINKS};
    use btp_types::keys::GENESIS_HEAD;
    use cosmwasm_std::testing::MockStorage;
    use cosmwasm_std::{Addr, Binary, Uint128};

    fn network(name: &str) -> NetworkAddress {
        NetworkAddress::parse(&format!("{name}.cosmos")).unwrap()
    }

    fn link(center: &str) -> Link {
        Link {
            open: true,
            verifier: Addr::unchecked("verifier"),
            remote_message_center: center.to_string(),
            relayers: vec![],
            delay: None,
            forward_fee: Uint128::zero(),
            backward_fee: Uint128::zero(),
        }
    }

    fn message(dst: &str, nsn: i64) -> BtpMessage {
        BtpMessage {
            src: network("here"),
            dst: network(dst),
            svc: "bts".to_string(),
            sn: 0,
            payload: Binary::new(vec![1, 2, 3]),
            nsn,
            fee_info: None,
        }
    }

    fn history(storage: &dyn Storage, dst: &str) -> History {
        load_history(
            storage,
            &link(&format!("center-{dst}")).counterpart(&network(dst)),
        )
        .unwrap()
    }

    /// Messages to two networks, interleaved, committed in one run and one
    /// by one: the same sequences, heads and stored commitments.
    #[test]
    fn a_run_of_commits_numbers_and_chains_as_commits_one_by_one() {
        let with_links = || {
            let mut storage = MockStorage::new();
            for dst in ["b", "c"] {
                let center = format!("center-{dst}");
                LINKS
                    .save(&mut storage, &format!("{dst}.cosmos"), &link(&center))
                    .unwrap();
            }
            storage
        };
        let (mut batched, mut single) = (with_links(), with_links());
        let messages = [
            message("b", 1),
            message("b", 2),
            message("c", 3),
            message("b", 4),
        ];

        let mut commits = Commits::to(&batched, &messages[0].dst).unwrap();
        let in_run: Vec<u64> = messages
            .iter()
            .map(|message| {
                commits
                    .commit(&mut batched, message, None)
                    .unwrap()
                    .sequence
            })
            .collect();
        commits.finish(&mut batched).unwrap();
        let one_by_one: Vec<u64> = messages
            .iter()
            .map(|message| commit_message(&mut single, message, None).unwrap().sequence)
            .collect();

        assert_eq!(in_run, vec![1, 2, 1, 3]);
        assert_eq!(one_by_one, in_run);
        for dst in ["b", "c"] {
            assert_eq!(history(&batched, dst), history(&single, dst));
            assert_ne!(history(&batched, dst).tx_head, GENESIS_HEAD);
        }
        assert_eq!(history(&batched, "b").tx_seq, 3);
        assert_eq!(history(&batched, "c").tx_seq, 1);
        let stored = |storage: &MockStorage| {
            storage
                .range(None, None, cosmwasm_std::Order::Ascending)
                .collect::<Vec<_>>()
        };
        assert_eq!(stored(&batched), stored(&single));
    }

    #[test]
    fn a_run_to_a_network_without_an_open_link_is_refused() {
        let mut storage = MockStorage::new();
        LINKS
            .save(&mut storage, "b.cosmos", &link("center-b"))
            .unwrap();
        let mut commits = Commits::to(&storage, &network("b")).unwrap();
        let err = commits
            .commit(&mut storage, &message("c", 1), None)
            .err()
            .unwrap();
        assert!(matches!(err, ContractError::NoLink { network } if network == "c.cosmos"));
    }
}
