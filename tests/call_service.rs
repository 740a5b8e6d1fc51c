//! The call service (`svc = "xcall"`) between two simulated chains with
//! real light clients, relayed by the relayer: calls that succeed, calls
//! whose target fails or is not there, rollbacks run once (and kept for a
//! retry when they fail themselves), calls past their timeout, calls from
//! accounts and from contracts, in both directions, and the checks that
//! keep anyone but the message center and the call service out.

use anyhow::Result;
use btp_types::events::call_service::CallExecuted;
use btp_types::events::call_service::CallMessage;
use btp_types::events::call_service::CallResponse;
use btp_types::events::call_service::RollbackExecuted;
use btp_types::events::call_service::RollbackFailed;
use btp_types::events::call_service::RollbackMessage;
use btp_types::events::TypedEvent;
use btp_types::msg::call_service::{
    self as xcall, ConfigResponse, FailedRollbackResponse, FeeResponse, PendingCallResponse,
    CALL_FAILED, CALL_SERVICE, CALL_SERVICE_PAUSED, INVALID_CALL,
};
use btp_types::msg::message_center::ExecuteMsg as CenterMsg;
use btp_types::{BtpAddress, BtpMessage, ErrorMessage};
use call_counter::msg::{ExecuteMsg as CounterMsg, QueryMsg as CounterQuery, StateResponse};
use call_service::ContractError;
use contract_kit::pause::PauseError;
use contract_kit::service::ServiceError;
use cosmwasm_std::{coin, Addr, Binary, Empty, Uint128};
use cw_multi_test::{Contract, ContractWrapper, Executor};
use relayer::RelayReport;
use testing::errors::{contract_error, MessageCenterError};
use testing::harness::{SimChain, TwoChains};
use testing::relay::{relay, resolve_timeouts, Side};

fn call_service_contract() -> Box<dyn Contract<Empty>> {
    use call_service::contract::{execute, instantiate, migrate, query, reply};
    Box::new(
        ContractWrapper::new(execute, instantiate, query)
            .with_reply(reply)
            .with_migrate(migrate),
    )
}

