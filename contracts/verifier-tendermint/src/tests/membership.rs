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
use crate::state::{moment, save_consensus_state};
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
            moment(&client.env),
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
    // The layers in the wrong order: the IAVL layer checked as simple
    // Merkle, whose leaf prefix must be exactly `0x00`, not IAVL's.
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
        matches!(err, ContractError::UnexpectedLeafPrefix { layer: 0, .. }),
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
        // Each form's leaf prefix is refused by the other: IAVL's node
        // prefix is not exactly `0x00`, and `0x00` alone is not IAVL's.
        assert!(
            matches!(err, ContractError::UnexpectedLeafPrefix { layer: 0, .. }),
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

/// The two tree forms of a Cosmos SDK chain, in a tree of two leaves:
/// CometBFT's simple Merkle tree (the multistore) and IAVL (a store).
#[derive(Clone, Copy, Debug)]
enum Form {
    Simple,
    Iavl,
}

impl Form {
    /// An honest leaf's prefix: `0x00`, or IAVL's height 0, size 1, version 1.
    fn leaf_prefix(self) -> Vec<u8> {
        match self {
            Form::Simple => vec![0],
            Form::Iavl => vec![0, 2, 2],
        }
    }

    /// The root's image is `head ‖ left ‖ middle ‖ right`.
    fn head_and_middle(self) -> (Vec<u8>, Vec<u8>) {
        match self {
            Form::Simple => (vec![1], vec![]),
            // Height 1, size 2, version 1, then each child's length.
            Form::Iavl => (vec![2, 4, 2, 32], vec![32]),
        }
    }
}

/// A tree of two leaves (keys in order, shorter than 128 bytes) in `form`.
struct TwoLeaves {
    form: Form,
    leaves: [(Vec<u8>, Vec<u8>); 2],
}

impl TwoLeaves {
    fn new(form: Form, left: (&[u8], &[u8]), right: (&[u8], &[u8])) -> Self {
        assert!(left.0 < right.0);
        Self {
            form,
            leaves: [
                (left.0.to_vec(), left.1.to_vec()),
                (right.0.to_vec(), right.1.to_vec()),
            ],
        }
    }

    fn leaf_op(&self) -> ics23::LeafOp {
        ics23::LeafOp {
            hash: ics23::HashOp::Sha256.into(),
            prehash_key: ics23::HashOp::NoHash.into(),
            prehash_value: ics23::HashOp::Sha256.into(),
            length: ics23::LengthOp::VarProto.into(),
            prefix: self.form.leaf_prefix(),
        }
    }

    fn leaf_hash(&self, index: usize) -> Vec<u8> {
        let (key, value) = &self.leaves[index];
        ics23::calculate_existence_root::<crate::crypto::Ics23Hashes>(&ics23::ExistenceProof {
            key: key.clone(),
            value: value.clone(),
            leaf: Some(self.leaf_op()),
            path: vec![],
        })
        .unwrap()
    }

    /// The honest proof of leaf `index` (0 or 1).
    fn exist(&self, index: usize) -> ics23::ExistenceProof {
        let (head, middle) = self.form.head_and_middle();
        let (left, right) = (self.leaf_hash(0), self.leaf_hash(1));
        let step = if index == 0 {
            ics23::InnerOp {
                hash: ics23::HashOp::Sha256.into(),
                prefix: head,
                suffix: [&middle[..], &right].concat(),
            }
        } else {
            ics23::InnerOp {
                hash: ics23::HashOp::Sha256.into(),
                prefix: [&head[..], &left, &middle].concat(),
                suffix: vec![],
            }
        };
        let (key, value) = self.leaves[index].clone();
        ics23::ExistenceProof {
            key,
            value,
            leaf: Some(self.leaf_op()),
            path: vec![step],
        }
    }

    fn root(&self) -> Vec<u8> {
        ics23::calculate_existence_root::<crate::crypto::Ics23Hashes>(&self.exist(0)).unwrap()
    }
}

/// `proof` of a stored key `X ‖ len ‖ k` forged to prove `k` (its last
/// `k_len` bytes): the leaf prefix is extended over `len(key) ‖ X`, so the
/// leaf image, and the root, stay the same.
fn extend_leaf_prefix(proof: &ics23::ExistenceProof, k_len: usize) -> ics23::ExistenceProof {
    let cut = proof.key.len() - k_len;
    assert_eq!(usize::from(proof.key[cut - 1]), k_len, "X ‖ len ‖ k");
    let mut leaf = proof.leaf.clone().unwrap();
    leaf.prefix.push(u8::try_from(proof.key.len()).unwrap());
    leaf.prefix.extend_from_slice(&proof.key[..cut - 1]);
    ics23::ExistenceProof {
        key: proof.key[cut..].to_vec(),
        leaf: Some(leaf),
        ..proof.clone()
    }
}

/// `X ‖ len ‖ k`.
fn embedding(x: &[u8], k: &[u8]) -> Vec<u8> {
    [x, &[u8::try_from(k.len()).unwrap()], k].concat()
}

/// IAVL's spec but for one field (its maximum inner prefix), which is
/// enough for `ics23` not to take it for IAVL's: it then checks no more of
/// the leaf prefix than that it starts with `0x00`.
fn iavl_like() -> ProofSpec {
    let mut spec = ProofSpec::iavl();
    spec.inner_spec.max_prefix_length = 13;
    spec
}

/// A one-layer client under `spec` whose app hash is `root`.
fn one_layer_client(spec: ProofSpec, root: &[u8]) -> Client {
    Client::new(
        InstantiateMsg {
            owner: None,
            client_state: client_state("forger", 10, vec![spec]),
            consensus_state: consensus_state(root),
        },
        Timestamp::from_seconds(NOW_SECS),
    )
}

fn one_layer(proof: ics23::commitment_proof::Proof) -> Vec<u8> {
    MerkleProof {
        proofs: vec![ics23::CommitmentProof { proof: Some(proof) }],
    }
    .encode_to_vec()
}

fn is_unexpected_leaf_prefix(err: &ContractError) -> bool {
    matches!(err, ContractError::UnexpectedLeafPrefix { layer: 0, .. })
}

#[test]
fn a_leaf_prefix_extended_over_a_stored_key_does_not_prove_its_tail() {
    // The attack: a contract stores, under its own key, the key `k` of
    // another contract's entry, `X ‖ len(k) ‖ k`; the proof of that entry,
    // with `len(X ‖ len ‖ k) ‖ X` moved from the key into the leaf prefix,
    // proves `k` against the same root. `ics23` checks only that the prefix
    // starts with the spec's, unless it takes the spec for IAVL's.
    let victim: Vec<u8> = [&[3u8][..], &[0xbb; 20], b"\x00\x08receipts", b"msg-7"].concat();
    let attacker: Vec<u8> = [&[3u8][..], &[0xaa; 20], b"\x00\x05notes"].concat();
    let stored = embedding(&attacker, &victim);
    for (name, spec, form) in [
        ("tendermint", ProofSpec::tendermint(), Form::Simple),
        ("iavl-like", iavl_like(), Form::Iavl),
    ] {
        let tree = TwoLeaves::new(form, (&stored, b"delivered"), (b"\x04", b"next"));
        let root = tree.root();
        let honest = tree.exist(0);
        let forged = extend_leaf_prefix(&honest, victim.len());
        let forged_proof = ics23::CommitmentProof {
            proof: Some(ics23::commitment_proof::Proof::Exist(forged.clone())),
        };
        // What the contract relied on accepts it.
        assert!(
            ics23::verify_membership::<crate::crypto::Ics23Hashes>(
                &forged_proof,
                &crate::proof_specs::to_ics23(&spec),
                &root,
                &victim,
                b"delivered"
            ),
            "{name}"
        );
        let client = one_layer_client(spec, &root);
        let err = verify(
            &client,
            10,
            vec![Binary::new(victim.clone())],
            b"delivered",
            &one_layer(ics23::commitment_proof::Proof::Exist(forged)),
        )
        .unwrap_err();
        assert!(is_unexpected_leaf_prefix(&err), "{name}: {err}");
        let honest = one_layer(ics23::commitment_proof::Proof::Exist(honest));
        let stored_path = vec![Binary::new(stored.clone())];
        match form {
            // The honest proof, whose prefix is exactly the spec's, verifies.
            Form::Simple => {
                verify(&client, 10, stored_path, b"delivered", &honest).unwrap();
            }
            // An IAVL tree's leaves have IAVL's node prefix, which only a
            // spec of IAVL's shape accepts: this spec proves nothing of it.
            Form::Iavl => {
                let err = verify(&client, 10, stored_path, b"delivered", &honest).unwrap_err();
                assert!(is_unexpected_leaf_prefix(&err), "{name}: {err}");
            }
        }
    }
}

#[test]
fn under_the_iavl_spec_the_leaf_prefix_is_checked_by_ics23_and_by_the_contract() {
    // ics23 reads an IAVL spec's leaf prefix as exactly height, size and
    // version: the forged prefix has bytes after them. The contract reads it
    // the same way, so this does not rest on ics23 recognising the spec.
    let victim: Vec<u8> = [&[3u8][..], &[0xbb; 20], b"\x00\x08receipts", b"msg-7"].concat();
    let stored = embedding(&[3, 0xaa, 0xaa], &victim);
    let tree = TwoLeaves::new(Form::Iavl, (&stored, b"delivered"), (b"\x04", b"next"));
    let root = tree.root();
    let honest = tree.exist(0);
    let forged = extend_leaf_prefix(&honest, victim.len());
    assert!(!ics23::verify_membership::<crate::crypto::Ics23Hashes>(
        &ics23::CommitmentProof {
            proof: Some(ics23::commitment_proof::Proof::Exist(forged.clone())),
        },
        &ics23::iavl_spec(),
        &root,
        &victim,
        b"delivered"
    ));
    let client = one_layer_client(ProofSpec::iavl(), &root);
    let err = verify(
        &client,
        10,
        vec![Binary::new(victim)],
        b"delivered",
        &one_layer(ics23::commitment_proof::Proof::Exist(forged)),
    )
    .unwrap_err();
    assert!(is_unexpected_leaf_prefix(&err), "{err}");
    verify(
        &client,
        10,
        vec![Binary::new(stored)],
        b"delivered",
        &one_layer(ics23::commitment_proof::Proof::Exist(honest)),
    )
    .unwrap();
}

#[test]
fn a_neighbour_with_an_extended_leaf_prefix_does_not_prove_a_stored_key_absent() {
    // The attack: a stored key `q = X ‖ len ‖ k`, its leaf passed off as that
    // of `k`, is a neighbour on the wrong side of `q`: the proof then shows
    // two adjacent leaves around `q` and so its absence, although `q` is
    // stored (a receipt, say, whose absence would decide a timeout).
    let x: Vec<u8> = [&[3u8][..], &[0xbb; 20]].concat();
    for (name, spec, form) in [
        ("tendermint", ProofSpec::tendermint(), Form::Simple),
        ("iavl-like", iavl_like(), Form::Iavl),
    ] {
        // `k` before `q`: the forged leaf is the left neighbour.
        let low = embedding(&x, b"\x01low");
        let before = TwoLeaves::new(form, (&low, b"stored"), (b"\x04", b"next"));
        let left = extend_leaf_prefix(&before.exist(0), 4);
        let right = before.exist(1);
        // `k` after `q`: the forged leaf is the right neighbour.
        let high = embedding(&x, b"\x05high");
        let after = TwoLeaves::new(form, (b"\x02", b"previous"), (&high, b"stored"));
        let cases = [
            (&before, low, Some(left), Some(right)),
            (
                &after,
                high,
                Some(after.exist(0)),
                Some(extend_leaf_prefix(&after.exist(1), 5)),
            ),
        ];
        for (tree, stored, left, right) in cases {
            let root = tree.root();
            let absent = ics23::commitment_proof::Proof::Nonexist(ics23::NonExistenceProof {
                key: stored.clone(),
                left,
                right,
            });
            // What the contract relied on accepts it.
            assert!(
                ics23::verify_non_membership::<crate::crypto::Ics23Hashes>(
                    &ics23::CommitmentProof {
                        proof: Some(absent.clone()),
                    },
                    &crate::proof_specs::to_ics23(&spec),
                    &root,
                    &stored
                ),
                "{name}"
            );
            let client = one_layer_client(spec.clone(), &root);
            let err = verify_absence(&client, 10, vec![Binary::new(stored)], &one_layer(absent))
                .unwrap_err();
            assert!(is_unexpected_leaf_prefix(&err), "{name}: {err}");
        }
    }
}
