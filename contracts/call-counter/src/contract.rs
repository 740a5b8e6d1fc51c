//! Entry points.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    to_json_binary, Addr, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult, WasmMsg,
};
use cw_storage_plus::Item;

use btp_types::msg::call_service::{
    ConfigResponse as CallServiceConfig, ExecuteMsg as CallServiceMsg, QueryMsg as CallServiceQuery,
};
use btp_types::msg::MigrateMsg;
use contract_kit::migrate::migrate_version;

use crate::msg::{ExecuteMsg, InstantiateMsg, QueryMsg, StateResponse};
use crate::{ContractError, FAIL};

/// Name recorded by `cw2`; a migration is accepted only from this name.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
/// Version recorded by `cw2`.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The call service, and its BTP address (the `from` of rollbacks).
const CALL_SERVICE: Item<(Addr, String)> = Item::new("call_service");
const ADMIN: Item<Addr> = Item::new("admin");
const STATE: Item<StateResponse> = Item::new("state");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let call_service = deps.api.addr_validate(&msg.call_service)?;
    let config: CallServiceConfig = deps
        .querier
        .query_wasm_smart(&call_service, &CallServiceQuery::Config {})?;
    CALL_SERVICE.save(deps.storage, &(call_service, config.btp_address))?;
    ADMIN.save(deps.storage, &info.sender)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    STATE.save(deps.storage, &StateResponse::default())?;
    Ok(Response::new().add_attribute("action", "instantiate"))
}

fn handle_call_message(
    deps: DepsMut,
    info: &MessageInfo,
    from: String,
    data: Binary,
) -> Result<Response, ContractError> {
    let (call_service, own_address) = CALL_SERVICE.load(deps.storage)?;
    if info.sender != call_service {
        return Err(ContractError::NotCallService {
            sender: info.sender.to_string(),
            call_service: call_service.into_string(),
        });
    }
    let mut state = STATE.load(deps.storage)?;
    let action = if from == own_address {
        if state.refuse_rollbacks {
            return Err(ContractError::RollbackRefused);
        }
        state.rollbacks = state
            .rollbacks
            .checked_add(1)
            .ok_or(ContractError::Overflow)?;
        state.last_rollback = Some(data);
        "rollback"
    } else {
        if data.as_slice() == FAIL {
            return Err(ContractError::CallRefused { from });
        }
        state.count = state.count.checked_add(1).ok_or(ContractError::Overflow)?;
        state.last_from = Some(from);
        state.last_data = Some(data);
        "count"
    };
    STATE.save(deps.storage, &state)?;
    Ok(Response::new()
        .add_attribute("action", action)
        .add_attribute("count", state.count.to_string())
        .add_attribute("rollbacks", state.rollbacks.to_string()))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::Send {
            to,
            data,
            rollback,
            timeout_secs,
        } => {
            let (call_service, _) = CALL_SERVICE.load(deps.storage)?;
            let call = WasmMsg::Execute {
                contract_addr: call_service.into_string(),
                msg: to_json_binary(&CallServiceMsg::SendCallMessage {
                    to,
                    data,
                    rollback,
                    timeout_secs,
                })?,
                funds: info.funds,
            };
            Ok(Response::new()
                .add_attribute("action", "send")
                .add_message(call))
        }
        ExecuteMsg::SetRefuseRollbacks { refuse } => {
            if info.sender != ADMIN.load(deps.storage)? {
                return Err(ContractError::NotAdmin);
            }
            STATE.update(deps.storage, |mut state| -> StdResult<_> {
                state.refuse_rollbacks = refuse;
                Ok(state)
            })?;
            Ok(Response::new().add_attribute("action", "set_refuse_rollbacks"))
        }
        ExecuteMsg::HandleCallMessage { from, data } => {
            handle_call_message(deps, &info, from, data)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::State {} => to_json_binary(&STATE.load(deps.storage)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    Ok(migrate_version(
        deps.storage,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?)
}
