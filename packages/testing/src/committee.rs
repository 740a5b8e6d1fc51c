//! A committee of test signers for `verifier-committee` (and aggregates that
//! contain one): ed25519 keys from seeds, the contract's instantiation, and
//! attestations signed by any subset of the signers, exactly as an off-chain
//! signer makes them ([`attestation_digest`]).

use btp_types::msg::verifier::VerifierQuery;
use btp_types::msg::verifier_committee::{
    attestation_digest, Attestation, AttestationSignature, InstantiateMsg, SignerKey, SignerRef,
};
use cosmwasm_std::{to_json_binary, Binary, Timestamp};
use sha2::{Digest, Sha256};

/// Signers of one committee `domain`.
pub struct Committee {
    pub domain: String,
    keys: Vec<ed25519_consensus::SigningKey>,
}

impl Committee {
    /// `size` signers whose keys derive from `seed`.
    pub fn new(domain: &str, seed: &str, size: usize) -> Self {
        let keys = (0..size)
            .map(|index| {
                let secret: [u8; 32] = Sha256::digest(format!("{seed}/{index}")).into();
                ed25519_consensus::SigningKey::from(secret)
            })
            .collect();
        Self {
            domain: domain.to_string(),
            keys,
        }
    }

    /// The signers' public keys, in order.
    pub fn signer_keys(&self) -> Vec<SignerKey> {
        self.keys
            .iter()
            .map(|key| SignerKey::Ed25519(Binary::new(key.verification_key().to_bytes().to_vec())))
            .collect()
    }

    /// The contract's instantiation for this committee.
    pub fn instantiate_msg(&self, threshold: u32) -> InstantiateMsg {
        InstantiateMsg {
            owner: None,
            domain: self.domain.clone(),
            signers: self.signer_keys(),
            threshold,
            rotation_delay_secs: 86_400,
        }
    }

    /// The proof of `question` (its own `proof` is not signed) at the remote
    /// time `timestamp`, signed by the signers at `signers`.
    pub fn attest(
        &self,
        question: &VerifierQuery,
        timestamp: Timestamp,
        signers: &[usize],
    ) -> Binary {
        let digest = attestation_digest(&self.domain, question, timestamp);
        let signatures = signers
            .iter()
            .map(|&index| AttestationSignature {
                signer: SignerRef::Index(index as u32),
                signature: Binary::new(self.keys[index].sign(&digest).to_bytes().to_vec()),
            })
            .collect();
        to_json_binary(&Attestation {
            timestamp,
            signatures,
        })
        .expect("an attestation serializes")
    }
}
