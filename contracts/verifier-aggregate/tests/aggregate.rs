//! The aggregate verifier as a chain runs it (cw-multi-test, JSON messages),
//! with mock verifiers and committee verifiers as members. Refusals are
//! checked as the typed `ContractError` (the query entry point called on the
//! contract's stored state, with the chain's querier) and as the error text
//! a querying contract receives.

use btp_types::events::verifier::AggregateSetChanged;
use btp_types::events::TypedEvent;
use btp_types::msg::verifier::TrustedAt;
use btp_types::msg::verifier_aggregate::{
    AggregateQuery, ConfigResponse, Counterpart, ExecuteMsg, InstantiateMsg, QueryMsg, SubProof,
    VerifiedResponse, VerifierQuery, VerifierRef,
};
use btp_types::msg::verifier_committee::{
    self as committee_msg, attestation_digest, Attestation, AttestationSignature, SignerKey,
    SignerRef,
};
use btp_types::msg::MigrateMsg;
use btp_types::NetworkAddress;
use contract_kit::pause::PauseError;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response,
    StdError, StdResult, Timestamp,
};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use cw_ownable::{Action, OwnershipError};
use sha2::{Digest, Sha256};
use verifier_aggregate::contract::{execute, instantiate, migrate, query};
use verifier_aggregate::{ContractError, VerifierFailure};

// A mock verifier: it answers what its proof tells it to.

#[cw_serde]
enum MockProof {
    Ok {
        timestamp: Timestamp,
        trusted_at: Option<TrustedAt>,
        /// Answer for this height instead of the one asked.
        height: Option<u64>,
    },
    Fail {
        reason: String,
    },
}

fn mock_query(_: Deps, _: Env, msg: VerifierQuery) -> StdResult<Binary> {
    let (asked, proof) = match &msg {
        VerifierQuery::VerifyCommitment { height, proof, .. }
        | VerifierQuery::VerifyReceiveState { height, proof, .. } => (*height, proof),
    };
    match from_json::<MockProof>(proof)? {
        MockProof::Ok {
            timestamp,
            trusted_at,
            height,
        } => to_json_binary(&VerifiedResponse {
            height: height.unwrap_or(asked),
            timestamp,
            trusted_at,
        }),
        MockProof::Fail { reason } => Err(StdError::generic_err(reason)),
    }
}

fn mock_instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    Ok(Response::new())
}

fn mock_execute(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    Err(StdError::generic_err("nothing to execute"))
}

fn mock_verifier() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        mock_execute,
        mock_instantiate,
        mock_query,
    ))
}

fn aggregate() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

fn committee() -> Box<dyn Contract<Empty>> {
    use verifier_committee::contract as c;
    Box::new(ContractWrapper::new(c::execute, c::instantiate, c::query))
}

fn ok(seconds: u64, trusted_at: Option<(u64, u64)>) -> Binary {
    to_json_binary(&MockProof::Ok {
        timestamp: Timestamp::from_seconds(seconds),
        trusted_at: trusted_at.map(|(seconds, height)| TrustedAt {
            time: Timestamp::from_seconds(seconds),
            height,
        }),
        height: None,
    })
    .unwrap()
}

fn fail(reason: &str) -> Binary {
    to_json_binary(&MockProof::Fail {
        reason: reason.into(),
    })
    .unwrap()
}

fn question() -> VerifierQuery {
    VerifierQuery::VerifyCommitment {
        height: 42,
        center: "remote-center".into(),
        counterpart: Counterpart {
            network: NetworkAddress::parse("chain-b.cosmos").unwrap(),
            center: "local-center".into(),
        },
        sequence: 5,
        head: Binary::new(vec![0xaa; 32]),
        proof: Binary::default(),
    }
}

fn with_proof(question: &VerifierQuery, sub_proofs: &[(VerifierRef, Binary)]) -> VerifierQuery {
    let sub_proofs: Vec<SubProof> = sub_proofs
        .iter()
        .map(|(verifier, proof)| SubProof {
            verifier: verifier.clone(),
            proof: proof.clone(),
        })
        .collect();
    let mut question = question.clone();
    match &mut question {
        VerifierQuery::VerifyCommitment { proof, .. }
        | VerifierQuery::VerifyReceiveState { proof, .. } => {
            *proof = to_json_binary(&sub_proofs).unwrap()
        }
    }
    question
}

