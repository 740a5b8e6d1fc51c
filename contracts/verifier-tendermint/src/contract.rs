//! Entry points: each one hands over to the module that owns the operation.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, HexBinary, MessageInfo, Response};

use btp_types::msg::verifier_tendermint::{
    ConsensusHeightsResponse, ExecuteMsg, InstantiateMsg, LatestHeightResponse, LightClientQuery,
    QueryMsg, StatusResponse,
};
use btp_types::msg::MigrateMsg;
use contract_kit::{migrate::migrate_verifier_version, ownership};

use crate::error::ContractError;
use crate::membership::{verify_batch_membership, verify_membership, verify_non_membership};
use crate::misbehaviour::submit_misbehaviour;
use crate::recover::recover_client;
use crate::state::{
    consensus_heights, consensus_state, moment, save_consensus_state, CLIENT_STATE,
};
use crate::status::client_status;
use crate::trusted_state::{
    check_trusted_state_time, validate_client_state, validate_consensus_state,
};
use crate::update_client::update_client;
use crate::verifier_query;

/// Name recorded by `cw2`; a migration is accepted only from this name.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
/// Version recorded by `cw2`.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Default and largest page of `consensus_heights`.
const DEFAULT_PAGE: u32 = 30;
const MAX_PAGE: u32 = 100;

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    validate_client_state(&msg.client_state)?;
    validate_consensus_state(&msg.consensus_state)?;
    // Neither expired (ibc-go refuses to create a client that is not
    // active) nor from the future: the same check as an owner's recovery.
    check_trusted_state_time(&msg.client_state, &msg.consensus_state, env.block.time)?;
    let owner = ownership::initialize(
        deps.branch(),
        &info.sender,
        msg.owner,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?;
    let height = msg.client_state.latest_height;
    CLIENT_STATE.save(deps.storage, &msg.client_state)?;
    save_consensus_state(deps.storage, height, &msg.consensus_state, moment(&env))?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("chain_id", msg.client_state.chain_id)
        .add_attribute("trusted_height", height.to_string())
        .add_attribute(
            "app_hash",
            HexBinary::from(msg.consensus_state.app_hash.as_slice()).to_hex(),
        ))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::UpdateClient { header } => update_client(deps, &env, &header),
        ExecuteMsg::SubmitMisbehaviour { misbehaviour } => {
            submit_misbehaviour(deps, &env, &misbehaviour)
        }
        ExecuteMsg::RecoverClient {
            chain_id,
            height,
            consensus_state,
        } => recover_client(deps, &env, &info, chain_id, height, consensus_state),
        ExecuteMsg::UpdateOwnership(action) => Ok(ownership::update(deps, &env, &info, action)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    match msg {
        QueryMsg::Btp(query) => Ok(to_json_binary(&verifier_query::verify(
            deps.storage,
            env.block.time,
            query,
        )?)?),
        QueryMsg::LightClient(query) => light_client_query(deps, &env, query),
    }
}

fn light_client_query(
    deps: Deps,
    env: &Env,
    msg: LightClientQuery,
) -> Result<Binary, ContractError> {
    let now = env.block.time;
    Ok(match msg {
        LightClientQuery::Status {} => to_json_binary(&StatusResponse {
            status: client_status(deps.storage, now)?,
        })?,
        LightClientQuery::ClientState {} => to_json_binary(&CLIENT_STATE.load(deps.storage)?)?,
        LightClientQuery::LatestHeight {} => to_json_binary(&LatestHeightResponse {
            height: CLIENT_STATE.load(deps.storage)?.latest_height,
        })?,
        LightClientQuery::ConsensusState { height } => to_json_binary(
            &consensus_state(deps.storage, height)?
                .ok_or(ContractError::ConsensusStateNotFound { height })?,
        )?,
        LightClientQuery::ConsensusHeights { start_after, limit } => {
            let limit = limit.unwrap_or(DEFAULT_PAGE).min(MAX_PAGE);
            let limit = usize::try_from(limit).unwrap_or(usize::MAX);
            to_json_binary(&ConsensusHeightsResponse {
                heights: consensus_heights(deps.storage, start_after, limit)?,
            })?
        }
        LightClientQuery::VerifyMembership {
            height,
            path,
            value,
            proof,
        } => to_json_binary(&verify_membership(
            deps.storage,
            now,
            height,
            &path,
            &value,
            &proof,
        )?)?,
        LightClientQuery::VerifyNonMembership {
            height,
            path,
            proof,
        } => to_json_binary(&verify_non_membership(
            deps.storage,
            now,
            height,
            &path,
            &proof,
        )?)?,
        LightClientQuery::VerifyBatchMembership { height, items } => {
            to_json_binary(&verify_batch_membership(deps.storage, now, height, &items)?)?
        }
        LightClientQuery::Ownership {} => {
            to_json_binary(&cw_ownable::get_ownership(deps.storage)?)?
        }
    })
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    Ok(migrate_verifier_version(
        deps.storage,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?)
}
