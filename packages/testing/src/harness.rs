//! Two simulated chains, each its own `cw-multi-test` app with its own chain
//! id and bech32 prefix, each with a simulated CometBFT validator set that
//! signs a real-format header per block over its contracts' storage
//! ([`crate::chain`]). The suite is deployed and linked on both with the
//! real light-client verifier, so relays go through real headers and
//! real-format ICS-23 proofs.
//!
//! Every transaction runs in a block of its own, followed by an empty block,
//! so that the header proving its state exists at once (header `H + 1`
//! commits to the state after block `H`). Both chains read one clock, so a
//! header is never from the future for the other chain.

use std::cell::Cell;
use std::rc::Rc;

use anyhow::{Context, Result};
use btp_types::msg::kv_service;
use btp_types::msg::token_handler::{FeePolicy, Limits};
use btp_types::NetworkAddress;
use cosmwasm_std::{coin, Addr, BlockInfo, Coin, CosmosMsg, Event, Timestamp, Uint128};
use cw_multi_test::{AppBuilder, AppResponse, Executor, MockApiBech32};
use serde::Serialize;

use crate::chain::{wasm_store, SimulatedChain, SimulatedValidatorSet};
use crate::deploy::{
    deploy_suite, foreign_coins, foreign_coins_b, home_coins, home_coins_b, home_token, link,
    register_coins, Chain, ChainApp, Codes, COIN_A_DENOM, COIN_B_DENOM,
};
use crate::events::{committed_in, CommittedMessage};

/// Seconds since the epoch of the harness's first block (2024-01-01).
const GENESIS_SECONDS: u64 = 1_704_067_200;
/// Seconds between two blocks.
const BLOCK_SECONDS: u64 = 5;
/// The first block height of both chains.
const INITIAL_HEIGHT: u64 = 100;

/// The clock both chains read.
#[derive(Clone, Debug)]
pub struct Clock(Rc<Cell<u64>>);

impl Clock {
    pub(crate) fn new() -> Self {
        Self(Rc::new(Cell::new(GENESIS_SECONDS)))
    }

    /// Moves on by one block time and answers the new time.
    fn tick(&self) -> Timestamp {
        self.advance(BLOCK_SECONDS)
    }

    /// Moves on by `seconds` (a chain halt, a quiet weekend) and answers the new time.
    pub fn advance(&self, seconds: u64) -> Timestamp {
        self.0.set(self.0.get() + seconds);
        Timestamp::from_seconds(self.0.get())
    }
}

/// One simulated chain with the suite on it.
pub struct SimChain {
    pub app: ChainApp,
    pub chain: SimulatedChain,
    /// The suite's contracts; `verifier` is the light client of the other chain.
    pub contracts: Chain,
    /// The sample data service (`kv`).
    pub kv_service: Addr,
    pub owner: Addr,
    pub user: Addr,
    pub relayer: Addr,
    /// The light client of each linked network, by network address.
    pub light_clients: std::collections::BTreeMap<String, Addr>,
    clock: Clock,
    /// Events by block height, as a node's index would answer them.
    events: Vec<(u64, Event)>,
}

impl SimChain {
    /// The chain's network address.
    pub fn network(&self) -> &NetworkAddress {
        &self.contracts.network
    }

    /// The clock this chain shares with the other.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The light client of `network` on this chain.
    pub fn light_client_of(&self, network: &NetworkAddress) -> Result<&Addr> {
        self.light_clients
            .get(network.as_str())
            .with_context(|| format!("{} has no light client of {network}", self.network()))
    }

    /// The cw20 contract of a registered coin (a home cw20 or a wrapped coin).
    pub fn coin_token(&self, coin_name: &str) -> Result<Addr> {
        let coin: btp_types::msg::token_handler::CoinResponse = self.app.wrap().query_wasm_smart(
            &self.contracts.handler,
            &btp_types::msg::token_handler::QueryMsg::Coin {
                coin_name: coin_name.into(),
            },
        )?;
        let token = coin
            .token
            .with_context(|| format!("{coin_name} has no cw20 token here"))?;
        Ok(Addr::unchecked(token))
    }

