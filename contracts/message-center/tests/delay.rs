//! A link's delay period: a proof counts only against remote state the
//! verifier has trusted for the delay, in time and in blocks, so that a
//! forged header can be reported before anything it proves is executed.

use btp_types::events::message_center::MessageCommitted;
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{DelayPeriod, ExecuteMsg};
use btp_types::msg::verifier::TrustedAt;
use cosmwasm_std::Addr;
use cw_multi_test::Executor;
use message_center::ContractError;
use testing::mock_verifier;
use testing::suite::centers::*;

const DELAY: DelayPeriod = DelayPeriod {
    seconds: 600,
    blocks: 10,
};

fn set_delay(suite: &mut TwoCenters, center: &Addr, network: &str, delay: Option<DelayPeriod>) {
    suite
        .owner_executes(
            center,
            &ExecuteMsg::SetLinkDelay {
                network: net(network),
                delay,
            },
        )
        .unwrap();
}

/// B's verifier says it came to trust A's state now.
fn trusted_now(suite: &mut TwoCenters) -> TrustedAt {
    let block = suite.app.block_info();
    let trusted_at = TrustedAt {
        time: block.time,
        height: block.height,
    };
    let (owner, verifier) = (suite.owner.clone(), suite.b.verifier.clone());
    suite
        .app
        .execute_contract(
            owner,
            verifier,
            &mock_verifier::ExecuteMsg::SetTrustedAt {
                trusted_at: Some(trusted_at),
            },
            &[],
        )
        .unwrap();
    trusted_at
}

fn advance(suite: &mut TwoCenters, seconds: u64, blocks: u64) {
    suite.app.update_block(|block| {
        block.time = block.time.plus_seconds(seconds);
        block.height += blocks;
    });
}

/// Why B refuses `message` now.
fn refusal(suite: &mut TwoCenters, message: &Committed) -> anyhow::Error {
    suite.relay_to_b(std::slice::from_ref(message)).unwrap_err()
}

#[test]
fn a_proof_against_state_trusted_too_recently_waits_for_the_delay() {
    let mut suite = SuiteBuilder::new().two_centers();
    let b = suite.b.center.clone();
    set_delay(&mut suite, &b, "a.cosmos", Some(DELAY));
    assert_eq!(suite.center_link(&b, &net("a.cosmos")).delay, Some(DELAY));
    let message = suite.request_from_a(1, b"late");
    let trusted = trusted_now(&mut suite);

    // Neither the time nor the blocks have passed.
    let err = refusal(&mut suite, &message);
    let refused = center_error(&err);
    assert!(
        matches!(
            refused,
            ContractError::DelayNotPassed { trusted_height, ready_height, .. }
                if *trusted_height == trusted.height && *ready_height == trusted.height + 10
        ),
        "{refused:?}"
    );
    // The time passed, not the blocks: still refused, and nothing changed.
    advance(&mut suite, 600, 9);
    assert!(matches!(
        center_error(&refusal(&mut suite, &message)),
        ContractError::DelayNotPassed { .. }
    ));
    assert_eq!(suite.center_link(&b, &net("a.cosmos")).rx_seq, 0);
    // Both passed: delivered.
    advance(&mut suite, 0, 1);
    suite.relay_to_b(&[message]).unwrap();
    assert_eq!(suite.center_link(&b, &net("a.cosmos")).rx_seq, 1);
}

#[test]
fn the_blocks_alone_do_not_make_the_delay() {
    let mut suite = SuiteBuilder::new().two_centers();
    let b = suite.b.center.clone();
    set_delay(&mut suite, &b, "a.cosmos", Some(DELAY));
    let message = suite.request_from_a(1, b"late");
    trusted_now(&mut suite);
    advance(&mut suite, 599, 1000);
    assert!(matches!(
        center_error(&refusal(&mut suite, &message)),
        ContractError::DelayNotPassed { .. }
    ));
    advance(&mut suite, 1, 0);
    suite.relay_to_b(&[message]).unwrap();
}

