//! The call service alone, with a mocked message center: what it sends,
//! how it answers a delivery, how it maps outcomes, what it refuses.

use btp_types::call_message::{
    CallRequest, CallResponse, CallServiceMessage, CS_RESP_BTP_ERROR, CS_RESP_FAILURE,
    CS_RESP_SUCCESS,
};
use btp_types::error_code::{SERVICE_HANDLER_FAILED, TIMED_OUT};
use btp_types::msg::call_service::{
    ExecuteMsg, InstantiateMsg, ReceiverExecuteMsg, CALL_FAILED, CALL_SERVICE, CALL_SERVICE_PAUSED,
    DEFAULT_CALL_GAS_LIMIT, INVALID_CALL, MAX_CALL_TIMEOUT_SECS, MAX_DATA_BYTES,
    MAX_ROLLBACK_BYTES,
};
use btp_types::msg::message_center::{
    ConfigResponse as CenterConfig, ExecuteMsg as CenterMsg, QueryMsg as CenterQuery,
};
use btp_types::msg::service_handler::ServiceHandlerMsg;
use btp_types::msg::MigrateMsg;
use btp_types::{BtpAddress, ErrorMessage, NetworkAddress};
use contract_kit::service::ServiceError;
use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{
    from_json, to_json_binary, to_json_vec, Addr, Binary, ContractInfoResponse, ContractResult,
    CosmosMsg, OwnedDeps, Reply, Response, SubMsgResponse, SubMsgResult, SystemError, SystemResult,
    WasmMsg, WasmQuery,
};
use cw_ownable::OwnershipError;

use crate::contract::{execute, instantiate, migrate, reply};
use crate::incoming::CALL_REPLY_ID;
use crate::outcome::xcall_code;
use crate::ContractError;

type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

struct Setup {
    deps: Deps,
    center: Addr,
    owner: Addr,
    /// A contract (the querier knows it).
    dapp: Addr,
    /// An account.
    user: Addr,
}

fn network(name: &str) -> NetworkAddress {
    NetworkAddress::parse(name).unwrap()
}

fn setup() -> Setup {
    let mut deps = mock_dependencies();
    let center = deps.api.addr_make("center");
    let owner = deps.api.addr_make("owner");
    let dapp = deps.api.addr_make("dapp");
    let user = deps.api.addr_make("user");
    let (center_q, dapp_q) = (center.to_string(), dapp.to_string());
    deps.querier.update_wasm(move |query| match query {
        WasmQuery::Smart { contract_addr, msg } if *contract_addr == center_q => {
            match from_json::<CenterQuery>(msg).unwrap() {
                CenterQuery::Config {} => SystemResult::Ok(ContractResult::Ok(
                    to_json_binary(&CenterConfig {
                        network: network("a.cosmos"),
                        fee_denom: "ufee".into(),
                        delivery_gas_limit: 2_000_000,
                        nsn: 0,
                        paused: false,
                    })
                    .unwrap(),
                )),
                other => panic!("unexpected query {other:?}"),
            }
        }
        WasmQuery::ContractInfo { contract_addr } if *contract_addr == dapp_q => {
            SystemResult::Ok(ContractResult::Ok(
                to_json_binary(&ContractInfoResponse::new(
                    1,
                    Addr::unchecked("creator"),
                    None,
                    false,
                    None,
                ))
                .unwrap(),
            ))
        }
        _ => SystemResult::Err(SystemError::NoSuchContract {
            addr: format!("{query:?}"),
        }),
    });
    instantiate(
        deps.as_mut(),
        mock_env(),
        message_info(&owner, &[]),
        InstantiateMsg {
            owner: None,
            message_center: center.to_string(),
            call_gas_limit: None,
        },
    )
    .unwrap();
    Setup {
        deps,
        center,
        owner,
        dapp,
        user,
    }
}

impl Setup {
    fn run(&mut self, sender: &Addr, msg: ExecuteMsg) -> Result<Response, ContractError> {
        execute(
            self.deps.as_mut(),
            mock_env(),
            message_info(sender, &[]),
            msg,
        )
    }

