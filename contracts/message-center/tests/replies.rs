//! Requests always get exactly one reply; a failing handler never blocks a link.

use btp_types::error_code::{
    NO_SERVICE_HANDLER, SERVICE_HANDLER_FAILED, SUCCESS, TOKEN_INVALID_RECEIVER,
};
use btp_types::events::message_center::DeliveryFailed;
use btp_types::events::message_center::MessageCommitted;
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{ExecuteMsg, InstantiateMsg, RelayedMessage};
use btp_types::msg::service_handler::ServiceHandlerMsg;
use btp_types::{BtpMessage, ErrorMessage, FeeInfo};
use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
use cosmwasm_std::{
    from_json, to_json_binary, Binary, ContractResult, CosmosMsg, ReplyOn, SubMsgResult,
    SystemResult, Uint128, WasmMsg, WasmQuery,
};
use message_center::contract;
use message_center::delivery::DeliveryContext;
use testing::mock_handler::{Arrival, Behaviour};
use testing::suite::centers::*;

/// The reply B committed for a request, decoded.
fn reply_of(response: &cw_multi_test::AppResponse) -> (Committed, BtpMessage, ErrorMessage) {
    let replies = committed(response);
    assert_eq!(replies.len(), 1, "exactly one reply per request");
    let reply = replies.into_iter().next().unwrap();
    let message = BtpMessage::decode(&reply.message).unwrap();
    let outcome = ErrorMessage::decode(&message.payload).unwrap();
    (reply, message, outcome)
}

#[test]
fn a_handled_request_is_answered_with_success_and_the_reply_reaches_the_sender() {
    let mut suite = SuiteBuilder::new().two_centers();
    let request = suite.request_from_a(5, b"ping");
    let response = suite.relay_to_b(&[request]).unwrap();
    let (reply, message, outcome) = reply_of(&response);
    assert_eq!((reply.network.as_str(), reply.sequence), ("a.cosmos", 1));
    assert_eq!(message.sn, -5);
    assert_eq!(
        message.nsn, -1,
        "a reply carries the request's nsn, negated"
    );
    assert_eq!(message.svc, SVC);
    assert_eq!(outcome.code, SUCCESS);
    // The reply carries what is left of the fee: the way back.
    assert_eq!(
        message.fee_info,
        Some(FeeInfo {
            network: net("a.cosmos"),
            values: vec![Uint128::new(BACKWARD_FEE)],
        })
    );

    suite.relay_to_a(&[reply]).unwrap();
    assert_eq!(
        suite.arrivals(&suite.a.handler.clone()),
        vec![Arrival::Reply {
            src: net("b.cosmos"),
            svc: SVC.into(),
            sn: 5,
            code: SUCCESS,
            message: String::new(),
        }]
    );
}

#[test]
fn a_handler_that_errors_produces_an_error_reply_and_the_link_moves_on() {
    let mut suite = SuiteBuilder::new().two_centers();
    let handler = suite.b.handler.clone();
    suite.set_behaviour(&handler, Behaviour::Fail);
    let request = suite.request_from_a(9, b"ping");
    let response = suite
        .relay_to_b(&[request])
        .expect("the relay succeeds whatever the handler does");
    assert_eq!(
        suite.center_link(&suite.b.center, &net("a.cosmos")).rx_seq,
        1
    );
    let (reply, message, outcome) = reply_of(&response);
    assert_eq!(message.sn, -9);
    assert_eq!(outcome.code, SERVICE_HANDLER_FAILED);
    assert!(
        outcome.message.contains("service handler failed"),
        "{}",
        outcome.message
    );
    assert!(DeliveryFailed::occurs_in(&response.events));

    // The sender's handler learns of the failure.
    suite.relay_to_a(&[reply]).unwrap();
    match suite.arrivals(&suite.a.handler.clone()).as_slice() {
        [Arrival::Reply { sn: 9, code, .. }] => assert_eq!(*code, SERVICE_HANDLER_FAILED),
        other => panic!("unexpected {other:?}"),
    }

    // The next message is delivered normally.
    suite.set_behaviour(&handler, Behaviour::Accept);
    let next = suite.request_from_a(0, b"next");
    suite.relay_to_b(&[next]).unwrap();
    assert_eq!(suite.arrivals(&handler).len(), 1);
}

#[test]
fn a_handler_can_refuse_a_request_with_its_own_code() {
    let mut suite = SuiteBuilder::new().two_centers();
    let handler = suite.b.handler.clone();
    suite.set_behaviour(
        &handler,
        Behaviour::Refuse {
            code: TOKEN_INVALID_RECEIVER,
            message: "no such account".into(),
        },
    );
    let request = suite.request_from_a(3, b"ping");
    let response = suite.relay_to_b(&[request]).unwrap();
    let (_, _, outcome) = reply_of(&response);
    assert_eq!(outcome.code, TOKEN_INVALID_RECEIVER);
    assert_eq!(outcome.message, "no such account");
}

#[test]
fn a_request_for_an_unregistered_service_is_answered_with_no_service_handler() {
    let mut suite = SuiteBuilder::new().two_centers();
    let center = suite.b.center.clone();
    suite
        .owner_executes(&center, &ExecuteMsg::RemoveService { svc: SVC.into() })
        .unwrap();
    let request = suite.request_from_a(4, b"ping");
    let response = suite.relay_to_b(&[request]).unwrap();
    let (_, message, outcome) = reply_of(&response);
    assert_eq!((message.sn, outcome.code), (-4, NO_SERVICE_HANDLER));
    assert_eq!(
        suite.center_link(&suite.b.center, &net("a.cosmos")).rx_seq,
        1
    );
}

