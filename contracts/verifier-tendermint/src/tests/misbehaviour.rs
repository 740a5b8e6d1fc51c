//! `submit_misbehaviour`: evidence that the remote validators broke the
//! protocol freezes the client; anything short of that is refused.

use btp_types::msg::verifier_tendermint::{ClientStatus, ExecuteMsg};
use cosmwasm_std::Binary;
use tendermint::block::CommitSig;

use super::synthetic::{at, block, block_of_chain, validators};
use super::{attr, Client};
use crate::error::ContractError;
use crate::testing::{misbehaviour_msg, LightBlock};

/// Evidence made of two headers, both over the trusted `trusted`.
fn evidence(header_1: &LightBlock, header_2: &LightBlock, trusted: &LightBlock) -> ExecuteMsg {
    let next = trusted.next_validators.as_ref().unwrap();
    misbehaviour_msg(
        header_1.raw_header(trusted.height(), Some(next)),
        header_2.raw_header(trusted.height(), Some(next)),
    )
}

#[test]
fn two_signed_blocks_at_one_height_freeze_the_client() {
    let (b1, h1, h2) = (block(1, 0, 1), block(2, 5, 2), block(2, 5, 0xee));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let response = client.execute(evidence(&h1, &h2, &b1)).unwrap();
    assert_eq!(attr(&response, "action"), "submit_misbehaviour");
    assert_eq!(attr(&response, "kind"), "conflicting_headers");
    assert_eq!(attr(&response, "frozen_height"), "2");
    assert_eq!(response.events[0].ty, "verifier_client_frozen");
    assert_eq!(client.status(), ClientStatus::Frozen);
    assert_eq!(client.client_state().frozen_height, Some(2));
}

#[test]
fn a_higher_block_that_is_not_later_freezes_the_client() {
    // Height 5 at T0+10, height 3 at T0+20: BFT time went backwards.
    let (b1, h1, h2) = (block(1, 0, 1), block(5, 10, 5), block(3, 20, 3));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let response = client.execute(evidence(&h1, &h2, &b1)).unwrap();
    assert_eq!(attr(&response, "kind"), "time_violation");
    assert_eq!(attr(&response, "frozen_height"), "3");
    assert_eq!(client.status(), ClientStatus::Frozen);
}

#[test]
fn the_same_block_twice_is_not_misbehaviour() {
    let (b1, h) = (block(1, 0, 1), block(2, 5, 2));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let err = client.execute(evidence(&h, &h, &b1)).unwrap_err();
    assert!(
        matches!(err, ContractError::NotMisbehaviour { .. }),
        "{err}"
    );
    assert_eq!(client.status(), ClientStatus::Active);
}

#[test]
fn blocks_in_time_order_are_not_misbehaviour() {
    let (b1, h1, h2) = (block(1, 0, 1), block(5, 20, 5), block(3, 10, 3));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let err = client.execute(evidence(&h1, &h2, &b1)).unwrap_err();
    assert!(
        matches!(err, ContractError::NotMisbehaviour { .. }),
        "{err}"
    );
}

#[test]
fn header_1_below_header_2_is_refused() {
    let (b1, h1, h2) = (block(1, 0, 1), block(3, 20, 3), block(5, 10, 5));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let err = client.execute(evidence(&h1, &h2, &b1)).unwrap_err();
    assert!(
        matches!(err, ContractError::NotMisbehaviour { .. }),
        "{err}"
    );
}

#[test]
fn evidence_with_a_forged_signature_does_not_freeze() {
    // Anyone could "conflict" with a real header by forging one: each header
    // must verify like an update.
    let (b1, h1, mut h2) = (block(1, 0, 1), block(2, 5, 2), block(2, 5, 0xee));
    for slot in h2.signed_header.commit.signatures.iter_mut() {
        if let CommitSig::BlockIdFlagCommit { signature, .. } = slot {
            let mut bytes = signature.as_ref().unwrap().as_bytes().to_vec();
            bytes[0] ^= 1;
            *signature = Some(bytes.try_into().unwrap());
        }
    }
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let err = client.execute(evidence(&h1, &h2, &b1)).unwrap_err();
    assert!(
        matches!(err, ContractError::InvalidSignature { .. }),
        "{err}"
    );
    assert_eq!(client.status(), ClientStatus::Active);
}

