//! What the verifier stores: the client state and the trusted consensus
//! states by height.
//!
//! Consensus states live under an *epoch*: an owner's recovery starts a new
//! epoch, which makes every state trusted before it unreachable at once (a
//! frozen client's old states may come from a fork; walking and deleting an
//! unbounded number of them could exceed any gas limit).

use btp_types::msg::verifier_tendermint::{ClientState, ConsensusState};
use cosmwasm_std::{Order, StdResult, Storage};
use cw_storage_plus::{Bound, Item, Map};

/// What the client knows of the remote chain as a whole.
pub const CLIENT_STATE: Item<ClientState> = Item::new("client_state");
/// The current epoch of [`CONSENSUS_STATES`] (0 until the first recovery).
const EPOCH: Item<u32> = Item::new("epoch");
/// Trusted consensus states by (epoch, remote block height).
const CONSENSUS_STATES: Map<(u32, u64), ConsensusState> = Map::new("consensus_states");

fn epoch(storage: &dyn Storage) -> StdResult<u32> {
    Ok(EPOCH.may_load(storage)?.unwrap_or_default())
}

/// The consensus state trusted at `height`, if any.
pub fn consensus_state(storage: &dyn Storage, height: u64) -> StdResult<Option<ConsensusState>> {
    CONSENSUS_STATES.may_load(storage, (epoch(storage)?, height))
}

/// Trusts `consensus` at `height`.
pub fn save_consensus_state(
    storage: &mut dyn Storage,
    height: u64,
    consensus: &ConsensusState,
) -> StdResult<()> {
    let epoch = epoch(storage)?;
    CONSENSUS_STATES.save(storage, (epoch, height), consensus)
}

/// Forgets the consensus state at `height`.
pub fn remove_consensus_state(storage: &mut dyn Storage, height: u64) -> StdResult<()> {
    let epoch = epoch(storage)?;
    CONSENSUS_STATES.remove(storage, (epoch, height));
    Ok(())
}

/// The trusted consensus state with the highest height below `height`.
pub fn previous_consensus_state(
    storage: &dyn Storage,
    height: u64,
) -> StdResult<Option<(u64, ConsensusState)>> {
    CONSENSUS_STATES
        .prefix(epoch(storage)?)
        .range(
            storage,
            None,
            Some(Bound::exclusive(height)),
            Order::Descending,
        )
        .next()
        .transpose()
}

/// The trusted consensus state with the lowest height above `height`.
pub fn next_consensus_state(
    storage: &dyn Storage,
    height: u64,
) -> StdResult<Option<(u64, ConsensusState)>> {
    CONSENSUS_STATES
        .prefix(epoch(storage)?)
        .range(
            storage,
            Some(Bound::exclusive(height)),
            None,
            Order::Ascending,
        )
        .next()
        .transpose()
}

/// The trusted consensus state with the lowest height.
pub fn oldest_consensus_state(storage: &dyn Storage) -> StdResult<Option<(u64, ConsensusState)>> {
    CONSENSUS_STATES
        .prefix(epoch(storage)?)
        .range(storage, None, None, Order::Ascending)
        .next()
        .transpose()
}

/// Up to `limit` heights with a trusted consensus state above `start_after`, ascending.
pub fn consensus_heights(
    storage: &dyn Storage,
    start_after: Option<u64>,
    limit: usize,
) -> StdResult<Vec<u64>> {
    CONSENSUS_STATES
        .prefix(epoch(storage)?)
        .keys(
            storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(limit)
        .collect()
}

/// Starts a new epoch: no consensus state trusted so far can be read again.
pub fn forget_all_consensus_states(storage: &mut dyn Storage) -> StdResult<u32> {
    let next = epoch(storage)?.checked_add(1).ok_or_else(|| {
        cosmwasm_std::StdError::generic_err("the consensus state epoch overflowed")
    })?;
    EPOCH.save(storage, &next)?;
    Ok(next)
}