    /// An account's balance of a cw20 token.
    pub fn cw20_balance(&self, token: &Addr, account: &Addr) -> Result<u128> {
        let balance: cw20::BalanceResponse = self.app.wrap().query_wasm_smart(
            token,
            &cw20::Cw20QueryMsg::Balance {
                address: account.to_string(),
            },
        )?;
        Ok(balance.balance.u128())
    }

    /// The current block height.
    pub fn height(&self) -> u64 {
        self.app.block_info().height
    }

    fn begin_block(&mut self) {
        let time = self.clock.tick();
        self.app.update_block(|block: &mut BlockInfo| {
            block.height += 1;
            block.time = time;
        });
    }

    /// Commits the current block's state, then an empty block whose header
    /// proves it.
    fn seal(&mut self) {
        let block = self.app.block_info();
        let height = self.chain.commit(wasm_store(&self.app), block.time);
        debug_assert_eq!(
            height, block.height,
            "the simulated chain follows the app's heights"
        );
        self.begin_block();
        let empty = self.app.block_info();
        self.chain.commit(wasm_store(&self.app), empty.time);
    }

    /// Runs `operation` in a block of its own, records its events, seals the block.
    pub fn in_block<T>(&mut self, operation: impl FnOnce(&mut ChainApp) -> Result<T>) -> Result<T> {
        self.begin_block();
        let result = operation(&mut self.app);
        self.seal();
        result
    }

    fn record(&mut self, response: &AppResponse, height: u64) {
        self.events
            .extend(response.events.iter().cloned().map(|event| (height, event)));
    }

    /// Executes one message as a transaction in a block of its own.
    pub fn execute<T: Serialize + std::fmt::Debug>(
        &mut self,
        sender: &Addr,
        contract: &Addr,
        msg: &T,
        funds: &[Coin],
    ) -> Result<AppResponse> {
        self.execute_multi(
            sender,
            vec![cosmwasm_std::WasmMsg::Execute {
                contract_addr: contract.to_string(),
                msg: cosmwasm_std::to_json_binary(msg)?,
                funds: funds.to_vec(),
            }
            .into()],
        )
    }

    /// Executes `messages` as one atomic transaction in a block of its own.
    pub fn execute_multi(
        &mut self,
        sender: &Addr,
        messages: Vec<CosmosMsg>,
    ) -> Result<AppResponse> {
        let sender = sender.clone();
        let height = self.height() + 1;
        let responses = self.in_block(|app| app.execute_multi(sender, messages))?;
        let mut combined = AppResponse::default();
        for response in responses {
            self.record(&response, height);
            combined.events.extend(response.events);
        }
        Ok(combined)
    }

    /// Messages the message center committed in blocks `from..=to`, with their heights.
    pub fn committed_messages(
        &self,
        message_center: &str,
        from: u64,
        to: u64,
    ) -> Vec<(u64, CommittedMessage)> {
        let mut found = vec![];
        for (height, event) in &self.events {
            if (from..=to).contains(height) {
                for message in committed_in(std::slice::from_ref(event)) {
                    if message.message_center == message_center {
                        found.push((*height, message));
                    }
                }
            }
        }
        found
    }
}

/// Settings of the two chains.
pub struct TwoChainsBuilder {
    validators_a: SimulatedValidatorSet,
    validators_b: SimulatedValidatorSet,
    fee: FeePolicy,
    limits: Limits,
    user_funds: u128,
}

impl Default for TwoChainsBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl TwoChainsBuilder {
    pub fn new() -> Self {
        Self {
            validators_a: SimulatedValidatorSet::equal_power("chain-a-validator", 4, 100),
            validators_b: SimulatedValidatorSet::equal_power("chain-b-validator", 4, 100),
            fee: crate::deploy::scenario_token_fee(),
            limits: Limits::default(),
            user_funds: 1_000_000,
        }
    }

