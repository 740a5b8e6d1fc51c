use btp_types::msg::kv_service::{ConfigResponse, RequestResponse};
use cosmwasm_std::{Deps, StdResult};

use crate::error::ContractError;
use crate::state::{LAST_SN, MESSAGE_CENTER, REQUESTS, VALUES};

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    Ok(ConfigResponse {
        message_center: MESSAGE_CENTER.load(deps.storage)?.into_string(),
        last_sn: LAST_SN.may_load(deps.storage)?.unwrap_or_default(),
    })
}

pub fn value(deps: Deps, key: &str) -> StdResult<Option<String>> {
    VALUES.may_load(deps.storage, key)
}

pub fn request(deps: Deps, sn: i64) -> Result<RequestResponse, ContractError> {
    REQUESTS
        .may_load(deps.storage, sn)?
        .ok_or(ContractError::UnknownRequest { sn })
}
