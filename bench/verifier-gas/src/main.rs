//! Gas of the verifiers' artifacts in cosmwasm-vm, the VM wasmd runs, on
//! real chain data. verifier-tendermint: `update_client` with 100-validator
//! Celestia headers and a 2-validator Archway header, `verify_membership` of
//! the Nyx mainnet proof, and a batch of such proofs. verifier-btpblock
//! ([`btpblock`]): instantiate and each `verify_relay_message` on real goloop
//! blocks and on ICON's own BMV test data.
//!
//! Usage: `verifier-gas [artifacts/verifier-tendermint.wasm
//! [artifacts/verifier-btpblock.wasm]]` (run by scripts/bench-verifier.sh).
//! Prints a Markdown table per verifier.
//!
//! What is counted: everything the VM meters for the call (wasm execution,
//! host crypto such as `ed25519_batch_verify`, API calls) as "CosmWasm gas";
//! wasmd divides it by 140,000 to charge SDK gas. Not counted (wasmd charges
//! them apart): the 60,000 SDK gas instance cost per call, storage reads and
//! writes (KV gas), and the transaction's bytes (about 10 SDK gas each).

use btp_types::msg::verifier_tendermint::{
    ClientState, ConsensusState, ExecuteMsg, InstantiateMsg, LightClientQuery, MembershipItem,
    ProofSpec, TrustThreshold,
};
use cosmwasm_std::{Binary, ContractResult, Empty, Env, MessageInfo, Response, Timestamp};
use cosmwasm_vm::testing::{
    mock_env, mock_instance_with_options, MockApi, MockInstanceOptions, MockQuerier, MockStorage,
};
use cosmwasm_vm::{call_execute, call_instantiate, call_query, Instance};
use verifier_tendermint::testing::{
    archway_block, celestia_block, celestia_rpc_block, nyx_proof, LightBlock,
};

mod btpblock;

/// wasmd's `DefaultGasMultiplier`: CosmWasm gas per SDK gas.
const GAS_MULTIPLIER: u64 = 140_000;

type VmInstance = Instance<MockApi, MockStorage, MockQuerier>;

struct Bench {
    wasm: Vec<u8>,
    rows: Vec<String>,
}

fn env_at(time: Timestamp) -> Env {
    let mut env = mock_env();
    env.block.time = time;
    env
}

fn info() -> MessageInfo {
    MessageInfo {
        sender: cosmwasm_std::Addr::unchecked(MockApi::default().addr_make("relayer")),
        funds: vec![],
    }
}

impl Bench {
    fn instance(&self, msg: &InstantiateMsg, now: Timestamp) -> VmInstance {
        let mut instance = mock_instance_with_options(
            &self.wasm,
            MockInstanceOptions {
                gas_limit: 100_000_000_000_000,
                ..Default::default()
            },
        );
        let result: ContractResult<Response<Empty>> = call_instantiate(
            &mut instance,
            &env_at(now),
            &info(),
            &serde_json::to_vec(msg).unwrap(),
        )
        .unwrap();
        result.into_result().unwrap();
        instance
    }

    /// Gas of one call, measured on the instance's meter.
    fn metered(
        instance: &mut VmInstance,
        call: impl FnOnce(&mut VmInstance) -> String,
    ) -> (u64, String) {
        let before = instance.create_gas_report();
        let outcome = call(instance);
        let after = instance.create_gas_report();
        let used = (after.used_internally + after.used_externally)
            - (before.used_internally + before.used_externally);
        (used, outcome)
    }

    fn row(&mut self, what: &str, input_bytes: usize, gas: u64, outcome: &str) {
        self.rows.push(format!(
            "| {what} | {input_bytes} | {gas} | {} | {outcome} |",
            gas.div_ceil(GAS_MULTIPLIER)
        ));
    }

    /// `update_client` with `header` over `trusted`; with `again`, also the
    /// same message a second time (a no-op); with `omit_trusted`, without the
    /// trusted validators (allowed when they equal the header's).
    fn update(
        &mut self,
        what: &str,
        trusted: &LightBlock,
        header: &LightBlock,
        again: bool,
        omit_trusted: bool,
    ) {
        let next = trusted
            .next_validators
            .clone()
            .unwrap_or_else(|| trusted.validators.clone());
        let msg = ExecuteMsg::UpdateClient {
            header: header.header(trusted.height(), (!omit_trusted).then_some(&next)),
        };
        let bytes = serde_json::to_vec(&msg).unwrap();
        let now = header.time().plus_seconds(60);
        let mut instance = self.instance(&trusted.instantiate_msg(), now);
        let run = |instance: &mut VmInstance| {
            let result: ContractResult<Response<Empty>> =
                call_execute(instance, &env_at(now), &info(), &bytes).unwrap();
            let response = result.into_result().unwrap();
            let attr = |key: &str| {
                response
                    .attributes
                    .iter()
                    .find(|a| a.key == key)
                    .map(|a| a.value.clone())
            };
            match attr("signatures") {
                Some(count) => format!(
                    "{}, {count} signatures checked",
                    attr("result").unwrap_or_default()
                ),
                None => attr("result").unwrap_or_default(),
            }
        };
        let (gas, outcome) = Self::metered(&mut instance, run);
        self.row(what, bytes.len(), gas, &outcome);
        if again {
            let (gas, outcome) = Self::metered(&mut instance, run);
            self.row("… the same message again", bytes.len(), gas, &outcome);
        }
    }

