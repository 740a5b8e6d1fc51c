//! The client's ICS-23 proof specs: their JSON form (`btp_types`) as `ics23`
//! types, the limits a spec must respect to be used by this contract, and
//! the form a proof's leaf prefix must have under a spec.

use btp_types::msg::verifier_tendermint::{HashOp, InnerSpec, LeafOp, LengthOp, ProofSpec};
use cosmwasm_std::HexBinary;

use crate::error::ContractError;

/// The largest prefix or child size a spec may name, in bytes: far above any
/// real tree's, low enough that no length arithmetic in `ics23` can overflow.
const MAX_SPEC_BYTES: i32 = 4096;

/// A hash function this contract computes (see [`crate::crypto::Ics23Hashes`]).
fn is_supported_hash(op: HashOp) -> bool {
    op == HashOp::Sha256
}

/// A prehash this contract computes: SHA-256, or none.
fn is_supported_prehash(op: HashOp) -> bool {
    matches!(op, HashOp::NoHash | HashOp::Sha256)
}

/// Why spec `layer` of a client cannot be used, if it cannot. Beyond what
/// `ics23` itself checks of a proof, a spec must:
/// - hash with SHA-256 (with SHA-256 or no prehash), with a leaf prefix;
/// - delimit key and value in a leaf: a length written before each, or a
///   prehashed value (a fixed 32 bytes at the end); with neither
///   (`length = no_prefix`, `prehash_value = no_hash`) the leaf image
///   `key ‖ value` of `ab = cd` is that of `a = bcd`
///   ([`ContractError::AmbiguousLeafSpec`]);
/// - give its depth limits as a pair, `1 <= min_depth <= max_depth`, or not
///   at all (both 0): `ics23` checks both only when `min_depth` is set, so a
///   lone `max_depth` would never be enforced and a lone `min_depth` would
///   refuse every proof with an inner step
///   ([`ContractError::UnpairedProofDepth`]);
/// - have a sane inner spec (a permutation of 2 to 16 children, sizes within
///   bounds);
/// - allow no inner prefix shorter than the leaf prefix
///   (`min_prefix_length >= len(leaf prefix)`): `ics23` refuses an inner
///   prefix that starts with the leaf prefix, so an inner image then never
///   starts as a leaf image does; with a shorter one (an empty one, say) the
///   first 32 bytes of a leaf image whose key the forger chose can be the
///   hash of a leaf of their making, and the honest leaf read as an inner
///   node over it proves any key and value
///   ([`ContractError::InnerPrefixShorterThanLeafPrefix`]).
///
/// What a spec does not settle, each proof's leaf prefix, is checked at
/// every proof ([`check_leaf_prefix`]).
pub fn check_spec(layer: usize, spec: &ProofSpec) -> Result<(), ContractError> {
    let invalid = |reason: String| ContractError::InvalidClientState {
        reason: format!("proof spec {layer}: {reason}"),
    };
    let leaf = &spec.leaf_spec;
    let inner = &spec.inner_spec;
    if !is_supported_hash(leaf.hash) || !is_supported_hash(inner.hash) {
        return Err(invalid(format!(
            "leaf hash {:?} and inner hash {:?}: only sha256 is supported",
            leaf.hash, inner.hash
        )));
    }
    if !is_supported_prehash(leaf.prehash_key) || !is_supported_prehash(leaf.prehash_value) {
        return Err(invalid(format!(
            "prehash of key {:?} and value {:?}: only no_hash and sha256 are supported",
            leaf.prehash_key, leaf.prehash_value
        )));
    }
    if leaf.length == LengthOp::VarRlp {
        return Err(invalid("length var_rlp is not supported by ICS-23".into()));
    }
    if leaf.length == LengthOp::NoPrefix && leaf.prehash_value == HashOp::NoHash {
        return Err(ContractError::AmbiguousLeafSpec {
            layer,
            length: "no_prefix".into(),
        });
    }
    // Inner nodes are told from leaves by the leaf prefix (second-preimage defence).
    if leaf.prefix.is_empty() {
        return Err(invalid("the leaf prefix is empty".into()));
    }
    let children = inner.child_order.len();
    let mut order: Vec<i32> = inner.child_order.clone();
    order.sort_unstable();
    let is_permutation = order
        .iter()
        .enumerate()
        .all(|(position, child)| usize::try_from(*child).is_ok_and(|child| child == position));
    if children < 2 || !is_permutation {
        return Err(invalid(format!(
            "child order {:?} is not a permutation of two or more children",
            inner.child_order
        )));
    }
    let in_range = |n: i32| (0..=MAX_SPEC_BYTES).contains(&n);
    let sizes_ok = in_range(inner.child_size)
        && inner.child_size > 0
        && in_range(inner.min_prefix_length)
        && in_range(inner.max_prefix_length)
        && inner.min_prefix_length <= inner.max_prefix_length;
    if !sizes_ok {
        return Err(invalid(format!(
            "child size {} and prefix lengths {}..={} must be within 1..={MAX_SPEC_BYTES}, 0..={MAX_SPEC_BYTES}, min <= max",
            inner.child_size, inner.min_prefix_length, inner.max_prefix_length
        )));
    }
    // Nor may an inner node's image be read as a leaf's: `ics23` refuses an
    // inner prefix that starts with the leaf prefix, which says nothing of a
    // shorter one.
    let leaf_prefix_length = leaf.prefix.len();
    if usize::try_from(inner.min_prefix_length).is_ok_and(|min| min < leaf_prefix_length) {
        return Err(ContractError::InnerPrefixShorterThanLeafPrefix {
            layer,
            min_prefix_length: inner.min_prefix_length,
            leaf_prefix_length,
        });
    }
    if children > 16 {
        return Err(invalid(format!("{children} children per node: at most 16")));
    }
    let (min_depth, max_depth) = (spec.min_depth, spec.max_depth);
    if min_depth < 0 || max_depth < 0 {
        return Err(invalid(format!(
            "depths {min_depth}..={max_depth} must be non-negative"
        )));
    }
    if (min_depth == 0) != (max_depth == 0) {
        return Err(ContractError::UnpairedProofDepth {
            layer,
            min_depth,
            max_depth,
        });
    }
    if min_depth > max_depth {
        return Err(invalid(format!(
            "depths {min_depth}..={max_depth}: min_depth must not be above max_depth"
        )));
    }
    Ok(())
}

