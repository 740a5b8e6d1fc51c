//! The message center's questions (`verify_commitment`,
//! `verify_receive_state`) on a synthetic remote `wasm` store: what they
//! prove, and each claim a relayer could make with a proof of something else.

use std::collections::BTreeMap;

use btp_types::keys::{commitment_storage_key, receipt_storage_key, receipt_value, wasm_store_key};
use btp_types::msg::verifier::{Counterpart, TrustedAt, VerifiedResponse, VerifierQuery};
use btp_types::msg::verifier_tendermint::{ClientStatus, ExecuteMsg};
use cosmwasm_std::{Binary, HexBinary};

use super::store::RemoteState;
use super::synthetic::{at, block, client_trusting_at_2, update};
use super::Client;
use crate::error::ContractError;
use crate::state::forget_trusted_at;

/// The remote message center's canonical address (a wasmd contract: 32 bytes).
pub const CENTER: [u8; 32] = [0xc1; 32];
/// Another contract on the remote chain, which writes what it likes.
pub const ATTACKER: [u8; 32] = [0xa7; 32];
/// A remote message center at a 20-byte address.
pub const SHORT_CENTER: [u8; 20] = [0x20; 20];
/// The height whose header commits to [`remote_state`].
pub const HEIGHT: u64 = 2;

/// `bytes` as a bech32 address of the remote chain.
pub fn remote(bytes: &[u8]) -> String {
    bech32::encode::<bech32::Bech32>(bech32::Hrp::parse("remote").unwrap(), bytes).unwrap()
}

fn counterpart(network: &str, center: &str) -> Counterpart {
    Counterpart {
        network: network.parse().unwrap(),
        center: center.into(),
    }
}

/// The asking message center: this chain's network and its address.
pub fn us() -> Counterpart {
    counterpart("local.cosmos", "local1center")
}

/// Our message center's address, in a history with another network.
fn other_network() -> Counterpart {
    counterpart("third.cosmos", "local1center")
}

/// Another message center of our network (a redeployed one, say).
fn other_center() -> Counterpart {
    counterpart("local.cosmos", "local1newcenter")
}

/// The chain head of a made-up history.
pub fn head(tag: u8) -> [u8; 32] {
    [tag; 32]
}

/// The `wasm` store key of the head of message `sequence` that `center` stored for `counterpart`.
pub fn commitment_key(center: &[u8], counterpart: &Counterpart, sequence: u64) -> Vec<u8> {
    wasm_store_key(center, &commitment_storage_key(counterpart, sequence))
}

/// The `wasm` store key of `center`'s receive sequence of its history with `counterpart`.
pub fn receipt_key(center: &[u8], counterpart: &Counterpart) -> Vec<u8> {
    wasm_store_key(center, &receipt_storage_key(counterpart))
}

/// The remote `wasm` store: [`CENTER`] committed messages 4 and 5 to us and
/// has received 3 of ours; it committed message 5 of two other histories and
/// received nothing of the one with [`other_network`]; [`ATTACKER`] wrote a
/// head under the key [`CENTER`] uses for our message 5; [`SHORT_CENTER`]
/// committed message 1 to us; a later contract holds something.
pub fn remote_state() -> RemoteState {
    let entries: BTreeMap<Vec<u8>, Vec<u8>> = [
        (commitment_key(&CENTER, &us(), 4), head(4).to_vec()),
        (commitment_key(&CENTER, &us(), 5), head(5).to_vec()),
        (
            commitment_key(&CENTER, &other_network(), 5),
            head(0x5a).to_vec(),
        ),
        (
            commitment_key(&CENTER, &other_center(), 5),
            head(0x5b).to_vec(),
        ),
        (commitment_key(&ATTACKER, &us(), 5), head(0x5c).to_vec()),
        (commitment_key(&SHORT_CENTER, &us(), 1), head(1).to_vec()),
        (receipt_key(&CENTER, &us()), receipt_value(3).to_vec()),
        (wasm_store_key(&[0xf0; 32], b"config"), b"{}".to_vec()),
    ]
    .into_iter()
    .collect();
    RemoteState::new(b"wasm", entries)
}

