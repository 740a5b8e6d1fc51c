//! The relayer's two steps on the simulated chains of `testing::harness`:
//! batches delivered with one proof, and requests that timed out undelivered
//! resolved on their source by proof of the destination's receive sequence.

use btp_types::error_code::TIMED_OUT;
use btp_types::events::message_center::DeliveryFailed;
use btp_types::events::message_center::ReplyIgnored;
use btp_types::events::message_center::RequestTimedOut;
use btp_types::events::token_handler::TransferCompleted;
use btp_types::events::token_handler::TransferReceived;
use btp_types::events::token_handler::TransferRefunded;
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{
    ExecuteMsg as CenterMsg, LinkResponse, PendingRequestResponse, QueryMsg as CenterQuery,
};
use btp_types::msg::token_handler::ExecuteMsg as HandlerMsg;
use btp_types::msg::verifier_tendermint::ExecuteMsg as VerifierMsg;
use btp_types::BtpAddress;
use cosmwasm_std::{coin, from_json, to_json_binary, CosmosMsg, WasmMsg};
use relayer::service::{relay_round, LoopChain, RoundSettings};
use relayer::Result;
use relayer::{
    pending_requests, plan_relay, plan_timeouts, relay_once, resolve_timeouts_once, ChainBackend,
    Endpoint,
};
use testing::deploy::{COIN_A, COIN_A_DENOM, COIN_B_DENOM};
use testing::harness::{SimChain, TwoChains};

const MAX_BATCH: usize = 50;
/// What the user sends in each transfer, and what arrives (fee 10 + 1%).
const AMOUNT: u128 = 1000;
const FEE: u128 = 20;

fn endpoint(chain: &SimChain) -> Endpoint {
    Endpoint {
        message_center: chain.contracts.message_center.to_string(),
        verifier: chain.contracts.verifier.to_string(),
    }
}

fn chains() -> TwoChains {
    testing::suite::SuiteBuilder::new().two_chains().unwrap()
}

/// The user on A sends `count` transfers of [`AMOUNT`] ucoina to the user on
/// B in one transaction, each with `timeout_secs`.
fn send_transfers(chains: &mut TwoChains, count: usize, timeout_secs: Option<u64>) {
    let to = BtpAddress::parse(&format!("btp://{}/{}", chains.b.network(), chains.b.user)).unwrap();
    let messages = (0..count)
        .map(|_| {
            WasmMsg::Execute {
                contract_addr: chains.a.contracts.handler.to_string(),
                msg: to_json_binary(&HandlerMsg::Transfer {
                    to: to.clone(),
                    timeout_secs,
                })
                .unwrap(),
                funds: vec![coin(AMOUNT, COIN_A_DENOM)],
            }
            .into()
        })
        .collect();
    let user = chains.a.user.clone();
    chains.a.execute_multi(&user, messages).unwrap();
}

fn relay_a_to_b(chains: &mut TwoChains) -> Result<Option<relayer::RelayReport>> {
    let (ea, eb) = (endpoint(&chains.a), endpoint(&chains.b));
    relay_once(&chains.a, &ea, &mut chains.b, &eb, MAX_BATCH)
}

fn relay_b_to_a(chains: &mut TwoChains) -> Result<Option<relayer::RelayReport>> {
    let (ea, eb) = (endpoint(&chains.a), endpoint(&chains.b));
    relay_once(&chains.b, &eb, &mut chains.a, &ea, MAX_BATCH)
}

fn resolve_on_a(chains: &mut TwoChains) -> Result<Option<relayer::TimeoutReport>> {
    let ea = endpoint(&chains.a);
    resolve_timeouts_once(&mut chains.a, &ea, &chains.b, MAX_BATCH)
}

/// Lets `seconds` pass on both chains, then seals a block on B, whose
/// header carries the new time.
fn wait_on_b(chains: &mut TwoChains, seconds: u64) {
    chains.a.clock().advance(seconds);
    chains.b.in_block(|_| Ok(())).unwrap();
}

fn native_a(chains: &TwoChains) -> u128 {
    chains
        .a
        .app
        .wrap()
        .query_balance(&chains.a.user, COIN_A_DENOM)
        .unwrap()
        .amount
        .u128()
}

fn link(chain: &SimChain, to: &SimChain) -> LinkResponse {
    chain
        .query(
            chain.contracts.message_center.as_str(),
            &CenterQuery::Link {
                network: to.network().clone(),
            },
        )
        .unwrap()
}

fn pending_on_a(chains: &TwoChains) -> Vec<PendingRequestResponse> {
    pending_requests(
        &chains.a,
        chains.a.contracts.message_center.as_str(),
        Some(chains.b.network()),
    )
    .unwrap()
}