/// Whether `ics23` takes `spec` for IAVL's, and so checks the form of its
/// proofs' leaf and inner prefixes (its private `is_iavl_spec`): the leaf's
/// hash, prehashes and length, and the inner hash, prefix lengths, child
/// size and number of children are those of [`ProofSpec::iavl`]; the leaf
/// prefix, the depths, the empty child and the child order itself are not
/// compared. Under any other spec `ics23` checks only that a leaf prefix
/// starts with the spec's. The contract checks the IAVL form itself
/// ([`check_leaf_prefix`]), so its safety does not rest on this matching
/// `ics23` (a test pins that it does): a mismatch could only refuse
/// honest proofs.
pub fn is_iavl_shaped(spec: &ProofSpec) -> bool {
    let iavl = ProofSpec::iavl();
    let (leaf, inner) = (&spec.leaf_spec, &spec.inner_spec);
    leaf.hash == iavl.leaf_spec.hash
        && leaf.prehash_key == iavl.leaf_spec.prehash_key
        && leaf.prehash_value == iavl.leaf_spec.prehash_value
        && leaf.length == iavl.leaf_spec.length
        && inner.hash == iavl.inner_spec.hash
        && inner.min_prefix_length == iavl.inner_spec.min_prefix_length
        && inner.max_prefix_length == iavl.inner_spec.max_prefix_length
        && inner.child_size == iavl.inner_spec.child_size
        && inner.child_order.len() == iavl.inner_spec.child_order.len()
}

/// IAVL's node prefix as `ics23` reads it: three zigzag varints (height,
/// size, version), none negative, and nothing after them.
fn is_iavl_node_prefix(prefix: &[u8]) -> bool {
    let mut rest = prefix;
    for _ in 0..3 {
        // A zigzag varint is non-negative when its low bit is clear.
        match prost_ics23::encoding::decode_varint(&mut rest) {
            Ok(varint) if varint & 1 == 0 => {}
            _ => return false,
        }
    }
    rest.is_empty()
}

