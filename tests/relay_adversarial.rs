//! A relayer that lies: every forgery is rejected by the destination, and an
//! honest relayer then delivers everything. The relayer needs no trust.

use btp_types::keys::{commitment_storage_key, wasm_store_key};
use btp_types::msg::message_center::{ExecuteMsg as CenterMsg, RelayedMessage};
use btp_types::msg::verifier::{
    ExecuteMsg as VerifierMsg, LatestHeightResponse, QueryMsg as VerifierQuery,
};
use btp_types::BtpMessage;
use cosmwasm_std::{to_json_binary, Binary, CosmosMsg, WasmMsg};
use relayer::ChainBackend;
use testing::deploy::COIN_A_DENOM;
use testing::harness::{TwoChains, TwoChainsBuilder};
use tests::{relay, rx_seq, send_native, Side};

/// Two transfers from A committed and not yet relayed.
fn two_pending() -> TwoChains {
    let mut chains = TwoChainsBuilder::new().build().unwrap();
    let receiver = chains.b.user.to_string();
    send_native(&mut chains, Side::A, COIN_A_DENOM, 1000, &receiver).unwrap();
    send_native(&mut chains, Side::A, COIN_A_DENOM, 2000, &receiver).unwrap();
    chains
}

/// What an honest relayer would carry from A now: the target header, its
/// update for B's light client, and the two messages with their proofs.
struct Honest {
    target: u64,
    header: Binary,
    messages: Vec<RelayedMessage>,
}

fn honest(chains: &TwoChains) -> Honest {
    let center = chains.a.contracts.message_center.to_string();
    let target = chains.a.latest_header_height().unwrap();
    let canonical = chains.a.canonical_address(&center).unwrap();
    let messages = chains
        .a
        .committed_messages(&center, 1, target - 1)
        .into_iter()
        .map(|(_, committed)| {
            let key = wasm_store_key(
                &canonical,
                &commitment_storage_key(chains.b.network(), committed.sequence),
            );
            RelayedMessage {
                sequence: committed.sequence,
                message: Binary::new(committed.message),
                proof: chains.a.storage_proof(&key, target - 1).unwrap(),
            }
        })
        .collect();
    let trusted: LatestHeightResponse = chains
        .b
        .query(
            chains.b.contracts.verifier.as_str(),
            &VerifierQuery::LatestHeight {},
        )
        .unwrap();
    Honest {
        target,
        header: chains.a.client_update(trusted.height, target).unwrap(),
        messages,
    }
}

fn update(chains: &TwoChains, header: Binary) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: chains.b.contracts.verifier.to_string(),
        msg: to_json_binary(&VerifierMsg::UpdateClient { header }).unwrap(),
        funds: vec![],
    }
    .into()
}

fn deliver(chains: &TwoChains, proof_height: u64, messages: Vec<RelayedMessage>) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: chains.b.contracts.message_center.to_string(),
        msg: to_json_binary(&CenterMsg::HandleRelayMessage {
            src: chains.a.network().clone(),
            proof_height,
            messages,
        })
        .unwrap(),
        funds: vec![],
    }
    .into()
}

/// A malicious relayer's transaction on B: rejected, nothing delivered; then
/// the honest relayer delivers both messages.
fn rejected_then_honest(mut chains: TwoChains, transaction: Vec<CosmosMsg>, expected: &str) {
    let attacker = chains.b.app.api().addr_make("attacker");
    let err = chains.b.execute_multi(&attacker, transaction).unwrap_err();
    assert!(
        format!("{err:#}").contains(expected),
        "expected {expected:?}, got {err:#}"
    );
    assert_eq!(rx_seq(&mut chains, Side::B), 0, "nothing delivered");
    let report = relay(&mut chains, Side::A).unwrap().unwrap();
    assert_eq!(report.sequences, vec![1, 2]);
}

