//! The committee verifier as a chain runs it (cw-multi-test, JSON messages).
//! Refusals are checked twice: as the typed `ContractError` (the query entry
//! point called on the contract's stored state) and as the error text a
//! querying contract receives.

use btp_types::events::verifier::SignerSetApplied;
use btp_types::events::verifier::SignerSetCancelled;
use btp_types::events::verifier::SignerSetProposed;
use btp_types::events::TypedEvent;
use btp_types::msg::verifier_committee::{
    attestation_digest, Attestation, AttestationDigestResponse, AttestationSignature,
    CommitteeQuery, ConfigResponse, Counterpart, ExecuteMsg, InstantiateMsg, QueryMsg, SignerKey,
    SignerRef, SignerSetResponse, VerifiedResponse, VerifierQuery,
};
use btp_types::msg::MigrateMsg;
use btp_types::NetworkAddress;
use contract_kit::pause::PauseError;
use cosmwasm_std::{from_json, to_json_binary, Addr, Binary, Empty, Timestamp};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use cw_ownable::{Action, OwnershipError};
use k256::ecdsa::signature::hazmat::PrehashSigner;
use sha2::{Digest, Sha256};
use verifier_committee::contract::{execute, instantiate, migrate, query};
use verifier_committee::ContractError;

const DOMAIN: &str = "chain-b/chain-a.cosmos/link-1";
const DELAY: u64 = 3_600;

fn committee() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// A signer of either kind, from a seed.
enum Signer {
    Secp(k256::ecdsa::SigningKey),
    Ed(ed25519_consensus::SigningKey),
}

impl Signer {
    fn secp(seed: &str) -> Self {
        let bytes: [u8; 32] = Sha256::digest(seed.as_bytes()).into();
        Self::Secp(k256::ecdsa::SigningKey::from_slice(&bytes).unwrap())
    }

    fn ed(seed: &str) -> Self {
        let bytes: [u8; 32] = Sha256::digest(seed.as_bytes()).into();
        Self::Ed(ed25519_consensus::SigningKey::from(bytes))
    }

    fn key(&self) -> SignerKey {
        match self {
            Self::Secp(key) => SignerKey::Secp256k1(Binary::new(
                key.verifying_key()
                    .to_encoded_point(true)
                    .as_bytes()
                    .to_vec(),
            )),
            Self::Ed(key) => {
                SignerKey::Ed25519(Binary::new(key.verification_key().to_bytes().to_vec()))
            }
        }
    }

    fn sign(&self, digest: &[u8; 32]) -> Binary {
        match self {
            Self::Secp(key) => {
                let signature: k256::ecdsa::Signature = key.sign_prehash(digest).unwrap();
                Binary::new(signature.to_bytes().to_vec())
            }
            Self::Ed(key) => Binary::new(key.sign(digest).to_bytes().to_vec()),
        }
    }
}

/// Two secp256k1 signers and one ed25519 signer.
fn signers() -> Vec<Signer> {
    vec![Signer::secp("s0"), Signer::secp("s1"), Signer::ed("s2")]
}

fn keys(signers: &[Signer]) -> Vec<SignerKey> {
    signers.iter().map(Signer::key).collect()
}

fn remote_time() -> Timestamp {
    Timestamp::from_seconds(1_700_000_000)
}

fn counterpart(center: &str) -> Counterpart {
    Counterpart {
        network: NetworkAddress::parse("chain-b.cosmos").unwrap(),
        center: center.into(),
    }
}

fn commitment(sequence: u64, head: u8, counterpart_center: &str) -> VerifierQuery {
    VerifierQuery::VerifyCommitment {
        height: 42,
        center: "remote-center".into(),
        counterpart: counterpart(counterpart_center),
        sequence,
        head: Binary::new(vec![head; 32]),
        proof: Binary::default(),
    }
}

fn question() -> VerifierQuery {
    commitment(5, 0xaa, "local-center")
}