/// Checks the leaf prefix of a proof under `spec`, and says what the spec
/// requires if it does not fit. The prefix must end exactly where the key's
/// length begins: a prefix extended over the first bytes of the leaf image
/// `prefix ‖ len(X ‖ len ‖ k) ‖ X ‖ len ‖ k ‖ …` reads it as the leaf of `k`,
/// so the leaf of a stored key `X ‖ len ‖ k` would prove `k`. `ics23` fixes
/// that end only for a spec it takes for IAVL's ([`is_iavl_shaped`]); the
/// contract fixes it for every spec, with one form per spec (never a choice
/// of two, which would let one leaf image be read both ways):
/// - of IAVL's shape: IAVL's node prefix (height, size and version, as
///   `ics23` reads it) starting with the spec's prefix;
/// - any other (CometBFT's simple Merkle tree of the multistore, an
///   "IAVL-like" spec `ics23` does not recognise): exactly the spec's
///   prefix, as in every real simple Merkle proof (`0x00`). A proof of an
///   IAVL tree under a spec of IAVL's shape but for one field is therefore
///   refused: such a tree needs [`ProofSpec::iavl`]'s shape.
pub fn check_leaf_prefix(spec: &ProofSpec, prefix: &[u8]) -> Result<(), String> {
    let own = spec.leaf_spec.prefix.as_slice();
    let own_hex = HexBinary::from(own).to_hex();
    if is_iavl_shaped(spec) {
        if prefix.starts_with(own) && is_iavl_node_prefix(prefix) {
            return Ok(());
        }
        return Err(format!(
            "IAVL's node prefix starting with {own_hex}: height, size and version varints and nothing after them"
        ));
    }
    if prefix == own {
        return Ok(());
    }
    Err(format!("exactly {own_hex}"))
}

fn hash_op(op: HashOp) -> i32 {
    let op = match op {
        HashOp::NoHash => ics23::HashOp::NoHash,
        HashOp::Sha256 => ics23::HashOp::Sha256,
        HashOp::Sha512 => ics23::HashOp::Sha512,
        HashOp::Keccak256 => ics23::HashOp::Keccak256,
        HashOp::Ripemd160 => ics23::HashOp::Ripemd160,
        HashOp::Bitcoin => ics23::HashOp::Bitcoin,
        HashOp::Sha512256 => ics23::HashOp::Sha512256,
        HashOp::Blake2b512 => ics23::HashOp::Blake2b512,
        HashOp::Blake2s256 => ics23::HashOp::Blake2s256,
        HashOp::Blake3 => ics23::HashOp::Blake3,
    };
    op.into()
}

fn length_op(op: LengthOp) -> i32 {
    let op = match op {
        LengthOp::NoPrefix => ics23::LengthOp::NoPrefix,
        LengthOp::VarProto => ics23::LengthOp::VarProto,
        LengthOp::VarRlp => ics23::LengthOp::VarRlp,
        LengthOp::Fixed32Big => ics23::LengthOp::Fixed32Big,
        LengthOp::Fixed32Little => ics23::LengthOp::Fixed32Little,
        LengthOp::Fixed64Big => ics23::LengthOp::Fixed64Big,
        LengthOp::Fixed64Little => ics23::LengthOp::Fixed64Little,
        LengthOp::Require32Bytes => ics23::LengthOp::Require32Bytes,
        LengthOp::Require64Bytes => ics23::LengthOp::Require64Bytes,
    };
    op.into()
}

fn leaf_op(leaf: &LeafOp) -> ics23::LeafOp {
    ics23::LeafOp {
        hash: hash_op(leaf.hash),
        prehash_key: hash_op(leaf.prehash_key),
        prehash_value: hash_op(leaf.prehash_value),
        length: length_op(leaf.length),
        prefix: leaf.prefix.to_vec(),
    }
}

fn inner_spec(inner: &InnerSpec) -> ics23::InnerSpec {
    ics23::InnerSpec {
        child_order: inner.child_order.clone(),
        child_size: inner.child_size,
        min_prefix_length: inner.min_prefix_length,
        max_prefix_length: inner.max_prefix_length,
        empty_child: inner.empty_child.to_vec(),
        hash: hash_op(inner.hash),
    }
}

