//! The storage keys relayers compute must be the keys the contracts write.

use btp_types::keys::{
    commitment_storage_key, message_commitment, wasm_store_key, COMMITMENTS_NAMESPACE,
};
use btp_types::NetworkAddress;
use cosmwasm_std::testing::MockStorage;
use cosmwasm_std::{Binary, Storage};
use cw_storage_plus::Map;

#[test]
fn the_commitment_key_is_the_key_cw_storage_plus_writes() {
    let commitments: Map<(&str, u64), Binary> = Map::new(COMMITMENTS_NAMESPACE);
    let network = NetworkAddress::parse("remote-7.cosmos").unwrap();
    let mut storage = MockStorage::new();
    for sequence in [1u64, 255, 256, u64::MAX] {
        let value = Binary::new(message_commitment(&sequence.to_be_bytes()).to_vec());
        commitments
            .save(&mut storage, (network.as_str(), sequence), &value)
            .unwrap();
        let raw = storage
            .get(&commitment_storage_key(&network, sequence))
            .expect("the helper's key must find what the map stored");
        assert_eq!(raw, serde_json::to_vec(&value).unwrap());
    }
}

#[test]
fn the_commitment_key_has_the_documented_layout() {
    let network = NetworkAddress::parse("a.icon").unwrap();
    let key = commitment_storage_key(&network, 0x0102);
    let mut expected = vec![0x00, 0x0b];
    expected.extend_from_slice(b"commitments");
    expected.extend_from_slice(&[0x00, 0x06]);
    expected.extend_from_slice(b"a.icon");
    expected.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0x01, 0x02]);
    assert_eq!(key, expected);
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
