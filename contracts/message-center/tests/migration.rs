//! Migrating first-version (0.1) message centers with messages in flight:
//! sequences are kept, the messages still in flight are delivered with the
//! new proofs, and the reply to a request sent before the migration reaches
//! its handler.

use btp_types::keys::{legacy_commitment_storage_key, message_commitment};
use btp_types::msg::message_center::{ExecuteMsg, QueryMsg};
use btp_types::msg::MigrateMsg;
use btp_types::{BtpMessage, NetworkAddress};
use cosmwasm_std::{Addr, Binary, Uint128};
use cw_multi_test::Executor;
use cw_storage_plus::Item;
use message_center::migrate::{FirstVersionLink, FIRST_VERSION_LINKS};
use message_center::ContractError;
use testing::mock_handler::Arrival;
use testing::mock_verifier::MOCK_PROOF;
use testing::suite::centers::*;

/// Rewrites `center`'s storage into what the first version left after
/// sending `sent` and receiving `received` messages on its one link.
fn as_first_version(
    suite: &mut TwoCenters,
    center: &Addr,
    verifier: &Addr,
    remote: &NetworkAddress,
    remote_center: &Addr,
    sent: &[BtpMessage],
    received: u64,
) {
    let mut storage = suite.app.contract_storage_mut(center);
    cw2::set_contract_version(&mut *storage, "crates.io:message-center", "0.1.0").unwrap();
    FIRST_VERSION_LINKS
        .save(
            &mut *storage,
            remote.as_str(),
            &FirstVersionLink {
                verifier: verifier.clone(),
                remote_message_center: remote_center.to_string(),
                remote_message_center_canonical: Binary::default(),
                tx_seq: sent.len() as u64,
                rx_seq: received,
                relayers: vec![],
                forward_fee: Uint128::new(FORWARD_FEE),
                backward_fee: Uint128::new(BACKWARD_FEE),
            },
        )
        .unwrap();
    for (index, message) in sent.iter().enumerate() {
        storage.set(
            &legacy_commitment_storage_key(remote, index as u64 + 1),
            &message_commitment(&message.encode()),
        );
    }
    Item::<i64>::new("nsn")
        .save(&mut *storage, &(sent.len() as i64))
        .unwrap();
}

fn migrate(suite: &mut TwoCenters, center: &Addr) {
    let code = suite
        .app
        .wrap()
        .query_wasm_contract_info(center)
        .unwrap()
        .code_id;
    suite
        .app
        .migrate_contract(suite.owner.clone(), center.clone(), &MigrateMsg {}, code)
        .unwrap();
}

#[test]
fn a_migration_keeps_sequences_and_delivers_what_was_in_flight() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (a, b) = (net("a.cosmos"), net("b.cosmos"));
    // A sent three messages; B received the first. The second is a request.
    let sent: Vec<BtpMessage> = (1..=3)
        .map(|nsn| BtpMessage {
            src: a.clone(),
            dst: b.clone(),
            svc: SVC.into(),
            sn: if nsn == 2 { 42 } else { 0 },
            payload: Binary::new(format!("message {nsn}").into_bytes()),
            nsn,
            fee_info: None,
        })
        .collect();
    let (center_a, center_b) = (suite.a.center.clone(), suite.b.center.clone());
    let (verifier_a, verifier_b) = (suite.a.verifier.clone(), suite.b.verifier.clone());
    as_first_version(&mut suite, &center_a, &verifier_a, &b, &center_b, &sent, 0);
    as_first_version(&mut suite, &center_b, &verifier_b, &a, &center_a, &[], 1);
    migrate(&mut suite, &center_a);
    migrate(&mut suite, &center_b);

    let link_a = suite.center_link(&center_a, &b);
    assert_eq!(link_a.tx_seq, 3);
    let link_b = suite.center_link(&center_b, &a);
    assert_eq!((link_b.rx_seq, link_b.rx_head.clone()), (1, None));

    let in_flight: Vec<Committed> = sent[1..]
        .iter()
        .enumerate()
        .map(|(index, message)| Committed {
            message_center: center_a.to_string(),
            network: "b.cosmos".into(),
            remote_center: center_b.to_string(),
            sequence: index as u64 + 2,
            message: message.encode(),
            timeout: None,
            head: vec![],
        })
        .collect();
    let err = suite.relay_to_b(&in_flight).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::PriorHeadNeeded { .. }),
        "{err:#}"
    );

    let relay = |prior_head: Binary| ExecuteMsg::HandleRelayMessage {
        src: a.clone(),
        proof_height: 1,
        messages: in_flight.iter().map(Committed::relayed).collect(),
        proof: Binary::new(MOCK_PROOF.to_vec()),
        prior_head: Some(prior_head),
    };
    let relayer = suite.relayer.clone();
    let err = suite
        .app
        .execute_contract(
            relayer.clone(),
            center_b.clone(),
            &relay(Binary::new(vec![7; 32])),
            &[],
        )
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::ProofRejected { .. }),
        "a made-up prior head does not chain to the head A stored"
    );
    let head_at_1: Option<Binary> = suite
        .app
        .wrap()
        .query_wasm_smart(
            &center_a,
            &QueryMsg::Commitment {
                network: b.clone(),
                sequence: 1,
            },
        )
        .unwrap();
    let response = suite
        .app
        .execute_contract(relayer, center_b.clone(), &relay(head_at_1.unwrap()), &[])
        .unwrap();
    assert_eq!(suite.arrivals(&suite.b.handler.clone()).len(), 2);
    assert!(suite.center_link(&center_b, &a).rx_head.is_some());

    // The request's reply reaches A's handler, though A kept no pending entry for it.
    let reply = committed(&response).remove(0);
    suite.relay_to_a(&[reply]).unwrap();
    assert!(matches!(
        suite.arrivals(&suite.a.handler.clone()).as_slice(),
        [Arrival::Reply {
            sn: 42,
            code: 0,
            ..
        }]
    ));

    // And the history goes on from there.
    let next = suite.request_from_a(0, b"after the migration");
    assert_eq!(next.sequence, 4);
    suite.relay_to_b(&[next]).unwrap();
}