    fn deliver(&mut self, payload: Vec<u8>) -> Result<Response, ContractError> {
        let center = self.center.clone();
        self.run(
            &center,
            ExecuteMsg::HandleBtpMessage {
                src: network("b.cosmos"),
                svc: CALL_SERVICE.into(),
                sn: 1,
                payload: Binary::new(payload),
            },
        )
    }

    fn send(
        &mut self,
        sender: &Addr,
        data: &[u8],
        rollback: Option<&[u8]>,
        timeout_secs: Option<u64>,
    ) -> Result<Response, ContractError> {
        self.run(
            sender,
            ExecuteMsg::SendCallMessage {
                to: BtpAddress::parse("btp://b.cosmos/target").unwrap(),
                data: Binary::new(data.to_vec()),
                rollback: rollback.map(|r| Binary::new(r.to_vec())),
                timeout_secs,
            },
        )
    }
}

fn refusal(response: &Response) -> Option<ErrorMessage> {
    response
        .data
        .as_ref()
        .map(|data| ErrorMessage::decode(data).unwrap())
}

fn request(to: &str) -> Vec<u8> {
    CallServiceMessage::Request(CallRequest {
        from: "caller".into(),
        to: to.into(),
        sn: 1,
        rollback: true,
        data: b"hi".to_vec(),
    })
    .encode()
}

#[test]
fn a_call_is_sent_as_an_xcall_request_with_its_timeout() {
    let mut s = setup();
    let dapp = s.dapp.clone();
    let response = s.send(&dapp, b"hi", Some(b"undo"), Some(60)).unwrap();
    assert_eq!(from_json::<i64>(response.data.unwrap()).unwrap(), 1);
    let [message] = response.messages.as_slice() else {
        panic!("one message")
    };
    let CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr, msg, ..
    }) = &message.msg
    else {
        panic!("a wasm execute")
    };
    assert_eq!(*contract_addr, s.center.to_string());
    let CenterMsg::SendMessage {
        to,
        svc,
        sn,
        payload,
        timeout,
    } = from_json(msg).unwrap()
    else {
        panic!("send_message")
    };
    assert_eq!(
        (to, svc.as_str(), sn),
        (network("b.cosmos"), CALL_SERVICE, 1)
    );
    assert_eq!(timeout, Some(mock_env().block.time.plus_seconds(60)));
    assert_eq!(
        CallServiceMessage::decode(&payload).unwrap(),
        CallServiceMessage::Request(CallRequest {
            from: dapp.to_string(),
            to: "target".into(),
            sn: 1,
            rollback: true,
            data: b"hi".to_vec(),
        })
    );
}

#[test]
fn bad_calls_are_refused_and_use_no_sn() {
    let mut s = setup();
    let (dapp, user) = (s.dapp.clone(), s.user.clone());
    let too_big = vec![0; MAX_DATA_BYTES + 1];
    for (data, rollback, timeout, field) in [
        (too_big.as_slice(), None, None, "data"),
        (b"x".as_slice(), Some(b"".as_slice()), None, "rollback"),
        (
            b"x",
            Some(&[0; MAX_ROLLBACK_BYTES + 1][..]),
            None,
            "rollback",
        ),
        (b"x", None, Some(0), "timeout_secs"),
        (b"x", None, Some(MAX_CALL_TIMEOUT_SECS + 1), "timeout_secs"),
    ] {
        let err = s.send(&dapp, data, rollback, timeout).unwrap_err();
        assert!(
            matches!(err, ContractError::InvalidInput { field: f, .. } if f == field),
            "{err}"
        );
    }
    assert_eq!(
        s.send(&user, b"x", Some(b"undo"), None).unwrap_err(),
        ContractError::RollbackFromAccount {
            sender: user.to_string()
        }
    );
    let here = s.run(
        &dapp,
        ExecuteMsg::SendCallMessage {
            to: BtpAddress::parse("btp://a.cosmos/target").unwrap(),
            data: Binary::default(),
            rollback: None,
            timeout_secs: None,
        },
    );
    assert!(matches!(
        here.unwrap_err(),
        ContractError::InvalidInput { field: "to", .. }
    ));
    let first = s.send(&user, b"x", None, None).unwrap();
    assert_eq!(from_json::<i64>(first.data.unwrap()).unwrap(), 1);
}

