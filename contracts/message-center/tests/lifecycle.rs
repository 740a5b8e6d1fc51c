//! A link's life: histories that survive closing and reopening, requests
//! resolved exactly once (by reply or by proof of timeout) at the handler
//! that sent them, and relay fees that one link cannot take from another.
//! Each test is named after the attack or failure it closes.

use btp_types::error_code::TIMED_OUT;
use btp_types::events::message_center::LinkChanged;
use btp_types::events::message_center::MessageDelivered;
use btp_types::events::message_center::ReplyIgnored;
use btp_types::events::message_center::ReplyKept;
use btp_types::events::message_center::ReplyRetried;
use btp_types::events::message_center::RequestTimedOut;
use btp_types::events::message_center::RewardRefused;
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{ExecuteMsg, PendingRequestResponse, QueryMsg};
use btp_types::{BtpMessage, ErrorMessage, MessageCenterMessage};
use cosmwasm_std::{coin, Addr, Binary, Timestamp, Uint128};
use cw_multi_test::Executor;
use message_center::ContractError;
use testing::errors::contract_error;
use testing::mock_handler::{self, Arrival, Behaviour};
use testing::mock_verifier::{self, Mode, MOCK_PROOF};
use testing::suite::centers::*;

fn replies(arrivals: &[Arrival]) -> Vec<(i64, u32)> {
    arrivals
        .iter()
        .filter_map(|arrival| match arrival {
            Arrival::Reply { sn, code, .. } => Some((*sn, *code)),
            Arrival::Message { .. } => None,
        })
        .collect()
}

fn pending(suite: &TwoCenters) -> Vec<PendingRequestResponse> {
    suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.a.center,
            &QueryMsg::PendingRequests {
                network: None,
                start_after: None,
                limit: None,
            },
        )
        .unwrap()
}

fn reopen(suite: &mut TwoCenters, center: &Addr, network: &str, verifier: &Addr, remote: &Addr) {
    suite
        .owner_executes(
            center,
            &ExecuteMsg::RemoveLink {
                network: net(network),
            },
        )
        .unwrap();
    suite
        .owner_executes(
            center,
            &ExecuteMsg::AddLink {
                network: net(network),
                verifier: verifier.to_string(),
                remote_message_center: remote.to_string(),
                relayers: vec![],
            },
        )
        .unwrap();
}

#[test]
fn removing_and_adding_a_link_again_does_not_let_its_history_be_replayed() {
    let mut suite = SuiteBuilder::new().two_centers();
    let first = suite.request_from_a(0, b"mint 1000");
    suite.relay_to_b(std::slice::from_ref(&first)).unwrap();
    let (center_b, verifier_b, center_a) = (
        suite.b.center.clone(),
        suite.b.verifier.clone(),
        suite.a.center.clone(),
    );
    reopen(&mut suite, &center_b, "a.cosmos", &verifier_b, &center_a);

    let link = suite.center_link(&center_b, &net("a.cosmos"));
    assert_eq!((link.open, link.rx_seq), (true, 1), "the history is kept");
    let err = suite.relay_to_b(&[first]).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::AlreadyReceived { .. }),
        "the old message with its still-valid proof is refused"
    );
    assert_eq!(suite.arrivals(&suite.b.handler.clone()).len(), 1);
}

#[test]
fn changing_a_links_verifier_or_relayers_keeps_its_history() {
    let mut suite = SuiteBuilder::new().two_centers();
    let first = suite.request_from_a(0, b"one");
    suite.relay_to_b(std::slice::from_ref(&first)).unwrap();
    let center_b = suite.b.center.clone();
    let response = suite
        .owner_executes(
            &center_b,
            &ExecuteMsg::UpdateLink {
                network: net("a.cosmos"),
                verifier: Some(suite.b.verifier.to_string()),
                relayers: Some(vec![]),
            },
        )
        .unwrap();
    assert_eq!(
        LinkChanged::first(&response.events).map(|event| event.rx_seq),
        Some(1)
    );
    let err = suite.relay_to_b(&[first]).unwrap_err();
    assert!(matches!(
        contract_error::<ContractError>(&err),
        ContractError::AlreadyReceived { sequence: 1, .. }
    ));
    let second = suite.request_from_a(0, b"two");
    assert_eq!(second.sequence, 2);
    suite.relay_to_b(&[second]).unwrap();
}

