//! Membership and non-membership of the remote chain's state, proven with
//! ICS-23 proofs against the app hash of a trusted header (ibc-go's
//! `MerkleProof.VerifyMembership` / `VerifyNonMembership`, 23-commitment).
//!
//! A path is outermost first (`[store, key]`); a `MerkleProof` innermost
//! first (the IAVL proof of `key` in the store, then the simple Merkle proof
//! of the store's root in the multistore). Layer `i` proves key
//! `path[n - 1 - i]` under spec `i`; the root it computes is the value layer
//! `i + 1` proves; the last root must be the app hash.
//!
//! Each layer is one plain `ics23` proof (an existence proof, or at layer 0
//! of a non-membership check a non-existence proof; no batch or compressed
//! proof), checked by `ics23` under the layer's spec, and beyond it: the
//! leaf prefix of the existence proof, and of both neighbours of a
//! non-existence proof, must have the one form its spec allows
//! ([`check_leaf_prefix`]: exactly the spec's prefix, `0x00` in the
//! multistore, or IAVL's node prefix under a spec of IAVL's shape), or the
//! proof is refused with [`ContractError::UnexpectedLeafPrefix`]. `ics23`
//! alone checks only that it starts with the spec's, except under IAVL's
//! spec: a prefix extended over the first bytes of a stored key `X ‖ len ‖
//! k` would prove `k` (or, as a neighbour, stand on the wrong side of a
//! stored key and prove it absent).
//!
//! Every check starts from `trusted_root`: an active client, and a
//! consensus state at the height that is within its trusting period; every
//! success answers the header's height and time and when this chain stored
//! that consensus state (`trusted_at`).

use btp_types::msg::verifier_tendermint::{
    ClientState, MembershipItem, ProofSpec, VerifiedResponse,
};
use cosmwasm_std::{Binary, HexBinary, Storage, Timestamp};
use ics23::commitment_proof::Proof;
use ics23::{CommitmentProof, ExistenceProof};
use prost_ics23::bytes::{Buf, BufMut};
use prost_ics23::encoding::{message, skip_field, DecodeContext, WireType};
use prost_ics23::{DecodeError, Message};

use crate::crypto::Ics23Hashes;
use crate::error::ContractError;
use crate::proof_specs::{check_leaf_prefix, to_ics23};
use crate::state::{consensus_state, trusted_at};
use crate::status::{ensure_active, ensure_unexpired};

/// ibc-go's `ibc.core.commitment.v1.MerkleProof`: `repeated
/// cosmos.ics23.v1.CommitmentProof proofs = 1`, innermost first. (Written
/// out because `prost` 0.13's derive, which `ics23` needs, cannot be used
/// beside `prost` 0.14's in one crate.)
#[derive(Clone, PartialEq, Default, Debug)]
pub struct MerkleProof {
    /// One proof per layer, innermost first.
    pub proofs: Vec<CommitmentProof>,
}

impl Message for MerkleProof {
    fn encode_raw(&self, buf: &mut impl BufMut) {
        for proof in &self.proofs {
            message::encode(1, proof, buf);
        }
    }

    fn merge_field(
        &mut self,
        tag: u32,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        if tag == 1 {
            message::merge_repeated(wire_type, &mut self.proofs, buf, ctx)
        } else {
            skip_field(wire_type, tag, buf, ctx)
        }
    }

    fn encoded_len(&self) -> usize {
        message::encoded_len_repeated(1, &self.proofs)
    }

    fn clear(&mut self) {
        self.proofs.clear();
    }
}

fn hex(bytes: &[u8]) -> String {
    HexBinary::from(bytes).to_hex()
}

/// What a proof at one height is checked against, and what a success answers.
struct TrustedRoot {
    client: ClientState,
    /// The app hash of the trusted header: the root the proof must reach.
    app_hash: Binary,
    /// The height, the header's time and when this chain stored it.
    verified: VerifiedResponse,
}

