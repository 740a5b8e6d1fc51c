//! The relayer over two simulated chains with real light clients: it
//! delivers in order and in batches, keeps no state of its own, and cannot
//! make the destination accept anything the source did not commit.

use anyhow::Result;
use btp_types::msg::message_center::{
    ExecuteMsg as CenterMsg, LinkResponse, QueryMsg as CenterQuery, RelayedMessage,
};
use btp_types::msg::token_handler::ExecuteMsg as HandlerMsg;
use btp_types::{BtpAddress, BtpMessage};
use cosmwasm_std::{coin, to_json_binary, Binary, WasmMsg};
use relayer::{relay_once, ChainBackend, Endpoint};
use testing::chain::{SimulatedValidator, SimulatedValidatorSet};
use testing::deploy::COIN_A_DENOM;
use testing::harness::{SimChain, TwoChains, TwoChainsBuilder};

const MAX_BATCH: usize = 50;

fn endpoint(chain: &SimChain) -> Endpoint {
    Endpoint {
        message_center: chain.contracts.message_center.to_string(),
        verifier: chain.contracts.verifier.to_string(),
    }
}

fn relay_a_to_b(chains: &mut TwoChains, max_batch: usize) -> Result<Option<relayer::RelayReport>> {
    let (a, b) = (endpoint(&chains.a), endpoint(&chains.b));
    relay_once(&chains.a, &a, &mut chains.b, &b, max_batch)
}

fn relay_b_to_a(chains: &mut TwoChains) -> Result<Option<relayer::RelayReport>> {
    let (a, b) = (endpoint(&chains.a), endpoint(&chains.b));
    relay_once(&chains.b, &b, &mut chains.a, &a, MAX_BATCH)
}

/// The user on A sends `amount` of A's native coin to `account` on B.
fn send(chains: &mut TwoChains, amount: u128, account: &str) {
    let to = BtpAddress::parse(&format!("btp://{}/{account}", chains.b.network())).unwrap();
    let (user, handler) = (chains.a.user.clone(), chains.a.contracts.handler.clone());
    chains
        .a
        .execute(
            &user,
            &handler,
            &HandlerMsg::Transfer { to },
            &[coin(amount, COIN_A_DENOM)],
        )
        .unwrap();
}

fn rx_seq(chains: &TwoChains) -> u64 {
    let link: LinkResponse = chains
        .b
        .query(
            chains.b.contracts.message_center.as_str(),
            &CenterQuery::Link {
                network: chains.a.network().clone(),
            },
        )
        .unwrap();
    link.rx_seq
}

#[test]
fn the_demo_runs_and_every_balance_is_exact() {
    let mut output = Vec::new();
    relayer::demo::run(&mut output).unwrap();
    let output = String::from_utf8(output).unwrap();
    assert!(
        output.contains("demo passed: every message proven, every balance exact"),
        "{output}"
    );
    assert!(!output.contains("WRONG"), "{output}");
}

#[test]
fn messages_are_relayed_in_order_in_batches_and_nothing_twice() {
    let mut chains = TwoChainsBuilder::new().build().unwrap();
    let receiver = chains.b.user.to_string();
    for amount in [1000, 2000, 3000] {
        send(&mut chains, amount, &receiver);
    }
    let first = relay_a_to_b(&mut chains, 2)
        .unwrap()
        .expect("messages to relay");
    assert_eq!(first.sequences, vec![1, 2]);
    assert!(first.updated_to.is_some());
    // The relayer keeps nothing between steps: the next step starts from the chains.
    let second = relay_a_to_b(&mut chains, 2)
        .unwrap()
        .expect("one message left");
    assert_eq!(second.sequences, vec![3]);
    assert!(
        relay_a_to_b(&mut chains, 2).unwrap().is_none(),
        "nothing left to relay"
    );
    assert_eq!(rx_seq(&chains), 3);

    let replies = relay_b_to_a(&mut chains).unwrap().expect("three replies");
    assert_eq!(replies.sequences, vec![1, 2, 3]);
}

#[test]
fn a_refused_transfer_comes_back_as_a_refund_through_real_proofs() {
    let mut chains = TwoChainsBuilder::new().build().unwrap();
    send(&mut chains, 1000, "nobody");
    relay_a_to_b(&mut chains, MAX_BATCH).unwrap().unwrap();
    let report = relay_b_to_a(&mut chains).unwrap().unwrap();
    assert!(report
        .submitted
        .events
        .iter()
        .any(|event| event.ty == "wasm-btp_transfer_refunded"));
    let user = chains.a.user.clone();
    let balance = chains
        .a
        .app
        .wrap()
        .query_balance(&user, COIN_A_DENOM)
        .unwrap()
        .amount
        .u128();
    assert_eq!(balance, 1_000_000 - 20, "refunded minus the fee");
}

