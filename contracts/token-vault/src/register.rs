//! Registrations, by the handler: a wrapped token for a foreign coin (the
//! vault instantiates it), a home cw20 token the vault will lock, and the
//! pool of a coin issued on several chains (the vault instantiates its LP
//! token the way it instantiates wrapped tokens). Registrations move no
//! value, so they go on while the vault is paused.

use btp_types::events::token_pool::PoolRegistered;
use btp_types::events::token_vault::{HomeTokenRegistered, WrappedTokenRegistered};
use btp_types::events::TypedEvent;
use cosmwasm_std::{
    instantiate2_address, to_json_binary, Addr, Binary, DepsMut, Env, MessageInfo, Response,
    Storage, Uint128, WasmMsg,
};
use cw20::{Cw20QueryMsg, MinterResponse, TokenInfoResponse};
use sha2::{Digest, Sha256};

use btp_types::cw20_base::{limits, Cw20BaseInstantiateMsg};
use btp_types::msg::token_vault::{PooledAsset, RebalanceCurve, WrappedTokenResponse};

use crate::auth::{ensure_handler, ensure_no_funds};
use crate::error::ContractError;
use crate::pool::pool_response;
use crate::state::{
    locked_native, Pool, WrappedCoin, CW20_CODE_ID, LOCKED_CW20, POOLS, POOL_BY_DENOM,
    POOL_BY_LP_TOKEN, POOL_BY_TOKEN, WRAPPED, WRAPPED_BY_TOKEN,
};

/// Longest coin name, in bytes (the token's label adds 15 bytes and wasmd
/// allows 128).
pub const COIN_NAME_MAX_BYTES: usize = 96;

/// The pool of a coin, as given to `register_pool`.
pub struct NewPool {
    /// The pooled coin's name.
    pub coin_name: String,
    /// The coin on this chain.
    pub asset: PooledAsset,
    /// The LP token's name, symbol and decimals.
    pub lp_token: NewWrappedToken,
    /// The rebalancing fee; Stargate's when absent.
    pub curve: Option<RebalanceCurve>,
}

/// A `cw20-base` token the vault instantiates (a wrapped or an LP token), as
/// given to `register_wrapped_token` (`coin_name` is the coin it stands for).
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

/// The `instantiate2` salt of a pool's LP token: `sha256("pool-lp\0" ‖
/// coin_name)`. A coin name holds no control character, so no coin's
/// wrapped-token salt is ever an LP token's.
pub fn lp_token_salt(coin_name: &str) -> Binary {
    let mut hasher = Sha256::new();
    hasher.update(b"pool-lp\0");
    hasher.update(coin_name.as_bytes());
    Binary::new(hasher.finalize().to_vec())
}

/// What the vault already uses `token` as, if anything: a home token it
/// locks, a wrapped or an LP token it instantiated, a pool's asset.
fn known_token(storage: &dyn Storage, token: &Addr) -> Result<Option<String>, ContractError> {
    Ok(if LOCKED_CW20.has(storage, token) {
        Some("a registered home token".to_string())
    } else if let Some(coin_name) = WRAPPED_BY_TOKEN.may_load(storage, token)? {
        Some(format!("the wrapped token of {coin_name:?}"))
    } else if let Some(coin_name) = POOL_BY_LP_TOKEN.may_load(storage, token)? {
        Some(format!("the LP token of the pool of {coin_name:?}"))
    } else {
        POOL_BY_TOKEN
            .may_load(storage, token)?
            .map(|coin_name| format!("the asset of the pool of {coin_name:?}"))
    })
}