#[test]
fn a_delivered_call_runs_the_target_with_the_callers_btp_address_and_gas_limit() {
    let mut s = setup();
    let target = s.deps.api.addr_make("target");
    let response = s.deliver(request(target.as_str())).unwrap();
    assert_eq!(refusal(&response), None);
    let [call] = response.messages.as_slice() else {
        panic!("one submessage")
    };
    assert_eq!(call.id, CALL_REPLY_ID);
    assert_eq!(call.gas_limit, Some(DEFAULT_CALL_GAS_LIMIT));
    let CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr, msg, ..
    }) = &call.msg
    else {
        panic!("a wasm execute")
    };
    assert_eq!(*contract_addr, target.to_string());
    assert_eq!(
        from_json::<ReceiverExecuteMsg>(msg).unwrap(),
        ReceiverExecuteMsg::HandleCallMessage {
            from: "btp://b.cosmos/caller".into(),
            data: Binary::new(b"hi".to_vec()),
        }
    );

    // The target's outcome is the reply's: nothing on success, CALL_FAILED on failure.
    #[allow(deprecated)]
    let ok = SubMsgResult::Ok(SubMsgResponse {
        events: vec![],
        data: None,
        msg_responses: vec![],
    });
    let reply_of = |result| Reply {
        id: CALL_REPLY_ID,
        payload: call.payload.clone(),
        gas_used: 0,
        result,
    };
    let done = reply(s.deps.as_mut(), mock_env(), reply_of(ok)).unwrap();
    assert_eq!(refusal(&done), None);
    let failed = reply(
        s.deps.as_mut(),
        mock_env(),
        reply_of(SubMsgResult::Err("boom".into())),
    )
    .unwrap();
    let answer = refusal(&failed).unwrap();
    assert_eq!(answer.code, CALL_FAILED);
    assert!(answer.message.contains("boom"), "{}", answer.message);
}

#[test]
fn unreadable_calls_responses_bad_addresses_and_a_pause_are_answered_with_codes() {
    let mut s = setup();
    let target = s.deps.api.addr_make("target").to_string();
    let response = CallServiceMessage::Response(CallResponse {
        sn: 1,
        code: 0,
        msg: String::new(),
    })
    .encode();
    for payload in [b"junk".to_vec(), response, request("not an address")] {
        let answer = refusal(&s.deliver(payload).unwrap()).unwrap();
        assert_eq!(answer.code, INVALID_CALL, "{}", answer.message);
    }
    let owner = s.owner.clone();
    s.run(&owner, ExecuteMsg::SetPaused { paused: true })
        .unwrap();
    let answer = refusal(&s.deliver(request(&target)).unwrap()).unwrap();
    assert_eq!(answer.code, CALL_SERVICE_PAUSED);
}

