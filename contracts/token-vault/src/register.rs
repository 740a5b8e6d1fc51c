//! Registrations, by the handler: a wrapped token for a foreign coin (the
//! vault instantiates it), and a home cw20 token the vault will lock.
//! Registrations move no value, so they go on while the vault is paused.

use btp_types::events::token_vault::{HomeTokenRegistered, WrappedTokenRegistered};
use btp_types::events::TypedEvent;
use cosmwasm_std::{
    instantiate2_address, to_json_binary, Binary, DepsMut, Env, MessageInfo, Response, Uint128,
    WasmMsg,
};
use cw20::{Cw20QueryMsg, MinterResponse, TokenInfoResponse};
use sha2::{Digest, Sha256};

use btp_types::cw20_base::{limits, Cw20BaseInstantiateMsg};
use btp_types::msg::token_vault::WrappedTokenResponse;

use crate::auth::{ensure_handler, ensure_no_funds};
use crate::error::ContractError;
use crate::state::{WrappedCoin, CW20_CODE_ID, LOCKED_CW20, WRAPPED, WRAPPED_BY_TOKEN};

/// Longest coin name, in bytes (the token's label adds 15 bytes and wasmd
/// allows 128).
pub const COIN_NAME_MAX_BYTES: usize = 96;

/// The wrapped token of a foreign coin, as given to `register_wrapped_token`.
pub struct NewWrappedToken {
    /// The foreign coin's name.
    pub coin_name: String,
    /// The token's name.
    pub name: String,
    /// The token's symbol.
    pub symbol: String,
    /// The token's decimals.
    pub decimals: u8,
}

/// The `instantiate2` salt of a coin's wrapped token: `sha256(coin_name)`.
pub fn wrapped_token_salt(coin_name: &str) -> Binary {
    Binary::new(Sha256::digest(coin_name.as_bytes()).to_vec())
}

/// Instantiates `cw20-base` for the coin with the vault as its only minter
/// and records it (the address is predictable, so no reply is needed). The
/// response's data is the JSON [`WrappedTokenResponse`].
pub fn register_wrapped_token(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    new: NewWrappedToken,
) -> Result<Response, ContractError> {
    ensure_handler(deps.storage, info.sender.as_str(), "register_wrapped_token")?;
    ensure_no_funds(&info.funds, "register_wrapped_token")?;
    validate_coin_name(&new.coin_name)?;
    validate_token_info(&new)?;
    if let Some(existing) = WRAPPED.may_load(deps.storage, &new.coin_name)? {
        return Err(ContractError::WrappedCoinExists {
            coin_name: new.coin_name,
            token: existing.token.to_string(),
        });
    }

    let code_id = CW20_CODE_ID.load(deps.storage)?;
    let checksum = deps.querier.query_wasm_code_info(code_id)?.checksum;
    let salt = wrapped_token_salt(&new.coin_name);
    let creator = deps.api.addr_canonicalize(env.contract.address.as_str())?;
    let canonical = instantiate2_address(checksum.as_slice(), &creator, &salt).map_err(|err| {
        ContractError::TokenAddress {
            reason: err.to_string(),
        }
    })?;
    let token = deps.api.addr_humanize(&canonical)?;
    // A fresh salt cannot give the address of an existing contract, but the
    // two indexes must never disagree, so this is checked, not assumed.
    if let Some(coin_name) = WRAPPED_BY_TOKEN.may_load(deps.storage, &token)? {
        return Err(ContractError::WrappedCoinExists {
            coin_name,
            token: token.to_string(),
        });
    }
    if LOCKED_CW20.has(deps.storage, &token) {
        return Err(ContractError::HomeTokenExists {
            token: token.to_string(),
        });
    }

    let instantiate = WasmMsg::Instantiate2 {
        admin: Some(env.contract.address.to_string()),
        code_id,
        label: format!("cw-btp wrapped {}", new.coin_name),
        msg: to_json_binary(&Cw20BaseInstantiateMsg {
            name: new.name.clone(),
            symbol: new.symbol.clone(),
            decimals: new.decimals,
            initial_balances: vec![],
            mint: Some(MinterResponse {
                minter: env.contract.address.to_string(),
                cap: None,
            }),
            marketing: None,
        })?,
        funds: vec![],
        salt,
    };
    WRAPPED.save(
        deps.storage,
        &new.coin_name,
        &WrappedCoin {
            token: token.clone(),
            name: new.name.clone(),
            symbol: new.symbol.clone(),
            decimals: new.decimals,
            minted: Uint128::zero(),
            burned: Uint128::zero(),
            held: Uint128::zero(),
        },
    )?;
    WRAPPED_BY_TOKEN.save(deps.storage, &token, &new.coin_name)?;
    let data = to_json_binary(&WrappedTokenResponse {
        coin_name: new.coin_name.clone(),
        token: token.to_string(),
        name: new.name.clone(),
        symbol: new.symbol.clone(),
        decimals: new.decimals,
    })?;
    Ok(Response::new()
        .add_message(instantiate)
        .set_data(data)
        .add_attribute("action", "register_wrapped_token")
        .add_attribute("coin_name", new.coin_name.as_str())
        .add_attribute("token", token.as_str())
        .add_attribute("name", new.name.as_str())
        .add_attribute("symbol", new.symbol.as_str())
        .add_attribute("decimals", new.decimals.to_string())
        .add_event(
            WrappedTokenRegistered {
                coin_name: new.coin_name,
                token: token.to_string(),
                name: new.name,
                symbol: new.symbol,
                decimals: new.decimals,
            }
            .to_event(),
        ))
}