fn idx(index: u32) -> VerifierRef {
    VerifierRef::Index(index)
}

fn at(address: &Addr) -> VerifierRef {
    VerifierRef::Address(address.to_string())
}

struct Setup {
    app: App,
    owner: Addr,
    aggregate: Addr,
    /// The member verifiers, in the set's order.
    members: Vec<Addr>,
    /// A mock verifier outside the set.
    outsider: Addr,
    code: u64,
}

/// An aggregate of `n` mock verifiers with threshold `k`.
fn setup(n: usize, k: u32) -> Setup {
    let mut app = App::default();
    let mock = app.store_code(mock_verifier());
    let code = app.store_code(aggregate());
    let owner = app.api().addr_make("owner");
    let new_mock = |app: &mut App, label: &str| {
        app.instantiate_contract(mock, owner.clone(), &Empty {}, &[], label, None)
            .unwrap()
    };
    let members: Vec<Addr> = (0..n)
        .map(|i| new_mock(&mut app, &format!("mock-{i}")))
        .collect();
    let outsider = new_mock(&mut app, "outsider");
    let aggregate = app
        .instantiate_contract(
            code,
            owner.clone(),
            &InstantiateMsg {
                owner: None,
                verifiers: members.iter().map(Addr::to_string).collect(),
                threshold: k,
            },
            &[],
            "aggregate",
            Some(owner.to_string()),
        )
        .unwrap();
    Setup {
        app,
        owner,
        aggregate,
        members,
        outsider,
        code,
    }
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

fn config(app: &App, address: &Addr) -> ConfigResponse {
    app.wrap()
        .query_wasm_smart(address, &QueryMsg::Aggregate(AggregateQuery::Config {}))
        .unwrap()
}

#[test]
fn two_of_two_agreeing_verifiers_prove_a_fact() {
    let Setup {
        app,
        aggregate,
        members,
        ..
    } = setup(2, 2);
    let q = with_proof(
        &question(),
        &[
            (idx(0), ok(1_000, Some((5_000, 70)))),
            (at(&members[1]), ok(1_000, None)),
        ],
    );
    assert_eq!(
        verify(&app, &aggregate, &q).unwrap(),
        VerifiedResponse {
            height: 42,
            timestamp: Timestamp::from_seconds(1_000),
            trusted_at: Some(TrustedAt {
                time: Timestamp::from_seconds(5_000),
                height: 70,
            }),
        }
    );
    // The JSON the message center sends is the plain `VerifierQuery`, and the
    // proof names verifiers by number or address.
    let json = serde_json::to_value(&q).unwrap();
    let proof: serde_json::Value = serde_json::from_slice(
        &Binary::from_base64(json["verify_commitment"]["proof"].as_str().unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!(proof[0]["verifier"], 0);
    assert_eq!(proof[1]["verifier"], members[1].as_str());
}

#[test]
fn the_answer_takes_the_earliest_time_and_the_latest_trust() {
    let Setup { app, aggregate, .. } = setup(3, 3);
    let q = with_proof(
        &question(),
        &[
            (idx(0), ok(1_002, Some((5_000, 70)))),
            (idx(1), ok(1_000, None)),
            (idx(2), ok(1_001, Some((5_600, 75)))),
        ],
    );
    let answer = verify(&app, &aggregate, &q).unwrap();
    assert_eq!(answer.timestamp, Timestamp::from_seconds(1_000));
    assert_eq!(
        answer.trusted_at,
        Some(TrustedAt {
            time: Timestamp::from_seconds(5_600),
            height: 75,
        })
    );
    // None of them reports a moment of trust: neither does the aggregate.
    let q = with_proof(
        &question(),
        &[
            (idx(0), ok(1_002, None)),
            (idx(1), ok(1_000, None)),
            (idx(2), ok(1_001, None)),
        ],
    );
    assert_eq!(verify(&app, &aggregate, &q).unwrap().trusted_at, None);
}

#[test]
fn a_fact_proven_by_one_of_two_required_verifiers_is_refused() {
    let Setup {
        app,
        aggregate,
        members,
        ..
    } = setup(2, 2);
    // Only one sub-proof: refused before any verifier is asked.
    let q = with_proof(&question(), &[(idx(0), ok(1_000, None))]);
    assert_eq!(
        verify(&app, &aggregate, &q).unwrap_err(),
        ContractError::TooFewProofs {
            proofs: 1,
            threshold: 2,
            verifiers: 2,
        }
    );
    // Two sub-proofs, one refused by its verifier: its error is reported.
    let q = with_proof(
        &question(),
        &[(idx(0), ok(1_000, None)), (idx(1), fail("forged head"))],
    );
    let refusal = verify(&app, &aggregate, &q).unwrap_err();
    match &refusal {
        ContractError::BelowThreshold {
            agreeing: 1,
            threshold: 2,
            verifiers: 2,
            failures,
        } => {
            assert_eq!(failures.len(), 1);
            assert_eq!(failures[0].verifier, members[1].to_string());
            assert!(
                failures[0].error.contains("forged head"),
                "{}",
                failures[0].error
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(refusal.to_string().contains("forged head"));

    // An answer for another height does not count.
    let other_height = to_json_binary(&MockProof::Ok {
        timestamp: Timestamp::from_seconds(1_000),
        trusted_at: None,
        height: Some(41),
    })
    .unwrap();
    let q = with_proof(
        &question(),
        &[(idx(0), other_height), (idx(1), ok(1_000, None))],
    );
    assert_eq!(
        verify(&app, &aggregate, &q).unwrap_err(),
        ContractError::BelowThreshold {
            agreeing: 1,
            threshold: 2,
            verifiers: 2,
            failures: vec![VerifierFailure {
                verifier: members[0].to_string(),
                error: "it answered for height 41 instead of 42".into(),
            }],
        }
    );
}

#[test]
fn two_of_three_tolerates_one_broken_verifier() {
    let Setup { app, aggregate, .. } = setup(3, 2);
    let q = with_proof(
        &question(),
        &[
            (idx(2), fail("the light client is frozen")),
            (idx(0), ok(1_000, None)),
            (idx(1), ok(1_001, None)),
        ],
    );
    assert_eq!(
        verify(&app, &aggregate, &q).unwrap().timestamp,
        Timestamp::from_seconds(1_000)
    );
}

#[test]
fn the_same_verifier_twice_counts_once() {
    let Setup {
        app,
        aggregate,
        members,
        ..
    } = setup(2, 2);
    let q = with_proof(
        &question(),
        &[(idx(0), ok(1_000, None)), (idx(0), ok(1_000, None))],
    );
    assert_eq!(
        verify(&app, &aggregate, &q).unwrap_err(),
        ContractError::DuplicateProofVerifier {
            verifier: members[0].to_string(),
            first_position: 0,
            position: 1,
        }
    );
    // By index and by address: the same verifier.
    let q = with_proof(
        &question(),
        &[
            (at(&members[1]), ok(1_000, None)),
            (idx(1), ok(1_000, None)),
        ],
    );
    assert_eq!(
        verify(&app, &aggregate, &q).unwrap_err(),
        ContractError::DuplicateProofVerifier {
            verifier: members[1].to_string(),
            first_position: 0,
            position: 1,
        }
    );
}

#[test]
fn a_verifier_outside_the_set_is_refused() {
    let Setup {
        app,
        aggregate,
        outsider,
        ..
    } = setup(2, 2);
    let q = with_proof(
        &question(),
        &[(idx(0), ok(1_000, None)), (at(&outsider), ok(1_000, None))],
    );
    assert_eq!(
        verify(&app, &aggregate, &q).unwrap_err(),
        ContractError::UnknownVerifier {
            position: 1,
            verifier: outsider.to_string(),
            verifiers: 2,
        }
    );
    let q = with_proof(
        &question(),
        &[(idx(0), ok(1_000, None)), (idx(2), ok(1_000, None))],
    );
    assert_eq!(
        verify(&app, &aggregate, &q).unwrap_err(),
        ContractError::UnknownVerifier {
            position: 1,
            verifier: "#2".into(),
            verifiers: 2,
        }
    );
    let mut q = question();
    if let VerifierQuery::VerifyCommitment { proof, .. } = &mut q {
        *proof = Binary::new(b"{}".to_vec());
    }
    assert!(matches!(
        verify(&app, &aggregate, &q).unwrap_err(),
        ContractError::MalformedProof { .. }
    ));
}

// Committees as members.

struct Attestor {
    key: ed25519_consensus::SigningKey,
    domain: &'static str,
}

impl Attestor {
    fn new(seed: &str, domain: &'static str) -> Self {
        let bytes: [u8; 32] = Sha256::digest(seed.as_bytes()).into();
        Self {
            key: ed25519_consensus::SigningKey::from(bytes),
            domain,
        }
    }

    fn key(&self) -> SignerKey {
        SignerKey::Ed25519(Binary::new(self.key.verification_key().to_bytes().to_vec()))
    }

    /// An attestation of `signed` at `timestamp`.
    fn attest(&self, signed: &VerifierQuery, timestamp: Timestamp) -> Binary {
        let digest = attestation_digest(self.domain, signed, timestamp);
        to_json_binary(&Attestation {
            timestamp,
            signatures: vec![AttestationSignature {
                signer: SignerRef::Index(0),
                signature: Binary::new(self.key.sign(&digest).to_bytes().to_vec()),
            }],
        })
        .unwrap()
    }
}

#[test]
fn committees_and_a_light_client_stand_in_must_all_agree() {
    let mut app = App::default();
    let committee_code = app.store_code(committee());
    let mock = app.store_code(mock_verifier());
    let code = app.store_code(aggregate());
    let owner = app.api().addr_make("owner");
    let attestors = [
        Attestor::new("a", "committee-a"),
        Attestor::new("b", "committee-b"),
    ];
    let committees: Vec<Addr> = attestors
        .iter()
        .map(|attestor| {
            app.instantiate_contract(
                committee_code,
                owner.clone(),
                &committee_msg::InstantiateMsg {
                    owner: None,
                    domain: attestor.domain.into(),
                    signers: vec![attestor.key()],
                    threshold: 1,
                    rotation_delay_secs: 0,
                },
                &[],
                attestor.domain,
                None,
            )
            .unwrap()
        })
        .collect();
    let light_client = app
        .instantiate_contract(mock, owner.clone(), &Empty {}, &[], "light client", None)
        .unwrap();
    let aggregate = app
        .instantiate_contract(
            code,
            owner.clone(),
            &InstantiateMsg {
                owner: None,
                verifiers: vec![
                    committees[0].to_string(),
                    committees[1].to_string(),
                    light_client.to_string(),
                ],
                threshold: 3,
            },
            &[],
            "aggregate",
            None,
        )
        .unwrap();
    let t = Timestamp::from_seconds(1_700_000_000);
    let q = with_proof(
        &question(),
        &[
            (idx(0), attestors[0].attest(&question(), t)),
            (idx(1), attestors[1].attest(&question(), t.plus_seconds(2))),
            (idx(2), ok(1_700_000_001, Some((1_700_000_100, 9)))),
        ],
    );
    assert_eq!(
        verify(&app, &aggregate, &q).unwrap(),
        VerifiedResponse {
            height: 42,
            timestamp: t,
            // The committees report none; the light client's counts.
            trusted_at: Some(TrustedAt {
                time: Timestamp::from_seconds(1_700_000_100),
                height: 9,
            }),
        }
    );

    // One committee attests another head: the aggregate refuses, with its reason.
    let mut other = question();
    if let VerifierQuery::VerifyCommitment { head, .. } = &mut other {
        *head = Binary::new(vec![0xbb; 32]);
    }
    let q = with_proof(
        &question(),
        &[
            (idx(0), attestors[0].attest(&question(), t)),
            (idx(1), attestors[1].attest(&other, t)),
            (idx(2), ok(1_700_000_001, None)),
        ],
    );
    match verify(&app, &aggregate, &q).unwrap_err() {
        ContractError::BelowThreshold {
            agreeing: 2,
            failures,
            ..
        } => {
            assert_eq!(failures.len(), 1);
            assert_eq!(failures[0].verifier, committees[1].to_string());
            assert!(
                failures[0].error.contains("does not verify"),
                "{}",
                failures[0].error
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    // A committee's attestation is no proof for the other committee (domains differ).
    let q = with_proof(
        &question(),
        &[
            (idx(0), attestors[0].attest(&question(), t)),
            (idx(1), attestors[0].attest(&question(), t)),
            (idx(2), ok(1_700_000_001, None)),
        ],
    );
    assert!(matches!(
        verify(&app, &aggregate, &q).unwrap_err(),
        ContractError::BelowThreshold { agreeing: 2, .. }
    ));
}

#[test]
fn the_owner_changes_the_set_with_validation() {
    let Setup {
        mut app,
        owner,
        aggregate,
        members,
        outsider,
        ..
    } = setup(2, 2);
    let update = |verifiers: Vec<&Addr>, threshold| ExecuteMsg::UpdateVerifiers {
        verifiers: verifiers.into_iter().map(Addr::to_string).collect(),
        threshold,
    };
    let anyone = app.api().addr_make("anyone");
    assert_eq!(
        err(app.execute_contract(
            anyone.clone(),
            aggregate.clone(),
            &update(vec![&members[0]], 1),
            &[]
        )),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    assert_eq!(
        err(app.execute_contract(
            owner.clone(),
            aggregate.clone(),
            &update(vec![&members[0]], 0),
            &[]
        )),
        ContractError::InvalidThreshold {
            threshold: 0,
            verifiers: 1,
        }
    );
    assert_eq!(
        err(app.execute_contract(
            owner.clone(),
            aggregate.clone(),
            &update(vec![&members[0]], 2),
            &[]
        )),
        ContractError::InvalidThreshold {
            threshold: 2,
            verifiers: 1,
        }
    );
    assert_eq!(
        err(app.execute_contract(
            owner.clone(),
            aggregate.clone(),
            &update(vec![&members[0], &members[1], &members[0]], 2),
            &[]
        )),
        ContractError::DuplicateVerifier {
            index: 2,
            first: 0,
            address: members[0].to_string(),
        }
    );
    assert!(matches!(
        err(app.execute_contract(
            owner.clone(),
            aggregate.clone(),
            &update(vec![&members[0], &aggregate], 1),
            &[]
        )),
        ContractError::InvalidVerifier { index: 1, .. }
    ));
    assert!(matches!(
        err(app.execute_contract(
            owner.clone(),
            aggregate.clone(),
            &update(vec![&members[0], &anyone], 1),
            &[]
        )),
        ContractError::InvalidVerifier { index: 1, .. }
    ));
    let not_an_address = ExecuteMsg::UpdateVerifiers {
        verifiers: vec!["not an address".into()],
        threshold: 1,
    };
    assert!(matches!(
        err(app.execute_contract(owner.clone(), aggregate.clone(), &not_an_address, &[])),
        ContractError::InvalidVerifier { index: 0, .. }
    ));

    // A valid change takes effect at once and says so.
    let response = app
        .execute_contract(
            owner.clone(),
            aggregate.clone(),
            &update(vec![&members[1], &outsider], 1),
            &[],
        )
        .unwrap();
    assert!(AggregateSetChanged::occurs_in(&response.events));
    let config = config(&app, &aggregate);
    assert_eq!(config.verifiers, vec![members[1].clone(), outsider.clone()]);
    assert_eq!(config.threshold, 1);
    let q = with_proof(&question(), &[(at(&outsider), ok(1_000, None))]);
    verify(&app, &aggregate, &q).unwrap();
    let q = with_proof(&question(), &[(at(&members[0]), ok(1_000, None))]);
    assert!(matches!(
        verify(&app, &aggregate, &q).unwrap_err(),
        ContractError::UnknownVerifier { position: 0, .. }
    ));
}

#[test]
fn instantiation_is_validated() {
    let mut app = App::default();
    let code = app.store_code(aggregate());
    let owner = app.api().addr_make("owner");
    let msg = |verifiers: Vec<String>, threshold| InstantiateMsg {
        owner: None,
        verifiers,
        threshold,
    };
    let refusal = app
        .instantiate_contract(code, owner.clone(), &msg(vec![], 1), &[], "aggregate", None)
        .unwrap_err()
        .downcast::<ContractError>()
        .unwrap();
    assert_eq!(
        refusal,
        ContractError::InvalidThreshold {
            threshold: 1,
            verifiers: 0,
        }
    );
    let too_many: Vec<String> = (0..17)
        .map(|i| app.api().addr_make(&format!("v{i}")).to_string())
        .collect();
    let refusal = app
        .instantiate_contract(code, owner, &msg(too_many, 1), &[], "aggregate", None)
        .unwrap_err()
        .downcast::<ContractError>()
        .unwrap();
    assert_eq!(
        refusal,
        ContractError::TooManyVerifiers {
            verifiers: 17,
            max: 16,
        }
    );
}

#[test]
fn a_paused_aggregate_verifies_nothing() {
    let Setup {
        mut app,
        owner,
        aggregate,
        ..
    } = setup(2, 1);
    let anyone = app.api().addr_make("anyone");
    let q = with_proof(&question(), &[(idx(0), ok(1_000, None))]);
    assert_eq!(
        err(app.execute_contract(
            anyone,
            aggregate.clone(),
            &ExecuteMsg::SetPaused { paused: true },
            &[]
        )),
        ContractError::Pause(PauseError::Ownership(OwnershipError::NotOwner))
    );
    app.execute_contract(
        owner.clone(),
        aggregate.clone(),
        &ExecuteMsg::SetPaused { paused: true },
        &[],
    )
    .unwrap();
    assert!(config(&app, &aggregate).paused);
    assert_eq!(
        verify(&app, &aggregate, &q).unwrap_err(),
        ContractError::Pause(PauseError::Paused {
            operation: "verification"
        })
    );
    app.execute_contract(
        owner,
        aggregate.clone(),
        &ExecuteMsg::SetPaused { paused: false },
        &[],
    )
    .unwrap();
    verify(&app, &aggregate, &q).unwrap();
}

#[test]
fn ownership_moves_in_two_steps_and_migration_keeps_the_set() {
    let Setup {
        mut app,
        owner,
        aggregate,
        members,
        code,
        ..
    } = setup(2, 2);
    let next = app.api().addr_make("next");
    app.execute_contract(
        owner.clone(),
        aggregate.clone(),
        &ExecuteMsg::UpdateOwnership(Action::TransferOwnership {
            new_owner: next.to_string(),
            expiry: None,
        }),
        &[],
    )
    .unwrap();
    let update = ExecuteMsg::UpdateVerifiers {
        verifiers: vec![members[0].to_string()],
        threshold: 1,
    };
    assert_eq!(
        err(app.execute_contract(next.clone(), aggregate.clone(), &update, &[])),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    app.execute_contract(
        next.clone(),
        aggregate.clone(),
        &ExecuteMsg::UpdateOwnership(Action::AcceptOwnership),
        &[],
    )
    .unwrap();
    let ownership: cw_ownable::Ownership<Addr> = app
        .wrap()
        .query_wasm_smart(
            &aggregate,
            &QueryMsg::Aggregate(AggregateQuery::Ownership {}),
        )
        .unwrap();
    assert_eq!(ownership.owner, Some(next.clone()));
    assert_eq!(
        err(app.execute_contract(owner.clone(), aggregate.clone(), &update, &[])),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    app.migrate_contract(owner, aggregate.clone(), &MigrateMsg {}, code)
        .unwrap();
    assert_eq!(config(&app, &aggregate).verifiers, members);
}
