//! What the relayer needs from a chain, whatever the chain is: a simulated
//! chain in `cw-multi-test`, or a real node over CometBFT RPC.

use anyhow::Result;
use btp_types::NetworkAddress;
use cosmwasm_std::{Binary, CosmosMsg, Event};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A message a message center committed, as its `btp_message` event told it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommittedMessage {
    /// The block the commitment was written in.
    pub height: u64,
    /// The destination network.
    pub network: NetworkAddress,
    /// The message's sequence on the link.
    pub sequence: u64,
    /// The RLP bytes of the BTP message.
    pub message: Vec<u8>,
}

/// What a submitted transaction did.
#[derive(Clone, Debug)]
pub struct Submitted {
    /// The block it was included in.
    pub height: u64,
    /// Its events.
    pub events: Vec<Event>,
}

/// One chain, as the relayer sees it.
pub trait ChainBackend {
    /// The chain's network address (`<chain-id>.cosmos`).
    fn network(&self) -> NetworkAddress;

    /// The highest height whose header can be fetched: its app hash commits
    /// to the state after block `latest_header_height - 1`.
    fn latest_header_height(&self) -> Result<u64>;

    /// The `update_client` header (ibc-go `Header` protobuf) that proves
    /// header `height` to a light client that trusts `trusted_height`.
    fn client_update(&self, trusted_height: u64, height: u64) -> Result<Binary>;

    /// The `btp_message` events `message_center` emitted in blocks
    /// `from..=to`, in order.
    fn committed_messages(
        &self,
        message_center: &str,
        from: u64,
        to: u64,
    ) -> Result<Vec<CommittedMessage>>;

    /// The messages `message_center` committed for `network` with a sequence
    /// above `after`, in blocks up to `to`, in order; at least the first
    /// `limit` of them when there are that many (a backend may return more,
    /// or others: the caller filters). By default, [`Self::committed_messages`]
    /// from block 1, filtered.
    fn pending_messages(
        &self,
        message_center: &str,
        network: &NetworkAddress,
        after: u64,
        to: u64,
        limit: usize,
    ) -> Result<Vec<CommittedMessage>> {
        Ok(self
            .committed_messages(message_center, 1, to)?
            .into_iter()
            .filter(|message| &message.network == network && message.sequence > after)
            .take(limit)
            .collect())
    }

    /// The ibc-go `MerkleProof` of `key` in the `wasm` store at store version
    /// `version` (it verifies against header `version + 1`).
    fn storage_proof(&self, key: &[u8], version: u64) -> Result<Binary>;

    /// The canonical bytes of an address of this chain.
    fn canonical_address(&self, address: &str) -> Result<Vec<u8>>;

    /// A smart query of a contract.
    fn query<Q: Serialize, T: DeserializeOwned>(&self, contract: &str, msg: &Q) -> Result<T>;

    /// Submits `messages` as one transaction signed by the relayer's account.
    fn submit(&mut self, messages: Vec<CosmosMsg>) -> Result<Submitted>;
}
