//! Storage keys that relayers and verifiers compute from outside a contract.
//!
//! A relayer asks the source chain for a proof of a commitment; it must know
//! the exact key the message center wrote. These functions are the single
//! definition: the message center writes the raw 32-byte commitment under
//! [`commitment_storage_key`], whose layout is that of a `cw-storage-plus` map
//! `(network, sequence)` under [`COMMITMENTS_NAMESPACE`] (a test pins both to
//! each other), so the usual tooling reads it too.

use sha2::{Digest, Sha256};

use crate::address::NetworkAddress;

/// Namespace of the message center's commitment map `(remote network, sequence) -> sha256(message)`.
pub const COMMITMENTS_NAMESPACE: &str = "commitments";
/// Name of the CosmWasm module's store in a Cosmos SDK multistore.
pub const WASM_STORE_NAME: &str = "wasm";
/// wasmd's prefix for contract storage inside the `wasm` store.
pub const CONTRACT_STORE_PREFIX: u8 = 0x03;

/// The raw contract-storage key under which the message center stores the
/// commitment of the message with sequence `sequence` on the link to `network`.
///
/// Same layout as `cw-storage-plus` `Map<(&str, u64), _>`: each part but the
/// last is preceded by its length as two big-endian bytes; the sequence is
/// eight big-endian bytes.
pub fn commitment_storage_key(network: &NetworkAddress, sequence: u64) -> Vec<u8> {
    let namespace = COMMITMENTS_NAMESPACE.as_bytes();
    let network = network.as_str().as_bytes();
    let mut key = Vec::new();
    push_length_prefixed(&mut key, namespace);
    push_length_prefixed(&mut key, network);
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

/// The commitment stored for an outgoing message: `sha256(message bytes)`.
pub fn message_commitment(message_bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(message_bytes).into()
}
