//! The client's ICS-23 proof specs: their JSON form (`btp_types`) as `ics23`
//! types, and the limits a spec must respect to be used by this contract.

use btp_types::msg::verifier_tendermint::{HashOp, InnerSpec, LeafOp, LengthOp, ProofSpec};

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

/// Why a spec cannot be used, if it cannot.
pub fn check_spec(spec: &ProofSpec) -> Result<(), String> {
    let leaf = &spec.leaf_spec;
    let inner = &spec.inner_spec;
    if !is_supported_hash(leaf.hash) || !is_supported_hash(inner.hash) {
        return Err(format!(
            "leaf hash {:?} and inner hash {:?}: only sha256 is supported",
            leaf.hash, inner.hash
        ));
    }
    if !is_supported_prehash(leaf.prehash_key) || !is_supported_prehash(leaf.prehash_value) {
        return Err(format!(
            "prehash of key {:?} and value {:?}: only no_hash and sha256 are supported",
            leaf.prehash_key, leaf.prehash_value
        ));
    }
    if leaf.length == LengthOp::VarRlp {
        return Err("length var_rlp is not supported by ICS-23".into());
    }
    // Inner nodes are told from leaves by the leaf prefix (second-preimage defence).
    if leaf.prefix.is_empty() {
        return Err("the leaf prefix is empty".into());
    }
    let children = inner.child_order.len();
    let mut order: Vec<i32> = inner.child_order.clone();
    order.sort_unstable();
    let is_permutation = order
        .iter()
        .enumerate()
        .all(|(position, child)| usize::try_from(*child).is_ok_and(|child| child == position));
    if children < 2 || !is_permutation {
        return Err(format!(
            "child order {:?} is not a permutation of two or more children",
            inner.child_order
        ));
    }
    let in_range = |n: i32| (0..=MAX_SPEC_BYTES).contains(&n);
    let sizes_ok = in_range(inner.child_size)
        && inner.child_size > 0
        && in_range(inner.min_prefix_length)
        && in_range(inner.max_prefix_length)
        && inner.min_prefix_length <= inner.max_prefix_length;
    if !sizes_ok {
        return Err(format!(
            "child size {} and prefix lengths {}..={} must be within 1..={MAX_SPEC_BYTES}, 0..={MAX_SPEC_BYTES}, min <= max",
            inner.child_size, inner.min_prefix_length, inner.max_prefix_length
        ));
    }
    if children > 16 {
        return Err(format!("{children} children per node: at most 16"));
    }
    if spec.min_depth < 0
        || spec.max_depth < 0
        || (spec.max_depth > 0 && spec.min_depth > spec.max_depth)
    {
        return Err(format!(
            "depths {}..={} must be non-negative with min <= max",
            spec.min_depth, spec.max_depth
        ));
    }
    Ok(())
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

    #[test]
    fn the_cosmos_sdk_specs_are_ics23s_own() {
        assert_eq!(to_ics23(&ProofSpec::iavl()), ics23::iavl_spec());
        assert_eq!(to_ics23(&ProofSpec::tendermint()), ics23::tendermint_spec());
        for spec in ProofSpec::cosmos_sdk() {
            check_spec(&spec).unwrap();
        }
    }
}
