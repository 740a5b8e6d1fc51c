//! The life of every contract of the suite, from instantiation to migration:
//! versioning, two-step ownership and the pause switch, checked on the real
//! contract code in `cw-multi-test`.

use btp_types::msg::verifier_tendermint::{ClientState, ConsensusState, ProofSpec, TrustThreshold};
use btp_types::msg::{
    message_center, token_handler, token_vault, verifier_tendermint as verifier, MigrateMsg,
};
use btp_types::NetworkAddress;
use cosmwasm_std::{Addr, Binary, Empty, Timestamp};
use cw_multi_test::{App, Contract, Executor};
use cw_ownable::{Action, Ownership};
use serde_json::{json, Value};

/// One deployed contract of the suite, with what the tests need to drive it.
#[derive(Clone)]
struct Deployed {
    name: &'static str,
    address: Addr,
    code_id: u64,
    pausable: bool,
}

struct Suite {
    app: App,
    owner: Addr,
    stranger: Addr,
    contracts: Vec<Deployed>,
}

fn deploy(
    app: &mut App,
    owner: &Addr,
    name: &'static str,
    contract: Box<dyn Contract<Empty>>,
    msg: Value,
    pausable: bool,
) -> Deployed {
    let code_id = app.store_code(contract);
    let address = app
        .instantiate_contract(
            code_id,
            owner.clone(),
            &msg,
            &[],
            name,
            Some(owner.to_string()),
        )
        .unwrap_or_else(|err| panic!("instantiating {name}: {err:#}"));
    Deployed {
        name,
        address,
        code_id,
        pausable,
    }
}

fn verifier_instantiate_msg() -> verifier::InstantiateMsg {
    verifier::InstantiateMsg {
        owner: None,
        client_state: ClientState {
            chain_id: "remote-1".into(),
            trust_level: TrustThreshold::ONE_THIRD,
            trusting_period_secs: 14 * 24 * 3600,
            unbonding_period_secs: 21 * 24 * 3600,
            max_clock_drift_secs: 10,
            latest_height: 100,
            frozen_height: None,
            proof_specs: ProofSpec::cosmos_sdk(),
        },
        consensus_state: ConsensusState {
            timestamp: Timestamp::from_seconds(1_571_797_419),
            app_hash: Binary::new(vec![7; 32]),
            next_validators_hash: Binary::new(vec![9; 32]),
        },
    }
}

impl Suite {
    fn new() -> Self {
        let mut app = App::default();
        let owner = app.api().addr_make("owner");
        let stranger = app.api().addr_make("stranger");
        // The verifier's trusted header must not be expired at the app's block time.
        app.update_block(|block| block.time = Timestamp::from_seconds(1_571_797_419 + 60));

        let message_center = deploy(
            &mut app,
            &owner,
            "message-center",
            testing::contracts::message_center(),
            json!(message_center::InstantiateMsg {
                network: NetworkAddress::parse("local-1.cosmos").unwrap(),
                owner: None,
                fee_denom: "ufee".into(),
                delivery_gas_limit: None,
            }),
            true,
        );
        let verifier = deploy(
            &mut app,
            &owner,
            "verifier-tendermint",
            testing::contracts::verifier_tendermint(),
            json!(verifier_instantiate_msg()),
            false,
        );
        let vault = deploy(
            &mut app,
            &owner,
            "token-vault",
            testing::contracts::token_vault(),
            json!(token_vault::InstantiateMsg {
                owner: None,
                handler: None,
                cw20_code_id: 1,
            }),
            true,
        );
        let handler = deploy(
            &mut app,
            &owner,
            "token-handler",
            testing::contracts::token_handler(),
            json!(token_handler::InstantiateMsg {
                owner: None,
                message_center: message_center.address.to_string(),
                vault: vault.address.to_string(),
                default_timeout_secs: None,
            }),
            true,
        );
        let contracts = vec![message_center, verifier, vault, handler];

        Self {
            app,
            owner,
            stranger,
            contracts,
        }
    }

    fn ownership(&self, contract: &Deployed) -> Ownership<String> {
        self.app
            .wrap()
            .query_wasm_smart(&contract.address, &json!({"ownership": {}}))
            .unwrap()
    }