#[test]
fn a_verifier_that_does_not_say_when_it_trusted_cannot_serve_a_delayed_link() {
    let mut suite = SuiteBuilder::new().two_centers();
    let b = suite.b.center.clone();
    set_delay(&mut suite, &b, "a.cosmos", Some(DELAY));
    let message = suite.request_from_a(1, b"late");
    advance(&mut suite, 100_000, 100_000);
    assert!(matches!(
        center_error(&refusal(&mut suite, &message)),
        ContractError::TrustTimeUnknown { .. }
    ));
    // Without the delay, the same verifier's proof is enough.
    set_delay(&mut suite, &b, "a.cosmos", None);
    assert_eq!(suite.center_link(&b, &net("a.cosmos")).delay, None);
    suite.relay_to_b(&[message]).unwrap();
}

#[test]
fn a_timeout_is_resolved_only_once_the_delay_has_passed() {
    let mut suite = SuiteBuilder::new().two_centers();
    let a = suite.a.center.clone();
    let timeout = suite.app.block_info().time.plus_seconds(30);
    let fee = suite.fee_a(1);
    let sent = suite
        .send_from_a_until(1, b"expires", &fee, Some(timeout))
        .unwrap();
    let nsn = MessageCommitted::first(&sent.events).unwrap().nsn;
    advance(&mut suite, 60, 1);
    set_delay(&mut suite, &a, "b.cosmos", Some(DELAY));
    // A's verifier (of B) trusts B's state from now on.
    let block = suite.app.block_info();
    let (owner, verifier) = (suite.owner.clone(), suite.a.verifier.clone());
    suite
        .app
        .execute_contract(
            owner,
            verifier,
            &mock_verifier::ExecuteMsg::SetTrustedAt {
                trusted_at: Some(TrustedAt {
                    time: block.time,
                    height: block.height,
                }),
            },
            &[],
        )
        .unwrap();
    let resolve = ExecuteMsg::ResolveTimeout {
        nsn,
        proof_height: block.height,
        rx_seq: 0,
        proof: cosmwasm_std::Binary::new(testing::mock_verifier::MOCK_PROOF.to_vec()),
    };
    let relayer = suite.relayer.clone();
    let refused = suite
        .app
        .execute_contract(relayer.clone(), a.clone(), &resolve, &[])
        .unwrap_err();
    assert!(matches!(
        center_error(&refused),
        ContractError::DelayNotPassed { .. }
    ));
    advance(&mut suite, 600, 10);
    suite
        .app
        .execute_contract(relayer, a, &resolve, &[])
        .unwrap();
}

#[test]
fn only_the_owner_sets_a_delay_and_a_reopened_link_keeps_it() {
    let mut suite = SuiteBuilder::new().two_centers();
    let b = suite.b.center.clone();
    let user = suite.user.clone();
    let refused = suite
        .app
        .execute_contract(
            user,
            b.clone(),
            &ExecuteMsg::SetLinkDelay {
                network: net("a.cosmos"),
                delay: Some(DELAY),
            },
            &[],
        )
        .unwrap_err();
    assert!(matches!(
        center_error(&refused),
        ContractError::Ownership(_)
    ));
    set_delay(&mut suite, &b, "a.cosmos", Some(DELAY));
    suite
        .owner_executes(
            &b,
            &ExecuteMsg::RemoveLink {
                network: net("a.cosmos"),
            },
        )
        .unwrap();
    let (verifier, center) = (suite.b.verifier.to_string(), suite.a.center.to_string());
    suite
        .owner_executes(
            &b,
            &ExecuteMsg::AddLink {
                network: net("a.cosmos"),
                verifier,
                remote_message_center: center,
                relayers: vec![],
            },
        )
        .unwrap();
    assert_eq!(suite.center_link(&b, &net("a.cosmos")).delay, Some(DELAY));
    // A zero delay is no delay.
    set_delay(
        &mut suite,
        &b,
        "a.cosmos",
        Some(DelayPeriod {
            seconds: 0,
            blocks: 0,
        }),
    );
    assert_eq!(suite.center_link(&b, &net("a.cosmos")).delay, None);
}
