//! A contract that is not a token but calls the vault's `receive` claiming
//! whatever it is told to, while answering `token_info` like a cw20: the
//! attacker of the vault's cw20 checks.

use btp_types::msg::token_vault::ExecuteMsg;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdResult, Uint128,
    WasmMsg,
};
use cw20::{Cw20QueryMsg, Cw20ReceiveMsg};
use cw_multi_test::{Contract, ContractWrapper};

/// What the malicious contract is told to do.
#[cw_serde]
pub enum FakeTokenMsg {
    /// Calls the vault's `receive` as if it were a cw20 token that moved
    /// `amount` for `sender`.
    ClaimReceive {
        vault: String,
        sender: String,
        amount: Uint128,
        msg: Binary,
    },
}

fn fake_execute(
    _deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: FakeTokenMsg,
) -> StdResult<Response> {
    let FakeTokenMsg::ClaimReceive {
        vault,
        sender,
        amount,
        msg,
    } = msg;
    let receive = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender,
        amount,
        msg,
    });
    Ok(Response::new().add_message(WasmMsg::Execute {
        contract_addr: vault,
        msg: to_json_binary(&receive)?,
        funds: vec![],
    }))
}

fn fake_instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    Ok(Response::new())
}

/// Answers `token_info` like a cw20, so that it looks like one from outside.
fn fake_query(_: Deps, _: Env, _: Cw20QueryMsg) -> StdResult<Binary> {
    to_json_binary(&cw20::TokenInfoResponse {
        name: "Fake Token".into(),
        symbol: "FAKE".into(),
        decimals: 6,
        total_supply: Uint128::MAX,
    })
}

/// A contract that is not a token but calls the vault's `receive` claiming
/// whatever it is told to.
pub fn contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        fake_execute,
        fake_instantiate,
        fake_query,
    ))
}
