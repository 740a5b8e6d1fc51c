//! Each attack a relayer or another account could try, refused, and the
//! refusal changes nothing.

use super::goloop::{only_message, single_message_verifier, Block};
use super::*;
use btp_types::msg::verifier_btpblock::AdminExecuteMsg;
use contract_kit::pause::PauseError;

use crate::codec::{decode_relay_message, RelayItem};

fn refused(v: &mut Verifier, relay: &[u8]) -> ContractError {
    let before = v.snapshot();
    let err = v.relay(relay).unwrap_err();
    assert_eq!(
        v.snapshot(),
        before,
        "a refused relay message changed the state"
    );
    err
}

#[test]
fn a_caller_other_than_the_message_center_is_refused() {
    let (mut v, blocks) = single_message_verifier();
    let relay = relay_message(&[(2, only_message(&blocks[0].2))]);
    let before = v.snapshot();
    for sender in [v.deps.api.addr_make("relayer"), v.owner.clone()] {
        let msg = VerifierExecuteMsg::VerifyRelayMessage {
            source: v.source.clone(),
            relay_message: Binary::from(relay.clone()),
        };
        let err = v.execute_as(&sender, msg).unwrap_err();
        assert!(matches!(err, ContractError::Unauthorized { .. }), "{err:?}");
    }
    assert_eq!(v.snapshot(), before);
    // The message center itself is answered.
    assert_eq!(v.relay_messages(&relay).unwrap(), vec![blocks[0].2.clone()]);
}

#[test]
fn a_wrong_source_network_or_center_is_refused() {
    let (mut v, blocks) = single_message_verifier();
    let relay = relay_message(&[(2, only_message(&blocks[0].2))]);
    let before = v.snapshot();
    let mut wrong_network = v.source.clone();
    wrong_network.network = NetworkAddress::parse("0x1.icon").unwrap();
    let err = v.relay_from(wrong_network, &relay).unwrap_err();
    assert!(
        matches!(err, ContractError::WrongSourceNetwork { .. }),
        "{err:?}"
    );
    let mut wrong_center = v.source.clone();
    wrong_center.center = "cx0000000000000000000000000000000000000000".to_string();
    let err = v.relay_from(wrong_center, &relay).unwrap_err();
    assert!(
        matches!(err, ContractError::WrongSourceCenter { .. }),
        "{err:?}"
    );
    assert_eq!(v.snapshot(), before);
}

#[test]
fn a_paused_verifier_verifies_nothing_until_resumed() {
    let (mut v, blocks) = single_message_verifier();
    let relay = relay_message(&[(2, only_message(&blocks[0].2))]);
    let stranger = v.deps.api.addr_make("stranger");
    let err = v
        .execute_as(&stranger, AdminExecuteMsg::SetPaused { paused: true })
        .unwrap_err();
    assert!(
        matches!(err, ContractError::Pause(PauseError::Ownership(_))),
        "{err:?}"
    );
    let owner = v.owner.clone();
    v.execute_as(&owner, AdminExecuteMsg::SetPaused { paused: true })
        .unwrap();
    assert!(v.status().paused);
    let err = refused(&mut v, &relay);
    assert!(
        matches!(err, ContractError::Pause(PauseError::Paused { .. })),
        "{err:?}"
    );
    v.execute_as(&owner, AdminExecuteMsg::SetPaused { paused: false })
        .unwrap();
    assert_eq!(v.relay_messages(&relay).unwrap(), vec![blocks[0].2.clone()]);
}

#[test]
fn a_replayed_message_proof_is_refused() {
    let (mut v, blocks) = single_message_verifier();
    let relay = relay_message(&[(2, only_message(&blocks[0].2))]);
    v.relay(&relay).unwrap();
    let err = refused(&mut v, &relay);
    assert_eq!(err, ContractError::NoRemainingMessages);
    // Twice in one relay message: the whole relay message is refused.
    let (mut v, _) = single_message_verifier();
    let twice = relay_message(&[
        (2, only_message(&blocks[0].2)),
        (2, only_message(&blocks[0].2)),
    ]);
    assert_eq!(refused(&mut v, &twice), ContractError::NoRemainingMessages);
    assert_eq!(v.status().remaining_messages, 1);
}

