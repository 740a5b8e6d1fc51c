//! The relayer's simulated-chain backend (feature `relayer`): a
//! [`SimChain`] answers as a node would, from its recorded events, its
//! simulated headers and proofs. It lives here, not in the relayer, so that
//! the relayer's production build depends on no test crate.

use btp_types::NetworkAddress;
use cosmwasm_std::{Api, Binary, Coin, CosmosMsg, Timestamp};
use relayer::error::{Context, Error, Result};
use relayer::{ChainBackend, CommittedMessage, ProvenValue, Submitted};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::harness::SimChain;

/// A harness error as the relayer's: the harness reports with `anyhow`.
fn harness(err: anyhow::Error) -> Error {
    Error::msg(format!("{err:#}"))
}

impl ChainBackend for SimChain {
    fn network(&self) -> NetworkAddress {
        SimChain::network(self).clone()
    }

    fn latest_header_height(&self) -> Result<u64> {
        self.chain
            .latest_height()
            .context("the simulated chain has no block yet")
    }

    fn header_time(&self, height: u64) -> Result<Timestamp> {
        Ok(self.chain.light_block(height).map_err(harness)?.time())
    }

    fn client_update(&self, trusted_height: u64, height: u64) -> Result<Binary> {
        self.chain
            .update_header(trusted_height, height)
            .map_err(harness)
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
                    remote_center: Some(committed.remote_center),
                    sequence: committed.sequence,
                    message: committed.message,
                    timeout: committed.timeout,
                    head: Some(committed.head),
                })
            })
            .collect()
    }

    fn proven_value(&self, key: &[u8], version: u64) -> Result<ProvenValue> {
        let value = self.chain.value(version, key).map_err(harness)?;
        let proof = match &value {
            Some(_) => self.chain.membership_proof(version, key).map_err(harness)?,
            None => self
                .chain
                .non_membership_proof(version, key)
                .map_err(harness)?,
        };
        Ok(ProvenValue {
            value,
            proof: Binary::new(proof),
        })
    }

    fn canonical_address(&self, address: &str) -> Result<Vec<u8>> {
        Ok(self.app.api().addr_canonicalize(address)?.to_vec())
    }

    fn query<Q: Serialize, T: DeserializeOwned>(&self, contract: &str, msg: &Q) -> Result<T> {
        Ok(self.app.wrap().query_wasm_smart(contract, msg)?)
    }

    fn relayer_balance(&self) -> Result<Option<Coin>> {
        // The simulated chains charge no fees: the relayer's native coin of
        // chain A stands for its balance, when it holds some.
        Ok(self
            .app
            .wrap()
            .query_balance(&self.relayer, crate::deploy::COIN_A_DENOM)
            .ok()
            .filter(|coin| !coin.amount.is_zero()))
    }

    fn submit(&mut self, messages: Vec<CosmosMsg>) -> Result<Submitted> {
        let relayer = self.relayer.clone();
        // The transaction gets a block of its own; the chain seals an empty one after it.
        let height = self.height() + 1;
        let response = self
            .execute_multi(&relayer, messages)
            .map_err(|err| Error::Transaction(format!("{err:#}")))?;
        Ok(Submitted {
            height,
            events: response.events,
        })
    }
}