/// `verify_commitment` of `head` for message `sequence` of `center`'s history with `counterpart`.
pub fn commitment(
    center: &str,
    counterpart: Counterpart,
    sequence: u64,
    head: &[u8],
    proof: Binary,
) -> VerifierQuery {
    VerifierQuery::VerifyCommitment {
        height: HEIGHT,
        center: center.into(),
        counterpart,
        sequence,
        head: Binary::from(head),
        proof,
    }
}

/// `verify_receive_state` of `rx_seq` for `center`'s history with `counterpart`.
pub fn receive_state(
    center: &str,
    counterpart: Counterpart,
    rx_seq: u64,
    proof: Binary,
) -> VerifierQuery {
    VerifierQuery::VerifyReceiveState {
        height: HEIGHT,
        center: center.into(),
        counterpart,
        rx_seq,
        proof,
    }
}

/// The state, a client that trusts it at [`HEIGHT`], and the evidence that
/// freezes that client.
struct Setup {
    state: RemoteState,
    client: Client,
    evidence: ExecuteMsg,
    /// This chain's moment when header [`HEIGHT`] was trusted.
    updated_at: TrustedAt,
}

impl Setup {
    fn new() -> Self {
        let state = remote_state();
        let (client, evidence) = client_trusting_at_2(&state.app_hash());
        let updated_at = TrustedAt {
            time: client.env.block.time,
            height: client.env.block.height,
        };
        Self {
            state,
            client,
            evidence,
            updated_at,
        }
    }

    fn ask(&self, query: VerifierQuery) -> Result<VerifiedResponse, ContractError> {
        self.client.query(query)
    }

    /// What a successful answer at [`HEIGHT`] says.
    fn verified(&self) -> VerifiedResponse {
        VerifiedResponse {
            height: HEIGHT,
            timestamp: self.client.consensus_state(HEIGHT).unwrap().timestamp,
            trusted_at: Some(self.updated_at),
        }
    }

    /// Our message 5 committed by [`CENTER`], proven.
    fn our_message_5(&self) -> VerifierQuery {
        let proof = self.state.prove(&commitment_key(&CENTER, &us(), 5));
        commitment(&remote(&CENTER), us(), 5, &head(5), proof)
    }

    /// Claims `head` as [`CENTER`]'s message 5 to us, proven with the proof
    /// of what is stored at `proven`: refused, because that proof does not
    /// show `head` under the key of our message 5.
    fn refuses_as_our_message_5(&self, head: &[u8], proven: &[u8]) {
        let query = commitment(&remote(&CENTER), us(), 5, head, self.state.prove(proven));
        assert_eq!(
            self.ask(query).unwrap_err(),
            not_proven("the value", &commitment_key(&CENTER, &us(), 5))
        );
    }

    /// [`CENTER`]'s receive sequence 3 of our history, proven.
    fn our_receipt_3(&self) -> VerifierQuery {
        let proof = self.state.prove(&receipt_key(&CENTER, &us()));
        receive_state(&remote(&CENTER), us(), 3, proof)
    }
}

/// `query` at another height.
fn at_height(mut query: VerifierQuery, other: u64) -> VerifierQuery {
    match &mut query {
        VerifierQuery::VerifyCommitment { height, .. }
        | VerifierQuery::VerifyReceiveState { height, .. } => *height = other,
    }
    query
}

/// The error of a proof that does not show `claim` ("the value" or "the
/// absence") of `key`.
fn not_proven(claim: &'static str, key: &[u8]) -> ContractError {
    ContractError::ProofFailed {
        layer: 0,
        claim,
        key: HexBinary::from(key).to_hex(),
    }
}

#[test]
fn a_commitment_is_proven_with_the_time_of_its_header() {
    let setup = Setup::new();
    let verified = setup.ask(setup.our_message_5()).unwrap();
    assert_eq!(verified, setup.verified());
    // Block 2 of the synthetic chain is 5 seconds after its first.
    assert_eq!(verified.timestamp, super::synthetic::at(5));
    // A center at a 20-byte address is proven the same way.
    let proof = setup.state.prove(&commitment_key(&SHORT_CENTER, &us(), 1));
    let query = commitment(&remote(&SHORT_CENTER), us(), 1, &head(1), proof);
    assert_eq!(setup.ask(query).unwrap(), setup.verified());
}