fn counter_contract() -> Box<dyn Contract<Empty>> {
    use call_counter::contract::{execute, instantiate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

/// The call service and a counter on one chain.
#[derive(Clone)]
struct Deployed {
    service: Addr,
    counter: Addr,
}

/// Stores, instantiates and registers the call service (as the message
/// center's owner) and a counter on `chain`, in a block of its own.
fn deploy(chain: &mut SimChain) -> Deployed {
    let owner = chain.owner.clone();
    let center = chain.contracts.message_center.clone();
    chain
        .in_block(|app| {
            let service_code = app.store_code(call_service_contract());
            let counter_code = app.store_code(counter_contract());
            let service = app.instantiate_contract(
                service_code,
                owner.clone(),
                &xcall::InstantiateMsg {
                    owner: None,
                    message_center: center.to_string(),
                    call_gas_limit: None,
                },
                &[],
                "call-service",
                Some(owner.to_string()),
            )?;
            app.execute_contract(
                owner.clone(),
                center.clone(),
                &CenterMsg::AddService {
                    svc: CALL_SERVICE.into(),
                    handler: service.to_string(),
                    batches: None,
                },
                &[],
            )?;
            let counter = app.instantiate_contract(
                counter_code,
                owner.clone(),
                &call_counter::msg::InstantiateMsg {
                    call_service: service.to_string(),
                },
                &[],
                "call-counter",
                None,
            )?;
            Ok(Deployed { service, counter })
        })
        .unwrap()
}

struct Setup {
    chains: TwoChains,
    a: Deployed,
    b: Deployed,
}

fn setup() -> Setup {
    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let a = deploy(&mut chains.a);
    let b = deploy(&mut chains.b);
    Setup { chains, a, b }
}

impl Setup {
    fn chain(&mut self, side: Side) -> &mut SimChain {
        match side {
            Side::A => &mut self.chains.a,
            Side::B => &mut self.chains.b,
        }
    }

    fn deployed(&self, side: Side) -> Deployed {
        match side {
            Side::A => self.a.clone(),
            Side::B => self.b.clone(),
        }
    }

    /// The BTP address of `account` on the chain of `side`.
    fn btp(&mut self, side: Side, account: &str) -> BtpAddress {
        let network = self.chain(side).network().clone();
        BtpAddress::new(network, account).unwrap()
    }

    /// The counter on `from` calls the counter on the other chain.
    fn counter_calls(
        &mut self,
        from: Side,
        data: &[u8],
        rollback: Option<&[u8]>,
        timeout_secs: Option<u64>,
    ) -> Result<()> {
        let to_counter = self.deployed(other(from)).counter;
        let to = self.btp(other(from), to_counter.as_str());
        let counter = self.deployed(from).counter;
        let chain = self.chain(from);
        let user = chain.user.clone();
        chain.execute(
            &user,
            &counter,
            &CounterMsg::Send {
                to,
                data: Binary::new(data.to_vec()),
                rollback: rollback.map(|r| Binary::new(r.to_vec())),
                timeout_secs,
            },
            &[],
        )?;
        Ok(())
    }

    fn counter(&mut self, side: Side) -> StateResponse {
        let counter = self.deployed(side).counter;
        self.chain(side)
            .app
            .wrap()
            .query_wasm_smart(counter, &CounterQuery::State {})
            .unwrap()
    }

    fn pending_calls(&mut self, side: Side) -> Vec<PendingCallResponse> {
        let service = self.deployed(side).service;
        self.chain(side)
            .app
            .wrap()
            .query_wasm_smart(
                service,
                &xcall::QueryMsg::PendingCalls {
                    start_after: None,
                    limit: None,
                },
            )
            .unwrap()
    }

    fn failed_rollbacks(&mut self, side: Side) -> Vec<FailedRollbackResponse> {
        let service = self.deployed(side).service;
        self.chain(side)
            .app
            .wrap()
            .query_wasm_smart(
                service,
                &xcall::QueryMsg::FailedRollbacks {
                    start_after: None,
                    limit: None,
                },
            )
            .unwrap()
    }

    fn config(&mut self, side: Side) -> ConfigResponse {
        let service = self.deployed(side).service;
        self.chain(side)
            .app
            .wrap()
            .query_wasm_smart(service, &xcall::QueryMsg::Config {})
            .unwrap()
    }

    /// Anyone (the relayer's account) runs a failed rollback again.
    fn execute_rollback(&mut self, side: Side, sn: i64) -> Result<()> {
        let service = self.deployed(side).service;
        let chain = self.chain(side);
        let relayer = chain.relayer.clone();
        chain.execute(
            &relayer,
            &service,
            &xcall::ExecuteMsg::ExecuteRollback { sn },
            &[],
        )?;
        Ok(())
    }

    /// Relays `from`'s messages to the other chain, then the replies back.
    fn round_trip(&mut self, from: Side) -> (RelayReport, RelayReport) {
        let there = relay(&mut self.chains, from).unwrap().expect("a delivery");
        let back = relay(&mut self.chains, other(from))
            .unwrap()
            .expect("the replies");
        (there, back)
    }
}

fn other(side: Side) -> Side {
    match side {
        Side::A => Side::B,
        Side::B => Side::A,
    }
}

/// The `[code, message]` of the replies (`sn < 0`) in a relayed batch's
/// destination, read from the commitments the destination made.
fn reply_codes(chain: &SimChain, report: &RelayReport) -> Vec<ErrorMessage> {
    let center = chain.contracts.message_center.to_string();
    let height = report.submitted.height;
    chain
        .committed_messages(&center, height, height)
        .into_iter()
        .map(|(_, committed)| BtpMessage::decode(&committed.message).unwrap())
        .filter(|message| message.sn < 0)
        .map(|message| ErrorMessage::decode(&message.payload).unwrap())
        .collect()
}

#[test]
fn a_call_from_a_contract_succeeds_in_both_directions() {
    let mut s = setup();
    for (from, to) in [(Side::A, Side::B), (Side::B, Side::A)] {
        s.counter_calls(from, b"hello", Some(b"undo"), None)
            .unwrap();
        let pending = s.pending_calls(from);
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].rollback, Some(Binary::new(b"undo".to_vec())));
        let (there, back) = s.round_trip(from);
        assert_eq!(
            CallExecuted::first(&there.submitted.events).map(|event| event.code),
            Some(0)
        );
        assert_eq!(
            reply_codes(s.chain(to), &there),
            vec![ErrorMessage {
                code: 0,
                message: String::new()
            }]
        );
        assert_eq!(
            CallResponse::first(&back.submitted.events).map(|event| event.code),
            Some(0)
        );
        let caller = s.deployed(from).counter;
        let expected_from = s.btp(from, caller.as_str()).to_string();
        let state = s.counter(to);
        assert_eq!(state.count, 1);
        assert_eq!(state.last_from, Some(expected_from));
        assert_eq!(state.last_data, Some(Binary::new(b"hello".to_vec())));
        assert!(s.pending_calls(from).is_empty(), "resolved once");
        assert_eq!(s.counter(from).rollbacks, 0, "no rollback on success");
    }
}

