//! Messages of `verifier-committee`: k-of-n attestations of a remote message center's commitments.
//!
//! For a chain with no light client in reach, a declared set of signers (the
//! model of Hyperlane's multisig ISM and Axelar's verifier set) attests the
//! facts the message center asks about ([`VerifierQuery`]). The verifier
//! accepts a fact when at least `threshold` distinct signers of its current
//! set signed it.
//!
//! # What a signer signs
//!
//! [`attestation_digest`]: SHA-256 of [`attestation_preimage`], which is the
//! concatenation of length-prefixed parts (each an eight-byte big-endian
//! length, then the bytes):
//!
//! 1. the tag [`ATTESTATION_TAG`];
//! 2. the committee's `domain` (chosen at instantiation, so that a signature
//!    for one committee or link is worthless at another);
//! 3. the kind of fact: `verify_commitment` or `verify_receive_state`;
//! 4. `height` (eight bytes, big-endian);
//! 5. `center`;
//! 6. `counterpart.network`;
//! 7. `counterpart.center`;
//! 8. `sequence` (commitment) or `rx_seq` (receive state), eight bytes, big-endian;
//! 9. for a commitment only: `head`;
//! 10. the attested remote time `timestamp`, in nanoseconds since the Unix
//!     epoch (eight bytes, big-endian).
//!
//! The question's own `proof` field is not signed. A secp256k1 signer signs
//! the digest as a prehashed message (ECDSA over the 32 bytes, 64-byte
//! `r ‖ s` signature, as `secp256k1_verify` takes it); an ed25519 signer
//! signs the 32 digest bytes as its message. The contract also answers
//! [`CommitteeQuery::AttestationDigest`], so that a signer can check its
//! encoding against the chain, and this module's tests pin one digest
//! computed independently (`the_digest_matches_an_independent_encoding`).
//!
//! # Proofs
//!
//! The `proof` of a [`VerifierQuery`] is the JSON of an [`Attestation`].
//! It is refused when it is malformed, names a signer outside the current
//! set or the same signer twice, carries a signature that does not verify,
//! or has fewer than `threshold` signatures: every signature shown must be
//! good, so a relayer sends exactly the signatures it checked.
//!
//! The answer's `trusted_at` is always `None`: the committee trusts a fact
//! at the moment its signatures are shown, and no earlier state of this chain
//! recorded it, so there is no age a link's delay period could be counted
//! from (a link with a delay period refuses committee proofs by design).
//!
//! # Rotation
//!
//! The owner proposes a new signer set and threshold (and optionally a new
//! rotation delay); anyone applies it once `rotation_delay_secs` (the delay
//! in force when it was proposed) have passed. Until it is applied the old
//! set keeps answering. The rotation delay itself changes only through this
//! delayed path. A new proposal replaces a pending one and restarts its
//! delay; the owner may cancel a pending one.
//!
//! An explicit apply (instead of a set that becomes effective by itself at
//! query time) was chosen so that the stored state is the set that answers,
//! and the `verifier_committee_signer_set_applied` event is emitted at the
//! very transaction from which the new set answers: watchers and relayers
//! read the switch from the chain's events instead of recomputing it from
//! clocks. Apply is open to anyone, so nobody depends on the owner to
//! complete a rotation.
//!
//! # Events
//!
//! Every response carries `action` in the `wasm` event:
//! - `instantiate`: `owner`, `domain`, `signers`, `threshold`, `rotation_delay_secs`.
//! - `propose_signer_set`: `signers`, `threshold`, `rotation_delay_secs`, `activates_at`
//!   (nanoseconds), plus the event `verifier_committee_signer_set_proposed` with the same
//!   attributes and `replaced` (`true` when a pending proposal was replaced).
//! - `cancel_signer_set`, with the event `verifier_committee_signer_set_cancelled`.
//! - `apply_signer_set`: `version`, `signers`, `threshold`, `rotation_delay_secs`,
//!   plus the event `verifier_committee_signer_set_applied` with the same attributes.
//! - `set_paused` (`paused`), `update_ownership`, `migrate`: from `contract-kit`.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, HexBinary, Timestamp};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};
use sha2::{Digest, Sha256};

