//! The contract as a chain runs it (cw-multi-test, JSON messages): a relayer
//! updates the client with a real header, another contract's query proves
//! real state, and a message center's generic queries are answered.

use btp_types::msg::verifier_tendermint::{
    ClientStatus, InstantiateMsg, LatestHeightResponse, LightClientQuery, QueryMsg, StatusResponse,
    TrustedAt, VerifiedResponse,
};
use cosmwasm_std::{Addr, Binary, Empty, Timestamp};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};

use super::synthetic::{at, block, block_committing};
use super::verifier_query::{
    commitment, commitment_key, head, receipt_key, receive_state, remote, remote_state, us, CENTER,
    HEIGHT,
};
use crate::contract::{execute, instantiate, migrate, query};
use crate::testing::{archway_block, nyx_proof};

fn verifier() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// A chain at time `now` running a verifier instantiated with `msg`.
fn chain_with_verifier(now: Timestamp, msg: &InstantiateMsg) -> (App, Addr) {
    let mut app = App::default();
    app.update_block(|block| block.time = now);
    let code = app.store_code(verifier());
    let owner = app.api().addr_make("owner");
    let address = app
        .instantiate_contract(code, owner, msg, &[], "verifier", None)
        .unwrap();
    (app, address)
}

fn wasm_attr(response: &AppResponse, key: &str) -> Option<String> {
    response
        .events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

#[test]
fn a_relayer_updates_the_client_with_json_messages() {
    let (trusted, header) = (archway_block("adjacent", 1), archway_block("adjacent", 2));
    let (mut app, address) =
        chain_with_verifier(header.time().plus_seconds(30), &trusted.instantiate_msg());
    let relayer = app.api().addr_make("relayer");

    let msg = header.update_msg(trusted.height(), &trusted.validators);
    // What travels: base64 protobuf inside JSON.
    let json = serde_json::to_value(&msg).unwrap();
    assert!(json["update_client"]["header"].is_string());
    let response = app
        .execute_contract(relayer, address.clone(), &msg, &[])
        .unwrap();
    assert_eq!(
        wasm_attr(&response, "action").as_deref(),
        Some("update_client")
    );
    assert_eq!(wasm_attr(&response, "result").as_deref(), Some("updated"));

    let latest: LatestHeightResponse = app
        .wrap()
        .query_wasm_smart(&address, &LightClientQuery::LatestHeight {})
        .unwrap();
    assert_eq!(latest.height, 700_001);
    let status: StatusResponse = app
        .wrap()
        .query_wasm_smart(&address, &LightClientQuery::Status {})
        .unwrap();
    assert_eq!(status.status, ClientStatus::Active);
}

#[test]
fn a_contract_query_proves_real_contract_storage() {
    let proof = nyx_proof();
    let now = Timestamp::from_seconds(1_750_000_000);
    let mut client_state = archway_block("simple", 1).client_state();
    client_state.chain_id = "nyx".into();
    client_state.latest_height = proof.header_height;
    let msg = InstantiateMsg {
        owner: None,
        client_state,
        consensus_state: btp_types::msg::verifier_tendermint::ConsensusState {
            timestamp: now.minus_seconds(60),
            app_hash: Binary::from(proof.app_hash.as_slice()),
            next_validators_hash: Binary::new(vec![9; 32]),
        },
    };
    let (app, address) = chain_with_verifier(now, &msg);
    let query = LightClientQuery::VerifyMembership {
        height: proof.header_height,
        path: vec![Binary::from(b"wasm"), Binary::from(proof.key.as_slice())],
        value: Binary::from(proof.value.as_slice()),
        proof: Binary::from(proof.merkle_proof.as_slice()),
    };
    let verified: VerifiedResponse = app.wrap().query_wasm_smart(&address, &query).unwrap();
    assert_eq!(verified.height, proof.header_height);

    let wrong = LightClientQuery::VerifyMembership {
        height: proof.header_height,
        path: vec![Binary::from(b"wasm"), Binary::from(proof.key.as_slice())],
        value: Binary::from(b"\"n1attacker\""),
        proof: Binary::from(proof.merkle_proof.as_slice()),
    };
    let err = app
        .wrap()
        .query_wasm_smart::<VerifiedResponse>(&address, &wrong)
        .unwrap_err();
    assert!(
        err.to_string().contains("does not prove the value"),
        "{err}"
    );
}

#[test]
fn the_message_centers_questions_reach_the_verifier_as_json() {
    // The generic queries and the light client's share one JSON interface
    // (an untagged enum): a message center's query must land on the right one.
    let state = remote_state();
    let mut msg = block(HEIGHT, 5, 2).instantiate_msg();
    msg.consensus_state.app_hash = Binary::new(state.app_hash());
    let (app, address) = chain_with_verifier(at(30), &msg);
    let instantiated_at = app.block_info().height;
    let key = commitment_key(&CENTER, &us(), 5);
    let query = QueryMsg::from(commitment(
        &remote(&CENTER),
        us(),
        5,
        &head(5),
        state.prove(&key),
    ));
    let json = serde_json::to_value(&query).unwrap();
    assert_eq!(
        json["verify_commitment"]["counterpart"]["network"],
        "local.cosmos"
    );
    let verified: VerifiedResponse = app.wrap().query_wasm_smart(&address, &query).unwrap();
    assert_eq!(
        verified,
        VerifiedResponse {
            height: HEIGHT,
            timestamp: at(5),
            // Trusted since the instantiation.
            trusted_at: Some(TrustedAt {
                time: at(30),
                height: instantiated_at,
            }),
        }
    );
    let key = receipt_key(&CENTER, &us());
    let claim = |rx_seq| {
        QueryMsg::from(receive_state(
            &remote(&CENTER),
            us(),
            rx_seq,
            state.prove(&key),
        ))
    };
    let verified: VerifiedResponse = app.wrap().query_wasm_smart(&address, &claim(3)).unwrap();
    assert_eq!(verified.height, HEIGHT);
    let err = app
        .wrap()
        .query_wasm_smart::<VerifiedResponse>(&address, &claim(2))
        .unwrap_err();
    assert!(
        err.to_string().contains("does not prove the value"),
        "{err}"
    );
}

#[test]
fn an_answer_carries_the_moment_of_the_update_not_of_the_query() {
    // A link with a delay period compares this moment with its own clock:
    // it must be when the header was accepted, however late the proof is
    // checked.
    let state = remote_state();
    let (b1, b2) = (
        block(HEIGHT - 1, 0, 1),
        block_committing(HEIGHT, 5, &state.app_hash()),
    );
    let (mut app, address) = chain_with_verifier(at(30), &b1.instantiate_msg());

    app.update_block(|block| {
        block.time = at(40);
        block.height += 7;
    });
    let updated = app.block_info();
    let relayer = app.api().addr_make("relayer");
    let update = b2.update_msg(b1.height(), b1.next_validators.as_ref().unwrap());
    app.execute_contract(relayer, address.clone(), &update, &[])
        .unwrap();

    // Asked much later, in another block.
    app.update_block(|block| {
        block.time = at(4000);
        block.height += 660;
    });
    let asked = app.block_info();
    assert_ne!(asked.height, updated.height);
    let trusted_at_update = Some(TrustedAt {
        time: updated.time,
        height: updated.height,
    });
    let commitment_proof = state.prove(&commitment_key(&CENTER, &us(), 5));
    let query = QueryMsg::from(commitment(
        &remote(&CENTER),
        us(),
        5,
        &head(5),
        commitment_proof.clone(),
    ));
    let verified: VerifiedResponse = app.wrap().query_wasm_smart(&address, &query).unwrap();
    assert_eq!(
        verified,
        VerifiedResponse {
            height: HEIGHT,
            timestamp: at(5),
            trusted_at: trusted_at_update,
        }
    );
    let query = QueryMsg::from(receive_state(
        &remote(&CENTER),
        us(),
        3,
        state.prove(&receipt_key(&CENTER, &us())),
    ));
    let verified: VerifiedResponse = app.wrap().query_wasm_smart(&address, &query).unwrap();
    assert_eq!(verified.trusted_at, trusted_at_update);
    // The light client's own membership query says the same.
    let query = LightClientQuery::VerifyMembership {
        height: HEIGHT,
        path: vec![
            Binary::from(b"wasm"),
            Binary::new(commitment_key(&CENTER, &us(), 5)),
        ],
        value: Binary::from(head(5)),
        proof: commitment_proof,
    };
    let verified: VerifiedResponse = app.wrap().query_wasm_smart(&address, &query).unwrap();
    assert_eq!(verified.trusted_at, trusted_at_update);
}
