//! `lock {}`: escrows the native coins the handler attached.

use btp_types::events::{token_vault::Locked, TypedEvent};
use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};

use btp_types::msg::token_vault::VaultAsset;

use crate::auth::ensure_movement;
use crate::error::ContractError;
use crate::state::{checked_credit, LOCKED_NATIVE};

/// Credits exactly `info.funds`, every denom of them.
pub fn lock_native(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
) -> Result<Response, ContractError> {
    ensure_movement(deps.storage, info.sender.as_str(), "lock")?;
    if info.funds.is_empty() {
        return Err(ContractError::NoFunds);
    }
    let mut response = Response::new()
        .add_attribute("action", "lock")
        .add_attribute("recipient", env.contract.address.as_str());
    for coin in &info.funds {
        let asset = VaultAsset::Native {
            denom: coin.denom.clone(),
        };
        if coin.amount.is_zero() {
            return Err(ContractError::ZeroAmount {
                operation: "lock",
                coin: asset.to_string(),
            });
        }
        let current = LOCKED_NATIVE
            .may_load(deps.storage, &coin.denom)?
            .unwrap_or_default();
        let locked = checked_credit(&asset, "locked", current, coin.amount)?;
        LOCKED_NATIVE.save(deps.storage, &coin.denom, &locked)?;
        response = response
            .add_attribute("coin", asset.to_string())
            .add_attribute("amount", coin.amount.to_string())
            .add_attribute("locked", locked.to_string())
            .add_event(
                Locked {
                    coin: asset.to_string(),
                    amount: coin.amount,
                    locked,
                }
                .to_event(),
            );
    }
    Ok(response)
}