#[test]
fn relays_go_on_across_a_validator_rotation() {
    let mut chains = TwoChainsBuilder::new()
        .validators(
            SimulatedValidatorSet::with_powers("a-val", &[40, 30, 20, 10]),
            SimulatedValidatorSet::equal_power("b-val", 4, 100),
        )
        .build()
        .unwrap();
    let receiver = chains.b.user.to_string();
    send(&mut chains, 1000, &receiver);
    relay_a_to_b(&mut chains, MAX_BATCH).unwrap().unwrap();
    // A replaces half of its voting power; B's light client must follow.
    let rotated = SimulatedValidatorSet::new([
        SimulatedValidator::new("a-val-0", 40),
        SimulatedValidator::new("a-val-1", 30),
        SimulatedValidator::new("a-new-0", 50),
    ]);
    chains.a.chain.rotate_validators(rotated);
    send(&mut chains, 1000, &receiver);
    let report = relay_a_to_b(&mut chains, MAX_BATCH).unwrap().unwrap();
    assert_eq!(report.sequences, vec![2]);
}

/// Everything the relayer would send for the next message from A, for a
/// test to tamper with before it reaches B.
fn honest_relay(chains: &TwoChains) -> (u64, Binary, RelayedMessage) {
    let center = chains.a.contracts.message_center.to_string();
    let target = chains.a.latest_header_height().unwrap();
    let committed = chains
        .a
        .committed_messages(&center, 1, target - 1)
        .into_iter()
        .next()
        .unwrap()
        .1;
    let canonical = chains.a.canonical_address(&center).unwrap();
    let key = btp_types::keys::wasm_store_key(
        &canonical,
        &btp_types::keys::commitment_storage_key(chains.b.network(), committed.sequence),
    );
    let trusted: btp_types::msg::verifier::LatestHeightResponse = chains
        .b
        .query(
            chains.b.contracts.verifier.as_str(),
            &btp_types::msg::verifier::QueryMsg::LatestHeight {},
        )
        .unwrap();
    let header = chains.a.client_update(trusted.height, target).unwrap();
    let relayed = RelayedMessage {
        sequence: committed.sequence,
        message: Binary::new(committed.message),
        proof: chains.a.storage_proof(&key, target - 1).unwrap(),
    };
    (target, header, relayed)
}

fn submit(
    chains: &mut TwoChains,
    target: u64,
    header: Option<Binary>,
    relayed: RelayedMessage,
) -> Result<relayer::Submitted> {
    let mut messages = vec![];
    if let Some(header) = header {
        messages.push(
            WasmMsg::Execute {
                contract_addr: chains.b.contracts.verifier.to_string(),
                msg: to_json_binary(&btp_types::msg::verifier::ExecuteMsg::UpdateClient {
                    header,
                })?,
                funds: vec![],
            }
            .into(),
        );
    }
    messages.push(
        WasmMsg::Execute {
            contract_addr: chains.b.contracts.message_center.to_string(),
            msg: to_json_binary(&CenterMsg::HandleRelayMessage {
                src: chains.a.network().clone(),
                proof_height: target,
                messages: vec![relayed],
            })?,
            funds: vec![],
        }
        .into(),
    );
    chains.b.submit(messages)
}

#[test]
fn a_relayer_cannot_change_a_message_or_its_proof() {
    let mut chains = TwoChainsBuilder::new().build().unwrap();
    let receiver = chains.b.user.to_string();
    send(&mut chains, 1000, &receiver);
    let (target, header, relayed) = honest_relay(&chains);

    // More coins for the receiver: the message is not what A committed.
    let mut inflated = BtpMessage::decode(&relayed.message).unwrap();
    inflated.payload = Binary::new(
        btp_types::TokenServiceMessage::Transfer(btp_types::TransferRequest {
            from: "x".into(),
            to: receiver.clone(),
            assets: vec![btp_types::Asset {
                coin_name: testing::deploy::COIN_A.into(),
                amount: cosmwasm_std::Uint128::new(1_000_000),
            }],
        })
        .encode(),
    );
    let forged = RelayedMessage {
        message: Binary::new(inflated.encode()),
        ..relayed.clone()
    };
    let err = submit(&mut chains, target, Some(header.clone()), forged).unwrap_err();
    assert!(
        format!("{err:#}").contains("the verifier rejected the proof"),
        "{err:#}"
    );

    // A proof with one byte changed.
    let mut proof = relayed.proof.to_vec();
    let last = proof.len() - 1;
    proof[last] ^= 1;
    let corrupted = RelayedMessage {
        proof: Binary::new(proof),
        ..relayed.clone()
    };
    let err = submit(&mut chains, target, Some(header.clone()), corrupted).unwrap_err();
    assert!(
        format!("{err:#}").contains("the verifier rejected the proof"),
        "{err:#}"
    );

    // The honest relay goes through, once.
    submit(&mut chains, target, Some(header.clone()), relayed.clone()).unwrap();
    assert_eq!(rx_seq(&chains), 1);
    let err = submit(&mut chains, target, None, relayed).unwrap_err();
    assert!(
        format!("{err:#}").contains("was already delivered"),
        "{err:#}"
    );
}

#[test]
fn a_proof_needs_a_header_the_light_client_trusts() {
    let mut chains = TwoChainsBuilder::new().build().unwrap();
    let receiver = chains.b.user.to_string();
    send(&mut chains, 1000, &receiver);
    let (target, _, relayed) = honest_relay(&chains);
    // Without the header update, B's light client has no app hash at `target`.
    let err = submit(&mut chains, target, None, relayed).unwrap_err();
    assert!(
        format!("{err:#}").contains("the verifier rejected the proof"),
        "{err:#}"
    );
    assert_eq!(rx_seq(&chains), 0);
}
