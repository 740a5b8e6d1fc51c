//! Relay fees: charged exactly, earned by the relayer that delivers, claimed
//! once; claims across chains with ICON's `Claim`/`Response` messages.

use btp_types::error_code::UNKNOWN;
use btp_types::events::message_center::ClaimResult;
use btp_types::events::message_center::DeliveryFailed;
use btp_types::events::message_center::RewardCredited;
use btp_types::events::message_center::RouteAnnouncementIgnored;
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{ExecuteMsg, FeeQuoteResponse, QueryMsg, RelayedMessage};
use btp_types::rlp::ListEncoder;
use btp_types::{BtpMessage, ErrorMessage, MessageCenterMessage};
use cosmwasm_std::{coin, Addr, Binary, Uint128};
use cw_multi_test::Executor;
use message_center::ContractError;
use testing::mock_handler::Arrival;
use testing::mock_verifier::Mode;
use testing::suite::centers::*;

fn reward(suite: &TwoCenters, center: &Addr, network: &str, relayer: &Addr) -> u128 {
    let reward: Uint128 = suite
        .app
        .wrap()
        .query_wasm_smart(
            center,
            &QueryMsg::Reward {
                network: net(network),
                relayer: relayer.to_string(),
            },
        )
        .unwrap();
    reward.u128()
}

#[test]
fn the_fee_is_quoted_and_must_be_paid_exactly() {
    let mut suite = SuiteBuilder::new().two_centers();
    let quote: FeeQuoteResponse = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.a.center,
            &QueryMsg::FeeQuote {
                to: net("b.cosmos"),
                expects_reply: true,
            },
        )
        .unwrap();
    assert_eq!(
        (quote.denom.as_str(), quote.amount.u128()),
        (FEE_A, FORWARD_FEE + BACKWARD_FEE)
    );

    let err = suite
        .send_from_a(1, b"x", &[coin(FORWARD_FEE, FEE_A)])
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::WrongFee { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}")
        .contains("fee for this message is 140 ufeea, but 100 ufeea was attached"));
    let err = suite.send_from_a(0, b"x", &[]).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::WrongFee { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}").contains("but 0 ufeea was attached"));
    let err = suite
        .send_from_a(0, b"x", &[coin(FORWARD_FEE + 1, FEE_A)])
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::WrongFee { .. }),
        "overpaying is refused too"
    );
    assert!(format!("{err:#}").contains("but 101 ufeea was attached"));
    let err = suite
        .send_from_a(0, b"x", &[coin(FORWARD_FEE, FEE_A), coin(1, FEE_B)])
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::UnexpectedFunds { .. }),
        "{err:#}"
    );
    suite
        .send_from_a(0, b"x", &[coin(FORWARD_FEE, FEE_A)])
        .unwrap();
    assert_eq!(
        suite.native_balance(&suite.a.center.clone(), FEE_A),
        FORWARD_FEE
    );
}

