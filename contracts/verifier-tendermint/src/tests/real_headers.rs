//! `update_client` on real chain data (tests/fixtures/cometbft-*), and each
//! rejection a header can meet, shown on a real header changed by an attacker.

use btp_types::msg::verifier_tendermint::{ExecuteMsg, LightClientQuery};
use cosmwasm_std::{Binary, Timestamp};
use tendermint::block::CommitSig;
use tendermint::validator::Set as ValidatorSet;

use super::{attr, Client};
use crate::error::ContractError;
use crate::testing::{
    archway_block, celestia_block, celestia_rpc_block, LightBlock, MAX_CLOCK_DRIFT_SECS,
};

const ARCHWAY_CASES: [&str; 4] = [
    "adjacent",
    "simple",
    "multi-validator",
    "validator-with-long-voting-power",
];

/// A minute after `block`'s time: a relayer's usual delay.
fn shortly_after(block: &LightBlock) -> Timestamp {
    block.time().plus_seconds(60)
}

/// A client that trusts `trusted`, at a time just after `next`.
fn client_trusting(trusted: &LightBlock, next: &LightBlock) -> Client {
    Client::new(trusted.instantiate_msg(), shortly_after(next))
}

/// `update_client` with `block` over `trusted` (its validators are the
/// trusted next validators in every fixture: checked by the contract).
fn update(
    client: &mut Client,
    block: &LightBlock,
    trusted: &LightBlock,
) -> Result<cosmwasm_std::Response, ContractError> {
    client.execute(block.update_msg(trusted.height(), &trusted.validators))
}

fn assert_trusted(client: &Client, block: &LightBlock) {
    assert_eq!(
        client.consensus_state(block.height()),
        Some(block.consensus_state())
    );
}

#[test]
fn every_archway_injective_torii_pair_updates_the_client() {
    for case in ARCHWAY_CASES {
        let blocks: Vec<LightBlock> = (1..=3).map(|n| archway_block(case, n)).collect();
        for (i, j) in [(0, 1), (1, 2), (0, 2)] {
            let (trusted, header) = (&blocks[i], &blocks[j]);
            let mut client = client_trusting(trusted, header);
            let response = update(&mut client, header, trusted).unwrap_or_else(|err| {
                panic!("{case} {} -> {}: {err}", trusted.height(), header.height())
            });
            assert_eq!(attr(&response, "action"), "update_client");
            assert_eq!(attr(&response, "result"), "updated", "{case}");
            assert_trusted(&client, header);
            assert_eq!(client.client_state().latest_height, header.height());
        }
        // And in sequence, on one client.
        let mut client = client_trusting(&blocks[0], &blocks[2]);
        update(&mut client, &blocks[1], &blocks[0]).unwrap();
        update(&mut client, &blocks[2], &blocks[1]).unwrap();
        assert_trusted(&client, &blocks[2]);
    }
}

#[test]
fn the_celestia_light_blocks_update_the_client() {
    // mocha-4, 100 validators, a 30-block skip.
    let (trusted, header) = (celestia_block(2_279_100), celestia_block(2_279_130));
    let mut client = client_trusting(&trusted, &header);
    let next = trusted.next_validators.clone().unwrap();
    let response = client
        .execute(header.update_msg(trusted.height(), &next))
        .unwrap();
    assert_eq!(attr(&response, "result"), "updated");
    assert_trusted(&client, &header);

    // Celestia mainnet, 100 validators, a 20-block skip.
    let (trusted, header) = (celestia_rpc_block("bench-1"), celestia_rpc_block("bench-2"));
    let mut client = client_trusting(&trusted, &header);
    let next = trusted.next_validators.clone().unwrap();
    client
        .execute(header.update_msg(trusted.height(), &next))
        .unwrap();
    assert_trusted(&client, &header);
}