#[test]
fn a_relink_on_the_sender_neither_reuses_sequences_nor_strands_new_messages() {
    let mut suite = SuiteBuilder::new().two_centers();
    let first = suite.request_from_a(3, b"one");
    let response = suite.relay_to_b(&[first]).unwrap();
    let reply = committed(&response).remove(0);
    suite.relay_to_a(&[reply]).unwrap();

    let (center_a, verifier_a, center_b) = (
        suite.a.center.clone(),
        suite.a.verifier.clone(),
        suite.b.center.clone(),
    );
    reopen(&mut suite, &center_a, "b.cosmos", &verifier_a, &center_b);
    let second = suite.request_from_a(4, b"two");
    assert_eq!(second.sequence, 2, "the sequence goes on");
    let response = suite.relay_to_b(&[second]).unwrap();
    let reply = committed(&response).remove(0);
    suite.relay_to_a(&[reply]).unwrap();
    assert_eq!(
        replies(&suite.arrivals(&suite.a.handler.clone())),
        vec![(3, 0), (4, 0)],
        "both transfers complete"
    );
    assert!(pending(&suite).is_empty());
}

#[test]
fn a_link_to_another_remote_center_starts_a_history_of_its_own() {
    let mut suite = SuiteBuilder::new().two_centers();
    let first = suite.request_from_a(0, b"one");
    suite.relay_to_b(&[first]).unwrap();
    let (center_b, verifier_b) = (suite.b.center.clone(), suite.b.verifier.clone());
    let elsewhere = suite.app.api().addr_make("redeployed center");
    reopen(&mut suite, &center_b, "a.cosmos", &verifier_b, &elsewhere);
    assert_eq!(suite.center_link(&center_b, &net("a.cosmos")).rx_seq, 0);
    // A's first message is bound to B's old address by its key: proven
    // against the new history, it is refused.
    let second = suite.request_from_a(0, b"two");
    let mut replayed = second.relayed();
    replayed.sequence = 1;
    let (relayer, src) = (suite.relayer.clone(), net("a.cosmos"));
    let err = suite
        .relay(&relayer, &center_b, &src, vec![replayed])
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::ProofRejected { .. }),
        "{err:#}"
    );
}

#[test]
fn a_claim_through_one_link_cannot_take_the_fees_paid_for_another() {
    let mut suite = SuiteBuilder::new().two_centers();
    // Honest traffic to B pays fees on A.
    for _ in 0..3 {
        suite.request_from_a(1, b"paid");
    }
    let center_a = suite.a.center.clone();
    let paid = suite.native_balance(&center_a, FEE_A);
    assert_eq!(paid, 3 * (FORWARD_FEE + BACKWARD_FEE));

    // A link to C whose light client is broken (accepts anything).
    let code = suite.app.store_code(mock_verifier::contract());
    let anything = Addr::unchecked("anything");
    let broken = mock_verifier::instantiate_verifier(&mut suite.app, code, &suite.owner, &anything);
    suite.set_mock_verifier_mode(&broken, Mode::AcceptAll);
    let remote_c = suite.app.api().addr_make("center of c");
    suite
        .owner_executes(
            &center_a,
            &ExecuteMsg::AddLink {
                network: net("c.cosmos"),
                verifier: broken.to_string(),
                remote_message_center: remote_c.to_string(),
                relayers: vec![],
            },
        )
        .unwrap();
    let thief = suite.app.api().addr_make("thief");
    let claim = BtpMessage {
        src: net("c.cosmos"),
        dst: net("a.cosmos"),
        svc: "bmc".into(),
        sn: 1, // a claim is a request, as ICON sends it
        payload: Binary::new(
            MessageCenterMessage::Claim {
                amount: Uint128::new(paid),
                receiver: thief.to_string(),
            }
            .encode(),
        ),
        nsn: 1,
        fee_info: None,
    };
    let relayer = suite.relayer.clone();
    let response = suite
        .relay(
            &relayer,
            &center_a,
            &net("c.cosmos"),
            vec![btp_types::msg::message_center::RelayedMessage {
                sequence: 1,
                message: Binary::new(claim.encode()),
                timeout: None,
            }],
        )
        .unwrap();
    assert!(RewardRefused::occurs_in(&response.events));
    assert_eq!(suite.native_balance(&thief, FEE_A), 0);
    assert_eq!(suite.native_balance(&center_a, FEE_A), paid);
    let ledger: Uint128 = suite
        .app
        .wrap()
        .query_wasm_smart(
            &center_a,
            &QueryMsg::FeeLedger {
                network: net("b.cosmos"),
            },
        )
        .unwrap();
    assert_eq!(
        ledger.u128(),
        paid,
        "B's fees are still owed to B's relayers"
    );
}

