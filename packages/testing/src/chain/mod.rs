//! A simulated CometBFT chain: turns a `cw-multi-test` app's contract storage
//! into real-format CometBFT headers, signed by simulated validators, and
//! real-format ICS-23 proofs, so that the real light-client verifier
//! (`contracts/verifier-tendermint`) checks them unchanged.
//!
//! Each [`SimulatedChain::commit`] records one block: the full `wasm` store
//! after it (see [`wasm_store`]) becomes an IAVL tree ([`iavl`]), whose root
//! sits with constant sibling stores in the multistore's simple Merkle tree
//! ([`multistore`]), whose root is the app hash; the block's header is
//! signed by the chain's validators ([`validators`], [`block`]).
//!
//! # Heights
//!
//! As on a real chain, block `H` writes state version `H`, and header `H`
//! carries the app hash of version `H - 1`. So a value written in block `Q`
//! is proven by [`SimulatedChain::membership_proof`]`(Q, key)` (what
//! `abci_query` at height `Q` returns) against header `Q + 1`
//! ([`proof_height`]), which exists once block `Q + 1` is committed. To
//! relay it: commit block `Q + 1`, update the verifier with
//! [`SimulatedChain::update_header`]`(trusted, Q + 1)`, then verify with
//! `height = Q + 1`.
//!
//! # Validator rotation
//!
//! [`SimulatedChain::rotate_validators`] between blocks `H` and `H + 1`
//! behaves as a validator update in block `H`'s end block: header `H + 1`
//! names the new set as its next validators, and the new set signs from
//! block `H + 2` on.

pub mod app_state;
pub mod block;
pub mod iavl;
pub mod merkle;
pub mod multistore;
pub mod validators;

use anyhow::{anyhow, ensure, Result};
use btp_types::keys::WASM_STORE_NAME;
use btp_types::msg::verifier_tendermint::{
    ClientState, ConsensusState, ExecuteMsg, InstantiateMsg, ProofSpec, TrustThreshold,
};
use cosmwasm_std::{Binary, Timestamp};
use tendermint::chain;

pub use self::app_state::{
    contract_store_entries, contracts_wasm_store, wasm_store, ContractStorageSource,
};
pub use self::block::{IbcHeader, IbcHeight, LightBlock};
pub use self::validators::{SimulatedValidator, SimulatedValidatorSet};

use self::block::BlockContent;
use self::iavl::IavlTree;
use self::multistore::Multistore;

/// The light client's trusting period for a simulated chain: two weeks.
pub const TRUSTING_PERIOD_SECS: u64 = 14 * 24 * 3600;
/// The simulated chain's unbonding period: three weeks, the Cosmos SDK's default.
pub const UNBONDING_PERIOD_SECS: u64 = 21 * 24 * 3600;
/// How far a header may be ahead of the verifying chain's clock: ten seconds.
pub const MAX_CLOCK_DRIFT_SECS: u64 = 10;

/// The height of the header whose app hash a proof queried at
/// `query_height` verifies against: the height to update the verifier to
/// and to pass to its membership queries.
pub fn proof_height(query_height: u64) -> u64 {
    query_height + 1
}

/// The verifier's `path` of `key` in the `wasm` store.
pub fn wasm_path(key: &[u8]) -> Vec<Binary> {
    vec![Binary::from(WASM_STORE_NAME.as_bytes()), Binary::from(key)]
}

/// One committed block and the state it wrote.
struct Block {
    light_block: LightBlock,
    state: Multistore,
}

/// A CometBFT chain whose state is what a caller commits, block by block.
pub struct SimulatedChain {
    chain_id: chain::Id,
    genesis_time: Timestamp,
    initial_height: u64,
    /// The state before the first block (an empty `wasm` store).
    genesis_state: Multistore,
    /// Signs the next block.
    validators: SimulatedValidatorSet,
    /// Named by the next block as the set that signs the block after it.
    next_validators: SimulatedValidatorSet,
    /// `blocks[i]` is at height `initial_height + i`.
    blocks: Vec<Block>,
}

