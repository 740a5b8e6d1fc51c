//! ICON's BTP v2 structures in RLPn (btp2-java `RelayMessage`, `BlockUpdate`,
//! `BlockHeader`, `Proofs`, `ProofContext`, `MessageProof`) and the hashes
//! of a block header (`NetworkSection`, `NetworkTypeSection`,
//! `NetworkTypeSectionDecision`). All hashing is keccak256 (network type
//! `eth`).
//!
//! Decoding goes through `btp_types::rlp` (strict: one encoding per value).
//! Where ICON's Java reader opens a list (`beginList`), null (`f8 00`) reads
//! as an empty list, as Java does.

use btp_types::rlp::{self, Item, ListEncoder};
use sha3::{Digest, Keccak256};

use crate::error::ContractError;

/// Length of a keccak256 hash.
pub const HASH_LEN: usize = 32;

/// Relay message item type of a block update.
pub const TYPE_BLOCK_UPDATE: u64 = 1;
/// Relay message item type of a message proof.
pub const TYPE_MESSAGE_PROOF: u64 = 2;

/// keccak256.
pub fn keccak256(data: &[u8]) -> [u8; HASH_LEN] {
    Keccak256::digest(data).into()
}

/// keccak256 of `a ‖ b`.
pub fn keccak256_concat(a: &[u8], b: &[u8]) -> [u8; HASH_LEN] {
    let mut hasher = Keccak256::new();
    hasher.update(a);
    hasher.update(b);
    hasher.finalize().into()
}

/// Lower-case hex, for errors and attributes.
pub fn hex(bytes: &[u8]) -> String {
    cosmwasm_std::HexBinary::from(bytes).to_hex()
}

/// The items of a list; null reads as no items (Java's `beginList` on null).
fn list_items<'i, 'a>(item: &'i Item<'a>) -> Result<&'i [Item<'a>], rlp::RlpError> {
    match item {
        Item::List(items) => Ok(items),
        Item::Null => Ok(&[]),
        Item::Bytes(_) => Err(rlp::RlpError::ExpectedList),
    }
}

/// One item of a relay message.
#[derive(Debug, Clone, PartialEq)]
pub enum RelayItem {
    /// Type 1.
    BlockUpdate(BlockUpdate),
    /// Type 2.
    MessageProof(MessageProof),
}

/// `[[ [type, payload], ... ]]`.
pub fn decode_relay_message(bytes: &[u8]) -> Result<Vec<RelayItem>, ContractError> {
    let m = ContractError::malformed;
    let root = rlp::decode(bytes).map_err(m("relay message"))?;
    let mut fields = root.list().map_err(m("relay message"))?;
    let items = list_items(fields.next_item()).map_err(m("relay message"))?;
    items
        .iter()
        .map(|item| {
            let mut typed = item.list().map_err(m("relay message item"))?;
            let type_id: u64 = typed.next().map_err(m("relay message item type"))?;
            let payload: Vec<u8> = typed.next().map_err(m("relay message item payload"))?;
            match type_id {
                TYPE_BLOCK_UPDATE => Ok(RelayItem::BlockUpdate(BlockUpdate::decode(&payload)?)),
                TYPE_MESSAGE_PROOF => Ok(RelayItem::MessageProof(MessageProof::decode(&payload)?)),
                other => Err(ContractError::UnknownMessageType { type_id: other }),
            }
        })
        .collect()
}

/// `[header bytes, proof bytes | null]`.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockUpdate {
    /// The decoded header.
    pub header: BlockHeader,
    /// The block proof (`Proofs` bytes); none when null.
    pub proof: Option<Vec<u8>>,
}

impl BlockUpdate {
    pub fn decode(bytes: &[u8]) -> Result<Self, ContractError> {
        let m = ContractError::malformed;
        let root = rlp::decode(bytes).map_err(m("block update"))?;
        let mut fields = root.list().map_err(m("block update"))?;
        let header: Vec<u8> = fields.next().map_err(m("block update header"))?;
        let proof: Option<Vec<u8>> = fields.next().map_err(m("block update proof"))?;
        Ok(Self {
            header: BlockHeader::decode(&header)?,
            proof,
        })
    }
}

