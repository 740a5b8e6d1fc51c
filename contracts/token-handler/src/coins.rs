//! The coin registry: what the handler moves, its fee and its limits.

use btp_types::msg::token_handler::{CoinOrigin, FeePolicy, Limits};
use btp_types::msg::token_vault::{ExecuteMsg as VaultMsg, Movement, PooledAsset, VaultAsset};
use cosmwasm_std::{
    to_json_binary, Addr, Decimal, DepsMut, MessageInfo, Response, Storage, SubMsg, Uint128,
    WasmMsg,
};

use crate::error::ContractError;
use crate::rate_limit::{admit, RateUpdate};
use crate::state::{Coin, COINS, COIN_BY_DENOM, COIN_BY_TOKEN, CONFIG};

/// Reply id of the vault's creation of a wrapped token.
pub const WRAPPED_TOKEN_REPLY_ID: u64 = 1;
const MAX_COIN_NAME_BYTES: usize = 96;

fn validate_coin_name(coin_name: &str) -> Result<(), ContractError> {
    let valid = !coin_name.is_empty()
        && coin_name.len() <= MAX_COIN_NAME_BYTES
        && coin_name.trim() == coin_name
        && !coin_name.chars().any(char::is_control);
    if valid {
        Ok(())
    } else {
        Err(ContractError::InvalidCoinName {
            coin_name: coin_name.to_string(),
        })
    }
}

fn validate_policy(coin_name: &str, fee: &FeePolicy, limits: &Limits) -> Result<(), ContractError> {
    if fee.ratio >= Decimal::one() {
        return Err(ContractError::FeeRatioTooHigh {
            ratio: fee.ratio.to_string(),
        });
    }
    let invalid = |reason| ContractError::InvalidLimits {
        coin_name: coin_name.to_string(),
        reason,
    };
    if let Some(max) = limits.max {
        if max < limits.min {
            return Err(invalid("the maximum is below the minimum"));
        }
        if !limits.min_fee.is_zero() && limits.min_fee >= max {
            return Err(invalid(
                "the minimum fee leaves nothing of the largest transfer",
            ));
        }
    }
    if let Some(rate) = &limits.rate_limit {
        if rate.window_secs == 0 {
            return Err(invalid("the rate-limit window is zero seconds"));
        }
    }
    Ok(())
}

pub fn load_coin(storage: &dyn Storage, coin_name: &str) -> Result<Coin, ContractError> {
    COINS
        .may_load(storage, coin_name)?
        .ok_or_else(|| ContractError::UnknownCoin {
            coin_name: coin_name.to_string(),
        })
}

/// Records `denom` as the native coin of `coin_name`; refused when another
/// coin has it.
fn claim_denom(
    storage: &mut dyn Storage,
    denom: &str,
    coin_name: &str,
) -> Result<(), ContractError> {
    if let Some(taken) = COIN_BY_DENOM.may_load(storage, denom)? {
        return Err(ContractError::AssetTaken {
            what: "denom",
            value: denom.to_string(),
            coin_name: taken,
        });
    }
    COIN_BY_DENOM.save(storage, denom, &coin_name.to_string())?;
    Ok(())
}

/// Records `token` as the cw20 of `coin_name`; refused when another coin has it.
fn claim_token(
    storage: &mut dyn Storage,
    token: &Addr,
    coin_name: &str,
) -> Result<(), ContractError> {
    if let Some(taken) = COIN_BY_TOKEN.may_load(storage, token)? {
        return Err(ContractError::AssetTaken {
            what: "token",
            value: token.to_string(),
            coin_name: taken,
        });
    }
    COIN_BY_TOKEN.save(storage, token, &coin_name.to_string())?;
    Ok(())
}

