//! A default or zero value accepted as proof: an empty proof, an all-zero
//! app hash, a height the client never trusted, a message never committed;
//! before and after a migration of both contracts.

use btp_types::msg::message_center::RelayedMessage;
use btp_types::msg::verifier_tendermint::{ConsensusState, ExecuteMsg as VerifierMsg};
use btp_types::msg::MigrateMsg;
use btp_types::{BtpMessage, FeeInfo};
use cosmwasm_std::{Binary, Timestamp, WasmMsg};
use cw_multi_test::Executor;
use testing::harness::TwoChains;
use testing::relay::{deliver, honest, update};

use crate::common::{rejected_then_honest, two_pending};

fn migrate_both(chains: &mut TwoChains) {
    let owner = chains.b.owner.clone();
    for contract in [
        chains.b.contracts.message_center.clone(),
        chains.b.contracts.verifier.clone(),
    ] {
        let code_id = chains
            .b
            .app
            .wrap()
            .query_wasm_contract_info(&contract)
            .unwrap()
            .code_id;
        chains
            .b
            .in_block(|app| {
                app.migrate_contract(owner.clone(), contract.clone(), &MigrateMsg {}, code_id)
            })
            .unwrap();
    }
}

/// Check: the verifier requires a proof that parses and verifies; an empty
/// one is not a proof of anything. Also after both contracts are migrated.
#[test]
fn an_empty_proof_proves_nothing_before_and_after_migrate() {
    for migrated in [false, true] {
        let mut chains = two_pending();
        if migrated {
            migrate_both(&mut chains);
        }
        let mut honest = honest(&chains);
        honest.proof = Binary::default();
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
}

/// Check: a proof is checked only against a consensus state the client
/// stored; a height it never trusted has no root to default to.
#[test]
fn a_consensus_state_never_stored_proves_nothing_before_and_after_migrate() {
    for migrated in [false, true] {
        let mut chains = two_pending();
        if migrated {
            migrate_both(&mut chains);
        }
        let honest = honest(&chains);
        // No update: the proofs are offered at a height B's client does not know.
        let transaction = vec![deliver(
            &chains,
            honest.target,
            honest.messages,
            honest.proof.clone(),
        )];
        rejected_then_honest(chains, transaction, "the verifier rejected the proof");
    }
}

/// Check: the destination proves `sha256(message)` under the commitment key
/// of its sequence; a message A never committed has no such entry, whatever
/// proof of another entry comes with it.
#[test]
fn a_message_never_committed_is_refused() {
    let chains = two_pending();
    let mut honest = honest(&chains);
    let real = BtpMessage::decode(&honest.messages[0].message).unwrap();
    let invented = BtpMessage {
        sn: 99,
        fee_info: Some(FeeInfo {
            network: real.src.clone(),
            values: vec![],
        }),
        ..real
    };
    honest.messages = vec![RelayedMessage {
        message: Binary::new(invented.encode()),
        ..honest.messages[0].clone()
    }];
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

/// Check: a trusted state with an all-zero app hash (a default value, not a
/// root anyone computed) is refused, even from the owner's recovery.
#[test]
fn a_zero_app_hash_is_never_trusted() {
    let mut chains = two_pending();
    let (owner, verifier) = (chains.b.owner.clone(), chains.b.contracts.verifier.clone());
    // Recovery is only for a client that expired (or froze).
    chains
        .b
        .clock()
        .advance(testing::chain::TRUSTING_PERIOD_SECS + 60);
    chains.b.in_block(|_| Ok(())).unwrap();
    let recover = VerifierMsg::RecoverClient {
        chain_id: None,
        height: 1_000_000,
        consensus_state: ConsensusState {
            timestamp: Timestamp::from_seconds(1_704_067_200),
            app_hash: Binary::new(vec![0; 32]),
            next_validators_hash: Binary::new(vec![1; 32]),
        },
    };
    let msg = WasmMsg::Execute {
        contract_addr: verifier.to_string(),
        msg: cosmwasm_std::to_json_binary(&recover).unwrap(),
        funds: vec![],
    };
    let err = chains
        .b
        .execute_multi(&owner, vec![msg.into()])
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("app hash is all zeros"),
        "{err:#}"
    );
    let instantiate = chains
        .a
        .chain
        .verifier_instantiate_msg(chains.a.chain.latest_height().unwrap())
        .unwrap();
    let mut zeroed = instantiate;
    zeroed.consensus_state.app_hash = Binary::new(vec![0; 32]);
    let code_id = chains
        .b
        .app
        .wrap()
        .query_wasm_contract_info(&verifier)
        .unwrap()
        .code_id;
    let err = chains
        .b
        .in_block(|app| {
            app.instantiate_contract(code_id, owner.clone(), &zeroed, &[], "zero", None)
        })
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("app hash is all zeros"),
        "{err:#}"
    );
}
