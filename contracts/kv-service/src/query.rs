use btp_types::msg::kv_service::{ConfigResponse, RequestResponse};
use cosmwasm_std::{Deps, StdResult};

use crate::error::ContractError;
use crate::state::{ANSWERED, SERVICE, VALUES};

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    Ok(ConfigResponse {
        message_center: SERVICE.message_center(deps.storage)?.into_string(),
        last_sn: SERVICE.last_sn(deps.storage)?,
    })
}

pub fn value(deps: Deps, key: &str) -> StdResult<Option<String>> {
    VALUES.may_load(deps.storage, key)
}

/// A request waiting for its answer, or answered.
pub fn request(deps: Deps, sn: i64) -> Result<RequestResponse, ContractError> {
    match SERVICE.pending(deps.storage, sn)? {
        Some(request) => Ok(request),
        None => ANSWERED
            .may_load(deps.storage, sn)?
            .ok_or(ContractError::UnknownRequest { sn }),
    }
}