fn receive_state(rx_seq: u64) -> VerifierQuery {
    VerifierQuery::VerifyReceiveState {
        height: 43,
        center: "remote-center".into(),
        counterpart: counterpart("local-center"),
        rx_seq,
        proof: Binary::default(),
    }
}

fn with_proof(question: &VerifierQuery, attestation: &Attestation) -> VerifierQuery {
    let mut question = question.clone();
    match &mut question {
        VerifierQuery::VerifyCommitment { proof, .. }
        | VerifierQuery::VerifyReceiveState { proof, .. } => {
            *proof = to_json_binary(attestation).unwrap()
        }
    }
    question
}

/// An attestation of `signed` (in `domain`) by `by`, shown as a proof of `shown`.
fn attested(
    domain: &str,
    signed: &VerifierQuery,
    shown: &VerifierQuery,
    by: &[(SignerRef, &Signer)],
) -> VerifierQuery {
    let digest = attestation_digest(domain, signed, remote_time());
    let attestation = Attestation {
        timestamp: remote_time(),
        signatures: by
            .iter()
            .map(|(signer, key)| AttestationSignature {
                signer: signer.clone(),
                signature: key.sign(&digest),
            })
            .collect(),
    };
    with_proof(shown, &attestation)
}

/// `question` attested by `by` in this committee's domain.
fn proof_of(question: &VerifierQuery, by: &[(SignerRef, &Signer)]) -> VerifierQuery {
    attested(DOMAIN, question, question, by)
}

fn idx(index: u32) -> SignerRef {
    SignerRef::Index(index)
}

fn by_key(signer: &Signer) -> SignerRef {
    SignerRef::Key(signer.key())
}

struct Setup {
    app: App,
    address: Addr,
    owner: Addr,
    code: u64,
}

fn instantiate_msg(domain: &str, signers: &[Signer], threshold: u32) -> InstantiateMsg {
    InstantiateMsg {
        owner: None,
        domain: domain.into(),
        signers: keys(signers),
        threshold,
        rotation_delay_secs: DELAY,
    }
}

fn setup_with(msg: &InstantiateMsg) -> Setup {
    let mut app = App::default();
    let code = app.store_code(committee());
    let owner = app.api().addr_make("owner");
    let address = app
        .instantiate_contract(
            code,
            owner.clone(),
            msg,
            &[],
            "committee",
            Some(owner.to_string()),
        )
        .unwrap();
    Setup {
        app,
        address,
        owner,
        code,
    }
}

fn setup(signers: &[Signer], threshold: u32) -> Setup {
    setup_with(&instantiate_msg(DOMAIN, signers, threshold))
}

/// The answer to `question`, typed, and checked against the JSON answer.
fn verify(
    app: &App,
    address: &Addr,
    question: &VerifierQuery,
) -> Result<VerifiedResponse, ContractError> {
    testing::verifier_answer::typed_verifier_answer(
        app,
        address,
        question,
        |deps, env, question| query(deps, env, QueryMsg::Btp(question)),
    )
}

fn err(result: anyhow::Result<AppResponse>) -> ContractError {
    result.unwrap_err().downcast::<ContractError>().unwrap()
}

