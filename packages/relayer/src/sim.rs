//! The simulated-chain backend: a [`testing::harness::SimChain`] answers as a
//! node would, from its recorded events, its simulated headers and proofs.

use anyhow::{Context, Result};
use btp_types::NetworkAddress;
use cosmwasm_std::{Api, Binary, CosmosMsg};
use serde::de::DeserializeOwned;
use serde::Serialize;
use testing::harness::SimChain;

use crate::backend::{ChainBackend, CommittedMessage, Submitted};

impl ChainBackend for SimChain {
    fn network(&self) -> NetworkAddress {
        SimChain::network(self).clone()
    }

    fn latest_header_height(&self) -> Result<u64> {
        self.chain
            .latest_height()
            .context("the simulated chain has no block yet")
    }

    fn client_update(&self, trusted_height: u64, height: u64) -> Result<Binary> {
        self.chain.update_header(trusted_height, height)
    }

    fn committed_messages(
        &self,
        message_center: &str,
        from: u64,
        to: u64,
    ) -> Result<Vec<CommittedMessage>> {
        SimChain::committed_messages(self, message_center, from, to)
            .into_iter()
            .map(|(height, committed)| {
                Ok(CommittedMessage {
                    height,
                    network: NetworkAddress::parse(&committed.network)?,
                    sequence: committed.sequence,
                    message: committed.message,
                })
            })
            .collect()
    }

    fn storage_proof(&self, key: &[u8], version: u64) -> Result<Binary> {
        Ok(Binary::new(self.chain.membership_proof(version, key)?))
    }

    fn canonical_address(&self, address: &str) -> Result<Vec<u8>> {
        Ok(self.app.api().addr_canonicalize(address)?.to_vec())
    }

    fn query<Q: Serialize, T: DeserializeOwned>(&self, contract: &str, msg: &Q) -> Result<T> {
        Ok(self.app.wrap().query_wasm_smart(contract, msg)?)
    }

    fn submit(&mut self, messages: Vec<CosmosMsg>) -> Result<Submitted> {
        let relayer = self.relayer.clone();
        // The transaction gets a block of its own; the chain seals an empty one after it.
        let height = self.height() + 1;
        let response = self.execute_multi(&relayer, messages)?;
        Ok(Submitted {
            height,
            events: response.events,
        })
    }
}
