//! Blocks of a BTP network whose validators this test holds (secp256k1 keys
//! signing like goloop's `eth` network type, `crate::test_utils`): what the
//! fixtures do not show, such as a validator change signed by the old set
//! and then used, the update flag without a change, the 2/3 boundary, and
//! the messages of one block proven over several relay messages.

use super::*;
use crate::codec::NetworkSectionToRoot;
use crate::test_utils::{SimulatedIconChain, ValidatorKey};

const NETWORK: &str = "0x7.icon";
const NETWORK_TYPE: u64 = 1;

fn chain(validators: usize) -> SimulatedIconChain {
    SimulatedIconChain::new(NETWORK, NETWORK_TYPE, 1, validators)
}

fn msgs(prefix: &str, n: usize) -> Vec<Vec<u8>> {
    (0..n)
        .map(|i| format!("{prefix} {i}").into_bytes())
        .collect()
}

fn started(chain: &SimulatedIconChain) -> Verifier {
    Verifier::new(NETWORK, NETWORK_TYPE, &chain.first_header())
}

fn refused(v: &mut Verifier, relay: &[u8]) -> ContractError {
    let before = v.snapshot();
    let err = v.relay(relay).unwrap_err();
    assert_eq!(v.snapshot(), before);
    err
}

#[test]
fn a_validator_change_signed_by_the_old_set_takes_effect_for_the_next_block() {
    let mut chain = chain(4);
    let mut v = started(&chain);
    let new_keys = ValidatorKey::range(11, 3);
    let change = chain.change_validators_to(new_keys.clone());
    // Signed by the new set: refused (the current set signs a change).
    let err = refused(
        &mut v,
        &relay_message(&[change.update_signed_with(&new_keys, &[0, 1, 2])]),
    );
    assert!(
        matches!(err, ContractError::InvalidValidator { .. }),
        "{err:?}"
    );
    let got = v.relay(&relay_message(&[change.update()])).unwrap();
    assert!(got.messages.is_empty());
    assert_eq!(
        v.status().validators,
        new_keys
            .iter()
            .map(|k| cosmwasm_std::HexBinary::from(k.address()))
            .collect::<Vec<_>>()
    );
    // The next block: the old set is refused, the new one accepted.
    let next = chain.produce_block(msgs("after", 1));
    let err = refused(
        &mut v,
        &relay_message(&[next.update_signed_with(&change.signers, &[0, 1, 2, 3])]),
    );
    assert!(
        matches!(err, ContractError::InvalidValidator { .. }),
        "{err:?}"
    );
    assert_eq!(
        v.relay_messages(&relay_message(&[next.update(), next.messages_proof()]))
            .unwrap(),
        msgs("after", 1)
    );
}

#[test]
fn the_update_flag_without_a_new_validator_set_is_refused() {
    let mut chain = chain(4);
    let mut v = started(&chain);
    let same = chain.validators().to_vec();
    let block = chain.change_validators_to(same);
    assert!(block.header.proof_context_changed());
    let err = refused(&mut v, &relay_message(&[block.update()]));
    assert_eq!(err, ContractError::MismatchUpdateFlag);
}

#[test]
fn more_than_two_thirds_of_the_validators_must_sign() {
    // (validators, signers refused, signers accepted)
    for (n, short, enough) in [
        (1, 0, 1),
        (3, 2, 3),
        (4, 2, 3),
        (6, 4, 5),
        (7, 4, 5),
        (10, 6, 7),
    ] {
        let mut chain = chain(n);
        let mut v = started(&chain);
        let block = chain.produce_block(Vec::new());
        let signers: Vec<usize> = (0..short).collect();
        let err = refused(&mut v, &relay_message(&[block.update_signed_by(&signers)]));
        assert_eq!(
            err,
            ContractError::NotEnoughSignatures {
                validators: n as u64,
                signed: short as u64
            }
        );
        // Any `enough` of them, not only the first ones.
        let signers: Vec<usize> = (n - enough..n).collect();
        v.relay(&relay_message(&[block.update_signed_by(&signers)]))
            .unwrap_or_else(|e| panic!("{enough} of {n}: {e}"));
    }
}

#[test]
fn a_signature_by_someone_outside_the_set_is_refused() {
    let mut chain = chain(4);
    let mut v = started(&chain);
    let block = chain.produce_block(Vec::new());
    let mut outsiders = block.signers.clone();
    outsiders[3] = ValidatorKey::from_seed(99);
    let err = refused(
        &mut v,
        &relay_message(&[block.update_signed_with(&outsiders, &[0, 1, 3])]),
    );
    assert!(
        matches!(err, ContractError::InvalidValidator { index: 3, .. }),
        "{err:?}"
    );
}

#[test]
fn the_network_section_path_to_the_root_is_signed() {
    let mut chain = chain(3);
    let mut v = started(&chain);
    chain.network_section_to_root = vec![
        NetworkSectionToRoot {
            dir: 0,
            value: Some(vec![1; 32]),
        },
        NetworkSectionToRoot {
            dir: 1,
            value: None,
        },
        NetworkSectionToRoot {
            dir: 1,
            value: Some(vec![2; 32]),
        },
    ];
    let block = chain.produce_block(msgs("m", 2));
    let update = block.update();
    // Another sibling on the path: the signatures are over another root.
    let forged = {
        let mut u = crate::codec::BlockUpdate::decode(&update.1).unwrap();
        u.header.network_section_to_root[2].dir = 0;
        (update.0, block_update(&encode_header(&u.header), u.proof))
    };
    let err = refused(&mut v, &relay_message(&[forged]));
    assert!(
        matches!(err, ContractError::InvalidValidator { .. }),
        "{err:?}"
    );
    assert_eq!(
        v.relay_messages(&relay_message(&[update, block.messages_proof()]))
            .unwrap(),
        msgs("m", 2)
    );
}

#[test]
fn a_blocks_messages_are_proven_over_several_relay_messages_in_order_only() {
    let mut chain = chain(4);
    let mut v = started(&chain);
    let messages = msgs("batch", 7);
    let block = chain.produce_block(messages.clone());
    v.relay(&relay_message(&[block.update()])).unwrap();
    assert_eq!(v.status().remaining_messages, 7);
    // A later part first: refused.
    let err = refused(&mut v, &relay_message(&[block.message_proof(2, 3)]));
    assert_eq!(
        err,
        ContractError::InvalidProofInLeft {
            expected: 0,
            got: 2
        }
    );
    // The next block before the rest: refused.
    let next = chain.produce_block(Vec::new());
    let err = refused(&mut v, &relay_message(&[next.update()]));
    assert!(
        matches!(err, ContractError::RemainMustBeZero { remaining: 7, .. }),
        "{err:?}"
    );
    let mut proven = Vec::new();
    for (from, to) in [(0, 2), (2, 3), (3, 7)] {
        proven.extend(
            v.relay_messages(&relay_message(&[block.message_proof(from, to)]))
                .unwrap(),
        );
        assert_eq!(v.status().processed_messages, to as u64);
    }
    assert_eq!(proven, messages);
    // A part again: nothing remains.
    let err = refused(&mut v, &relay_message(&[block.message_proof(3, 7)]));
    assert_eq!(err, ContractError::NoRemainingMessages);
    // Now the next block follows.
    v.relay(&relay_message(&[next.update()])).unwrap();
}