pub use super::verifier::{Counterpart, VerifiedResponse, VerifierQuery};

/// The first part of every attestation's preimage.
pub const ATTESTATION_TAG: &str = "cw-btp/verifier-committee/attestation/v1";

/// A signer's public key.
#[cw_serde]
#[derive(Eq, Hash, PartialOrd, Ord)]
pub enum SignerKey {
    /// A compressed secp256k1 key (33 bytes, starting with 2 or 3); it signs
    /// the digest with ECDSA (64-byte `r ‖ s` signature).
    Secp256k1(Binary),
    /// An ed25519 key (32 bytes); it signs the digest with Ed25519 (64-byte signature).
    Ed25519(Binary),
}

/// A set of signers and how many of them must sign.
#[cw_serde]
pub struct SignerSet {
    /// The signers; keys are distinct. A signature names its signer by its index here.
    pub signers: Vec<SignerKey>,
    /// How many distinct signers of `signers` must sign a fact: at least 1, at most their number.
    pub threshold: u32,
}

/// Creates a committee verifier.
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner; the sender of the instantiation when absent.
    pub owner: Option<String>,
    /// This committee's identity in every signed digest (for example
    /// `"<this chain id>/<remote network>/<link>"`); not empty, at most 128 bytes.
    pub domain: String,
    /// The first signer set.
    pub signers: Vec<SignerKey>,
    /// How many distinct signers must sign a fact.
    pub threshold: u32,
    /// How long, in seconds, a proposed signer set waits before it can be applied.
    pub rotation_delay_secs: u64,
}

/// What the committee verifier does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Owner only: proposes the next signer set (validated like the first
    /// one); it can be applied once the current rotation delay has passed.
    /// Replaces a pending proposal, whose delay then starts again.
    ProposeSignerSet {
        /// The next signers.
        signers: Vec<SignerKey>,
        /// The next threshold.
        threshold: u32,
        /// The rotation delay in force once the set is applied; unchanged when absent.
        rotation_delay_secs: Option<u64>,
    },
    /// Owner only: forgets the pending proposal.
    CancelSignerSet {},
    /// Anyone, once the pending proposal's activation time has come: makes
    /// it the current set.
    ApplySignerSet {},
    /// Owner only: stops (`true`) or resumes (`false`) verification; rotation
    /// and queries of the configuration go on.
    SetPaused {
        /// The new state.
        paused: bool,
    },
}

/// The proof of a [`VerifierQuery`] for this verifier (its JSON).
#[cw_serde]
pub struct Attestation {
    /// The remote chain's block time at the question's height, as the signers attest it.
    pub timestamp: Timestamp,
    /// The signatures of [`attestation_digest`], one per distinct signer.
    pub signatures: Vec<AttestationSignature>,
}

/// One signer's signature in an [`Attestation`].
#[cw_serde]
pub struct AttestationSignature {
    /// Who signed: an index into the current signer set, or the key itself.
    pub signer: SignerRef,
    /// The signature (64 bytes for both key types).
    pub signature: Binary,
}

/// Names a signer of the current set.
#[cw_serde]
#[serde(untagged)]
pub enum SignerRef {
    /// Its index in the current set (JSON: a number).
    Index(u32),
    /// Its key (JSON: `{"secp256k1": "<base64>"}` or `{"ed25519": "<base64>"}`).
    Key(SignerKey),
}

/// What the committee verifier answers: the generic questions of the
/// message center, and its own.
#[cw_serde]
#[derive(QueryResponses)]
#[query_responses(nested)]
#[serde(untagged)]
pub enum QueryMsg {
    /// The message center's questions ([`VerifierQuery`]); the proof is an [`Attestation`].
    Btp(VerifierQuery),
    /// The committee's own.
    Committee(CommitteeQuery),
}

impl From<VerifierQuery> for QueryMsg {
    fn from(query: VerifierQuery) -> Self {
        Self::Btp(query)
    }
}

impl From<CommitteeQuery> for QueryMsg {
    fn from(query: CommitteeQuery) -> Self {
        Self::Committee(query)
    }
}

