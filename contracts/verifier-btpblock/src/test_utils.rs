//! A simulated ICON BTP network for tests (feature `test-utils`; never in an
//! artifact): validators holding secp256k1 keys produce BTP blocks of network
//! type `eth` the way goloop does, and the relay messages that prove them are
//! built here, byte for byte in the formats the verifier reads.
//!
//! ```ignore
//! let mut icon = SimulatedIconChain::new("0x1.icon", 1, 1, 4);
//! let msg = icon.instantiate_msg(message_center, "cx…");   // first header
//! let block = icon.produce_block(vec![b"hello".to_vec()]);
//! let relay = relay_message(&[block.update(), block.message_proof(0, 1)]);
//! ```
//!
//! What the signers compute (the header's network section hash, the network
//! sections root, the decision hash) is the verifier's own code in
//! [`crate::codec`]; the message tree is built here independently of
//! [`crate::tree`] (goloop's level pairing, proven by ICON's subtree split).

// Test code: a failure here is the test's, so it may panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use btp_types::address::NetworkAddress;
use btp_types::msg::verifier_btpblock::InstantiateMsg;
use btp_types::rlp::ListEncoder;
use cosmwasm_std::{Binary, HexBinary};
use k256::ecdsa::SigningKey;
use serde::Deserialize;

use crate::codec::{
    keccak256, keccak256_concat, BlockHeader, NetworkSectionToRoot, ProofNode, HASH_LEN,
    TYPE_BLOCK_UPDATE, TYPE_MESSAGE_PROOF,
};

/// One item of a relay message: its type ([`TYPE_BLOCK_UPDATE`] or
/// [`TYPE_MESSAGE_PROOF`]) and its payload.
pub type RelayPart = (u64, Vec<u8>);

// ---------------------------------------------------------------------------
// Validators.

/// A validator's secp256k1 key.
#[derive(Clone)]
pub struct ValidatorKey(SigningKey);

impl std::fmt::Debug for ValidatorKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ValidatorKey({})", crate::codec::hex(&self.address()))
    }
}

impl ValidatorKey {
    /// The key numbered `seed` (deterministic: the same seed, the same key).
    pub fn from_seed(seed: u64) -> Self {
        let secret = keccak256_concat(b"cw-btp simulated ICON validator", &seed.to_be_bytes());
        Self(SigningKey::from_bytes(&secret.into()).expect("a valid secp256k1 scalar"))
    }

    /// Keys `first`, `first + 1`, ... (`count` of them).
    pub fn range(first: u64, count: usize) -> Vec<Self> {
        (first..first + count as u64).map(Self::from_seed).collect()
    }

    /// Its Ethereum address (what a proof context lists):
    /// keccak256(uncompressed public key without its prefix)[12..].
    pub fn address(&self) -> Vec<u8> {
        let point = self.0.verifying_key().to_encoded_point(false);
        keccak256(&point.as_bytes()[1..])[12..].to_vec()
    }

    /// Its signature of `digest`: R ‖ S ‖ V (65 bytes, V 0 or 1).
    pub fn sign(&self, digest: &[u8]) -> Vec<u8> {
        let (signature, recovery) = self.0.sign_prehash_recoverable(digest).unwrap();
        let mut out = signature.to_bytes().to_vec();
        out.push(recovery.to_byte());
        out
    }
}

/// The proof context (`[[address, ...]]`) of a validator set.
pub fn proof_context_of(validators: &[ValidatorKey]) -> Vec<u8> {
    proof_context(
        &validators
            .iter()
            .map(ValidatorKey::address)
            .collect::<Vec<_>>(),
    )
}

// ---------------------------------------------------------------------------
// The chain.