/// The contract calls of a planned transaction, as the contracts' messages.
fn calls(messages: &[CosmosMsg]) -> Vec<(String, serde_json::Value)> {
    messages
        .iter()
        .map(|message| match message {
            CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr, msg, ..
            }) => (contract_addr.clone(), from_json(msg).unwrap()),
            other => panic!("not a contract call: {other:?}"),
        })
        .collect()
}

/// The `handle_relay_message` calls of a planned transaction.
fn deliveries(messages: &[CosmosMsg]) -> Vec<CenterMsg> {
    calls(messages)
        .into_iter()
        .filter(|(_, call)| call.get("handle_relay_message").is_some())
        .map(|(_, call)| serde_json::from_value(call).unwrap())
        .collect()
}

#[test]
fn batches_of_1_10_and_50_messages_are_each_one_delivery_with_one_proof() {
    let mut chains = chains();
    let mut delivered = 0;
    for count in [1, 10, 50] {
        send_transfers(&mut chains, count, None);
        let (ea, eb) = (endpoint(&chains.a), endpoint(&chains.b));
        let plan = plan_relay(&chains.a, &ea, &chains.b, &eb, MAX_BATCH)
            .unwrap()
            .expect("messages to relay");
        // The light-client update (B's light client of A is behind), then one delivery.
        assert_eq!(plan.messages.len(), 2, "{:?}", calls(&plan.messages));
        assert!(matches!(
            serde_json::from_value::<VerifierMsg>(calls(&plan.messages)[0].1.clone()).unwrap(),
            VerifierMsg::UpdateClient { .. }
        ));
        let delivery: [CenterMsg; 1] = deliveries(&plan.messages).try_into().unwrap();
        let [CenterMsg::HandleRelayMessage {
            src,
            proof_height,
            messages,
            proof,
            prior_head,
        }] = delivery
        else {
            panic!("not a handle_relay_message");
        };
        assert_eq!(&src, chains.a.network());
        assert_eq!(proof_height, plan.proof_height);
        assert_eq!(plan.updated_to, Some(proof_height));
        assert_eq!(messages.len(), count);
        let expected: Vec<u64> = (delivered + 1..=delivered + count as u64).collect();
        assert_eq!(
            messages.iter().map(|m| m.sequence).collect::<Vec<_>>(),
            expected
        );
        assert_eq!(plan.sequences, expected);
        // Every transfer carries the handler's default timeout, chained into the heads.
        assert!(messages.iter().all(|message| message.timeout.is_some()));
        assert!(!proof.is_empty());
        assert_eq!(prior_head, None, "B knows the head before the batch");

        let submitted = chains.b.submit(plan.messages).unwrap();
        assert_eq!(TransferReceived::parse(&submitted.events).len(), count);
        delivered += count as u64;
        assert_eq!(link(&chains.b, &chains.a).rx_seq, delivered);
        assert_eq!(
            link(&chains.b, &chains.a).rx_head,
            Some(link(&chains.a, &chains.b).tx_head)
        );

        // The success replies come back the same way: one delivery, one proof.
        let report = relay_b_to_a(&mut chains).unwrap().expect("replies");
        assert_eq!(report.sequences.len(), count);
        assert_eq!(
            TransferCompleted::parse(&report.submitted.events).len(),
            count
        );
    }
    assert!(relay_a_to_b(&mut chains).unwrap().is_none());
    assert!(relay_b_to_a(&mut chains).unwrap().is_none());
    assert!(pending_on_a(&chains).is_empty());
    let wrapped = chains.b.coin_token(COIN_A).unwrap();
    assert_eq!(
        chains.b.cw20_balance(&wrapped, &chains.b.user).unwrap(),
        61 * (AMOUNT - FEE)
    );
}

#[test]
fn a_batch_is_cut_at_max_batch_and_the_rest_follows() {
    let mut chains = chains();
    send_transfers(&mut chains, 12, None);
    let (ea, eb) = (endpoint(&chains.a), endpoint(&chains.b));
    let first = relay_once(&chains.a, &ea, &mut chains.b, &eb, 5)
        .unwrap()
        .unwrap();
    assert_eq!(first.sequences, vec![1, 2, 3, 4, 5]);
    let rest = relay_once(&chains.a, &ea, &mut chains.b, &eb, 500)
        .unwrap()
        .unwrap();
    assert_eq!(rest.sequences, (6..=12).collect::<Vec<_>>());
    // B's light client trusts A's latest header already: no update.
    assert_eq!(rest.updated_to, None);
    assert_eq!(link(&chains.b, &chains.a).rx_seq, 12);
}