/// The committee's own queries.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum CommitteeQuery {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
    /// The current signer set and the pending one.
    #[returns(SignerSetResponse)]
    SignerSet {},
    /// The digest the signers sign for `question` (its `proof` is ignored) at `timestamp`.
    #[returns(AttestationDigestResponse)]
    AttestationDigest {
        /// The question.
        question: VerifierQuery,
        /// The attested remote time.
        timestamp: Timestamp,
    },
}

/// Answer of [`CommitteeQuery::Config`].
#[cw_serde]
pub struct ConfigResponse {
    /// This committee's identity in every digest.
    pub domain: String,
    /// The rotation delay in force, in seconds.
    pub rotation_delay_secs: u64,
    /// Whether verification is stopped.
    pub paused: bool,
}

/// A proposed signer set.
#[cw_serde]
pub struct PendingSignerSet {
    /// The proposed set.
    pub set: SignerSet,
    /// The rotation delay in force once it is applied, in seconds.
    pub rotation_delay_secs: u64,
    /// This chain's time of the proposal.
    pub proposed_at: Timestamp,
    /// This chain's time from which it can be applied.
    pub activates_at: Timestamp,
}

/// Answer of [`CommitteeQuery::SignerSet`].
#[cw_serde]
pub struct SignerSetResponse {
    /// The number of the current set: 0 for the first, one more at each apply.
    pub version: u64,
    /// The set that verifies now.
    pub current: SignerSet,
    /// The proposed set, if any: it verifies nothing until applied.
    pub pending: Option<PendingSignerSet>,
}

/// Answer of [`CommitteeQuery::AttestationDigest`].
#[cw_serde]
pub struct AttestationDigestResponse {
    /// The 32 bytes every signer signs.
    pub digest: HexBinary,
}

/// The kind of fact a question asks about, as written in the digest.
pub fn fact_kind(question: &VerifierQuery) -> &'static str {
    match question {
        VerifierQuery::VerifyCommitment { .. } => "verify_commitment",
        VerifierQuery::VerifyReceiveState { .. } => "verify_receive_state",
    }
}