impl SimulatedChain {
    /// A chain that has no block yet, whose validators are `validators`;
    /// its first block is at height 1, at or after `genesis_time`.
    ///
    /// # Panics
    ///
    /// When `chain_id` is not a valid CometBFT chain id.
    pub fn new(chain_id: &str, validators: SimulatedValidatorSet, genesis_time: Timestamp) -> Self {
        let chain_id = chain::Id::try_from(chain_id.to_string())
            .unwrap_or_else(|err| panic!("chain id {chain_id}: {err}"));
        Self {
            chain_id,
            genesis_time,
            initial_height: 1,
            genesis_state: Multistore::new(IavlTree::new(0, [])),
            next_validators: validators.clone(),
            validators,
            blocks: Vec::new(),
        }
    }

    /// The same chain starting at `initial_height` (CometBFT's genesis
    /// `initial_height`), e.g. to match a `cw-multi-test` app's block height.
    ///
    /// # Panics
    ///
    /// After the first block, or for height 0.
    pub fn with_initial_height(mut self, initial_height: u64) -> Self {
        assert!(self.blocks.is_empty(), "the chain has started already");
        assert!(initial_height > 0, "heights start at 1");
        self.initial_height = initial_height;
        self.genesis_state = Multistore::new(IavlTree::new(initial_height - 1, []));
        self
    }

    /// The chain id.
    pub fn chain_id(&self) -> &str {
        self.chain_id.as_str()
    }

    /// The height of the latest block, if there is one.
    pub fn latest_height(&self) -> Option<u64> {
        self.blocks.last().map(|block| block.light_block.height())
    }

    /// The validators that sign the next block.
    pub fn validators(&self) -> &SimulatedValidatorSet {
        &self.validators
    }

    /// Makes `next` the validator set from the block after the next one on
    /// (see the module documentation).
    pub fn rotate_validators(&mut self, next: SimulatedValidatorSet) {
        self.next_validators = next;
    }

    /// Records the next block, whose execution left the `wasm` store holding
    /// exactly `wasm_store` (keys `0x03 ‖ contract ‖ key`, see
    /// [`wasm_store`]), at `time`; returns its height.
    ///
    /// # Panics
    ///
    /// When `time` is not after the previous block's (or before the genesis time).
    pub fn commit(
        &mut self,
        wasm_store: impl IntoIterator<Item = (Vec<u8>, Vec<u8>)>,
        time: Timestamp,
    ) -> u64 {
        let previous = self.blocks.last();
        match previous {
            Some(previous) => assert!(
                time > previous.light_block.time(),
                "block time {time} is not after the previous block's {}",
                previous.light_block.time()
            ),
            None => assert!(
                time >= self.genesis_time,
                "block time {time} is before the genesis time {}",
                self.genesis_time
            ),
        }
        let height = self.latest_height().map_or(self.initial_height, |h| h + 1);
        let previous_state = previous.map_or(&self.genesis_state, |block| &block.state);
        let light_block = LightBlock::sign(BlockContent {
            chain_id: &self.chain_id,
            height,
            time,
            previous: previous.map(|block| &block.light_block.signed_header),
            app_hash: previous_state.app_hash(),
            validators: &self.validators,
            next_validators: &self.next_validators,
        });
        let state = Multistore::new(IavlTree::new(height, wasm_store));
        self.blocks.push(Block { light_block, state });
        self.validators = self.next_validators.clone();
        height
    }

    fn block(&self, height: u64) -> Result<&Block> {
        height
            .checked_sub(self.initial_height)
            .and_then(|index| self.blocks.get(usize::try_from(index).ok()?))
            .ok_or_else(|| {
                anyhow!(
                    "chain {} has no block at height {height} (blocks {}..={})",
                    self.chain_id,
                    self.initial_height,
                    self.latest_height()
                        .map_or("none".into(), |h| h.to_string())
                )
            })
    }

