//! Links whose verifier proves the messages themselves (ICON's BTP blocks):
//! `handle_verifier_relay` hands the relay message to the verifier and
//! delivers, as the history's next sequences, exactly what it proved.

use btp_types::events::message_center::DeliveryFailed;
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{DelayPeriod, ExecuteMsg};
use btp_types::msg::verifier::Counterpart;
use cosmwasm_std::{to_json_binary, Addr, Binary};
use cw_multi_test::{AppResponse, Executor};
use message_center::ContractError;
use testing::mock_handler::Arrival;
use testing::mock_message_verifier::{self, MockRelay};
use testing::suite::centers::*;

/// Puts a message verifier on B's link to A; returns it.
fn message_verified_link(suite: &mut TwoCenters) -> Addr {
    let code = suite.app.store_code(mock_message_verifier::contract());
    let verifier = suite
        .app
        .instantiate_contract(
            code,
            suite.owner.clone(),
            &mock_message_verifier::InstantiateMsg {
                message_center: suite.b.center.to_string(),
                source: Counterpart {
                    network: net("a.cosmos"),
                    center: suite.a.center.to_string(),
                },
            },
            &[],
            "message verifier",
            None,
        )
        .unwrap();
    let b = suite.b.center.clone();
    suite
        .owner_executes(
            &b,
            &ExecuteMsg::UpdateLink {
                network: net("a.cosmos"),
                verifier: Some(verifier.to_string()),
                relayers: None,
            },
        )
        .unwrap();
    verifier
}

fn relay_message(first: u64, messages: &[&Committed]) -> Binary {
    to_json_binary(&MockRelay {
        first,
        messages: messages
            .iter()
            .map(|message| Binary::new(message.message.clone()))
            .collect(),
    })
    .unwrap()
}

fn verifier_relay(
    suite: &mut TwoCenters,
    relayer: &Addr,
    relay_message: Binary,
) -> anyhow::Result<AppResponse> {
    let b = suite.b.center.clone();
    suite.app.execute_contract(
        relayer.clone(),
        b,
        &ExecuteMsg::HandleVerifierRelay {
            src: net("a.cosmos"),
            relay_message,
        },
        &[],
    )
}

#[test]
fn proven_messages_are_delivered_once_and_answered_through_the_other_way() {
    let mut suite = SuiteBuilder::new().two_centers();
    message_verified_link(&mut suite);
    let first = suite.request_from_a(1, b"one");
    let second = suite.request_from_a(2, b"two");
    let relayer = suite.relayer.clone();

    let delivered =
        verifier_relay(&mut suite, &relayer, relay_message(1, &[&first, &second])).unwrap();
    let payloads: Vec<Vec<u8>> = suite
        .arrivals(&suite.b.handler.clone())
        .into_iter()
        .map(|arrival| match arrival {
            Arrival::Message { payload, .. } => payload.to_vec(),
            other => panic!("a reply arrived: {other:?}"),
        })
        .collect();
    assert_eq!(payloads, [b"one".to_vec(), b"two".to_vec()]);
    let link = suite.center_link(&suite.b.center.clone(), &net("a.cosmos"));
    assert_eq!((link.rx_seq, link.rx_head), (2, None));

    // The same relay again: the verifier answers nothing new, nothing is
    // delivered twice.
    verifier_relay(&mut suite, &relayer, relay_message(1, &[&first, &second])).unwrap();
    assert_eq!(suite.arrivals(&suite.b.handler.clone()).len(), 2);
    assert_eq!(
        suite
            .center_link(&suite.b.center.clone(), &net("a.cosmos"))
            .rx_seq,
        2
    );

    // B's replies travel back over A's link, proven by their chain heads.
    let replies = committed(&delivered);
    assert_eq!(replies.len(), 2);
    suite.relay_to_a(&replies).unwrap();
    assert_eq!(suite.arrivals(&suite.a.handler.clone()).len(), 2);
}

#[test]
fn a_refused_relay_changes_nothing_in_the_verifier_or_the_history() {
    let mut suite = SuiteBuilder::new().two_centers();
    message_verified_link(&mut suite);
    let request = suite.request_from_a(1, b"one");
    let relayer = suite.relayer.clone();
    // A message that claims a source its link does not speak for, proven:
    // the whole relay fails...
    let mut stray = request.clone();
    let mut decoded = btp_types::BtpMessage::decode(&stray.message).unwrap();
    decoded.src = net("c.cosmos");
    stray.message = decoded.encode();
    let refused = verifier_relay(&mut suite, &relayer, relay_message(1, &[&stray])).unwrap_err();
    assert!(matches!(
        center_error(&refused),
        ContractError::WrongSource { .. }
    ),);
    // ... including the verifier's step: the true message 1 still goes in.
    assert_eq!(
        suite
            .center_link(&suite.b.center.clone(), &net("a.cosmos"))
            .rx_seq,
        0
    );
    verifier_relay(&mut suite, &relayer, relay_message(1, &[&request])).unwrap();
    assert_eq!(suite.arrivals(&suite.b.handler.clone()).len(), 1);
}

#[test]
fn the_verifier_decides_what_follows_not_the_relayer() {
    let mut suite = SuiteBuilder::new().two_centers();
    message_verified_link(&mut suite);
    let first = suite.request_from_a(1, b"one");
    let second = suite.request_from_a(2, b"two");
    let relayer = suite.relayer.clone();
    // Message 2 before message 1: the verifier refuses, the center says so.
    let refused = verifier_relay(&mut suite, &relayer, relay_message(2, &[&second])).unwrap_err();
    assert!(
        format!("{refused:#}").contains("does not follow"),
        "{refused:#}"
    );
    verifier_relay(&mut suite, &relayer, relay_message(1, &[&first])).unwrap();
    verifier_relay(&mut suite, &relayer, relay_message(2, &[&second])).unwrap();
    assert_eq!(
        suite
            .center_link(&suite.b.center.clone(), &net("a.cosmos"))
            .rx_seq,
        2
    );
}