#[test]
fn a_receive_state_is_proven_by_the_stored_sequence_or_by_absence() {
    let setup = Setup::new();
    assert_eq!(setup.ask(setup.our_receipt_3()).unwrap(), setup.verified());
    // Nothing received yet: nothing stored, proven absent.
    let proof = setup
        .state
        .prove_absent(&receipt_key(&CENTER, &other_network()));
    let query = receive_state(&remote(&CENTER), other_network(), 0, proof);
    assert_eq!(setup.ask(query).unwrap(), setup.verified());
}

#[test]
fn a_proof_of_another_sequence_does_not_prove_a_commitment() {
    // Message 4's head, passed off as message 5's: a batch cut short.
    Setup::new().refuses_as_our_message_5(&head(4), &commitment_key(&CENTER, &us(), 4));
}

#[test]
fn a_commitment_to_another_network_is_not_one_to_us() {
    // The remote center's message 5 to a third network, replayed to us.
    Setup::new()
        .refuses_as_our_message_5(&head(0x5a), &commitment_key(&CENTER, &other_network(), 5));
}

#[test]
fn a_commitment_to_another_center_of_our_network_is_not_one_to_us() {
    // A message to another (say, the previous) message center of this
    // network, replayed to this one.
    Setup::new()
        .refuses_as_our_message_5(&head(0x5b), &commitment_key(&CENTER, &other_center(), 5));
}

#[test]
fn a_head_stored_by_another_remote_contract_is_not_the_centers() {
    // Any contract on the remote chain can write the center's key layout in
    // its own state: the canonical address in the path tells them apart.
    Setup::new().refuses_as_our_message_5(&head(0x5c), &commitment_key(&ATTACKER, &us(), 5));
}

#[test]
fn a_proof_of_the_committed_head_does_not_prove_another_head() {
    // Forged messages whose chain head differs from the committed one.
    Setup::new().refuses_as_our_message_5(&head(0xee), &commitment_key(&CENTER, &us(), 5));
}

#[test]
fn a_receive_state_proof_does_not_prove_another_sequence() {
    // 3 received: neither "only 2" (a timeout claimed for message 3) nor "4".
    let setup = Setup::new();
    let key = receipt_key(&CENTER, &us());
    for rx_seq in [2, 4] {
        let query = receive_state(&remote(&CENTER), us(), rx_seq, setup.state.prove(&key));
        assert_eq!(setup.ask(query).unwrap_err(), not_proven("the value", &key));
    }
}

#[test]
fn nothing_received_cannot_be_claimed_when_a_sequence_is_stored() {
    // A timeout claimed for a message the remote center received.
    let setup = Setup::new();
    let key = receipt_key(&CENTER, &us());
    // The stored value's own proof is no proof of absence.
    let query = receive_state(&remote(&CENTER), us(), 0, setup.state.prove(&key));
    assert_eq!(
        setup.ask(query).unwrap_err(),
        ContractError::WrongProofKind {
            layer: 0,
            expected: "non-existence"
        }
    );
    // Nor is the absence of another history's receive state.
    let elsewhere = setup
        .state
        .prove_absent(&receipt_key(&CENTER, &other_network()));
    let query = receive_state(&remote(&CENTER), us(), 0, elsewhere);
    assert_eq!(
        setup.ask(query).unwrap_err(),
        not_proven("the absence", &key)
    );
}

#[test]
fn a_received_sequence_cannot_be_claimed_where_nothing_is_stored() {
    // Messages claimed received by a history that received nothing.
    let setup = Setup::new();
    let key = receipt_key(&CENTER, &other_network());
    let query = receive_state(
        &remote(&CENTER),
        other_network(),
        1,
        setup.state.prove_absent(&key),
    );
    assert_eq!(
        setup.ask(query).unwrap_err(),
        ContractError::WrongProofKind {
            layer: 0,
            expected: "existence"
        }
    );
    // Our history's stored sequence does not count for another history.
    let ours = setup.state.prove(&receipt_key(&CENTER, &us()));
    let query = receive_state(&remote(&CENTER), other_network(), 3, ours);
    assert_eq!(setup.ask(query).unwrap_err(), not_proven("the value", &key));
}