#[test]
fn a_transfer_that_times_out_undelivered_is_refunded_once_and_its_late_reply_is_ignored() {
    let mut chains = chains();
    let before = native_a(&chains);
    send_transfers(&mut chains, 1, Some(60));
    assert_eq!(native_a(&chains), before - AMOUNT);
    let pending = pending_on_a(&chains);
    assert_eq!(pending.len(), 1);
    let timeout = pending[0].timeout.expect("a timeout");

    // Not yet timed out on B: nothing to resolve.
    assert!(resolve_on_a(&mut chains).unwrap().is_none());
    wait_on_b(&mut chains, 30);
    assert!(resolve_on_a(&mut chains).unwrap().is_none());

    // The relayer never delivered it; B's clock passes the timeout.
    wait_on_b(&mut chains, 60);
    let ea = endpoint(&chains.a);
    let plan = plan_timeouts(&chains.a, &ea, &chains.b, MAX_BATCH)
        .unwrap()
        .expect("a timed-out request");
    assert_eq!(plan.requests.len(), 1);
    assert_eq!(plan.requests[0].request.nsn, pending[0].nsn);
    // B has received nothing from A: the proof is of the receipt's absence.
    assert_eq!(plan.requests[0].rx_seq, 0);
    assert!(plan.proof_time >= timeout);
    assert_eq!(plan.updated_to, Some(plan.proof_height));
    let resolved = chains.a.submit(plan.messages.clone()).unwrap();
    let timed_out = RequestTimedOut::parse(&resolved.events);
    assert_eq!(timed_out.len(), 1);
    assert_eq!(timed_out[0].nsn, pending[0].nsn);
    let refunded = TransferRefunded::parse(&resolved.events);
    assert_eq!(refunded.len(), 1);
    assert!(refunded[0].timed_out);
    assert_eq!(native_a(&chains), before - FEE);
    assert!(pending_on_a(&chains).is_empty());

    // Exactly once: nothing is left to resolve, and the same transaction again fails.
    assert!(resolve_on_a(&mut chains).unwrap().is_none());
    let again = chains.a.submit(plan.messages).unwrap_err();
    assert!(
        format!("{again:#}").contains("no request with nsn"),
        "{again:#}"
    );
    assert_eq!(native_a(&chains), before - FEE);

    // Relayed late, B does not execute it: a TIMED_OUT error reply.
    let late = relay_a_to_b(&mut chains)
        .unwrap()
        .expect("the late request");
    assert_eq!(late.sequences, vec![1]);
    assert!(TransferReceived::parse(&late.submitted.events).is_empty());
    let failed = DeliveryFailed::parse(&late.submitted.events);
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].code, TIMED_OUT);

    // The error reply comes back to A, which resolved the request already: ignored.
    let reply = relay_b_to_a(&mut chains).unwrap().expect("the error reply");
    assert_eq!(reply.sequences, vec![1]);
    assert_eq!(ReplyIgnored::parse(&reply.submitted.events).len(), 1);
    assert!(TransferRefunded::parse(&reply.submitted.events).is_empty());
    assert_eq!(native_a(&chains), before - FEE);
    assert!(relay_a_to_b(&mut chains).unwrap().is_none());
    assert!(relay_b_to_a(&mut chains).unwrap().is_none());
    assert!(resolve_on_a(&mut chains).unwrap().is_none());
}

#[test]
fn a_timeout_after_earlier_deliveries_is_proven_by_the_receive_sequence() {
    let mut chains = chains();
    let before = native_a(&chains);
    // Transfer 1 arrives (its success reply is not relayed yet).
    send_transfers(&mut chains, 1, None);
    relay_a_to_b(&mut chains).unwrap().expect("transfer 1");
    // Transfers 2 and 3 time out undelivered; both are resolved in one transaction.
    send_transfers(&mut chains, 2, Some(30));
    wait_on_b(&mut chains, 60);
    let report = resolve_on_a(&mut chains).unwrap().expect("two timeouts");
    assert_eq!(
        report
            .requests
            .iter()
            .map(|timed_out| (timed_out.request.sequence, timed_out.rx_seq))
            .collect::<Vec<_>>(),
        vec![(2, 1), (3, 1)]
    );
    assert_eq!(RequestTimedOut::parse(&report.submitted.events).len(), 2);
    // Transfer 1 is still pending on A (received on B, its reply not back yet).
    let pending = pending_on_a(&chains);
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].sequence, 1);
    assert_eq!(native_a(&chains), before - AMOUNT - 2 * FEE);

    // Everything relayed late: transfer 1's success reply completes it; 2 and
    // 3 are answered TIMED_OUT on B and ignored on A.
    let late = relay_a_to_b(&mut chains).unwrap().expect("2 and 3");
    assert_eq!(late.sequences, vec![2, 3]);
    assert_eq!(DeliveryFailed::parse(&late.submitted.events).len(), 2);
    let replies = relay_b_to_a(&mut chains).unwrap().expect("three replies");
    assert_eq!(replies.sequences, vec![1, 2, 3]);
    assert_eq!(TransferCompleted::parse(&replies.submitted.events).len(), 1);
    assert_eq!(ReplyIgnored::parse(&replies.submitted.events).len(), 2);
    assert!(pending_on_a(&chains).is_empty());
    assert_eq!(native_a(&chains), before - AMOUNT - 2 * FEE);
}

