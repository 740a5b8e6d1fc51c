//! The app hash: CometBFT's simple Merkle tree over the roots of the
//! multistore's stores (`ics23::tendermint_spec`), the outer layer of a
//! Cosmos SDK chain's state proofs.
//!
//! A store's leaf is `SHA-256(0x00 ‖ length ‖ name ‖ length ‖ SHA-256(root))`,
//! an inner node `SHA-256(0x01 ‖ left ‖ right)`, and a tree of `n` leaves
//! splits after the largest power of two below `n`.

use btp_types::keys::WASM_STORE_NAME;
use ics23::commitment_proof::Proof;
use ics23::{CommitmentProof, ExistenceProof, HashOp, InnerOp};

use super::iavl::IavlTree;
use super::merkle::{encode_merkle_proof, leaf_hash, leaf_op, sha256, Hash};

/// Other stores of a wasmd chain, not simulated: each has a constant root,
/// so that `wasm` has real siblings in the multistore layer. Seven stores
/// in all give the tree the uneven shape a real chain's (about twenty) has.
const CONSTANT_STORES: [&str; 6] = ["acc", "bank", "distribution", "gov", "ibc", "staking"];

/// What CometBFT's simple tree prefixes a leaf with.
const LEAF_PREFIX: u8 = 0;
/// What CometBFT's simple tree prefixes an inner node with.
const INNER_PREFIX: u8 = 1;

/// The state of the chain at one version: the `wasm` store and the
/// multistore above it.
pub struct Multistore {
    wasm: IavlTree,
    /// Every store's name and root, sorted by name.
    stores: Vec<(&'static str, Hash)>,
    app_hash: Hash,
}

impl Multistore {
    /// The multistore whose `wasm` store is `wasm`.
    pub fn new(wasm: IavlTree) -> Self {
        let mut stores: Vec<(&'static str, Hash)> = CONSTANT_STORES
            .iter()
            .map(|name| (*name, sha256(&[b"simulated store ", name.as_bytes()])))
            .chain([(WASM_STORE_NAME, wasm.root_hash())])
            .collect();
        stores.sort_unstable_by_key(|(name, _)| *name);
        // The app hash as CometBFT computes it, apart from the proof paths below.
        let leaves: Vec<Vec<u8>> = stores
            .iter()
            .map(|(name, root)| store_leaf(name, root))
            .collect();
        let app_hash = tendermint::merkle::simple_hash_from_byte_vectors::<sha2::Sha256>(&leaves);
        Self {
            wasm,
            stores,
            app_hash,
        }
    }

    /// The app hash committing to this state.
    pub fn app_hash(&self) -> Hash {
        self.app_hash
    }

    /// The `wasm` store.
    pub fn wasm(&self) -> &IavlTree {
        &self.wasm
    }

    /// ibc-go's `MerkleProof` that `key` of the `wasm` store holds its value;
    /// `None` when it is not stored.
    pub fn membership_proof(&self, key: &[u8]) -> Option<Vec<u8>> {
        let exist = self.wasm.existence_proof(key)?;
        Some(self.merkle_proof(Proof::Exist(exist)))
    }

    /// ibc-go's `MerkleProof` that `key` is not in the `wasm` store; `None`
    /// when it is, or when the store is empty.
    pub fn non_membership_proof(&self, key: &[u8]) -> Option<Vec<u8>> {
        let absent = self.wasm.non_existence_proof(key)?;
        Some(self.merkle_proof(Proof::Nonexist(absent)))
    }

    /// The two layers: `wasm_proof` inside the store, then the store in the multistore.
    fn merkle_proof(&self, wasm_proof: Proof) -> Vec<u8> {
        let store_proof = Proof::Exist(self.store_proof(WASM_STORE_NAME));
        encode_merkle_proof(&[
            CommitmentProof {
                proof: Some(wasm_proof),
            },
            CommitmentProof {
                proof: Some(store_proof),
            },
        ])
    }

    /// The proof that store `name` has its root in the multistore.
    fn store_proof(&self, name: &str) -> ExistenceProof {
        let index = self
            .stores
            .iter()
            .position(|(store, _)| *store == name)
            .unwrap_or_else(|| panic!("the multistore has no store {name}"));
        let leaf_hashes: Vec<Hash> = self
            .stores
            .iter()
            .map(|(name, root)| leaf_hash(&[LEAF_PREFIX], name.as_bytes(), root))
            .collect();
        ExistenceProof {
            key: name.as_bytes().to_vec(),
            value: self.stores[index].1.to_vec(),
            leaf: Some(leaf_op(vec![LEAF_PREFIX])),
            path: simple_path(&leaf_hashes, index),
        }
    }
}

/// The bytes CometBFT hashes (after its leaf prefix) for a store: the
/// store's name and the hash of its root, each with its varint length.
fn store_leaf(name: &str, root: &Hash) -> Vec<u8> {
    let mut bytes = super::merkle::length_prefixed(name.as_bytes());
    bytes.extend(super::merkle::length_prefixed(&sha256(&[root])));
    bytes
}

/// Where CometBFT splits `n` (at least 2) leaves: the largest power of two below `n`.
fn split_point(n: usize) -> usize {
    let power = n.next_power_of_two();
    if power == n {
        n / 2
    } else {
        power / 2
    }
}

/// The root of the simple tree over `leaf_hashes` (at least one).
fn simple_root(leaf_hashes: &[Hash]) -> Hash {
    match leaf_hashes {
        [leaf] => *leaf,
        _ => {
            let (left, right) = leaf_hashes.split_at(split_point(leaf_hashes.len()));
            sha256(&[&[INNER_PREFIX], &simple_root(left), &simple_root(right)])
        }
    }
}

/// The inner steps from leaf `index` up to the root of the simple tree over
/// `leaf_hashes`, leaf first.
fn simple_path(leaf_hashes: &[Hash], index: usize) -> Vec<InnerOp> {
    if leaf_hashes.len() <= 1 {
        return Vec::new();
    }
    let split = split_point(leaf_hashes.len());
    let (left, right) = leaf_hashes.split_at(split);
    let (mut path, step) = if index < split {
        (
            simple_path(left, index),
            InnerOp {
                hash: HashOp::Sha256.into(),
                prefix: vec![INNER_PREFIX],
                suffix: simple_root(right).to_vec(),
            },
        )
    } else {
        let mut prefix = vec![INNER_PREFIX];
        prefix.extend(simple_root(left));
        (
            simple_path(right, index - split),
            InnerOp {
                hash: HashOp::Sha256.into(),
                prefix,
                suffix: Vec::new(),
            },
        )
    };
    path.push(step);
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simple_tree_is_cometbfts_for_every_size() {
        for n in 1..=33usize {
            let leaves: Vec<Vec<u8>> = (0..n).map(|i| vec![i as u8; i + 1]).collect();
            let hashes: Vec<Hash> = leaves
                .iter()
                .map(|leaf| sha256(&[&[LEAF_PREFIX], leaf]))
                .collect();
            assert_eq!(
                simple_root(&hashes),
                tendermint::merkle::simple_hash_from_byte_vectors::<sha2::Sha256>(&leaves),
                "{n} leaves"
            );
        }
    }

    #[test]
    fn split_points_are_the_largest_power_of_two_below() {
        for (n, split) in [
            (2, 1),
            (3, 2),
            (4, 2),
            (5, 4),
            (7, 4),
            (8, 4),
            (9, 8),
            (17, 16),
        ] {
            assert_eq!(split_point(n), split, "{n}");
        }
    }
}