#[test]
fn each_kind_of_verifier_refuses_the_other_kinds_relay() {
    let mut suite = SuiteBuilder::new().two_centers();
    let request = suite.request_from_a(1, b"one");
    let relayer = suite.relayer.clone();
    // A verifier of chain heads has no `verify_relay_message`.
    let refused = verifier_relay(&mut suite, &relayer, relay_message(1, &[&request])).unwrap_err();
    assert!(
        format!("{refused:#}").contains("verify_relay_message"),
        "{refused:#}"
    );
    // A verifier of messages answers no chain-head question.
    message_verified_link(&mut suite);
    let refused = suite.relay_to_b(&[request]).unwrap_err();
    assert!(matches!(
        center_error(&refused),
        ContractError::ProofRejected { .. }
    ));
}

#[test]
fn the_link_rules_hold_for_message_verifiers_too() {
    let mut suite = SuiteBuilder::new().two_centers();
    message_verified_link(&mut suite);
    let request = suite.request_from_a(1, b"one");
    let b = suite.b.center.clone();
    let relay = relay_message(1, &[&request]);

    // Only the link's relayers.
    let allowed = suite.app.api().addr_make("allowed");
    suite
        .owner_executes(
            &b,
            &ExecuteMsg::UpdateLink {
                network: net("a.cosmos"),
                verifier: None,
                relayers: Some(vec![allowed.to_string()]),
            },
        )
        .unwrap();
    let stranger = suite.relayer.clone();
    assert!(matches!(
        center_error(&verifier_relay(&mut suite, &stranger, relay.clone()).unwrap_err()),
        ContractError::RelayerNotAllowed { .. }
    ));

    // A delay period cannot be kept by a verifier of messages.
    suite
        .owner_executes(
            &b,
            &ExecuteMsg::SetLinkDelay {
                network: net("a.cosmos"),
                delay: Some(DelayPeriod {
                    seconds: 1,
                    blocks: 0,
                }),
            },
        )
        .unwrap();
    assert!(matches!(
        center_error(&verifier_relay(&mut suite, &allowed, relay.clone()).unwrap_err()),
        ContractError::DelayWithMessageVerifier { .. }
    ));
    suite
        .owner_executes(
            &b,
            &ExecuteMsg::SetLinkDelay {
                network: net("a.cosmos"),
                delay: None,
            },
        )
        .unwrap();

    // Not while paused, not on a closed link.
    suite
        .owner_executes(&b, &ExecuteMsg::SetPaused { paused: true })
        .unwrap();
    assert!(matches!(
        center_error(&verifier_relay(&mut suite, &allowed, relay.clone()).unwrap_err()),
        ContractError::Pause(_)
    ));
    suite
        .owner_executes(&b, &ExecuteMsg::SetPaused { paused: false })
        .unwrap();
    suite
        .owner_executes(
            &b,
            &ExecuteMsg::RemoveLink {
                network: net("a.cosmos"),
            },
        )
        .unwrap();
    assert!(matches!(
        center_error(&verifier_relay(&mut suite, &allowed, relay.clone()).unwrap_err()),
        ContractError::LinkClosed { .. }
    ));

    // Only the message center may ask the verifier.
    let verifier = suite.center_link(&b, &net("a.cosmos")).verifier;
    let refused = suite
        .app
        .execute_contract(
            allowed,
            Addr::unchecked(verifier),
            &btp_types::msg::verifier::VerifierExecuteMsg::VerifyRelayMessage {
                source: Counterpart {
                    network: net("a.cosmos"),
                    center: suite.a.center.to_string(),
                },
                relay_message: relay,
            },
            &[],
        )
        .unwrap_err();
    assert!(format!("{refused:#}").contains("not the message center"));
}

/// ICON's `sn` is a big integer: a proven message whose `sn` this chain
/// cannot represent is passed over with an event (no reply could carry it
/// back), and the link goes on with the next message.
#[test]
fn a_proven_message_this_chain_cannot_represent_does_not_stop_the_link() {
    use btp_types::rlp::ListEncoder;
    let mut suite = SuiteBuilder::new().two_centers();
    message_verified_link(&mut suite);
    let after = suite.request_from_a(1, b"after");
    let template = btp_types::BtpMessage::decode(&after.message).unwrap();
    // sn = 2^63, as ICON's BigInteger writes it (nine bytes, two's complement).
    let huge_sn = [0x00, 0x80, 0, 0, 0, 0, 0, 0, 0];
    let unrepresentable = ListEncoder::new()
        .push(template.src.as_str())
        .push(template.dst.as_str())
        .push(template.svc.as_str())
        .push(&huge_sn[..])
        .push(&template.payload)
        .push(&template.nsn)
        .push_raw(&btp_types::rlp::NULL)
        .finish();
    let relayer = suite.relayer.clone();
    let relay = to_json_binary(&MockRelay {
        first: 1,
        messages: vec![
            Binary::new(unrepresentable),
            Binary::new(after.message.clone()),
        ],
    })
    .unwrap();
    let response = verifier_relay(&mut suite, &relayer, relay).unwrap();
    let reason = DeliveryFailed::first(&response.events)
        .map(|event| event.reason.to_string())
        .unwrap();
    assert!(reason.contains("cannot represent"), "{reason}");
    assert_eq!(
        suite
            .center_link(&suite.b.center.clone(), &net("a.cosmos"))
            .rx_seq,
        2
    );
    assert_eq!(suite.arrivals(&suite.b.handler.clone()).len(), 1);
}