    /// The validator sets of chain A and chain B.
    pub fn validators(mut self, a: SimulatedValidatorSet, b: SimulatedValidatorSet) -> Self {
        self.validators_a = a;
        self.validators_b = b;
        self
    }

    /// The token fee of every coin on both chains.
    pub fn fee(mut self, fee: FeePolicy) -> Self {
        self.fee = fee;
        self
    }

    pub fn build(self) -> Result<TwoChains> {
        let clock = Clock::new();
        let mut a = new_chain(
            "chain-a",
            "chaina",
            self.validators_a,
            &clock,
            self.user_funds,
        );
        let mut b = new_chain(
            "chain-b",
            "chainb",
            self.validators_b,
            &clock,
            self.user_funds,
        );
        let token_a = home_token(&mut a.app, &a.codes, &a.owner, &a.user, self.user_funds);
        // Deployed in the chains' first blocks; each light client then trusts
        // the other chain's first header.
        for chain in [&mut a, &mut b] {
            chain.seal();
        }
        let (trust_a, trust_b) = (a.trusted_state()?, b.trusted_state()?);
        let chains = [
            a.with_light_client(&trust_b)?,
            b.with_light_client(&trust_a)?,
        ];
        let [mut a, mut b] = chains;
        a.light_clients
            .insert(b.network().to_string(), a.contracts.verifier.clone());
        b.light_clients
            .insert(a.network().to_string(), b.contracts.verifier.clone());
        let (contracts_a, contracts_b) = (a.contracts.clone(), b.contracts.clone());
        let (fee, limits) = (self.fee, self.limits);
        a.in_block(|app| {
            let owner = app.api().addr_make("owner");
            link(app, &owner, &contracts_a, &contracts_b, Uint128::zero());
            register_coins(
                app,
                &owner,
                &contracts_a,
                [home_coins(&token_a), foreign_coins_b(&contracts_b.network)].concat(),
                &fee,
                &limits,
            );
            Ok(())
        })?;
        b.in_block(|app| {
            let owner = app.api().addr_make("owner");
            link(app, &owner, &contracts_b, &contracts_a, Uint128::zero());
            register_coins(
                app,
                &owner,
                &contracts_b,
                [foreign_coins(&contracts_a.network), home_coins_b()].concat(),
                &fee,
                &limits,
            );
            Ok(())
        })?;
        Ok(TwoChains { a, b, token_a })
    }
}

/// A chain being built: its app, its simulated validators, the suite without its light client.
pub(crate) struct ChainUnderConstruction {
    pub(crate) app: ChainApp,
    pub(crate) chain: SimulatedChain,
    pub(crate) codes: Codes,
    deployment: crate::deploy::Deployment,
    pub(crate) owner: Addr,
    pub(crate) user: Addr,
    relayer: Addr,
    clock: Clock,
}

