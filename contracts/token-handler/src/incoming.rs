//! Transfer requests arriving from other chains. A request is completed
//! whole (release or mint of every coin to the receiver) or refused whole
//! with an error code, changing nothing: the message center turns the answer
//! into the reply, and the sender's chain refunds on a refusal.

use btp_types::error_code::{
    TOKEN_BLACKLISTED, TOKEN_INVALID_RECEIVER, TOKEN_INVALID_REQUEST, TOKEN_LIMIT_EXCEEDED,
    TOKEN_PAUSED, TOKEN_POOL_SHORT, TOKEN_UNKNOWN_COIN,
};
use btp_types::events::token_handler::{TransferReceived, TransferRefused};
use btp_types::events::TypedEvent;
use btp_types::msg::service_handler::{BatchAnswers, IncomingMessage};
use btp_types::msg::token_handler::CoinOrigin;
use btp_types::msg::token_vault::Movement;
use btp_types::token_service::TOKEN_SERVICE;
use btp_types::{NetworkAddress, TokenServiceMessage};
use contract_kit::pause::is_paused;
use contract_kit::service;
use cosmwasm_std::{to_json_binary, Binary, DepsMut, Env, MessageInfo, Response};

use crate::coins::{fit_limits, settle};
use crate::error::ContractError;
use crate::pool::PoolBook;
use crate::send::assets_attribute;
use crate::state::{BLACKLIST, COINS, INCOMING, OUTSTANDING, SERVICE};

/// The request refused with `code` (the reply `[code, reason]`), and the event that says so.
fn refuse(sn: i64, code: u32, reason: String) -> Response {
    service::refuse(code, reason.clone())
        .add_attribute("action", "refuse_transfer")
        .add_event(TransferRefused { sn, code, reason }.to_event())
}

/// `handle_btp_message`: one transfer request, completed with one vault call.
pub fn handle_btp_message(
    mut deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    src: NetworkAddress,
    svc: String,
    sn: i64,
    payload: Binary,
) -> Result<Response, ContractError> {
    // The message center is the only source of proven messages.
    SERVICE.ensure_message_center(deps.storage, &info.sender)?;
    let mut accepted = Accepted::default();
    let response = receive_transfer(deps.branch(), env, &src, &svc, sn, &payload, &mut accepted)?;
    settle(deps.storage, response, accepted.movements)
}

/// `handle_btp_messages`: a batch of transfer requests, each completed or
/// refused as `handle_btp_message` would, all completed with one vault call.
/// The data answers each request (`service_handler::BatchAnswers`).
pub fn handle_btp_messages(
    mut deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    src: NetworkAddress,
    svc: String,
    messages: Vec<IncomingMessage>,
) -> Result<Response, ContractError> {
    SERVICE.ensure_message_center(deps.storage, &info.sender)?;
    let mut accepted = Accepted::default();
    let mut answers: BatchAnswers = Vec::with_capacity(messages.len());
    let mut batch = Response::new();
    for message in messages {
        let mut answered = receive_transfer(
            deps.branch(),
            env,
            &src,
            &svc,
            message.sn,
            &message.payload,
            &mut accepted,
        )?;
        answers.push(answered.data.take());
        batch.attributes.extend(answered.attributes);
        batch.events.extend(answered.events);
    }
    settle(
        deps.storage,
        batch.set_data(to_json_binary(&answers)?),
        accepted.movements,
    )
}

/// What the requests of one delivery accepted so far.
#[derive(Default)]
struct Accepted {
    /// The vault movements that complete them.
    movements: Vec<Movement>,
    /// The pools they are paid from, as those payments leave them.
    pools: PoolBook,
}