    fn update_ownership(
        &mut self,
        sender: &Addr,
        contract: &Deployed,
        action: Action,
    ) -> anyhow::Result<()> {
        self.app
            .execute_contract(
                sender.clone(),
                contract.address.clone(),
                &json!({"update_ownership": action}),
                &[],
            )
            .map(|_| ())
    }

    fn set_paused(
        &mut self,
        sender: &Addr,
        contract: &Deployed,
        paused: bool,
    ) -> anyhow::Result<()> {
        self.app
            .execute_contract(
                sender.clone(),
                contract.address.clone(),
                &json!({"set_paused": {"paused": paused}}),
                &[],
            )
            .map(|_| ())
    }

    fn config(&self, contract: &Deployed) -> Value {
        self.app
            .wrap()
            .query_wasm_smart(&contract.address, &json!({"config": {}}))
            .unwrap()
    }
}

#[test]
fn every_contract_records_its_name_and_version() {
    let suite = Suite::new();
    for contract in &suite.contracts {
        let info =
            cw2::query_contract_info(&suite.app.wrap(), contract.address.to_string()).unwrap();
        assert_eq!(info.contract, format!("crates.io:{}", contract.name));
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
    }
}

#[test]
fn ownership_moves_only_when_the_new_owner_accepts() {
    let mut suite = Suite::new();
    let new_owner = suite.app.api().addr_make("new-owner");
    for index in 0..suite.contracts.len() {
        let contract = suite.contracts[index].clone();
        let (owner, stranger, name) = (suite.owner.clone(), suite.stranger.clone(), contract.name);

        let err = suite
            .update_ownership(
                &stranger,
                &contract,
                Action::TransferOwnership {
                    new_owner: stranger.to_string(),
                    expiry: None,
                },
            )
            .unwrap_err();
        assert!(
            format!("{err:#}").contains("not the contract's current owner"),
            "{name}: {err:#}"
        );

        suite
            .update_ownership(
                &owner,
                &contract,
                Action::TransferOwnership {
                    new_owner: new_owner.to_string(),
                    expiry: None,
                },
            )
            .unwrap();
        let pending = suite.ownership(&contract);
        assert_eq!(
            pending.owner.as_deref(),
            Some(owner.as_str()),
            "{name}: owner changed before acceptance"
        );
        assert_eq!(pending.pending_owner.as_deref(), Some(new_owner.as_str()));

        let err = suite
            .update_ownership(&stranger, &contract, Action::AcceptOwnership)
            .unwrap_err();
        assert!(
            format!("{err:#}").contains("not the contract's pending owner"),
            "{name}: {err:#}"
        );

        suite
            .update_ownership(&new_owner, &contract, Action::AcceptOwnership)
            .unwrap();
        assert_eq!(
            suite.ownership(&contract).owner.as_deref(),
            Some(new_owner.as_str()),
            "{name}"
        );
        let err = suite
            .update_ownership(&owner, &contract, Action::RenounceOwnership)
            .unwrap_err();
        assert!(
            format!("{err:#}").contains("not the contract's current owner"),
            "{name}: {err:#}"
        );
    }
}

#[test]
fn only_the_owner_pauses_and_unpauses() {
    let mut suite = Suite::new();
    let (owner, stranger) = (suite.owner.clone(), suite.stranger.clone());
    let pausable: Vec<Deployed> = suite
        .contracts
        .iter()
        .filter(|contract| contract.pausable)
        .cloned()
        .collect();
    assert_eq!(
        pausable.len(),
        3,
        "every contract that moves value has a pause switch"
    );
    for contract in &pausable {
        let err = suite.set_paused(&stranger, contract, true).unwrap_err();
        assert!(
            format!("{err:#}").contains("not the contract's current owner"),
            "{}: {err:#}",
            contract.name
        );
        assert_eq!(suite.config(contract)["paused"], json!(false));

        suite.set_paused(&owner, contract, true).unwrap();
        assert_eq!(
            suite.config(contract)["paused"],
            json!(true),
            "{}",
            contract.name
        );
        suite.set_paused(&owner, contract, false).unwrap();
        assert_eq!(
            suite.config(contract)["paused"],
            json!(false),
            "{}",
            contract.name
        );
    }
}

