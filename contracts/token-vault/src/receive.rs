//! The cw20 `Receive` hook: a home cw20 locked, or a wrapped token held for
//! burning, always sent by the handler through the token's `Send`; and,
//! from anyone, a pooled token deposited into its pool or LP shares given
//! back (see `liquidity`).
//!
//! Trust: `info.sender` is the token contract, and only the token contract
//! itself can be `info.sender`, so the vault credits the token that called,
//! by the amount it says it moved. A contract that is neither a registered
//! home token nor a wrapped token of this vault is refused, whatever it
//! claims: it could claim any `sender` and any `amount`.

use btp_types::events::token_vault::{Held, Locked};
use btp_types::events::TypedEvent;
use cosmwasm_std::{from_json, Addr, DepsMut, Env, MessageInfo, Response, Uint128};
use cw20::Cw20ReceiveMsg;

use btp_types::msg::token_vault::{ReceiveMsg, VaultAsset};
use contract_kit::pause;

use crate::auth::{ensure_handler, ensure_no_funds};
use crate::error::ContractError;
use crate::liquidity;
use crate::state::{checked_credit, LOCKED_CW20, POOL_BY_TOKEN, WRAPPED, WRAPPED_BY_TOKEN};

/// Dispatches on the [`ReceiveMsg`] the handler put in its cw20 `Send`.
pub fn receive(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    msg: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    ensure_no_funds(&info.funds, "receive")?;
    let token = &info.sender;
    let hook = from_json::<ReceiveMsg>(&msg.msg);
    // Only liquidity is open to anyone; whatever else a token brings, it
    // brings for the handler (and a hook that is no `ReceiveMsg` at all is
    // refused as the handler's would be).
    let liquidity = matches!(
        hook,
        Ok(ReceiveMsg::DepositLiquidity {} | ReceiveMsg::WithdrawLiquidity { .. })
    );
    if !liquidity {
        ensure_handler(deps.storage, &msg.sender, "send cw20 tokens to the vault")?;
    }
    match hook? {
        ReceiveMsg::Lock {} => lock_cw20(deps, env, token, msg.amount),
        ReceiveMsg::HoldForBurning {} => hold_for_burning(deps, env, token, msg.amount),
        ReceiveMsg::DepositLiquidity {} => {
            liquidity::deposit_cw20(deps, env, token, &msg.sender, msg.amount)
        }
        ReceiveMsg::WithdrawLiquidity { recipient } => {
            liquidity::withdraw(deps, env, token, &msg.sender, msg.amount, recipient)
        }
    }
}

fn lock_cw20(
    deps: DepsMut,
    env: &Env,
    token: &Addr,
    amount: Uint128,
) -> Result<Response, ContractError> {
    pause::ensure_running(deps.storage, "lock")?;
    let asset = VaultAsset::Cw20 {
        address: token.to_string(),
    };
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            operation: "lock",
            coin: asset.to_string(),
        });
    }
    let Some(current) = LOCKED_CW20.may_load(deps.storage, token)? else {
        if let Some(coin_name) = POOL_BY_TOKEN.may_load(deps.storage, token)? {
            return Err(ContractError::AssetIsPooled {
                asset: asset.to_string(),
                coin_name,
            });
        }
        return Err(match WRAPPED_BY_TOKEN.may_load(deps.storage, token)? {
            Some(coin_name) => ContractError::WrappedTokenNotLockable {
                token: token.to_string(),
                coin_name,
            },
            None => ContractError::UnknownToken {
                token: token.to_string(),
            },
        });
    };
    let locked = checked_credit(&asset, "locked", current, amount)?;
    // A token that takes a fee on transfer (or lies in its hook) delivers
    // less than it reports: the vault would then account for coins it does
    // not hold, and the other chain would mint against them. What the vault
    // holds must cover everything it has locked.
    let balance: cw20::BalanceResponse = deps.querier.query_wasm_smart(
        token,
        &cw20::Cw20QueryMsg::Balance {
            address: env.contract.address.to_string(),
        },
    )?;
    if balance.balance < locked {
        return Err(ContractError::TokenDeliveredLess {
            token: token.to_string(),
            reported: amount,
            held: balance.balance,
            locked,
        });
    }
    LOCKED_CW20.save(deps.storage, token, &locked)?;
    Ok(Response::new()
        .add_attribute("action", "lock")
        .add_attribute("coin", asset.to_string())
        .add_attribute("amount", amount.to_string())
        .add_attribute("recipient", env.contract.address.as_str())
        .add_attribute("locked", locked.to_string())
        .add_event(
            Locked {
                coin: asset.to_string(),
                amount,
                locked,
            }
            .to_event(),
        ))
}

fn hold_for_burning(
    deps: DepsMut,
    env: &Env,
    token: &Addr,
    amount: Uint128,
) -> Result<Response, ContractError> {
    pause::ensure_running(deps.storage, "hold_for_burning")?;
    let Some(coin_name) = WRAPPED_BY_TOKEN.may_load(deps.storage, token)? else {
        return Err(if LOCKED_CW20.has(deps.storage, token) {
            ContractError::HomeTokenNotBurnable {
                token: token.to_string(),
            }
        } else {
            ContractError::UnknownToken {
                token: token.to_string(),
            }
        });
    };
    let asset = VaultAsset::Wrapped {
        coin_name: coin_name.clone(),
    };
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            operation: "hold_for_burning",
            coin: asset.to_string(),
        });
    }
    let mut wrapped = WRAPPED.load(deps.storage, &coin_name)?;
    wrapped.held = checked_credit(&asset, "held", wrapped.held, amount)?;
    WRAPPED.save(deps.storage, &coin_name, &wrapped)?;
    Ok(Response::new()
        .add_attribute("action", "hold_for_burning")
        .add_attribute("coin", asset.to_string())
        .add_attribute("token", token.as_str())
        .add_attribute("amount", amount.to_string())
        .add_attribute("recipient", env.contract.address.as_str())
        .add_attribute("held", wrapped.held.to_string())
        .add_event(
            Held {
                coin: asset.to_string(),
                token: token.to_string(),
                amount,
                held: wrapped.held,
            }
            .to_event(),
        ))
}
