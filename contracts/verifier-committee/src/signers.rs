//! Signer sets: validation, lookup, and how they are written in events.

use std::collections::BTreeMap;

use btp_types::msg::verifier_committee::{SignerKey, SignerRef, SignerSet};
use cosmwasm_std::{Api, HexBinary};

use crate::error::ContractError;

/// The largest signer set: bounds the gas of a verification and of a validation.
pub const MAX_SIGNERS: usize = 100;
/// The longest domain, in bytes.
pub const MAX_DOMAIN_LEN: usize = 128;

/// A syntactically valid secp256k1 signature (r = s = 1): used to make the
/// host parse a key, which fails when the key is not a curve point.
const PROBE_SIGNATURE: [u8; 64] = {
    let mut sig = [0u8; 64];
    sig[31] = 1;
    sig[63] = 1;
    sig
};

/// Refuses an empty or over-long domain.
pub fn validate_domain(domain: &str) -> Result<(), ContractError> {
    if domain.is_empty() {
        return Err(ContractError::InvalidDomain {
            reason: "it is empty".into(),
        });
    }
    if domain.len() > MAX_DOMAIN_LEN {
        return Err(ContractError::InvalidDomain {
            reason: format!(
                "it has {} bytes, at most {MAX_DOMAIN_LEN} are allowed",
                domain.len()
            ),
        });
    }
    Ok(())
}

fn validate_key(api: &dyn Api, index: usize, key: &SignerKey) -> Result<(), ContractError> {
    let malformed = |reason: String| ContractError::MalformedSignerKey { index, reason };
    match key {
        SignerKey::Secp256k1(bytes) => {
            if bytes.len() != 33 {
                return Err(malformed(format!(
                    "a compressed secp256k1 key has 33 bytes, this one {}",
                    bytes.len()
                )));
            }
            if !matches!(bytes.first(), Some(2 | 3)) {
                return Err(malformed(
                    "a compressed secp256k1 key starts with 0x02 or 0x03".into(),
                ));
            }
            // The host parses the key before it checks the signature: a
            // key that is not a point of the curve is an error, any valid
            // key merely fails to verify the probe.
            api.secp256k1_verify(&[0u8; 32], &PROBE_SIGNATURE, bytes)
                .map_err(|err| malformed(format!("not a secp256k1 point: {err}")))?;
        }
        SignerKey::Ed25519(bytes) => {
            if bytes.len() != 32 {
                return Err(malformed(format!(
                    "an ed25519 key has 32 bytes, this one {}",
                    bytes.len()
                )));
            }
        }
    }
    Ok(())
}

/// Validates a signer set: 1 to [`MAX_SIGNERS`] well-formed, distinct keys
/// and a threshold between 1 and their number.
pub fn validate_set(api: &dyn Api, set: &SignerSet) -> Result<(), ContractError> {
    let signers = set.signers.len();
    if signers > MAX_SIGNERS {
        return Err(ContractError::TooManySigners {
            signers,
            max: MAX_SIGNERS,
        });
    }
    let threshold = usize::try_from(set.threshold).unwrap_or(usize::MAX);
    if threshold == 0 || threshold > signers {
        return Err(ContractError::InvalidThreshold {
            threshold: set.threshold,
            signers,
        });
    }
    let mut seen = BTreeMap::new();
    for (index, key) in set.signers.iter().enumerate() {
        validate_key(api, index, key)?;
        if let Some(first) = seen.insert(key, index) {
            return Err(ContractError::DuplicateSignerKey { index, first });
        }
    }
    Ok(())
}

/// The index of the signer `signer` names in `set`, if it is there.
pub fn find(set: &SignerSet, signer: &SignerRef) -> Option<usize> {
    match signer {
        SignerRef::Index(index) => {
            let index = usize::try_from(*index).ok()?;
            (index < set.signers.len()).then_some(index)
        }
        SignerRef::Key(key) => set.signers.iter().position(|k| k == key),
    }
}

/// A signer reference as written in errors.
pub fn describe_ref(signer: &SignerRef) -> String {
    match signer {
        SignerRef::Index(index) => format!("#{index}"),
        SignerRef::Key(key) => describe_key(key),
    }
}

/// A key as written in events and errors: `secp256k1:<hex>` or `ed25519:<hex>`.
pub fn describe_key(key: &SignerKey) -> String {
    match key {
        SignerKey::Secp256k1(bytes) => format!("secp256k1:{}", HexBinary::from(bytes.as_slice())),
        SignerKey::Ed25519(bytes) => format!("ed25519:{}", HexBinary::from(bytes.as_slice())),
    }
}

/// A set's keys as written in events: comma-separated [`describe_key`].
pub fn describe_keys(set: &SignerSet) -> String {
    set.signers
        .iter()
        .map(describe_key)
        .collect::<Vec<_>>()
        .join(",")
}