/// The `instantiate2` of a `cw20-base` token with the vault as its only
/// minter and admin, and the token's address (predictable, so no reply is
/// needed). The address must be new to the vault's books: a fresh salt
/// cannot give the address of an existing contract, but the indexes must
/// never disagree, so this is checked, not assumed.
fn instantiate_vault_token(
    deps: &DepsMut,
    env: &Env,
    salt: Binary,
    label: String,
    token: &NewWrappedToken,
) -> Result<(Addr, WasmMsg), ContractError> {
    let code_id = CW20_CODE_ID.load(deps.storage)?;
    let checksum = deps.querier.query_wasm_code_info(code_id)?.checksum;
    let creator = deps.api.addr_canonicalize(env.contract.address.as_str())?;
    let canonical = instantiate2_address(checksum.as_slice(), &creator, &salt).map_err(|err| {
        ContractError::TokenAddress {
            reason: err.to_string(),
        }
    })?;
    let address = deps.api.addr_humanize(&canonical)?;
    if let Some(coin_name) = WRAPPED_BY_TOKEN.may_load(deps.storage, &address)? {
        return Err(ContractError::WrappedCoinExists {
            coin_name,
            token: address.to_string(),
        });
    }
    if LOCKED_CW20.has(deps.storage, &address) {
        return Err(ContractError::HomeTokenExists {
            token: address.to_string(),
        });
    }
    if let Some(known_as) = known_token(deps.storage, &address)? {
        return Err(ContractError::AssetInUse {
            asset: address.to_string(),
            known_as,
        });
    }
    let instantiate = WasmMsg::Instantiate2 {
        admin: Some(env.contract.address.to_string()),
        code_id,
        label,
        msg: to_json_binary(&Cw20BaseInstantiateMsg {
            name: token.name.clone(),
            symbol: token.symbol.clone(),
            decimals: token.decimals,
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
    Ok((address, instantiate))
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

    let (token, instantiate) = instantiate_vault_token(
        &deps,
        env,
        wrapped_token_salt(&new.coin_name),
        format!("cw-btp wrapped {}", new.coin_name),
        &new,
    )?;
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
    if let Some(known_as) = known_token(deps.storage, &token)? {
        return Err(ContractError::AssetInUse {
            asset: token.to_string(),
            known_as,
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

/// Creates the pool of a coin issued on several chains, and its LP token.
/// The response's data is the JSON `PoolResponse`.
pub fn register_pool(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    new: NewPool,
) -> Result<Response, ContractError> {
    ensure_handler(deps.storage, info.sender.as_str(), "register_pool")?;
    ensure_no_funds(&info.funds, "register_pool")?;
    validate_coin_name(&new.coin_name)?;
    validate_token_info(&new.lp_token)?;
    let curve = new.curve.unwrap_or_default();
    if let Some(reason) = curve.invalid_reason() {
        return Err(ContractError::InvalidCurve {
            coin_name: new.coin_name,
            reason,
        });
    }
    if let Some(existing) = POOLS.may_load(deps.storage, &new.coin_name)? {
        return Err(ContractError::PoolExists {
            coin_name: new.coin_name,
            lp_token: existing.lp_token.to_string(),
        });
    }
    let asset = match &new.asset {
        PooledAsset::Native { denom } => {
            if let Some(coin_name) = POOL_BY_DENOM.may_load(deps.storage, denom)? {
                return Err(ContractError::AssetInUse {
                    asset: new.asset.to_string(),
                    known_as: format!("the asset of the pool of {coin_name:?}"),
                });
            }
            // Native home coins are locked without registration: what the
            // vault holds of the denom is their escrow.
            let held = locked_native(deps.as_ref(), env, denom)?;
            if !held.is_zero() {
                return Err(ContractError::PooledDenomInUse {
                    denom: denom.clone(),
                    held,
                });
            }
            POOL_BY_DENOM.save(deps.storage, denom, &new.coin_name)?;
            new.asset.clone()
        }
        PooledAsset::Cw20 { address } => {
            let token = deps.api.addr_validate(address)?;
            if let Some(known_as) = known_token(deps.storage, &token)? {
                return Err(ContractError::AssetInUse {
                    asset: new.asset.to_string(),
                    known_as,
                });
            }
            deps.querier
                .query_wasm_smart::<TokenInfoResponse>(&token, &Cw20QueryMsg::TokenInfo {})
                .map_err(|err| ContractError::NotACw20 {
                    token: token.to_string(),
                    reason: err.to_string(),
                })?;
            POOL_BY_TOKEN.save(deps.storage, &token, &new.coin_name)?;
            PooledAsset::Cw20 {
                address: token.into_string(),
            }
        }
    };
    let (lp_token, instantiate) = instantiate_vault_token(
        &deps,
        env,
        lp_token_salt(&new.coin_name),
        format!("cw-btp pool {}", new.coin_name),
        &new.lp_token,
    )?;
    let pool = Pool {
        asset,
        lp_token: lp_token.clone(),
        curve,
        balance: Uint128::zero(),
        pending_out: Uint128::zero(),
        liquidity: Uint128::zero(),
        shares: Uint128::zero(),
        deposited: Uint128::zero(),
        withdrawn: Uint128::zero(),
        lp_fees: Uint128::zero(),
        rebalance_fees: Uint128::zero(),
    };
    POOLS.save(deps.storage, &new.coin_name, &pool)?;
    POOL_BY_LP_TOKEN.save(deps.storage, &lp_token, &new.coin_name)?;
    let event = PoolRegistered {
        coin_name: new.coin_name.clone(),
        asset: pool.asset.to_string(),
        lp_token: lp_token.to_string(),
    };
    let data = to_json_binary(&pool_response(new.coin_name.clone(), pool)?)?;
    Ok(Response::new()
        .add_message(instantiate)
        .set_data(data)
        .add_attribute("action", "register_pool")
        .add_attribute("coin_name", new.coin_name)
        .add_attribute("lp_token", lp_token)
        .add_event(event.to_event()))
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
