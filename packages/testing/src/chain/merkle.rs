//! What both commitment layers share: SHA-256, the ICS-23 leaf operation of
//! Cosmos stores, ibc-go's `MerkleProof` encoding, and SHA-256 as `ics23`
//! host functions.

use ics23::{CommitmentProof, HashOp, LeafOp, LengthOp};
use sha2::{Digest, Sha256};

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// SHA-256 of the concatenation of `parts`.
pub fn sha256(parts: &[&[u8]]) -> Hash {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// Protobuf's unsigned varint, the length prefix of keys and values in both layers.
pub fn uvarint(value: u64) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(10);
    prost::encoding::encode_varint(value, &mut bytes);
    bytes
}

/// `bytes` with its length in front as a varint (ICS-23's `VAR_PROTO`).
pub fn length_prefixed(bytes: &[u8]) -> Vec<u8> {
    let mut out = uvarint(bytes.len() as u64);
    out.extend_from_slice(bytes);
    out
}

/// The leaf operation of both Cosmos SDK layers (`ics23::iavl_spec` and
/// `ics23::tendermint_spec` differ only in the prefix): SHA-256 of
/// `prefix ‖ varint length ‖ key ‖ varint length ‖ SHA-256(value)`.
pub fn leaf_op(prefix: Vec<u8>) -> LeafOp {
    LeafOp {
        hash: HashOp::Sha256.into(),
        prehash_key: HashOp::NoHash.into(),
        prehash_value: HashOp::Sha256.into(),
        length: LengthOp::VarProto.into(),
        prefix,
    }
}

/// The hash of a leaf under [`leaf_op`] with `prefix`, computed here rather
/// than by `ics23`, so that a proof checked by `ics23` is an independent check.
pub fn leaf_hash(prefix: &[u8], key: &[u8], value: &[u8]) -> Hash {
    sha256(&[
        prefix,
        &length_prefixed(key),
        &length_prefixed(&sha256(&[value])),
    ])
}

/// ibc-go's `ibc.core.commitment.v1.MerkleProof` (`repeated
/// cosmos.ics23.v1.CommitmentProof proofs = 1`), innermost layer first.
/// Encoded by hand: `ics23`'s types are `prost` 0.13 messages, and `prost`
/// 0.13's derive cannot live beside 0.14's in one crate.
pub fn encode_merkle_proof(proofs: &[CommitmentProof]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for proof in proofs {
        prost_ics23::encoding::message::encode(1, proof, &mut bytes);
    }
    bytes
}

/// The proofs of an encoded `MerkleProof`, innermost first (to inspect or
/// tamper with one in a test).
pub fn decode_merkle_proof(
    mut bytes: &[u8],
) -> Result<Vec<CommitmentProof>, prost_ics23::DecodeError> {
    use prost_ics23::encoding::{decode_key, skip_field, DecodeContext, WireType};
    use prost_ics23::Message;
    let mut proofs = Vec::new();
    while !bytes.is_empty() {
        match decode_key(&mut bytes)? {
            (1, WireType::LengthDelimited) => {
                proofs.push(CommitmentProof::decode_length_delimited(&mut bytes)?)
            }
            (tag, wire_type) => skip_field(wire_type, tag, &mut bytes, DecodeContext::default())?,
        }
    }
    Ok(proofs)
}

/// SHA-256 as `ics23` host functions, for checking the simulated chain's
/// proofs natively.
///
/// # Panics
///
/// On any other hash: the Cosmos SDK proof specs (and so every proof of the
/// simulated chain) use SHA-256 only, and `ics23` checks a proof's
/// operations against its spec before hashing.
pub struct Sha256Hashes;

impl ics23::HostFunctionsProvider for Sha256Hashes {
    fn sha2_256(message: &[u8]) -> [u8; 32] {
        sha256(&[message])
    }

    fn sha2_512(_: &[u8]) -> [u8; 64] {
        unreachable!("the Cosmos SDK proof specs hash with SHA-256 only")
    }

    fn sha2_512_truncated(_: &[u8]) -> [u8; 32] {
        unreachable!("the Cosmos SDK proof specs hash with SHA-256 only")
    }

    fn keccak_256(_: &[u8]) -> [u8; 32] {
        unreachable!("the Cosmos SDK proof specs hash with SHA-256 only")
    }

    fn ripemd160(_: &[u8]) -> [u8; 20] {
        unreachable!("the Cosmos SDK proof specs hash with SHA-256 only")
    }

    fn blake2b_512(_: &[u8]) -> [u8; 64] {
        unreachable!("the Cosmos SDK proof specs hash with SHA-256 only")
    }

    fn blake2s_256(_: &[u8]) -> [u8; 32] {
        unreachable!("the Cosmos SDK proof specs hash with SHA-256 only")
    }

    fn blake3(_: &[u8]) -> [u8; 32] {
        unreachable!("the Cosmos SDK proof specs hash with SHA-256 only")
    }
}
