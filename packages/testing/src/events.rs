//! What a relayer reads from a transaction: the messages a message center committed.

use btp_types::events::message_center::MessageCommitted;
use btp_types::events::TypedEvent;
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
    MessageCommitted::parse_emitted(events)
        .into_iter()
        .map(|(message_center, committed)| CommittedMessage {
            timeout: committed.timeout_time(),
            message_center,
            network: committed.network,
            remote_center: committed
                .remote_center
                .expect("a btp_message event with its remote_center"),
            sequence: committed.sequence,
            message: committed.message.to_vec(),
            head: committed
                .head
                .expect("a btp_message event with its head")
                .to_vec(),
        })
        .collect()
}

/// Whether `contract` emitted `event` (cw-multi-test names the emitter in
/// `_contract_address`).
fn emitted_by(event: &Event, contract: &cosmwasm_std::Addr) -> bool {
    event
        .attributes
        .iter()
        .any(|a| a.key == "_contract_address" && a.value == contract.as_str())
}

/// How many times the transaction executed `contract` (cw-multi-test's
/// `execute` events): every one is an instance charge on a real chain.
pub fn executions_of(response: &AppResponse, contract: &cosmwasm_std::Addr) -> usize {
    response
        .events
        .iter()
        .filter(|event| event.ty == "execute" && emitted_by(event, contract))
        .count()
}

/// The value of the first `key` attribute of `contract`'s `wasm` event: the
/// attributes of a response (`action`) that no typed event carries.
pub fn wasm_attribute(
    response: &AppResponse,
    contract: &cosmwasm_std::Addr,
    key: &str,
) -> Option<String> {
    response
        .events
        .iter()
        .filter(|event| event.ty == "wasm" && emitted_by(event, contract))
        .flat_map(|event| event.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

/// How many contract executions the transaction made in all.
pub fn executions(response: &AppResponse) -> usize {
    response
        .events
        .iter()
        .filter(|event| event.ty == "execute")
        .count()
}
