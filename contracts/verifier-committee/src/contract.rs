//! Entry points: each one hands over to the module that owns the operation.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, HexBinary, MessageInfo, Response};

use btp_types::msg::verifier_committee::{
    attestation_digest, AttestationDigestResponse, CommitteeQuery, ConfigResponse, ExecuteMsg,
    InstantiateMsg, QueryMsg, SignerSet, SignerSetResponse,
};
use btp_types::msg::MigrateMsg;
use contract_kit::{migrate::migrate_verifier_version, ownership, pause};

use crate::error::ContractError;
use crate::rotation;
use crate::signers::{describe_keys, validate_domain, validate_set};
use crate::state::{Config, CurrentSet, CONFIG, CURRENT, PENDING};
use crate::verify::verify;

/// Name recorded by `cw2`; a migration is accepted only from this name.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
/// Version recorded by `cw2`.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    validate_domain(&msg.domain)?;
    let set = SignerSet {
        signers: msg.signers,
        threshold: msg.threshold,
    };
    validate_set(deps.api, &set)?;
    rotation::after_delay(env.block.time, msg.rotation_delay_secs)?;
    let owner = ownership::initialize(
        deps.branch(),
        &info.sender,
        msg.owner,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?;
    let response = Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("domain", msg.domain.clone())
        .add_attribute("signers", describe_keys(&set))
        .add_attribute("threshold", set.threshold.to_string())
        .add_attribute("rotation_delay_secs", msg.rotation_delay_secs.to_string());
    CONFIG.save(
        deps.storage,
        &Config {
            domain: msg.domain,
            rotation_delay_secs: msg.rotation_delay_secs,
        },
    )?;
    CURRENT.save(deps.storage, &CurrentSet { version: 0, set })?;
    Ok(response)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::ProposeSignerSet {
            signers,
            threshold,
            rotation_delay_secs,
        } => rotation::propose(deps, &env, &info, signers, threshold, rotation_delay_secs),
        ExecuteMsg::CancelSignerSet {} => rotation::cancel(deps, &info),
        ExecuteMsg::ApplySignerSet {} => rotation::apply(deps, &env),
        ExecuteMsg::SetPaused { paused } => Ok(pause::set_paused(deps, &info, paused)?),
        ExecuteMsg::UpdateOwnership(action) => Ok(ownership::update(deps, &env, &info, action)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Btp(question) => to_json_binary(&verify(deps, &question)?)?,
        QueryMsg::Committee(CommitteeQuery::Config {}) => {
            let config = CONFIG.load(deps.storage)?;
            to_json_binary(&ConfigResponse {
                domain: config.domain,
                rotation_delay_secs: config.rotation_delay_secs,
                paused: pause::is_paused(deps.storage)?,
            })?
        }
        QueryMsg::Committee(CommitteeQuery::SignerSet {}) => {
            let current = CURRENT.load(deps.storage)?;
            to_json_binary(&SignerSetResponse {
                version: current.version,
                current: current.set,
                pending: PENDING.may_load(deps.storage)?,
            })?
        }
        QueryMsg::Committee(CommitteeQuery::AttestationDigest {
            question,
            timestamp,
        }) => {
            let domain = CONFIG.load(deps.storage)?.domain;
            to_json_binary(&AttestationDigestResponse {
                digest: HexBinary::from(
                    attestation_digest(&domain, &question, timestamp).as_slice(),
                ),
            })?
        }
        QueryMsg::Committee(CommitteeQuery::Ownership {}) => {
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
