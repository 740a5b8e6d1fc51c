//! Membership and non-membership proofs: the real Nyx mainnet proof of a
//! CosmWasm contract's storage, the ICS-23 test vectors, and every way a
//! proof can fail.

use btp_types::msg::verifier_tendermint::{
    ClientState, ConsensusState, InstantiateMsg, LightClientQuery, MembershipItem, ProofSpec,
    TrustThreshold, VerifiedResponse,
};
use cosmwasm_std::{Binary, Timestamp};
use prost_ics23::Message;

use super::store::multistore_layer;
use super::synthetic::client_trusting_at_2;
use super::Client;
use crate::error::ContractError;
use crate::membership::MerkleProof;
use crate::state::save_consensus_state;
use crate::testing::{nyx_proof, read_fixture, NyxProof};

/// Nyx's header time is not in the fixture; any recent time will do.
const NOW_SECS: u64 = 1_750_000_000;

fn client_state(chain_id: &str, height: u64, proof_specs: Vec<ProofSpec>) -> ClientState {
    ClientState {
        chain_id: chain_id.into(),
        trust_level: TrustThreshold::ONE_THIRD,
        trusting_period_secs: 14 * 24 * 3600,
        unbonding_period_secs: 21 * 24 * 3600,
        max_clock_drift_secs: 10,
        latest_height: height,
        frozen_height: None,
        proof_specs,
    }
}

fn consensus_state(app_hash: &[u8]) -> ConsensusState {
    ConsensusState {
        timestamp: Timestamp::from_seconds(NOW_SECS - 60),
        app_hash: Binary::from(app_hash),
        next_validators_hash: Binary::new(vec![9; 32]),
    }
}

/// A client of Nyx mainnet that trusts header 24499897's app hash.
fn nyx_client(proof: &NyxProof, specs: Vec<ProofSpec>) -> Client {
    Client::new(
        InstantiateMsg {
            owner: None,
            client_state: client_state("nyx", proof.header_height, specs),
            consensus_state: consensus_state(&proof.app_hash),
        },
        Timestamp::from_seconds(NOW_SECS),
    )
}

fn nyx_path(proof: &NyxProof) -> Vec<Binary> {
    vec![Binary::from(b"wasm"), Binary::from(proof.key.as_slice())]
}

fn verify(
    client: &Client,
    height: u64,
    path: Vec<Binary>,
    value: &[u8],
    proof: &[u8],
) -> Result<VerifiedResponse, ContractError> {
    client.query(LightClientQuery::VerifyMembership {
        height,
        path,
        value: Binary::from(value),
        proof: Binary::from(proof),
    })
}

fn verify_absence(
    client: &Client,
    height: u64,
    path: Vec<Binary>,
    proof: &[u8],
) -> Result<VerifiedResponse, ContractError> {
    client.query(LightClientQuery::VerifyNonMembership {
        height,
        path,
        proof: Binary::from(proof),
    })
}

#[test]
fn the_nyx_mainnet_contract_storage_proof_verifies() {
    let proof = nyx_proof();
    // Queried at 24499896, checked against the app hash of header 24499897:
    // callers pass the header height.
    assert_eq!(proof.header_height, proof.query_height + 1);
    let client = nyx_client(&proof, ProofSpec::cosmos_sdk());
    let verified = verify(
        &client,
        proof.header_height,
        nyx_path(&proof),
        &proof.value,
        &proof.merkle_proof,
    )
    .unwrap();
    assert_eq!(verified.height, proof.header_height);
}

#[test]
fn a_changed_value_fails_the_nyx_proof() {
    let proof = nyx_proof();
    let client = nyx_client(&proof, ProofSpec::cosmos_sdk());
    let mut value = proof.value.clone();
    value[3] ^= 1;
    let err = verify(
        &client,
        proof.header_height,
        nyx_path(&proof),
        &value,
        &proof.merkle_proof,
    )
    .unwrap_err();
    assert!(
        matches!(err, ContractError::ProofFailed { layer: 0, .. }),
        "{err}"
    );
}

#[test]
fn a_changed_key_fails_the_nyx_proof() {
    let proof = nyx_proof();
    let client = nyx_client(&proof, ProofSpec::cosmos_sdk());
    let mut key = proof.key.clone();
    *key.last_mut().unwrap() ^= 1;
    let path = vec![Binary::from(b"wasm"), Binary::new(key)];
    let err = verify(
        &client,
        proof.header_height,
        path,
        &proof.value,
        &proof.merkle_proof,
    )
    .unwrap_err();
    assert!(
        matches!(err, ContractError::ProofFailed { layer: 0, .. }),
        "{err}"
    );
}

