//! Committing, proving and delivering in order, exactly once.

use btp_types::events::message_center::{DeliveryFailed, MessageCommitted};
use btp_types::events::TypedEvent;
use btp_types::keys::{chain_head, commitment_storage_key, GENESIS_HEAD};
use btp_types::msg::verifier::Counterpart;
use btp_types::{BtpMessage, FeeInfo, MessageKind};
use cosmwasm_std::{Binary, Uint128};
use message_center::ContractError;
use testing::mock_handler::Arrival;
use testing::mock_verifier::Mode;
use testing::suite::centers::*;

#[test]
fn a_message_is_committed_under_the_documented_key_and_its_event_carries_it() {
    let mut suite = SuiteBuilder::new().two_centers();
    let committed = suite.request_from_a(7, b"hello");
    assert_eq!(committed.network, "b.cosmos");
    assert_eq!(committed.sequence, 1);

    // The event's bytes are the whole BTP message a relayer must deliver.
    let message = BtpMessage::decode(&committed.message).unwrap();
    assert_eq!(
        message,
        BtpMessage {
            src: net("a.cosmos"),
            dst: net("b.cosmos"),
            svc: SVC.into(),
            sn: 7,
            payload: Binary::new(b"hello".to_vec()),
            nsn: 1,
            fee_info: Some(FeeInfo {
                network: net("a.cosmos"),
                values: vec![Uint128::new(FORWARD_FEE), Uint128::new(BACKWARD_FEE)],
            }),
        }
    );
    assert_eq!(message.kind(), MessageKind::Request);

    // The value under the key btp-types computes is the head chaining exactly
    // those bytes (and no timeout) onto the history's genesis head.
    let history = Counterpart {
        network: net("b.cosmos"),
        center: suite.b.center.to_string(),
    };
    let key = commitment_storage_key(&history, 1);
    let raw = suite
        .app
        .wrap()
        .query_wasm_raw(suite.a.center.clone(), key)
        .unwrap()
        .expect("a commitment under the documented key");
    assert_eq!(
        raw,
        chain_head(&GENESIS_HEAD, &committed.message, None),
        "the raw 32 bytes, as a light client proves them"
    );
    assert_eq!(
        suite.center_link(&suite.a.center, &net("b.cosmos")).tx_seq,
        1
    );
}

#[test]
fn messages_are_delivered_in_order_and_advance_rx_seq() {
    let mut suite = SuiteBuilder::new().two_centers();
    let first = suite.request_from_a(0, b"one");
    let second = suite.request_from_a(0, b"two");
    suite.relay_to_b(&[first, second]).unwrap();

    let payloads: Vec<Binary> = suite
        .arrivals(&suite.b.handler.clone())
        .into_iter()
        .map(|arrival| match arrival {
            Arrival::Message { payload, src, .. } => {
                assert_eq!(src, net("a.cosmos"));
                payload
            }
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        payloads,
        vec![Binary::new(b"one".to_vec()), Binary::new(b"two".to_vec())]
    );
    assert_eq!(
        suite.center_link(&suite.b.center, &net("a.cosmos")).rx_seq,
        2
    );
    let received: bool = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.b.center,
            &btp_types::msg::message_center::QueryMsg::IsReceived {
                network: net("a.cosmos"),
                sequence: 2,
            },
        )
        .unwrap();
    assert!(received);
}

#[test]
fn a_gap_in_the_sequence_is_rejected() {
    let mut suite = SuiteBuilder::new().two_centers();
    let _first = suite.request_from_a(0, b"one");
    let second = suite.request_from_a(0, b"two");
    let err = suite.relay_to_b(&[second]).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::OutOfOrder { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}").contains("message 2 from a.cosmos is out of order: expected 1"));
    assert!(suite.arrivals(&suite.b.handler.clone()).is_empty());
    assert_eq!(
        suite.center_link(&suite.b.center, &net("a.cosmos")).rx_seq,
        0
    );
}

#[test]
fn messages_in_the_wrong_order_within_a_batch_are_rejected() {
    let mut suite = SuiteBuilder::new().two_centers();
    let first = suite.request_from_a(0, b"one");
    let second = suite.request_from_a(0, b"two");
    let err = suite.relay_to_b(&[second, first]).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::OutOfOrder { .. }),
        "{err:#}"
    );
}

#[test]
fn a_replayed_message_is_rejected() {
    let mut suite = SuiteBuilder::new().two_centers();
    let first = suite.request_from_a(0, b"one");
    suite.relay_to_b(std::slice::from_ref(&first)).unwrap();
    let err = suite.relay_to_b(std::slice::from_ref(&first)).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::AlreadyReceived { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}").contains("message 1 from a.cosmos was already delivered"));
    // The same message twice in one relay is a replay too.
    let second = suite.request_from_a(0, b"two");
    let err = suite.relay_to_b(&[second.clone(), second]).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::OutOfOrder { .. }),
        "{err:#}"
    );
    assert_eq!(suite.arrivals(&suite.b.handler.clone()).len(), 1);
}

