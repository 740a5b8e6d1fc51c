use btp_types::msg::htlc::{
    parse_hashlock, ConfigResponse, LockResponse, LocksResponse, PreimageResponse, DEFAULT_LIMIT,
    MAX_LIMIT,
};
use contract_kit::pause::is_paused;
use cosmwasm_std::{Deps, Empty, Env, HexBinary, Order, StdResult};
use cw_storage_plus::{Bound, KeyDeserialize, Map, PrimaryKey};

use crate::error::ContractError;
use crate::state::{BY_HASHLOCK, BY_RECEIVER, BY_SENDER, LAST_ID, LOCKS, PREIMAGES};

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    Ok(ConfigResponse {
        paused: is_paused(deps.storage)?,
        lock_count: LAST_ID.may_load(deps.storage)?.unwrap_or_default(),
    })
}

pub fn lock(deps: Deps, env: &Env, id: u64) -> Result<LockResponse, ContractError> {
    Ok(LOCKS
        .may_load(deps.storage, id)?
        .ok_or(ContractError::UnknownLock { id })?
        .response(id, env.block.time))
}

/// A page of the ids under `prefix` of an index, as locks.
fn page<'a, K>(
    deps: Deps,
    env: &Env,
    index: Map<(K, u64), Empty>,
    prefix: K,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<LocksResponse, ContractError>
where
    K: PrimaryKey<'a> + cw_storage_plus::Prefixer<'a> + KeyDeserialize,
{
    let limit = usize::try_from(limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT)).unwrap_or(0);
    let ids = index
        .prefix(prefix)
        .keys(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(limit)
        .collect::<StdResult<Vec<u64>>>()?;
    let locks = ids
        .into_iter()
        .map(|id| lock(deps, env, id))
        .collect::<Result<_, _>>()?;
    Ok(LocksResponse { locks })
}

pub fn by_sender(
    deps: Deps,
    env: &Env,
    sender: &str,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<LocksResponse, ContractError> {
    let sender = deps.api.addr_validate(sender)?;
    page(deps, env, BY_SENDER, &sender, start_after, limit)
}

pub fn by_receiver(
    deps: Deps,
    env: &Env,
    receiver: &str,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<LocksResponse, ContractError> {
    let receiver = deps.api.addr_validate(receiver)?;
    page(deps, env, BY_RECEIVER, &receiver, start_after, limit)
}

fn hashlock(text: &str) -> Result<[u8; 32], ContractError> {
    parse_hashlock(text).map_err(|reason| ContractError::InvalidHashlock { reason })
}

pub fn by_hashlock(
    deps: Deps,
    env: &Env,
    text: &str,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<LocksResponse, ContractError> {
    let hashlock = hashlock(text)?;
    page(
        deps,
        env,
        BY_HASHLOCK,
        hashlock.as_slice(),
        start_after,
        limit,
    )
}

pub fn preimage(deps: Deps, text: &str) -> Result<PreimageResponse, ContractError> {
    let hashlock = hashlock(text)?;
    let revealed = PREIMAGES.may_load(deps.storage, hashlock.as_slice())?;
    Ok(PreimageResponse {
        hashlock: HexBinary::from(hashlock.as_slice()),
        claimed_id: revealed.as_ref().map(|revealed| revealed.id),
        preimage: revealed.map(|revealed| revealed.preimage),
    })
}