#[test]
fn the_delivering_relayer_earns_each_hop_and_claims_it_once() {
    let mut suite = SuiteBuilder::new().two_centers();
    let relayer = suite.relayer.clone();
    let (center_a, center_b) = (suite.a.center.clone(), suite.b.center.clone());
    let request = suite.request_from_a(1, b"ping");
    let reply = reply_sequence(suite.relay_to_b(&[request]).unwrap());

    // Forward hop: earned on B, in A's currency.
    assert_eq!(reward(&suite, &center_b, "a.cosmos", &relayer), FORWARD_FEE);
    // Backward hop: earned on A when the reply arrives, in A's currency, payable there.
    suite.relay_to_a(&[reply]).unwrap();
    assert_eq!(
        reward(&suite, &center_a, "a.cosmos", &relayer),
        BACKWARD_FEE
    );

    let claim = ExecuteMsg::ClaimReward {
        network: net("a.cosmos"),
        receiver: None,
    };
    suite
        .app
        .execute_contract(relayer.clone(), center_a.clone(), &claim, &[])
        .unwrap();
    assert_eq!(suite.native_balance(&relayer, FEE_A), BACKWARD_FEE);
    let err = suite
        .app
        .execute_contract(relayer.clone(), center_a.clone(), &claim, &[])
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::NoReward { .. }),
        "{err:#}"
    );
    assert_eq!(
        suite.native_balance(&relayer, FEE_A),
        BACKWARD_FEE,
        "claimed exactly once"
    );

    // The forward reward is claimed on B with ICON's `Claim`, a request paid
    // like any other; A credits it to the receiver and answers `Response`.
    let claim_fee = coin(FORWARD_FEE + BACKWARD_FEE, FEE_B);
    suite.user_pays(&relayer, std::slice::from_ref(&claim_fee));
    let claim_on_b = ExecuteMsg::ClaimReward {
        network: net("a.cosmos"),
        receiver: Some(relayer.to_string()),
    };
    let err = suite
        .app
        .execute_contract(relayer.clone(), center_b.clone(), &claim_on_b, &[])
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::WrongFee { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}").contains("but 0 ufeeb was attached"));
    let response = suite
        .app
        .execute_contract(relayer.clone(), center_b.clone(), &claim_on_b, &[claim_fee])
        .unwrap();
    assert_eq!(reward(&suite, &center_b, "a.cosmos", &relayer), 0);
    let claims = committed(&response);
    let sent = BtpMessage::decode(&claims[0].message).unwrap();
    assert_eq!((sent.svc.as_str(), sent.sn), ("bmc", sent.nsn));
    assert!(sent.sn > 0, "a claim is a request whose sn is its nsn");
    assert_eq!(
        MessageCenterMessage::decode(&sent.payload).unwrap(),
        MessageCenterMessage::Claim {
            amount: Uint128::new(FORWARD_FEE),
            receiver: relayer.to_string(),
        }
    );

    let response = suite.relay_to_a(&claims).unwrap();
    assert!(RewardCredited::occurs_in(&response.events));
    let answers = committed(&response);
    let answer = BtpMessage::decode(&answers[0].message).unwrap();
    assert_eq!((answer.svc.as_str(), answer.sn), ("bmc", 0));
    assert_eq!(answer.nsn, -sent.nsn);
    assert_eq!(hex::encode(&answer.payload), "cd88526573706f6e736583c20080");
    assert_eq!(
        answer.fee_info.map(|fee| fee.values),
        Some(vec![Uint128::new(BACKWARD_FEE)]),
        "the claim's fee for the way back"
    );
    // Credited as a reward in A's currency, claimed on A like any other.
    assert_eq!(reward(&suite, &center_a, "a.cosmos", &relayer), FORWARD_FEE);
    suite
        .app
        .execute_contract(relayer.clone(), center_a.clone(), &claim, &[])
        .unwrap();
    assert_eq!(
        suite.native_balance(&relayer, FEE_A),
        BACKWARD_FEE + FORWARD_FEE
    );
    assert_eq!(
        suite.native_balance(&center_a, FEE_A),
        0,
        "every fee paid went to the relayer"
    );

    // The Response resolves the claim on B, which keeps the reward at zero.
    let response = suite.relay_to_b(&answers).unwrap();
    assert_eq!(
        ClaimResult::first(&response.events).map(|event| event.code),
        Some(0)
    );
    assert_eq!(
        ClaimResult::first(&response.events).map(|event| event.refunded),
        Some(false)
    );
    let err = suite
        .app
        .execute_contract(relayer.clone(), center_b, &claim_on_b, &[])
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::NoReward { .. }),
        "{err:#}"
    );
}