#[test]
fn a_failing_one_way_message_is_recorded_and_dropped_without_a_reply() {
    let mut suite = SuiteBuilder::new().two_centers();
    let handler = suite.b.handler.clone();
    suite.set_behaviour(&handler, Behaviour::Fail);
    let message = suite.request_from_a(0, b"fire and forget");
    let response = suite.relay_to_b(&[message]).unwrap();
    assert!(
        committed(&response).is_empty(),
        "one-way messages get no reply"
    );
    assert_eq!(
        DeliveryFailed::first(&response.events).and_then(|event| event.sn),
        Some(0)
    );
    assert_eq!(
        suite.center_link(&suite.b.center, &net("a.cosmos")).rx_seq,
        1
    );
}

#[test]
fn a_reply_that_its_handler_rejects_is_recorded_and_not_answered() {
    let mut suite = SuiteBuilder::new().two_centers();
    let request = suite.request_from_a(5, b"ping");
    let response = suite.relay_to_b(&[request]).unwrap();
    let (reply, _, _) = reply_of(&response);
    let handler = suite.a.handler.clone();
    suite.set_behaviour(&handler, Behaviour::Fail);
    let response = suite.relay_to_a(&[reply]).unwrap();
    assert!(committed(&response).is_empty(), "a reply is never answered");
    assert_eq!(
        DeliveryFailed::first(&response.events).and_then(|event| event.sn),
        Some(-5)
    );
    assert!(suite.arrivals(&handler).is_empty());
    assert_eq!(
        suite.center_link(&suite.a.center, &net("b.cosmos")).rx_seq,
        1
    );
}

/// Unit level: `cw-multi-test` does not meter gas, so the gas limit is
/// checked on the submessage itself, and the out-of-gas outcome is fed to the
/// reply entry point as the chain would deliver it.
#[test]
fn a_handler_that_exhausts_its_gas_produces_an_error_reply() {
    let mut deps = mock_dependencies();
    let api = deps.api;
    let owner = api.addr_make("owner");
    let (verifier, handler, remote) = (
        api.addr_make("verifier"),
        api.addr_make("handler"),
        api.addr_make("remote"),
    );
    deps.querier.update_wasm(|query| match query {
        WasmQuery::Smart { .. } => SystemResult::Ok(ContractResult::Ok(
            to_json_binary(&btp_types::msg::verifier::VerifiedResponse {
                height: 10,
                timestamp: mock_env().block.time,
                trusted_at: None,
            })
            .unwrap(),
        )),
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
            delivery_gas_limit: Some(300_000),
        },
    )
    .unwrap();
    for msg in [
        ExecuteMsg::AddLink {
            network: net("a.cosmos"),
            verifier: verifier.to_string(),
            remote_message_center: remote.to_string(),
            relayers: vec![],
        },
        ExecuteMsg::AddService {
            svc: SVC.into(),
            handler: handler.to_string(),
            batches: None,
        },
    ] {
        contract::execute(deps.as_mut(), mock_env(), message_info(&owner, &[]), msg).unwrap();
    }
    let request = BtpMessage {
        src: net("a.cosmos"),
        dst: net("b.cosmos"),
        svc: SVC.into(),
        sn: 2,
        payload: Binary::new(b"loop forever".to_vec()),
        nsn: 8,
        fee_info: None,
    };
    let response = contract::execute(
        deps.as_mut(),
        mock_env(),
        message_info(&api.addr_make("relayer"), &[]),
        ExecuteMsg::HandleRelayMessage {
            src: net("a.cosmos"),
            proof_height: 10,
            messages: vec![RelayedMessage {
                sequence: 1,
                message: Binary::new(request.encode()),
                timeout: None,
            }],
            proof: Binary::new(b"p".to_vec()),
            prior_head: None,
        },
    )
    .unwrap();

    let [submessage] = response.messages.as_slice() else {
        panic!("one delivery expected, got {:?}", response.messages);
    };
    assert_eq!(
        submessage.gas_limit,
        Some(300_000),
        "the handler runs with the configured gas limit"
    );
    assert_eq!(submessage.reply_on, ReplyOn::Always);
    let CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr, msg, ..
    }) = &submessage.msg
    else {
        panic!("not a contract call");
    };
    assert_eq!(contract_addr, handler.as_str());
    assert!(matches!(
        from_json(msg).unwrap(),
        ServiceHandlerMsg::HandleBtpMessage { sn: 2, .. }
    ));
    let context: DeliveryContext = from_json(&submessage.payload).unwrap();
    assert_eq!(context.sequence, 1);

    // The chain answers an exhausted submessage with an error result.
    let reply = contract::reply(
        deps.as_mut(),
        mock_env(),
        cosmwasm_std::Reply {
            id: submessage.id,
            payload: submessage.payload.clone(),
            gas_used: 300_000,
            result: SubMsgResult::Err(
                "out of gas in location: wasm contract; gasWanted: 300000".into(),
            ),
        },
    )
    .unwrap();
    let event = MessageCommitted::first(&reply.events).expect("an error reply is committed");
    let committed = BtpMessage::decode(&event.message).unwrap();
    assert_eq!(
        (committed.sn, committed.nsn, committed.dst.as_str()),
        (-2, -8, "a.cosmos")
    );
    let outcome = ErrorMessage::decode(&committed.payload).unwrap();
    assert_eq!(outcome.code, SERVICE_HANDLER_FAILED);
    assert!(outcome.message.contains("out of gas"));
}
