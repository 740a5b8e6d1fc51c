//! Links that do not rest on one proof, over the real two-chain harness: a
//! committee (k-of-n attestations) on one link, and an aggregate of the
//! light client and a committee on another. A message proven by only one of
//! the two required verifiers is refused, whichever one it is, so that a
//! broken light client or a compromised committee cannot forge a transfer
//! alone.

use btp_types::keys::{chain_head, GENESIS_HEAD};
use btp_types::msg::message_center::ExecuteMsg as CenterMsg;
use btp_types::msg::verifier::{Counterpart, VerifierQuery};
use btp_types::msg::verifier_aggregate::{InstantiateMsg as AggregateInit, SubProof, VerifierRef};
use cosmwasm_std::{to_json_binary, Addr, Binary, Timestamp};
use cw_multi_test::Executor;
use testing::committee::Committee;
use testing::deploy::COIN_A;
use testing::errors::{AggregateError, CommitteeError, MessageCenterError};
use testing::harness::TwoChains;
use testing::relay::{deliver, honest, rx_seq, update, Honest, Side};

use crate::common::two_pending;

/// Instantiates `contract` on B as its owner.
fn instantiate_on_b<T: cosmwasm_schema::serde::Serialize + std::fmt::Debug>(
    chains: &mut TwoChains,
    contract: Box<dyn cw_multi_test::Contract<cosmwasm_std::Empty>>,
    msg: &T,
) -> Addr {
    let owner = chains.b.owner.clone();
    chains
        .b
        .in_block(|app| {
            let code = app.store_code(contract);
            app.instantiate_contract(code, owner.clone(), msg, &[], "verifier", None)
        })
        .unwrap()
}

/// B's link to A moved to `verifier`.
fn use_verifier(chains: &mut TwoChains, verifier: &Addr) {
    let owner = chains.b.owner.clone();
    let center = chains.b.contracts.message_center.clone();
    let update = CenterMsg::UpdateLink {
        network: chains.a.network().clone(),
        verifier: Some(verifier.to_string()),
        relayers: None,
    };
    chains.b.execute(&owner, &center, &update, &[]).unwrap();
}

/// The question B's message center asks about `messages` at `height`.
fn question(chains: &TwoChains, honest: &Honest, height: u64) -> VerifierQuery {
    let head = honest.messages.iter().fold(GENESIS_HEAD, |head, message| {
        chain_head(&head, &message.message, message.timeout)
    });
    VerifierQuery::VerifyCommitment {
        height,
        center: chains.a.contracts.message_center.to_string(),
        counterpart: Counterpart {
            network: chains.b.network().clone(),
            center: chains.b.contracts.message_center.to_string(),
        },
        sequence: honest.messages.last().map_or(0, |message| message.sequence),
        head: Binary::new(head.to_vec()),
        proof: Binary::default(),
    }
}

fn wrapped_of_b_user(chains: &TwoChains) -> u128 {
    let token = chains.b.coin_token(COIN_A).unwrap();
    chains.b.cw20_balance(&token, &chains.b.user).unwrap()
}

/// The root cause of a refused relay, as the verifier named it (a query's
/// error reaches the message center as text).
fn refusal(err: &anyhow::Error) -> String {
    match err.downcast_ref::<MessageCenterError>() {
        Some(MessageCenterError::ProofRejected { reason, .. }) => reason.clone(),
        _ => panic!("not a refused proof: {err:#}"),
    }
}

/// Check: a committee link delivers what `threshold` signers attest, and
/// nothing that fewer sign.
#[test]
fn a_committee_link_needs_its_threshold_of_signers() {
    let mut chains = two_pending();
    let committee = Committee::new("btp-b<-btp-a", "committee of A", 3);
    let verifier = instantiate_on_b(
        &mut chains,
        testing::contracts::verifier_committee(),
        &committee.instantiate_msg(2),
    );
    use_verifier(&mut chains, &verifier);
    let honest = honest(&chains);
    let height = 42;
    let asked = question(&chains, &honest, height);
    let now = chains.b.app.block_info().time;
    let relayer = chains.b.relayer.clone();

    let one = deliver(
        &chains,
        height,
        honest.messages.clone(),
        committee.attest(&asked, now, &[0]),
    );
    let err = chains.b.execute_multi(&relayer, vec![one]).unwrap_err();
    let reason = refusal(&err);
    let expected = CommitteeError::BelowThreshold {
        signatures: 1,
        threshold: 2,
        signers: 3,
    }
    .to_string();
    assert!(reason.contains(&expected), "{reason}");
    assert_eq!(rx_seq(&mut chains, Side::B), 0);

    let two = deliver(
        &chains,
        height,
        honest.messages,
        committee.attest(&asked, now, &[0, 2]),
    );
    chains.b.execute_multi(&relayer, vec![two]).unwrap();
    assert_eq!(rx_seq(&mut chains, Side::B), 2);
    assert_eq!(wrapped_of_b_user(&chains), 980 + 1970);
}