#[test]
fn the_malicious_conflicting_block_is_rejected() {
    let (trusted, genuine, forged) = (
        archway_block("malicious", 1),
        archway_block("malicious", 2),
        archway_block("malicious", 3),
    );
    assert_eq!(genuine.height(), forged.height());
    let mut client = client_trusting(&trusted, &forged);
    let err = update(&mut client, &forged, &trusted).unwrap_err();
    assert!(
        matches!(err, ContractError::HeaderCommitMismatch { .. }),
        "{err}"
    );
    assert_eq!(client.consensus_state(forged.height()), None);

    // Once the genuine block is trusted, the forged one neither replaces it
    // nor freezes the client: it does not verify.
    update(&mut client, &genuine, &trusted).unwrap();
    let err = update(&mut client, &forged, &trusted).unwrap_err();
    assert!(
        matches!(err, ContractError::HeaderCommitMismatch { .. }),
        "{err}"
    );
    assert_trusted(&client, &genuine);
    assert_eq!(client.client_state().frozen_height, None);
}

#[test]
fn a_changed_app_hash_is_rejected() {
    let (trusted, mut header) = (celestia_block(2_279_100), celestia_block(2_279_130));
    let mut app_hash = header.signed_header.header.app_hash.as_bytes().to_vec();
    app_hash[0] ^= 1;
    header.signed_header.header.app_hash = app_hash.try_into().unwrap();
    let mut client = client_trusting(&trusted, &header);
    let err = update(&mut client, &header, &trusted).unwrap_err();
    assert!(
        matches!(err, ContractError::HeaderCommitMismatch { .. }),
        "{err}"
    );
}