pub(crate) fn new_chain(
    chain_id: &str,
    prefix: &'static str,
    validators: SimulatedValidatorSet,
    clock: &Clock,
    user_funds: u128,
) -> ChainUnderConstruction {
    let network = NetworkAddress::cosmos(chain_id).expect("a valid chain id");
    let fee_denom = format!("ufee{}", &prefix[prefix.len() - 1..]);
    let time = clock.tick();
    let mut app = AppBuilder::new()
        .with_api(MockApiBech32::new(prefix))
        .with_block(BlockInfo {
            height: INITIAL_HEIGHT,
            time,
            chain_id: chain_id.into(),
        })
        .build(|router, api, storage| {
            let funds = vec![
                coin(user_funds, COIN_A_DENOM),
                coin(user_funds, COIN_B_DENOM),
                coin(user_funds, "ufeea"),
                coin(user_funds, "ufeeb"),
                coin(user_funds, "ufeec"),
            ];
            for account in ["user", "relayer"] {
                router
                    .bank
                    .init_balance(storage, &api.addr_make(account), funds.clone())
                    .expect("funding");
            }
        });
    let owner = app.api().addr_make("owner");
    let user = app.api().addr_make("user");
    let relayer = app.api().addr_make("relayer");
    let codes = Codes::store(&mut app, crate::contracts::verifier_tendermint());
    let deployment = deploy_suite(&mut app, &codes, &owner, network, &fee_denom);
    let chain = SimulatedChain::new(chain_id, validators, time).with_initial_height(INITIAL_HEIGHT);
    ChainUnderConstruction {
        app,
        chain,
        codes,
        deployment,
        owner,
        user,
        relayer,
        clock: clock.clone(),
    }
}

impl ChainUnderConstruction {
    /// What a light client of this (sealed) chain starts from: its latest header.
    pub(crate) fn trusted_state(
        &self,
    ) -> Result<btp_types::msg::verifier_tendermint::InstantiateMsg> {
        self.chain
            .verifier_instantiate_msg(self.chain.latest_height().context("a sealed chain")?)
    }

    pub(crate) fn seal(&mut self) {
        let block = self.app.block_info();
        self.chain.commit(wasm_store(&self.app), block.time);
        let time = self.clock.tick();
        self.app.update_block(|block| {
            block.height += 1;
            block.time = time;
        });
        self.chain.commit(wasm_store(&self.app), time);
    }

    /// Instantiates the light client of the other chain (from its trusted
    /// state) in a block of its own: the chain is complete.
    pub(crate) fn with_light_client(
        self,
        trusted: &btp_types::msg::verifier_tendermint::InstantiateMsg,
    ) -> Result<SimChain> {
        let verifier_code = self.codes.verifier;
        let mut app = self.app;
        let kv_code = app.store_code(crate::contracts::kv_service());
        let center = self.deployment.message_center.clone();
        let kv_service = app
            .instantiate_contract(
                kv_code,
                self.owner.clone(),
                &kv_service::InstantiateMsg {
                    owner: None,
                    message_center: center.to_string(),
                },
                &[],
                "kv",
                None,
            )
            .context("instantiating the sample service")?;
        let register = btp_types::msg::message_center::ExecuteMsg::AddService {
            svc: kv_service::KV_SERVICE.into(),
            handler: kv_service.to_string(),
            batches: Some(true),
        };
        app.execute_contract(self.owner.clone(), center, &register, &[])
            .context("registering the sample service")?;
        let mut chain = SimChain {
            app,
            chain: self.chain,
            contracts: Chain::new(self.deployment, Addr::unchecked("")),
            kv_service,
            owner: self.owner.clone(),
            user: self.user,
            relayer: self.relayer,
            light_clients: Default::default(),
            clock: self.clock,
            events: vec![],
        };
        let owner = self.owner;
        chain.contracts.verifier = chain.in_block(|app| {
            app.instantiate_contract(
                verifier_code,
                owner.clone(),
                trusted,
                &[],
                "verifier-tendermint",
                Some(owner.to_string()),
            )
        })?;
        Ok(chain)
    }
}

/// Chain A (home of the coins) and chain B, linked; see the module doc.
pub struct TwoChains {
    pub a: SimChain,
    pub b: SimChain,
    /// Chain A's home cw20 token.
    pub token_a: Addr,
}

impl TwoChains {
    /// The chain on `from`, and the other one: the source and the
    /// destination of a relay from `from`.
    pub fn sides(&mut self, from: crate::suite::Side) -> (&mut SimChain, &mut SimChain) {
        match from {
            crate::suite::Side::A => (&mut self.a, &mut self.b),
            crate::suite::Side::B => (&mut self.b, &mut self.a),
        }
    }
}