#[test]
fn migration_keeps_the_version_and_refuses_another_contracts_code() {
    let mut suite = Suite::new();
    let owner = suite.owner.clone();
    let count = suite.contracts.len();
    for index in 0..count {
        let contract = &suite.contracts[index];
        let (address, code_id, name) = (contract.address.clone(), contract.code_id, contract.name);
        suite
            .app
            .migrate_contract(owner.clone(), address.clone(), &MigrateMsg {}, code_id)
            .unwrap_or_else(|err| panic!("{name}: re-migrating to its own code: {err:#}"));

        // Every other contract's code must refuse this contract's state.
        let other = &suite.contracts[(index + 1) % count];
        let err = suite
            .app
            .migrate_contract(
                owner.clone(),
                address.clone(),
                &MigrateMsg {},
                other.code_id,
            )
            .unwrap_err();
        assert!(
            format!("{err:#}").contains("the code is for another contract"),
            "{name} migrated into {}: {err:#}",
            other.name
        );
    }
}

/// A change that makes a verifier's trusted state unacceptable.
type Corruption = Box<dyn Fn(&mut verifier::InstantiateMsg)>;

#[test]
fn a_verifier_cannot_start_from_a_weak_or_malformed_trusted_state() {
    let mut suite = Suite::new();
    let code_id = suite.contracts[1].code_id;
    let owner = suite.owner.clone();
    let cases: Vec<(&str, Corruption)> = vec![
        (
            "trust level 1/4 is outside [1/3, 1]",
            Box::new(|m| {
                m.client_state.trust_level = TrustThreshold {
                    numerator: 1,
                    denominator: 4,
                }
            }),
        ),
        (
            "trust level 4/3 is outside [1/3, 1]",
            Box::new(|m| {
                m.client_state.trust_level = TrustThreshold {
                    numerator: 4,
                    denominator: 3,
                }
            }),
        ),
        (
            "trust level 1/0 is outside [1/3, 1]",
            Box::new(|m| {
                m.client_state.trust_level = TrustThreshold {
                    numerator: 1,
                    denominator: 0,
                }
            }),
        ),
        (
            "must be shorter than the unbonding period",
            Box::new(|m| {
                m.client_state.trusting_period_secs = m.client_state.unbonding_period_secs
            }),
        ),
        (
            "trusting period is zero",
            Box::new(|m| m.client_state.trusting_period_secs = 0),
        ),
        (
            "chain id is empty",
            Box::new(|m| m.client_state.chain_id = " ".into()),
        ),
        (
            "latest height is zero",
            Box::new(|m| m.client_state.latest_height = 0),
        ),
        (
            "cannot start frozen",
            Box::new(|m| m.client_state.frozen_height = Some(5)),
        ),
        (
            "app hash is 31 bytes",
            Box::new(|m| m.consensus_state.app_hash = Binary::new(vec![1; 31])),
        ),
        (
            "next validators hash is 0 bytes",
            Box::new(|m| m.consensus_state.next_validators_hash = Binary::default()),
        ),
        (
            "timestamp is zero",
            Box::new(|m| m.consensus_state.timestamp = Timestamp::from_nanos(0)),
        ),
    ];
    for (expected, corrupt) in cases {
        let mut msg = verifier_instantiate_msg();
        corrupt(&mut msg);
        let err = suite
            .app
            .instantiate_contract(code_id, owner.clone(), &msg, &[], "bad verifier", None)
            .unwrap_err();
        assert!(
            format!("{err:#}").contains(expected),
            "expected {expected:?}, got {err:#}"
        );
    }
}

#[test]
fn a_verifier_reports_expiry_once_its_trusted_header_is_too_old() {
    let mut suite = Suite::new();
    let address = suite.contracts[1].address.clone();
    let status = |app: &App| -> Value {
        app.wrap()
            .query_wasm_smart(&address, &json!({"status": {}}))
            .unwrap()
    };
    assert_eq!(status(&suite.app), json!({"status": "active"}));
    let trusting = verifier_instantiate_msg().client_state.trusting_period_secs;
    suite
        .app
        .update_block(|block| block.time = Timestamp::from_seconds(1_571_797_419 + trusting));
    assert_eq!(status(&suite.app), json!({"status": "expired"}));
    let err = suite
        .app
        .wrap()
        .query_wasm_smart::<Value>(&address, &json!({"consensus_state": {"height": 101}}))
        .unwrap_err();
    assert!(err.to_string().contains("not found"), "{err}");
}