#[test]
fn a_frozen_client_proves_no_commitment_and_no_receive_state() {
    let mut setup = Setup::new();
    setup.ask(setup.our_message_5()).unwrap();
    setup.ask(setup.our_receipt_3()).unwrap();
    setup.client.execute(setup.evidence.clone()).unwrap();
    let frozen = ContractError::ClientFrozen { height: HEIGHT };
    assert_eq!(setup.ask(setup.our_message_5()).unwrap_err(), frozen);
    assert_eq!(setup.ask(setup.our_receipt_3()).unwrap_err(), frozen);
}

#[test]
fn an_expired_client_proves_no_commitment_and_no_receive_state() {
    let mut setup = Setup::new();
    let trusting = setup.client.client_state().trusting_period_secs;
    let expiry = setup.verified().timestamp.plus_seconds(trusting);
    setup.client.at(expiry);
    for query in [setup.our_message_5(), setup.our_receipt_3()] {
        let err = setup.ask(query).unwrap_err();
        assert_eq!(
            err,
            ContractError::ClientExpired {
                height: HEIGHT,
                header_time: setup.verified().timestamp.to_string(),
            }
        );
    }
}

#[test]
fn a_proof_at_a_height_the_client_does_not_trust_proves_nothing() {
    let setup = Setup::new();
    for query in [setup.our_message_5(), setup.our_receipt_3()] {
        // No header at 3.
        assert_eq!(
            setup.ask(at_height(query.clone(), 3)).unwrap_err(),
            ContractError::ConsensusStateNotFound { height: 3 }
        );
        // Header 1 is trusted, but its state is another.
        let err = setup.ask(at_height(query, 1)).unwrap_err();
        assert!(
            matches!(err, ContractError::RootMismatch { height: 1, .. }),
            "{err}"
        );
    }
}

#[test]
fn a_remote_center_that_is_not_a_bech32_address_of_20_or_32_bytes_is_refused() {
    let setup = Setup::new();
    let proof = setup.state.prove(&commitment_key(&CENTER, &us(), 5));
    let mut bad_checksum = remote(&CENTER);
    let last = bad_checksum.pop().unwrap();
    bad_checksum.push(if last == 'q' { 'p' } else { 'q' });
    for address in [bad_checksum, "remote-center".to_string()] {
        let reason = bech32::decode(&address).unwrap_err().to_string();
        let expected = ContractError::InvalidRemoteCenter {
            address: address.clone(),
            reason,
        };
        let query = commitment(&address, us(), 5, &head(5), proof.clone());
        assert_eq!(setup.ask(query).unwrap_err(), expected);
        let query = receive_state(&address, us(), 3, proof.clone());
        assert_eq!(setup.ask(query).unwrap_err(), expected);
    }
    let address = remote(&[0xc1; 16]);
    let query = commitment(&address, us(), 5, &head(5), proof);
    assert_eq!(
        setup.ask(query).unwrap_err(),
        ContractError::InvalidRemoteCenter {
            address,
            reason: "it holds 16 bytes".into(),
        }
    );
}

#[test]
fn a_head_that_is_not_32_bytes_is_refused() {
    // A stored prefix or extension of the head must not pass as the head.
    let setup = Setup::new();
    let proof = setup.state.prove(&commitment_key(&CENTER, &us(), 5));
    for head in [
        vec![],
        head(5)[..31].to_vec(),
        [&head(5)[..], &[0]].concat(),
    ] {
        let got = head.len();
        let query = commitment(&remote(&CENTER), us(), 5, &head, proof.clone());
        assert_eq!(
            setup.ask(query).unwrap_err(),
            ContractError::InvalidHead { got }
        );
    }
}

