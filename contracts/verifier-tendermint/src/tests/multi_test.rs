//! The contract as a chain runs it (cw-multi-test, JSON messages): a relayer
//! updates the client with a real header, and another contract's query proves
//! real state.

use btp_types::msg::verifier_tendermint::{
    ClientStatus, InstantiateMsg, LatestHeightResponse, LightClientQuery, StatusResponse, VerifiedResponse,
};
use cosmwasm_std::{Binary, Empty, Timestamp};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};

use crate::contract::{execute, instantiate, migrate, query};
use crate::testing::{archway_block, nyx_proof};

fn verifier() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
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
    let mut app = App::default();
    app.update_block(|block| block.time = header.time().plus_seconds(30));
    let code = app.store_code(verifier());
    let owner = app.api().addr_make("owner");
    let relayer = app.api().addr_make("relayer");
    let address = app
        .instantiate_contract(
            code,
            owner,
            &trusted.instantiate_msg(),
            &[],
            "verifier",
            None,
        )
        .unwrap();

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
    let mut app = App::default();
    let now = Timestamp::from_seconds(1_750_000_000);
    app.update_block(|block| block.time = now);
    let code = app.store_code(verifier());
    let owner = app.api().addr_make("owner");
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
    let address = app
        .instantiate_contract(code, owner, &msg, &[], "verifier", None)
        .unwrap();
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
