//! `mint`: new wrapped tokens of a foreign coin for a receiver.

use btp_types::events::{token_vault::Minted, TypedEvent};
use cosmwasm_std::{to_json_binary, DepsMut, Env, MessageInfo, Response, Uint128, WasmMsg};
use cw20::Cw20ExecuteMsg;

use btp_types::msg::token_vault::VaultAsset;

use crate::auth::{ensure_movement, ensure_no_funds, ensure_not_vault};
use crate::error::ContractError;
use crate::state::{checked_credit, WRAPPED};

/// `mint` from the handler; the token's only minter is the vault.
pub fn mint(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    coin_name: &str,
    recipient: &str,
    amount: Uint128,
) -> Result<Response, ContractError> {
    ensure_movement(deps.storage, info.sender.as_str(), "mint")?;
    ensure_no_funds(&info.funds, "mint")?;
    apply_mint(deps, env, coin_name, recipient, amount)
}

/// Counts the mint, then asks the token to mint. The caller has passed the
/// movement gate.
pub fn apply_mint(
    deps: DepsMut,
    env: &Env,
    coin_name: &str,
    recipient: &str,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let recipient = deps.api.addr_validate(recipient)?;
    ensure_not_vault(env, &recipient, "mint")?;
    let asset = VaultAsset::Wrapped {
        coin_name: coin_name.to_string(),
    };
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            operation: "mint",
            coin: asset.to_string(),
        });
    }
    let mut wrapped = WRAPPED.may_load(deps.storage, coin_name)?.ok_or_else(|| {
        ContractError::UnknownWrappedCoin {
            coin_name: coin_name.to_string(),
        }
    })?;
    wrapped.minted = checked_credit(&asset, "minted", wrapped.minted, amount)?;
    WRAPPED.save(deps.storage, coin_name, &wrapped)?;
    let mint = WasmMsg::Execute {
        contract_addr: wrapped.token.to_string(),
        msg: to_json_binary(&Cw20ExecuteMsg::Mint {
            recipient: recipient.to_string(),
            amount,
        })?,
        funds: vec![],
    };
    Ok(Response::new()
        .add_message(mint)
        .add_attribute("action", "mint")
        .add_attribute("coin", asset.to_string())
        .add_attribute("token", wrapped.token.as_str())
        .add_attribute("amount", amount.to_string())
        .add_attribute("recipient", recipient.as_str())
        .add_attribute("minted", wrapped.minted.to_string())
        .add_event(
            Minted {
                coin: asset.to_string(),
                token: wrapped.token.to_string(),
                amount,
                recipient: recipient.to_string(),
                minted: wrapped.minted,
            }
            .to_event(),
        ))
}