#[test]
fn replacing_a_services_handler_sends_replies_in_flight_to_the_handler_that_sent_the_request() {
    let mut suite = SuiteBuilder::new().two_centers();
    let request = suite.request_from_a(5, b"transfer");
    let response = suite.relay_to_b(&[request]).unwrap();
    let reply = committed(&response).remove(0);

    let center_a = suite.a.center.clone();
    let code = suite.app.store_code(mock_handler::contract());
    let replacement = suite
        .app
        .instantiate_contract(
            code,
            suite.owner.clone(),
            &mock_handler::InstantiateMsg {
                message_center: center_a.to_string(),
            },
            &[],
            "replacement",
            None,
        )
        .unwrap();
    suite
        .owner_executes(&center_a, &ExecuteMsg::RemoveService { svc: SVC.into() })
        .unwrap();
    suite
        .owner_executes(
            &center_a,
            &ExecuteMsg::AddService {
                svc: SVC.into(),
                handler: replacement.to_string(),
                batches: None,
            },
        )
        .unwrap();
    // The new handler's own request with the same sn.
    suite
        .app
        .execute_contract(
            suite.user.clone(),
            replacement.clone(),
            &mock_handler::ControlMsg::Send {
                to: net("b.cosmos"),
                svc: SVC.into(),
                sn: 5,
                payload: Binary::new(b"another transfer".to_vec()),
                timeout: None,
            },
            &[coin(FORWARD_FEE + BACKWARD_FEE, FEE_A)],
        )
        .unwrap();

    suite.relay_to_a(&[reply]).unwrap();
    assert_eq!(
        replies(&suite.arrivals(&suite.a.handler.clone())),
        vec![(5, 0)]
    );
    assert!(
        suite.arrivals(&replacement).is_empty(),
        "the new handler's request is not resolved by another's reply"
    );
    assert_eq!(pending(&suite).len(), 1);
}

/// Sends a request from A with a timeout `seconds` from now.
fn request_with_timeout(suite: &mut TwoCenters, sn: i64, seconds: u64) -> (Committed, i64) {
    let timeout = suite.app.block_info().time.plus_seconds(seconds);
    let fee = suite.fee_a(sn);
    let response = suite
        .send_from_a_until(sn, b"transfer", &fee, Some(timeout))
        .unwrap();
    let committed = committed(&response).remove(0);
    let nsn = BtpMessage::decode(&committed.message).unwrap().nsn;
    (committed, nsn)
}

fn resolve_timeout(
    suite: &mut TwoCenters,
    nsn: i64,
    rx_seq: u64,
) -> anyhow::Result<cw_multi_test::AppResponse> {
    let (relayer, center) = (suite.relayer.clone(), suite.a.center.clone());
    let proof_height = suite.app.block_info().height;
    suite.app.execute_contract(
        relayer,
        center,
        &ExecuteMsg::ResolveTimeout {
            nsn,
            proof_height,
            rx_seq,
            proof: Binary::new(MOCK_PROOF.to_vec()),
        },
        &[],
    )
}

fn wait(suite: &mut TwoCenters, seconds: u64) {
    suite.app.update_block(|block| {
        block.time = block.time.plus_seconds(seconds);
        block.height += 1;
    });
}

#[test]
fn a_request_whose_relayer_never_delivers_is_resolved_once_by_proof_of_non_receipt() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (_, nsn) = request_with_timeout(&mut suite, 9, 600);

    let err = resolve_timeout(&mut suite, nsn, 0).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::NotTimedOut { .. }),
        "not before the timeout"
    );
    wait(&mut suite, 600);
    let err = resolve_timeout(&mut suite, nsn, 1).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::RequestReceived { .. }),
        "{err:#}"
    );
    suite.set_mock_verifier_mode(&suite.a.verifier.clone(), Mode::RejectAll);
    let err = resolve_timeout(&mut suite, nsn, 0).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::ProofRejected { .. }),
        "{err:#}"
    );
    suite.set_mock_verifier_mode(&suite.a.verifier.clone(), Mode::CheckSource);

    let response = resolve_timeout(&mut suite, nsn, 0).unwrap();
    assert!(RequestTimedOut::occurs_in(&response.events));
    assert_eq!(
        replies(&suite.arrivals(&suite.a.handler.clone())),
        vec![(9, TIMED_OUT)]
    );
    let err = resolve_timeout(&mut suite, nsn, 0).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::NoPendingRequest { .. }),
        "only once"
    );
    assert!(pending(&suite).is_empty());
}

