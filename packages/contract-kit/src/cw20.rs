//! Calls to cw20 token contracts, built one way for every contract.

use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, StdResult, Uint128, WasmMsg};
use cw20::Cw20ExecuteMsg;

/// `msg` executed on the token contract `token`, without funds.
pub fn cw20_call(token: &Addr, msg: &Cw20ExecuteMsg) -> StdResult<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: token.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }
    .into())
}

/// A cw20 `Transfer` of the caller's own tokens to `recipient`.
pub fn cw20_transfer(token: &Addr, recipient: &Addr, amount: Uint128) -> StdResult<CosmosMsg> {
    cw20_call(
        token,
        &Cw20ExecuteMsg::Transfer {
            recipient: recipient.to_string(),
            amount,
        },
    )
}
