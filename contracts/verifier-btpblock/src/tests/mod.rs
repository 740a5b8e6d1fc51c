//! The verifier's tests: ICON's own unit-test data (btp2-java), real goloop
//! headers and messages (tests/fixtures, SOURCES.md), and attacks.

mod attacks;
mod contract;
mod goloop;
mod icon_fixtures;
mod multi_test;
mod mutations;
mod synthetic;
mod tree;

use std::path::PathBuf;

use btp_types::address::NetworkAddress;
use btp_types::msg::verifier::{Counterpart, VerifiedMessages, VerifierExecuteMsg};
use btp_types::msg::verifier_btpblock::{
    BtpBlockQuery, ExecuteMsg, InstantiateMsg, QueryMsg, StatusResponse,
};
use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{from_json, Addr, Binary, Env, Order, OwnedDeps, Response, Storage};

use crate::codec::BlockHeader;
use crate::contract::{execute, instantiate, query};
use crate::error::ContractError;

/// A file under `tests/fixtures`.
pub fn read_fixture(relative: &str) -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("reading fixture {}: {err}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Hex with or without `0x`.
pub fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s.trim_start_matches("0x")).unwrap()
}

pub const REMOTE_CENTER: &str = "cxa5a6ac6ad5e8ff2bd8e7e2a2a5a9b6c1a9e0b7c2";

/// A verifier instance driven through its entry points.
pub struct Verifier {
    pub deps: OwnedDeps<MockStorage, MockApi, MockQuerier>,
    pub env: Env,
    pub owner: Addr,
    pub center: Addr,
    pub source: Counterpart,
}

impl Verifier {
    /// The instantiation message for a first header of `network`.
    pub fn msg(
        center: &Addr,
        network: &str,
        network_type_id: u64,
        first_header: &[u8],
    ) -> InstantiateMsg {
        let nid = BlockHeader::decode(first_header).unwrap().nid;
        InstantiateMsg {
            owner: None,
            message_center: center.to_string(),
            source_network: NetworkAddress::parse(network).unwrap(),
            source_center: REMOTE_CENTER.to_string(),
            network_type_id,
            network_id: nid,
            first_header: Binary::from(first_header),
            next_proof_context: None,
        }
    }

    /// Instantiated with `first_header` (RLPn, with its NextProofContext).
    pub fn new(network: &str, network_type_id: u64, first_header: &[u8]) -> Self {
        let mut v = Self::bare(network);
        let msg = Self::msg(&v.center, network, network_type_id, first_header);
        v.instantiate(msg).unwrap();
        v
    }

    /// No instance yet.
    pub fn bare(network: &str) -> Self {
        let deps = mock_dependencies();
        let owner = deps.api.addr_make("owner");
        let center = deps.api.addr_make("message-center");
        Self {
            deps,
            env: mock_env(),
            owner,
            center,
            source: Counterpart {
                network: NetworkAddress::parse(network).unwrap(),
                center: REMOTE_CENTER.to_string(),
            },
        }
    }

    pub fn instantiate(&mut self, msg: InstantiateMsg) -> Result<Response, ContractError> {
        let info = message_info(&self.owner, &[]);
        instantiate(self.deps.as_mut(), self.env.clone(), info, msg)
    }

    pub fn execute_as(
        &mut self,
        sender: &Addr,
        msg: impl Into<ExecuteMsg>,
    ) -> Result<Response, ContractError> {
        let info = message_info(sender, &[]);
        execute(self.deps.as_mut(), self.env.clone(), info, msg.into())
    }

    /// The message center's call with `source`.
    pub fn relay_from(
        &mut self,
        source: Counterpart,
        relay_message: &[u8],
    ) -> Result<VerifiedMessages, ContractError> {
        let center = self.center.clone();
        let msg = VerifierExecuteMsg::VerifyRelayMessage {
            source,
            relay_message: Binary::from(relay_message),
        };
        let response = self.execute_as(&center, msg)?;
        Ok(from_json(response.data.unwrap()).unwrap())
    }

    /// The message center's call.
    pub fn relay(&mut self, relay_message: &[u8]) -> Result<VerifiedMessages, ContractError> {
        self.relay_from(self.source.clone(), relay_message)
    }

    /// The proven messages only.
    pub fn relay_messages(&mut self, relay_message: &[u8]) -> Result<Vec<Vec<u8>>, ContractError> {
        Ok(self
            .relay(relay_message)?
            .messages
            .into_iter()
            .map(|m| m.to_vec())
            .collect())
    }

    pub fn query<T: serde::de::DeserializeOwned>(
        &self,
        msg: impl Into<QueryMsg>,
    ) -> Result<T, ContractError> {
        query(self.deps.as_ref(), self.env.clone(), msg.into()).map(|b| from_json(b).unwrap())
    }

    pub fn status(&self) -> StatusResponse {
        self.query(BtpBlockQuery::Status {}).unwrap()
    }

    /// Every key and value the contract stores.
    pub fn snapshot(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.deps
            .storage
            .range(None, None, Order::Ascending)
            .collect()
    }

    /// Marks every message of the last verified block as proven (for real
    /// headers whose messages the fixture does not have).
    pub fn skip_messages(&mut self) {
        let mut state = crate::state::BMV_STATE.load(&self.deps.storage).unwrap();
        state.last_sequence = state.last_first_message_sn + state.last_message_count;
        state.last_messages_root = None;
        crate::state::BMV_STATE
            .save(&mut self.deps.storage, &state)
            .unwrap();
    }
}

// The RLPn encoders of the relay message's parts, for tests that build or alter one.
pub use crate::test_utils::{
    block_update, encode_header, message_proof, proof_context, proofs, relay_message,
};
