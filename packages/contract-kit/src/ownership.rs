//! Two-step ownership (`cw-ownable`) and the `cw2` version, set up the same
//! way by every contract.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response};
use cw_ownable::{Action, OwnershipError};

/// Records the contract's `cw2` name and version and its first owner (the
/// instantiating account when `owner` is absent); returns the owner.
pub fn initialize(
    deps: DepsMut,
    sender: &Addr,
    owner: Option<String>,
    contract: &str,
    version: &str,
) -> Result<String, OwnershipError> {
    cw2::set_contract_version(deps.storage, contract, version)?;
    let owner = owner.unwrap_or_else(|| sender.to_string());
    cw_ownable::initialize_owner(deps.storage, deps.api, Some(&owner))?;
    Ok(owner)
}

/// Proposes, accepts or renounces ownership: a transfer takes effect only
/// when the proposed owner accepts it.
pub fn update(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    action: Action,
) -> Result<Response, OwnershipError> {
    let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
    Ok(Response::new()
        .add_attribute("action", "update_ownership")
        .add_attributes(ownership.into_attributes()))
}