#[test]
fn the_answer_is_the_same_as_the_light_client_query_of_the_same_key() {
    // The generic query is the membership query of one documented key.
    let setup = Setup::new();
    let key = commitment_key(&CENTER, &us(), 5);
    let low_level: VerifiedResponse = setup
        .client
        .query(
            btp_types::msg::verifier_tendermint::LightClientQuery::VerifyMembership {
                height: HEIGHT,
                path: vec![Binary::from(b"wasm"), Binary::new(key.clone())],
                value: Binary::from(head(5)),
                proof: setup.state.prove(&key),
            },
        )
        .unwrap();
    assert_eq!(low_level, setup.ask(setup.our_message_5()).unwrap());
}

/// The setup, then header 3 trusted `secs` after [`super::synthetic::T0`]
/// (so the client stays active), and this chain's clock at the moment trust
/// in header [`HEIGHT`] ends.
fn setup_with_height_2_expired() -> (Setup, String) {
    let mut setup = Setup::new();
    let trusting = setup.client.client_state().trusting_period_secs;
    let b2 = block(2, 5, 2);
    let b3 = block(3, trusting - 100, 3);
    setup.client.at(at(trusting - 95));
    update(&mut setup.client, &b3, &b2).unwrap();
    // Trust in header 2 (time T0 + 5) ends at T0 + 5 + trusting.
    let expired_at = at(5 + trusting);
    setup.client.at(expired_at);
    assert_eq!(setup.client.status(), ClientStatus::Active);
    (setup, expired_at.to_string())
}

#[test]
fn an_expired_consensus_state_decides_no_timeout() {
    // The attack: a receive state proven at an old height whose trust has
    // ended ("only 3 received", or "nothing received") refunds a transfer
    // the remote chain may have completed since; and misbehaviour evidence
    // against an expired state can no longer be verified.
    let (setup, expired_at) = setup_with_height_2_expired();
    let expired = ContractError::ConsensusStateExpired {
        height: HEIGHT,
        expired_at: expired_at.clone(),
        now: expired_at,
    };
    assert_eq!(setup.ask(setup.our_receipt_3()).unwrap_err(), expired);
    let absent = setup
        .state
        .prove_absent(&receipt_key(&CENTER, &other_network()));
    let nothing_received = receive_state(&remote(&CENTER), other_network(), 0, absent);
    assert_eq!(setup.ask(nothing_received.clone()).unwrap_err(), expired);
    // A nanosecond earlier, it still proves.
    let mut setup = setup;
    let now = setup.client.env.block.time.minus_nanos(1);
    setup.client.at(now);
    setup.ask(setup.our_receipt_3()).unwrap();
    setup.ask(nothing_received).unwrap();
}

#[test]
fn an_expired_consensus_state_proves_no_commitment_either() {
    // Deliveries are held to the same rule (the message center's ordering
    // makes a replay harmless, but a state that can no longer be shown to
    // be a fork must not prove a forged message): the relayer proves at a
    // newer height instead.
    let (setup, expired_at) = setup_with_height_2_expired();
    assert_eq!(
        setup.ask(setup.our_message_5()).unwrap_err(),
        ContractError::ConsensusStateExpired {
            height: HEIGHT,
            expired_at: expired_at.clone(),
            now: expired_at,
        }
    );
}

#[test]
fn the_answer_says_when_the_state_was_trusted_not_when_it_is_asked() {
    let mut setup = Setup::new();
    let asked_at = setup.client.env.block.time.plus_seconds(3600);
    setup.client.at(asked_at);
    setup.client.env.block.height += 600;
    for query in [setup.our_message_5(), setup.our_receipt_3()] {
        let verified = setup.ask(query).unwrap();
        assert_eq!(verified.trusted_at, Some(setup.updated_at));
        assert_ne!(verified.trusted_at.unwrap().time, asked_at);
    }
}

#[test]
fn a_state_stored_by_0_2_0_answers_without_a_moment() {
    // Contracts deployed with 0.2.0 stored consensus states without the
    // moment: they still prove, and say that they do not know when they
    // were trusted (a link with a delay period then refuses them) rather
    // than answer a made-up moment.
    let mut setup = Setup::new();
    forget_trusted_at(&mut setup.client.deps.storage, HEIGHT).unwrap();
    let verified = setup.ask(setup.our_message_5()).unwrap();
    assert_eq!(
        verified,
        VerifiedResponse {
            trusted_at: None,
            ..setup.verified()
        }
    );
}
