//! The verifier boundary is generic: a verifier of another kind (a
//! committee's signed attestations, no light client, no store layout)
//! replaces a link's verifier with no change to the message center, proves
//! batches and timeouts, and refuses what its signers did not sign.

use btp_types::error_code::TIMED_OUT;
use btp_types::keys::{chain_head, GENESIS_HEAD};
use btp_types::msg::message_center::ExecuteMsg;
use btp_types::msg::verifier::{Counterpart, VerifierQuery};
use btp_types::BtpMessage;
use cosmwasm_std::{Addr, Binary};
use cw_multi_test::Executor;
use message_center::ContractError;
use testing::committee::Committee;
use testing::mock_handler::Arrival;
use testing::suite::centers::*;

/// Puts a one-signer committee verifier of `committee` on `center`'s link to `network`.
fn attested_link(
    suite: &mut TwoCenters,
    center: &Addr,
    network: &str,
    committee: &Committee,
) -> Addr {
    let code = suite
        .app
        .store_code(testing::contracts::verifier_committee());
    let verifier = suite
        .app
        .instantiate_contract(
            code,
            suite.owner.clone(),
            &committee.instantiate_msg(1),
            &[],
            "committee",
            None,
        )
        .unwrap();
    suite
        .owner_executes(
            center,
            &ExecuteMsg::UpdateLink {
                network: net(network),
                verifier: Some(verifier.to_string()),
                relayers: None,
            },
        )
        .unwrap();
    verifier
}

fn relay_attested(
    suite: &mut TwoCenters,
    messages: &[Committed],
    proof: Binary,
) -> anyhow::Result<cw_multi_test::AppResponse> {
    let (relayer, center, height) = (
        suite.relayer.clone(),
        suite.b.center.clone(),
        suite.app.block_info().height,
    );
    suite.app.execute_contract(
        relayer,
        center,
        &ExecuteMsg::HandleRelayMessage {
            src: net("a.cosmos"),
            proof_height: height,
            messages: messages.iter().map(Committed::relayed).collect(),
            proof,
            prior_head: None,
        },
        &[],
    )
}

#[test]
fn a_verifier_of_signed_attestations_plugs_in_without_changing_the_message_center() {
    let mut suite = SuiteBuilder::new().two_centers();
    let attestor = Committee::new("b<-a", "committee", 1);
    let center_b = suite.b.center.clone();
    attested_link(&mut suite, &center_b, "a.cosmos", &attestor);

    let batch: Vec<_> = (0..3)
        .map(|_| suite.request_from_a(0, b"attested"))
        .collect();
    let head = batch.iter().fold(GENESIS_HEAD, |head, message| {
        chain_head(&head, &message.message, message.timeout)
    });
    let now = suite.app.block_info();
    let question = VerifierQuery::VerifyCommitment {
        height: now.height,
        center: suite.a.center.to_string(),
        counterpart: Counterpart {
            network: net("b.cosmos"),
            center: center_b.to_string(),
        },
        sequence: 3,
        head: Binary::new(head.to_vec()),
        proof: Binary::default(),
    };

    // Signed by someone else, or for another head: refused.
    let impostor = Committee::new("b<-a", "impostor", 1);
    let err = relay_attested(
        &mut suite,
        &batch,
        impostor.attest(&question, now.time, &[0]),
    )
    .unwrap_err();
    assert!(error_text(err).contains("does not verify"));
    let err = relay_attested(
        &mut suite,
        &batch[..2],
        attestor.attest(&question, now.time, &[0]),
    )
    .unwrap_err();
    assert!(error_text(err).contains("does not verify"));

    relay_attested(
        &mut suite,
        &batch,
        attestor.attest(&question, now.time, &[0]),
    )
    .unwrap();
    assert_eq!(suite.arrivals(&suite.b.handler.clone()).len(), 3);
}

#[test]
fn an_attested_receive_state_times_a_request_out() {
    let mut suite = SuiteBuilder::new().two_centers();
    let attestor = Committee::new("a<-b", "committee", 1);
    let center_a = suite.a.center.clone();
    attested_link(&mut suite, &center_a, "b.cosmos", &attestor);
    let timeout = suite.app.block_info().time.plus_seconds(60);
    let fee = suite.fee_a(6);
    let response = suite
        .send_from_a_until(6, b"transfer", &fee, Some(timeout))
        .unwrap();
    let nsn = BtpMessage::decode(&committed(&response)[0].message)
        .unwrap()
        .nsn;

    let height = suite.app.block_info().height;
    let question = VerifierQuery::VerifyReceiveState {
        height,
        center: suite.b.center.to_string(),
        counterpart: Counterpart {
            network: net("a.cosmos"),
            center: center_a.to_string(),
        },
        rx_seq: 0,
        proof: Binary::default(),
    };
    let resolve = |proof: Binary| ExecuteMsg::ResolveTimeout {
        nsn,
        proof_height: height,
        rx_seq: 0,
        proof,
    };
    // Attested, but at a time before the timeout: not enough.
    let early = attestor.attest(&question, timeout.minus_seconds(1), &[0]);
    let relayer = suite.relayer.clone();
    let err = suite
        .app
        .execute_contract(relayer.clone(), center_a.clone(), &resolve(early), &[])
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::NotTimedOut { .. }),
        "{err:#}"
    );

    let late = attestor.attest(&question, timeout, &[0]);
    suite
        .app
        .execute_contract(relayer, center_a, &resolve(late), &[])
        .unwrap();
    let arrivals = suite.arrivals(&suite.a.handler.clone());
    assert!(matches!(
        arrivals.as_slice(),
        [Arrival::Reply {
            sn: 6,
            code: TIMED_OUT,
            ..
        }]
    ));
}
