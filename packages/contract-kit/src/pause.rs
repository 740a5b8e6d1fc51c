//! The pause switch of contracts that move messages or value.

use cosmwasm_std::{DepsMut, MessageInfo, Response, StdResult, Storage};
use cw_storage_plus::Item;

const PAUSED: Item<bool> = Item::new("paused");

/// Why a pause-related call was refused.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum PauseError {
    #[error("the contract is paused: {operation} is stopped until the owner resumes it")]
    Paused { operation: &'static str },
    #[error(transparent)]
    Ownership(#[from] cw_ownable::OwnershipError),
    #[error(transparent)]
    Std(#[from] cosmwasm_std::StdError),
}

/// Whether the contract is paused (never set means running).
pub fn is_paused(storage: &dyn Storage) -> StdResult<bool> {
    Ok(PAUSED.may_load(storage)?.unwrap_or(false))
}

/// Refuses `operation` while the contract is paused.
pub fn ensure_running(storage: &dyn Storage, operation: &'static str) -> Result<(), PauseError> {
    if is_paused(storage)? {
        return Err(PauseError::Paused { operation });
    }
    Ok(())
}

/// Owner only: sets the switch and answers with `action = set_paused`.
pub fn set_paused(deps: DepsMut, info: &MessageInfo, paused: bool) -> Result<Response, PauseError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    PAUSED.save(deps.storage, &paused)?;
    Ok(Response::new()
        .add_attribute("action", "set_paused")
        .add_attribute("paused", paused.to_string()))
}
