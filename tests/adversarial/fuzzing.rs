//! Fuzzing of everything that parses untrusted bytes in the verifier: the
//! binary header of `update_client`, the Merkle proofs of the membership
//! queries. Random bytes and single-byte corruptions of valid inputs must
//! come back as errors (or, for a corruption that changes nothing that
//! counts, a verdict), never as a panic. The RLP, BTP message and token
//! service decoders are fuzzed the same way in `packages/btp-types/tests`.

use btp_types::keys::WASM_STORE_NAME;
use btp_types::msg::verifier_tendermint::{ExecuteMsg, LightClientQuery};
use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{Binary, Env, OwnedDeps, Timestamp};
use proptest::prelude::*;
use testing::chain::{SimulatedChain, SimulatedValidatorSet};
use verifier_tendermint::contract;

/// A verifier trusting block 10 of a simulated chain, and what blocks 11 and
/// 12 of that chain give: a valid update and a valid proof at header 12.
struct Target {
    deps: OwnedDeps<MockStorage, MockApi, MockQuerier>,
    env: Env,
    header: Vec<u8>,
    key: Vec<u8>,
    value: Vec<u8>,
    proof: Vec<u8>,
}

/// The simulated chain's data, signed once for all cases.
struct Inputs {
    genesis: Timestamp,
    instantiate: btp_types::msg::verifier_tendermint::InstantiateMsg,
    header: Vec<u8>,
    key: Vec<u8>,
    value: Vec<u8>,
    proof: Vec<u8>,
}

fn inputs() -> &'static Inputs {
    static INPUTS: std::sync::OnceLock<Inputs> = std::sync::OnceLock::new();
    INPUTS.get_or_init(|| {
        let genesis = Timestamp::from_seconds(1_704_067_200);
        let mut chain = SimulatedChain::new(
            "fuzz-1",
            SimulatedValidatorSet::equal_power("fuzz", 4, 100),
            genesis,
        )
        .with_initial_height(10);
        let (key, value) = (b"\x03key".to_vec(), b"value".to_vec());
        for step in 0..3u64 {
            chain.commit(
                vec![(key.clone(), value.clone())],
                genesis.plus_seconds(5 * step),
            );
        }
        Inputs {
            genesis,
            instantiate: chain.verifier_instantiate_msg(10).unwrap(),
            header: chain.update_header(10, 12).unwrap().to_vec(),
            proof: chain.membership_proof(11, &key).unwrap(),
            key,
            value,
        }
    })
}

fn target() -> Target {
    let inputs = inputs();
    let mut deps = mock_dependencies();
    let mut env = mock_env();
    env.block.time = inputs.genesis.plus_seconds(30);
    let owner = deps.api.addr_make("owner");
    contract::instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&owner, &[]),
        inputs.instantiate.clone(),
    )
    .unwrap();
    Target {
        header: inputs.header.clone(),
        proof: inputs.proof.clone(),
        key: inputs.key.clone(),
        value: inputs.value.clone(),
        deps,
        env,
    }
}

impl Target {
    fn update(&mut self, header: Vec<u8>) -> bool {
        let relayer = self.deps.api.addr_make("relayer");
        let msg = ExecuteMsg::UpdateClient {
            header: Binary::new(header),
        };
        contract::execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(&relayer, &[]),
            msg,
        )
        .is_ok()
    }

    fn verify(&self, proof: Vec<u8>) -> bool {
        let query = LightClientQuery::VerifyMembership {
            height: 12,
            path: vec![
                Binary::new(WASM_STORE_NAME.as_bytes().to_vec()),
                Binary::new(self.key.clone()),
            ],
            value: Binary::new(self.value.clone()),
            proof: Binary::new(proof),
        };
        contract::query(self.deps.as_ref(), self.env.clone(), query.into()).is_ok()
    }
}

/// Cases per property; CI runs them all on every build.
const CASES: u32 = 1_000;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn random_bytes_never_update_the_client(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut target = target();
        prop_assert!(!target.update(bytes));
    }

    #[test]
    fn a_corrupted_header_never_panics(position in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut target = target();
        let mut header = target.header.clone();
        let index = position.index(header.len());
        header[index] = byte;
        // Verdicts either way (a byte of an unused field may change nothing); a panic fails the test.
        let _ = target.update(header);
    }

    #[test]
    fn random_bytes_never_prove_membership(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut target = target();
        let header = target.header.clone();
        prop_assert!(target.update(header));
        prop_assert!(!target.verify(bytes));
    }

    #[test]
    fn a_corrupted_proof_never_panics(position in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut target = target();
        let header = target.header.clone();
        prop_assert!(target.update(header));
        let mut proof = target.proof.clone();
        let index = position.index(proof.len());
        proof[index] = byte;
        let _ = target.verify(proof);
    }
}

#[test]
fn the_valid_inputs_of_the_fuzzing_pass() {
    let mut target = target();
    let header = target.header.clone();
    assert!(target.update(header));
    let proof = target.proof.clone();
    assert!(target.verify(proof));
}