#[test]
fn a_changed_store_name_fails_the_nyx_proof() {
    let proof = nyx_proof();
    let client = nyx_client(&proof, ProofSpec::cosmos_sdk());
    let path = vec![Binary::from(b"bank"), Binary::from(proof.key.as_slice())];
    let err = verify(
        &client,
        proof.header_height,
        path,
        &proof.value,
        &proof.merkle_proof,
    )
    .unwrap_err();
    assert!(
        matches!(err, ContractError::ProofFailed { layer: 1, .. }),
        "{err}"
    );
}

#[test]
fn the_nyx_proof_replayed_at_another_height_fails() {
    let proof = nyx_proof();
    let mut client = nyx_client(&proof, ProofSpec::cosmos_sdk());
    // Other heights with their own (here made-up) app hashes, including the
    // query height itself: the off-by-one a caller could make.
    for height in [proof.query_height, proof.header_height + 1] {
        save_consensus_state(
            &mut client.deps.storage,
            height,
            &consensus_state(&[height as u8; 32]),
        )
        .unwrap();
        let err = verify(
            &client,
            height,
            nyx_path(&proof),
            &proof.value,
            &proof.merkle_proof,
        )
        .unwrap_err();
        assert!(
            matches!(err, ContractError::RootMismatch { height: h, .. } if h == height),
            "{err}"
        );
    }
    // A height the client does not trust at all.
    let err = verify(
        &client,
        proof.header_height + 2,
        nyx_path(&proof),
        &proof.value,
        &proof.merkle_proof,
    )
    .unwrap_err();
    assert_eq!(
        err,
        ContractError::ConsensusStateNotFound {
            height: proof.header_height + 2
        }
    );
}

#[test]
fn the_nyx_proof_fails_under_the_wrong_specs() {
    let proof = nyx_proof();
    // The layers in the wrong order: the IAVL layer checked as simple Merkle.
    let client = nyx_client(&proof, vec![ProofSpec::tendermint(), ProofSpec::iavl()]);
    let err = verify(
        &client,
        proof.header_height,
        nyx_path(&proof),
        &proof.value,
        &proof.merkle_proof,
    )
    .unwrap_err();
    assert!(
        matches!(err, ContractError::ProofFailed { layer: 0, .. }),
        "{err}"
    );
    // A stricter IAVL spec (depth limit) than the chain's.
    let mut shallow = ProofSpec::iavl();
    shallow.min_depth = 1;
    shallow.max_depth = 2;
    let client = nyx_client(&proof, vec![shallow, ProofSpec::tendermint()]);
    let err = verify(
        &client,
        proof.header_height,
        nyx_path(&proof),
        &proof.value,
        &proof.merkle_proof,
    )
    .unwrap_err();
    assert!(
        matches!(err, ContractError::ProofFailed { layer: 0, .. }),
        "{err}"
    );
}

#[test]
fn a_proof_with_a_layer_missing_is_rejected() {
    let proof = nyx_proof();
    let client = nyx_client(&proof, ProofSpec::cosmos_sdk());
    let mut merkle = MerkleProof::decode(proof.merkle_proof.as_slice()).unwrap();
    merkle.proofs.pop();
    let err = verify(
        &client,
        proof.header_height,
        nyx_path(&proof),
        &proof.value,
        &merkle.encode_to_vec(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        ContractError::ProofLayers {
            got: 1,
            expected: 2
        }
    );
    // Or only the inner layer, passed off as the whole: its root is not the app hash.
    let single = nyx_client(&proof, vec![ProofSpec::iavl()]);
    let err = verify(
        &single,
        proof.header_height,
        vec![Binary::from(proof.key.as_slice())],
        &proof.value,
        &merkle.encode_to_vec(),
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::RootMismatch { .. }), "{err}");
}

#[test]
fn a_path_of_the_wrong_length_or_with_an_empty_key_is_rejected() {
    let proof = nyx_proof();
    let client = nyx_client(&proof, ProofSpec::cosmos_sdk());
    let err = verify(
        &client,
        proof.header_height,
        vec![Binary::from(proof.key.as_slice())],
        &proof.value,
        &proof.merkle_proof,
    )
    .unwrap_err();
    assert_eq!(
        err,
        ContractError::PathLength {
            got: 1,
            expected: 2
        }
    );
    let err = verify(
        &client,
        proof.header_height,
        vec![Binary::default(), Binary::from(proof.key.as_slice())],
        &proof.value,
        &proof.merkle_proof,
    )
    .unwrap_err();
    assert_eq!(err, ContractError::EmptyPathKey { index: 0 });
}