#[test]
fn a_call_whose_target_fails_is_rolled_back_once_on_the_source() {
    let mut s = setup();
    for (from, to) in [(Side::A, Side::B), (Side::B, Side::A)] {
        s.counter_calls(from, b"fail", Some(b"undo-1"), None)
            .unwrap();
        let (there, back) = s.round_trip(from);
        let reply = reply_codes(s.chain(to), &there);
        assert_eq!(reply.len(), 1);
        assert_eq!(reply[0].code, CALL_FAILED);
        assert!(
            reply[0].message.contains("asked to fail"),
            "{}",
            reply[0].message
        );
        assert_eq!(s.counter(to).count, 0);
        let events = &back.submitted.events;
        assert_eq!(
            CallResponse::first(events).map(|event| event.code),
            Some(-1)
        );
        assert_eq!(
            CallResponse::first(events).map(|event| event.btp_code),
            Some(CALL_FAILED)
        );
        assert_eq!(
            RollbackExecuted::first(events).map(|event| event.sn),
            Some(1)
        );
        let state = s.counter(from);
        assert_eq!(state.rollbacks, 1);
        assert_eq!(state.last_rollback, Some(Binary::new(b"undo-1".to_vec())));
        assert!(s.pending_calls(from).is_empty());
        assert!(s.failed_rollbacks(from).is_empty());
        // Nothing is left to run again.
        let err = s.execute_rollback(from, 1).unwrap_err();
        assert_eq!(
            contract_error::<ContractError>(&err),
            &ContractError::NoFailedRollback { sn: 1 }
        );
        assert_eq!(s.counter(from).rollbacks, 1);
        assert!(relay(&mut s.chains, from).unwrap().is_none());
    }
}

#[test]
fn a_rollback_that_fails_is_kept_retried_and_never_run_twice() {
    let mut s = setup();
    let (admin, counter_a) = (s.chains.a.owner.clone(), s.a.counter.clone());
    let refuse = |refuse| CounterMsg::SetRefuseRollbacks { refuse };
    s.chains
        .a
        .execute(&admin, &counter_a, &refuse(true), &[])
        .unwrap();
    s.counter_calls(Side::A, b"fail", Some(b"undo"), None)
        .unwrap();
    let (_, back) = s.round_trip(Side::A);
    assert!(RollbackFailed::first(&back.submitted.events)
        .map(|event| event.reason.to_string())
        .is_some());
    let failed = s.failed_rollbacks(Side::A);
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].sn, 1);
    assert_eq!(failed[0].to, counter_a.to_string());
    assert_eq!(failed[0].rollback, Binary::new(b"undo".to_vec()));
    assert!(
        failed[0].reason.contains("rollbacks are refused"),
        "{}",
        failed[0].reason
    );
    assert_eq!(s.counter(Side::A).rollbacks, 0);
    assert!(s.pending_calls(Side::A).is_empty(), "the outcome was taken");

    // A retry that fails again keeps it.
    s.execute_rollback(Side::A, 1).unwrap();
    assert_eq!(s.failed_rollbacks(Side::A).len(), 1);
    assert_eq!(s.counter(Side::A).rollbacks, 0);

    // The one that succeeds removes it: it never runs twice.
    s.chains
        .a
        .execute(&admin, &counter_a, &refuse(false), &[])
        .unwrap();
    s.execute_rollback(Side::A, 1).unwrap();
    assert!(s.failed_rollbacks(Side::A).is_empty());
    assert_eq!(s.counter(Side::A).rollbacks, 1);
    let err = s.execute_rollback(Side::A, 1).unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        &ContractError::NoFailedRollback { sn: 1 }
    );
    assert_eq!(s.counter(Side::A).rollbacks, 1);
}

