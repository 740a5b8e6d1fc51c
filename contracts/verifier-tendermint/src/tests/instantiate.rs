//! Instantiation: a trusted state that would weaken later checks is refused.
//! (The lifecycle tests in tests/lifecycle.rs cover the older bounds.)

use btp_types::msg::verifier_tendermint::{
    ClientStatus, HashOp, InstantiateMsg, LengthOp, ProofSpec, TrustThreshold, TrustedAt,
};
use cosmwasm_std::testing::message_info;
use cosmwasm_std::Timestamp;

use super::synthetic::{at, block, update};
use super::{attr, Client};
use crate::contract::instantiate;
use crate::error::ContractError;
use crate::state::trusted_at;

fn refused(msg: InstantiateMsg, now_secs: u64) -> String {
    let mut client = Client::bare(at(now_secs));
    let info = message_info(&client.owner, &[]);
    let err = instantiate(client.deps.as_mut(), client.env.clone(), info, msg).unwrap_err();
    assert!(
        matches!(
            err,
            ContractError::InvalidClientState { .. } | ContractError::InvalidConsensusState { .. }
        ),
        "{err}"
    );
    err.to_string()
}

fn msg() -> InstantiateMsg {
    block(1, 0, 1).instantiate_msg()
}

#[test]
fn instantiation_records_the_trusted_state() {
    let mut client = Client::bare(at(10));
    let info = message_info(&client.owner, &[]);
    let response = instantiate(client.deps.as_mut(), client.env.clone(), info, msg()).unwrap();
    assert_eq!(attr(&response, "action"), "instantiate");
    assert_eq!(attr(&response, "chain_id"), "synth-1");
    assert_eq!(attr(&response, "trusted_height"), "1");
    assert_eq!(client.client_state(), msg().client_state);
    assert_eq!(client.consensus_state(1), Some(msg().consensus_state));
    // Trusted from this chain's moment of instantiation.
    assert_eq!(
        trusted_at(&client.deps.storage, 1).unwrap(),
        Some(TrustedAt {
            time: at(10),
            height: client.env.block.height
        })
    );
}

#[test]
fn a_proof_spec_with_a_hash_the_contract_does_not_compute_is_refused() {
    let mut m = msg();
    m.client_state.proof_specs[0].inner_spec.hash = HashOp::Keccak256;
    assert!(refused(m, 10).contains("proof spec 0: leaf hash"));
    let mut m = msg();
    m.client_state.proof_specs[1].leaf_spec.prehash_value = HashOp::Blake3;
    assert!(refused(m, 10).contains("proof spec 1: prehash"));
}

#[test]
fn a_proof_spec_that_hashes_nothing_is_refused() {
    // NoHash as the node hash would let anyone pick the root.
    let mut m = msg();
    m.client_state.proof_specs[0].leaf_spec.hash = HashOp::NoHash;
    assert!(refused(m, 10).contains("only sha256"));
}

#[test]
fn a_proof_spec_without_a_leaf_prefix_is_refused() {
    // The leaf prefix is what tells a leaf from an inner node.
    let mut m = msg();
    m.client_state.proof_specs[0].leaf_spec.prefix = Default::default();
    assert!(refused(m, 10).contains("leaf prefix is empty"));
}

#[test]
fn a_malformed_inner_spec_is_refused() {
    let mut m = msg();
    m.client_state.proof_specs[0].inner_spec.child_order = vec![0, 0];
    assert!(refused(m, 10).contains("not a permutation"));
    let mut m = msg();
    m.client_state.proof_specs[0].inner_spec.child_order = vec![];
    assert!(refused(m, 10).contains("not a permutation"));
    let mut m = msg();
    m.client_state.proof_specs[0].inner_spec.child_size = 0;
    assert!(refused(m, 10).contains("child size 0"));
    let mut m = msg();
    m.client_state.proof_specs[0].inner_spec.min_prefix_length = 13;
    assert!(refused(m, 10).contains("min <= max"));
    let mut m = msg();
    m.client_state.proof_specs[0].leaf_spec.length = LengthOp::VarRlp;
    assert!(refused(m, 10).contains("var_rlp"));
    let mut m = msg();
    m.client_state.proof_specs[0].min_depth = -1;
    assert!(refused(m, 10).contains("depths"));
}

#[test]
fn a_proof_spec_whose_leaf_does_not_delimit_key_and_value_is_refused() {
    // See proof_specs.rs: a proof of `ab = cd` would prove `a = bcd`.
    let mut m = msg();
    let leaf = &mut m.client_state.proof_specs[1].leaf_spec;
    leaf.length = LengthOp::NoPrefix;
    leaf.prehash_value = HashOp::NoHash;
    let err = instantiate_at(m, at(10)).err().unwrap();
    assert_eq!(
        err,
        ContractError::AmbiguousLeafSpec {
            layer: 1,
            length: "no_prefix".into()
        }
    );
}

