//! The message center's questions ([`VerifierQuery`]), answered with ICS-23
//! proofs into the remote chain's `wasm` store.
//!
//! The message center names facts about the remote message center; this
//! module alone knows where a CosmWasm chain keeps them. wasmd stores a
//! contract's state under `0x03 ‖ canonical address ‖ key` in its `wasm`
//! store, and the canonical address is the data of the contract's bech32
//! address (any prefix: the remote chain's). The keys inside the contract's
//! state are those of `btp_types::keys`:
//! - `verify_commitment`: `head` is stored at
//!   `commitment_storage_key(counterpart, sequence)`;
//! - `verify_receive_state`: `receipt_value(rx_seq)` is stored at
//!   `receipt_storage_key(counterpart)`, or, for `rx_seq = 0`, nothing is.
//!
//! Everything else (an active client, a trusted consensus state at the
//! height that is still within its trusting period, the proof itself, and
//! the answer: the header's time and when this chain trusted it) is the
//! membership queries' own code in [`crate::membership`]. Both questions
//! refuse an expired consensus state: `verify_receive_state` because it
//! decides timeouts and refunds, `verify_commitment` because a state that
//! can no longer be shown to be a fork must not prove a delivery either.

use btp_types::keys::{
    commitment_storage_key, receipt_storage_key, receipt_value, wasm_store_key, WASM_STORE_NAME,
};
use btp_types::msg::verifier::{VerifiedResponse, VerifierQuery};
use cosmwasm_std::{Binary, Storage, Timestamp};

use crate::error::ContractError;
use crate::membership::{verify_membership, verify_non_membership};

/// The length of a chain head (`btp_types::keys::chain_head`).
const HEAD_LEN: usize = 32;

/// Answers `query` at this chain's time `now`.
pub fn verify(
    storage: &dyn Storage,
    now: Timestamp,
    query: VerifierQuery,
) -> Result<VerifiedResponse, ContractError> {
    match query {
        VerifierQuery::VerifyCommitment {
            height,
            center,
            counterpart,
            sequence,
            head,
            proof,
        } => {
            if head.len() != HEAD_LEN {
                return Err(ContractError::InvalidHead { got: head.len() });
            }
            let path = wasm_store_path(&center, &commitment_storage_key(&counterpart, sequence))?;
            verify_membership(storage, now, height, &path, &head, &proof)
        }
        VerifierQuery::VerifyReceiveState {
            height,
            center,
            counterpart,
            rx_seq,
            proof,
        } => {
            let path = wasm_store_path(&center, &receipt_storage_key(&counterpart))?;
            if rx_seq == 0 {
                // A message center stores nothing before its first message.
                verify_non_membership(storage, now, height, &path, &proof)
            } else {
                let value = Binary::from(receipt_value(rx_seq));
                verify_membership(storage, now, height, &path, &value, &proof)
            }
        }
    }
}

/// The bytes under which the remote chain keeps the state of the contract
/// at bech32 `address`: 20 bytes (a key's address) or 32 (wasmd's contract
/// addresses).
pub fn canonical_address(address: &str) -> Result<Vec<u8>, ContractError> {
    let invalid = |reason: String| ContractError::InvalidRemoteCenter {
        address: address.to_string(),
        reason,
    };
    let (_, bytes) = bech32::decode(address).map_err(|err| invalid(err.to_string()))?;
    if bytes.len() != 20 && bytes.len() != 32 {
        return Err(invalid(format!("it holds {} bytes", bytes.len())));
    }
    Ok(bytes)
}

/// The path `[wasm, 0x03 ‖ canonical center ‖ storage_key]` of an entry of
/// the remote center's state.
fn wasm_store_path(center: &str, storage_key: &[u8]) -> Result<Vec<Binary>, ContractError> {
    let canonical = canonical_address(center)?;
    Ok(vec![
        Binary::from(WASM_STORE_NAME.as_bytes()),
        Binary::new(wasm_store_key(&canonical, storage_key)),
    ])
}
