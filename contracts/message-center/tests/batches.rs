//! Consecutive deliveries to a handler that takes batches cost one contract
//! call; a batch that fails is delivered again one message at a time, so a
//! message that makes its handler fail never fails another one.

use btp_types::error_code::{SERVICE_HANDLER_FAILED, SUCCESS};
use btp_types::events::message_center::BatchFailed;
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::ExecuteMsg;
use btp_types::{BtpMessage, ErrorMessage};
use cosmwasm_std::Binary;
use cw_multi_test::AppResponse;
use testing::events::executions_of;
use testing::mock_handler::{Arrival, Behaviour};
use testing::suite::centers::*;

/// The `(sn, code)` of every reply the transaction committed.
fn reply_codes(response: &AppResponse) -> Vec<(i64, u32)> {
    committed(response)
        .iter()
        .map(|reply| {
            let message = BtpMessage::decode(&reply.message).unwrap();
            let outcome = ErrorMessage::decode(&message.payload).unwrap();
            (message.sn, outcome.code)
        })
        .collect()
}

fn payloads(arrivals: &[Arrival]) -> Vec<Vec<u8>> {
    arrivals
        .iter()
        .filter_map(|arrival| match arrival {
            Arrival::Message { payload, .. } => Some(payload.to_vec()),
            Arrival::Reply { .. } => None,
        })
        .collect()
}

fn three_requests(suite: &mut TwoCenters) -> Vec<Committed> {
    vec![
        suite.request_from_a(1, b"one"),
        suite.request_from_a(2, b"two"),
        suite.request_from_a(3, b"three"),
    ]
}

#[test]
fn consecutive_messages_reach_their_handler_in_one_call_and_each_is_answered() {
    let mut suite = SuiteBuilder::new().two_centers();
    let requests = three_requests(&mut suite);
    let response = suite.relay_to_b(&requests).unwrap();
    let handler = suite.b.handler.clone();
    assert_eq!(
        executions_of(&response, &handler),
        1,
        "one call for the batch"
    );
    assert_eq!(
        payloads(&suite.arrivals(&handler)),
        vec![b"one".to_vec(), b"two".to_vec(), b"three".to_vec()],
        "in order"
    );
    assert_eq!(
        reply_codes(&response),
        vec![(-1, SUCCESS), (-2, SUCCESS), (-3, SUCCESS)]
    );

    // The replies go back to A's handler in one call too.
    let replies = committed(&response);
    let response = suite.relay_to_a(&replies).unwrap();
    let handler = suite.a.handler.clone();
    assert_eq!(executions_of(&response, &handler), 1);
    let taken: Vec<(i64, u32)> = suite
        .arrivals(&handler)
        .iter()
        .filter_map(|arrival| match arrival {
            Arrival::Reply { sn, code, .. } => Some((*sn, *code)),
            Arrival::Message { .. } => None,
        })
        .collect();
    assert_eq!(taken, vec![(1, SUCCESS), (2, SUCCESS), (3, SUCCESS)]);
}

#[test]
fn a_message_that_fails_its_handler_fails_no_other_in_its_batch() {
    let mut suite = SuiteBuilder::new().two_centers();
    let requests = three_requests(&mut suite);
    let handler = suite.b.handler.clone();
    suite.set_behaviour(
        &handler,
        Behaviour::FailOn {
            payload: Binary::new(b"two".to_vec()),
        },
    );
    let response = suite.relay_to_b(&requests).unwrap();
    assert!(BatchFailed::occurs_in(&response.events));
    assert_eq!(
        payloads(&suite.arrivals(&handler)),
        vec![b"one".to_vec(), b"three".to_vec()],
        "the batch failed whole, then each message went alone"
    );
    assert_eq!(
        reply_codes(&response),
        vec![(-1, SUCCESS), (-2, SERVICE_HANDLER_FAILED), (-3, SUCCESS)]
    );
}

#[test]
fn refusals_in_a_batch_answer_their_own_requests() {
    let mut suite = SuiteBuilder::new().two_centers();
    let requests = three_requests(&mut suite);
    let handler = suite.b.handler.clone();
    suite.set_behaviour(
        &handler,
        Behaviour::Refuse {
            code: 44,
            message: "no".into(),
        },
    );
    let response = suite.relay_to_b(&requests).unwrap();
    assert_eq!(executions_of(&response, &handler), 1);
    assert_eq!(reply_codes(&response), vec![(-1, 44), (-2, 44), (-3, 44)]);
}

#[test]
fn a_batch_answer_that_is_not_one_per_message_fails_each_request_instead_of_guessing() {
    for data in [b"[null]".to_vec(), b"not json".to_vec()] {
        let mut suite = SuiteBuilder::new().two_centers();
        let requests = three_requests(&mut suite);
        let handler = suite.b.handler.clone();
        suite.set_behaviour(
            &handler,
            Behaviour::AnswerBatchWith {
                data: Binary::new(data),
            },
        );
        let response = suite.relay_to_b(&requests[..2]).unwrap();
        assert_eq!(
            reply_codes(&response),
            vec![(-1, SERVICE_HANDLER_FAILED), (-2, SERVICE_HANDLER_FAILED)]
        );
        for reply in committed(&response) {
            let message = BtpMessage::decode(&reply.message).unwrap();
            let reason = ErrorMessage::decode(&message.payload).unwrap().message;
            assert!(reason.contains("not one answer per message"), "{reason}");
        }
    }
}

#[test]
fn a_handler_registered_without_batches_gets_one_call_per_message() {
    let mut suite = SuiteBuilder::new().two_centers();
    let requests = three_requests(&mut suite);
    let (center, handler) = (suite.b.center.clone(), suite.b.handler.clone());
    suite
        .owner_executes(&center, &ExecuteMsg::RemoveService { svc: SVC.into() })
        .unwrap();
    suite
        .owner_executes(
            &center,
            &ExecuteMsg::AddService {
                svc: SVC.into(),
                handler: handler.to_string(),
                batches: None,
            },
        )
        .unwrap();
    let response = suite.relay_to_b(&requests).unwrap();
    assert_eq!(executions_of(&response, &handler), 3);
    assert_eq!(
        reply_codes(&response),
        vec![(-1, SUCCESS), (-2, SUCCESS), (-3, SUCCESS)]
    );
}

#[test]
fn a_single_message_goes_alone_even_to_a_handler_that_takes_batches() {
    let mut suite = SuiteBuilder::new().two_centers();
    let request = suite.request_from_a(1, b"one");
    let response = suite.relay_to_b(&[request]).unwrap();
    assert!(!BatchFailed::occurs_in(&response.events));
    assert_eq!(reply_codes(&response), vec![(-1, SUCCESS)]);
    assert_eq!(executions_of(&response, &suite.b.handler.clone()), 1);
}
