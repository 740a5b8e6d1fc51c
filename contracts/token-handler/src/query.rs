//! Read-only answers.

use btp_types::msg::token_handler::{
    ClaimableRefund, CoinResponse, ConfigResponse, PendingTransfer, TransferFeeResponse,
    UsageResponse,
};
use cosmwasm_std::{Deps, Env, Order, StdError, StdResult, Uint128};

use crate::coins::{load_coin, split_fee};
use crate::rate_limit::counted;
use crate::state::{
    Coin, BLACKLIST, COINS, CONFIG, FEES, INCOMING, OUTGOING, PENDING_BY_SENDER, REFUNDS, SERVICE,
};

fn std_error(err: crate::ContractError) -> StdError {
    StdError::generic_err(err.to_string())
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let config = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        message_center: SERVICE.message_center(deps.storage)?.into(),
        vault: config.vault.into(),
        network: config.network,
        paused: contract_kit::pause::is_paused(deps.storage)?,
        default_timeout_secs: config.default_timeout_secs,
    })
}

fn coin_response(coin_name: String, coin: Coin) -> CoinResponse {
    CoinResponse {
        coin_name,
        origin: coin.origin,
        asset: coin.asset,
        token: coin.token.map(String::from),
        fee: coin.fee,
        limits: coin.limits,
    }
}

pub fn coin(deps: Deps, coin_name: String) -> StdResult<CoinResponse> {
    let coin = load_coin(deps.storage, &coin_name).map_err(std_error)?;
    Ok(coin_response(coin_name, coin))
}

pub fn coins(deps: Deps) -> StdResult<Vec<CoinResponse>> {
    COINS
        .range(deps.storage, None, None, Order::Ascending)
        .map(|entry| entry.map(|(name, coin)| coin_response(name, coin)))
        .collect()
}

pub fn transfer_fee(
    deps: Deps,
    coin_name: String,
    amount: Uint128,
) -> StdResult<TransferFeeResponse> {
    let coin = load_coin(deps.storage, &coin_name).map_err(std_error)?;
    let (fee, net) = split_fee(&coin_name, &coin, amount).map_err(std_error)?;
    Ok(TransferFeeResponse { fee, net })
}

pub fn usage(deps: Deps, env: &Env, coin_name: String) -> StdResult<UsageResponse> {
    let coin = load_coin(deps.storage, &coin_name).map_err(std_error)?;
    let now = env.block.time.seconds();
    let used = |direction| -> StdResult<Uint128> {
        match &coin.limits.rate_limit {
            None => Ok(Uint128::zero()),
            Some(rate) => counted(deps.storage, &coin_name, direction, rate.window_secs, now)
                .map_err(std_error),
        }
    };
    Ok(UsageResponse {
        sent_in_window: used(OUTGOING)?,
        received_in_window: used(INCOMING)?,
        limits: coin.limits.clone(),
    })
}

pub fn pending_transfer(deps: Deps, sn: i64) -> StdResult<PendingTransfer> {
    SERVICE
        .pending(deps.storage, sn)?
        .ok_or_else(|| StdError::not_found(format!("pending transfer {sn}")))
}

pub fn pending_transfers(deps: Deps, sender: String) -> StdResult<Vec<PendingTransfer>> {
    let sender = deps.api.addr_validate(&sender)?;
    PENDING_BY_SENDER
        .prefix(&sender)
        .keys(deps.storage, None, None, Order::Ascending)
        .map(|sn| pending_transfer(deps, sn?))
        .collect()
}

pub fn claimable_refunds(deps: Deps, account: String) -> StdResult<Vec<ClaimableRefund>> {
    let account = deps.api.addr_validate(&account)?;
    REFUNDS
        .prefix(&account)
        .range(deps.storage, None, None, Order::Ascending)
        .map(|entry| entry.map(|(coin_name, amount)| ClaimableRefund { coin_name, amount }))
        .collect()
}

pub fn blacklisted(deps: Deps, address: String) -> StdResult<bool> {
    Ok(BLACKLIST.has(deps.storage, &deps.api.addr_validate(&address)?))
}

pub fn collected_fees(deps: Deps, coin_name: String) -> StdResult<Uint128> {
    Ok(FEES.may_load(deps.storage, &coin_name)?.unwrap_or_default())
}
