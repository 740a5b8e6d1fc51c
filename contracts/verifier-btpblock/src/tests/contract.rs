//! The contract's interface: instantiation, queries, the message center's
//! JSON, ownership and migration.

use super::goloop::single_message_verifier;
use super::*;
use btp_types::msg::verifier::VerifierQuery;
use btp_types::msg::verifier_btpblock::{AdminExecuteMsg, ConfigResponse};
use btp_types::msg::MigrateMsg;
use contract_kit::migrate::MigrationError;
use cosmwasm_std::to_json_string;

use crate::contract::migrate;

#[test]
fn the_message_centers_json_is_the_verify_relay_message_call() {
    let msg = VerifierExecuteMsg::VerifyRelayMessage {
        source: Counterpart {
            network: NetworkAddress::parse("0x1.icon").unwrap(),
            center: "cx01".to_string(),
        },
        relay_message: Binary::from(vec![0xc1, 0xc0]),
    };
    let json = to_json_string(&msg).unwrap();
    assert!(json.starts_with(r#"{"verify_relay_message":"#), "{json}");
    let parsed: ExecuteMsg = from_json(&json).unwrap();
    assert_eq!(parsed, ExecuteMsg::Btp(msg));
    let pause: ExecuteMsg = from_json(r#"{"set_paused":{"paused":true}}"#).unwrap();
    assert_eq!(
        pause,
        ExecuteMsg::Admin(AdminExecuteMsg::SetPaused { paused: true })
    );
}

#[test]
fn the_generic_questions_are_refused_with_a_reason() {
    let (v, _) = single_message_verifier();
    let question = VerifierQuery::VerifyCommitment {
        height: 1,
        center: REMOTE_CENTER.to_string(),
        counterpart: v.source.clone(),
        sequence: 1,
        head: Binary::from(vec![0; 32]),
        proof: Binary::default(),
    };
    let err = v.query::<serde_json::Value>(question).unwrap_err();
    assert_eq!(
        err,
        ContractError::QueryNotSupported {
            question: "verify_commitment"
        }
    );
    let question = VerifierQuery::VerifyReceiveState {
        height: 1,
        center: REMOTE_CENTER.to_string(),
        counterpart: v.source.clone(),
        rx_seq: 0,
        proof: Binary::default(),
    };
    assert!(matches!(
        v.query::<serde_json::Value>(question),
        Err(ContractError::QueryNotSupported { .. })
    ));
}

#[test]
fn status_and_config_describe_the_followed_network() {
    let (v, blocks) = single_message_verifier();
    let header = BlockHeader::decode(&blocks[0].0).unwrap();
    let status = v.status();
    assert_eq!(status.height, header.main_height);
    assert_eq!(status.network_id, header.nid);
    assert_eq!(status.first_message_sn, header.first_message_sn());
    assert_eq!(status.last_sequence, header.first_message_sn());
    assert_eq!(status.message_count, 1);
    assert_eq!(status.remaining_messages, 1);
    assert_eq!(status.validators.len(), 1);
    assert!(!status.paused);
    let config: ConfigResponse = v.query(BtpBlockQuery::Config {}).unwrap();
    assert_eq!(config.message_center, v.center);
    assert_eq!(config.source_network.as_str(), "0x3.icon");
    assert_eq!(config.source_center, REMOTE_CENTER);
    assert_eq!(config.network_type_id, 1);
    assert_eq!(config.network_id, header.nid);
    let ownership: cw_ownable::Ownership<Addr> = v.query(BtpBlockQuery::Ownership {}).unwrap();
    assert_eq!(ownership.owner, Some(v.owner.clone()));
}

#[test]
fn a_first_header_that_does_not_fit_is_refused() {
    let f = read_fixture("icon-btp2/btp2-java-bmv-fixtures.json");
    let first = unhex(
        f["failure_sequence"]["first_block_header"]
            .as_str()
            .unwrap(),
    );
    // Another network id than configured.
    let mut v = Verifier::bare("0x1.icon");
    let mut msg = Verifier::msg(&v.center, "0x1.icon", 2, &first);
    msg.network_id += 1;
    let err = v.instantiate(msg).unwrap_err();
    assert!(
        matches!(err, ContractError::FirstHeaderNetworkMismatch { .. }),
        "{err:?}"
    );
    // A NextProofContext that is not the one the header names.
    let mut header = BlockHeader::decode(&first).unwrap();
    header.next_proof_context = Some(proof_context(&[vec![7; 20]]));
    let mut v = Verifier::bare("0x1.icon");
    let msg = Verifier::msg(&v.center, "0x1.icon", 2, &encode_header(&header));
    let err = v.instantiate(msg).unwrap_err();
    assert!(
        matches!(err, ContractError::FirstProofContextMismatch { .. }),
        "{err:?}"
    );
    // The context given beside the header instead of in it.
    let context = BlockHeader::decode(&first)
        .unwrap()
        .next_proof_context
        .unwrap();
    header.next_proof_context = None;
    let mut v = Verifier::bare("0x1.icon");
    let mut msg = Verifier::msg(&v.center, "0x1.icon", 2, &encode_header(&header));
    let err = v.instantiate(msg.clone()).unwrap_err();
    assert_eq!(
        err,
        ContractError::MissingField {
            field: "NextProofContext"
        }
    );
    msg.next_proof_context = Some(Binary::from(context));
    v.instantiate(msg).unwrap();
    assert_eq!(v.status().validators.len(), 4);
}

#[test]
fn migration_is_accepted_only_from_this_contract() {
    let (mut v, _) = single_message_verifier();
    migrate(v.deps.as_mut(), v.env.clone(), MigrateMsg {}).unwrap();
    cw2::set_contract_version(
        &mut v.deps.storage,
        "crates.io:verifier-tendermint",
        "0.1.0",
    )
    .unwrap();
    let err = migrate(v.deps.as_mut(), v.env.clone(), MigrateMsg {}).unwrap_err();
    assert!(
        matches!(
            err,
            ContractError::Migration(MigrationError::WrongContract { .. })
        ),
        "{err:?}"
    );
}

#[test]
fn the_messages_have_schemas() {
    use cosmwasm_schema::{schema_for, QueryResponses};
    let responses = QueryMsg::response_schemas().unwrap();
    for query in [
        "status",
        "config",
        "ownership",
        "verify_commitment",
        "verify_receive_state",
    ] {
        assert!(responses.contains_key(query), "{query}");
    }
    let _ = schema_for!(ExecuteMsg);
    let _ = schema_for!(InstantiateMsg);
}