/// A BTP network as its validators produce it: each block chains onto the
/// previous one's network section, numbers its messages on from the last
/// block's, and is signed by the validator set in force before it.
pub struct SimulatedIconChain {
    network_uid: String,
    network_type_id: u64,
    network_id: u64,
    validators: Vec<ValidatorKey>,
    /// The next fresh key's seed.
    next_seed: u64,
    first: Block,
    prev: Option<Vec<u8>>,
    next_sn: u64,
    height: u64,
    /// The path from the network's section to the network sections root
    /// that the next blocks carry (none: the network is alone in its block).
    pub network_section_to_root: Vec<NetworkSectionToRoot>,
}

impl SimulatedIconChain {
    /// A network `network_uid` (e.g. `0x1.icon`) of network type
    /// `network_type_id` and BTP network id `network_id`, with `validators`
    /// fresh validators; its first block (no messages) is produced.
    pub fn new(
        network_uid: &str,
        network_type_id: u64,
        network_id: u64,
        validators: usize,
    ) -> Self {
        Self::with_validators(
            network_uid,
            network_type_id,
            network_id,
            ValidatorKey::range(1, validators),
        )
    }

    /// As [`Self::new`], with these validators.
    pub fn with_validators(
        network_uid: &str,
        network_type_id: u64,
        network_id: u64,
        validators: Vec<ValidatorKey>,
    ) -> Self {
        // Fresh keys of later changes never collide with the ones given
        // (at most a few hundred in a test).
        let next_seed = 1_000;
        let mut chain = Self {
            network_uid: network_uid.to_string(),
            network_type_id,
            network_id,
            validators,
            next_seed,
            first: Block::placeholder(),
            prev: None,
            next_sn: 0,
            height: 100,
            network_section_to_root: Vec::new(),
        };
        chain.first = chain.produce(Vec::new(), None);
        chain
    }

    /// The network's UID (its network address, `0x1.icon`).
    pub fn network_uid(&self) -> &str {
        &self.network_uid
    }

    pub fn network_type_id(&self) -> u64 {
        self.network_type_id
    }

    pub fn network_id(&self) -> u64 {
        self.network_id
    }

    /// The validator set in force: it signs the next block.
    pub fn validators(&self) -> &[ValidatorKey] {
        &self.validators
    }

    /// The first block, the one a verifier starts from.
    pub fn first_block(&self) -> &Block {
        &self.first
    }

    /// The first block's header (RLPn, with its NextProofContext): a
    /// verifier's `first_header`.
    pub fn first_header(&self) -> Vec<u8> {
        self.first.encoded_header()
    }

    /// The verifier's instantiation for this network from its first
    /// header, for `message_center` here and the ICON message center
    /// `source_center` (`cx…`).
    pub fn instantiate_msg(&self, message_center: &str, source_center: &str) -> InstantiateMsg {
        InstantiateMsg {
            owner: None,
            message_center: message_center.to_string(),
            source_network: NetworkAddress::parse(&self.network_uid).expect("a network address"),
            source_center: source_center.to_string(),
            network_type_id: self.network_type_id,
            network_id: self.network_id,
            first_header: Binary::from(self.first_header()),
            next_proof_context: None,
        }
    }

    /// The next block, with `messages` (possibly none).
    pub fn produce_block(&mut self, messages: Vec<Vec<u8>>) -> Block {
        self.produce(messages, None)
    }

    /// The next block (no messages) hands over to `validators` fresh
    /// validators: signed by the current set, it names the new one, which
    /// signs the blocks after it.
    pub fn change_validators(&mut self, validators: usize) -> Block {
        let keys = ValidatorKey::range(self.next_seed, validators);
        self.next_seed += validators as u64;
        self.change_validators_to(keys)
    }

    /// The next block (no messages) hands over to `validators`.
    pub fn change_validators_to(&mut self, validators: Vec<ValidatorKey>) -> Block {
        self.produce(Vec::new(), Some(validators))
    }

