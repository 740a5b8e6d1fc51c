//! Forged Merkle proofs, checked by B's light client of A directly: a proof
//! for another key or value, a proof with an extra layer, an absence proof
//! for a key that exists, a proof against another height or another store.

use btp_types::keys::{
    chain_head, commitment_storage_key, wasm_store_key, GENESIS_HEAD, WASM_STORE_NAME,
};
use btp_types::msg::verifier::Counterpart;
use btp_types::msg::verifier_tendermint::{LightClientQuery, VerifiedResponse};
use cosmwasm_std::{Binary, StdResult};
use relayer::ChainBackend;
use testing::errors::query_refusal;
use testing::harness::TwoChains;
use testing::relay::{relay, Side};

use crate::common::two_pending;

/// A's message 1, relayed, so that B's client trusts the header that proves it.
struct Proven {
    chains: TwoChains,
    /// The header height B trusts.
    height: u64,
    key: Vec<u8>,
    value: Vec<u8>,
}

fn proven() -> Proven {
    let mut chains = two_pending();
    let report = relay(&mut chains, Side::A).unwrap().unwrap();
    let center = chains.a.contracts.message_center.to_string();
    let canonical = chains.a.canonical_address(&center).unwrap();
    let history = Counterpart {
        network: chains.b.network().clone(),
        center: chains.b.contracts.message_center.to_string(),
    };
    let key = wasm_store_key(&canonical, &commitment_storage_key(&history, 1));
    let first = chains
        .a
        .committed_messages(&center, 1, report.proof_height - 1)[0]
        .1
        .clone();
    Proven {
        height: report.proof_height,
        key,
        value: chain_head(&GENESIS_HEAD, &first.message, first.timeout).to_vec(),
        chains,
    }
}

impl Proven {
    fn proof(&self, key: &[u8]) -> Vec<u8> {
        self.chains
            .a
            .chain
            .membership_proof(self.height - 1, key)
            .unwrap()
    }

    fn verify(
        &self,
        height: u64,
        store: &str,
        key: &[u8],
        value: &[u8],
        proof: Vec<u8>,
    ) -> StdResult<VerifiedResponse> {
        self.chains.b.app.wrap().query_wasm_smart(
            &self.chains.b.contracts.verifier,
            &LightClientQuery::VerifyMembership {
                height,
                path: vec![
                    Binary::new(store.as_bytes().to_vec()),
                    Binary::new(key.to_vec()),
                ],
                value: Binary::new(value.to_vec()),
                proof: Binary::new(proof),
            },
        )
    }
}

/// The control: the honest proof verifies.
#[test]
fn the_honest_proof_verifies() {
    let proven = proven();
    let proof = proven.proof(&proven.key);
    proven
        .verify(
            proven.height,
            WASM_STORE_NAME,
            &proven.key,
            &proven.value,
            proof,
        )
        .unwrap();
}

/// Check: the proof's leaf must hash the given key and value to the root.
#[test]
fn a_proof_for_another_key_or_value_is_refused() {
    let proven = proven();
    let proof = proven.proof(&proven.key);
    let mut other_value = proven.value.clone();
    other_value[0] ^= 1;
    let err = proven
        .verify(
            proven.height,
            WASM_STORE_NAME,
            &proven.key,
            &other_value,
            proof.clone(),
        )
        .unwrap_err();
    assert!(query_refusal(&err).starts_with("proof layer 0 does not prove the value of key"));
    let mut other_key = proven.key.clone();
    *other_key.last_mut().unwrap() ^= 1;
    let err = proven
        .verify(
            proven.height,
            WASM_STORE_NAME,
            &other_key,
            &proven.value,
            proof,
        )
        .unwrap_err();
    assert!(query_refusal(&err).starts_with("proof layer 0 does not prove the value of key"));
}

/// Check: the proof must have exactly one layer per spec (store, multistore);
/// an extra layer is not ignored.
#[test]
fn a_proof_with_an_extra_layer_is_refused() {
    let proven = proven();
    let proof = proven.proof(&proven.key);
    let mut layers = testing::chain::merkle::decode_merkle_proof(&proof).unwrap();
    layers.push(layers[1].clone());
    let extended = testing::chain::merkle::encode_merkle_proof(&layers);
    let err = proven
        .verify(
            proven.height,
            WASM_STORE_NAME,
            &proven.key,
            &proven.value,
            extended,
        )
        .unwrap_err();
    assert!(!err.to_string().is_empty());
}

/// Check: an absence proof must prove the neighbours of the key; for a key
/// that exists there are none to prove, and another key's absence proof does
/// not apply.
#[test]
fn an_absence_proof_for_a_key_that_exists_is_refused() {
    let proven = proven();
    let mut absent = proven.key.clone();
    absent.push(0xff);
    let absence = proven
        .chains
        .a
        .chain
        .non_membership_proof(proven.height - 1, &absent)
        .unwrap();
    let query = LightClientQuery::VerifyNonMembership {
        height: proven.height,
        path: vec![
            Binary::new(WASM_STORE_NAME.as_bytes().to_vec()),
            Binary::new(proven.key.clone()),
        ],
        proof: Binary::new(absence),
    };
    let result: StdResult<VerifiedResponse> = proven
        .chains
        .b
        .app
        .wrap()
        .query_wasm_smart(&proven.chains.b.contracts.verifier, &query);
    let err =
        result.expect_err("an absence proof of another key proved the absence of an existing one");
    assert!(query_refusal(&err).starts_with("proof layer 0 does not prove the absence of key"));
}

/// Check: the root is the app hash of the header at the given height only.
#[test]
fn a_proof_against_another_height_is_refused() {
    let proven = proven();
    let proof = proven.proof(&proven.key);
    let trusted: btp_types::msg::verifier_tendermint::ConsensusHeightsResponse = proven
        .chains
        .b
        .app
        .wrap()
        .query_wasm_smart(
            &proven.chains.b.contracts.verifier,
            &LightClientQuery::ConsensusHeights {
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    let other = trusted
        .heights
        .into_iter()
        .find(|height| *height != proven.height)
        .expect("another trusted height");
    let err = proven
        .verify(other, WASM_STORE_NAME, &proven.key, &proven.value, proof)
        .unwrap_err();
    assert!(query_refusal(&err).contains("is not the app hash"));
}

/// Check: the multistore layer must prove the store the path names.
#[test]
fn a_proof_against_another_store_is_refused() {
    let proven = proven();
    let proof = proven.proof(&proven.key);
    let err = proven
        .verify(proven.height, "bank", &proven.key, &proven.value, proof)
        .unwrap_err();
    assert!(query_refusal(&err).starts_with("proof layer 1 does not prove the value of key"));
}