#[test]
fn a_claim_the_remote_center_refuses_gives_the_reward_back() {
    let mut suite = SuiteBuilder::new().two_centers();
    let relayer = suite.relayer.clone();
    let (center_a, center_b) = (suite.a.center.clone(), suite.b.center.clone());
    let request = suite.request_from_a(1, b"ping");
    let reply = reply_sequence(suite.relay_to_b(&[request]).unwrap());
    suite.relay_to_a(&[reply]).unwrap();
    assert_eq!(reward(&suite, &center_b, "a.cosmos", &relayer), FORWARD_FEE);

    let claim_fee = coin(FORWARD_FEE + BACKWARD_FEE, FEE_B);
    suite.user_pays(&relayer, std::slice::from_ref(&claim_fee));
    // An ICON account is not an account of A: A answers with an error reply.
    let response = suite
        .app
        .execute_contract(
            relayer.clone(),
            center_b.clone(),
            &ExecuteMsg::ClaimReward {
                network: net("a.cosmos"),
                receiver: Some("hxabcdef".into()),
            },
            &[claim_fee],
        )
        .unwrap();
    assert_eq!(reward(&suite, &center_b, "a.cosmos", &relayer), 0);
    let response = suite.relay_to_a(&committed(&response)).unwrap();
    assert!(!RewardCredited::occurs_in(&response.events));
    let replies = committed(&response);
    let reply = BtpMessage::decode(&replies[0].message).unwrap();
    assert!(reply.sn < 0, "an error reply");
    let outcome = ErrorMessage::decode(&reply.payload).unwrap();
    assert_eq!(outcome.code, UNKNOWN);
    assert!(outcome.message.contains("is not an account of this chain"));
    assert_eq!(
        reward(&suite, &center_a, "a.cosmos", &relayer),
        BACKWARD_FEE,
        "nothing credited on A"
    );

    let response = suite.relay_to_b(&replies).unwrap();
    assert_eq!(
        ClaimResult::first(&response.events).map(|event| event.refunded),
        Some(true)
    );
    assert_eq!(
        reward(&suite, &center_b, "a.cosmos", &relayer),
        FORWARD_FEE,
        "the claimer may claim again"
    );
    // The same answer once more (a forged replay) names no waiting claim.
    let verifier = suite.b.verifier.clone();
    suite.set_mock_verifier_mode(&verifier, Mode::AcceptAll);
    let response = suite
        .relay(
            &relayer,
            &center_b,
            &net("a.cosmos"),
            vec![forged(replies[0].sequence + 1, &reply)],
        )
        .unwrap();
    assert!(DeliveryFailed::occurs_in(&response.events));
    assert_eq!(reward(&suite, &center_b, "a.cosmos", &relayer), FORWARD_FEE);
    assert_eq!(
        reward(&suite, &center_a, "a.cosmos", &relayer),
        BACKWARD_FEE,
        "nothing credited on A"
    );
}

fn forged(sequence: u64, message: &BtpMessage) -> RelayedMessage {
    RelayedMessage {
        sequence,
        message: Binary::new(message.encode()),
        timeout: None,
    }
}

/// A message from B to A's message center that only an accept-all verifier lets in.
fn from_b(sn: i64, nsn: i64, payload: Vec<u8>) -> BtpMessage {
    BtpMessage {
        src: net("b.cosmos"),
        dst: net("a.cosmos"),
        svc: "bmc".into(),
        sn,
        payload: Binary::new(payload),
        nsn,
        fee_info: None,
    }
}

#[test]
fn icons_claim_bytes_are_understood_and_answered() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (relayer, center_a, verifier) = (
        suite.relayer.clone(),
        suite.a.center.clone(),
        suite.a.verifier.clone(),
    );
    suite.set_mock_verifier_mode(&verifier, Mode::AcceptAll);
    // ICON's claim of 10^18 for "hxabcdef", as a request (sn = nsn = 7).
    let icon_claim = hex::decode("da85436c61696d93d2880de0b6b3a7640000886878616263646566").unwrap();
    let response = suite
        .relay(
            &relayer,
            &center_a,
            &net("b.cosmos"),
            vec![forged(1, &from_b(7, 7, icon_claim))],
        )
        .unwrap();
    // Read as a Claim: refused for its receiver (not for its type), answered
    // with an error reply to request 7, as ICON's BMC answers it.
    assert!(DeliveryFailed::first(&response.events)
        .map(|event| event.reason.to_string())
        .unwrap()
        .contains("reward receiver \"hxabcdef\" is not an account of this chain"));
    let reply = BtpMessage::decode(&committed(&response)[0].message).unwrap();
    assert_eq!((reply.svc.as_str(), reply.sn, reply.nsn), ("bmc", -7, -7));
    assert_eq!(ErrorMessage::decode(&reply.payload).unwrap().code, UNKNOWN);
}