#[test]
fn a_replayed_message_of_a_multi_message_block_is_refused() {
    // ICON's first sequence: after [cat, elephant, bird] of one block, the
    // proof of [cat] alone comes again.
    let f = read_fixture("icon-btp2/btp2-java-bmv-fixtures.json");
    let relays = f["success"][0]["relay_messages"].as_array().unwrap();
    let relays: Vec<Vec<u8>> = relays.iter().map(|r| unhex(r.as_str().unwrap())).collect();
    let mut v = Verifier::new("0x1.icon", 2, &relays[0]);
    v.relay(&relays[1]).unwrap();
    // Relay 2 is a block update followed by message proofs of that block.
    let items = decode_relay_message(&relays[2]).unwrap();
    let proofs: Vec<_> = items
        .iter()
        .filter(|i| matches!(i, RelayItem::MessageProof(_)))
        .collect();
    assert!(!proofs.is_empty());
    v.relay(&relays[2]).unwrap();
    let status = v.status();
    // Replaying the whole relay message: its block is already verified.
    let err = refused(&mut v, &relays[2]);
    assert!(
        matches!(err, ContractError::AlreadyVerified { .. }),
        "{err:?}"
    );
    assert_eq!(err.btp_code(), 27);
    assert_eq!(v.status(), status);
}

#[test]
fn a_replayed_block_update_is_refused() {
    let (mut v, blocks) = single_message_verifier();
    let items = [(2, only_message(&blocks[0].2)), (1, blocks[1].1.clone())];
    v.relay(&relay_message(&items)).unwrap();
    // ICON checks the sequence first: the block is already verified, whether
    // its message was proven yet or not.
    let err = refused(&mut v, &relay_message(&[(1, blocks[1].1.clone())]));
    assert_eq!(
        err,
        ContractError::AlreadyVerified {
            expected: 26,
            got: 25
        }
    );
    v.relay(&relay_message(&[(2, only_message(&blocks[1].2))]))
        .unwrap();
    let err = refused(&mut v, &relay_message(&[(1, blocks[1].1.clone())]));
    assert!(
        matches!(err, ContractError::AlreadyVerified { .. }),
        "{err:?}"
    );
    // The next block is refused until the last one's message is proven.
    let (mut v, blocks) = single_message_verifier();
    let err = refused(&mut v, &relay_message(&[(1, blocks[1].1.clone())]));
    assert!(
        matches!(err, ContractError::RemainMustBeZero { remaining: 1, .. }),
        "{err:?}"
    );
}

/// Block 1 of the goloop fixture with other signatures.
fn block1_with_signatures(blocks: &[Block], sigs: &[Option<Vec<u8>>]) -> Vec<u8> {
    relay_message(&[(1, block_update(&blocks[1].0, Some(proofs(sigs))))])
}

fn block1_signature(blocks: &[Block]) -> Vec<u8> {
    let items = decode_relay_message(&relay_message(&[(1, blocks[1].1.clone())])).unwrap();
    let RelayItem::BlockUpdate(update) = &items[0] else {
        panic!()
    };
    let sigs = crate::codec::decode_proofs(update.proof.as_ref().unwrap()).unwrap();
    sigs[0].clone().unwrap()
}

#[test]
fn a_signature_set_with_a_duplicate_is_refused() {
    let (mut v, blocks) = single_message_verifier();
    v.relay(&relay_message(&[(2, only_message(&blocks[0].2))]))
        .unwrap();
    let sig = block1_signature(&blocks);
    let err = refused(
        &mut v,
        &block1_with_signatures(&blocks, &[Some(sig.clone()), Some(sig.clone())]),
    );
    assert!(
        matches!(err, ContractError::DuplicatedValidator { index: 1, .. }),
        "{err:?}"
    );
    // Its malleated twin (S' = n - S, V' = 1 - V) is other bytes by the same
    // signer: still one validator.
    let twin = malleate(&sig);
    assert_ne!(twin, sig);
    let err = refused(
        &mut v,
        &block1_with_signatures(&blocks, &[Some(sig.clone()), Some(twin)]),
    );
    assert!(
        matches!(err, ContractError::DuplicatedValidator { index: 1, .. }),
        "{err:?}"
    );
    // The genuine set passes.
    v.relay(&block1_with_signatures(&blocks, &[Some(sig)]))
        .unwrap();
}