#[test]
fn a_message_whose_proof_the_verifier_rejects_is_rejected() {
    let mut suite = SuiteBuilder::new().two_centers();
    let committed = suite.request_from_a(0, b"one");

    // A forged proof.
    let (relayer, center, src) = (
        suite.relayer.clone(),
        suite.b.center.clone(),
        net("a.cosmos"),
    );
    let err = suite
        .relay_with_proof(
            &relayer,
            &center,
            &src,
            vec![committed.relayed()],
            b"forged",
        )
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::ProofRejected { .. }),
        "{err:#}"
    );

    // A message that was never committed: the real one with another payload.
    let mut tampered = BtpMessage::decode(&committed.message).unwrap();
    tampered.payload = Binary::new(b"evil".to_vec());
    let mut relayed = committed.relayed();
    relayed.message = Binary::new(tampered.encode());
    let err = suite
        .relay(&relayer, &center, &src, vec![relayed])
        .unwrap_err();
    assert!(error_text(err).contains("value is not stored at that key"));

    // A verifier that refuses everything blocks delivery entirely.
    let verifier = suite.b.verifier.clone();
    suite.set_mock_verifier_mode(&verifier, Mode::RejectAll);
    let err = suite.relay_to_b(&[committed]).unwrap_err();
    assert!(error_text(err).contains("rejects everything"));
    assert!(suite.arrivals(&suite.b.handler.clone()).is_empty());
}

/// Builds a message A's center never committed and relays it past a verifier
/// that accepts anything, so the checks behind the verifier are reached.
fn relay_forged(
    suite: &mut TwoCenters,
    message: BtpMessage,
) -> anyhow::Result<cw_multi_test::AppResponse> {
    let verifier = suite.b.verifier.clone();
    suite.set_mock_verifier_mode(&verifier, Mode::AcceptAll);
    let relayed = btp_types::msg::message_center::RelayedMessage {
        sequence: 1,
        message: Binary::new(message.encode()),
        timeout: None,
    };
    let (relayer, center, src) = (
        suite.relayer.clone(),
        suite.b.center.clone(),
        net("a.cosmos"),
    );
    suite.relay(&relayer, &center, &src, vec![relayed])
}

fn forged_message() -> BtpMessage {
    BtpMessage {
        src: net("a.cosmos"),
        dst: net("b.cosmos"),
        svc: SVC.into(),
        sn: 0,
        payload: Binary::new(b"x".to_vec()),
        nsn: 1,
        fee_info: None,
    }
}

#[test]
fn a_message_for_a_network_without_link_or_route_is_received_and_refused_not_blocking_the_link() {
    let mut suite = SuiteBuilder::new().two_centers();
    let mut message = forged_message();
    message.dst = net("c.cosmos");
    let response = relay_forged(&mut suite, message).unwrap();
    let failed = DeliveryFailed::first(&response.events).expect("a delivery failure is recorded");
    assert_eq!(failed.code, btp_types::error_code::NO_ROUTE);
    assert!(
        failed
            .reason
            .contains("no way on to c.cosmos: there is no link or route to c.cosmos"),
        "{}",
        failed.reason
    );
    // Received (the link goes on), handed to no handler, forwarded nowhere.
    assert_eq!(
        suite.center_link(&suite.b.center, &net("a.cosmos")).rx_seq,
        1
    );
    assert!(suite.arrivals(&suite.b.handler.clone()).is_empty());
    assert!(MessageCommitted::first(&response.events).is_none());
}

#[test]
fn a_message_claiming_another_source_than_its_link_is_rejected() {
    let mut suite = SuiteBuilder::new().two_centers();
    let mut message = forged_message();
    message.src = net("c.cosmos");
    let err = relay_forged(&mut suite, message).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::WrongSource { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}")
        .contains("says it comes from c.cosmos, but was relayed on the link to a.cosmos"));
}

#[test]
fn undecodable_bytes_are_rejected_even_past_the_verifier() {
    let mut suite = SuiteBuilder::new().two_centers();
    let verifier = suite.b.verifier.clone();
    suite.set_mock_verifier_mode(&verifier, Mode::AcceptAll);
    let relayed = btp_types::msg::message_center::RelayedMessage {
        sequence: 1,
        message: Binary::new(vec![0xc1, 0x81]),
        timeout: None,
    };
    let (relayer, center, src) = (
        suite.relayer.clone(),
        suite.b.center.clone(),
        net("a.cosmos"),
    );
    let err = suite
        .relay(&relayer, &center, &src, vec![relayed])
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::Codec { .. }),
        "{err:#}"
    );
}