#[test]
fn a_tampered_message_is_rejected() {
    let chains = two_pending();
    let mut honest = honest(&chains);
    let mut message = BtpMessage::decode(&honest.messages[0].message).unwrap();
    message.payload = Binary::new(b"more coins".to_vec());
    honest.messages[0].message = Binary::new(message.encode());
    let transaction = vec![
        update(&chains, honest.header),
        deliver(&chains, honest.target, honest.messages),
    ];
    rejected_then_honest(chains, transaction, "the verifier rejected the proof");
}

#[test]
fn a_proof_for_another_sequence_is_rejected() {
    let chains = two_pending();
    let mut honest = honest(&chains);
    // Message 1 carried with the proof of message 2's commitment.
    let proof_of_second = honest.messages[1].proof.clone();
    honest.messages[0].proof = proof_of_second;
    honest.messages.truncate(1);
    let transaction = vec![
        update(&chains, honest.header),
        deliver(&chains, honest.target, honest.messages),
    ];
    rejected_then_honest(chains, transaction, "the verifier rejected the proof");
}

#[test]
fn a_header_signed_by_a_third_of_the_power_is_rejected() {
    let chains = two_pending();
    let honest = honest(&chains);
    let trusted: LatestHeightResponse = chains
        .b
        .query(
            chains.b.contracts.verifier.as_str(),
            &VerifierQuery::LatestHeight {},
        )
        .unwrap();
    // One of four equal validators signs: a quarter of the power.
    let block = chains.a.chain.light_block(honest.target).unwrap();
    let first_signer = block.validators.validators()[0].address;
    let weak = block.with_signers(|validator| validator.address == first_signer);
    let trusted_validators = chains
        .a
        .chain
        .light_block(trusted.height)
        .unwrap()
        .next_validators
        .clone();
    let header = weak.update_header(trusted.height, &trusted_validators);
    let transaction = vec![
        update(&chains, header),
        deliver(&chains, honest.target, honest.messages),
    ];
    rejected_then_honest(chains, transaction, "voting power");
}

#[test]
fn a_header_from_the_other_chain_is_rejected() {
    let chains = two_pending();
    let honest = honest(&chains);
    // B's own latest header, offered to B's light client of A as if it
    // followed the trusted header of A (with A's trusted validators).
    let trusted: LatestHeightResponse = chains
        .b
        .query(
            chains.b.contracts.verifier.as_str(),
            &VerifierQuery::LatestHeight {},
        )
        .unwrap();
    let trusted_validators = chains
        .a
        .chain
        .light_block(trusted.height)
        .unwrap()
        .next_validators
        .clone();
    let own_latest = chains.b.chain.latest_height().unwrap();
    let header = chains
        .b
        .chain
        .light_block(own_latest)
        .unwrap()
        .update_header(trusted.height, &trusted_validators);
    let transaction = vec![
        update(&chains, header),
        deliver(&chains, honest.target, honest.messages),
    ];
    rejected_then_honest(
        chains,
        transaction,
        "the header is of chain \"chain-b\", but the client follows \"chain-a\"",
    );
}

#[test]
fn a_replayed_batch_is_rejected() {
    let mut chains = two_pending();
    let honest = honest(&chains);
    let batch = honest.messages.clone();
    relay(&mut chains, Side::A).unwrap().unwrap();
    let attacker = chains.b.app.api().addr_make("attacker");
    let replay = vec![deliver(&chains, honest.target, batch)];
    let err = chains.b.execute_multi(&attacker, replay).unwrap_err();
    assert!(
        format!("{err:#}").contains("was already delivered"),
        "{err:#}"
    );
    assert_eq!(rx_seq(&mut chains, Side::B), 2);
}

#[test]
fn out_of_order_delivery_is_rejected() {
    let chains = two_pending();
    let mut honest = honest(&chains);
    honest.messages.reverse();
    let transaction = vec![
        update(&chains, honest.header),
        deliver(&chains, honest.target, honest.messages),
    ];
    rejected_then_honest(chains, transaction, "out of order");
}
