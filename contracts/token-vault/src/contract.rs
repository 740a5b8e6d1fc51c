//! Entry points: each one hands over to the module that owns the operation.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};

use btp_types::msg::token_vault::{ExecuteMsg, InstantiateMsg, QueryMsg};
use btp_types::msg::MigrateMsg;
use contract_kit::{migrate::migrate_version, ownership, pause};

use crate::error::ContractError;
use crate::register::{NewPool, NewWrappedToken};
use crate::state::{CW20_CODE_ID, HANDLER};
use crate::{burn, liquidity, mint, query, receive, register, release, settle};

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
    let owner = ownership::initialize(
        deps.branch(),
        &info.sender,
        msg.owner,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?;
    CW20_CODE_ID.save(deps.storage, &msg.cw20_code_id)?;
    let mut response = Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("cw20_code_id", msg.cw20_code_id.to_string());
    if let Some(handler) = msg.handler {
        let handler = deps.api.addr_validate(&handler)?;
        HANDLER.save(deps.storage, &handler)?;
        response = response.add_attribute("handler", handler);
    }
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
        ExecuteMsg::SetHandler { handler } => set_handler(deps, &info, &handler),
        ExecuteMsg::SetPaused { paused } => Ok(pause::set_paused(deps, &info, paused)?),
        ExecuteMsg::UpdateOwnership(action) => Ok(ownership::update(deps, &env, &info, action)?),
        ExecuteMsg::Receive(msg) => receive::receive(deps, &env, &info, msg),
        ExecuteMsg::Release {
            recipient,
            asset,
            amount,
        } => release::release(deps, &env, &info, &recipient, asset, amount),
        ExecuteMsg::Mint {
            coin_name,
            recipient,
            amount,
        } => mint::mint(deps, &env, &info, &coin_name, &recipient, amount),
        ExecuteMsg::Burn { coin_name, amount } => burn::burn(deps, &info, &coin_name, amount),
        ExecuteMsg::RegisterWrappedToken {
            coin_name,
            name,
            symbol,
            decimals,
        } => register::register_wrapped_token(
            deps,
            &env,
            &info,
            NewWrappedToken {
                coin_name,
                name,
                symbol,
                decimals,
            },
        ),
        ExecuteMsg::RegisterHomeToken { address } => {
            register::register_home_token(deps, &info, &address)
        }
        ExecuteMsg::RegisterPool {
            coin_name,
            asset,
            lp_name,
            lp_symbol,
            lp_decimals,
            curve,
        } => register::register_pool(
            deps,
            &env,
            &info,
            NewPool {
                lp_token: NewWrappedToken {
                    coin_name: coin_name.clone(),
                    name: lp_name,
                    symbol: lp_symbol,
                    decimals: lp_decimals,
                },
                coin_name,
                asset,
                curve,
            },
        ),
        ExecuteMsg::DepositLiquidity { coin_name } => {
            liquidity::deposit_native(deps, &env, &info, &coin_name)
        }
        ExecuteMsg::Settle { movements } => settle::settle(deps, &env, &info, movements),
    }
}

fn set_handler(
    deps: DepsMut,
    info: &MessageInfo,
    handler: &str,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let handler = deps.api.addr_validate(handler)?;
    HANDLER.save(deps.storage, &handler)?;
    Ok(Response::new()
        .add_attribute("action", "set_handler")
        .add_attribute("handler", handler))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Totals { asset } => to_json_binary(&query::totals(deps, &env, asset)?),
        QueryMsg::AllTotals { start_after, limit } => {
            to_json_binary(&query::all_totals(deps, &env, start_after, limit)?)
        }
        QueryMsg::WrappedToken { coin_name } => {
            to_json_binary(&query::wrapped_token(deps, coin_name)?)
        }
        QueryMsg::WrappedTokenByAddress { token } => {
            to_json_binary(&query::wrapped_token_by_address(deps, &token)?)
        }
        QueryMsg::Pool { coin_name } => to_json_binary(&query::pool(deps, coin_name)?),
        QueryMsg::Pools { start_after, limit } => {
            to_json_binary(&query::pools(deps, start_after, limit)?)
        }
        QueryMsg::PoolPayout { coin_name, amount } => {
            to_json_binary(&query::pool_payout(deps, &coin_name, amount)?)
        }
        QueryMsg::LpValue { coin_name, shares } => {
            to_json_binary(&query::lp_value(deps, &coin_name, shares)?)
        }
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }?)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    Ok(migrate_version(
        deps.storage,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?)
}