/// The app hash a proof must reach: that of the trusted header at `height`,
/// if the client is active and that header is still within the trusting
/// period (an expired state is refused until it is pruned, unlike ibc-go:
/// misbehaviour evidence against it can no longer be verified, so it must
/// prove nothing, neither a delivery nor a receive state that decides a
/// timeout). The answer says when the state was stored on this chain
/// (`None` for a state stored by 0.2.0, which did not record it).
fn trusted_root(
    storage: &dyn Storage,
    now: Timestamp,
    height: u64,
) -> Result<TrustedRoot, ContractError> {
    let client = ensure_active(storage, now)?;
    let consensus = consensus_state(storage, height)?
        .ok_or(ContractError::ConsensusStateNotFound { height })?;
    ensure_unexpired(&client, height, consensus.timestamp, now)?;
    Ok(TrustedRoot {
        client,
        app_hash: consensus.app_hash,
        verified: VerifiedResponse {
            height,
            timestamp: consensus.timestamp,
            trusted_at: trusted_at(storage, height)?,
        },
    })
}

/// Decodes a `MerkleProof` with one layer per spec, and checks the path.
fn decode_proof(
    client: &ClientState,
    path: &[Binary],
    proof: &Binary,
) -> Result<Vec<CommitmentProof>, ContractError> {
    let layers = client.proof_specs.len();
    if path.len() != layers {
        return Err(ContractError::PathLength {
            got: path.len(),
            expected: layers,
        });
    }
    if let Some(index) = path.iter().position(|key| key.is_empty()) {
        return Err(ContractError::EmptyPathKey { index });
    }
    let proof =
        MerkleProof::decode(proof.as_slice()).map_err(|err| ContractError::MalformedProof {
            reason: err.to_string(),
        })?;
    if proof.proofs.len() != layers {
        return Err(ContractError::ProofLayers {
            got: proof.proofs.len(),
            expected: layers,
        });
    }
    Ok(proof.proofs)
}

/// The key layer `layer` proves: the path is outermost first.
fn key_of(path: &[Binary], layer: usize) -> Result<&Binary, ContractError> {
    path.len()
        .checked_sub(1)
        .and_then(|last| last.checked_sub(layer))
        .and_then(|index| path.get(index))
        .ok_or(ContractError::PathLength {
            got: path.len(),
            expected: layer.saturating_add(1),
        })
}

fn existence_proof(
    proof: &CommitmentProof,
    layer: usize,
) -> Result<&ExistenceProof, ContractError> {
    match &proof.proof {
        Some(Proof::Exist(exist)) => Ok(exist),
        _ => Err(ContractError::WrongProofKind {
            layer,
            expected: "existence",
        }),
    }
}

/// Checks the leaf prefix of an existence proof (or of a neighbour in a
/// non-existence proof) of layer `layer` ([`check_leaf_prefix`]). A proof
/// without a leaf is left to `ics23`, which refuses it.
fn check_leaf(spec: &ProofSpec, layer: usize, exist: &ExistenceProof) -> Result<(), ContractError> {
    let Some(leaf) = &exist.leaf else {
        return Ok(());
    };
    check_leaf_prefix(spec, &leaf.prefix).map_err(|expected| ContractError::UnexpectedLeafPrefix {
        layer,
        key: hex(&exist.key),
        prefix: hex(&leaf.prefix),
        expected,
    })
}

/// Checks that layer `layer` proves `key` = `value` and returns the root it reaches.
fn prove_existence(
    client: &ClientState,
    proofs: &[CommitmentProof],
    path: &[Binary],
    layer: usize,
    value: &[u8],
) -> Result<Vec<u8>, ContractError> {
    let proof = proofs.get(layer).ok_or(ContractError::ProofLayers {
        got: proofs.len(),
        expected: client.proof_specs.len(),
    })?;
    let key = key_of(path, layer)?;
    let failed = || ContractError::ProofFailed {
        layer,
        claim: "the value",
        key: hex(key),
    };
    let exist = existence_proof(proof, layer)?;
    let spec = client.proof_specs.get(layer).ok_or_else(failed)?;
    check_leaf(spec, layer, exist)?;
    let spec = to_ics23(spec);
    let root = ics23::calculate_existence_root::<Ics23Hashes>(exist).map_err(|_| failed())?;
    if !ics23::verify_membership::<Ics23Hashes>(proof, &spec, &root, key, value) {
        return Err(failed());
    }
    Ok(root)
}

