//! A relayer that lies about what it carries: a changed message, a proof of
//! another sequence, a header of another chain, an old batch again, messages
//! out of order. Each is refused, and the honest relayer delivers everything.

use btp_types::BtpMessage;
use cosmwasm_std::Binary;
use testing::relay::{deliver, forged_update, honest, relay, rx_seq, update, Side};

use crate::common::{rejected_then_honest, two_pending};

/// Check: the destination proves `sha256(message)` of the bytes it was given;
/// a changed message hashes to a commitment A never stored.
#[test]
fn a_tampered_message_is_rejected() {
    let chains = two_pending();
    let mut honest = honest(&chains);
    let mut message = BtpMessage::decode(&honest.messages[0].message).unwrap();
    message.payload = Binary::new(b"more coins".to_vec());
    honest.messages[0].message = Binary::new(message.encode());
    let transaction = vec![
        update(&chains, honest.header),
        deliver(
            &chains,
            honest.target,
            honest.messages,
            honest.proof.clone(),
        ),
    ];
    rejected_then_honest(chains, transaction, "the verifier rejected the proof");
}

/// Check: the proven key is derived from the message's own sequence; the
/// proof of message 2's commitment does not prove message 1.
#[test]
fn a_proof_for_another_sequence_is_rejected() {
    let chains = two_pending();
    let mut honest = honest(&chains);
    // Message 1 carried with the proof of message 2's head.
    honest.messages.truncate(1);
    let transaction = vec![
        update(&chains, honest.header),
        deliver(
            &chains,
            honest.target,
            honest.messages,
            honest.proof.clone(),
        ),
    ];
    rejected_then_honest(chains, transaction, "the verifier rejected the proof");
}

/// Check: the light client accepts headers of its chain id only.
#[test]
fn a_header_from_the_other_chain_is_rejected() {
    let chains = two_pending();
    let honest = honest(&chains);
    // B's own latest header, offered to B's light client of A as if it
    // followed the trusted header of A (with A's trusted validators).
    let own_latest = chains.b.chain.latest_height().unwrap();
    let header = forged_update(&chains, chains.b.chain.light_block(own_latest).unwrap());
    let transaction = vec![
        update(&chains, header),
        deliver(
            &chains,
            honest.target,
            honest.messages,
            honest.proof.clone(),
        ),
    ];
    rejected_then_honest(
        chains,
        transaction,
        "the header is of chain \"chain-b\", but the client follows \"chain-a\"",
    );
}

/// Check: a delivered sequence is never delivered again (`rx_seq`).
#[test]
fn a_replayed_batch_is_rejected() {
    let mut chains = two_pending();
    let honest = honest(&chains);
    let batch = honest.messages.clone();
    relay(&mut chains, Side::A).unwrap().unwrap();
    let attacker = chains.b.app.api().addr_make("attacker");
    let replay = vec![deliver(&chains, honest.target, batch, honest.proof.clone())];
    let err = chains.b.execute_multi(&attacker, replay).unwrap_err();
    assert!(
        format!("{err:#}").contains("was already delivered"),
        "{err:#}"
    );
    assert_eq!(rx_seq(&mut chains, Side::B), 2);
}

/// Check: each message must be `rx_seq + 1`; a batch in another order is refused.
#[test]
fn out_of_order_delivery_is_rejected() {
    let chains = two_pending();
    let mut honest = honest(&chains);
    honest.messages.reverse();
    let transaction = vec![
        update(&chains, honest.header),
        deliver(
            &chains,
            honest.target,
            honest.messages,
            honest.proof.clone(),
        ),
    ];
    rejected_then_honest(chains, transaction, "out of order");
}
