//! The storage keys relayers compute must be the keys the contracts write.

use btp_types::keys::{
    chain_head, commitment_storage_key, message_commitment, receipt_storage_key, wasm_store_key,
    COMMITMENTS_NAMESPACE, GENESIS_HEAD, RECEIPTS_NAMESPACE,
};
use btp_types::msg::verifier::Counterpart;
use btp_types::NetworkAddress;
use cosmwasm_std::Timestamp;

fn counterpart(network: &str, center: &str) -> Counterpart {
    Counterpart {
        network: NetworkAddress::parse(network).unwrap(),
        center: center.into(),
    }
}
use cosmwasm_std::testing::MockStorage;
use cosmwasm_std::{Binary, Storage};
use cw_storage_plus::Map;

#[test]
fn the_commitment_key_is_the_key_cw_storage_plus_writes() {
    let heads: Map<(&str, &str, u64), Binary> = Map::new(COMMITMENTS_NAMESPACE);
    let history = counterpart("remote-7.cosmos", "remote1center");
    let mut storage = MockStorage::new();
    for sequence in [1u64, 255, 256, u64::MAX] {
        let value = Binary::new(message_commitment(&sequence.to_be_bytes()).to_vec());
        heads
            .save(
                &mut storage,
                (history.network.as_str(), history.center.as_str(), sequence),
                &value,
            )
            .unwrap();
        let raw = storage
            .get(&commitment_storage_key(&history, sequence))
            .expect("the helper's key must find what the map stored");
        assert_eq!(raw, serde_json::to_vec(&value).unwrap());
    }
}

#[test]
fn the_receipt_key_is_the_key_cw_storage_plus_writes() {
    let receipts: Map<(&str, &str), u64> = Map::new(RECEIPTS_NAMESPACE);
    let history = counterpart("remote-7.cosmos", "remote1center");
    let mut storage = MockStorage::new();
    receipts
        .save(
            &mut storage,
            (history.network.as_str(), history.center.as_str()),
            &9,
        )
        .unwrap();
    assert_eq!(storage.get(&receipt_storage_key(&history)).unwrap(), b"9");
}

#[test]
fn the_commitment_key_has_the_documented_layout() {
    let key = commitment_storage_key(&counterpart("a.icon", "cx01"), 0x0102);
    let mut expected = vec![0x00, 0x05];
    expected.extend_from_slice(b"heads");
    expected.extend_from_slice(&[0x00, 0x06]);
    expected.extend_from_slice(b"a.icon");
    expected.extend_from_slice(&[0x00, 0x04]);
    expected.extend_from_slice(b"cx01");
    expected.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0x01, 0x02]);
    assert_eq!(key, expected);
}

#[test]
fn histories_with_two_centers_of_one_network_have_different_keys() {
    let old = counterpart("a.cosmos", "center1");
    let new = counterpart("a.cosmos", "center2");
    assert_ne!(
        commitment_storage_key(&old, 1),
        commitment_storage_key(&new, 1)
    );
    assert_ne!(receipt_storage_key(&old), receipt_storage_key(&new));
}

#[test]
fn a_head_chains_the_previous_head_the_message_and_its_timeout() {
    let message = b"abc";
    let first = chain_head(&GENESIS_HEAD, message, None);
    let mut image = GENESIS_HEAD.to_vec();
    image.extend_from_slice(&message_commitment(message));
    image.extend_from_slice(&[0; 8]);
    assert_eq!(first, message_commitment(&image));
    // Every input changes it.
    let timed = chain_head(&GENESIS_HEAD, message, Some(Timestamp::from_nanos(1)));
    let later = chain_head(&first, message, None);
    let other = chain_head(&GENESIS_HEAD, b"abd", None);
    for changed in [timed, later, other] {
        assert_ne!(first, changed);
    }
}

#[test]
fn the_wasm_store_key_prefixes_the_contract_address() {
    let contract = [0xaa; 32];
    let key = wasm_store_key(&contract, b"admin");
    assert_eq!(key[0], 0x03);
    assert_eq!(&key[1..33], &contract);
    assert_eq!(&key[33..], b"admin");
}

#[test]
fn the_commitment_is_the_sha256_of_the_message() {
    assert_eq!(
        hex::encode(message_commitment(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}