pub fn register_coin(
    deps: DepsMut,
    info: &MessageInfo,
    coin_name: String,
    origin: CoinOrigin,
    fee: FeePolicy,
    limits: Limits,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    validate_coin_name(&coin_name)?;
    validate_policy(&coin_name, &fee, &limits)?;
    if COINS.has(deps.storage, &coin_name) {
        return Err(ContractError::CoinExists { coin_name });
    }
    let vault = CONFIG.load(deps.storage)?.vault;
    let mut response = Response::new()
        .add_attribute("action", "register_coin")
        .add_attribute("coin_name", &coin_name);
    let (asset, token) = match &origin {
        CoinOrigin::NativeHome { denom } => {
            claim_denom(deps.storage, denom, &coin_name)?;
            (
                VaultAsset::Native {
                    denom: denom.clone(),
                },
                None,
            )
        }
        CoinOrigin::Cw20Home { address } => {
            let token = deps.api.addr_validate(address)?;
            claim_token(deps.storage, &token, &coin_name)?;
            response = response.add_message(vault_call(
                &vault,
                &VaultMsg::RegisterHomeToken {
                    address: token.to_string(),
                },
            )?);
            (
                VaultAsset::Cw20 {
                    address: token.to_string(),
                },
                Some(token),
            )
        }
        CoinOrigin::Pooled {
            asset,
            lp_name,
            lp_symbol,
            lp_decimals,
            lp_fee_share,
            curve,
        } => {
            if *lp_fee_share > Decimal::one() {
                return Err(ContractError::LpFeeShareTooHigh {
                    share: lp_fee_share.to_string(),
                });
            }
            let token = match asset {
                PooledAsset::Native { denom } => {
                    claim_denom(deps.storage, denom, &coin_name)?;
                    None
                }
                PooledAsset::Cw20 { address } => {
                    let token = deps.api.addr_validate(address)?;
                    claim_token(deps.storage, &token, &coin_name)?;
                    Some(token)
                }
            };
            // The vault creates the pool and its LP token (at an address it
            // answers in `pool`; the handler never needs it).
            response = response.add_message(vault_call(
                &vault,
                &VaultMsg::RegisterPool {
                    coin_name: coin_name.clone(),
                    asset: match &token {
                        Some(token) => PooledAsset::Cw20 {
                            address: token.to_string(),
                        },
                        None => asset.clone(),
                    },
                    lp_name: lp_name.clone(),
                    lp_symbol: lp_symbol.clone(),
                    lp_decimals: *lp_decimals,
                    curve: curve.clone(),
                },
            )?);
            (
                VaultAsset::Pooled {
                    coin_name: coin_name.clone(),
                },
                token,
            )
        }
        CoinOrigin::Foreign {
            name,
            symbol,
            decimals,
            ..
        } => {
            // The token's address is learnt in the reply, from the vault.
            let create = vault_call(
                &vault,
                &VaultMsg::RegisterWrappedToken {
                    coin_name: coin_name.clone(),
                    name: name.clone(),
                    symbol: symbol.clone(),
                    decimals: *decimals,
                },
            )?;
            response = response.add_submessage(
                SubMsg::reply_on_success(create, WRAPPED_TOKEN_REPLY_ID)
                    .with_payload(coin_name.clone().into_bytes()),
            );
            (
                VaultAsset::Wrapped {
                    coin_name: coin_name.clone(),
                },
                None,
            )
        }
    };
    COINS.save(
        deps.storage,
        &coin_name,
        &Coin {
            origin,
            asset,
            token,
            fee,
            limits,
        },
    )?;
    Ok(response)
}

/// Records the wrapped token the vault created for a foreign coin.
pub fn record_wrapped_token(deps: DepsMut, coin_name: &str) -> Result<Response, ContractError> {
    let vault = CONFIG.load(deps.storage)?.vault;
    let wrapped: btp_types::msg::token_vault::WrappedTokenResponse =
        deps.querier.query_wasm_smart(
            &vault,
            &btp_types::msg::token_vault::QueryMsg::WrappedToken {
                coin_name: coin_name.to_string(),
            },
        )?;
    let token = deps.api.addr_validate(&wrapped.token)?;
    let mut coin = load_coin(deps.storage, coin_name)?;
    coin.token = Some(token.clone());
    COINS.save(deps.storage, coin_name, &coin)?;
    COIN_BY_TOKEN.save(deps.storage, &token, &coin_name.to_string())?;
    Ok(Response::new()
        .add_attribute("coin_name", coin_name)
        .add_attribute("token", token))
}