#[test]
fn answers_naming_no_claim_and_route_announcements_change_nothing() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (relayer, center_a, verifier) = (
        suite.relayer.clone(),
        suite.a.center.clone(),
        suite.a.verifier.clone(),
    );
    suite.set_mock_verifier_mode(&verifier, Mode::AcceptAll);
    let response_message = MessageCenterMessage::Response {
        code: 0,
        message: String::new(),
    }
    .encode();
    let error_reply = hex::decode("c301f800").unwrap(); // code 1, null message
    let link = MessageCenterMessage::Link {
        link: "btp://c.cosmos/center".into(),
    }
    .encode();
    let response = suite
        .relay(
            &relayer,
            &center_a,
            &net("b.cosmos"),
            vec![
                forged(1, &from_b(0, -41, response_message)),
                forged(2, &from_b(-42, -42, error_reply)),
                forged(3, &from_b(0, 43, link)),
            ],
        )
        .unwrap();
    let failures = DeliveryFailed::parse(&response.events).len();
    assert_eq!(failures, 2, "no claim 41 or 42 is waiting");
    assert!(
        committed(&response).is_empty(),
        "none is a request: no reply"
    );
    assert_eq!(
        RouteAnnouncementIgnored::first(&response.events)
            .map(|event| event.kind.to_string())
            .as_deref(),
        Some("Link")
    );
}

#[test]
fn a_reply_code_beyond_u32_or_a_null_message_reaches_the_handler_as_a_failure() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (relayer, center_a, verifier, handler) = (
        suite.relayer.clone(),
        suite.a.center.clone(),
        suite.a.verifier.clone(),
        suite.a.handler.clone(),
    );
    let first = BtpMessage::decode(&suite.request_from_a(1, b"one").message).unwrap();
    let second = BtpMessage::decode(&suite.request_from_a(2, b"two").message).unwrap();
    suite.set_mock_verifier_mode(&verifier, Mode::AcceptAll);
    let reply = |request: &BtpMessage, payload: Vec<u8>| BtpMessage {
        src: net("b.cosmos"),
        dst: net("a.cosmos"),
        svc: SVC.into(),
        sn: -request.sn,
        payload: Binary::new(payload),
        nsn: -request.nsn,
        fee_info: None,
    };
    // [2^40, "x"]: a code ICON's `long` holds and this chain's u32 does not.
    let big_code = ListEncoder::new().push(&(1u64 << 40)).push("x").finish();
    suite
        .relay(
            &relayer,
            &center_a,
            &net("b.cosmos"),
            vec![
                forged(1, &reply(&first, big_code)),
                forged(2, &reply(&second, hex::decode("c301f800").unwrap())),
            ],
        )
        .unwrap();
    let arrivals = suite.arrivals(&handler);
    let codes: Vec<_> = arrivals
        .iter()
        .filter_map(|arrival| match arrival {
            Arrival::Reply {
                sn, code, message, ..
            } => Some((*sn, *code, message.clone())),
            Arrival::Message { .. } => None,
        })
        .collect();
    assert_eq!(codes.len(), 2);
    assert_eq!((codes[0].0, codes[0].1), (1, UNKNOWN));
    assert!(codes[0].2.contains("1099511627776"), "{}", codes[0].2);
    assert_eq!(codes[1], (2, 1, String::new()));
}

fn reply_sequence(response: cw_multi_test::AppResponse) -> Committed {
    committed(&response).into_iter().next().expect("a reply")
}