#[test]
fn a_call_past_its_timeout_is_rolled_back_and_never_executed() {
    let mut s = setup();
    s.counter_calls(Side::B, b"late", Some(b"undo-late"), Some(30))
        .unwrap();
    // Nobody relays it; A's time passes the timeout.
    s.chains.a.clock().advance(40);
    s.chains.a.in_block(|_| Ok(())).unwrap();
    s.chains.a.in_block(|_| Ok(())).unwrap();
    let resolved = resolve_timeouts(&mut s.chains, Side::B)
        .unwrap()
        .expect("the timeout resolved");
    assert_eq!(resolved.requests.len(), 1);
    let events = &resolved.submitted.events;
    assert_eq!(
        CallResponse::first(events).map(|event| event.timed_out),
        Some(true)
    );
    assert_eq!(
        CallResponse::first(events).map(|event| event.code),
        Some(-2)
    );
    let state = s.counter(Side::B);
    assert_eq!(state.rollbacks, 1);
    assert_eq!(
        state.last_rollback,
        Some(Binary::new(b"undo-late".to_vec()))
    );
    assert!(s.pending_calls(Side::B).is_empty());

    // Relayed late, the call is not executed, and its reply changes nothing.
    if let Some(report) = relay(&mut s.chains, Side::B).unwrap() {
        assert!(CallMessage::first(&report.submitted.events)
            .map(|event| event.sn.to_string())
            .is_none());
    }
    let _ = relay(&mut s.chains, Side::A).unwrap();
    assert_eq!(s.counter(Side::A).count, 0);
    assert_eq!(s.counter(Side::B).rollbacks, 1);
}

#[test]
fn a_call_to_a_contract_that_does_not_exist_or_an_invalid_address_fails() {
    let mut s = setup();
    let nobody = s.chains.b.app.api().addr_make("nobody").to_string();
    let counter_a = s.a.counter.clone();
    let user = s.chains.a.user.clone();
    for (account, code, rollback) in [
        (nobody.as_str(), CALL_FAILED, "undo-nobody"),
        ("not-an-address", INVALID_CALL, "undo-invalid"),
    ] {
        let to = s.btp(Side::B, account);
        s.chains
            .a
            .execute(
                &user,
                &counter_a,
                &CounterMsg::Send {
                    to,
                    data: Binary::new(b"hi".to_vec()),
                    rollback: Some(Binary::new(rollback.as_bytes().to_vec())),
                    timeout_secs: None,
                },
                &[],
            )
            .unwrap();
        let (there, _) = s.round_trip(Side::A);
        let reply = reply_codes(&s.chains.b, &there);
        assert_eq!(reply.len(), 1);
        assert_eq!(reply[0].code, code, "{}", reply[0].message);
        assert_eq!(
            s.counter(Side::A).last_rollback,
            Some(Binary::new(rollback.as_bytes().to_vec()))
        );
    }
    assert_eq!(s.counter(Side::A).rollbacks, 2);
}

#[test]
fn calls_from_an_account_are_executed_and_cannot_carry_a_rollback() {
    let mut s = setup();
    let (user, service_a) = (s.chains.a.user.clone(), s.a.service.clone());
    let to_counter = s.b.counter.clone();
    let to = s.btp(Side::B, to_counter.as_str());
    let call = |data: &[u8], rollback: Option<&[u8]>| xcall::ExecuteMsg::SendCallMessage {
        to: to.clone(),
        data: Binary::new(data.to_vec()),
        rollback: rollback.map(|r| Binary::new(r.to_vec())),
        timeout_secs: None,
    };
    let err = s
        .chains
        .a
        .execute(&user, &service_a, &call(b"x", Some(b"undo")), &[])
        .unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        &ContractError::RollbackFromAccount {
            sender: user.to_string()
        }
    );
    s.chains
        .a
        .execute(&user, &service_a, &call(b"from-user", None), &[])
        .unwrap();
    // A failing call without rollback: the caller learns it from the event only.
    s.chains
        .a
        .execute(&user, &service_a, &call(b"fail", None), &[])
        .unwrap();
    let (_, back) = s.round_trip(Side::A);
    let state = s.counter(Side::B);
    assert_eq!(state.count, 1);
    let expected_from = s.btp(Side::A, user.as_str()).to_string();
    assert_eq!(state.last_from, Some(expected_from));
    assert!(s.pending_calls(Side::A).is_empty());
    assert!(RollbackMessage::first(&back.submitted.events)
        .map(|event| event.sn.to_string())
        .is_none());
    assert_eq!(s.config(Side::A).last_sn, 2, "the refused call used no sn");
}

