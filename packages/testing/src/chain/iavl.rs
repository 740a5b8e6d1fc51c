//! A store as an IAVL tree, in the format `ics23::iavl_spec` checks: the
//! inner layer of a Cosmos SDK chain's state proofs.
//!
//! Every node hashes its height, size (leaves below it) and version as
//! zigzag varints, then its content: a leaf `length ‖ key ‖ length ‖
//! SHA-256(value)`, an inner node `length ‖ left hash ‖ length ‖ right hash`.
//! A real IAVL tree keeps the version in which each node was last written
//! and rebalances as AVL trees do; this one is rebuilt balanced at each
//! version, with every node at that version. Proofs do not tell the two
//! apart (`ics23` checks the encoding, not the sizes or versions), but the
//! roots differ from those wasmd would compute for the same data.

use ics23::{ExistenceProof, HashOp, InnerOp, NonExistenceProof};

use super::merkle::{leaf_hash, leaf_op, length_prefixed, sha256, Hash};

/// The varint length of a child's hash, written before it in an inner node.
const HASH_LENGTH: u8 = 32;

/// A node of the tree; the entries themselves are kept apart, in key order.
enum Node {
    Leaf {
        hash: Hash,
    },
    Inner {
        height: u8,
        size: usize,
        hash: Hash,
        left: Box<Node>,
        right: Box<Node>,
    },
}

impl Node {
    fn hash(&self) -> &Hash {
        match self {
            Node::Leaf { hash } | Node::Inner { hash, .. } => hash,
        }
    }

    fn height(&self) -> u8 {
        match self {
            Node::Leaf { .. } => 0,
            Node::Inner { height, .. } => *height,
        }
    }

    fn size(&self) -> usize {
        match self {
            Node::Leaf { .. } => 1,
            Node::Inner { size, .. } => *size,
        }
    }
}

/// Protobuf's zigzag varint (`sint64`), which IAVL writes node headers in.
fn zigzag_varint(value: i64) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(10);
    prost::encoding::encode_varint(((value << 1) ^ (value >> 63)) as u64, &mut bytes);
    bytes
}

/// The header every node hashes first: height, size and version.
fn node_header(height: u8, size: usize, version: u64) -> Vec<u8> {
    let as_i64 = |n: u64| i64::try_from(n).expect("IAVL sizes and versions fit in an i64");
    let mut header = zigzag_varint(height.into());
    header.extend(zigzag_varint(as_i64(size as u64)));
    header.extend(zigzag_varint(as_i64(version)));
    header
}

/// The IAVL tree of one version of a store.
pub struct IavlTree {
    version: u64,
    /// Sorted by key, keys unique.
    entries: Vec<(Vec<u8>, Vec<u8>)>,
    root: Option<Node>,
}

impl IavlTree {
    /// The tree of `entries` at `version`.
    pub fn new(version: u64, entries: impl IntoIterator<Item = (Vec<u8>, Vec<u8>)>) -> Self {
        let entries: Vec<(Vec<u8>, Vec<u8>)> = entries
            .into_iter()
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .collect();
        let root = (!entries.is_empty()).then(|| build(&entries, version));
        Self {
            version,
            entries,
            root,
        }
    }

    /// The version (the block height that wrote it).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The root hash; IAVL's hash of an empty tree is SHA-256 of nothing.
    pub fn root_hash(&self) -> Hash {
        self.root
            .as_ref()
            .map_or_else(|| sha256(&[]), |root| *root.hash())
    }

    /// The value stored at `key`.
    pub fn get(&self, key: &[u8]) -> Option<&[u8]> {
        self.position(key)
            .ok()
            .map(|index| self.entries[index].1.as_slice())
    }

    /// The entries, sorted by key.
    pub fn entries(&self) -> &[(Vec<u8>, Vec<u8>)] {
        &self.entries
    }

    /// Where `key` is, or would be inserted.
    fn position(&self, key: &[u8]) -> Result<usize, usize> {
        self.entries
            .binary_search_by(|(stored, _)| stored.as_slice().cmp(key))
    }

    /// The proof that `key` holds its value, if it is stored.
    pub fn existence_proof(&self, key: &[u8]) -> Option<ExistenceProof> {
        self.position(key)
            .ok()
            .map(|index| self.existence_proof_at(index))
    }

    /// The proof that `key` is not stored: the proofs of its neighbours.
    /// `None` when it is stored, or when the tree is empty (ICS-23 needs a
    /// neighbour).
    pub fn non_existence_proof(&self, key: &[u8]) -> Option<NonExistenceProof> {
        let index = self.position(key).err()?;
        let left = index.checked_sub(1).map(|i| self.existence_proof_at(i));
        let right = (index < self.entries.len()).then(|| self.existence_proof_at(index));
        (left.is_some() || right.is_some()).then(|| NonExistenceProof {
            key: key.to_vec(),
            left,
            right,
        })
    }