#[test]
fn evidence_signed_by_an_untrusted_validator_set_does_not_freeze() {
    let b1 = block(1, 0, 1);
    let strangers = validators(&["e", "f", "g", "h"]);
    let h1 = block(2, 5, 2);
    let h2 = super::synthetic::block_with(2, 5, 0xee, &strangers, &strangers);
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let next = b1.next_validators.clone().unwrap();
    // The strangers' header can only claim the trusted set as its trusted validators.
    let err = client
        .execute(misbehaviour_msg(
            h1.raw_header(1, Some(&next)),
            h2.raw_header(1, Some(&next)),
        ))
        .unwrap_err();
    assert!(
        matches!(err, ContractError::NextValidatorSetMismatch { .. }),
        "{err}"
    );
    assert_eq!(client.status(), ClientStatus::Active);
}

#[test]
fn evidence_of_another_chain_does_not_freeze() {
    let b1 = block(1, 0, 1);
    let vals = validators(&["a", "b", "c", "d"]);
    let h1 = block_of_chain("other-1", 2, 5, 2, &vals, &vals);
    let h2 = block_of_chain("other-1", 2, 5, 0xee, &vals, &vals);
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let err = client.execute(evidence(&h1, &h2, &b1)).unwrap_err();
    assert!(matches!(err, ContractError::WrongChainId { .. }), "{err}");
}

#[test]
fn evidence_from_the_future_still_freezes() {
    // Unlike an update, evidence is not refused for a skewed clock (ibc-go):
    // a fork may well carry times ahead of ours.
    let (b1, h1, h2) = (block(1, 0, 1), block(2, 500, 2), block(2, 500, 0xee));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    client.execute(evidence(&h1, &h2, &b1)).unwrap();
    assert_eq!(client.status(), ClientStatus::Frozen);
}

#[test]
fn evidence_over_an_untrusted_height_is_rejected() {
    let (b1, h1, h2) = (block(1, 0, 1), block(3, 5, 2), block(3, 5, 0xee));
    let b2 = block(2, 2, 2);
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let err = client.execute(evidence(&h1, &h2, &b2)).unwrap_err();
    assert_eq!(err, ContractError::ConsensusStateNotFound { height: 2 });
}

#[test]
fn a_frozen_client_takes_no_more_evidence() {
    let (b1, h1, h2) = (block(1, 0, 1), block(2, 5, 2), block(2, 5, 0xee));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    client.execute(evidence(&h1, &h2, &b1)).unwrap();
    let err = client.execute(evidence(&h1, &h2, &b1)).unwrap_err();
    assert_eq!(err, ContractError::ClientFrozen { height: 2 });
}

#[test]
fn malformed_evidence_is_rejected() {
    let (b1, h1) = (block(1, 0, 1), block(2, 5, 2));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let err = client
        .execute(ExecuteMsg::SubmitMisbehaviour {
            misbehaviour: Binary::new(vec![0xff, 0xff]),
        })
        .unwrap_err();
    assert!(
        matches!(err, ContractError::MalformedMisbehaviour { .. }),
        "{err}"
    );
    let next = b1.next_validators.clone().unwrap();
    let only_one = crate::header::RawMisbehaviour {
        client_id: String::new(),
        header_1: Some(h1.raw_header(1, Some(&next))),
        header_2: None,
    };
    let err = client
        .execute(ExecuteMsg::SubmitMisbehaviour {
            misbehaviour: Binary::new(prost::Message::encode_to_vec(&only_one)),
        })
        .unwrap_err();
    assert_eq!(
        err,
        ContractError::MalformedMisbehaviour {
            reason: "header_2 is missing".into()
        }
    );
}