#[test]
fn an_empty_value_cannot_be_proven() {
    let proof = nyx_proof();
    let client = nyx_client(&proof, ProofSpec::cosmos_sdk());
    let err = verify(
        &client,
        proof.header_height,
        nyx_path(&proof),
        &[],
        &proof.merkle_proof,
    )
    .unwrap_err();
    assert_eq!(err, ContractError::EmptyValue);
}

#[test]
fn malformed_proof_bytes_are_rejected() {
    let proof = nyx_proof();
    let client = nyx_client(&proof, ProofSpec::cosmos_sdk());
    let err = verify(
        &client,
        proof.header_height,
        nyx_path(&proof),
        &proof.value,
        &[0x0a, 0xff],
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::MalformedProof { .. }), "{err}");
}

#[test]
fn a_membership_proof_cannot_prove_absence_and_back() {
    let proof = nyx_proof();
    let client = nyx_client(&proof, ProofSpec::cosmos_sdk());
    let err = verify_absence(
        &client,
        proof.header_height,
        nyx_path(&proof),
        &proof.merkle_proof,
    )
    .unwrap_err();
    assert_eq!(
        err,
        ContractError::WrongProofKind {
            layer: 0,
            expected: "non-existence"
        }
    );
}

#[test]
fn a_batch_verifies_every_item_and_names_the_failing_one() {
    let proof = nyx_proof();
    let client = nyx_client(&proof, ProofSpec::cosmos_sdk());
    let item = MembershipItem {
        path: nyx_path(&proof),
        value: Binary::from(proof.value.as_slice()),
        proof: Binary::from(proof.merkle_proof.as_slice()),
    };
    let batch = |items: Vec<MembershipItem>| -> Result<VerifiedResponse, ContractError> {
        client.query(LightClientQuery::VerifyBatchMembership {
            height: proof.header_height,
            items,
        })
    };
    assert_eq!(
        batch(vec![item.clone(), item.clone()]).unwrap().height,
        proof.header_height
    );
    let mut wrong = item.clone();
    wrong.value = Binary::from(b"\"n1attacker\"");
    let err = batch(vec![item.clone(), wrong]).unwrap_err();
    assert!(
        matches!(&err, ContractError::BatchItem { index: 1, source } if matches!(**source, ContractError::ProofFailed { .. })),
        "{err}"
    );
    assert!(err.to_string().starts_with("batch item 1: "), "{err}");
    assert_eq!(batch(vec![]).unwrap_err(), ContractError::EmptyBatch);
}

#[test]
fn a_frozen_client_proves_nothing() {
    // A synthetic chain whose app hash at height 2 is the Nyx root, frozen by
    // evidence: the valid proof no longer verifies.
    let proof = nyx_proof();
    let (mut client, evidence) = client_trusting_at_2(&proof.app_hash);
    let nyx = |client: &Client| {
        verify(
            client,
            2,
            nyx_path(&proof),
            &proof.value,
            &proof.merkle_proof,
        )
    };
    nyx(&client).unwrap();
    client.execute(evidence).unwrap();
    assert_eq!(
        nyx(&client).unwrap_err(),
        ContractError::ClientFrozen { height: 2 }
    );
}

#[test]
fn an_expired_client_proves_nothing() {
    let proof = nyx_proof();
    let mut client = nyx_client(&proof, ProofSpec::cosmos_sdk());
    let trusting = client.client_state().trusting_period_secs;
    client.at(Timestamp::from_seconds(NOW_SECS - 60 + trusting));
    let err = verify(
        &client,
        proof.header_height,
        nyx_path(&proof),
        &proof.value,
        &proof.merkle_proof,
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::ClientExpired { .. }), "{err}");
    let err = verify_absence(
        &client,
        proof.header_height,
        nyx_path(&proof),
        &proof.merkle_proof,
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::ClientExpired { .. }), "{err}");
}

/// One file of the ICS-23 test vectors.
struct Vector {
    key: Vec<u8>,
    value: Vec<u8>,
    root: Vec<u8>,
    proof: Vec<u8>,
}

fn vector(spec: &str, name: &str) -> Vector {
    let json: serde_json::Value =
        serde_json::from_str(&read_fixture(&format!("ics23/{spec}/{name}.json"))).unwrap();
    let field = |f: &str| hex::decode(json[f].as_str().unwrap()).unwrap();
    Vector {
        key: field("key"),
        value: field("value"),
        root: field("root"),
        proof: field("proof"),
    }
}

