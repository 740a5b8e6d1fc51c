//! Each check of the kv service, with the attack or mistake it stops: the
//! service alone on `testing::suite`'s kv variant, its message center a
//! recording mock.

use btp_types::error_code::TIMED_OUT;
use btp_types::events::kv_service::AnswerReceived;
use btp_types::events::kv_service::Asked;
use btp_types::events::TypedEvent;
use btp_types::msg::kv_service::{
    Answer, ExecuteMsg, RequestResponse, DEFAULT_ASK_TIMEOUT_SECS, INVALID_KEY, KV_SERVICE,
    MAX_ASK_TIMEOUT_SECS, MAX_KEY_BYTES, MAX_VALUE_BYTES, UNKNOWN_KEY,
};
use btp_types::msg::message_center::ExecuteMsg as MessageCenterMsg;
use btp_types::msg::service_handler::ServiceHandlerMsg;
use btp_types::ErrorMessage;
use contract_kit::service::ServiceError;
use cosmwasm_std::to_json_vec;
use cosmwasm_std::{coins, from_json, Binary, Timestamp};
use cw_multi_test::Executor;
use cw_ownable::OwnershipError;
use testing::errors::{contract_error, query_refusal, KvError as ContractError};
use testing::suite::kv::*;

fn setup() -> KvSuite {
    SuiteBuilder::new().kv_service()
}

/// What a request records once answered.
fn answered(code: u32, value: &str) -> Option<Answer> {
    Some(Answer {
        code,
        value: value.into(),
    })
}

/// The service's error in `err` (a panic when it carries another).
fn kv_error(err: &anyhow::Error) -> &ContractError {
    contract_error(err)
}

#[test]
fn a_request_is_answered_with_the_value_or_why_not() {
    let mut s = setup();
    s.set("price", "42");
    assert_eq!(
        s.request(b"price", 7).unwrap(),
        ErrorMessage {
            code: 0,
            message: "42".into()
        }
    );
    let unknown = s.request(b"volume", 8).unwrap();
    assert_eq!(unknown.code, UNKNOWN_KEY);
    assert_eq!(unknown.message, "no value for \"volume\"");
}

/// A batch is answered per request, each as its single delivery would be.
#[test]
fn a_batch_of_requests_is_answered_per_request() {
    let mut s = setup();
    s.set("price", "42");
    let response = s
        .deliver(&ExecuteMsg::HandleBtpMessages {
            src: net("btp-a.cosmos"),
            svc: KV_SERVICE.into(),
            messages: [("price", 7), ("volume", 8)]
                .map(
                    |(key, sn)| btp_types::msg::service_handler::IncomingMessage {
                        sn,
                        payload: Binary::new(key.as_bytes().to_vec()),
                    },
                )
                .to_vec(),
        })
        .unwrap();
    let answers: btp_types::msg::service_handler::BatchAnswers =
        cosmwasm_std::from_json(response.data.unwrap()).unwrap();
    let answers: Vec<ErrorMessage> = answers
        .iter()
        .map(|answer| ErrorMessage::decode(answer.as_ref().unwrap()).unwrap())
        .collect();
    assert_eq!(answers[0].message, "42");
    assert_eq!(answers[1].code, UNKNOWN_KEY);

    // Only the message center delivers batches too.
    let outsider = s.owner.clone();
    let err = s
        .run(
            &outsider,
            &ExecuteMsg::HandleBtpMessages {
                src: net("btp-a.cosmos"),
                svc: KV_SERVICE.into(),
                messages: vec![btp_types::msg::service_handler::IncomingMessage {
                    sn: 9,
                    payload: Binary::new(b"price".to_vec()),
                }],
            },
        )
        .unwrap_err();
    assert!(
        matches!(
            kv_error(&err),
            ContractError::Service(ServiceError::NotMessageCenter { .. })
        ),
        "{err:?}"
    );
}

/// Check: a key the service cannot hold is answered with `INVALID_KEY`, not
/// failed, so the asker learns why.
#[test]
fn a_request_with_a_key_it_cannot_hold_is_answered_invalid() {
    let mut s = setup();
    for key in [vec![], vec![0xff, 0xfe], vec![b'k'; MAX_KEY_BYTES + 1]] {
        assert_eq!(s.request(&key, 1).unwrap().code, INVALID_KEY, "{key:?}");
    }
    assert_eq!(
        s.request(&[b'k'; MAX_KEY_BYTES], 1).unwrap().code,
        UNKNOWN_KEY
    );
}