/// B's link to A through an aggregate of its light client and a committee,
/// both required.
fn aggregate_link(chains: &mut TwoChains, committee: &Committee) -> Addr {
    let committee_verifier = instantiate_on_b(
        chains,
        testing::contracts::verifier_committee(),
        &committee.instantiate_msg(2),
    );
    let light_client = chains.b.contracts.verifier.to_string();
    let aggregate = instantiate_on_b(
        chains,
        testing::contracts::verifier_aggregate(),
        &AggregateInit {
            owner: None,
            verifiers: vec![light_client, committee_verifier.to_string()],
            threshold: 2,
        },
    );
    use_verifier(chains, &aggregate);
    aggregate
}

fn aggregate_proof(parts: &[(u32, Binary)]) -> Binary {
    let proof: Vec<SubProof> = parts
        .iter()
        .map(|(index, proof)| SubProof {
            verifier: VerifierRef::Index(*index),
            proof: proof.clone(),
        })
        .collect();
    to_json_binary(&proof).unwrap()
}

/// Check: with an aggregate of 2 of {light client, committee}, the light
/// client's proof alone is refused, the committee's alone is refused, a
/// compromised committee's attestation of a forged batch is refused beside
/// an honest light-client proof of the true one, and both together deliver.
#[test]
fn an_aggregate_link_refuses_what_only_one_of_two_required_verifiers_proves() {
    let mut chains = two_pending();
    let committee = Committee::new("btp-b<-btp-a", "committee of A", 3);
    aggregate_link(&mut chains, &committee);
    let honest = honest(&chains);
    let height = honest.target;
    let asked = question(&chains, &honest, height);
    let remote_time: Timestamp = relayer::ChainBackend::header_time(&chains.a, height).unwrap();
    let relayer = chains.b.relayer.clone();
    // The light client learns the header first (its own transaction).
    chains
        .b
        .execute_multi(&relayer, vec![update(&chains, honest.header.clone())])
        .unwrap();
    let light_client_proof = honest.proof.clone();
    let attestation = committee.attest(&asked, remote_time, &[0, 1]);
    let relay_with = |chains: &mut TwoChains, proof: Binary| {
        let transaction = deliver(chains, height, honest.messages.clone(), proof);
        chains.b.execute_multi(&relayer, vec![transaction])
    };

    // Only the light client.
    let err = relay_with(
        &mut chains,
        aggregate_proof(&[(0, light_client_proof.clone())]),
    )
    .unwrap_err();
    let expected = AggregateError::TooFewProofs {
        proofs: 1,
        threshold: 2,
        verifiers: 2,
    }
    .to_string();
    assert!(refusal(&err).contains(&expected), "{}", refusal(&err));

    // Only the committee (its attestation twice counts once).
    let err = relay_with(
        &mut chains,
        aggregate_proof(&[(1, attestation.clone()), (1, attestation.clone())]),
    )
    .unwrap_err();
    assert!(
        refusal(&err).contains("a verifier counts once"),
        "{}",
        refusal(&err)
    );

    // A compromised committee attests a forged head; the light client's
    // proof is of the true one: not two agreeing verifiers.
    let mut forged = asked.clone();
    if let VerifierQuery::VerifyCommitment { head, .. } = &mut forged {
        *head = Binary::new(vec![7; 32]);
    }
    let err = relay_with(
        &mut chains,
        aggregate_proof(&[
            (0, light_client_proof.clone()),
            (1, committee.attest(&forged, remote_time, &[0, 1, 2])),
        ]),
    )
    .unwrap_err();
    assert!(
        refusal(&err).contains("1 verifiers proved the fact, but 2 of the 2 must"),
        "{}",
        refusal(&err)
    );
    assert_eq!(rx_seq(&mut chains, Side::B), 0, "nothing delivered");

    // Both, each on the true batch.
    relay_with(
        &mut chains,
        aggregate_proof(&[(0, light_client_proof), (1, attestation)]),
    )
    .unwrap();
    assert_eq!(rx_seq(&mut chains, Side::B), 2);
    assert_eq!(wrapped_of_b_user(&chains), 980 + 1970);
}
