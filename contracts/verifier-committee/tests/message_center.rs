//! End to end: a committee on a message center's link. A token transfer
//! committed on chain A is delivered on chain B with a 2-of-3 attestation of
//! A's chain head, and refused with fewer signers; the message center is
//! unchanged (it sends the plain `VerifierQuery`).

use btp_types::msg::message_center::{ExecuteMsg as CenterMsg, RelayedMessage};
use btp_types::msg::token_handler::ExecuteMsg as HandlerMsg;
use btp_types::msg::verifier_committee::{
    attestation_digest, Attestation, AttestationSignature, Counterpart, InstantiateMsg, SignerKey,
    SignerRef, VerifierQuery,
};
use btp_types::BtpAddress;
use cosmwasm_std::{coin, to_json_binary, Binary, Empty};
use cw_multi_test::{Contract, ContractWrapper, Executor};
use sha2::{Digest, Sha256};
use testing::suite::{Side, SuiteBuilder, COIN_A_DENOM};
use verifier_committee::contract::{execute, instantiate, migrate, query};

fn committee() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

fn ed25519(seed: &str) -> ed25519_consensus::SigningKey {
    let bytes: [u8; 32] = Sha256::digest(seed.as_bytes()).into();
    ed25519_consensus::SigningKey::from(bytes)
}

#[test]
fn a_committee_attested_batch_is_delivered_by_an_unchanged_message_center() {
    let mut suite = SuiteBuilder::new().build();
    let domain = "b.cosmos<-a.cosmos";
    let signers: Vec<_> = ["c0", "c1", "c2"].map(ed25519).into();
    let code = suite.app.store_code(committee());
    let owner = suite.owner.clone();
    let verifier = suite
        .app
        .instantiate_contract(
            code,
            owner.clone(),
            &InstantiateMsg {
                owner: None,
                domain: domain.into(),
                signers: signers
                    .iter()
                    .map(|key| {
                        SignerKey::Ed25519(Binary::new(key.verification_key().to_bytes().to_vec()))
                    })
                    .collect(),
                threshold: 2,
                rotation_delay_secs: 86_400,
            },
            &[],
            "committee",
            None,
        )
        .unwrap();
    let (center_a, center_b) = (
        suite.a.message_center.clone(),
        suite.b.message_center.clone(),
    );
    suite
        .app
        .execute_contract(
            owner,
            center_b.clone(),
            &CenterMsg::UpdateLink {
                network: suite.a.network.clone(),
                verifier: Some(verifier.to_string()),
                relayers: None,
            },
            &[],
        )
        .unwrap();

    // Two transfers from A to B: one batch.
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let to = BtpAddress::parse(&format!("btp://{}/{}", suite.b.network, user)).unwrap();
    for amount in [1_000, 2_000] {
        suite
            .execute(
                Side::A,
                &user,
                &handler,
                &HandlerMsg::Transfer {
                    to: to.clone(),
                    timeout_secs: None,
                },
                &[coin(amount, COIN_A_DENOM)],
            )
            .unwrap();
    }
    let last = suite.outbox_messages(Side::A).last().unwrap().clone();
    let messages: Vec<RelayedMessage> = suite.take_outbox(Side::A);
    assert_eq!((messages.len(), last.sequence), (2, 2));

    // The committee signs the one fact the message center asks about.
    let block = suite.app.block_info();
    let question = VerifierQuery::VerifyCommitment {
        height: block.height,
        center: center_a.to_string(),
        counterpart: Counterpart {
            network: suite.b.network.clone(),
            center: center_b.to_string(),
        },
        sequence: last.sequence,
        head: Binary::new(last.head.clone()),
        proof: Binary::default(),
    };
    let digest = attestation_digest(domain, &question, block.time);
    let proof = |by: &[usize]| {
        to_json_binary(&Attestation {
            timestamp: block.time,
            signatures: by
                .iter()
                .map(|&i| AttestationSignature {
                    signer: SignerRef::Index(i as u32),
                    signature: Binary::new(signers[i].sign(&digest).to_bytes().to_vec()),
                })
                .collect(),
        })
        .unwrap()
    };
    let relay = |proof: Binary| CenterMsg::HandleRelayMessage {
        src: suite.a.network.clone(),
        proof_height: block.height,
        messages: messages.clone(),
        proof,
        prior_head: None,
    };
    let relayer = suite.relayer.clone();

    // One signer is not enough, and the message center passes the reason on.
    let err = suite
        .app
        .execute_contract(relayer.clone(), center_b.clone(), &relay(proof(&[1])), &[])
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("1 distinct signers signed, but 2 of the 3 signers must"),
        "{err:#}"
    );
    assert_eq!(suite.link(Side::B).rx_seq, 0);

    // Two are.
    suite
        .app
        .execute_contract(
            relayer.clone(),
            center_b.clone(),
            &relay(proof(&[2, 0])),
            &[],
        )
        .unwrap();
    assert_eq!(suite.link(Side::B).rx_seq, 2);

    // And the same batch cannot be delivered twice.
    let err = suite
        .app
        .execute_contract(relayer, center_b, &relay(proof(&[0, 1])), &[])
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("message 1 from a.cosmos was already delivered"),
        "{err:#}"
    );
}
