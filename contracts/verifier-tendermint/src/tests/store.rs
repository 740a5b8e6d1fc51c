//! Synthetic proofs of a remote chain's state: an IAVL store inside a
//! two-store multistore, in the formats `ics23` checks (TOOLCHAIN.md), with
//! existence and non-existence proofs of any key. Node sizes and versions
//! are not what a real chain would write; the proof format does not check
//! them. Leaf prefixes have the one form the contract accepts for each
//! layer: IAVL's node prefix in the store, exactly `0x00` in the multistore.

use std::collections::BTreeMap;

use cosmwasm_std::Binary;
use ics23::commitment_proof::Proof;
use ics23::{
    CommitmentProof, ExistenceProof, HashOp, InnerOp, LeafOp, LengthOp, NonExistenceProof,
};
use prost_ics23::Message;
use sha2::{Digest, Sha256};

use crate::membership::MerkleProof;

/// Proves `store_root` under `name` in a two-store multistore (`acc`,
/// `name`) as CometBFT's simple Merkle tree; returns the proof and app hash.
pub fn multistore_layer(name: &[u8], store_root: &[u8]) -> (CommitmentProof, Vec<u8>) {
    let leaf = |key: &[u8], value: &[u8]| {
        let mut image = vec![0u8, key.len() as u8];
        image.extend_from_slice(key);
        image.push(32);
        image.extend_from_slice(&Sha256::digest(value));
        Sha256::digest(&image).to_vec()
    };
    let left = leaf(b"acc", b"accounts root");
    let right = leaf(name, store_root);
    let mut prefix = vec![1u8];
    prefix.extend_from_slice(&left);
    let root = Sha256::digest([&[1u8][..], &left, &right].concat()).to_vec();
    let proof = CommitmentProof {
        proof: Some(Proof::Exist(ExistenceProof {
            key: name.to_vec(),
            value: store_root.to_vec(),
            leaf: ics23::tendermint_spec().leaf_spec,
            path: vec![InnerOp {
                hash: HashOp::Sha256.into(),
                prefix,
                suffix: vec![],
            }],
        })),
    };
    (proof, root)
}

/// The IAVL version of every node.
const VERSION: i64 = 1;

fn uvarint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// IAVL's node prefix: height, size and version as zigzag varints.
fn node_prefix(height: i64, size: i64) -> Vec<u8> {
    let mut out = Vec::new();
    for value in [height, size, VERSION] {
        uvarint(&mut out, ((value << 1) ^ (value >> 63)) as u64);
    }
    out
}

fn leaf_op() -> LeafOp {
    LeafOp {
        hash: HashOp::Sha256.into(),
        prehash_key: HashOp::NoHash.into(),
        prehash_value: HashOp::Sha256.into(),
        length: LengthOp::VarProto.into(),
        prefix: node_prefix(0, 1),
    }
}

fn leaf_hash(key: &[u8], value: &[u8]) -> Vec<u8> {
    let mut image = node_prefix(0, 1);
    uvarint(&mut image, key.len() as u64);
    image.extend_from_slice(key);
    image.push(32);
    image.extend_from_slice(&Sha256::digest(value));
    Sha256::digest(&image).to_vec()
}

/// A subtree's hash, height and size.
struct Node {
    hash: Vec<u8>,
    height: i64,
    size: i64,
}

/// Hashes the balanced tree over `entries` (sorted, not empty). With
/// `target`, an index into `entries`, appends the inner steps from that
/// leaf up to this subtree's root to `path`, leaf first.
fn subtree(entries: &[(Vec<u8>, Vec<u8>)], target: Option<usize>, path: &mut Vec<InnerOp>) -> Node {
    if let [(key, value)] = entries {
        return Node {
            hash: leaf_hash(key, value),
            height: 0,
            size: 1,
        };
    }
    let middle = entries.len() / 2;
    let on_left = target.filter(|&index| index < middle);
    let on_right = target.and_then(|index| index.checked_sub(middle));
    let left = subtree(&entries[..middle], on_left, path);
    let right = subtree(&entries[middle..], on_right, path);
    let (height, size) = (1 + left.height.max(right.height), left.size + right.size);
    let prefix = node_prefix(height, size);
    let hash = Sha256::digest([&prefix[..], &[32], &left.hash, &[32], &right.hash].concat());
    if on_left.is_some() {
        path.push(InnerOp {
            hash: HashOp::Sha256.into(),
            prefix: [&prefix[..], &[32]].concat(),
            suffix: [&[32], &right.hash[..]].concat(),
        });
    } else if on_right.is_some() {
        path.push(InnerOp {
            hash: HashOp::Sha256.into(),
            prefix: [&prefix[..], &[32], &left.hash, &[32]].concat(),
            suffix: vec![],
        });
    }
    Node {
        hash: hash.to_vec(),
        height,
        size,
    }
}

/// A remote chain whose state is one IAVL store, `name`, beside another.
pub struct RemoteState {
    name: &'static [u8],
    entries: Vec<(Vec<u8>, Vec<u8>)>,
}

impl RemoteState {
    /// The store `name` holding `entries` (at least one).
    pub fn new(name: &'static [u8], entries: BTreeMap<Vec<u8>, Vec<u8>>) -> Self {
        assert!(!entries.is_empty(), "an IAVL tree needs a leaf");
        Self {
            name,
            entries: entries.into_iter().collect(),
        }
    }

    fn root(&self) -> Vec<u8> {
        subtree(&self.entries, None, &mut Vec::new()).hash
    }

    /// The app hash that commits to the state.
    pub fn app_hash(&self) -> Vec<u8> {
        multistore_layer(self.name, &self.root()).1
    }

    fn existence(&self, index: usize) -> ExistenceProof {
        let mut path = Vec::new();
        subtree(&self.entries, Some(index), &mut path);
        let (key, value) = self.entries[index].clone();
        ExistenceProof {
            key,
            value,
            leaf: Some(leaf_op()),
            path,
        }
    }

    /// ibc-go's `MerkleProof` of both layers, the inner one being `inner`.
    fn merkle_proof(&self, inner: Proof) -> Binary {
        let (store_layer, _) = multistore_layer(self.name, &self.root());
        let inner = CommitmentProof { proof: Some(inner) };
        Binary::new(
            MerkleProof {
                proofs: vec![inner, store_layer],
            }
            .encode_to_vec(),
        )
    }

    /// The proof that `key` holds its value.
    pub fn prove(&self, key: &[u8]) -> Binary {
        let index = self
            .entries
            .binary_search_by(|(k, _)| k.as_slice().cmp(key))
            .unwrap_or_else(|_| panic!("{} is not stored", hex::encode(key)));
        self.merkle_proof(Proof::Exist(self.existence(index)))
    }

    /// The proof that nothing is stored at `key`: its neighbours.
    pub fn prove_absent(&self, key: &[u8]) -> Binary {
        let index = self
            .entries
            .binary_search_by(|(k, _)| k.as_slice().cmp(key))
            .expect_err("the key is stored");
        let left = index.checked_sub(1).map(|left| self.existence(left));
        let right = (index < self.entries.len()).then(|| self.existence(index));
        self.merkle_proof(Proof::Nonexist(NonExistenceProof {
            key: key.to_vec(),
            left,
            right,
        }))
    }
}
