//! What a relayer reads from a transaction: the messages a message center committed.

use btp_types::msg::message_center::RelayedMessage;
use cosmwasm_std::{Binary, Event, Timestamp};
use cw_multi_test::AppResponse;

/// A message committed by a message center, as its `btp_message` event tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommittedMessage {
    /// The message center that committed it.
    pub message_center: String,
    /// The destination network.
    pub network: String,
    /// The destination message center: the history it was committed in.
    pub remote_center: String,
    /// Its sequence on the link.
    pub sequence: u64,
    /// The RLP bytes of the BTP message.
    pub message: Vec<u8>,
    /// The timeout committed with it.
    pub timeout: Option<Timestamp>,
    /// The chain head stored for it.
    pub head: Vec<u8>,
}

impl CommittedMessage {
    /// The message as a relay carries it (the batch's proof travels beside it).
    pub fn relayed(&self) -> RelayedMessage {
        RelayedMessage {
            sequence: self.sequence,
            message: Binary::new(self.message.clone()),
            timeout: self.timeout,
        }
    }
}

/// Every message the transaction committed, in order.
pub fn committed_messages(response: &AppResponse) -> Vec<CommittedMessage> {
    committed_in(&response.events)
}

/// Every message committed in `events`, in order.
pub fn committed_in(events: &[Event]) -> Vec<CommittedMessage> {
    events
        .iter()
        .filter(|event| event.ty == "wasm-btp_message")
        .map(|event| {
            let attribute = |key: &str| {
                event
                    .attributes
                    .iter()
                    .find(|attribute| attribute.key == key)
                    .map(|attribute| attribute.value.clone())
                    .unwrap_or_else(|| panic!("a btp_message event without {key}"))
            };
            CommittedMessage {
                message_center: attribute("_contract_address"),
                network: attribute("network"),
                remote_center: attribute("remote_center"),
                sequence: attribute("sequence").parse().expect("a numeric sequence"),
                message: hex::decode(attribute("message")).expect("hex message bytes"),
                timeout: match attribute("timeout").parse().expect("a numeric timeout") {
                    0 => None,
                    nanos => Some(Timestamp::from_nanos(nanos)),
                },
                head: hex::decode(attribute("head")).expect("hex head"),
            }
        })
        .collect()
}