#[test]
fn a_removed_signature_is_rejected() {
    // 700001 of constantine-1: the first validator has almost all the power,
    // and the only signature.
    let (trusted, mut header) = (archway_block("adjacent", 1), archway_block("adjacent", 2));
    header.signed_header.commit.signatures[0] = CommitSig::BlockIdFlagAbsent;
    let mut client = client_trusting(&trusted, &header);
    let err = update(&mut client, &header, &trusted).unwrap_err();
    assert!(
        matches!(
            err,
            ContractError::InsufficientVotingPower {
                tallied: 0,
                total: 100_000_060,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_commit_with_a_signature_slot_removed_is_rejected() {
    let (trusted, mut header) = (archway_block("adjacent", 1), archway_block("adjacent", 2));
    header.signed_header.commit.signatures.remove(1);
    let mut client = client_trusting(&trusted, &header);
    let err = update(&mut client, &header, &trusted).unwrap_err();
    assert_eq!(
        err,
        ContractError::CommitLengthMismatch {
            signatures: 1,
            validators: 2
        }
    );
}

#[test]
fn a_duplicated_signature_is_rejected() {
    // The minor validator's (empty) slot carries the major validator's vote again.
    let (trusted, mut header) = (archway_block("adjacent", 1), archway_block("adjacent", 2));
    let signatures = &mut header.signed_header.commit.signatures;
    signatures[1] = signatures[0].clone();
    let mut client = client_trusting(&trusted, &header);
    let err = update(&mut client, &header, &trusted).unwrap_err();
    assert!(
        matches!(err, ContractError::DuplicateSigner { .. }),
        "{err}"
    );
}

/// Marks absent the signatures of `block`'s validators, from the most
/// powerful down, until less than `numerator / denominator` of the power
/// is named in the commit (commit or nil votes).
fn keep_signed_power_below(block: &mut LightBlock, numerator: u64, denominator: u64) -> (u64, u64) {
    let total = block.validators.total_voting_power().value();
    let mut signed: u64 = block
        .signed_header
        .commit
        .signatures
        .iter()
        .filter_map(|sig| sig.validator_address())
        .map(|address| block.validators.validator(address).unwrap().power())
        .sum();
    for slot in block.signed_header.commit.signatures.iter_mut() {
        if signed * denominator < total * numerator {
            break;
        }
        if let Some(address) = slot.validator_address() {
            signed -= block.validators.validator(address).unwrap().power();
            *slot = CommitSig::BlockIdFlagAbsent;
        }
    }
    (signed, total)
}

#[test]
fn a_validator_set_with_too_little_power_signed_is_rejected() {
    // A skipping update where less than 1/3 of the trusted set signed.
    let (trusted, mut header) = (celestia_block(2_279_100), celestia_block(2_279_130));
    keep_signed_power_below(&mut header, 1, 3);
    let mut client = client_trusting(&trusted, &header);
    let err = update(&mut client, &header, &trusted).unwrap_err();
    assert!(
        matches!(err, ContractError::InsufficientVotingPower { set: "trusted", tallied, total, .. } if tallied * 3 < total),
        "{err}"
    );
}

#[test]
fn a_header_signed_by_less_than_two_thirds_of_its_validators_is_rejected() {
    // Enough of the trusted set for the trust level (1/3), not enough of the
    // header's own set (more than 2/3 is needed).
    let (trusted, mut header) = (celestia_block(2_279_100), celestia_block(2_279_130));
    let (signed, total) = keep_signed_power_below(&mut header, 2, 3);
    assert!(signed * 3 >= total, "still above the trust level");
    let mut client = client_trusting(&trusted, &header);
    let err = update(&mut client, &header, &trusted).unwrap_err();
    assert!(
        matches!(
            err,
            ContractError::InsufficientVotingPower {
                set: "header's",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_header_of_another_chain_is_rejected() {
    // A client of constantine-1 is offered a valid injective-888 header.
    // A client of constantine-1 (trusting a state that happens to be
    // injective-888's) is offered a valid injective-888 header.
    let (other_trusted, other) = (
        archway_block("validator-with-long-voting-power", 1),
        archway_block("validator-with-long-voting-power", 2),
    );
    let mut msg = other_trusted.instantiate_msg();
    msg.client_state.chain_id = "constantine-1".into();
    let mut client = Client::new(msg, shortly_after(&other));
    let mut header = other.raw_header(other_trusted.height(), Some(&other_trusted.validators));
    header.trusted_height.as_mut().unwrap().revision_number = 1;
    let err = client
        .execute(ExecuteMsg::UpdateClient {
            header: Binary::new(prost::Message::encode_to_vec(&header)),
        })
        .unwrap_err();
    assert_eq!(
        err,
        ContractError::WrongChainId {
            expected: "constantine-1".into(),
            got: "injective-888".into()
        }
    );
}

#[test]
fn an_update_of_an_expired_client_is_rejected() {
    let (trusted, header) = (archway_block("simple", 1), archway_block("simple", 2));
    let mut client = client_trusting(&trusted, &header);
    let trusting = client.client_state().trusting_period_secs;
    client.at(trusted.time().plus_seconds(trusting));
    let err = update(&mut client, &header, &trusted).unwrap_err();
    assert!(
        matches!(
            err,
            ContractError::ClientExpired {
                height: 600_000,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_header_from_the_future_is_rejected() {
    let (trusted, header) = (archway_block("simple", 1), archway_block("simple", 2));
    // This chain's clock is behind the header's by more than the drift.
    let now = header.time().minus_seconds(MAX_CLOCK_DRIFT_SECS + 1);
    let mut client = Client::new(trusted.instantiate_msg(), now);
    let err = update(&mut client, &header, &trusted).unwrap_err();
    assert!(
        matches!(err, ContractError::HeaderFromTheFuture { .. }),
        "{err}"
    );
    // Within the drift it is accepted.
    client.at(header.time().minus_seconds(MAX_CLOCK_DRIFT_SECS - 1));
    update(&mut client, &header, &trusted).unwrap();
}

#[test]
fn a_signer_outside_the_validator_set_is_rejected() {
    let (trusted, mut header) = (archway_block("adjacent", 1), archway_block("adjacent", 2));
    if let CommitSig::BlockIdFlagCommit {
        validator_address, ..
    } = &mut header.signed_header.commit.signatures[0]
    {
        *validator_address = tendermint::account::Id::new([7; 20]);
    } else {
        panic!("the first validator signed 700001");
    }
    let mut client = client_trusting(&trusted, &header);
    let err = update(&mut client, &header, &trusted).unwrap_err();
    assert!(matches!(err, ContractError::UnknownSigner { .. }), "{err}");
}

fn corrupt_signature(block: &mut LightBlock, index: usize) -> String {
    match &mut block.signed_header.commit.signatures[index] {
        CommitSig::BlockIdFlagCommit {
            validator_address,
            signature,
            ..
        } => {
            let mut bytes = signature.as_ref().unwrap().as_bytes().to_vec();
            bytes[10] ^= 0x40;
            *signature = Some(bytes.try_into().unwrap());
            validator_address.to_string()
        }
        other => panic!("slot {index} did not sign: {other:?}"),
    }
}

#[test]
fn a_forged_signature_among_many_is_rejected_and_named() {
    // 100 signatures are checked in one host batch; the forged one is named.
    let (trusted, mut header) = (celestia_block(2_279_100), celestia_block(2_279_130));
    let index = header
        .signed_header
        .commit
        .signatures
        .iter()
        .position(|sig| sig.is_commit())
        .unwrap();
    let forger = corrupt_signature(&mut header, index);
    let mut client = client_trusting(&trusted, &header);
    let err = update(&mut client, &header, &trusted).unwrap_err();
    assert_eq!(err, ContractError::InvalidSignature { validator: forger });
}

#[test]
fn a_forged_signature_of_a_single_validator_is_rejected() {
    // One signature: checked with the host's ed25519_verify.
    let (trusted, mut header) = (archway_block("simple", 1), archway_block("simple", 2));
    let forger = corrupt_signature(&mut header, 0);
    let mut client = client_trusting(&trusted, &header);
    let err = update(&mut client, &header, &trusted).unwrap_err();
    assert_eq!(err, ContractError::InvalidSignature { validator: forger });
}

#[test]
fn trusted_validators_other_than_the_trusted_next_validators_are_rejected() {
    // torii-1's set changed between 700022 and 700083: a relayer cannot pass
    // the new set off as the trusted one.
    let (trusted, header) = (
        archway_block("multi-validator", 2),
        archway_block("multi-validator", 3),
    );
    let mut client = client_trusting(&trusted, &header);
    let err = client
        .execute(header.update_msg(trusted.height(), &header.validators))
        .unwrap_err();
    assert!(
        matches!(
            err,
            ContractError::TrustedValidatorsMismatch {
                trusted_height: 700_022,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_validator_set_other_than_the_headers_is_rejected() {
    let (trusted, mut header) = (
        archway_block("multi-validator", 2),
        archway_block("multi-validator", 3),
    );
    header.validators = trusted.validators.clone();
    let mut client = client_trusting(&trusted, &header);
    let err = update(&mut client, &header, &trusted).unwrap_err();
    assert!(
        matches!(err, ContractError::ValidatorSetMismatch { .. }),
        "{err}"
    );
}

#[test]
fn an_untrusted_trusted_height_is_rejected() {
    let (trusted, header) = (archway_block("simple", 1), archway_block("simple", 2));
    let mut client = client_trusting(&trusted, &header);
    let err = client
        .execute(header.update_msg(trusted.height() + 1, &trusted.validators))
        .unwrap_err();
    assert_eq!(
        err,
        ContractError::ConsensusStateNotFound { height: 600_001 }
    );
}

#[test]
fn a_trusted_height_of_another_revision_is_rejected() {
    let (trusted, header) = (archway_block("simple", 1), archway_block("simple", 2));
    let mut client = client_trusting(&trusted, &header);
    let mut raw = header.raw_header(trusted.height(), Some(&trusted.validators));
    raw.trusted_height.as_mut().unwrap().revision_number = 2;
    let err = client
        .execute(ExecuteMsg::UpdateClient {
            header: Binary::new(prost::Message::encode_to_vec(&raw)),
        })
        .unwrap_err();
    assert_eq!(
        err,
        ContractError::WrongRevision {
            chain_id: "constantine-1".into(),
            expected: 1,
            got: 2
        }
    );
}

#[test]
fn a_header_not_above_its_trusted_height_is_rejected() {
    let blocks: Vec<LightBlock> = (1..=3).map(|n| archway_block("simple", n)).collect();
    let mut client = client_trusting(&blocks[0], &blocks[2]);
    update(&mut client, &blocks[2], &blocks[0]).unwrap();
    let err = update(&mut client, &blocks[1], &blocks[2]).unwrap_err();
    assert_eq!(
        err,
        ContractError::HeaderNotAboveTrustedHeight {
            height: 600_050,
            trusted_height: 600_150
        }
    );
}

#[test]
fn the_same_header_twice_is_a_no_op() {
    let (trusted, header) = (celestia_block(2_279_100), celestia_block(2_279_130));
    let mut client = client_trusting(&trusted, &header);
    let first = update(&mut client, &header, &trusted).unwrap();
    assert_eq!(attr(&first, "result"), "updated");
    assert_eq!(attr(&first, "signatures"), attr(&first, "signatures"));
    let state = client.client_state();
    let again = update(&mut client, &header, &trusted).unwrap();
    assert_eq!(attr(&again, "result"), "noop");
    // No signature was checked the second time.
    assert!(again.attributes.iter().all(|a| a.key != "signatures"));
    assert_eq!(client.client_state(), state);
    assert_trusted(&client, &header);
}

#[test]
fn an_adjacent_header_may_leave_out_the_trusted_validators() {
    let (trusted, header) = (archway_block("adjacent", 1), archway_block("adjacent", 2));
    let mut client = client_trusting(&trusted, &header);
    let response = client
        .execute(ExecuteMsg::UpdateClient {
            header: header.header(trusted.height(), None),
        })
        .unwrap();
    assert_eq!(attr(&response, "result"), "updated");
}

#[test]
fn a_left_out_trusted_set_is_still_checked_against_the_trusted_hash() {
    // Leaving the trusted validators out makes the header's own set stand
    // in for them, so it must hash to the trusted next validators.
    let (trusted, header) = (
        archway_block("multi-validator", 2),
        archway_block("multi-validator", 3),
    );
    let mut client = client_trusting(&trusted, &header);
    let err = client
        .execute(ExecuteMsg::UpdateClient {
            header: header.header(trusted.height(), None),
        })
        .unwrap_err();
    assert!(
        matches!(err, ContractError::TrustedValidatorsMismatch { .. }),
        "{err}"
    );
}

#[test]
fn malformed_header_bytes_are_rejected() {
    let (trusted, header) = (archway_block("simple", 1), archway_block("simple", 2));
    let mut client = client_trusting(&trusted, &header);
    let err = client
        .execute(ExecuteMsg::UpdateClient {
            header: Binary::new(b"{\"signed_header\": {}}".to_vec()),
        })
        .unwrap_err();
    assert!(
        matches!(err, ContractError::MalformedHeader { .. }),
        "{err}"
    );

    let mut raw = header.raw_header(trusted.height(), Some(&trusted.validators));
    raw.validator_set = None;
    let err = client
        .execute(ExecuteMsg::UpdateClient {
            header: Binary::new(prost::Message::encode_to_vec(&raw)),
        })
        .unwrap_err();
    assert_eq!(
        err,
        ContractError::MalformedHeader {
            reason: "validator_set is missing".into()
        }
    );

    let mut raw = header.raw_header(trusted.height(), Some(&trusted.validators));
    raw.validator_set = Some(ValidatorSet::without_proposer(vec![]).into());
    let err = client
        .execute(ExecuteMsg::UpdateClient {
            header: Binary::new(prost::Message::encode_to_vec(&raw)),
        })
        .unwrap_err();
    assert!(
        matches!(err, ContractError::MalformedHeader { .. }),
        "{err}"
    );
}

#[test]
fn a_past_height_between_trusted_ones_can_be_filled_in() {
    let blocks: Vec<LightBlock> = (1..=3)
        .map(|n| archway_block("multi-validator", n))
        .collect();
    let mut client = client_trusting(&blocks[0], &blocks[2]);
    update(&mut client, &blocks[2], &blocks[0]).unwrap();
    update(&mut client, &blocks[1], &blocks[0]).unwrap();
    assert_trusted(&client, &blocks[1]);
    assert_eq!(client.client_state().latest_height, blocks[2].height());
    let heights: btp_types::msg::verifier_tendermint::ConsensusHeightsResponse = client
        .query(LightClientQuery::ConsensusHeights {
            start_after: None,
            limit: None,
        })
        .unwrap();
    assert_eq!(heights.heights, vec![700_000, 700_022, 700_083]);
}

#[test]
fn a_header_without_the_signatures_it_does_not_need_still_verifies() {
    // A relayer may send only the signatures that make up more than 2/3 of
    // the power (and leave out trusted validators equal to the header's):
    // a third of the bytes, same verdict.
    let (trusted, header) = (celestia_block(2_279_100), celestia_block(2_279_130));
    let trimmed = header.trimmed();
    let absent = trimmed
        .signed_header
        .commit
        .signatures
        .iter()
        .filter(|sig| sig.is_absent())
        .count();
    assert!(absent > 50, "{absent} signatures left out");
    let mut client = client_trusting(&trusted, &header);
    client
        .execute(ExecuteMsg::UpdateClient {
            header: trimmed.header(trusted.height(), None),
        })
        .unwrap();
    assert_trusted(&client, &header);
}
