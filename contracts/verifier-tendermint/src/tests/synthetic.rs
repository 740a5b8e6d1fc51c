//! Headers signed by `tendermint-testgen` validators: the attacks that need
//! signatures no real chain made for us (conflicting headers, skewed times),
//! and time-dependent behaviour on a chain whose clock we choose.

use cosmwasm_std::{Binary, Timestamp};
use tendermint::block::CommitSig;
use tendermint_testgen::{
    light_block::LightBlock as TestgenBlock, Commit, Generator, Header, Validator,
};

use super::{attr, Client};
use crate::error::ContractError;
use crate::state::{save_consensus_state, trusted_at};
use crate::testing::{misbehaviour_msg, LightBlock};
use btp_types::msg::verifier_tendermint::{ClientStatus, ExecuteMsg};

/// The synthetic chain's id.
pub const CHAIN_ID: &str = "synth-1";
/// Its first block's time, in seconds.
pub const T0: u64 = 1_700_000_000;

/// Four validators of 25 each (ids `a`..`d`), or the given ones.
pub fn validators(ids: &[&str]) -> Vec<Validator> {
    ids.iter()
        .map(|id| Validator::new(id).voting_power(25))
        .collect()
}

/// A block at `height`, `secs` after [`T0`], with app hash `[tag; 32]`,
/// signed by all of `vals`, naming `next` as its next validators.
pub fn block_with(
    height: u64,
    secs: u64,
    tag: u8,
    vals: &[Validator],
    next: &[Validator],
) -> LightBlock {
    block_of_chain(CHAIN_ID, height, secs, tag, vals, next)
}

/// [`block_with`] on another chain.
pub fn block_of_chain(
    chain_id: &str,
    height: u64,
    secs: u64,
    tag: u8,
    vals: &[Validator],
    next: &[Validator],
) -> LightBlock {
    signed_block(chain_id, height, secs, &[tag; 32], vals, next)
}

/// A block of the four default validators whose app hash is `app_hash`
/// (a header that commits to a state of our choosing).
pub fn block_committing(height: u64, secs: u64, app_hash: &[u8]) -> LightBlock {
    let vals = validators(&["a", "b", "c", "d"]);
    signed_block(CHAIN_ID, height, secs, app_hash, &vals, &vals)
}

fn signed_block(
    chain_id: &str,
    height: u64,
    secs: u64,
    app_hash: &[u8],
    vals: &[Validator],
    next: &[Validator],
) -> LightBlock {
    let header = Header::new(vals)
        .next_validators(next)
        .chain_id(chain_id)
        .height(height)
        .time(tendermint::Time::from_unix_timestamp((T0 + secs) as i64, 0).unwrap())
        .app_hash(app_hash.to_vec().try_into().unwrap());
    let commit = Commit::new(header.clone(), 1);
    let generated = TestgenBlock::new(header, commit).generate().unwrap();
    LightBlock {
        signed_header: generated.signed_header,
        validators: generated.validators,
        next_validators: Some(generated.next_validators),
    }
}

/// A block of the four default validators.
pub fn block(height: u64, secs: u64, tag: u8) -> LightBlock {
    let vals = validators(&["a", "b", "c", "d"]);
    block_with(height, secs, tag, &vals, &vals)
}

/// `T0 + secs` as this chain's time.
pub fn at(secs: u64) -> Timestamp {
    Timestamp::from_seconds(T0 + secs)
}

/// A client that trusts heights 1 and 2 of the synthetic chain, with
/// `app_hash` trusted at height 2 in place of block 2's own (as if header 2
/// had committed that state), and the evidence that freezes it at height 2:
/// a second header at 2 signed by the same validators.
pub fn client_trusting_at_2(app_hash: &[u8]) -> (Client, ExecuteMsg) {
    let (b1, b2, forged) = (block(1, 0, 1), block(2, 5, 2), block(2, 5, 0xee));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    update(&mut client, &b2, &b1).unwrap();
    let mut trusted = b2.consensus_state();
    trusted.app_hash = Binary::from(app_hash);
    // Trusted when header 2 was: at the update's moment.
    let moment = trusted_at(&client.deps.storage, 2).unwrap().unwrap();
    save_consensus_state(&mut client.deps.storage, 2, &trusted, moment).unwrap();
    let next = b1.next_validators.as_ref();
    let evidence = misbehaviour_msg(b2.raw_header(1, next), forged.raw_header(1, next));
    (client, evidence)
}