pub fn update_coin(
    deps: DepsMut,
    info: &MessageInfo,
    coin_name: String,
    fee: FeePolicy,
    limits: Limits,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    validate_policy(&coin_name, &fee, &limits)?;
    let mut coin = load_coin(deps.storage, &coin_name)?;
    coin.fee = fee;
    coin.limits = limits;
    COINS.save(deps.storage, &coin_name, &coin)?;
    Ok(Response::new()
        .add_attribute("action", "update_coin")
        .add_attribute("coin_name", coin_name))
}

/// `response` with the one vault call that makes `movements`, if any.
pub fn settle(
    storage: &dyn Storage,
    response: Response,
    movements: Vec<Movement>,
) -> Result<Response, ContractError> {
    if movements.is_empty() {
        return Ok(response);
    }
    let vault = CONFIG.load(storage)?.vault;
    Ok(response.add_message(vault_call(&vault, &VaultMsg::Settle { movements })?))
}

pub fn vault_call(vault: &Addr, msg: &VaultMsg) -> Result<WasmMsg, ContractError> {
    Ok(WasmMsg::Execute {
        contract_addr: vault.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    })
}

/// The fee, `max(fixed + ratio × amount, min_fee)` (the ratio's part rounded
/// down), and what is left for the receiver.
pub fn split_fee(
    coin_name: &str,
    coin: &Coin,
    amount: Uint128,
) -> Result<(Uint128, Uint128), ContractError> {
    let fee = coin
        .fee
        .fixed
        .checked_add(amount.mul_floor(coin.fee.ratio))
        .map_err(|_| ContractError::Overflow { what: "fee" })?
        .max(coin.limits.min_fee);
    match amount.checked_sub(fee) {
        Ok(net) if !net.is_zero() => Ok((fee, net)),
        _ => Err(ContractError::AmountBelowFee {
            coin_name: coin_name.to_string(),
            amount,
            fee,
        }),
    }
}

/// Checks one transfer against the coin's bounds and, if it fits, counts it
/// in the rolling rate limit of `direction`; answers what was counted (zero
/// when the coin has no rate limit).
pub fn check_limits(
    storage: &mut dyn Storage,
    coin_name: &str,
    limits: &Limits,
    direction: u8,
    amount: Uint128,
    now_secs: u64,
) -> Result<Uint128, ContractError> {
    match fit_limits(storage, coin_name, limits, direction, amount, now_secs)? {
        Some(update) => {
            update.save(storage)?;
            Ok(amount)
        }
        None => Ok(Uint128::zero()),
    }
}

/// The rate log a transfer would leave behind if it fits the coin's bounds
/// (`None` when the coin has no rate limit); nothing is written, so a caller
/// can check several before applying any.
pub fn fit_limits(
    storage: &dyn Storage,
    coin_name: &str,
    limits: &Limits,
    direction: u8,
    amount: Uint128,
    now_secs: u64,
) -> Result<Option<RateUpdate>, ContractError> {
    if amount < limits.min {
        return Err(ContractError::BelowMinimum {
            coin_name: coin_name.to_string(),
            amount,
            min: limits.min,
        });
    }
    if let Some(max) = limits.max {
        if amount > max {
            return Err(ContractError::AboveMaximum {
                coin_name: coin_name.to_string(),
                amount,
                max,
            });
        }
    }
    let Some(rate) = &limits.rate_limit else {
        return Ok(None);
    };
    admit(storage, coin_name, rate, direction, amount, now_secs).map(Some)
}