    /// The next block with `messages`; with `next` validators, a block that
    /// changes the set (its update flag set), even to the same set.
    pub fn produce(&mut self, messages: Vec<Vec<u8>>, next: Option<Vec<ValidatorKey>>) -> Block {
        let changed = next.is_some();
        let next_set = next.unwrap_or_else(|| self.validators.clone());
        let context = proof_context_of(&next_set);
        let leaves = leaves(&messages);
        let header = BlockHeader {
            main_height: self.height,
            round: 0,
            next_proof_context_hash: Some(keccak256(&context).to_vec()),
            network_section_to_root: self.network_section_to_root.clone(),
            nid: self.network_id,
            update_number: self.next_sn << 1 | u64::from(changed),
            prev: self.prev.clone(),
            message_count: messages.len() as u64,
            messages_root: (!messages.is_empty()).then(|| tree_root(&leaves).to_vec()),
            next_proof_context: Some(context),
        };
        let root = header
            .network_sections_root(header.network_section_hash())
            .expect("32-byte siblings on the path to the root");
        let decision_hash = header.decision_hash(&self.network_uid, self.network_type_id, &root);
        let signers = std::mem::replace(&mut self.validators, next_set);
        self.prev = Some(header.network_section_hash().to_vec());
        self.next_sn += messages.len() as u64;
        self.height += 3;
        Block {
            header,
            messages,
            decision_hash,
            signers,
        }
    }
}

/// A block of a [`SimulatedIconChain`], with what its signers hold.
#[derive(Debug, Clone)]
pub struct Block {
    /// Its header.
    pub header: BlockHeader,
    /// Its messages, in order.
    pub messages: Vec<Vec<u8>>,
    /// What its validators sign.
    pub decision_hash: [u8; HASH_LEN],
    /// The validator set that signs it (the one in force before it).
    pub signers: Vec<ValidatorKey>,
}

impl Block {
    fn placeholder() -> Self {
        Self {
            header: BlockHeader {
                main_height: 0,
                round: 0,
                next_proof_context_hash: None,
                network_section_to_root: Vec::new(),
                nid: 0,
                update_number: 0,
                prev: None,
                message_count: 0,
                messages_root: None,
                next_proof_context: None,
            },
            messages: Vec::new(),
            decision_hash: [0; HASH_LEN],
            signers: Vec::new(),
        }
    }

    /// The header's RLPn.
    pub fn encoded_header(&self) -> Vec<u8> {
        encode_header(&self.header)
    }

    /// Its main chain height.
    pub fn height(&self) -> u64 {
        self.header.main_height
    }

    /// The block update, signed by every validator.
    pub fn update(&self) -> RelayPart {
        self.update_signed_by(&(0..self.signers.len()).collect::<Vec<_>>())
    }

    /// The block update signed only by the validators at `signers` (the
    /// others' signatures null).
    pub fn update_signed_by(&self, signers: &[usize]) -> RelayPart {
        self.update_signed_with(&self.signers, signers)
    }

    /// The block update with signatures by `keys` at `signers` (someone
    /// else's keys: an old or a made-up validator set), each in its slot.
    pub fn update_signed_with(&self, keys: &[ValidatorKey], signers: &[usize]) -> RelayPart {
        let signatures: Vec<Option<Vec<u8>>> = (0..keys.len())
            .map(|i| {
                signers
                    .contains(&i)
                    .then(|| keys[i].sign(&self.decision_hash))
            })
            .collect();
        self.update_with_signatures(&signatures)
    }

    /// The block update with these signatures (`None`: a validator that
    /// did not sign).
    pub fn update_with_signatures(&self, signatures: &[Option<Vec<u8>>]) -> RelayPart {
        (
            TYPE_BLOCK_UPDATE,
            block_update(&self.encoded_header(), Some(proofs(signatures))),
        )
    }

    /// The proof of messages `[from, to)`.
    pub fn message_proof(&self, from: usize, to: usize) -> RelayPart {
        (
            TYPE_MESSAGE_PROOF,
            message_proof_of(&self.messages, from, to),
        )
    }

    /// The proof of all of its messages.
    pub fn messages_proof(&self) -> RelayPart {
        self.message_proof(0, self.messages.len())
    }
}