#[test]
fn only_the_message_center_delivers_and_only_the_call_service_calls_a_receiver() {
    let mut s = setup();
    s.counter_calls(Side::A, b"fail", Some(b"undo"), None)
        .unwrap();
    let (user, service_a) = (s.chains.a.user.clone(), s.a.service.clone());
    let center = s.chains.a.contracts.message_center.to_string();
    let network_b = s.chains.b.network().clone();
    let forged_reply = xcall::ExecuteMsg::HandleBtpReply {
        src: network_b.clone(),
        svc: CALL_SERVICE.into(),
        sn: 1,
        code: CALL_FAILED,
        message: "forged".into(),
    };
    let err = s
        .chains
        .a
        .execute(&user, &service_a, &forged_reply, &[])
        .unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        &ContractError::Service(ServiceError::NotMessageCenter {
            sender: user.to_string(),
            message_center: center.clone(),
        })
    );
    let forged_call = xcall::ExecuteMsg::HandleBtpMessage {
        src: network_b,
        svc: CALL_SERVICE.into(),
        sn: 7,
        payload: Binary::default(),
    };
    let err = s
        .chains
        .a
        .execute(&user, &service_a, &forged_call, &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<ContractError>(&err),
        ContractError::Service(ServiceError::NotMessageCenter { .. })
    ));
    // Nobody but the call service reaches the receiver either.
    let (counter_a, own) = (s.a.counter.clone(), s.config(Side::A).btp_address);
    let err = s
        .chains
        .a
        .execute(
            &user,
            &counter_a,
            &CounterMsg::HandleCallMessage {
                from: own,
                data: Binary::new(b"undo".to_vec()),
            },
            &[],
        )
        .unwrap_err();
    assert!(matches!(
        err.downcast_ref::<call_counter::ContractError>(),
        Some(call_counter::ContractError::NotCallService { .. })
    ));
    // The forged outcome changed nothing: the real one rolls back once.
    assert_eq!(s.pending_calls(Side::A).len(), 1);
    assert_eq!(s.counter(Side::A).rollbacks, 0);
    s.round_trip(Side::A);
    assert_eq!(s.counter(Side::A).rollbacks, 1);
}

#[test]
fn a_paused_call_service_neither_sends_nor_executes_and_fees_are_forwarded() {
    let mut s = setup();
    let (owner_b, service_b) = (s.chains.b.owner.clone(), s.b.service.clone());
    let pause = |paused| xcall::ExecuteMsg::SetPaused { paused };
    s.chains
        .b
        .execute(&owner_b, &service_b, &pause(true), &[])
        .unwrap();
    // Sending from the paused side is refused.
    let err = s.counter_calls(Side::B, b"x", None, None).unwrap_err();
    assert!(matches!(
        contract_error::<ContractError>(&err),
        ContractError::Pause(PauseError::Paused { .. })
    ));
    // A call into it is refused with its code, and rolled back.
    s.counter_calls(Side::A, b"x", Some(b"undo"), None).unwrap();
    let (there, _) = s.round_trip(Side::A);
    assert_eq!(
        reply_codes(&s.chains.b, &there)[0].code,
        CALL_SERVICE_PAUSED
    );
    assert_eq!(s.counter(Side::B).count, 0);
    assert_eq!(s.counter(Side::A).rollbacks, 1);
    s.chains
        .b
        .execute(&owner_b, &service_b, &pause(false), &[])
        .unwrap();

    // With a relay fee on A's route to B, the call pays it through.
    let (owner_a, center_a) = (
        s.chains.a.owner.clone(),
        s.chains.a.contracts.message_center.clone(),
    );
    let network_b = s.chains.b.network().clone();
    s.chains
        .a
        .execute(
            &owner_a,
            &center_a,
            &CenterMsg::SetFee {
                network: network_b.clone(),
                forward: Uint128::new(5),
                backward: Uint128::new(3),
            },
            &[],
        )
        .unwrap();
    let service_a = s.a.service.clone();
    let fee: FeeResponse = s
        .chains
        .a
        .app
        .wrap()
        .query_wasm_smart(&service_a, &xcall::QueryMsg::Fee { to: network_b })
        .unwrap();
    assert_eq!(fee.amount, Uint128::new(8));
    let counter_b = s.b.counter.clone();
    let to = s.btp(Side::B, counter_b.as_str());
    let user = s.chains.a.user.clone();
    let send = xcall::ExecuteMsg::SendCallMessage {
        to,
        data: Binary::new(b"paid".to_vec()),
        rollback: None,
        timeout_secs: None,
    };
    let err = s
        .chains
        .a
        .execute(&user, &service_a, &send, &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<MessageCenterError>(&err),
        MessageCenterError::WrongFee { .. }
    ));
    let before = testing::relay::balance(&s.chains.a, &user, &fee.denom);
    s.chains
        .a
        .execute(&user, &service_a, &send, &[coin(8, fee.denom.clone())])
        .unwrap();
    assert_eq!(
        testing::relay::balance(&s.chains.a, &user, &fee.denom),
        before - 8
    );
    s.round_trip(Side::A);
    assert_eq!(s.counter(Side::B).count, 1);
}