/// `update_client` with `header` over `trusted`.
pub fn update(
    client: &mut Client,
    header: &LightBlock,
    trusted: &LightBlock,
) -> Result<cosmwasm_std::Response, ContractError> {
    let next = trusted.next_validators.as_ref().unwrap();
    client.execute(header.update_msg(trusted.height(), next))
}

#[test]
fn synthetic_headers_update_the_client() {
    let (b1, b2, b5) = (block(1, 0, 1), block(2, 5, 2), block(5, 20, 5));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    update(&mut client, &b2, &b1).unwrap();
    update(&mut client, &b5, &b2).unwrap();
    assert_eq!(client.client_state().latest_height, 5);
}

#[test]
fn a_conflicting_header_at_a_trusted_height_freezes_the_client() {
    let (b1, b2, forged) = (block(1, 0, 1), block(2, 5, 2), block(2, 5, 0xee));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    update(&mut client, &b2, &b1).unwrap();
    // The validators signed a second block at height 2: the update succeeds
    // (so the freeze is kept) and freezes the client.
    let response = update(&mut client, &forged, &b1).unwrap();
    assert_eq!(attr(&response, "result"), "frozen");
    assert_eq!(attr(&response, "frozen_height"), "2");
    let event = &response.events[0];
    assert_eq!(event.ty, "verifier_client_frozen");
    assert!(event
        .attributes
        .iter()
        .any(|a| a.key == "kind" && a.value == "conflicting_headers"));
    assert_eq!(client.status(), ClientStatus::Frozen);
    assert_eq!(client.client_state().frozen_height, Some(2));
    // The trusted state is not replaced.
    assert_eq!(client.consensus_state(2), Some(b2.consensus_state()));
}

#[test]
fn a_header_out_of_time_order_with_trusted_ones_freezes_the_client() {
    // Heights 1 and 10 are trusted; a valid header at 5 claims a time after
    // that of 10: BFT time was violated.
    let (b1, b10, b5) = (block(1, 0, 1), block(10, 50, 10), block(5, 60, 5));
    let mut client = Client::new(b1.instantiate_msg(), at(70));
    update(&mut client, &b10, &b1).unwrap();
    let response = update(&mut client, &b5, &b1).unwrap();
    assert_eq!(attr(&response, "result"), "frozen");
    assert!(response.events[0]
        .attributes
        .iter()
        .any(|a| a.key == "kind" && a.value == "time_violation"));
    assert_eq!(client.status(), ClientStatus::Frozen);
    assert_eq!(client.consensus_state(5), None);
}

#[test]
fn a_frozen_client_accepts_no_update() {
    let (b1, b2, forged, b3) = (
        block(1, 0, 1),
        block(2, 5, 2),
        block(2, 5, 0xee),
        block(3, 10, 3),
    );
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    update(&mut client, &b2, &b1).unwrap();
    update(&mut client, &forged, &b1).unwrap();
    let err = update(&mut client, &b3, &b2).unwrap_err();
    assert_eq!(err, ContractError::ClientFrozen { height: 2 });
}

#[test]
fn a_header_trusted_on_an_expired_consensus_state_is_rejected() {
    // The client is active (height 2 is fresh), but height 1, which the
    // header names as trusted, is past the trusting period.
    let (b1, b2, b3) = (block(1, 0, 1), block(2, 1000, 2), block(3, 1010, 3));
    let mut msg = b1.instantiate_msg();
    msg.client_state.trusting_period_secs = 1200;
    let mut client = Client::new(msg, at(1005));
    update(&mut client, &b2, &b1).unwrap();
    client.at(at(1300));
    let err = update(&mut client, &b3, &b1).unwrap_err();
    assert!(
        matches!(
            err,
            ContractError::TrustingPeriodExpired {
                trusted_height: 1,
                ..
            }
        ),
        "{err}"
    );
    update(&mut client, &b3, &b2).unwrap();
}

