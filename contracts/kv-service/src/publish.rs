//! The owner's values: what this chain's service answers with.

use btp_types::msg::kv_service::{MAX_KEY_BYTES, MAX_VALUE_BYTES};
use cosmwasm_std::{DepsMut, MessageInfo, Response};

use crate::error::ContractError;
use crate::state::VALUES;

/// Refuses a key the service could not hold: empty or longer than
/// [`MAX_KEY_BYTES`].
pub fn validate_key(key: &str) -> Result<(), ContractError> {
    if key.is_empty() || key.len() > MAX_KEY_BYTES {
        return Err(ContractError::InvalidInput {
            field: "key",
            reason: format!("{} bytes; 1 to {MAX_KEY_BYTES} are accepted", key.len()),
        });
    }
    Ok(())
}

pub fn set(
    deps: DepsMut,
    info: &MessageInfo,
    key: &str,
    value: &str,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    validate_key(key)?;
    if value.len() > MAX_VALUE_BYTES {
        return Err(ContractError::InvalidInput {
            field: "value",
            reason: format!(
                "{} bytes; at most {MAX_VALUE_BYTES} are accepted",
                value.len()
            ),
        });
    }
    VALUES.save(deps.storage, key, &value.to_string())?;
    Ok(Response::new()
        .add_attribute("action", "set")
        .add_attribute("key", key))
}

pub fn remove(deps: DepsMut, info: &MessageInfo, key: &str) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    VALUES.remove(deps.storage, key);
    Ok(Response::new()
        .add_attribute("action", "remove")
        .add_attribute("key", key))
}