/// One transfer request: refused with a code (the response's data, no
/// change made), or accepted, its vault movements and pool payments added
/// to `accepted`.
fn receive_transfer(
    deps: DepsMut,
    env: &Env,
    src: &NetworkAddress,
    svc: &str,
    sn: i64,
    payload: &Binary,
    delivery: &mut Accepted,
) -> Result<Response, ContractError> {
    let src = src.clone();
    // Another service's message is refused with a code, not failed.
    if svc != TOKEN_SERVICE {
        return Ok(refuse(
            sn,
            TOKEN_INVALID_REQUEST,
            format!("service {svc:?} is not {TOKEN_SERVICE:?}"),
        ));
    }
    if is_paused(deps.storage)? {
        return Ok(refuse(
            sn,
            TOKEN_PAUSED,
            "transfers are paused on the receiving chain".into(),
        ));
    }
    let request = match TokenServiceMessage::decode(payload) {
        Ok(TokenServiceMessage::Transfer(request)) => request,
        Ok(other) => {
            let reason = format!("service type {} is not a request", other.service_type());
            return Ok(refuse(sn, TOKEN_INVALID_REQUEST, reason));
        }
        Err(err) => return Ok(refuse(sn, TOKEN_INVALID_REQUEST, err.to_string())),
    };
    let Ok(receiver) = deps.api.addr_validate(&request.to) else {
        let reason = format!("{:?} is not an account of this chain", request.to);
        return Ok(refuse(sn, TOKEN_INVALID_RECEIVER, reason));
    };
    if BLACKLIST.has(deps.storage, &receiver) {
        return Ok(refuse(
            sn,
            TOKEN_BLACKLISTED,
            format!("receiver {receiver} is blacklisted"),
        ));
    }

    // Check every coin before changing anything: a refusal must leave no trace.
    let now = env.block.time.seconds();
    let mut windows = vec![];
    let mut outstanding = vec![];
    let mut pool_payments = vec![];
    let mut accepted = vec![];
    for (index, asset) in request.assets.iter().enumerate() {
        if request
            .assets
            .iter()
            .take(index)
            .any(|earlier| earlier.coin_name == asset.coin_name)
        {
            let reason = format!("coin {} appears twice", asset.coin_name);
            return Ok(refuse(sn, TOKEN_INVALID_REQUEST, reason));
        }
        let Some(coin) = COINS.may_load(deps.storage, &asset.coin_name)? else {
            return Ok(refuse(
                sn,
                TOKEN_UNKNOWN_COIN,
                format!("coin {} is not registered", asset.coin_name),
            ));
        };
        if asset.amount.is_zero() {
            return Ok(refuse(
                sn,
                TOKEN_INVALID_REQUEST,
                format!("zero amount of {}", asset.coin_name),
            ));
        }
        match fit_limits(
            deps.storage,
            &asset.coin_name,
            &coin.limits,
            INCOMING,
            asset.amount,
            now,
        ) {
            Ok(window) => windows.extend(window),
            Err(err) => return Ok(refuse(sn, TOKEN_LIMIT_EXCEEDED, err.to_string())),
        }
        let message = match &coin.origin {
            CoinOrigin::Foreign { home_network, .. } => {
                // Only the coin's home chain holds what backs new wrapped tokens.
                if *home_network != src {
                    let reason = format!(
                        "coin {} comes from {home_network}, not {src}",
                        asset.coin_name
                    );
                    return Ok(refuse(sn, TOKEN_UNKNOWN_COIN, reason));
                }
                Movement::Mint {
                    coin_name: asset.coin_name.clone(),
                    recipient: receiver.to_string(),
                    amount: asset.amount,
                }
            }
            CoinOrigin::NativeHome { .. } | CoinOrigin::Cw20Home { .. } => {
                // A chain can only send back what was sent to it.
                let sent = OUTSTANDING
                    .may_load(deps.storage, (&asset.coin_name, src.as_str()))?
                    .unwrap_or_default();
                let Ok(left) = sent.checked_sub(asset.amount) else {
                    let reason = format!(
                        "{src} returns {} {} but only {sent} was sent there",
                        asset.amount, asset.coin_name
                    );
                    return Ok(refuse(sn, TOKEN_LIMIT_EXCEEDED, reason));
                };
                outstanding.push((asset.coin_name.clone(), left));
                Movement::Release {
                    recipient: receiver.to_string(),
                    asset: coin.asset.clone(),
                    amount: asset.amount,
                }
            }
            CoinOrigin::Pooled { .. } => {
                // Any chain of the pool may send it; the pool here pays.
                let pool = delivery.pools.view(deps.as_ref(), &asset.coin_name)?;
                let Some((_, after)) = pool.pay(asset.amount)? else {
                    let reason = format!(
                        "the pool of {} here has {} available, less than {}",
                        asset.coin_name, pool.available, asset.amount
                    );
                    return Ok(refuse(sn, TOKEN_POOL_SHORT, reason));
                };
                pool_payments.push((asset.coin_name.clone(), after));
                Movement::PoolPay {
                    coin_name: asset.coin_name.clone(),
                    recipient: receiver.to_string(),
                    amount: asset.amount,
                }
            }
        };
        accepted.push(message);
    }

    for window in windows {
        window.save(deps.storage)?;
    }
    for (coin_name, left) in outstanding {
        OUTSTANDING.save(deps.storage, (&coin_name, src.as_str()), &left)?;
    }
    for (coin_name, after) in pool_payments {
        delivery.pools.set(&coin_name, after);
    }
    let assets = assets_attribute(
        request
            .assets
            .iter()
            .map(|asset| (asset.coin_name.as_str(), asset.amount)),
    );
    delivery.movements.extend(accepted);
    Ok(Response::new()
        .add_attribute("action", "complete_transfer")
        .add_event(
            TransferReceived {
                sn,
                from: request.from.to_string(),
                receiver: receiver.to_string(),
                network: src.to_string(),
                assets,
            }
            .to_event(),
        ))
}
