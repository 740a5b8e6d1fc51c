//! What the verifier stores: the client state and the trusted consensus
//! states by height.
//!
//! Consensus states live under an *epoch*: an owner's recovery starts a new
//! epoch, which makes every state trusted before it unreachable at once (a
//! frozen client's old states may come from a fork; walking and deleting an
//! unbounded number of them could exceed any gas limit).
//!
//! Beside each consensus state, under the same (epoch, height) key, is the
//! moment of this chain at which it was stored ([`TrustedAt`]: ibc-go's
//! processed time and height), for links with a delay period. It is a map of
//! its own so that the consensus states of contracts deployed with 0.2.0,
//! stored before it existed, keep their layout: those have no moment, and
//! [`trusted_at`] answers `None` for them, never a made-up one.

use btp_types::msg::verifier::TrustedAt;
use btp_types::msg::verifier_tendermint::{ClientState, ConsensusState};
use cosmwasm_std::{Env, Order, StdResult, Storage};
use cw_storage_plus::{Bound, Item, Map};

/// What the client knows of the remote chain as a whole.
pub const CLIENT_STATE: Item<ClientState> = Item::new("client_state");
/// The current epoch of [`CONSENSUS_STATES`] (0 until the first recovery).
const EPOCH: Item<u32> = Item::new("epoch");
/// Trusted consensus states by (epoch, remote block height).
const CONSENSUS_STATES: Map<(u32, u64), ConsensusState> = Map::new("consensus_states");
/// When each consensus state of [`CONSENSUS_STATES`] was stored, by the same
/// key; absent for states stored by 0.2.0.
const TRUSTED_AT: Map<(u32, u64), TrustedAt> = Map::new("consensus_trusted_at");

fn epoch(storage: &dyn Storage) -> StdResult<u32> {
    Ok(EPOCH.may_load(storage)?.unwrap_or_default())
}

/// The consensus state trusted at `height`, if any.
pub fn consensus_state(storage: &dyn Storage, height: u64) -> StdResult<Option<ConsensusState>> {
    CONSENSUS_STATES.may_load(storage, (epoch(storage)?, height))
}

/// This chain's moment in `env`: when a consensus state stored now is trusted.
pub fn moment(env: &Env) -> TrustedAt {
    TrustedAt {
        time: env.block.time,
        height: env.block.height,
    }
}

/// Trusts `consensus` at `height` from this chain's moment `trusted_at`.
pub fn save_consensus_state(
    storage: &mut dyn Storage,
    height: u64,
    consensus: &ConsensusState,
    trusted_at: TrustedAt,
) -> StdResult<()> {
    let epoch = epoch(storage)?;
    CONSENSUS_STATES.save(storage, (epoch, height), consensus)?;
    TRUSTED_AT.save(storage, (epoch, height), &trusted_at)
}

/// When the consensus state at `height` was stored; `None` when none is
/// stored, or when it was stored by 0.2.0, which did not record it.
pub fn trusted_at(storage: &dyn Storage, height: u64) -> StdResult<Option<TrustedAt>> {
    TRUSTED_AT.may_load(storage, (epoch(storage)?, height))
}

/// Forgets the consensus state at `height`, and when it was stored.
pub fn remove_consensus_state(storage: &mut dyn Storage, height: u64) -> StdResult<()> {
    let epoch = epoch(storage)?;
    CONSENSUS_STATES.remove(storage, (epoch, height));
    TRUSTED_AT.remove(storage, (epoch, height));
    Ok(())
}

/// Forgets when the consensus state at `height` was stored, as a contract
/// deployed with 0.2.0 never knew it (tests of such contracts only).
#[cfg(test)]
pub fn forget_trusted_at(storage: &mut dyn Storage, height: u64) -> StdResult<()> {
    let epoch = epoch(storage)?;
    TRUSTED_AT.remove(storage, (epoch, height));
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
