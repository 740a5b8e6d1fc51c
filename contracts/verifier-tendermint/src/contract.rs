//! Entry points: each one hands over to the module that owns the operation.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};

use btp_types::msg::verifier::{
    ExecuteMsg, InstantiateMsg, LatestHeightResponse, QueryMsg, StatusResponse,
};
use btp_types::msg::MigrateMsg;
use contract_kit::{migrate::migrate_version, ownership};
use cosmwasm_std::HexBinary;

use crate::error::ContractError;
use crate::state::{CLIENT_STATE, CONSENSUS_STATES};
use crate::status::client_status;
use crate::trusted_state::{validate_client_state, validate_consensus_state};

/// Name recorded by `cw2`; a migration is accepted only from this name.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
/// Version recorded by `cw2`.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    mut deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    validate_client_state(&msg.client_state)?;
    validate_consensus_state(&msg.consensus_state)?;
    let owner = ownership::initialize(
        deps.branch(),
        &info.sender,
        msg.owner,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?;
    let height = msg.client_state.latest_height;
    CLIENT_STATE.save(deps.storage, &msg.client_state)?;
    CONSENSUS_STATES.save(deps.storage, height, &msg.consensus_state)?;
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
        ExecuteMsg::UpdateOwnership(action) => Ok(ownership::update(deps, &env, &info, action)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Status {} => to_json_binary(&StatusResponse {
            status: client_status(deps.storage, env.block.time)?,
        }),
        QueryMsg::ClientState {} => to_json_binary(&CLIENT_STATE.load(deps.storage)?),
        QueryMsg::LatestHeight {} => to_json_binary(&LatestHeightResponse {
            height: CLIENT_STATE.load(deps.storage)?.latest_height,
        }),
        QueryMsg::ConsensusState { height } => {
            to_json_binary(&CONSENSUS_STATES.load(deps.storage, height)?)
        }
        // Proofs arrive with the light client (issue 4); until then nothing verifies.
        QueryMsg::VerifyMembership { .. }
        | QueryMsg::VerifyNonMembership { .. }
        | QueryMsg::VerifyBatchMembership { .. } => Err(cosmwasm_std::StdError::generic_err(
            "membership proofs are not implemented yet",
        )),
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    Ok(migrate_version(
        deps.storage,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?)
}