fn wasm_attr(response: &AppResponse, key: &str) -> Option<String> {
    response
        .events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

#[test]
fn k_of_n_signatures_of_mixed_key_kinds_are_accepted() {
    let s = signers();
    let Setup { app, address, .. } = setup(&s, 2);

    // secp256k1 by index, ed25519 by key.
    let q = proof_of(&question(), &[(idx(0), &s[0]), (by_key(&s[2]), &s[2])]);
    let answer = verify(&app, &address, &q).unwrap();
    assert_eq!(
        answer,
        VerifiedResponse {
            height: 42,
            timestamp: remote_time(),
            trusted_at: None,
        }
    );

    // All three, in any order.
    let q = proof_of(
        &question(),
        &[(idx(2), &s[2]), (idx(0), &s[0]), (idx(1), &s[1])],
    );
    verify(&app, &address, &q).unwrap();

    // The receive state is attested the same way.
    let q = proof_of(&receive_state(9), &[(idx(1), &s[1]), (idx(2), &s[2])]);
    let answer = verify(&app, &address, &q).unwrap();
    assert_eq!(answer.height, 43);
    assert_eq!(answer.trusted_at, None);

    // The JSON the message center sends is the plain `VerifierQuery`.
    let json = serde_json::to_value(&q).unwrap();
    assert!(json["verify_receive_state"]["proof"].is_string());
}

#[test]
fn fewer_than_k_signers_are_refused_with_counts() {
    let s = signers();
    let Setup { app, address, .. } = setup(&s, 2);
    let q = proof_of(&question(), &[(idx(1), &s[1])]);
    assert_eq!(
        verify(&app, &address, &q).unwrap_err(),
        ContractError::BelowThreshold {
            signatures: 1,
            threshold: 2,
            signers: 3,
        }
    );
    let q = proof_of(&question(), &[]);
    assert_eq!(
        verify(&app, &address, &q).unwrap_err(),
        ContractError::BelowThreshold {
            signatures: 0,
            threshold: 2,
            signers: 3,
        }
    );
}

#[test]
fn a_duplicate_signer_never_counts_twice() {
    let s = signers();
    let Setup { app, address, .. } = setup(&s, 2);
    // The same signature twice would make the quorum: refused.
    let q = proof_of(&question(), &[(idx(0), &s[0]), (idx(0), &s[0])]);
    assert_eq!(
        verify(&app, &address, &q).unwrap_err(),
        ContractError::DuplicateSigner {
            index: 0,
            first_position: 0,
            position: 1,
        }
    );
    // Named once by index and once by key: the same signer.
    let q = proof_of(&question(), &[(idx(2), &s[2]), (by_key(&s[2]), &s[2])]);
    assert_eq!(
        verify(&app, &address, &q).unwrap_err(),
        ContractError::DuplicateSigner {
            index: 2,
            first_position: 0,
            position: 1,
        }
    );
    // Even beside a quorum of distinct signers, a repeated one refuses the proof.
    let q = proof_of(
        &question(),
        &[(idx(0), &s[0]), (idx(1), &s[1]), (idx(0), &s[0])],
    );
    assert!(matches!(
        verify(&app, &address, &q).unwrap_err(),
        ContractError::DuplicateSigner { index: 0, .. }
    ));
}

#[test]
fn a_signer_outside_the_set_is_refused() {
    let s = signers();
    let Setup { app, address, .. } = setup(&s, 2);
    let outsider = Signer::secp("outsider");
    let q = proof_of(
        &question(),
        &[(idx(0), &s[0]), (by_key(&outsider), &outsider)],
    );
    assert_eq!(
        verify(&app, &address, &q).unwrap_err(),
        ContractError::UnknownSigner {
            position: 1,
            signer: match outsider.key() {
                SignerKey::Secp256k1(key) => format!(
                    "secp256k1:{}",
                    cosmwasm_std::HexBinary::from(key.as_slice())
                ),
                SignerKey::Ed25519(_) => unreachable!(),
            },
            signers: 3,
        }
    );
    // An index past the set.
    let q = proof_of(&question(), &[(idx(0), &s[0]), (idx(3), &outsider)]);
    assert_eq!(
        verify(&app, &address, &q).unwrap_err(),
        ContractError::UnknownSigner {
            position: 1,
            signer: "#3".into(),
            signers: 3,
        }
    );
}

#[test]
fn a_signature_of_another_question_is_refused() {
    let s = signers();
    let Setup { app, address, .. } = setup(&s, 2);
    let by = [(idx(0), &s[0]), (idx(2), &s[2])];
    let shown = question();
    for signed in [
        commitment(5, 0xbb, "local-center"), // another head
        commitment(6, 0xaa, "local-center"), // another sequence
        commitment(5, 0xaa, "other-center"), // another counterpart
        receive_state(5),                    // another kind of fact
    ] {
        let q = attested(DOMAIN, &signed, &shown, &by);
        assert_eq!(
            verify(&app, &address, &q).unwrap_err(),
            ContractError::InvalidSignature {
                index: 0,
                position: 0,
                reason: "it is not this signer's signature of this question".into(),
            },
            "signed {signed:?}"
        );
    }
    // Another committee's (or link's) domain, with the same signers.
    let q = attested("chain-b/chain-c.cosmos/link-1", &shown, &shown, &by);
    assert!(matches!(
        verify(&app, &address, &q).unwrap_err(),
        ContractError::InvalidSignature {
            index: 0,
            position: 0,
            ..
        }
    ));

    // Another remote time than the one signed.
    let digest = attestation_digest(DOMAIN, &shown, remote_time());
    let attestation = Attestation {
        timestamp: remote_time().plus_seconds(1),
        signatures: by
            .iter()
            .map(|(signer, key)| AttestationSignature {
                signer: signer.clone(),
                signature: key.sign(&digest),
            })
            .collect(),
    };
    assert!(matches!(
        verify(&app, &address, &with_proof(&shown, &attestation)).unwrap_err(),
        ContractError::InvalidSignature { index: 0, .. }
    ));

    // One good signature and one by the wrong key for its slot.
    let q = proof_of(&shown, &[(idx(0), &s[0]), (idx(1), &s[2])]);
    assert!(matches!(
        verify(&app, &address, &q).unwrap_err(),
        ContractError::InvalidSignature {
            index: 1,
            position: 1,
            ..
        }
    ));

    // A signature that is not even 64 bytes: the host's error.
    let mut attestation: Attestation = from_json(match &proof_of(&shown, &by) {
        VerifierQuery::VerifyCommitment { proof, .. } => proof.clone(),
        _ => unreachable!(),
    })
    .unwrap();
    attestation.signatures[1].signature = Binary::new(vec![1, 2, 3]);
    assert!(matches!(
        verify(&app, &address, &with_proof(&shown, &attestation)).unwrap_err(),
        ContractError::InvalidSignature {
            index: 2,
            position: 1,
            ..
        }
    ));
}

#[test]
fn a_proof_that_is_not_an_attestation_is_refused() {
    let s = signers();
    let Setup { app, address, .. } = setup(&s, 2);
    let mut q = question();
    if let VerifierQuery::VerifyCommitment { proof, .. } = &mut q {
        *proof = Binary::new(b"not json".to_vec());
    }
    assert!(matches!(
        verify(&app, &address, &q).unwrap_err(),
        ContractError::MalformedAttestation { .. }
    ));
}

#[test]
fn the_digest_query_gives_what_signers_sign() {
    let s = signers();
    let Setup { app, address, .. } = setup(&s, 2);
    let answer: AttestationDigestResponse = app
        .wrap()
        .query_wasm_smart(
            &address,
            &QueryMsg::Committee(CommitteeQuery::AttestationDigest {
                question: question(),
                timestamp: remote_time(),
            }),
        )
        .unwrap();
    assert_eq!(
        answer.digest.as_slice(),
        attestation_digest(DOMAIN, &question(), remote_time()).as_slice()
    );
}

fn signer_set(app: &App, address: &Addr) -> SignerSetResponse {
    app.wrap()
        .query_wasm_smart(address, &QueryMsg::Committee(CommitteeQuery::SignerSet {}))
        .unwrap()
}

fn config(app: &App, address: &Addr) -> ConfigResponse {
    app.wrap()
        .query_wasm_smart(address, &QueryMsg::Committee(CommitteeQuery::Config {}))
        .unwrap()
}

#[test]
fn a_rotation_takes_effect_only_after_the_delay_and_an_apply() {
    let old = signers();
    let Setup {
        mut app,
        address,
        owner,
        ..
    } = setup(&old, 2);
    let new = vec![Signer::ed("n0"), Signer::secp("n1")];
    let anyone = app.api().addr_make("anyone");

    // Only the owner proposes.
    let propose = ExecuteMsg::ProposeSignerSet {
        signers: keys(&new),
        threshold: 1,
        rotation_delay_secs: Some(60),
    };
    assert_eq!(
        err(app.execute_contract(anyone.clone(), address.clone(), &propose, &[])),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    let proposed_at = app.block_info().time;
    let response = app
        .execute_contract(owner.clone(), address.clone(), &propose, &[])
        .unwrap();
    assert_eq!(
        wasm_attr(&response, "action").as_deref(),
        Some("propose_signer_set")
    );
    assert!(SignerSetProposed::occurs_in(&response.events));
    let activates_at = proposed_at.plus_seconds(DELAY);
    assert_eq!(
        wasm_attr(&response, "activates_at"),
        Some(activates_at.nanos().to_string())
    );
    let set = signer_set(&app, &address);
    assert_eq!(set.version, 0);
    assert_eq!(set.current.signers, keys(&old));
    let pending = set.pending.unwrap();
    assert_eq!(pending.set.signers, keys(&new));
    assert_eq!(pending.activates_at, activates_at);
    assert_eq!(pending.rotation_delay_secs, 60);

    // Before the delay: nothing changes, and the old set still answers.
    app.update_block(|b| b.time = b.time.plus_seconds(DELAY - 1));
    assert_eq!(
        err(app.execute_contract(
            anyone.clone(),
            address.clone(),
            &ExecuteMsg::ApplySignerSet {},
            &[]
        )),
        ContractError::RotationNotDue {
            activates_at,
            now: proposed_at.plus_seconds(DELAY - 1),
        }
    );
    let old_proof = proof_of(&question(), &[(idx(0), &old[0]), (idx(1), &old[1])]);
    let new_proof = proof_of(&question(), &[(by_key(&new[0]), &new[0])]);
    verify(&app, &address, &old_proof).unwrap();
    assert!(matches!(
        verify(&app, &address, &new_proof).unwrap_err(),
        ContractError::UnknownSigner { position: 0, .. }
    ));

    // After the delay anyone applies it.
    app.update_block(|b| b.time = b.time.plus_seconds(1));
    let response = app
        .execute_contract(
            anyone.clone(),
            address.clone(),
            &ExecuteMsg::ApplySignerSet {},
            &[],
        )
        .unwrap();
    assert_eq!(
        wasm_attr(&response, "action").as_deref(),
        Some("apply_signer_set")
    );
    assert_eq!(wasm_attr(&response, "version").as_deref(), Some("1"));
    assert!(SignerSetApplied::occurs_in(&response.events));
    let set = signer_set(&app, &address);
    assert_eq!((set.version, set.current.threshold), (1, 1));
    assert_eq!(set.current.signers, keys(&new));
    assert_eq!(set.pending, None);
    // The new delay came with the set.
    assert_eq!(config(&app, &address).rotation_delay_secs, 60);

    // The new set answers, the old one no more.
    verify(&app, &address, &new_proof).unwrap();
    let by_old_keys = proof_of(
        &question(),
        &[(by_key(&old[0]), &old[0]), (by_key(&old[1]), &old[1])],
    );
    assert!(matches!(
        verify(&app, &address, &by_old_keys).unwrap_err(),
        ContractError::UnknownSigner { position: 0, .. }
    ));
    assert_eq!(
        verify(&app, &address, &old_proof).unwrap_err(),
        ContractError::InvalidSignature {
            index: 0,
            position: 0,
            reason: "it is not this signer's signature of this question".into(),
        }
    );

    // Nothing left to apply.
    assert_eq!(
        err(app.execute_contract(anyone, address.clone(), &ExecuteMsg::ApplySignerSet {}, &[])),
        ContractError::NoPendingSignerSet
    );
}

#[test]
fn a_proposal_can_be_replaced_or_cancelled() {
    let s = signers();
    let Setup {
        mut app,
        address,
        owner,
        ..
    } = setup(&s, 2);
    let propose = |threshold| ExecuteMsg::ProposeSignerSet {
        signers: keys(&s),
        threshold,
        rotation_delay_secs: None,
    };
    app.execute_contract(owner.clone(), address.clone(), &propose(3), &[])
        .unwrap();
    app.update_block(|b| b.time = b.time.plus_seconds(DELAY / 2));
    // A new proposal replaces the pending one and restarts the delay.
    let response = app
        .execute_contract(owner.clone(), address.clone(), &propose(1), &[])
        .unwrap();
    let proposed = SignerSetProposed::first(&response.events).expect("a proposal event");
    assert!(proposed.replaced);
    app.update_block(|b| b.time = b.time.plus_seconds(DELAY / 2));
    assert!(matches!(
        err(app.execute_contract(
            owner.clone(),
            address.clone(),
            &ExecuteMsg::ApplySignerSet {},
            &[]
        )),
        ContractError::RotationNotDue { .. }
    ));
    // Cancelled: nothing to apply, ever.
    let response = app
        .execute_contract(
            owner.clone(),
            address.clone(),
            &ExecuteMsg::CancelSignerSet {},
            &[],
        )
        .unwrap();
    assert!(SignerSetCancelled::occurs_in(&response.events));
    app.update_block(|b| b.time = b.time.plus_seconds(DELAY));
    assert_eq!(
        err(app.execute_contract(
            owner.clone(),
            address.clone(),
            &ExecuteMsg::ApplySignerSet {},
            &[]
        )),
        ContractError::NoPendingSignerSet
    );
    assert_eq!(signer_set(&app, &address).current.threshold, 2);
}

#[test]
fn signer_sets_are_validated() {
    let s = signers();
    let mut app = App::default();
    let code = app.store_code(committee());
    let owner = app.api().addr_make("owner");
    let mut try_instantiate = |msg: InstantiateMsg| {
        app.instantiate_contract(code, owner.clone(), &msg, &[], "committee", None)
            .unwrap_err()
            .downcast::<ContractError>()
            .unwrap()
    };
    assert_eq!(
        try_instantiate(instantiate_msg(DOMAIN, &s, 0)),
        ContractError::InvalidThreshold {
            threshold: 0,
            signers: 3
        }
    );
    assert_eq!(
        try_instantiate(instantiate_msg(DOMAIN, &s, 4)),
        ContractError::InvalidThreshold {
            threshold: 4,
            signers: 3
        }
    );
    assert_eq!(
        try_instantiate(instantiate_msg(DOMAIN, &[], 1)),
        ContractError::InvalidThreshold {
            threshold: 1,
            signers: 0
        }
    );
    assert!(matches!(
        try_instantiate(instantiate_msg("", &s, 1)),
        ContractError::InvalidDomain { .. }
    ));
    let mut msg = instantiate_msg(DOMAIN, &s, 1);
    msg.signers.push(s[1].key());
    assert_eq!(
        try_instantiate(msg),
        ContractError::DuplicateSignerKey { index: 3, first: 1 }
    );
    for (bad, what) in [
        (
            SignerKey::Secp256k1(Binary::new(vec![2; 32])),
            "short secp256k1",
        ),
        (
            SignerKey::Secp256k1(Binary::new([vec![4], vec![1; 32]].concat())),
            "bad prefix",
        ),
        (
            SignerKey::Secp256k1(Binary::new([vec![2], vec![0xff; 32]].concat())),
            "not a point",
        ),
        (SignerKey::Ed25519(Binary::new(vec![1; 33])), "long ed25519"),
    ] {
        let mut msg = instantiate_msg(DOMAIN, &s, 1);
        msg.signers.insert(1, bad);
        assert!(
            matches!(
                try_instantiate(msg),
                ContractError::MalformedSignerKey { index: 1, .. }
            ),
            "{what}"
        );
    }
    // A proposal is validated the same way.
    let Setup {
        mut app,
        address,
        owner,
        ..
    } = setup(&s, 2);
    assert_eq!(
        err(app.execute_contract(
            owner,
            address,
            &ExecuteMsg::ProposeSignerSet {
                signers: keys(&s),
                threshold: 4,
                rotation_delay_secs: None,
            },
            &[],
        )),
        ContractError::InvalidThreshold {
            threshold: 4,
            signers: 3
        }
    );
}

#[test]
fn a_paused_committee_verifies_nothing() {
    let s = signers();
    let Setup {
        mut app,
        address,
        owner,
        ..
    } = setup(&s, 2);
    let anyone = app.api().addr_make("anyone");
    let q = proof_of(&question(), &[(idx(0), &s[0]), (idx(1), &s[1])]);
    let pause = |paused| ExecuteMsg::SetPaused { paused };
    assert_eq!(
        err(app.execute_contract(anyone, address.clone(), &pause(true), &[])),
        ContractError::Pause(PauseError::Ownership(OwnershipError::NotOwner))
    );
    app.execute_contract(owner.clone(), address.clone(), &pause(true), &[])
        .unwrap();
    assert!(config(&app, &address).paused);
    assert_eq!(
        verify(&app, &address, &q).unwrap_err(),
        ContractError::Pause(PauseError::Paused {
            operation: "verification"
        })
    );
    app.execute_contract(owner, address.clone(), &pause(false), &[])
        .unwrap();
    verify(&app, &address, &q).unwrap();
}

#[test]
fn ownership_moves_in_two_steps() {
    let s = signers();
    let Setup {
        mut app,
        address,
        owner,
        ..
    } = setup(&s, 2);
    let next = app.api().addr_make("next");
    let transfer = ExecuteMsg::UpdateOwnership(Action::TransferOwnership {
        new_owner: next.to_string(),
        expiry: None,
    });
    assert_eq!(
        err(app.execute_contract(next.clone(), address.clone(), &transfer, &[])),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    app.execute_contract(owner.clone(), address.clone(), &transfer, &[])
        .unwrap();
    // Not yet accepted: the old owner still decides.
    let propose = ExecuteMsg::ProposeSignerSet {
        signers: keys(&s),
        threshold: 1,
        rotation_delay_secs: None,
    };
    assert_eq!(
        err(app.execute_contract(next.clone(), address.clone(), &propose, &[])),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    app.execute_contract(
        next.clone(),
        address.clone(),
        &ExecuteMsg::UpdateOwnership(Action::AcceptOwnership),
        &[],
    )
    .unwrap();
    let ownership: cw_ownable::Ownership<Addr> = app
        .wrap()
        .query_wasm_smart(&address, &QueryMsg::Committee(CommitteeQuery::Ownership {}))
        .unwrap();
    assert_eq!(ownership.owner, Some(next.clone()));
    app.execute_contract(next, address.clone(), &propose, &[])
        .unwrap();
    assert_eq!(
        err(app.execute_contract(owner, address, &propose, &[])),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
}

#[test]
fn migrate_keeps_the_state() {
    let s = signers();
    let Setup {
        mut app,
        address,
        owner,
        code,
    } = setup(&s, 2);
    let response = app
        .migrate_contract(owner, address.clone(), &MigrateMsg {}, code)
        .unwrap();
    assert_eq!(wasm_attr(&response, "action").as_deref(), Some("migrate"));
    assert_eq!(signer_set(&app, &address).current.signers, keys(&s));
    assert_eq!(config(&app, &address).domain, DOMAIN);
}
