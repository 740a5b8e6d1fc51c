//! Relay fees: charged exactly, earned by the relayer that delivers, claimed once.

mod common;

use btp_types::msg::message_center::{ExecuteMsg, FeeQuoteResponse, QueryMsg};
use common::*;
use cosmwasm_std::{coin, Addr, Uint128};
use cw_multi_test::Executor;

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
    let mut suite = TwoCenters::new();
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
        error_text(err).contains("fee for this message is 140 ufeea, but 100 ufeea was attached")
    );
    let err = suite.send_from_a(0, b"x", &[]).unwrap_err();
    assert!(error_text(err).contains("but 0 ufeea was attached"));
    let err = suite
        .send_from_a(0, b"x", &[coin(FORWARD_FEE + 1, FEE_A)])
        .unwrap_err();
    assert!(
        error_text(err).contains("but 101 ufeea was attached"),
        "overpaying is refused too"
    );
    let err = suite
        .send_from_a(0, b"x", &[coin(FORWARD_FEE, FEE_A), coin(1, FEE_B)])
        .unwrap_err();
    assert!(error_text(err).contains("only the fee denom ufeea may be attached"));
    suite
        .send_from_a(0, b"x", &[coin(FORWARD_FEE, FEE_A)])
        .unwrap();
    assert_eq!(suite.balance(&suite.a.center.clone(), FEE_A), FORWARD_FEE);
}

#[test]
fn the_delivering_relayer_earns_each_hop_and_claims_it_once() {
    let mut suite = TwoCenters::new();
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
    assert_eq!(suite.balance(&relayer, FEE_A), BACKWARD_FEE);
    let err = suite
        .app
        .execute_contract(relayer.clone(), center_a.clone(), &claim, &[])
        .unwrap_err();
    assert!(error_text(err).contains("no reward to claim"));
    assert_eq!(
        suite.balance(&relayer, FEE_A),
        BACKWARD_FEE,
        "claimed exactly once"
    );

    // The forward reward is claimed on B and paid on A through a claim message.
    let response = suite
        .app
        .execute_contract(
            relayer.clone(),
            center_b.clone(),
            &ExecuteMsg::ClaimReward {
                network: net("a.cosmos"),
                receiver: Some(relayer.to_string()),
            },
            &[],
        )
        .unwrap();
    assert_eq!(reward(&suite, &center_b, "a.cosmos", &relayer), 0);
    let claims = committed(&response);
    suite.relay_to_a(&claims).unwrap();
    assert_eq!(suite.balance(&relayer, FEE_A), BACKWARD_FEE + FORWARD_FEE);
    assert_eq!(
        suite.balance(&center_a, FEE_A),
        0,
        "every fee paid went to the relayer"
    );
    let err = suite
        .app
        .execute_contract(
            relayer.clone(),
            center_b,
            &ExecuteMsg::ClaimReward {
                network: net("a.cosmos"),
                receiver: Some(relayer.to_string()),
            },
            &[],
        )
        .unwrap_err();
    assert!(error_text(err).contains("no reward to claim"));
}

fn reply_sequence(response: cw_multi_test::AppResponse) -> Committed {
    committed(&response).into_iter().next().expect("a reply")
}