#[test]
fn not_enough_signatures_are_refused() {
    let (mut v, blocks) = single_message_verifier();
    v.relay(&relay_message(&[(2, only_message(&blocks[0].2))]))
        .unwrap();
    // No signature at all (a null in the validator's slot, or an empty list).
    for sigs in [vec![None], vec![]] {
        let err = refused(&mut v, &block1_with_signatures(&blocks, &sigs));
        assert_eq!(
            err,
            ContractError::NotEnoughSignatures {
                validators: 1,
                signed: 0
            }
        );
    }
    // ICON's 4 validators: 2 of 4 is not more than 2/3.
    let f = read_fixture("icon-btp2/btp2-java-bmv-fixtures.json");
    let relays: Vec<Vec<u8>> = f["success"][0]["relay_messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| unhex(r.as_str().unwrap()))
        .collect();
    let mut v = Verifier::new("0x1.icon", 2, &relays[0]);
    v.relay(&relays[1]).unwrap();
    let items = decode_relay_message(&relays[2]).unwrap();
    let RelayItem::BlockUpdate(update) = &items[0] else {
        panic!()
    };
    let sigs = crate::codec::decode_proofs(update.proof.as_ref().unwrap()).unwrap();
    let signed = sigs.iter().filter(|s| s.is_some()).count();
    assert!(signed >= 3, "the fixture's block has {signed} signatures");
    let header = encode_header(&update.header);
    let two: Vec<Option<Vec<u8>>> = sigs
        .iter()
        .enumerate()
        .map(|(i, s)| if i < 2 { s.clone() } else { None })
        .collect();
    let err = refused(
        &mut v,
        &relay_message(&[(1, block_update(&header, Some(proofs(&two))))]),
    );
    assert_eq!(
        err,
        ContractError::NotEnoughSignatures {
            validators: 4,
            signed: 2
        }
    );
    // Three of four is enough.
    let three: Vec<Option<Vec<u8>>> = sigs
        .iter()
        .enumerate()
        .map(|(i, s)| if i < 3 { s.clone() } else { None })
        .collect();
    if sigs.iter().take(3).all(|s| s.is_some()) {
        v.relay(&relay_message(&[(
            1,
            block_update(&header, Some(proofs(&three))),
        )]))
        .unwrap();
    }
}

#[test]
fn a_signature_of_another_chain_or_a_forged_header_is_refused() {
    let (mut v, blocks) = single_message_verifier();
    v.relay(&relay_message(&[(2, only_message(&blocks[0].2))]))
        .unwrap();
    // The real signature over a header whose messages root was changed.
    let mut header = BlockHeader::decode(&blocks[1].0).unwrap();
    header.messages_root = Some(keccak(b"forged"));
    let sig = block1_signature(&blocks);
    let relay = relay_message(&[(
        1,
        block_update(&encode_header(&header), Some(proofs(&[Some(sig)]))),
    )]);
    let err = refused(&mut v, &relay);
    assert!(
        matches!(err, ContractError::InvalidValidator { .. }),
        "{err:?}"
    );
    // A malformed signature.
    let err = refused(
        &mut v,
        &block1_with_signatures(&blocks, &[Some(vec![1; 64])]),
    );
    assert_eq!(err, ContractError::InvalidSignature { index: 0 });
}

fn keccak(data: &[u8]) -> Vec<u8> {
    crate::codec::keccak256(data).to_vec()
}

#[test]
fn a_forged_message_is_refused() {
    let (mut v, blocks) = single_message_verifier();
    let mut forged = blocks[0].2.clone();
    forged[0] ^= 1;
    let err = refused(&mut v, &relay_message(&[(2, only_message(&forged))]));
    assert!(
        matches!(err, ContractError::MessagesRootMismatch { .. }),
        "{err:?}"
    );
    // A message with an invented neighbour.
    let relay = relay_message(&[(
        2,
        message_proof(&[], &[blocks[0].2.clone()], &[(1, keccak(b"x"))]),
    )]);
    let err = refused(&mut v, &relay);
    assert!(
        matches!(err, ContractError::MessageCountMismatch { .. }),
        "{err:?}"
    );
}

#[test]
fn garbage_is_refused() {
    let (mut v, _) = single_message_verifier();
    for relay in [
        vec![],
        vec![0xc0],
        vec![0xf8, 0x00],
        relay_message(&[(3, vec![0xc0])]),
        relay_message(&[(1, vec![1, 2, 3])]),
        relay_message(&[(2, vec![0xc1, 0x01])]),
    ] {
        let before = v.snapshot();
        let result = v.relay(&relay);
        // An empty relay message list proves nothing and changes nothing.
        if let Ok(got) = &result {
            assert!(got.messages.is_empty());
        }
        assert_eq!(v.snapshot(), before, "{relay:?}");
    }
    let err = v.relay(&relay_message(&[(3, vec![0xc0])])).unwrap_err();
    assert_eq!(err, ContractError::UnknownMessageType { type_id: 3 });
}

/// The other signature of the same key and digest: S' = n - S, V' = 1 - V.
fn malleate(sig: &[u8]) -> Vec<u8> {
    const N: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xfe, 0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36,
        0x41, 0x41,
    ];
    let mut out = sig.to_vec();
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let d = N[i] as i16 - sig[32 + i] as i16 - borrow;
        borrow = i16::from(d < 0);
        out[32 + i] = d.rem_euclid(256) as u8;
    }
    out[64] = 1 - sig[64];
    out
}
