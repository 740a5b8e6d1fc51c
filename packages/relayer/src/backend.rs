//! What the relayer needs from a chain, whatever the chain is: a simulated
//! chain in `cw-multi-test`, or a real node over CometBFT RPC.

use crate::error::Result;
use btp_types::msg::verifier::Counterpart;
use btp_types::NetworkAddress;
use cosmwasm_std::{Binary, Coin, CosmosMsg, Event, Timestamp};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A message a message center committed, as its `btp_message` event told it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommittedMessage {
    /// The block the commitment was written in.
    pub height: u64,
    /// The destination network (`network`).
    pub network: NetworkAddress,
    /// The destination message center the message was committed for: its
    /// history (`remote_center`). `None` for an event of the first version
    /// (before the migration), which did not name it; the batch's proof
    /// then catches a message of another history.
    pub remote_center: Option<String>,
    /// The message's sequence in that history (`sequence`).
    pub sequence: u64,
    /// The RLP bytes of the BTP message (`message`, hex in the event).
    pub message: Vec<u8>,
    /// The destination block time from which on it is not executed
    /// (`timeout`, nanoseconds in the event, `0` for none).
    pub timeout: Option<Timestamp>,
    /// The chain head stored for it (`head`, hex in the event); `None` for
    /// an event of the first version.
    pub head: Option<Vec<u8>>,
}

impl CommittedMessage {
    /// Whether it belongs to the history with `history`, as far as the
    /// event tells (a message without `remote_center` is taken by its network).
    pub fn is_in(&self, history: &Counterpart) -> bool {
        self.network == history.network
            && self
                .remote_center
                .as_deref()
                .is_none_or(|center| center == history.center)
    }
}

/// A `timeout` attribute (nanoseconds since the epoch, `0` for none) as a time.
pub fn parse_timeout(nanos: &str) -> Result<Option<Timestamp>> {
    Ok(match nanos.parse::<u64>()? {
        0 => None,
        nanos => Some(Timestamp::from_nanos(nanos)),
    })
}

/// A value of a chain's `wasm` store with the proof of it, or of its absence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProvenValue {
    /// The value stored under the key; `None` when nothing is (CosmWasm
    /// never stores an empty value).
    pub value: Option<Vec<u8>>,
    /// ibc-go's `MerkleProof`: of membership of `value` when there is one,
    /// of non-membership of the key otherwise. Either verifies against the
    /// header one above the store version it was read at.
    pub proof: Binary,
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

    /// The time of header `height` (what a light client that trusts it
    /// answers as the time of proofs at that height).
    fn header_time(&self, height: u64) -> Result<Timestamp>;

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

    /// The messages `message_center` committed in its history with
    /// `history` (the destination network and message center) with a
    /// sequence above `after`, in blocks up to `to`, in order; at least the
    /// first `limit` of them when there are that many (a backend may return
    /// more, or others: the caller filters). By default,
    /// [`Self::committed_messages`] from block 1, filtered.
    fn pending_messages(
        &self,
        message_center: &str,
        history: &Counterpart,
        after: u64,
        to: u64,
        limit: usize,
    ) -> Result<Vec<CommittedMessage>> {
        Ok(self
            .committed_messages(message_center, 1, to)?
            .into_iter()
            .filter(|message| message.is_in(history) && message.sequence > after)
            .take(limit)
            .collect())
    }

    /// The value of `key` in the `wasm` store at store version `version`
    /// (what `abci_query` at that height answers), with the proof of it or
    /// of its absence; it verifies against header `version + 1`.
    fn proven_value(&self, key: &[u8], version: u64) -> Result<ProvenValue>;

    /// The ibc-go `MerkleProof` of `key` in the `wasm` store at store
    /// version `version`: of membership when the key is stored, of
    /// non-membership otherwise (see [`Self::proven_value`]).
    fn storage_proof(&self, key: &[u8], version: u64) -> Result<Binary> {
        Ok(self.proven_value(key, version)?.proof)
    }

    /// The canonical bytes of an address of this chain.
    fn canonical_address(&self, address: &str) -> Result<Vec<u8>>;

    /// A smart query of a contract.
    fn query<Q: Serialize, T: DeserializeOwned>(&self, contract: &str, msg: &Q) -> Result<T>;

    /// Submits `messages` as one transaction signed by the relayer's account.
    fn submit(&mut self, messages: Vec<CosmosMsg>) -> Result<Submitted>;

    /// What the account that signs [`Self::submit`]'s transactions holds of
    /// the coin fees are paid in; `None` when the backend does not know (no
    /// signer, or no fees).
    fn relayer_balance(&self) -> Result<Option<Coin>> {
        Ok(None)
    }
}