#[test]
fn only_the_message_center_delivers_for_xcall() {
    let mut s = setup();
    let user = s.user.clone();
    let err = s
        .run(
            &user,
            ExecuteMsg::HandleBtpMessage {
                src: network("b.cosmos"),
                svc: CALL_SERVICE.into(),
                sn: 1,
                payload: Binary::default(),
            },
        )
        .unwrap_err();
    assert!(matches!(
        err,
        ContractError::Service(ServiceError::NotMessageCenter { .. })
    ));
    let center = s.center.clone();
    let err = s
        .run(
            &center,
            ExecuteMsg::HandleBtpReply {
                src: network("b.cosmos"),
                svc: "bts".into(),
                sn: 1,
                code: 0,
                message: String::new(),
            },
        )
        .unwrap_err();
    assert!(matches!(
        err,
        ContractError::Service(ServiceError::WrongService { .. })
    ));
    let err = s
        .run(
            &center,
            ExecuteMsg::HandleBtpReply {
                src: network("b.cosmos"),
                svc: CALL_SERVICE.into(),
                sn: 9,
                code: 0,
                message: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(
        err,
        ContractError::Service(ServiceError::UnknownRequest { sn: 9 })
    );
}

#[test]
fn btp_codes_map_to_xcalls_response_codes() {
    assert_eq!(xcall_code(0), CS_RESP_SUCCESS);
    for code in [CALL_FAILED, INVALID_CALL, CALL_SERVICE_PAUSED] {
        assert_eq!(xcall_code(code), CS_RESP_FAILURE);
    }
    for code in [1, 2, 3, SERVICE_HANDLER_FAILED, TIMED_OUT, 43] {
        assert_eq!(xcall_code(code), CS_RESP_BTP_ERROR);
    }
}

#[test]
fn the_gas_limit_is_the_owners_and_below_the_delivery_gas() {
    let mut s = setup();
    let (owner, user) = (s.owner.clone(), s.user.clone());
    assert_eq!(
        s.run(&user, ExecuteMsg::SetCallGasLimit { gas_limit: 5 })
            .unwrap_err(),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    for gas_limit in [0, 2_000_000] {
        assert!(matches!(
            s.run(&owner, ExecuteMsg::SetCallGasLimit { gas_limit })
                .unwrap_err(),
            ContractError::InvalidInput {
                field: "gas_limit",
                ..
            }
        ));
    }
    s.run(&owner, ExecuteMsg::SetCallGasLimit { gas_limit: 500_000 })
        .unwrap();
    let target = s.deps.api.addr_make("target").to_string();
    let response = s.deliver(request(&target)).unwrap();
    assert_eq!(response.messages[0].gas_limit, Some(500_000));
}

#[test]
fn the_message_centers_deliveries_parse_and_migration_keeps_the_version() {
    let reply = ServiceHandlerMsg::HandleBtpReply {
        src: network("b.cosmos"),
        svc: CALL_SERVICE.into(),
        sn: 3,
        code: 40,
        message: "m".into(),
    };
    assert!(matches!(
        from_json::<ExecuteMsg>(to_json_vec(&reply).unwrap()).unwrap(),
        ExecuteMsg::HandleBtpReply {
            sn: 3,
            code: 40,
            ..
        }
    ));
    let message = ServiceHandlerMsg::HandleBtpMessage {
        src: network("b.cosmos"),
        svc: CALL_SERVICE.into(),
        sn: 3,
        payload: Binary::default(),
    };
    assert!(matches!(
        from_json::<ExecuteMsg>(to_json_vec(&message).unwrap()).unwrap(),
        ExecuteMsg::HandleBtpMessage { sn: 3, .. }
    ));
    let mut s = setup();
    migrate(s.deps.as_mut(), mock_env(), MigrateMsg {}).unwrap();
}

/// A sender cannot run its rollback again from inside it: while an attempt
/// runs, `execute_rollback` is refused; after a failed attempt it is allowed.
#[test]
fn a_running_rollback_cannot_be_run_again_from_inside_itself() {
    let mut s = setup();
    let (dapp, center, user) = (s.dapp.clone(), s.center.clone(), s.user.clone());
    s.send(&dapp, b"hi", Some(b"undo"), None).unwrap();
    let outcome = s
        .run(
            &center,
            ExecuteMsg::HandleBtpReply {
                src: network("b.cosmos"),
                svc: CALL_SERVICE.into(),
                sn: 1,
                code: CALL_FAILED,
                message: "failed".into(),
            },
        )
        .unwrap();
    let [rollback] = outcome.messages.as_slice() else {
        panic!("the rollback")
    };
    let CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr, msg, ..
    }) = &rollback.msg
    else {
        panic!("a wasm execute")
    };
    assert_eq!(*contract_addr, dapp.to_string());
    let own = format!("btp://a.cosmos/{}", mock_env().contract.address);
    assert_eq!(
        from_json::<ReceiverExecuteMsg>(msg).unwrap(),
        ReceiverExecuteMsg::HandleCallMessage {
            from: own,
            data: Binary::new(b"undo".to_vec()),
        }
    );
    // Inside the rollback (before its reply), the dApp tries to run it again.
    assert_eq!(
        s.run(&dapp, ExecuteMsg::ExecuteRollback { sn: 1 })
            .unwrap_err(),
        ContractError::RollbackRunning { sn: 1 }
    );
    let failed = Reply {
        id: crate::outcome::ROLLBACK_REPLY_ID,
        payload: rollback.payload.clone(),
        gas_used: 0,
        result: SubMsgResult::Err("out of gas".into()),
    };
    reply(s.deps.as_mut(), mock_env(), failed).unwrap();
    let retry = s.run(&user, ExecuteMsg::ExecuteRollback { sn: 1 }).unwrap();
    assert_eq!(retry.messages.len(), 1);
}