/// A one-layer client whose app hash is the vector's root; the vector's
/// proof as a one-layer `MerkleProof`.
fn vector_client(spec: ProofSpec, vector: &Vector) -> (Client, Vec<u8>) {
    let client = Client::new(
        InstantiateMsg {
            owner: None,
            client_state: client_state("vectors", 10, vec![spec]),
            consensus_state: consensus_state(&vector.root),
        },
        Timestamp::from_seconds(NOW_SECS),
    );
    let proof = ics23::CommitmentProof::decode(vector.proof.as_slice()).unwrap();
    (
        client,
        MerkleProof {
            proofs: vec![proof],
        }
        .encode_to_vec(),
    )
}

fn specs() -> [(&'static str, ProofSpec); 2] {
    [
        ("iavl", ProofSpec::iavl()),
        ("tendermint", ProofSpec::tendermint()),
    ]
}

#[test]
fn the_ics23_existence_vectors_verify_and_a_changed_value_does_not() {
    for (name, spec) in specs() {
        for case in ["exist_left", "exist_middle", "exist_right"] {
            let v = vector(name, case);
            let (client, proof) = vector_client(spec.clone(), &v);
            verify(
                &client,
                10,
                vec![Binary::from(v.key.as_slice())],
                &v.value,
                &proof,
            )
            .unwrap_or_else(|err| panic!("{name}/{case}: {err}"));
            let mut value = v.value.clone();
            value.push(b'!');
            verify(
                &client,
                10,
                vec![Binary::from(v.key.as_slice())],
                &value,
                &proof,
            )
            .unwrap_err();
            // An existence proof does not prove absence.
            verify_absence(&client, 10, vec![Binary::from(v.key.as_slice())], &proof).unwrap_err();
        }
    }
}

#[test]
fn the_ics23_non_existence_vectors_verify_and_do_not_prove_a_neighbour_absent() {
    for (name, spec) in specs() {
        for case in ["nonexist_left", "nonexist_middle", "nonexist_right"] {
            let v = vector(name, case);
            let (client, proof) = vector_client(spec.clone(), &v);
            verify_absence(&client, 10, vec![Binary::from(v.key.as_slice())], &proof)
                .unwrap_or_else(|err| panic!("{name}/{case}: {err}"));
            // The neighbours the proof shows exist: their absence is not proven.
            let decoded = ics23::CommitmentProof::decode(v.proof.as_slice()).unwrap();
            let Some(ics23::commitment_proof::Proof::Nonexist(absent)) = decoded.proof else {
                panic!("{name}/{case} is not a non-existence proof")
            };
            for neighbour in [absent.left, absent.right].into_iter().flatten() {
                let err = verify_absence(&client, 10, vec![Binary::new(neighbour.key)], &proof)
                    .unwrap_err();
                assert!(
                    matches!(err, ContractError::ProofFailed { layer: 0, .. }),
                    "{name}/{case}: {err}"
                );
            }
        }
    }
}

#[test]
fn the_ics23_vectors_fail_under_the_other_spec() {
    for (name, other) in [
        ("iavl", ProofSpec::tendermint()),
        ("tendermint", ProofSpec::iavl()),
    ] {
        let v = vector(name, "exist_middle");
        let (client, proof) = vector_client(other, &v);
        let err = verify(
            &client,
            10,
            vec![Binary::from(v.key.as_slice())],
            &v.value,
            &proof,
        )
        .unwrap_err();
        assert!(
            matches!(err, ContractError::ProofFailed { .. }),
            "{name}: {err}"
        );
    }
}

#[test]
fn absence_is_proven_through_both_layers() {
    // The IAVL non-existence vector, placed as the `wasm` store of a multistore.
    let v = vector("iavl", "nonexist_middle");
    let (store_layer, app_hash) = multistore_layer(b"wasm", &v.root);
    let inner = ics23::CommitmentProof::decode(v.proof.as_slice()).unwrap();
    let proof = MerkleProof {
        proofs: vec![inner, store_layer],
    }
    .encode_to_vec();
    let client = Client::new(
        InstantiateMsg {
            owner: None,
            client_state: client_state("vectors", 10, ProofSpec::cosmos_sdk()),
            consensus_state: consensus_state(&app_hash),
        },
        Timestamp::from_seconds(NOW_SECS),
    );
    let path = |store: &[u8]| vec![Binary::from(store), Binary::from(v.key.as_slice())];
    verify_absence(&client, 10, path(b"wasm"), &proof).unwrap();
    let err = verify_absence(&client, 10, path(b"bank"), &proof).unwrap_err();
    assert!(
        matches!(err, ContractError::ProofFailed { layer: 1, .. }),
        "{err}"
    );
}