    /// The signed header at `height` with its validator sets.
    pub fn light_block(&self, height: u64) -> Result<&LightBlock> {
        Ok(&self.block(height)?.light_block)
    }

    /// The verifier's `update_client` header (ibc-go's `Header`) that proves
    /// block `height` to a light client trusting block `trusted_height`
    /// (the argument order of the relayer's `ChainBackend::client_update`).
    pub fn update_header(&self, trusted_height: u64, height: u64) -> Result<Binary> {
        let trusted = self.light_block(trusted_height)?;
        Ok(self
            .light_block(height)?
            .update_header(trusted_height, &trusted.next_validators))
    }

    /// The verifier's `update_client` message of [`Self::update_header`].
    pub fn update_client_msg(&self, trusted_height: u64, height: u64) -> Result<ExecuteMsg> {
        Ok(ExecuteMsg::UpdateClient {
            header: self.update_header(trusted_height, height)?,
        })
    }

    /// The `wasm` store as block `query_height` left it.
    fn state(&self, query_height: u64) -> Result<&Multistore> {
        Ok(&self.block(query_height)?.state)
    }

    /// The value of `key` in the `wasm` store after block `query_height`.
    pub fn value(&self, query_height: u64, key: &[u8]) -> Result<Option<Vec<u8>>> {
        Ok(self
            .state(query_height)?
            .wasm()
            .get(key)
            .map(<[u8]>::to_vec))
    }

    /// ibc-go's `MerkleProof` that `key` holds its value in the `wasm` store
    /// after block `query_height`, for `path = `[`wasm_path`]`(key)`; it
    /// verifies against header [`proof_height`]`(query_height)`.
    pub fn membership_proof(&self, query_height: u64, key: &[u8]) -> Result<Vec<u8>> {
        self.state(query_height)?
            .membership_proof(key)
            .ok_or_else(|| {
                anyhow!(
                    "key {} is not stored at height {query_height}",
                    hex::encode(key)
                )
            })
    }

    /// ibc-go's `MerkleProof` that `key` is not in the `wasm` store after
    /// block `query_height` (for the verifier's `verify_non_membership`).
    pub fn non_membership_proof(&self, query_height: u64, key: &[u8]) -> Result<Vec<u8>> {
        let state = self.state(query_height)?;
        ensure!(
            state.wasm().get(key).is_none(),
            "key {} is stored at height {query_height}",
            hex::encode(key)
        );
        state.non_membership_proof(key).ok_or_else(|| {
            anyhow!(
                "the wasm store is empty at height {query_height}: nothing to prove absence with"
            )
        })
    }

    /// What a light client of this chain trusts at `height`.
    pub fn consensus_state(&self, height: u64) -> Result<ConsensusState> {
        Ok(self.light_block(height)?.consensus_state())
    }

    /// A client state of this chain with `latest_height` as its latest
    /// trusted height, the Cosmos SDK's proof specs and one-third trust.
    pub fn client_state(&self, latest_height: u64) -> Result<ClientState> {
        self.block(latest_height)?;
        Ok(ClientState {
            chain_id: self.chain_id.to_string(),
            trust_level: TrustThreshold::ONE_THIRD,
            trusting_period_secs: TRUSTING_PERIOD_SECS,
            unbonding_period_secs: UNBONDING_PERIOD_SECS,
            max_clock_drift_secs: MAX_CLOCK_DRIFT_SECS,
            latest_height,
            frozen_height: None,
            proof_specs: ProofSpec::cosmos_sdk(),
        })
    }

    /// The verifier's instantiation, trusting this chain at `trusted_height`.
    pub fn verifier_instantiate_msg(&self, trusted_height: u64) -> Result<InstantiateMsg> {
        Ok(InstantiateMsg {
            owner: None,
            client_state: self.client_state(trusted_height)?,
            consensus_state: self.consensus_state(trusted_height)?,
        })
    }
}