/// The `ics23` form of a spec.
pub fn to_ics23(spec: &ProofSpec) -> ics23::ProofSpec {
    ics23::ProofSpec {
        leaf_spec: Some(leaf_op(&spec.leaf_spec)),
        inner_spec: Some(inner_spec(&spec.inner_spec)),
        max_depth: spec.max_depth,
        min_depth: spec.min_depth,
        prehash_key_before_comparison: spec.prehash_key_before_comparison,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::Ics23Hashes;
    use cosmwasm_std::Binary;
    use ics23::commitment_proof::Proof;
    use ics23::{CommitmentProof, ExistenceProof, InnerOp};
    use sha2::{Digest, Sha256};

    #[test]
    fn the_cosmos_sdk_specs_are_ics23s_own() {
        assert_eq!(to_ics23(&ProofSpec::iavl()), ics23::iavl_spec());
        assert_eq!(to_ics23(&ProofSpec::tendermint()), ics23::tendermint_spec());
        for (layer, spec) in ProofSpec::cosmos_sdk().iter().enumerate() {
            check_spec(layer, spec).unwrap();
        }
    }

    /// The multistore spec with an undelimited leaf: no length, no prehash.
    fn undelimited() -> ProofSpec {
        let mut spec = ProofSpec::tendermint();
        spec.leaf_spec.length = LengthOp::NoPrefix;
        spec.leaf_spec.prehash_value = HashOp::NoHash;
        spec
    }

    fn exist(key: &[u8], value: &[u8], leaf: &LeafOp, path: Vec<InnerOp>) -> CommitmentProof {
        CommitmentProof {
            proof: Some(Proof::Exist(ExistenceProof {
                key: key.to_vec(),
                value: value.to_vec(),
                leaf: Some(leaf_op(leaf)),
                path,
            })),
        }
    }

    fn root_of(proof: &CommitmentProof) -> Vec<u8> {
        let Some(Proof::Exist(exist)) = &proof.proof else {
            unreachable!()
        };
        ics23::calculate_existence_root::<Ics23Hashes>(exist).unwrap()
    }

    #[test]
    fn a_leaf_that_does_not_delimit_key_and_value_is_refused() {
        // The attack: under such a spec, the proof of `ab = cd` proves
        // `a = bcd` (and `abc = d`) against the same root.
        let spec = undelimited();
        let proof = exist(b"ab", b"cd", &spec.leaf_spec, vec![]);
        let root = root_of(&proof);
        let shifted = exist(b"a", b"bcd", &spec.leaf_spec, vec![]);
        assert!(ics23::verify_membership::<Ics23Hashes>(
            &shifted,
            &to_ics23(&spec),
            &root,
            b"a",
            b"bcd"
        ));
        assert_eq!(
            check_spec(1, &spec).unwrap_err(),
            ContractError::AmbiguousLeafSpec {
                layer: 1,
                length: "no_prefix".into()
            }
        );
        // Either delimiter is enough: written lengths, or a prehashed value
        // (a fixed 32 bytes at the end of the leaf image).
        let mut lengths = undelimited();
        lengths.leaf_spec.length = LengthOp::VarProto;
        check_spec(1, &lengths).unwrap();
        let mut prehashed = undelimited();
        prehashed.leaf_spec.prehash_value = HashOp::Sha256;
        check_spec(1, &prehashed).unwrap();
    }

    #[test]
    fn an_inner_prefix_shorter_than_the_leaf_prefix_is_refused() {
        // The attack: under a spec allowing empty inner prefixes, a forger
        // stores a key whose leaf image `00 ‖ 3d ‖ key ‖ 20 ‖ sha256(value)`
        // begins with the hash of a leaf of their making (two bytes
        // ground); that leaf, under an inner step with an empty prefix and
        // the rest of the image as suffix, proves any key and value.
        let mut spec = ProofSpec::tendermint();
        spec.inner_spec.min_prefix_length = 0;
        let forged_leaf =
            |nonce: u32| exist(b"victim", &nonce.to_be_bytes(), &spec.leaf_spec, vec![]);
        let (forged, forged_hash) = (0u32..)
            .map(|nonce| {
                let proof = forged_leaf(nonce);
                let hash = root_of(&proof);
                (proof, hash)
            })
            .find(|(_, hash)| hash[..2] == [0x00, 61])
            .unwrap();
        let stored_key = [&forged_hash[2..], &[0x77; 31][..]].concat();
        let stored = exist(&stored_key, b"chosen", &spec.leaf_spec, vec![]);
        let root = root_of(&stored);
        let Some(Proof::Exist(forged)) = forged.proof else {
            unreachable!()
        };
        let image = [
            &[0x00, 61][..],
            &stored_key,
            &[32],
            &Sha256::digest(b"chosen"),
        ]
        .concat();
        assert_eq!(image[..32], forged_hash[..]);
        let lifted = CommitmentProof {
            proof: Some(Proof::Exist(ExistenceProof {
                path: vec![InnerOp {
                    hash: ics23::HashOp::Sha256.into(),
                    prefix: vec![],
                    suffix: image[32..].to_vec(),
                }],
                ..forged.clone()
            })),
        };
        assert!(ics23::verify_membership::<Ics23Hashes>(
            &lifted,
            &to_ics23(&spec),
            &root,
            b"victim",
            &forged.value
        ));
        assert_eq!(
            check_spec(1, &spec).unwrap_err(),
            ContractError::InnerPrefixShorterThanLeafPrefix {
                layer: 1,
                min_prefix_length: 0,
                leaf_prefix_length: 1
            }
        );
        // As long as the leaf prefix, the inner prefix cannot start as a
        // leaf image does (ics23 refuses one starting with the leaf prefix).
        assert!(!ics23::verify_membership::<Ics23Hashes>(
            &lifted,
            &to_ics23(&ProofSpec::tendermint()),
            &root,
            b"victim",
            &forged.value
        ));
        let mut longer_leaf_prefix = ProofSpec::iavl();
        longer_leaf_prefix.leaf_spec.prefix = Binary::from(&[0u8; 5][..]);
        assert!(matches!(
            check_spec(0, &longer_leaf_prefix).unwrap_err(),
            ContractError::InnerPrefixShorterThanLeafPrefix {
                min_prefix_length: 4,
                leaf_prefix_length: 5,
                ..
            }
        ));
    }

    /// A proof of `k = v` two inner steps below its root in a tree of `spec`'s shape.
    fn two_steps_deep(spec: &ProofSpec) -> CommitmentProof {
        let step = |sibling: u8| InnerOp {
            hash: ics23::HashOp::Sha256.into(),
            prefix: [&[1u8][..], &[sibling; 32]].concat(),
            suffix: vec![],
        };
        exist(b"k", b"v", &spec.leaf_spec, vec![step(0xaa), step(0xbb)])
    }

    /// `leaf` with another prefix.
    fn with_prefix(leaf: &LeafOp, prefix: &[u8]) -> LeafOp {
        LeafOp {
            prefix: Binary::from(prefix),
            ..leaf.clone()
        }
    }

    #[test]
    fn the_leaf_prefix_is_checked_whether_or_not_ics23_takes_the_spec_for_iavls() {
        // A leaf of IAVL's node prefix (height 0, size 1, version 1) with
        // key `03 ab 01 6b` (`X ‖ len ‖ k`, k = "k"), and the same leaf image
        // read with the prefix extended over `len(key) ‖ X`: a proof of "k".
        let leaf = ProofSpec::iavl().leaf_spec;
        let honest_prefix = [0u8, 2, 2];
        let honest = exist(
            b"\x03\xab\x01k",
            b"v",
            &with_prefix(&leaf, &honest_prefix),
            vec![],
        );
        let root = root_of(&honest);
        let extended_prefix = [0u8, 2, 2, 4, 3, 0xab];
        let forged = exist(b"k", b"v", &with_prefix(&leaf, &extended_prefix), vec![]);
        assert_eq!(root_of(&forged), root);
        let ics23_accepts = |spec: &ProofSpec, proof: &CommitmentProof, key: &[u8]| {
            ics23::verify_membership::<Ics23Hashes>(proof, &to_ics23(spec), &root, key, b"v")
        };
        // Of IAVL's shape (fields ics23 does not compare may differ): ics23
        // refuses the extended prefix itself, and so does the contract.
        let mut other_prefix = ProofSpec::iavl();
        other_prefix.leaf_spec.prefix = Binary::from(&[0u8, 2][..]);
        let mut empty_child = ProofSpec::iavl();
        empty_child.inner_spec.empty_child = Binary::from(&[0u8; 33][..]);
        for spec in [ProofSpec::iavl(), other_prefix, empty_child] {
            assert!(is_iavl_shaped(&spec));
            assert!(ics23_accepts(&spec, &honest, b"\x03\xab\x01k"));
            assert!(!ics23_accepts(&spec, &forged, b"k"));
            check_leaf_prefix(&spec, &honest_prefix).unwrap();
            check_leaf_prefix(&spec, &extended_prefix).unwrap_err();
        }
        // IAVL's but for one field: ics23 accepts the extended prefix (it
        // starts with `0x00`); the contract requires exactly `0x00`, which
        // refuses IAVL's honest node prefix too.
        let mut longer_inner = ProofSpec::iavl();
        longer_inner.inner_spec.max_prefix_length = 13;
        let mut shorter_inner = ProofSpec::iavl();
        shorter_inner.inner_spec.min_prefix_length = 3;
        let mut three_children = ProofSpec::iavl();
        three_children.inner_spec.child_order = vec![0, 1, 2];
        for spec in [
            ProofSpec::tendermint(),
            longer_inner,
            shorter_inner,
            three_children,
        ] {
            assert!(!is_iavl_shaped(&spec));
            assert!(ics23_accepts(&spec, &forged, b"k"));
            check_leaf_prefix(&spec, &[0]).unwrap();
            check_leaf_prefix(&spec, &extended_prefix).unwrap_err();
            check_leaf_prefix(&spec, &honest_prefix).unwrap_err();
        }
        // IAVL's node prefix is three varints, none negative, and nothing more.
        assert!(is_iavl_node_prefix(&[0, 2, 2]));
        assert!(is_iavl_node_prefix(&[0, 0x82, 0x01, 0xc0, 0x84, 0x3d]));
        assert!(!is_iavl_node_prefix(&[0, 2]));
        assert!(!is_iavl_node_prefix(&[0, 2, 2, 0]));
        assert!(!is_iavl_node_prefix(&[0, 3, 2]));
        assert!(!is_iavl_node_prefix(&[0, 2, 0x82]));
    }

    #[test]
    fn a_maximum_depth_without_a_minimum_one_is_refused() {
        // The attack: ics23 checks depths only when min_depth is set, so a
        // proof deeper than max_depth (a leaf passed off from a subtree, say)
        // is accepted as if there were no limit.
        let mut spec = ProofSpec::tendermint();
        spec.max_depth = 1;
        let proof = two_steps_deep(&spec);
        let root = root_of(&proof);
        assert!(ics23::verify_membership::<Ics23Hashes>(
            &proof,
            &to_ics23(&spec),
            &root,
            b"k",
            b"v"
        ));
        assert_eq!(
            check_spec(0, &spec).unwrap_err(),
            ContractError::UnpairedProofDepth {
                layer: 0,
                min_depth: 0,
                max_depth: 1
            }
        );
        // Paired, the limit holds, and the spec is accepted.
        spec.min_depth = 1;
        assert!(!ics23::verify_membership::<Ics23Hashes>(
            &proof,
            &to_ics23(&spec),
            &root,
            b"k",
            b"v"
        ));
        check_spec(0, &spec).unwrap();
    }

    #[test]
    fn a_minimum_depth_without_a_maximum_one_is_refused() {
        // ics23 then checks a maximum of 0: every proof with an inner step
        // fails, although the spec's documentation reads 0 as no limit.
        let mut spec = ProofSpec::tendermint();
        spec.min_depth = 2;
        let proof = two_steps_deep(&spec);
        let root = root_of(&proof);
        assert!(!ics23::verify_membership::<Ics23Hashes>(
            &proof,
            &to_ics23(&spec),
            &root,
            b"k",
            b"v"
        ));
        assert_eq!(
            check_spec(0, &spec).unwrap_err(),
            ContractError::UnpairedProofDepth {
                layer: 0,
                min_depth: 2,
                max_depth: 0
            }
        );
        spec.max_depth = 1;
        assert!(matches!(
            check_spec(0, &spec).unwrap_err(),
            ContractError::InvalidClientState { .. }
        ));
    }
}