#[test]
fn a_proof_spec_with_an_unenforced_depth_limit_is_refused() {
    // See proof_specs.rs: ics23 ignores a max_depth without a min_depth.
    let mut m = msg();
    m.client_state.proof_specs[0].max_depth = 20;
    let err = instantiate_at(m, at(10)).err().unwrap();
    assert_eq!(
        err,
        ContractError::UnpairedProofDepth {
            layer: 0,
            min_depth: 0,
            max_depth: 20
        }
    );
    let mut m = msg();
    m.client_state.proof_specs[0].min_depth = 1;
    m.client_state.proof_specs[0].max_depth = 20;
    instantiate_at(m, at(10)).unwrap();
}

#[test]
fn a_client_without_proof_specs_is_refused() {
    let mut m = msg();
    m.client_state.proof_specs.clear();
    assert!(refused(m, 10).contains("0 proof specs"));
    let mut m = msg();
    m.client_state.proof_specs = vec![ProofSpec::iavl(); 9];
    assert!(refused(m, 10).contains("9 proof specs"));
}

#[test]
fn a_trust_level_denominator_that_could_overflow_the_tally_is_refused() {
    let mut m = msg();
    m.client_state.trust_level = TrustThreshold {
        numerator: 6,
        denominator: 17,
    };
    assert!(refused(m, 10).contains("at most 16"));
    let mut m = msg();
    m.client_state.trust_level = TrustThreshold {
        numerator: 2,
        denominator: 3,
    };
    Client::new(m, at(10));
}

#[test]
fn a_chain_id_cometbft_would_refuse_is_refused() {
    let mut m = msg();
    m.client_state.chain_id = "x".repeat(51);
    assert!(refused(m, 10).contains("chain id"));
}

#[test]
fn periods_beyond_ten_years_are_refused() {
    let mut m = msg();
    m.client_state.unbonding_period_secs = u64::MAX;
    assert!(refused(m, 10).contains("at most"));
    let mut m = msg();
    m.client_state.max_clock_drift_secs = 11 * 365 * 24 * 3600;
    assert!(refused(m, 10).contains("at most"));
}

/// Instantiates with `msg` at this chain's time `now`; the error.
fn instantiate_at(msg: InstantiateMsg, now: Timestamp) -> Result<Client, ContractError> {
    let mut client = Client::bare(now);
    let info = message_info(&client.owner, &[]);
    instantiate(client.deps.as_mut(), client.env.clone(), info, msg)?;
    Ok(client)
}

#[test]
fn an_already_expired_trusted_state_is_refused() {
    let m = msg();
    let trusting = m.client_state.trusting_period_secs;
    let err = instantiate_at(m, at(trusting)).err().unwrap();
    assert_eq!(
        err,
        ContractError::TrustedStateExpired {
            timestamp: at(0).to_string(),
            expired_at: at(trusting).to_string(),
            now: at(trusting).to_string(),
        }
    );
}

#[test]
fn a_trusted_state_from_the_future_is_refused() {
    // The attack: a client trusting block 1 at a time far ahead reports
    // itself active, but every honest header (earlier than that time) fails
    // as not after its trusted header, until the trust runs out; the owner
    // could not recover it, as it is active.
    let drift = msg().client_state.max_clock_drift_secs;
    let mut future = msg();
    future.consensus_state.timestamp = at(3600);
    // Accepted before, the client would be stuck:
    let mut stuck = Client::bare(at(30));
    crate::state::save_consensus_state(
        &mut stuck.deps.storage,
        1,
        &future.consensus_state,
        TrustedAt {
            time: at(30),
            height: 1,
        },
    )
    .unwrap();
    crate::state::CLIENT_STATE
        .save(&mut stuck.deps.storage, &future.client_state)
        .unwrap();
    assert_eq!(stuck.status(), ClientStatus::Active);
    let b1 = block(1, 0, 1);
    let err = update(&mut stuck, &block(2, 20, 2), &b1).unwrap_err();
    assert!(
        matches!(err, ContractError::NonMonotonicTime { .. }),
        "{err}"
    );
    // Now refused, with the times that tell why.
    let err = instantiate_at(future, at(30)).err().unwrap();
    assert_eq!(
        err,
        ContractError::TrustedStateFromTheFuture {
            timestamp: at(3600).to_string(),
            now: at(30).to_string(),
            max_clock_drift_secs: drift,
        }
    );
    // Up to the clock drift ahead is accepted (`timestamp <= now + drift`),
    // a nanosecond more is not.
    let now = at(0).minus_seconds(drift);
    instantiate_at(msg(), now).unwrap();
    let err = instantiate_at(msg(), now.minus_nanos(1)).err().unwrap();
    assert!(
        matches!(err, ContractError::TrustedStateFromTheFuture { .. }),
        "{err}"
    );
}