    fn membership(&mut self, items: usize) {
        let proof = nyx_proof();
        let now = Timestamp::from_seconds(1_750_000_000);
        let msg = InstantiateMsg {
            owner: None,
            client_state: ClientState {
                chain_id: "nyx".into(),
                trust_level: TrustThreshold::ONE_THIRD,
                trusting_period_secs: 14 * 24 * 3600,
                unbonding_period_secs: 21 * 24 * 3600,
                max_clock_drift_secs: 10,
                latest_height: proof.header_height,
                frozen_height: None,
                proof_specs: ProofSpec::cosmos_sdk(),
            },
            consensus_state: ConsensusState {
                timestamp: now.minus_seconds(60),
                app_hash: Binary::from(proof.app_hash.as_slice()),
                next_validators_hash: Binary::new(vec![9; 32]),
            },
        };
        let mut instance = self.instance(&msg, now);
        let path = vec![Binary::from(b"wasm"), Binary::from(proof.key.as_slice())];
        let query = if items == 1 {
            LightClientQuery::VerifyMembership {
                height: proof.header_height,
                path,
                value: Binary::from(proof.value.as_slice()),
                proof: Binary::from(proof.merkle_proof.as_slice()),
            }
        } else {
            let item = MembershipItem {
                path,
                value: Binary::from(proof.value.as_slice()),
                proof: Binary::from(proof.merkle_proof.as_slice()),
            };
            LightClientQuery::VerifyBatchMembership {
                height: proof.header_height,
                items: vec![item; items],
            }
        };
        let bytes = serde_json::to_vec(&query).unwrap();
        let (gas, outcome) = Self::metered(&mut instance, |instance| {
            let result = call_query(instance, &env_at(now), &bytes).unwrap();
            String::from_utf8(result.into_result().unwrap().to_vec()).unwrap()
        });
        let what = if items == 1 {
            "`verify_membership`, Nyx mainnet proof (IAVL 25 steps + multistore)".to_string()
        } else {
            format!("`verify_batch_membership`, {items} × the Nyx proof")
        };
        self.row(&what, bytes.len(), gas, &outcome);
    }
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "artifacts/verifier-tendermint.wasm".into());
    let btpblock_path = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "artifacts/verifier-btpblock.wasm".into());
    let wasm = std::fs::read(&path).unwrap_or_else(|err| panic!("reading {path}: {err}"));
    let mut bench = Bench { wasm, rows: vec![] };
    println!("artifact: {path} ({} bytes)\n", bench.wasm.len());

    bench.update(
        "`update_client`, Celestia mocha-4 2279100 → 2279130 (100 validators, skipping)",
        &celestia_block(2_279_100),
        &celestia_block(2_279_130),
        true,
        false,
    );
    bench.update(
        "… with `trusted_validators` left out (equal to `validator_set`)",
        &celestia_block(2_279_100),
        &celestia_block(2_279_130),
        false,
        true,
    );
    bench.update(
        "… and signatures beyond 2/3 of the power marked absent (relayer-side trimming)",
        &celestia_block(2_279_100),
        &celestia_block(2_279_130).trimmed(),
        false,
        true,
    );
    bench.update(
        "`update_client`, Celestia mainnet 10000 → 10020 (100 validators, skipping)",
        &celestia_rpc_block("bench-1"),
        &celestia_rpc_block("bench-2"),
        false,
        false,
    );
    bench.update(
        "`update_client`, Archway constantine-1 700000 → 700001 (2 validators, adjacent)",
        &archway_block("adjacent", 1),
        &archway_block("adjacent", 2),
        false,
        false,
    );
    bench.update(
        "`update_client`, torii-1 700022 → 700083 (73 validators, set changed)",
        &archway_block("multi-validator", 2),
        &archway_block("multi-validator", 3),
        false,
        false,
    );
    bench.membership(1);
    bench.membership(10);

    println!("| operation | message bytes (JSON) | CosmWasm gas | SDK gas (÷140,000) | outcome |");
    println!("|---|---:|---:|---:|---|");
    for row in &bench.rows {
        println!("{row}");
    }

    let wasm = std::fs::read(&btpblock_path)
        .unwrap_or_else(|err| panic!("reading {btpblock_path}: {err}"));
    println!("\nartifact: {btpblock_path} ({} bytes)\n", wasm.len());
    btpblock::run(&wasm);
}