/// One step from the network section hash to the network sections root.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkSectionToRoot {
    /// 0: the value is on the left; 1: on the right; anything else: skipped.
    pub dir: u64,
    /// The sibling hash; the step is skipped when none.
    pub value: Option<Vec<u8>>,
}

/// A BTP block header (btp2-java `BlockHeader`).
#[derive(Debug, Clone, PartialEq)]
pub struct BlockHeader {
    pub main_height: u64,
    pub round: u64,
    pub next_proof_context_hash: Option<Vec<u8>>,
    pub network_section_to_root: Vec<NetworkSectionToRoot>,
    pub nid: u64,
    /// `FirstMessageSN << 1 | ProofContextChanged`.
    pub update_number: u64,
    pub prev: Option<Vec<u8>>,
    pub message_count: u64,
    pub messages_root: Option<Vec<u8>>,
    pub next_proof_context: Option<Vec<u8>>,
}

impl BlockHeader {
    pub fn decode(bytes: &[u8]) -> Result<Self, ContractError> {
        let m = ContractError::malformed;
        let root = rlp::decode(bytes).map_err(m("block header"))?;
        let mut f = root.list().map_err(m("block header"))?;
        let main_height: Option<u64> = f.next().map_err(m("header MainHeight"))?;
        let round: Option<u64> = f.next().map_err(m("header Round"))?;
        let next_proof_context_hash = f.next().map_err(m("header NextProofContextHash"))?;
        let network_section_to_root = list_items(f.next_item())
            .map_err(m("header NetworkSectionToRoot"))?
            .iter()
            .map(|step| {
                let mut s = step.list().map_err(m("header NetworkSectionToRoot"))?;
                Ok(NetworkSectionToRoot {
                    dir: s.next().map_err(m("NetworkSectionToRoot dir"))?,
                    value: s.next().map_err(m("NetworkSectionToRoot value"))?,
                })
            })
            .collect::<Result<Vec<_>, ContractError>>()?;
        let nid = f.next().map_err(m("header NetworkID"))?;
        let update_number = f.next().map_err(m("header UpdateNumber"))?;
        let prev = f.next().map_err(m("header Prev"))?;
        let message_count = f.next().map_err(m("header MessageCount"))?;
        let messages_root = f.next().map_err(m("header MessagesRoot"))?;
        let next_proof_context = f.next().map_err(m("header NextProofContext"))?;
        Ok(Self {
            main_height: main_height.ok_or(ContractError::MissingField {
                field: "MainHeight",
            })?,
            round: round.ok_or(ContractError::MissingField { field: "Round" })?,
            next_proof_context_hash,
            network_section_to_root,
            nid,
            update_number,
            prev,
            message_count,
            messages_root,
            next_proof_context,
        })
    }

    /// The sequence of the block's first message.
    pub fn first_message_sn(&self) -> u64 {
        self.update_number >> 1
    }

    /// Whether the block changes the validator set.
    pub fn proof_context_changed(&self) -> bool {
        self.update_number & 1 == 1
    }

    /// H(rlp([NetworkID, UpdateNumber, Prev|null, MessageCount, MessagesRoot|null])).
    pub fn network_section_hash(&self) -> [u8; HASH_LEN] {
        keccak256(
            &ListEncoder::new()
                .push(&self.nid)
                .push(&self.update_number)
                .push(&self.prev)
                .push(&self.message_count)
                .push(&self.messages_root)
                .finish(),
        )
    }

    /// The network sections root from the network section hash `leaf`: a
    /// step with dir 0 hashes `value ‖ h`, dir 1 `h ‖ value`; a step with no
    /// value or another dir is skipped (btp2-java `getNetworkSectionsRoot`).
    pub fn network_sections_root(&self, leaf: [u8; HASH_LEN]) -> Result<Vec<u8>, ContractError> {
        let mut h = leaf.to_vec();
        for step in &self.network_section_to_root {
            let Some(value) = &step.value else { continue };
            if value.len() != HASH_LEN {
                return Err(ContractError::InvalidLength {
                    what: "NetworkSectionToRoot value",
                    expected: HASH_LEN,
                    got: value.len(),
                });
            }
            h = match step.dir {
                0 => keccak256_concat(value, &h).to_vec(),
                1 => keccak256_concat(&h, value).to_vec(),
                _ => h,
            };
        }
        Ok(h)
    }

