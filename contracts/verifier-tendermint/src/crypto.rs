//! Cryptography through the chain's host functions where it has them.
//!
//! Signatures: the light client (`tendermint-light-client-verifier`) asks a
//! [`tendermint::crypto::signature::Verifier`] about each vote it counts. Ours,
//! [`SignatureCollector`], records the vote and answers "valid"; once the
//! light client has accepted the header on that assumption, [`SignatureCollector::verify_all`]
//! checks every recorded signature with the host's `ed25519_batch_verify`
//! (one call for up to 256 signatures, about 40% cheaper than one host
//! `ed25519_verify` each) and the header is refused if any fails. Assuming
//! validity can only add voting power, so a header the light client refuses
//! under the assumption is refused without it, and a header it accepts is kept
//! only if every signature it counted is valid: the outcome is that of
//! checking each signature when counted.
//!
//! Hashes: ICS-23 proofs need SHA-256 only (the client's proof specs are
//! restricted to it at instantiation), computed in wasm with `sha2`.

use std::sync::Mutex;

use cosmwasm_std::Api;
use sha2::{Digest, Sha256};
use tendermint::crypto::signature::{Error as SignatureError, Verifier};
use tendermint::{account, PublicKey, Signature};

use crate::error::ContractError;

/// The most signatures one `ed25519_batch_verify` host call accepts.
const MAX_BATCH: usize = 256;
/// Length of an Ed25519 signature.
const SIGNATURE_LEN: usize = 64;

/// A vote signature the light client counted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Counted {
    public_key: [u8; 32],
    message: Vec<u8>,
    signature: Vec<u8>,
}

/// Records the signatures the light client counts (see the module documentation).
#[derive(Debug, Default)]
pub struct SignatureCollector {
    counted: Mutex<Vec<Counted>>,
}

/// The [`Verifier`] handed to the light client: a view of a collector.
#[derive(Clone, Copy, Debug)]
pub struct Recorder<'a>(&'a SignatureCollector);

impl SignatureCollector {
    /// The verifier to give to `ProvidedVotingPowerCalculator`.
    pub fn recorder(&self) -> Recorder<'_> {
        Recorder(self)
    }

    /// Verifies every recorded signature with the host; the first invalid
    /// one is named in the error.
    pub fn verify_all(self, api: &dyn Api) -> Result<usize, ContractError> {
        let mut counted =
            self.counted
                .into_inner()
                .map_err(|_| ContractError::HeaderVerification {
                    reason: "the signature collector was poisoned".into(),
                })?;
        // The same vote is counted once per validator set it is checked against.
        counted.sort_unstable();
        counted.dedup();
        for chunk in counted.chunks(MAX_BATCH) {
            if !verify_chunk(api, chunk)? {
                return Err(first_invalid(api, chunk));
            }
        }
        Ok(counted.len())
    }
}

fn verify_chunk(api: &dyn Api, chunk: &[Counted]) -> Result<bool, ContractError> {
    let result = match chunk {
        // A single signature is cheaper without the batch's base cost.
        [one] => api.ed25519_verify(&one.message, &one.signature, &one.public_key),
        _ => {
            let messages: Vec<&[u8]> = chunk.iter().map(|c| c.message.as_slice()).collect();
            let signatures: Vec<&[u8]> = chunk.iter().map(|c| c.signature.as_slice()).collect();
            let keys: Vec<&[u8]> = chunk.iter().map(|c| c.public_key.as_slice()).collect();
            api.ed25519_batch_verify(&messages, &signatures, &keys)
        }
    };
    // A malformed signature or key is an invalid signature, not a host failure.
    Ok(result.unwrap_or(false))
}

/// Names the validator of the first invalid signature of a failed batch.
fn first_invalid(api: &dyn Api, chunk: &[Counted]) -> ContractError {
    let invalid = chunk.iter().find(|c| {
        !api.ed25519_verify(&c.message, &c.signature, &c.public_key)
            .unwrap_or(false)
    });
    let validator = invalid
        .and_then(|c| {
            tendermint::crypto::ed25519::VerificationKey::try_from(&c.public_key[..]).ok()
        })
        .map(|key| account::Id::from(PublicKey::Ed25519(key)).to_string())
        .unwrap_or_else(|| "unknown".into());
    ContractError::InvalidSignature { validator }
}

impl Verifier for Recorder<'_> {
    fn verify(
        &self,
        public_key: PublicKey,
        message: &[u8],
        signature: &Signature,
    ) -> Result<(), SignatureError> {
        let key = public_key
            .ed25519()
            .ok_or(SignatureError::UnsupportedKeyType)?;
        let public_key: [u8; 32] = key
            .as_bytes()
            .try_into()
            .map_err(|_| SignatureError::MalformedPublicKey)?;
        if signature.as_bytes().len() != SIGNATURE_LEN {
            return Err(SignatureError::MalformedSignature);
        }
        let mut counted = self
            .0
            .counted
            .lock()
            .map_err(|_| SignatureError::VerificationFailed)?;
        counted.push(Counted {
            public_key,
            message: message.to_vec(),
            signature: signature.as_bytes().to_vec(),
        });
        Ok(())
    }
}

/// ICS-23's hash functions: SHA-256 in wasm, nothing else.
pub struct Ics23Hashes;

impl ics23::HostFunctionsProvider for Ics23Hashes {
    fn sha2_256(message: &[u8]) -> [u8; 32] {
        Sha256::digest(message).into()
    }

    // The functions below are never reached: `trusted_state` accepts only
    // proof specs whose operations are SHA-256 (or no prehash), and ICS-23
    // compares every operation of a proof with its spec before hashing. If
    // one were reached, its all-zero output could match no honest root.

    fn sha2_512(_message: &[u8]) -> [u8; 64] {
        [0; 64]
    }

    fn sha2_512_truncated(_message: &[u8]) -> [u8; 32] {
        [0; 32]
    }

    fn keccak_256(_message: &[u8]) -> [u8; 32] {
        [0; 32]
    }

    fn ripemd160(_message: &[u8]) -> [u8; 20] {
        [0; 20]
    }

    fn blake2b_512(_message: &[u8]) -> [u8; 64] {
        [0; 64]
    }

    fn blake2s_256(_message: &[u8]) -> [u8; 32] {
        [0; 32]
    }

    fn blake3(_message: &[u8]) -> [u8; 32] {
        [0; 32]
    }
}