#[test]
fn an_adjacent_header_signed_by_another_validator_set_is_rejected() {
    // Height 1 names {a,b,c,d} as next validators; a header at 2 signed by
    // {e,f,g,h} must not be trusted, however well signed.
    let b1 = block(1, 0, 1);
    let strangers = validators(&["e", "f", "g", "h"]);
    let b2 = block_with(2, 5, 2, &strangers, &strangers);
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let err = update(&mut client, &b2, &b1).unwrap_err();
    assert!(
        matches!(err, ContractError::NextValidatorSetMismatch { .. }),
        "{err}"
    );
}

#[test]
fn a_skipping_header_of_a_mostly_new_validator_set_is_rejected() {
    // Only one of four trusted validators (1/4 < 1/3) signed height 5.
    let b1 = block(1, 0, 1);
    let vals = validators(&["a", "e", "f", "g"]);
    let b5 = block_with(5, 20, 5, &vals, &vals);
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let err = update(&mut client, &b5, &b1).unwrap_err();
    assert!(
        matches!(
            err,
            ContractError::InsufficientVotingPower {
                set: "trusted",
                tallied: 25,
                total: 100,
                ..
            }
        ),
        "{err}"
    );
    // Two of four (1/2 >= 1/3) is enough to skip.
    let vals = validators(&["a", "b", "f", "g"]);
    let b5 = block_with(5, 20, 5, &vals, &vals);
    update(&mut client, &b5, &b1).unwrap();
}

#[test]
fn a_header_not_after_its_trusted_header_in_time_is_rejected() {
    let (b1, b2) = (block(1, 10, 1), block(2, 10, 2));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let err = update(&mut client, &b2, &b1).unwrap_err();
    assert!(
        matches!(err, ContractError::NonMonotonicTime { .. }),
        "{err}"
    );
}

#[test]
fn a_nil_vote_adds_no_power() {
    // Three of four validators vote nil: only 1/4 signed the block.
    let b1 = block(1, 0, 1);
    let mut b2 = block(2, 5, 2);
    for slot in b2.signed_header.commit.signatures.iter_mut().skip(1) {
        if let CommitSig::BlockIdFlagCommit {
            validator_address,
            timestamp,
            signature,
        } = slot.clone()
        {
            *slot = CommitSig::BlockIdFlagNil {
                validator_address,
                timestamp,
                signature,
            };
        }
    }
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let err = update(&mut client, &b2, &b1).unwrap_err();
    assert!(
        matches!(err, ContractError::InsufficientVotingPower { .. }),
        "{err}"
    );
}

#[test]
fn expired_consensus_states_are_pruned_one_per_update() {
    let blocks: Vec<LightBlock> = (1..=4).map(|h| block(h, h * 100, h as u8)).collect();
    let mut msg = blocks[0].instantiate_msg();
    msg.client_state.trusting_period_secs = 250;
    let mut client = Client::new(msg, at(210));
    let response = update(&mut client, &blocks[1], &blocks[0]).unwrap();
    assert!(response.attributes.iter().all(|a| a.key != "pruned_height"));
    assert!(trusted_at(&client.deps.storage, 1).unwrap().is_some());
    // At 360, height 1 (time 100) is past the period: pruned by the next
    // update, with the moment it was trusted.
    client.at(at(360));
    let response = update(&mut client, &blocks[2], &blocks[1]).unwrap();
    assert_eq!(attr(&response, "pruned_height"), "1");
    assert_eq!(client.consensus_state(1), None);
    assert_eq!(trusted_at(&client.deps.storage, 1).unwrap(), None);
    assert!(client.consensus_state(2).is_some());
    // One per update: the next oldest goes with the next update.
    client.at(at(460));
    update(&mut client, &blocks[3], &blocks[2]).unwrap();
    assert_eq!(client.consensus_state(2), None);
}

#[test]
fn the_update_message_is_open_to_anyone() {
    let (b1, b2) = (block(1, 0, 1), block(2, 5, 2));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let nobody = client.deps.api.addr_make("nobody");
    let next = b1.next_validators.clone().unwrap();
    client.execute_as(&nobody, b2.update_msg(1, &next)).unwrap();
    assert_eq!(client.client_state().latest_height, 2);
}