/// Checks that the outer layers, from `first`, prove `root` up to `app_hash`.
fn prove_up_to_app_hash(
    client: &ClientState,
    proofs: &[CommitmentProof],
    path: &[Binary],
    first: usize,
    mut root: Vec<u8>,
    height: u64,
    app_hash: &Binary,
) -> Result<(), ContractError> {
    for layer in first..proofs.len() {
        root = prove_existence(client, proofs, path, layer, &root)?;
    }
    if root.as_slice() != app_hash.as_slice() {
        return Err(ContractError::RootMismatch {
            height,
            expected: hex(app_hash),
            got: hex(&root),
        });
    }
    Ok(())
}

fn check_membership(
    client: &ClientState,
    app_hash: &Binary,
    height: u64,
    path: &[Binary],
    value: &Binary,
    proof: &Binary,
) -> Result<(), ContractError> {
    if value.is_empty() {
        return Err(ContractError::EmptyValue);
    }
    let proofs = decode_proof(client, path, proof)?;
    let root = prove_existence(client, &proofs, path, 0, value)?;
    prove_up_to_app_hash(client, &proofs, path, 1, root, height, app_hash)
}

/// `verify_membership`: `proof` proves `path` = `value` at `height`; the
/// answer carries the time of the trusted header at `height`.
pub fn verify_membership(
    storage: &dyn Storage,
    now: Timestamp,
    height: u64,
    path: &[Binary],
    value: &Binary,
    proof: &Binary,
) -> Result<VerifiedResponse, ContractError> {
    let trusted = trusted_root(storage, now, height)?;
    check_membership(
        &trusted.client,
        &trusted.app_hash,
        height,
        path,
        value,
        proof,
    )?;
    Ok(trusted.verified)
}

/// `verify_batch_membership`: every item holds at `height`.
pub fn verify_batch_membership(
    storage: &dyn Storage,
    now: Timestamp,
    height: u64,
    items: &[MembershipItem],
) -> Result<VerifiedResponse, ContractError> {
    if items.is_empty() {
        return Err(ContractError::EmptyBatch);
    }
    let trusted = trusted_root(storage, now, height)?;
    for (index, item) in items.iter().enumerate() {
        check_membership(
            &trusted.client,
            &trusted.app_hash,
            height,
            &item.path,
            &item.value,
            &item.proof,
        )
        .map_err(|err| ContractError::BatchItem {
            index,
            source: Box::new(err),
        })?;
    }
    Ok(trusted.verified)
}

/// `verify_non_membership`: `proof` proves that nothing is stored at `path`
/// at `height`; the answer carries the time of the trusted header at `height`.
pub fn verify_non_membership(
    storage: &dyn Storage,
    now: Timestamp,
    height: u64,
    path: &[Binary],
    proof: &Binary,
) -> Result<VerifiedResponse, ContractError> {
    let TrustedRoot {
        client,
        app_hash,
        verified,
    } = trusted_root(storage, now, height)?;
    let proofs = decode_proof(&client, path, proof)?;
    let key = key_of(path, 0)?;
    let failed = || ContractError::ProofFailed {
        layer: 0,
        claim: "the absence",
        key: hex(key),
    };
    let first = proofs.first().ok_or(ContractError::ProofLayers {
        got: 0,
        expected: client.proof_specs.len(),
    })?;
    let Some(Proof::Nonexist(absent)) = &first.proof else {
        return Err(ContractError::WrongProofKind {
            layer: 0,
            expected: "non-existence",
        });
    };
    // Both neighbours (when present) lead to the same root; the check below
    // verifies each against it.
    let neighbour = absent
        .left
        .as_ref()
        .or(absent.right.as_ref())
        .ok_or_else(failed)?;
    let root = ics23::calculate_existence_root::<Ics23Hashes>(neighbour).map_err(|_| failed())?;
    let spec = client.proof_specs.first().ok_or_else(failed)?;
    // Both neighbours' leaves: a neighbour passed off as the leaf of a
    // shorter key could stand on the wrong side of a stored key.
    for neighbour in [&absent.left, &absent.right].into_iter().flatten() {
        check_leaf(spec, 0, neighbour)?;
    }
    let spec = to_ics23(spec);
    if !ics23::verify_non_membership::<Ics23Hashes>(first, &spec, &root, key) {
        return Err(failed());
    }
    prove_up_to_app_hash(&client, &proofs, path, 1, root, height, &app_hash)?;
    Ok(verified)
}