#[test]
fn a_false_claim_of_non_receipt_is_refused() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (first, _) = request_with_timeout(&mut suite, 1, 60);
    let (_, second_nsn) = request_with_timeout(&mut suite, 2, 60);
    suite.relay_to_b(&[first]).unwrap();
    wait(&mut suite, 60);
    // B received one message; claiming it received none is a lie the proof shows.
    let err = resolve_timeout(&mut suite, second_nsn, 0).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::ProofRejected { .. }),
        "{err:#}"
    );
    resolve_timeout(&mut suite, second_nsn, 1).unwrap();
}

#[test]
fn a_message_delivered_after_its_timeout_is_not_executed_and_its_late_reply_is_ignored() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (request, nsn) = request_with_timeout(&mut suite, 7, 60);
    wait(&mut suite, 61);
    resolve_timeout(&mut suite, nsn, 0).unwrap();

    let response = suite.relay_to_b(&[request]).unwrap();
    assert!(
        suite.arrivals(&suite.b.handler.clone()).is_empty(),
        "not executed"
    );
    let reply = committed(&response).remove(0);
    let outcome =
        ErrorMessage::decode(&BtpMessage::decode(&reply.message).unwrap().payload).unwrap();
    assert_eq!(outcome.code, TIMED_OUT);

    let response = suite.relay_to_a(&[reply]).unwrap();
    assert!(ReplyIgnored::occurs_in(&response.events));
    assert_eq!(
        replies(&suite.arrivals(&suite.a.handler.clone())),
        vec![(7, TIMED_OUT)],
        "told once"
    );
}

#[test]
fn a_late_request_answered_with_a_timeout_reply_resolves_its_request_once() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (request, _) = request_with_timeout(&mut suite, 8, 60);
    wait(&mut suite, 60);
    let response = suite.relay_to_b(&[request]).unwrap();
    let reply = committed(&response).remove(0);
    suite.relay_to_a(&[reply]).unwrap();
    assert_eq!(
        replies(&suite.arrivals(&suite.a.handler.clone())),
        vec![(8, TIMED_OUT)]
    );
    assert!(pending(&suite).is_empty());
}

#[test]
fn requests_in_flight_on_a_closed_link_can_still_time_out() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (_, nsn) = request_with_timeout(&mut suite, 4, 30);
    let center_a = suite.a.center.clone();
    suite
        .owner_executes(
            &center_a,
            &ExecuteMsg::RemoveLink {
                network: net("b.cosmos"),
            },
        )
        .unwrap();
    let fee = suite.fee_a(0);
    let err = suite.send_from_a(0, b"x", &fee).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::LinkClosed { .. }),
        "{err:#}"
    );
    wait(&mut suite, 30);
    resolve_timeout(&mut suite, nsn, 0).unwrap();
    assert_eq!(
        replies(&suite.arrivals(&suite.a.handler.clone())),
        vec![(4, TIMED_OUT)]
    );
}

#[test]
fn a_timeout_not_after_now_is_refused() {
    let mut suite = SuiteBuilder::new().two_centers();
    let now = suite.app.block_info().time;
    let fee = suite.fee_a(1);
    for timeout in [now, Timestamp::from_nanos(1)] {
        let err = suite
            .send_from_a_until(1, b"x", &fee, Some(timeout))
            .unwrap_err();
        assert!(
            matches!(center_error(&err), ContractError::TimeoutInThePast { .. }),
            "{err:#}"
        );
    }
}

fn retry(suite: &mut TwoCenters, nsn: i64) -> anyhow::Result<cw_multi_test::AppResponse> {
    let (anyone, center) = (suite.user.clone(), suite.a.center.clone());
    suite
        .app
        .execute_contract(anyone, center, &ExecuteMsg::RetryReply { nsn }, &[])
}

fn kept(suite: &TwoCenters) -> Vec<btp_types::msg::message_center::KeptReplyResponse> {
    suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.a.center,
            &QueryMsg::KeptReplies {
                start_after: None,
                limit: None,
            },
        )
        .unwrap()
}