    /// What the validators sign:
    /// H(rlp([src network UID, network type id, MainHeight, Round,
    /// H(rlp([NextProofContextHash|null, network sections root]))])).
    pub fn decision_hash(
        &self,
        src_network_uid: &str,
        network_type_id: u64,
        network_sections_root: &[u8],
    ) -> [u8; HASH_LEN] {
        let nts_hash = keccak256(
            &ListEncoder::new()
                .push(&self.next_proof_context_hash)
                .push(network_sections_root)
                .finish(),
        );
        keccak256(
            &ListEncoder::new()
                .push(src_network_uid.as_bytes())
                .push(&network_type_id)
                .push(&self.main_height)
                .push(&self.round)
                .push(&nts_hash[..])
                .finish(),
        )
    }
}

/// `[[signature | null, ...]]`: the signatures, null for a validator that
/// did not sign.
pub fn decode_proofs(bytes: &[u8]) -> Result<Vec<Option<Vec<u8>>>, ContractError> {
    let m = ContractError::malformed;
    let root = rlp::decode(bytes).map_err(m("block proof"))?;
    let mut fields = root.list().map_err(m("block proof"))?;
    list_items(fields.next_item())
        .map_err(m("block proof"))?
        .iter()
        .map(|sig| sig.decode().map_err(m("block proof signature")))
        .collect()
}

/// `[[address, ...]]`: the validators of a proof context.
pub fn decode_proof_context(bytes: &[u8]) -> Result<Vec<Vec<u8>>, ContractError> {
    let m = ContractError::malformed;
    let root = rlp::decode(bytes).map_err(m("proof context"))?;
    let mut fields = root.list().map_err(m("proof context"))?;
    list_items(fields.next_item())
        .map_err(m("proof context"))?
        .iter()
        .map(|address| address.decode().map_err(m("proof context validator")))
        .collect()
}

/// `[numOfLeaf, hash]`: a subtree of the message tree given by its root.
#[derive(Debug, Clone, PartialEq)]
pub struct ProofNode {
    /// How many messages the subtree holds (a Java `int`).
    pub num_of_leaf: i32,
    /// Its root hash.
    pub value: Vec<u8>,
}

/// `[ProofInLeft, messages, ProofInRight]`.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageProof {
    pub left: Vec<ProofNode>,
    pub messages: Vec<Vec<u8>>,
    pub right: Vec<ProofNode>,
}

impl MessageProof {
    pub fn decode(bytes: &[u8]) -> Result<Self, ContractError> {
        let m = ContractError::malformed;
        let root = rlp::decode(bytes).map_err(m("message proof"))?;
        let mut f = root.list().map_err(m("message proof"))?;
        let left = decode_nodes(f.next_item(), "ProofInLeft")?;
        let messages = list_items(f.next_item())
            .map_err(m("message proof messages"))?
            .iter()
            .map(|message| message.decode().map_err(m("message proof message")))
            .collect::<Result<Vec<Vec<u8>>, ContractError>>()?;
        let right = decode_nodes(f.next_item(), "ProofInRight")?;
        Ok(Self {
            left,
            messages,
            right,
        })
    }
}

fn decode_nodes(item: &Item<'_>, what: &'static str) -> Result<Vec<ProofNode>, ContractError> {
    let m = ContractError::malformed;
    list_items(item)
        .map_err(m(what))?
        .iter()
        .map(|node| {
            let mut n = node.list().map_err(m(what))?;
            Ok(ProofNode {
                num_of_leaf: n.next().map_err(m(what))?,
                value: n.next().map_err(m(what))?,
            })
        })
        .collect()
}