#[test]
fn a_request_received_before_its_timeout_is_left_to_its_reply() {
    let mut chains = chains();
    send_transfers(&mut chains, 1, Some(60));
    relay_a_to_b(&mut chains)
        .unwrap()
        .expect("delivered in time");
    wait_on_b(&mut chains, 120);
    // Timed out by B's clock, but B received it: only the reply resolves it.
    assert!(resolve_on_a(&mut chains).unwrap().is_none());
    let reply = relay_b_to_a(&mut chains)
        .unwrap()
        .expect("the success reply");
    assert_eq!(TransferCompleted::parse(&reply.submitted.events).len(), 1);
    assert!(pending_on_a(&chains).is_empty());
}

#[test]
fn the_relay_loop_resolves_timeouts_both_ways_behind_closed_links() {
    let mut chains = chains();
    let (before_a, before_b) = (
        native_a(&chains),
        chains
            .b
            .app
            .wrap()
            .query_balance(&chains.b.user, COIN_B_DENOM)
            .unwrap()
            .amount
            .u128(),
    );
    // One transfer each way, with a short timeout.
    send_transfers(&mut chains, 1, Some(30));
    let to_a =
        BtpAddress::parse(&format!("btp://{}/{}", chains.a.network(), chains.a.user)).unwrap();
    let (user_b, handler_b) = (chains.b.user.clone(), chains.b.contracts.handler.clone());
    chains
        .b
        .execute(
            &user_b,
            &handler_b,
            &HandlerMsg::Transfer {
                to: to_a,
                timeout_secs: Some(30),
            },
            &[coin(AMOUNT, COIN_B_DENOM)],
        )
        .unwrap();
    // Both owners close their links: nothing can be delivered any more.
    let (network_a, network_b) = (chains.a.network().clone(), chains.b.network().clone());
    for (chain, other) in [(&mut chains.a, network_b), (&mut chains.b, network_a)] {
        let (owner, center) = (chain.owner.clone(), chain.contracts.message_center.clone());
        chain
            .execute(
                &owner,
                &center,
                &CenterMsg::RemoveLink { network: other },
                &[],
            )
            .unwrap();
    }
    chains.a.clock().advance(60);
    chains.a.in_block(|_| Ok(())).unwrap();
    chains.b.in_block(|_| Ok(())).unwrap();

    let settings = RoundSettings {
        max_batch: MAX_BATCH,
        split: false,
    };
    let (ea, eb) = (endpoint(&chains.a), endpoint(&chains.b));
    let round = {
        let mut a = LoopChain {
            chain: &mut chains.a,
            endpoint: ea.clone(),
            name: "chain-a".into(),
        };
        let mut b = LoopChain {
            chain: &mut chains.b,
            endpoint: eb.clone(),
            name: "chain-b".into(),
        };
        relay_round(&mut a, &mut b, settings)
    };
    // Both relays fail (the links are closed), both timeouts are resolved.
    assert_eq!(round.delivered, 0);
    assert_eq!(round.resolved, 2, "{:#?}", round.lines);
    assert_eq!(round.failures.len(), 2);
    for failure in &round.failures {
        assert!(format!("{failure:#}").contains("is closed"), "{failure:#}");
    }
    assert!(round
        .lines
        .iter()
        .any(|line| line.starts_with("[chain-a ⇠ chain-b] resolved 1")));
    assert!(round
        .lines
        .iter()
        .any(|line| line.starts_with("[chain-b ⇠ chain-a] resolved 1")));
    assert_eq!(native_a(&chains), before_a - FEE);
    let balance_b = chains
        .b
        .app
        .wrap()
        .query_balance(&chains.b.user, COIN_B_DENOM)
        .unwrap()
        .amount
        .u128();
    assert_eq!(balance_b, before_b - FEE);

    // The next round resolves nothing more.
    let mut a = LoopChain {
        chain: &mut chains.a,
        endpoint: ea,
        name: "chain-a".into(),
    };
    let mut b = LoopChain {
        chain: &mut chains.b,
        endpoint: eb,
        name: "chain-b".into(),
    };
    let round = relay_round(&mut a, &mut b, settings);
    assert_eq!(round.resolved, 0);
    assert_eq!(round.failures.len(), 2);
}
