//! `burn`: destroys wrapped tokens held for burning once their transfer home
//! has succeeded.

use btp_types::events::{token_vault::Burned, TypedEvent};
use cosmwasm_std::{to_json_binary, DepsMut, MessageInfo, Response, Uint128, WasmMsg};
use cw20::Cw20ExecuteMsg;

use btp_types::msg::token_vault::VaultAsset;

use crate::auth::{ensure_movement, ensure_no_funds};
use crate::error::ContractError;
use crate::state::{checked_credit, WRAPPED};

/// `burn` from the handler: the vault burns its own tokens.
pub fn burn(
    deps: DepsMut,
    info: &MessageInfo,
    coin_name: &str,
    amount: Uint128,
) -> Result<Response, ContractError> {
    ensure_movement(deps.storage, info.sender.as_str(), "burn")?;
    ensure_no_funds(&info.funds, "burn")?;
    apply_burn(deps, coin_name, amount)
}

/// Moves `amount` from held to burned, then burns. The caller has passed
/// the movement gate.
pub fn apply_burn(
    deps: DepsMut,
    coin_name: &str,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let asset = VaultAsset::Wrapped {
        coin_name: coin_name.to_string(),
    };
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            operation: "burn",
            coin: asset.to_string(),
        });
    }
    let mut wrapped = WRAPPED.may_load(deps.storage, coin_name)?.ok_or_else(|| {
        ContractError::UnknownWrappedCoin {
            coin_name: coin_name.to_string(),
        }
    })?;
    wrapped.held =
        wrapped
            .held
            .checked_sub(amount)
            .map_err(|_| ContractError::InsufficientHeld {
                operation: "burn",
                coin: asset.to_string(),
                requested: amount,
                available: wrapped.held,
            })?;
    wrapped.burned = checked_credit(&asset, "burned", wrapped.burned, amount)?;
    WRAPPED.save(deps.storage, coin_name, &wrapped)?;
    let burn = WasmMsg::Execute {
        contract_addr: wrapped.token.to_string(),
        msg: to_json_binary(&Cw20ExecuteMsg::Burn { amount })?,
        funds: vec![],
    };
    Ok(Response::new()
        .add_message(burn)
        .add_attribute("action", "burn")
        .add_attribute("coin", asset.to_string())
        .add_attribute("token", wrapped.token.as_str())
        .add_attribute("amount", amount.to_string())
        .add_attribute("held", wrapped.held.to_string())
        .add_attribute("burned", wrapped.burned.to_string())
        .add_event(
            Burned {
                coin: asset.to_string(),
                token: wrapped.token.to_string(),
                amount,
                held: wrapped.held,
                burned: wrapped.burned,
            }
            .to_event(),
        ))
}