// ---------------------------------------------------------------------------
// The message tree.

fn leaves(messages: &[Vec<u8>]) -> Vec<[u8; HASH_LEN]> {
    messages.iter().map(|m| keccak256(m)).collect()
}

/// goloop's messages root: pair level by level, promote an odd last node.
pub fn tree_root(leaves: &[[u8; HASH_LEN]]) -> [u8; HASH_LEN] {
    let mut level: Vec<[u8; HASH_LEN]> = leaves.to_vec();
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [l, r] => keccak256_concat(l, r),
                [one] => *one,
                _ => unreachable!(),
            })
            .collect();
    }
    level[0]
}

/// The subtrees covering leaves `[from, to)` of a tree of these leaves, as
/// the proof nodes of ICON's tree (split at the largest power of two below
/// the leaf count).
pub fn cover(leaves: &[[u8; HASH_LEN]], from: usize, to: usize) -> Vec<ProofNode> {
    let mut out = Vec::new();
    cover_into(leaves, from, to, &mut out);
    out
}

fn cover_into(leaves: &[[u8; HASH_LEN]], from: usize, to: usize, out: &mut Vec<ProofNode>) {
    let n = leaves.len();
    if from >= to {
        return;
    }
    if from == 0 && to == n {
        out.push(ProofNode {
            num_of_leaf: n as i32,
            value: tree_root(leaves).to_vec(),
        });
        return;
    }
    let mut split = 1;
    while split * 2 < n {
        split *= 2;
    }
    cover_into(&leaves[..split], from.min(split), to.min(split), out);
    cover_into(
        &leaves[split..],
        from.saturating_sub(split),
        to.saturating_sub(split),
        out,
    );
}

/// A message proof (RLPn) of `messages[from..to]` of a block of `messages`.
pub fn message_proof_of(messages: &[Vec<u8>], from: usize, to: usize) -> Vec<u8> {
    let leaves = leaves(messages);
    let nodes = |a, b| {
        cover(&leaves, a, b)
            .into_iter()
            .map(|n| (n.num_of_leaf, n.value))
            .collect::<Vec<_>>()
    };
    message_proof(
        &nodes(0, from),
        &messages[from..to],
        &nodes(to, messages.len()),
    )
}

// ---------------------------------------------------------------------------
// RLPn encoders of the relay message and its parts.

/// `[[ [type, payload], ... ]]`.
pub fn relay_message(items: &[RelayPart]) -> Vec<u8> {
    let mut list = ListEncoder::new();
    for (type_id, payload) in items {
        list = list.push_raw(&ListEncoder::new().push(type_id).push(payload).finish());
    }
    ListEncoder::new().push_raw(&list.finish()).finish()
}

/// `[header, proof | null]`.
pub fn block_update(header: &[u8], proof: Option<Vec<u8>>) -> Vec<u8> {
    ListEncoder::new().push(header).push(&proof).finish()
}

/// `[[signature | null, ...]]`.
pub fn proofs(signatures: &[Option<Vec<u8>>]) -> Vec<u8> {
    let mut list = ListEncoder::new();
    for s in signatures {
        list = list.push(s);
    }
    ListEncoder::new().push_raw(&list.finish()).finish()
}

/// `[[address, ...]]`.
pub fn proof_context(validators: &[Vec<u8>]) -> Vec<u8> {
    let mut list = ListEncoder::new();
    for v in validators {
        list = list.push(v);
    }
    ListEncoder::new().push_raw(&list.finish()).finish()
}

