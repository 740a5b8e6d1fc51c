//! A message center that only records: it keeps every call a service makes
//! (`send_message`, with the coins it paid), so a service's tests see what
//! it sent without links, verifiers or a remote chain. Deliveries to the
//! service are made by the test, as this contract.

use btp_types::msg::message_center::ExecuteMsg;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Binary, Coin, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdResult,
};
use cw_multi_test::{Contract, ContractWrapper};
use cw_storage_plus::Item;

/// A call the message center received.
#[cw_serde]
pub struct Call {
    pub msg: ExecuteMsg,
    pub funds: Vec<Coin>,
}

#[cw_serde]
pub enum QueryMsg {
    /// Every call received, oldest first (`Vec<Call>`).
    Calls {},
}

const CALLS: Item<Vec<Call>> = Item::new("calls");

fn execute(deps: DepsMut, _: Env, info: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    let mut calls = CALLS.may_load(deps.storage)?.unwrap_or_default();
    calls.push(Call {
        msg,
        funds: info.funds,
    });
    CALLS.save(deps.storage, &calls)?;
    Ok(Response::new())
}

fn instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    Ok(Response::new())
}

fn query(deps: Deps, _: Env, msg: QueryMsg) -> StdResult<Binary> {
    let QueryMsg::Calls {} = msg;
    to_json_binary(&CALLS.may_load(deps.storage)?.unwrap_or_default())
}

/// The recording message center for `cw-multi-test`.
pub fn contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query))
}