#[test]
fn a_reply_its_handler_fails_to_take_is_kept_and_taken_once_by_a_retry() {
    let mut suite = SuiteBuilder::new().two_centers();
    let request = suite.request_from_a(5, b"transfer");
    let nsn = BtpMessage::decode(&request.message).unwrap().nsn;
    let response = suite.relay_to_b(&[request]).unwrap();
    let reply = committed(&response).remove(0);
    let handler = suite.a.handler.clone();
    suite.set_behaviour(&handler, Behaviour::Fail);
    let response = suite.relay_to_a(&[reply]).unwrap();
    assert_eq!(
        ReplyKept::first(&response.events).map(|event| event.nsn),
        Some(nsn)
    );
    assert_eq!(kept(&suite).len(), 1);

    // While the handler still fails, a retry fails and the reply stays kept.
    let err = retry(&mut suite, nsn).unwrap_err();
    assert!(error_text(err).contains("failing as told"));
    assert_eq!(kept(&suite).len(), 1);

    suite.set_behaviour(&handler, Behaviour::Accept);
    let response = retry(&mut suite, nsn).unwrap();
    assert!(ReplyRetried::occurs_in(&response.events));
    assert_eq!(replies(&suite.arrivals(&handler)), vec![(5, 0)]);
    let err = retry(&mut suite, nsn).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::NoKeptReply { .. }),
        "{err:#}"
    );
    assert_eq!(replies(&suite.arrivals(&handler)), vec![(5, 0)], "once");
    assert!(kept(&suite).is_empty());
}

#[test]
fn a_timeout_its_handler_fails_to_take_is_kept_for_a_retry() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (_, nsn) = request_with_timeout(&mut suite, 3, 60);
    let handler = suite.a.handler.clone();
    suite.set_behaviour(&handler, Behaviour::Fail);
    wait(&mut suite, 60);
    let response = resolve_timeout(&mut suite, nsn, 0).unwrap();
    assert!(ReplyKept::occurs_in(&response.events));
    assert!(pending(&suite).is_empty(), "resolved, its outcome kept");
    suite.set_behaviour(&handler, Behaviour::Accept);
    retry(&mut suite, nsn).unwrap();
    assert_eq!(replies(&suite.arrivals(&handler)), vec![(3, TIMED_OUT)]);
    let err = retry(&mut suite, nsn).unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        &ContractError::NoKeptReply { nsn }
    );
}

/// A head commits to "no timeout" and to "timeout at 0 ns" alike (its
/// metadata is the timeout's nanoseconds, 0 for none), so a relayer must not
/// be able to pick the second: a message committed without a timeout,
/// relayed with `timeout: 0`, is handled as committed (found by the `relay`
/// fuzz target: a reply dropped this way left its transfer pending for good).
#[test]
fn a_timeout_of_zero_relayed_for_a_message_without_one_changes_nothing() {
    let mut suite = SuiteBuilder::new().two_centers();
    let request = suite.request_from_a(5, b"transfer");
    let mut zero = request.clone();
    zero.timeout = Some(Timestamp::from_nanos(0));
    let response = suite.relay_to_b(&[zero]).unwrap();
    assert_eq!(
        suite.arrivals(&suite.b.handler.clone()).len(),
        1,
        "executed"
    );
    let mut reply = committed(&response).remove(0);
    assert_eq!(reply.timeout, None);
    reply.timeout = Some(Timestamp::from_nanos(0));
    suite.relay_to_a(&[reply]).unwrap();
    assert_eq!(
        replies(&suite.arrivals(&suite.a.handler.clone())),
        vec![(5, 0)],
        "the reply reaches its handler"
    );
    assert!(pending(&suite).is_empty());
}

/// Check: a reply reaches a handler only through the request it resolves.
/// A reply naming no request that was ever sent (`nsn` 0 or below, or one
/// above what was sent) is ignored, even past a broken verifier, on a
/// center that was never migrated (where no request goes unkept).
#[test]
fn a_reply_to_a_request_never_sent_reaches_no_handler() {
    let mut suite = SuiteBuilder::new().two_centers();
    suite.set_mock_verifier_mode(&suite.a.verifier.clone(), Mode::AcceptAll);
    let relayer = suite.relayer.clone();
    let center_a = suite.a.center.clone();
    for (sequence, reply_nsn) in [(1u64, 0i64), (2, 1), (3, -99)] {
        let reply = BtpMessage {
            src: net("b.cosmos"),
            dst: net("a.cosmos"),
            svc: SVC.into(),
            sn: -1,
            payload: Binary::new(
                ErrorMessage {
                    code: 0,
                    message: String::new(),
                }
                .encode(),
            ),
            nsn: reply_nsn,
            fee_info: None,
        };
        let response = suite
            .relay(
                &relayer,
                &center_a,
                &net("b.cosmos"),
                vec![btp_types::msg::message_center::RelayedMessage {
                    sequence,
                    message: Binary::new(reply.encode()),
                    timeout: None,
                }],
            )
            .unwrap();
        assert!(
            !MessageDelivered::occurs_in(&response.events),
            "nsn {reply_nsn}"
        );
    }
    assert!(suite.arrivals(&suite.a.handler.clone()).is_empty());
}