#[test]
fn an_empty_relay_and_an_unknown_link_are_rejected() {
    let mut suite = SuiteBuilder::new().two_centers();
    let err = suite.relay_to_b(&[]).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::BatchSize { .. }),
        "{err:#}"
    );
    let committed = suite.request_from_a(0, b"one");
    let (relayer, center) = (suite.relayer.clone(), suite.b.center.clone());
    let err = suite
        .relay(
            &relayer,
            &center,
            &net("z.cosmos"),
            vec![committed.relayed()],
        )
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::NoLink { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}").contains("there is no link or route to z.cosmos"));
}

/// One proof per batch: whatever the batch's size, up to the limit, the
/// message center asks its verifier exactly one question, about the last
/// message's head, and delivers the whole batch.
#[test]
fn a_batch_of_any_size_is_proven_with_one_verifier_query() {
    use btp_types::msg::message_center::{ExecuteMsg, InstantiateMsg};
    use btp_types::msg::verifier::{VerifiedResponse, VerifierQuery};
    use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
    use cosmwasm_std::{from_json, to_json_binary, ContractResult, SystemResult, WasmQuery};
    use message_center::contract;
    use message_center::relay::MAX_BATCH;
    use std::sync::{Arc, Mutex};

    for size in [1u64, 10, 50, MAX_BATCH as u64] {
        let mut deps = mock_dependencies();
        let api = deps.api;
        let owner = api.addr_make("owner");
        let questions = Arc::new(Mutex::new(vec![]));
        let recorded = questions.clone();
        deps.querier.update_wasm(move |query| match query {
            WasmQuery::Smart { msg, .. } => {
                let question: VerifierQuery = from_json(msg).unwrap();
                recorded.lock().unwrap().push(question);
                SystemResult::Ok(ContractResult::Ok(
                    to_json_binary(&VerifiedResponse {
                        height: 10,
                        timestamp: mock_env().block.time,
                        trusted_at: None,
                    })
                    .unwrap(),
                ))
            }
            _ => panic!("unexpected query"),
        });
        contract::instantiate(
            deps.as_mut(),
            mock_env(),
            message_info(&owner, &[]),
            InstantiateMsg {
                network: net("b.cosmos"),
                owner: None,
                fee_denom: FEE_B.into(),
                delivery_gas_limit: None,
            },
        )
        .unwrap();
        let remote = api.addr_make("remote").to_string();
        let link = ExecuteMsg::AddLink {
            network: net("a.cosmos"),
            verifier: api.addr_make("verifier").to_string(),
            remote_message_center: remote.clone(),
            relayers: vec![],
        };
        contract::execute(deps.as_mut(), mock_env(), message_info(&owner, &[]), link).unwrap();

        let messages: Vec<_> = (1..=size)
            .map(|sequence| {
                let message = BtpMessage {
                    src: net("a.cosmos"),
                    dst: net("b.cosmos"),
                    svc: SVC.into(),
                    sn: 0,
                    payload: Binary::new(sequence.to_be_bytes().to_vec()),
                    nsn: sequence as i64,
                    fee_info: None,
                };
                btp_types::msg::message_center::RelayedMessage {
                    sequence,
                    message: Binary::new(message.encode()),
                    timeout: None,
                }
            })
            .collect();
        let expected_head = messages.iter().fold(GENESIS_HEAD, |head, relayed| {
            chain_head(&head, &relayed.message, relayed.timeout)
        });
        let relay = ExecuteMsg::HandleRelayMessage {
            src: net("a.cosmos"),
            proof_height: 10,
            messages,
            proof: Binary::new(b"one proof".to_vec()),
            prior_head: None,
        };
        contract::execute(
            deps.as_mut(),
            mock_env(),
            message_info(&api.addr_make("relayer"), &[]),
            relay,
        )
        .unwrap();

        let questions = questions.lock().unwrap().clone();
        assert_eq!(
            questions,
            vec![VerifierQuery::VerifyCommitment {
                height: 10,
                center: remote,
                counterpart: Counterpart {
                    network: net("b.cosmos"),
                    center: mock_env().contract.address.to_string(),
                },
                sequence: size,
                head: Binary::new(expected_head.to_vec()),
                proof: Binary::new(b"one proof".to_vec()),
            }],
            "a batch of {size}"
        );
        let link: btp_types::msg::message_center::LinkResponse = cosmwasm_std::from_json(
            contract::query(
                deps.as_ref(),
                mock_env(),
                btp_types::msg::message_center::QueryMsg::Link {
                    network: net("a.cosmos"),
                },
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(link.rx_seq, size);
    }
}
