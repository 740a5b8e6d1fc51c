//! Instantiation: a trusted state that would weaken later checks is refused.
//! (The lifecycle tests in tests/lifecycle.rs cover the older bounds.)

use btp_types::msg::verifier_tendermint::{
    HashOp, InstantiateMsg, LengthOp, ProofSpec, TrustThreshold,
};
use cosmwasm_std::testing::message_info;

use super::synthetic::{at, block};
use super::{attr, Client};
use crate::contract::instantiate;
use crate::error::ContractError;

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

#[test]
fn an_already_expired_trusted_state_is_refused() {
    let m = msg();
    let trusting = m.client_state.trusting_period_secs;
    assert!(refused(m, trusting).contains("beyond the trusting period"));
}
