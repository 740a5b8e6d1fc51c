//! `release`: pays a home coin out of escrow, or gives back wrapped tokens
//! held for burning (the refund of a failed transfer back home).

use btp_types::events::{token_vault::Released, TypedEvent};
use contract_kit::cw20::cw20_transfer;
use cosmwasm_std::{BankMsg, Coin, CosmosMsg, DepsMut, Env, MessageInfo, Response, Uint128};

use btp_types::msg::token_vault::VaultAsset;

use crate::auth::{ensure_movement, ensure_no_funds, ensure_not_vault};
use crate::error::ContractError;
use crate::pool::{apply_pool_refund, ensure_not_pooled};
use crate::state::{checked_credit, locked_native, LOCKED_CW20, WRAPPED};

/// `release` from the handler.
pub fn release(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    recipient: &str,
    asset: VaultAsset,
    amount: Uint128,
) -> Result<Response, ContractError> {
    ensure_movement(deps.storage, info.sender.as_str(), "release")?;
    ensure_no_funds(&info.funds, "release")?;
    apply_release(
        deps,
        env,
        recipient,
        asset,
        amount,
        &mut Outflows::default(),
    )
}

/// Coins a call has paid out so far, by asset (`native:<denom>` or
/// `cw20:<address>`): the bank and the token pay them only after the call,
/// so the vault's balances do not show them yet.
#[derive(Default)]
pub struct Outflows(Vec<(String, Uint128)>);

impl Outflows {
    pub fn of(&self, asset: &str) -> Uint128 {
        self.0
            .iter()
            .find(|(out, _)| out == asset)
            .map(|(_, amount)| *amount)
            .unwrap_or_default()
    }

    pub fn add(&mut self, asset: &str, amount: Uint128) -> Result<(), ContractError> {
        let current = self.of(asset);
        let total = checked_credit(&asset, "paid out", current, amount)?;
        self.0.retain(|(out, _)| out != asset);
        self.0.push((asset.to_string(), total));
        Ok(())
    }
}

/// Debits the coin's total first (never below zero), then sends. The caller
/// has passed the movement gate.
pub fn apply_release(
    deps: DepsMut,
    env: &Env,
    recipient: &str,
    asset: VaultAsset,
    amount: Uint128,
    outflows: &mut Outflows,
) -> Result<Response, ContractError> {
    let recipient = deps.api.addr_validate(recipient)?;
    ensure_not_vault(env, &recipient, "release")?;
    let coin = asset.to_string();
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            operation: "release",
            coin,
        });
    }
    let insufficient = |available: Uint128| ContractError::InsufficientLocked {
        coin: coin.clone(),
        requested: amount,
        available,
    };
    let (message, total_key, total): (CosmosMsg, &str, Uint128) =
        match &asset {
            VaultAsset::Native { denom } => {
                ensure_not_pooled(deps.storage, denom)?;
                // The bank's balance is the book of native coins (they arrive by bank sends).
                let current = locked_native(deps.as_ref(), env, denom)?
                    .checked_sub(outflows.of(&coin))
                    .unwrap_or_default();
                let locked = current
                    .checked_sub(amount)
                    .map_err(|_| insufficient(current))?;
                outflows.add(&coin, amount)?;
                let send = BankMsg::Send {
                    to_address: recipient.to_string(),
                    amount: vec![Coin::new(amount, denom)],
                };
                (send.into(), "locked", locked)
            }
            VaultAsset::Cw20 { address } => {
                let token = deps.api.addr_validate(address)?;
                let current = LOCKED_CW20.may_load(deps.storage, &token)?.ok_or_else(|| {
                    ContractError::UnknownHomeToken {
                        token: token.to_string(),
                    }
                })?;
                let locked = current
                    .checked_sub(amount)
                    .map_err(|_| insufficient(current))?;
                LOCKED_CW20.save(deps.storage, &token, &locked)?;
                (cw20_transfer(&token, &recipient, amount)?, "locked", locked)
            }
            VaultAsset::Wrapped { coin_name } => {
                let mut wrapped = WRAPPED.may_load(deps.storage, coin_name)?.ok_or_else(|| {
                    ContractError::UnknownWrappedCoin {
                        coin_name: coin_name.clone(),
                    }
                })?;
                wrapped.held = wrapped.held.checked_sub(amount).map_err(|_| {
                    ContractError::InsufficientHeld {
                        operation: "release",
                        coin: coin.clone(),
                        requested: amount,
                        available: wrapped.held,
                    }
                })?;
                WRAPPED.save(deps.storage, coin_name, &wrapped)?;
                (
                    cw20_transfer(&wrapped.token, &recipient, amount)?,
                    "held",
                    wrapped.held,
                )
            }
            VaultAsset::Pooled { coin_name } => {
                return apply_pool_refund(deps, coin_name, &recipient, amount, outflows);
            }
        };
    Ok(Response::new()
        .add_message(message)
        .add_attribute("action", "release")
        .add_attribute("coin", coin.clone())
        .add_attribute("amount", amount.to_string())
        .add_attribute("recipient", recipient.as_str())
        .add_attribute(total_key, total.to_string())
        .add_event(
            Released {
                coin,
                amount,
                recipient: recipient.to_string(),
                locked: (total_key == "locked").then_some(total),
                held: (total_key == "held").then_some(total),
            }
            .to_event(),
        ))
}