/// Check: only the message center delivers. A forged request could read
/// nothing secret, but a forged reply would plant an answer the other chain
/// never gave.
#[test]
fn deliveries_from_anyone_but_the_message_center_are_refused() {
    let mut s = setup();
    s.ask("btp-b.cosmos", "price").unwrap();
    let forger = s.user.clone();
    let forged = ExecuteMsg::HandleBtpReply {
        src: net("btp-b.cosmos"),
        svc: KV_SERVICE.into(),
        sn: 1,
        code: 0,
        message: "forged".into(),
    };
    let err = s.run(&forger, &forged).unwrap_err();
    assert_eq!(
        *kv_error(&err),
        ContractError::Service(ServiceError::NotMessageCenter {
            sender: forger.to_string(),
            message_center: s.center.to_string()
        })
    );
    let forged = ExecuteMsg::HandleBtpMessage {
        src: net("btp-b.cosmos"),
        svc: KV_SERVICE.into(),
        sn: 1,
        payload: Binary::new(b"price".to_vec()),
    };
    assert!(matches!(
        kv_error(&s.run(&forger, &forged).unwrap_err()),
        ContractError::Service(ServiceError::NotMessageCenter { .. })
    ));
    assert_eq!(s.query_request(1).unwrap().answer, None);
}

#[test]
fn an_ask_sends_the_key_through_the_message_center_with_the_fee() {
    let mut s = setup();
    let user = s.user.clone();
    let ask = ExecuteMsg::Ask {
        to: net("btp-b.cosmos"),
        key: "price".into(),
        timeout_secs: None,
    };
    let kv = s.kv.clone();
    let response = s
        .app
        .execute_contract(user, kv, &ask, &coins(5, STAKE))
        .unwrap();
    assert_eq!(from_json::<i64>(response.data.unwrap()).unwrap(), 1);
    let [call] = s
        .calls()
        .try_into()
        .expect("one call of the message center");
    assert_eq!(call.funds, coins(5, STAKE));
    assert_eq!(s.native_balance(&s.center, STAKE), 5, "the fee reached it");
    assert_eq!(
        call.msg,
        MessageCenterMsg::SendMessage {
            to: net("btp-b.cosmos"),
            svc: KV_SERVICE.into(),
            sn: 1,
            payload: Binary::new(b"price".to_vec()),
            timeout: Some(
                s.app
                    .block_info()
                    .time
                    .plus_seconds(DEFAULT_ASK_TIMEOUT_SECS)
            ),
        }
    );
    s.ask("btp-b.cosmos", "volume").unwrap();
    let second = s.query_request(2).unwrap();
    assert_eq!((second.key.as_str(), second.answer), ("volume", None));
}

#[test]
fn an_answer_is_recorded_once_from_the_network_asked() {
    let mut s = setup();
    s.ask("btp-b.cosmos", "price").unwrap();
    // Check: a reply from another network than the one asked is refused.
    assert_eq!(
        *kv_error(&s.reply("btp-c.cosmos", 1, 0).unwrap_err()),
        ContractError::Service(ServiceError::ReplyFromElsewhere {
            sn: 1,
            src: "btp-c.cosmos".into(),
            to: "btp-b.cosmos".into()
        })
    );
    s.reply("btp-b.cosmos", 1, 0).unwrap();
    assert_eq!(s.query_request(1).unwrap().answer, answered(0, "42"));
    // Check: a second reply (a replay) cannot overwrite the answer.
    assert_eq!(
        *kv_error(&s.reply("btp-b.cosmos", 1, UNKNOWN_KEY).unwrap_err()),
        ContractError::AlreadyAnswered { sn: 1 }
    );
    // Check: a reply to a request never sent is refused.
    assert_eq!(
        *kv_error(&s.reply("btp-b.cosmos", 2, 0).unwrap_err()),
        ContractError::UnknownRequest { sn: 2 }
    );
}

#[test]
fn deliveries_for_another_service_or_one_way_are_refused() {
    let mut s = setup();
    let wrong_service = s.deliver(&ExecuteMsg::HandleBtpMessage {
        src: net("btp-a.cosmos"),
        svc: "bts".into(),
        sn: 1,
        payload: Binary::new(b"price".to_vec()),
    });
    assert_eq!(
        *kv_error(&wrong_service.unwrap_err()),
        ContractError::Service(ServiceError::WrongService {
            svc: "bts".into(),
            expected: KV_SERVICE.into()
        })
    );
    assert_eq!(
        *kv_error(&s.request(b"price", 0).unwrap_err()),
        ContractError::OneWayMessage {
            src: "btp-a.cosmos".into()
        }
    );
}

