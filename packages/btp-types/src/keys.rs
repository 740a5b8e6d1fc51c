//! Storage keys that relayers and verifiers compute from outside a contract,
//! and the chain of commitment heads they prove.
//!
//! A relayer asks the source chain for a proof of a commitment; it must know
//! the exact key the message center wrote. These functions are the single
//! definition: the message center writes the raw 32-byte chain head of each
//! message under [`commitment_storage_key`] and the raw receive sequence of
//! each history under [`receipt_storage_key`], in the layout of
//! `cw-storage-plus` maps (a test pins both to each other), so the usual
//! tooling reads them too.
//!
//! # The chain of heads
//!
//! Message `n` of a history (a message center's messages to one remote
//! message center) is committed as
//! `head_n = sha256(head_(n-1) ‖ sha256(message_n) ‖ metadata_n)`, with
//! `head_0` 32 zero bytes and `metadata_n` the message's timeout as eight
//! big-endian bytes of nanoseconds since the epoch (zero when it has none).
//! A receiver that knows `head_k` checks a whole batch `k+1..m` with one
//! proof of `head_m`.

use sha2::{Digest, Sha256};

use cosmwasm_std::Timestamp;

use crate::address::NetworkAddress;
use crate::msg::verifier::Counterpart;

/// Namespace of the message center's map of chain heads
/// `(remote network, remote message center, sequence) -> head`.
pub const COMMITMENTS_NAMESPACE: &str = "heads";
/// Namespace of the message center's map of receive sequences
/// `(remote network, remote message center) -> rx_seq` (eight big-endian bytes).
pub const RECEIPTS_NAMESPACE: &str = "receipts";
/// Namespace of the first version's commitments `(remote network, sequence) -> sha256(message)`,
/// read only by the migration.
pub const LEGACY_COMMITMENTS_NAMESPACE: &str = "commitments";
/// The head before a history's first message.
pub const GENESIS_HEAD: [u8; 32] = [0; 32];
/// Name of the CosmWasm module's store in a Cosmos SDK multistore.
pub const WASM_STORE_NAME: &str = "wasm";
/// wasmd's prefix for contract storage inside the `wasm` store.
pub const CONTRACT_STORE_PREFIX: u8 = 0x03;

/// The raw contract-storage key under which a message center stores the
/// chain head of message `sequence` of its history with `counterpart`.
///
/// Same layout as `cw-storage-plus` `Map<(&str, &str, u64), _>`: each part
/// but the last is preceded by its length as two big-endian bytes; the
/// sequence is eight big-endian bytes.
pub fn commitment_storage_key(counterpart: &Counterpart, sequence: u64) -> Vec<u8> {
    let mut key = Vec::new();
    push_length_prefixed(&mut key, COMMITMENTS_NAMESPACE.as_bytes());
    push_length_prefixed(&mut key, counterpart.network.as_str().as_bytes());
    push_length_prefixed(&mut key, counterpart.center.as_bytes());
    key.extend_from_slice(&sequence.to_be_bytes());
    key
}

/// The raw contract-storage key under which a message center stores how many
/// messages of its history with `counterpart` it has received (layout of
/// `cw-storage-plus` `Map<(&str, &str), _>`).
pub fn receipt_storage_key(counterpart: &Counterpart) -> Vec<u8> {
    let mut key = Vec::new();
    push_length_prefixed(&mut key, RECEIPTS_NAMESPACE.as_bytes());
    push_length_prefixed(&mut key, counterpart.network.as_str().as_bytes());
    key.extend_from_slice(counterpart.center.as_bytes());
    key
}

/// The value stored under [`receipt_storage_key`]: the receive sequence as
/// eight big-endian bytes. Nothing is stored before the first message.
pub fn receipt_value(rx_seq: u64) -> [u8; 8] {
    rx_seq.to_be_bytes()
}

/// The first version's commitment key `(network, sequence)`; only the
/// migration reads it.
pub fn legacy_commitment_storage_key(network: &NetworkAddress, sequence: u64) -> Vec<u8> {
    let mut key = Vec::new();
    push_length_prefixed(&mut key, LEGACY_COMMITMENTS_NAMESPACE.as_bytes());
    push_length_prefixed(&mut key, network.as_str().as_bytes());
    key.extend_from_slice(&sequence.to_be_bytes());
    key
}

fn push_length_prefixed(out: &mut Vec<u8>, part: &[u8]) {
    // Network addresses are at most 128 bytes, the namespace is constant:
    // both always fit the two-byte length.
    let len = u16::try_from(part.len()).unwrap_or(u16::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(part);
}

/// The key of a contract's storage entry inside the chain's `wasm` store:
/// `0x03 ‖ canonical contract address ‖ raw storage key`.
pub fn wasm_store_key(canonical_contract: &[u8], storage_key: &[u8]) -> Vec<u8> {
    let mut key = Vec::new();
    key.push(CONTRACT_STORE_PREFIX);
    key.extend_from_slice(canonical_contract);
    key.extend_from_slice(storage_key);
    key
}

/// The hash of a message's bytes: `sha256(message bytes)`.
pub fn message_commitment(message_bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(message_bytes).into()
}

/// The metadata a head commits to besides the message: what the receiver
/// must enforce, the timeout (nanoseconds since the epoch, zero for none).
pub fn head_metadata(timeout: Option<Timestamp>) -> [u8; 8] {
    timeout.map_or(0, |time| time.nanos()).to_be_bytes()
}

/// The timeout a head commits to, as the receiver must enforce it: read
/// through [`head_metadata`], so that two relayed timeouts with the same
/// head mean the same. A timeout of 0 ns hashes like none, and is none: a
/// relayer cannot turn a message committed without a timeout into one that
/// timed out at the epoch.
pub fn committed_timeout(timeout: Option<Timestamp>) -> Option<Timestamp> {
    timeout.filter(|time| time.nanos() != 0)
}

/// The chain head after `message_bytes`: `sha256(previous ‖ sha256(message) ‖ metadata)`.
pub fn chain_head(
    previous: &[u8; 32],
    message_bytes: &[u8],
    timeout: Option<Timestamp>,
) -> [u8; 32] {
    chain_head_of_hash(previous, &message_commitment(message_bytes), timeout)
}

/// [`chain_head`] from the message's hash instead of its bytes.
pub fn chain_head_of_hash(
    previous: &[u8; 32],
    message_hash: &[u8],
    timeout: Option<Timestamp>,
) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(message_hash);
    hasher.update(head_metadata(timeout));
    hasher.finalize().into()
}