    /// The path from the leaf of entry `index` to the root, leaf first.
    fn existence_proof_at(&self, index: usize) -> ExistenceProof {
        let (key, value) = &self.entries[index];
        let mut node = self.root.as_ref().expect("a stored entry has a root");
        let mut index = index;
        let mut steps = Vec::new();
        while let Node::Inner {
            height,
            size,
            left,
            right,
            ..
        } = node
        {
            let mut prefix = node_header(*height, *size, self.version);
            if index < left.size() {
                prefix.push(HASH_LENGTH);
                steps.push(inner_op(prefix, length_prefixed(right.hash())));
                node = left;
            } else {
                index -= left.size();
                prefix.extend(length_prefixed(left.hash()));
                prefix.push(HASH_LENGTH);
                steps.push(inner_op(prefix, Vec::new()));
                node = right;
            }
        }
        steps.reverse();
        ExistenceProof {
            key: key.clone(),
            value: value.clone(),
            leaf: Some(leaf_op(node_header(0, 1, self.version))),
            path: steps,
        }
    }
}

fn inner_op(prefix: Vec<u8>, suffix: Vec<u8>) -> InnerOp {
    InnerOp {
        hash: HashOp::Sha256.into(),
        prefix,
        suffix,
    }
}

/// The balanced tree of `entries` (at least one).
fn build(entries: &[(Vec<u8>, Vec<u8>)], version: u64) -> Node {
    if let [(key, value)] = entries {
        return Node::Leaf {
            hash: leaf_hash(&node_header(0, 1, version), key, value),
        };
    }
    let (left, right) = entries.split_at(entries.len().div_ceil(2));
    let (left, right) = (build(left, version), build(right, version));
    let height = left.height().max(right.height()) + 1;
    let size = entries.len();
    let hash = sha256(&[
        &node_header(height, size, version),
        &length_prefixed(left.hash()),
        &length_prefixed(right.hash()),
    ]);
    Node::Inner {
        height,
        size,
        hash,
        left: Box::new(left),
        right: Box::new(right),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::merkle::Sha256Hashes;
    use ics23::commitment_proof::Proof;
    use ics23::CommitmentProof;

    fn tree_of(version: u64, size: u8) -> IavlTree {
        // Keys 2, 4, 6, ...: the odd ones between are absent.
        IavlTree::new(
            version,
            (1..=size).map(|i| (vec![2 * i], format!("value {i}").into_bytes())),
        )
    }

    #[test]
    fn every_key_of_every_tree_size_is_proven_under_the_iavl_spec() {
        let spec = ics23::iavl_spec();
        for size in 1..=20u8 {
            let tree = tree_of(1000 + u64::from(size), size);
            let root = tree.root_hash();
            for (key, value) in tree.entries() {
                let proof = CommitmentProof {
                    proof: Some(Proof::Exist(tree.existence_proof(key).unwrap())),
                };
                assert!(
                    ics23::verify_membership::<Sha256Hashes>(
                        &proof,
                        &spec,
                        &root.to_vec(),
                        key,
                        value
                    ),
                    "size {size}, key {key:?}"
                );
                assert!(
                    !ics23::verify_membership::<Sha256Hashes>(
                        &proof,
                        &spec,
                        &root.to_vec(),
                        key,
                        b"other"
                    ),
                    "size {size}, key {key:?} with another value"
                );
            }
        }
    }

    #[test]
    fn every_gap_of_every_tree_size_is_proven_absent_under_the_iavl_spec() {
        let spec = ics23::iavl_spec();
        for size in 1..=20u8 {
            let tree = tree_of(7, size);
            let root = tree.root_hash().to_vec();
            // Before the first key, between each pair, after the last.
            for missing in (0..=size).map(|i| vec![2 * i + 1]) {
                let proof = CommitmentProof {
                    proof: Some(Proof::Nonexist(tree.non_existence_proof(&missing).unwrap())),
                };
                assert!(
                    ics23::verify_non_membership::<Sha256Hashes>(&proof, &spec, &root, &missing),
                    "size {size}, missing key {missing:?}"
                );
            }
            assert!(tree.non_existence_proof(&[2]).is_none(), "a stored key");
        }
    }

    #[test]
    fn an_empty_tree_proves_nothing() {
        let tree = IavlTree::new(1, []);
        assert_eq!(tree.root_hash(), sha256(&[]));
        assert!(tree.existence_proof(b"key").is_none());
        assert!(tree.non_existence_proof(b"key").is_none());
    }

    #[test]
    fn node_headers_are_zigzag_varints() {
        assert_eq!(node_header(0, 1, 1), [0x00, 0x02, 0x02]);
        assert_eq!(node_header(1, 2, 64), [0x02, 0x04, 0x80, 0x01]);
    }
}
