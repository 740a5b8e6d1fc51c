//! The block proof: more than 2/3 of the validators sign the decision hash
//! (btp2-java `BTPMessageVerifier.verifyProof`). Public keys are recovered
//! through the chain's `secp256k1_recover_pubkey`; a signer is identified by
//! its Ethereum address, keccak256(uncompressed public key without its
//! prefix byte)[12..].

use cosmwasm_std::{Api, Binary};

use crate::codec::{hex, keccak256};
use crate::error::ContractError;

/// Length of a signature: R ‖ S ‖ V.
pub const SIGNATURE_LEN: usize = 65;

/// The Ethereum address of the key that made `signature` over `digest`.
pub fn recover_address(
    api: &dyn Api,
    digest: &[u8],
    signature: &[u8],
    index: usize,
) -> Result<[u8; 20], ContractError> {
    let (rs, recovery) = match signature {
        [rs @ .., v] if signature.len() == SIGNATURE_LEN && *v <= 1 => (rs, *v),
        _ => return Err(ContractError::InvalidSignature { index }),
    };
    let public_key = api
        .secp256k1_recover_pubkey(digest, rs, recovery)
        .map_err(|err| ContractError::SignatureRecovery {
            index,
            reason: err.to_string(),
        })?;
    let key = public_key
        .get(1..)
        .ok_or(ContractError::SignatureRecovery {
            index,
            reason: "empty public key".to_string(),
        })?;
    let hash = keccak256(key);
    let mut address = [0u8; 20];
    address.copy_from_slice(hash.get(12..).unwrap_or_default());
    Ok(address)
}

/// Accepts the signatures when they are by distinct validators and more
/// than 2/3 of them signed; null signatures are skipped. ICON's order of
/// refusals: a signer that is not a validator, then one that signed twice,
/// then too few signers. Returns how many validators signed.
pub fn verify_signatures(
    api: &dyn Api,
    digest: &[u8],
    signatures: &[Option<Vec<u8>>],
    validators: &[Binary],
) -> Result<u64, ContractError> {
    let mut signers: Vec<[u8; 20]> = Vec::new();
    for (index, signature) in signatures.iter().enumerate() {
        let Some(signature) = signature else { continue };
        let address = recover_address(api, digest, signature, index)?;
        if !validators.iter().any(|v| v.as_slice() == address) {
            return Err(ContractError::InvalidValidator {
                index,
                address: format!("0x{}", hex(&address)),
            });
        }
        if signers.contains(&address) {
            return Err(ContractError::DuplicatedValidator {
                index,
                address: format!("0x{}", hex(&address)),
            });
        }
        signers.push(address);
    }
    let signed = u64::try_from(signers.len()).unwrap_or(u64::MAX);
    let total = u64::try_from(validators.len()).unwrap_or(u64::MAX);
    let enough = match (signed.checked_mul(3), total.checked_mul(2)) {
        (Some(signed3), Some(total2)) => signed3 > total2,
        _ => return Err(ContractError::Overflow { what: "quorum" }),
    };
    if !enough {
        return Err(ContractError::NotEnoughSignatures {
            validators: total,
            signed,
        });
    }
    Ok(signed)
}
