//! The message tree of a BTP block, rebuilt from a message proof exactly as
//! btp2-java's `Node` and `MessageProof.proveMessage` do: subtrees left of
//! the messages, one leaf per message (keccak256 of it), subtrees right of
//! them, added left to right; then the root hash and the structural checks.

use crate::codec::{keccak256, keccak256_concat, MessageProof};
use crate::error::ContractError;

const LEVEL_INIT: u32 = 0;
const LEVEL_LEAF: u32 = 1;
const LEVEL_BRANCH: u32 = 2;

/// Deepest tree accepted. A well-formed tree of fewer than 2^31 messages
/// (ICON counts them in a Java `int`) is at most 33 levels deep; the bound
/// keeps hostile proofs from exhausting the stack.
pub const MAX_DEPTH: u32 = 64;

/// What a message proof proves.
#[derive(Debug, Clone, PartialEq)]
pub struct Proven {
    /// The tree's root: the block's MessagesRoot if the proof is right.
    pub root: Vec<u8>,
    /// Messages left of the proven ones (the leaves of ProofInLeft).
    pub offset: u64,
    /// Leaves of the whole tree.
    pub total: u64,
}

#[derive(Debug, Default)]
struct Node {
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
    value: Vec<u8>,
    level: u32,
    num_of_leaf: u64,
}

fn number_to_level(n: u64) -> u32 {
    if n <= u64::from(LEVEL_BRANCH) {
        // n is 1 or 2 here (0 is refused before).
        return u32::try_from(n).unwrap_or(LEVEL_BRANCH);
    }
    let mut level = LEVEL_BRANCH.saturating_add(1);
    let mut i = n.saturating_sub(1) >> 2;
    while i > 0 {
        level = level.saturating_add(1);
        i >>= 1;
    }
    level
}

fn overflow(what: &'static str) -> ContractError {
    ContractError::Overflow { what }
}

impl Node {
    fn leaf(num_of_leaf: u64, value: Vec<u8>) -> Self {
        Self {
            left: None,
            right: None,
            value,
            level: number_to_level(num_of_leaf),
            num_of_leaf,
        }
    }

    /// `Node.add`: fills an empty tree, descends right while the right
    /// subtree is incomplete (its leaf count differs from the left one's),
    /// otherwise makes a new parent of `self` and the new node.
    fn add(mut self, num_of_leaf: u64, value: Vec<u8>, depth: u32) -> Result<Self, ContractError> {
        if depth > MAX_DEPTH {
            return Err(ContractError::ProofTooDeep { max: MAX_DEPTH });
        }
        if self.level == LEVEL_INIT {
            return Ok(Self::leaf(num_of_leaf, value));
        }
        if let (Some(left), Some(right)) = (&self.left, self.right.take()) {
            if left.num_of_leaf != right.num_of_leaf {
                let right = right.add(num_of_leaf, value, depth.saturating_add(1))?;
                self.right = Some(Box::new(right));
                self.num_of_leaf = self
                    .num_of_leaf
                    .checked_add(num_of_leaf)
                    .ok_or_else(|| overflow("message tree leaves"))?;
                return Ok(self);
            }
            self.right = Some(right);
        }
        let level = self
            .level
            .checked_add(1)
            .ok_or_else(|| overflow("message tree level"))?;
        let num = self
            .num_of_leaf
            .checked_add(num_of_leaf)
            .ok_or_else(|| overflow("message tree leaves"))?;
        Ok(Self {
            left: Some(Box::new(self)),
            right: Some(Box::new(Self::leaf(num_of_leaf, value))),
            value: Vec::new(),
            level,
            num_of_leaf: num,
        })
    }

    /// `Node.ensureHash(false)`: a branch without a value gets
    /// H(left ‖ right).
    fn ensure_hash(&mut self) {
        if self.level <= LEVEL_LEAF || !self.value.is_empty() {
            return;
        }
        if let (Some(left), Some(right)) = (&mut self.left, &mut self.right) {
            left.ensure_hash();
            right.ensure_hash();
            self.value = keccak256_concat(&left.value, &right.value).to_vec();
        }
    }

    /// `Node.verify`: a leaf holds one message; a left subtree is not below
    /// its right sibling and, above the first branch level, is complete.
    fn verify(&self) -> Result<(), ContractError> {
        if self.level == LEVEL_LEAF {
            if self.num_of_leaf != 1 {
                return Err(ContractError::InvalidNumOfLeaf {
                    expected: 1,
                    got: i64::try_from(self.num_of_leaf).unwrap_or(i64::MAX),
                });
            }
            return Ok(());
        }
        if let (Some(left), Some(right)) = (&self.left, &self.right) {
            if left.level < right.level {
                return Err(ContractError::InvalidLevel {
                    left: left.level,
                    right: right.level,
                });
            }
            left.verify()?;
            if self.level > LEVEL_BRANCH {
                let full = left
                    .level
                    .checked_sub(LEVEL_LEAF)
                    .and_then(|shift| 1u64.checked_shl(shift))
                    .filter(|_| left.level <= 63)
                    .ok_or_else(|| overflow("message tree level"))?;
                if full != left.num_of_leaf {
                    return Err(ContractError::InvalidNumOfLeaf {
                        expected: i64::try_from(full).unwrap_or(i64::MAX),
                        got: i64::try_from(left.num_of_leaf).unwrap_or(i64::MAX),
                    });
                }
            }
            right.verify()?;
        }
        Ok(())
    }
}

/// `MessageProof.proveMessage`: the root, the offset of the proven messages
/// and the number of leaves of the tree the proof describes.
pub fn prove(proof: &MessageProof) -> Result<Proven, ContractError> {
    let mut node = Node::default();
    let mut left: u64 = 0;
    let mut total: u64 = 0;
    let add_node =
        |node: Node, num: i32, value: Vec<u8>| -> Result<Node, ContractError> {
            // ICON's tree has no empty or negative subtree; a Java node with
            // numOfLeaf 0 would silently vanish from the tree.
            let num = u64::try_from(num).ok().filter(|n| *n > 0).ok_or(
                ContractError::InvalidNumOfLeaf {
                    expected: 1,
                    got: i64::from(num),
                },
            )?;
            node.add(num, value, 0)
        };
    for pn in &proof.left {
        node = add_node(node, pn.num_of_leaf, pn.value.clone())?;
        left = left
            .checked_add(u64::from(pn.num_of_leaf.unsigned_abs()))
            .ok_or_else(|| overflow("ProofInLeft leaves"))?;
    }
    for message in &proof.messages {
        node = add_node(node, 1, keccak256(message).to_vec())?;
        total = total
            .checked_add(1)
            .ok_or_else(|| overflow("message proof leaves"))?;
    }
    for pn in &proof.right {
        node = add_node(node, pn.num_of_leaf, pn.value.clone())?;
        total = total
            .checked_add(u64::from(pn.num_of_leaf.unsigned_abs()))
            .ok_or_else(|| overflow("message proof leaves"))?;
    }
    node.ensure_hash();
    total = total
        .checked_add(left)
        .ok_or_else(|| overflow("message proof leaves"))?;
    if total != node.num_of_leaf {
        return Err(ContractError::TotalMismatch {
            total,
            tree: node.num_of_leaf,
        });
    }
    node.verify()?;
    Ok(Proven {
        root: node.value,
        offset: left,
        total,
    })
}
