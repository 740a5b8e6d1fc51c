//! The message tree: roots agree with goloop's level pairing (an odd last
//! node promoted), and every contiguous range of messages is provable with
//! the subtrees around it, and only at its own offset.

use crate::codec::{keccak256, MessageProof, ProofNode};
use crate::error::ContractError;
use crate::test_utils::{cover, tree_root};
use crate::tree::prove;

#[test]
fn every_contiguous_range_of_messages_proves_against_goloops_root() {
    for n in 1..=13usize {
        let messages: Vec<Vec<u8>> = (0..n)
            .map(|i| format!("message {i}").into_bytes())
            .collect();
        let leaves: Vec<[u8; 32]> = messages.iter().map(|m| keccak256(m)).collect();
        let root = tree_root(&leaves);
        for from in 0..n {
            for to in from + 1..=n {
                let proof = MessageProof {
                    left: cover(&leaves, 0, from),
                    messages: messages[from..to].to_vec(),
                    right: cover(&leaves, to, n),
                };
                let proven = prove(&proof).unwrap_or_else(|e| panic!("n {n} [{from},{to}): {e}"));
                assert_eq!(proven.root, root.to_vec(), "n {n} [{from},{to})");
                assert_eq!(proven.offset, from as u64);
                assert_eq!(proven.total, n as u64);
            }
        }
    }
}

#[test]
fn a_proof_node_without_leaves_is_refused() {
    let proof = MessageProof {
        left: vec![ProofNode {
            num_of_leaf: 0,
            value: vec![0; 32],
        }],
        messages: vec![b"m".to_vec()],
        right: vec![],
    };
    assert_eq!(
        prove(&proof).unwrap_err(),
        ContractError::InvalidNumOfLeaf {
            expected: 1,
            got: 0
        }
    );
}