/// `[ProofInLeft, messages, ProofInRight]`, each node `[numOfLeaf, hash]`.
pub fn message_proof(
    left: &[(i32, Vec<u8>)],
    messages: &[Vec<u8>],
    right: &[(i32, Vec<u8>)],
) -> Vec<u8> {
    let nodes = |nodes: &[(i32, Vec<u8>)]| {
        let mut list = ListEncoder::new();
        for (n, v) in nodes {
            list = list.push_raw(&ListEncoder::new().push(n).push(v).finish());
        }
        list.finish()
    };
    let mut msgs = ListEncoder::new();
    for m in messages {
        msgs = msgs.push(m);
    }
    ListEncoder::new()
        .push_raw(&nodes(left))
        .push_raw(&msgs.finish())
        .push_raw(&nodes(right))
        .finish()
}

/// The RLPn of a header.
pub fn encode_header(h: &BlockHeader) -> Vec<u8> {
    let mut to_root = ListEncoder::new();
    for step in &h.network_section_to_root {
        to_root = to_root.push_raw(
            &ListEncoder::new()
                .push(&step.dir)
                .push(&step.value)
                .finish(),
        );
    }
    ListEncoder::new()
        .push(&h.main_height)
        .push(&h.round)
        .push(&h.next_proof_context_hash)
        .push_raw(&to_root.finish())
        .push(&h.nid)
        .push(&h.update_number)
        .push(&h.prev)
        .push(&h.message_count)
        .push(&h.messages_root)
        .push(&h.next_proof_context)
        .finish()
}

// ---------------------------------------------------------------------------
// A goloop node's headers.

/// A signed BTP header as a goloop node's JSON shows it (`signed_header` of
/// the goloop fixtures under `tests/fixtures`); other fields are ignored.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GoloopSignedHeader {
    #[serde(rename = "BTPHeader")]
    pub btp_header: GoloopBtpHeader,
    /// The validators' signatures, in hex.
    pub signature: Vec<String>,
}

impl GoloopSignedHeader {
    /// Its signatures as a block update's proof (`[[signature, ...]]`).
    pub fn proofs(&self) -> Vec<u8> {
        proofs(
            &self
                .signature
                .iter()
                .map(|s| Some(unhex(s)))
                .collect::<Vec<_>>(),
        )
    }
}

/// A BTP header as a goloop node's JSON shows it (`BTPHeader`): hashes in
/// hex, with or without `0x`, empty or null for none; other fields are
/// ignored.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GoloopBtpHeader {
    pub main_height: u64,
    pub round: u64,
    #[serde(default)]
    pub next_proof_context_hash: Option<String>,
    pub network_section_to_root: Vec<GoloopSectionToRoot>,
    pub network_id: u64,
    pub update_number: u64,
    #[serde(default)]
    pub prev_network_section_hash: Option<String>,
    pub message_count: u64,
    #[serde(default)]
    pub message_root: Option<String>,
}

/// A step of a [`GoloopBtpHeader`]'s `NetworkSectionToRoot`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GoloopSectionToRoot {
    pub dir: u64,
    #[serde(default)]
    pub value: Option<String>,
}

impl GoloopBtpHeader {
    /// The header, with a NextProofContext of `validators` (goloop's JSON
    /// lists no proof context; its hash is the header's own).
    pub fn header(&self, validators: &[Vec<u8>]) -> BlockHeader {
        let bytes = |s: &Option<String>| s.as_deref().filter(|s| !s.is_empty()).map(unhex);
        BlockHeader {
            main_height: self.main_height,
            round: self.round,
            next_proof_context_hash: bytes(&self.next_proof_context_hash),
            network_section_to_root: self
                .network_section_to_root
                .iter()
                .map(|s| NetworkSectionToRoot {
                    dir: s.dir,
                    value: s.value.as_deref().map(unhex),
                })
                .collect(),
            nid: self.network_id,
            update_number: self.update_number,
            prev: bytes(&self.prev_network_section_hash),
            message_count: self.message_count,
            messages_root: bytes(&self.message_root),
            next_proof_context: Some(proof_context(validators)),
        }
    }
}

/// The bytes of hex `s`, with or without `0x`.
fn unhex(s: &str) -> Vec<u8> {
    HexBinary::from_hex(s.trim_start_matches("0x"))
        .expect("hex")
        .to_vec()
}
