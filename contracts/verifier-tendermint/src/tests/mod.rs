//! The verifier's tests. Each check the contract makes has a test named
//! after the attack it stops; real chain data (tests/fixtures, SOURCES.md)
//! wherever it exists, `tendermint-testgen` headers where an attack needs
//! signatures nobody on a real chain made (conflicting headers).

mod instantiate;
mod membership;
mod misbehaviour;
mod multi_test;
mod real_headers;
mod recover;
mod store;
mod synthetic;
mod verifier_query;

use btp_types::msg::verifier_tendermint::{
    ClientState, ClientStatus, ConsensusState, ExecuteMsg, InstantiateMsg, LightClientQuery,
    QueryMsg, StatusResponse,
};
use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{from_json, Addr, Env, OwnedDeps, Response, Timestamp};
use serde::de::DeserializeOwned;

use crate::contract::{execute, instantiate, query};
use crate::error::ContractError;

/// A verifier instance driven through its entry points.
pub struct Client {
    pub deps: OwnedDeps<MockStorage, MockApi, MockQuerier>,
    pub env: Env,
    pub owner: Addr,
}

impl Client {
    /// Instantiates with `msg` at this chain's time `now`.
    pub fn new(msg: InstantiateMsg, now: Timestamp) -> Self {
        let mut client = Self::bare(now);
        let info = message_info(&client.owner, &[]);
        instantiate(client.deps.as_mut(), client.env.clone(), info, msg).unwrap();
        client
    }

    /// No instance yet.
    pub fn bare(now: Timestamp) -> Self {
        let deps = mock_dependencies();
        let owner = deps.api.addr_make("owner");
        let mut env = mock_env();
        env.block.time = now;
        Self { deps, env, owner }
    }

    /// Sets this chain's time.
    pub fn at(&mut self, now: Timestamp) -> &mut Self {
        self.env.block.time = now;
        self
    }

    /// Executes as `sender`.
    pub fn execute_as(
        &mut self,
        sender: &Addr,
        msg: ExecuteMsg,
    ) -> Result<Response, ContractError> {
        let info = message_info(sender, &[]);
        execute(self.deps.as_mut(), self.env.clone(), info, msg)
    }

    /// Executes as a stranger (what anyone may do).
    pub fn execute(&mut self, msg: ExecuteMsg) -> Result<Response, ContractError> {
        let stranger = self.deps.api.addr_make("relayer");
        self.execute_as(&stranger, msg)
    }

    /// Queries and decodes (a generic or a light-client query).
    pub fn query<T: DeserializeOwned>(&self, msg: impl Into<QueryMsg>) -> Result<T, ContractError> {
        query(self.deps.as_ref(), self.env.clone(), msg.into()).map(|bin| from_json(bin).unwrap())
    }

    pub fn status(&self) -> ClientStatus {
        self.query::<StatusResponse>(LightClientQuery::Status {})
            .unwrap()
            .status
    }

    pub fn client_state(&self) -> ClientState {
        self.query(LightClientQuery::ClientState {}).unwrap()
    }

    pub fn consensus_state(&self, height: u64) -> Option<ConsensusState> {
        self.query(LightClientQuery::ConsensusState { height }).ok()
    }
}

/// The value of attribute `key` of a response's `wasm` attributes.
pub fn attr<'a>(response: &'a Response, key: &str) -> &'a str {
    response
        .attributes
        .iter()
        .find(|a| a.key == key)
        .map(|a| a.value.as_str())
        .unwrap_or_else(|| panic!("no attribute {key} in {:?}", response.attributes))
}