fn push_part(out: &mut Vec<u8>, part: &[u8]) {
    let len = u64::try_from(part.len()).unwrap_or(u64::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(part);
}

/// The bytes whose SHA-256 a signer signs (see the module documentation):
/// the tag, `domain`, the fact kind, every field of `question` but its
/// proof, and `timestamp`, each length-prefixed.
pub fn attestation_preimage(
    domain: &str,
    question: &VerifierQuery,
    timestamp: Timestamp,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    push_part(&mut out, ATTESTATION_TAG.as_bytes());
    push_part(&mut out, domain.as_bytes());
    push_part(&mut out, fact_kind(question).as_bytes());
    match question {
        VerifierQuery::VerifyCommitment {
            height,
            center,
            counterpart,
            sequence,
            head,
            proof: _,
        } => {
            push_part(&mut out, &height.to_be_bytes());
            push_part(&mut out, center.as_bytes());
            push_part(&mut out, counterpart.network.as_str().as_bytes());
            push_part(&mut out, counterpart.center.as_bytes());
            push_part(&mut out, &sequence.to_be_bytes());
            push_part(&mut out, head.as_slice());
        }
        VerifierQuery::VerifyReceiveState {
            height,
            center,
            counterpart,
            rx_seq,
            proof: _,
        } => {
            push_part(&mut out, &height.to_be_bytes());
            push_part(&mut out, center.as_bytes());
            push_part(&mut out, counterpart.network.as_str().as_bytes());
            push_part(&mut out, counterpart.center.as_bytes());
            push_part(&mut out, &rx_seq.to_be_bytes());
        }
    }
    push_part(&mut out, &timestamp.nanos().to_be_bytes());
    out
}

/// The 32 bytes every signer of committee `domain` signs to attest
/// `question` (its `proof` is ignored) at remote time `timestamp`:
/// SHA-256 of [`attestation_preimage`].
pub fn attestation_digest(
    domain: &str,
    question: &VerifierQuery,
    timestamp: Timestamp,
) -> [u8; 32] {
    Sha256::digest(attestation_preimage(domain, question, timestamp)).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NetworkAddress;
    use cosmwasm_std::{from_json, to_json_string};

    fn question(sequence: u64) -> VerifierQuery {
        VerifierQuery::VerifyCommitment {
            height: 7,
            center: "remote-center".into(),
            counterpart: Counterpart {
                network: NetworkAddress::parse("chain-a.cosmos").unwrap(),
                center: "local-center".into(),
            },
            sequence,
            head: Binary::new(vec![1; 32]),
            proof: Binary::default(),
        }
    }

    #[test]
    fn the_digest_covers_the_question_the_domain_and_the_time_but_not_the_proof() {
        let t = Timestamp::from_seconds(100);
        let base = attestation_digest("d", &question(1), t);
        assert_ne!(base, attestation_digest("d", &question(2), t));
        assert_ne!(base, attestation_digest("e", &question(1), t));
        assert_ne!(base, attestation_digest("d", &question(1), t.plus_nanos(1)));
        let mut with_proof = question(1);
        if let VerifierQuery::VerifyCommitment { proof, .. } = &mut with_proof {
            *proof = Binary::new(vec![9]);
        }
        assert_eq!(base, attestation_digest("d", &with_proof, t));
        // Length prefixes: moving a byte between two text fields changes the digest.
        let shifted = |a: &str, b: &str| VerifierQuery::VerifyReceiveState {
            height: 1,
            center: a.into(),
            counterpart: Counterpart {
                network: NetworkAddress::parse("chain-a.cosmos").unwrap(),
                center: b.into(),
            },
            rx_seq: 0,
            proof: Binary::default(),
        };
        // center and counterpart.network are adjacent parts
        assert_ne!(
            attestation_preimage("d", &shifted("ab", "c"), t),
            attestation_preimage("d", &shifted("a", "bc"), t)
        );
    }

    #[test]
    fn signer_refs_are_a_number_or_a_key() {
        let sig: AttestationSignature = from_json(r#"{"signer": 3, "signature": "AAAA"}"#).unwrap();
        assert_eq!(sig.signer, SignerRef::Index(3));
        let sig: AttestationSignature =
            from_json(r#"{"signer": {"ed25519": "AQI="}, "signature": "AAAA"}"#).unwrap();
        assert_eq!(
            sig.signer,
            SignerRef::Key(SignerKey::Ed25519(Binary::new(vec![1, 2])))
        );
        assert_eq!(
            to_json_string(&SignerRef::Index(2)).unwrap(),
            "2".to_string()
        );
    }

    #[test]
    fn the_plain_verifier_query_is_a_query_msg() {
        let json = to_json_string(&question(1)).unwrap();
        let msg: QueryMsg = from_json(json).unwrap();
        assert!(matches!(msg, QueryMsg::Btp(_)));
        let msg: QueryMsg = from_json(r#"{"signer_set": {}}"#).unwrap();
        assert_eq!(msg, QueryMsg::Committee(CommitteeQuery::SignerSet {}));
    }

    #[test]
    fn every_query_has_one_response_schema() {
        use cosmwasm_schema::QueryResponses;
        let schemas = QueryMsg::response_schemas().unwrap();
        for query in [
            "verify_commitment",
            "verify_receive_state",
            "config",
            "ownership",
        ] {
            assert!(schemas.contains_key(query), "{query}");
        }
    }

    /// A vector for off-chain signers, computed independently (Python's
    /// `hashlib` over the documented layout).
    #[test]
    fn the_digest_matches_an_independent_encoding() {
        let digest = attestation_digest("d", &question(1), Timestamp::from_seconds(100));
        assert_eq!(
            HexBinary::from(digest.as_slice()).to_hex(),
            "180ca45a875f0333a8cc8cc94ae506918c524205e6c1e94f49c6aee4bed2af46"
        );
    }

    /// What `src/bin/schema.rs` would write for this contract.
    #[test]
    fn the_api_schema_renders() {
        let api = cosmwasm_schema::generate_api! {
            name: "verifier-committee",
            instantiate: InstantiateMsg,
            execute: ExecuteMsg,
            query: QueryMsg,
            migrate: crate::msg::MigrateMsg,
        };
        let json = api.render().to_string().unwrap();
        assert!(json.contains("verify_commitment"));
    }
}