/// Accepts a cw20 token of this chain as a home coin: the vault's `receive`
/// will lock it from then on.
pub fn register_home_token(
    deps: DepsMut,
    info: &MessageInfo,
    address: &str,
) -> Result<Response, ContractError> {
    ensure_handler(deps.storage, info.sender.as_str(), "register_home_token")?;
    ensure_no_funds(&info.funds, "register_home_token")?;
    let token = deps.api.addr_validate(address)?;
    if let Some(coin_name) = WRAPPED_BY_TOKEN.may_load(deps.storage, &token)? {
        return Err(ContractError::WrappedTokenAsHome {
            token: token.to_string(),
            coin_name,
        });
    }
    if LOCKED_CW20.has(deps.storage, &token) {
        return Err(ContractError::HomeTokenExists {
            token: token.to_string(),
        });
    }
    let token_info: TokenInfoResponse = deps
        .querier
        .query_wasm_smart(&token, &Cw20QueryMsg::TokenInfo {})
        .map_err(|err| ContractError::NotACw20 {
            token: token.to_string(),
            reason: err.to_string(),
        })?;
    LOCKED_CW20.save(deps.storage, &token, &Uint128::zero())?;
    Ok(Response::new()
        .add_attribute("action", "register_home_token")
        .add_attribute("token", token.as_str())
        .add_attribute("symbol", token_info.symbol.as_str())
        .add_attribute("decimals", token_info.decimals.to_string())
        .add_event(
            HomeTokenRegistered {
                token: token.to_string(),
                symbol: token_info.symbol,
                decimals: token_info.decimals,
            }
            .to_event(),
        ))
}

fn validate_coin_name(coin_name: &str) -> Result<(), ContractError> {
    let invalid = |reason| ContractError::InvalidCoinName {
        coin_name: coin_name.to_string(),
        reason,
    };
    if coin_name.is_empty() {
        return Err(invalid("it is empty"));
    }
    if coin_name.len() > COIN_NAME_MAX_BYTES {
        return Err(invalid("it is longer than 96 bytes"));
    }
    if coin_name.trim() != coin_name {
        return Err(invalid("it starts or ends with white space"));
    }
    if coin_name.chars().any(char::is_control) {
        return Err(invalid("it contains control characters"));
    }
    Ok(())
}

fn validate_token_info(new: &NewWrappedToken) -> Result<(), ContractError> {
    let name_len = new.name.len();
    if !(limits::NAME_MIN_BYTES..=limits::NAME_MAX_BYTES).contains(&name_len) {
        return Err(ContractError::InvalidTokenInfo {
            field: "name",
            value: new.name.clone(),
            reason: "cw20-base takes 3 to 50 bytes",
        });
    }
    let symbol_len = new.symbol.len();
    if !(limits::SYMBOL_MIN_CHARS..=limits::SYMBOL_MAX_CHARS).contains(&symbol_len)
        || !new
            .symbol
            .bytes()
            .all(|byte| byte.is_ascii_alphabetic() || byte == b'-')
    {
        return Err(ContractError::InvalidTokenInfo {
            field: "symbol",
            value: new.symbol.clone(),
            reason: "cw20-base takes 3 to 12 of [a-zA-Z-]",
        });
    }
    if new.decimals > limits::MAX_DECIMALS {
        return Err(ContractError::InvalidTokenInfo {
            field: "decimals",
            value: new.decimals.to_string(),
            reason: "cw20-base takes at most 18",
        });
    }
    Ok(())
}