/// Check: only the owner publishes, so nobody else decides what this chain answers.
#[test]
fn only_the_owner_sets_or_removes_values() {
    let mut s = setup();
    let user = s.user.clone();
    let set = ExecuteMsg::Set {
        key: "price".into(),
        value: "1".into(),
    };
    assert_eq!(
        *kv_error(&s.run(&user, &set).unwrap_err()),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    s.set("price", "42");
    let remove = ExecuteMsg::Remove {
        key: "price".into(),
    };
    assert_eq!(
        *kv_error(&s.run(&user, &remove).unwrap_err()),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    let owner = s.owner.clone();
    s.run(&owner, &remove).unwrap();
    assert_eq!(s.request(b"price", 1).unwrap().code, UNKNOWN_KEY);
}

#[test]
fn keys_and_values_out_of_bounds_are_refused() {
    let mut s = setup();
    let owner = s.owner.clone();
    for (key, value, field) in [
        (String::new(), "v".to_string(), "key"),
        ("k".repeat(MAX_KEY_BYTES + 1), "v".into(), "key"),
        ("k".into(), "v".repeat(MAX_VALUE_BYTES + 1), "value"),
    ] {
        let err = s.run(&owner, &ExecuteMsg::Set { key, value }).unwrap_err();
        assert!(
            matches!(kv_error(&err), ContractError::InvalidInput { field: f, .. } if *f == field),
            "{err}"
        );
    }
    assert!(matches!(
        kv_error(&s.ask("btp-b.cosmos", "").unwrap_err()),
        ContractError::InvalidInput { field: "key", .. }
    ));
    // A refused ask used no serial number.
    s.ask("btp-b.cosmos", "price").unwrap();
    assert_eq!(s.query_request(1).unwrap().key, "price");
}

/// What the message center sends (`ServiceHandlerMsg`) is what the
/// service parses: the two shapes cannot drift apart.
#[test]
fn the_message_centers_deliveries_parse() {
    let reply = ServiceHandlerMsg::HandleBtpReply {
        src: net("btp-b.cosmos"),
        svc: KV_SERVICE.into(),
        sn: 3,
        code: 0,
        message: "42".into(),
    };
    assert_eq!(
        from_json::<ExecuteMsg>(to_json_vec(&reply).unwrap()).unwrap(),
        ExecuteMsg::HandleBtpReply {
            src: net("btp-b.cosmos"),
            svc: KV_SERVICE.into(),
            sn: 3,
            code: 0,
            message: "42".into()
        }
    );
    let request = ServiceHandlerMsg::HandleBtpMessage {
        src: net("btp-a.cosmos"),
        svc: KV_SERVICE.into(),
        sn: 1,
        payload: Binary::new(b"price".to_vec()),
    };
    assert_eq!(
        from_json::<ExecuteMsg>(to_json_vec(&request).unwrap()).unwrap(),
        ExecuteMsg::HandleBtpMessage {
            src: net("btp-a.cosmos"),
            svc: KV_SERVICE.into(),
            sn: 1,
            payload: Binary::new(b"price".to_vec()),
        }
    );
}

/// The timeout of the last `send_message`, the service's `calls`-th call of
/// its message center (so each ask made exactly one).
fn sent_timeout(s: &KvSuite, calls: usize) -> Option<Timestamp> {
    let sent = s.calls();
    assert_eq!(sent.len(), calls, "one send_message per ask: {sent:?}");
    match sent.last().map(|call| &call.msg) {
        Some(MessageCenterMsg::SendMessage { timeout, .. }) => *timeout,
        other => panic!("send_message expected: {other:?}"),
    }
}

/// Check: every request leaves with a timeout, the default or its own, so
/// none waits for good behind a dead relayer.
#[test]
fn an_ask_sends_its_timeout_or_the_default() {
    let mut s = setup();
    let now = s.app.block_info().time;
    let response = s.ask_with_timeout(None).unwrap();
    let default = now.plus_seconds(DEFAULT_ASK_TIMEOUT_SECS);
    assert_eq!(sent_timeout(&s, 1), Some(default));
    assert_eq!(
        Asked::first(&response.events)
            .expect("the event")
            .timeout
            .to_string(),
        default.nanos().to_string()
    );
    s.ask_with_timeout(Some(30)).unwrap();
    assert_eq!(sent_timeout(&s, 2), Some(now.plus_seconds(30)));
    s.ask_with_timeout(Some(MAX_ASK_TIMEOUT_SECS)).unwrap();
    assert_eq!(
        sent_timeout(&s, 3),
        Some(now.plus_seconds(MAX_ASK_TIMEOUT_SECS))
    );
}

/// Check: a zero, too long or overflowing timeout is refused, and a refused
/// ask uses no serial number.
#[test]
fn an_ask_with_a_bad_timeout_is_refused() {
    let mut s = setup();
    for seconds in [0, MAX_ASK_TIMEOUT_SECS + 1] {
        let err = s.ask_with_timeout(Some(seconds)).unwrap_err();
        assert!(
            matches!(kv_error(&err), ContractError::InvalidInput { field: "timeout_secs", reason }
                if reason.starts_with(&format!("{seconds} seconds"))),
            "{err}"
        );
    }
    let today = s.app.block_info().time;
    let now = Timestamp::from_nanos(u64::MAX - 10);
    s.app.update_block(|block| block.time = now);
    assert_eq!(
        *kv_error(&s.ask_with_timeout(None).unwrap_err()),
        ContractError::TimeoutOverflow {
            now,
            seconds: DEFAULT_ASK_TIMEOUT_SECS
        }
    );
    s.app.update_block(|block| block.time = today);
    assert_eq!(
        query_refusal(&s.query_request(1).unwrap_err()),
        ContractError::UnknownRequest { sn: 1 }.to_string()
    );
    assert!(
        s.calls().is_empty(),
        "no refused ask reached the message center"
    );
    s.ask("btp-b.cosmos", "price").unwrap();
    assert_eq!(s.query_request(1).unwrap().key, "price");
}

/// Check: a request that timed out is recorded as answered with
/// `TIMED_OUT` and the reason, once: a late answer cannot overwrite it.
#[test]
fn a_timed_out_request_is_answered_with_the_timeout_once() {
    let mut s = setup();
    s.ask("btp-b.cosmos", "price").unwrap();
    let response = s
        .deliver(&ExecuteMsg::HandleBtpReply {
            src: net("btp-b.cosmos"),
            svc: KV_SERVICE.into(),
            sn: 1,
            code: TIMED_OUT,
            message: "timed out".into(),
        })
        .unwrap();
    assert_eq!(
        AnswerReceived::first(&response.events)
            .expect("the event")
            .timed_out
            .to_string(),
        "true"
    );
    assert_eq!(
        AnswerReceived::first(&response.events)
            .expect("the event")
            .code
            .to_string(),
        TIMED_OUT.to_string()
    );
    assert_eq!(
        s.query_request(1).unwrap().answer,
        answered(TIMED_OUT, "timed out")
    );
    assert_eq!(
        *kv_error(&s.reply("btp-b.cosmos", 1, 0).unwrap_err()),
        ContractError::AlreadyAnswered { sn: 1 }
    );
    assert_eq!(s.query_request(1).unwrap().answer.unwrap().code, TIMED_OUT);

    // An ordinary answer says it did not time out.
    s.ask("btp-b.cosmos", "volume").unwrap();
    let response = s.reply("btp-b.cosmos", 2, 0).unwrap();
    assert_eq!(
        AnswerReceived::first(&response.events)
            .expect("the event")
            .timed_out
            .to_string(),
        "false"
    );
}

/// Check: the state of 0.2.0, which kept answered requests with the pending
/// ones, carries on after a migration: each request is answered once, and
/// the query finds it, answered or not.
#[test]
fn requests_sent_by_0_2_0_are_answered_once_after_a_migration() {
    use cw_storage_plus::{Item, Map};
    // The layout of 0.2.0: requests by sn, answered or not, and the last sn.
    const REQUESTS: Map<i64, RequestResponse> = Map::new("requests");
    const LAST_SN: Item<i64> = Item::new("last_sn");

    let mut s = setup();
    let kv = s.kv.clone();
    let mut contract_storage = s.app.contract_storage_mut(&kv);
    let storage = contract_storage.as_mut();
    let asked = |key: &str, answer| RequestResponse {
        to: net("btp-b.cosmos"),
        key: key.into(),
        answer,
    };
    let answer = Answer {
        code: 0,
        value: "7".into(),
    };
    REQUESTS
        .save(storage, 1, &asked("price", Some(answer.clone())))
        .unwrap();
    REQUESTS.save(storage, 2, &asked("volume", None)).unwrap();
    LAST_SN.save(storage, &2).unwrap();
    drop(contract_storage);
    let (owner, code) = (s.owner.clone(), s.kv_code_id);
    s.app
        .migrate_contract(owner, kv, &btp_types::msg::MigrateMsg {}, code)
        .unwrap();

    assert_eq!(s.query_request(1).unwrap().answer, Some(answer));
    assert_eq!(s.query_request(2).unwrap().answer, None);
    assert_eq!(
        *kv_error(&s.reply("btp-b.cosmos", 1, 0).unwrap_err()),
        ContractError::AlreadyAnswered { sn: 1 }
    );
    s.reply("btp-b.cosmos", 2, 0).unwrap();
    assert_eq!(s.query_request(2).unwrap().answer, answered(0, "42"));
    assert_eq!(
        *kv_error(&s.reply("btp-b.cosmos", 2, 0).unwrap_err()),
        ContractError::AlreadyAnswered { sn: 2 }
    );
    let response = s.ask("btp-b.cosmos", "price").unwrap();
    assert_eq!(from_json::<i64>(response.data.unwrap()).unwrap(), 3);
}
