//! A verifier of another kind than a light client: it believes what one
//! attestor (an ed25519 key, standing for a committee) signs. It answers the
//! message center's generic questions ([`VerifierQuery`]) with signatures
//! instead of Merkle proofs, and knows nothing of the remote chain's storage;
//! that the message center works with it unchanged shows the verifier
//! boundary is generic.
//!
//! A proof is the JSON of [`Attestation`]: the remote chain's time at the
//! height, and the attestor's signature over [`statement`].

use btp_types::msg::verifier::{Counterpart, VerifiedResponse, VerifierQuery};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    from_json, to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError,
    StdResult, Timestamp,
};
use cw_multi_test::{Contract, ContractWrapper};
use cw_storage_plus::Item;
use sha2::{Digest, Sha256};

#[cw_serde]
pub struct InstantiateMsg {
    /// The attestor's ed25519 public key (32 bytes).
    pub attestor: Binary,
}

/// The proof this verifier reads.
#[cw_serde]
pub struct Attestation {
    /// The remote chain's block time at the attested height.
    pub timestamp: Timestamp,
    /// ed25519 signature of the [`statement`].
    pub signature: Binary,
}

/// What the attestor signs: the kind of fact, then every field of the
/// question and the time, each length-prefixed, hashed.
pub fn statement(query: &VerifierQuery, timestamp: Timestamp) -> Vec<u8> {
    let (kind, height, center, counterpart, number, value): (
        &str,
        u64,
        &str,
        &Counterpart,
        u64,
        &[u8],
    ) = match query {
        VerifierQuery::VerifyCommitment {
            height,
            center,
            counterpart,
            sequence,
            head,
            ..
        } => (
            "commitment",
            *height,
            center,
            counterpart,
            *sequence,
            head.as_slice(),
        ),
        VerifierQuery::VerifyReceiveState {
            height,
            center,
            counterpart,
            rx_seq,
            ..
        } => ("receive_state", *height, center, counterpart, *rx_seq, &[]),
    };
    let mut hasher = Sha256::new();
    for part in [
        kind.as_bytes(),
        &height.to_be_bytes(),
        center.as_bytes(),
        counterpart.network.as_str().as_bytes(),
        counterpart.center.as_bytes(),
        &number.to_be_bytes(),
        value,
        &timestamp.nanos().to_be_bytes(),
    ] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hasher.finalize().to_vec()
}

const ATTESTOR: Item<Binary> = Item::new("attestor");

fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, msg: InstantiateMsg) -> StdResult<Response> {
    ATTESTOR.save(deps.storage, &msg.attestor)?;
    Ok(Response::new())
}

fn execute(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    Err(StdError::generic_err(
        "attestation verifier: nothing to execute",
    ))
}

fn query(deps: Deps, _: Env, msg: VerifierQuery) -> StdResult<Binary> {
    let (height, proof) = match &msg {
        VerifierQuery::VerifyCommitment { height, proof, .. }
        | VerifierQuery::VerifyReceiveState { height, proof, .. } => (*height, proof),
    };
    let attestation: Attestation = from_json(proof)
        .map_err(|err| StdError::generic_err(format!("not an attestation: {err}")))?;
    let attestor = ATTESTOR.load(deps.storage)?;
    let signed = deps
        .api
        .ed25519_verify(
            &statement(&msg, attestation.timestamp),
            &attestation.signature,
            &attestor,
        )
        .map_err(|err| StdError::generic_err(err.to_string()))?;
    if !signed {
        return Err(StdError::generic_err(
            "attestation verifier: the attestor did not sign that",
        ));
    }
    to_json_binary(&VerifiedResponse {
        height,
        timestamp: attestation.timestamp,
        trusted_at: None,
    })
}

/// The attestation verifier for `cw-multi-test`.
pub fn contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

/// An attestor for tests: signs what it is asked.
pub struct Attestor(ed25519_consensus::SigningKey);

impl Attestor {
    pub fn new(seed: &str) -> Self {
        Self(ed25519_consensus::SigningKey::from(<[u8; 32]>::from(
            Sha256::digest(seed.as_bytes()),
        )))
    }

    /// The public key to instantiate the verifier with.
    pub fn public_key(&self) -> Binary {
        Binary::new(self.0.verification_key().to_bytes().to_vec())
    }

    /// The proof for `query` (whose own `proof` field is ignored) at `timestamp`.
    pub fn attest(&self, query: &VerifierQuery, timestamp: Timestamp) -> Binary {
        let signature = self.0.sign(&statement(query, timestamp));
        to_json_binary(&Attestation {
            timestamp,
            signature: Binary::new(signature.to_bytes().to_vec()),
        })
        .unwrap_or_default()
    }
}
