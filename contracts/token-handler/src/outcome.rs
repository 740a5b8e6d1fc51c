//! The reply to a transfer this handler sent: success finalises it, an error
//! refunds the sender (net of the fee) exactly once. The pending transfer is
//! removed before anything is paid, so a second reply finds nothing to do.
//! A timeout (code `TIMED_OUT`: the destination refused the request as late,
//! or this chain's message center resolved it by proof of non-receipt) is an
//! error reply like any other: it refunds once, and its event says
//! `timed_out = true`. A refund also gives back the room the transfer took
//! in the coin's sending rate limit (see `rate_limit`).

use btp_types::error_code::{SUCCESS, TIMED_OUT};
use btp_types::events::token_handler::{RefundDeferred, TransferCompleted, TransferRefunded};
use btp_types::events::TypedEvent;
use btp_types::msg::service_handler::IncomingReply;
use btp_types::msg::token_handler::CoinOrigin;
use btp_types::msg::token_vault::{ExecuteMsg as VaultMsg, Movement};
use btp_types::NetworkAddress;
use contract_kit::service::Outcome;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    from_json, to_json_binary, DepsMut, MessageInfo, Reply, Response, SubMsg, SubMsgResult, Uint128,
};

use crate::coins::{load_coin, settle, vault_call};
use crate::error::ContractError;
use crate::rate_limit::refund_outgoing;
use crate::send::{assets_attribute, net_amounts};
use crate::state::{CONFIG, OUTSTANDING, PENDING_BY_SENDER, REFUNDS, SERVICE};

/// Reply id of a refund paid by the vault.
pub const REFUND_REPLY_ID: u64 = 2;

/// What a failed refund must remember, carried in the submessage payload.
#[cw_serde]
pub struct RefundContext {
    pub sender: String,
    pub coin_name: String,
    pub amount: Uint128,
}

/// `handle_btp_reply`: the outcome of transfer `sn`, taken from the message
/// center once (`SERVICE.take_reply`: only from the network it went to).
pub fn handle_btp_reply(
    mut deps: DepsMut,
    info: &MessageInfo,
    src: &NetworkAddress,
    svc: &str,
    reply: IncomingReply,
) -> Result<Response, ContractError> {
    let mut settlements = vec![];
    let response = resolve_transfer(deps.branch(), info, src, svc, reply, &mut settlements)?;
    settle(deps.storage, response, settlements)
}

/// `handle_btp_replies`: the outcomes of several transfers, each resolved as
/// `handle_btp_reply` would; the wrapped coins that arrived home are burned,
/// and the pooled coins that arrived confirmed, with one vault call.
pub fn handle_btp_replies(
    mut deps: DepsMut,
    info: &MessageInfo,
    src: &NetworkAddress,
    svc: &str,
    replies: Vec<IncomingReply>,
) -> Result<Response, ContractError> {
    let mut settlements = vec![];
    let mut batch = Response::new();
    for reply in replies {
        let resolved = resolve_transfer(deps.branch(), info, src, svc, reply, &mut settlements)?;
        batch.messages.extend(resolved.messages);
        batch.attributes.extend(resolved.attributes);
        batch.events.extend(resolved.events);
    }
    settle(deps.storage, batch, settlements)
}

/// One outcome: success finalises the transfer (its wrapped coins' burns and
/// its pooled coins' confirmations added to `settlements`), an error
/// refunds it.
fn resolve_transfer(
    deps: DepsMut,
    info: &MessageInfo,
    src: &NetworkAddress,
    svc: &str,
    reply: IncomingReply,
    settlements: &mut Vec<Movement>,
) -> Result<Response, ContractError> {
    let reply = SERVICE.take_reply(
        deps.storage,
        info,
        src,
        svc,
        reply.sn,
        reply.code,
        reply.message,
    )?;
    let Outcome {
        sn,
        request: pending,
        code,
        message,
    } = reply;
    let sender = deps.api.addr_validate(&pending.sender)?;
    PENDING_BY_SENDER.remove(deps.storage, (&sender, sn));
    let vault = CONFIG.load(deps.storage)?.vault;
    let assets = assets_attribute(net_amounts(&pending.assets));

    if code == SUCCESS {
        let response = Response::new().add_attribute("action", "complete_transfer_reply");
        for asset in &pending.assets {
            let coin = load_coin(deps.storage, &asset.coin_name)?;
            match coin.origin {
                // Wrapped coins that arrived home are gone for good here.
                CoinOrigin::Foreign { .. } => settlements.push(Movement::Burn {
                    coin_name: asset.coin_name.clone(),
                    amount: asset.net,
                }),
                // The pool no longer keeps them for a refund.
                CoinOrigin::Pooled { .. } => settlements.push(Movement::PoolConfirm {
                    coin_name: asset.coin_name.clone(),
                    amount: asset.net,
                }),
                CoinOrigin::NativeHome { .. } | CoinOrigin::Cw20Home { .. } => {}
            }
        }
        return Ok(response.add_event(
            TransferCompleted {
                sn,
                sender: sender.to_string(),
                assets,
            }
            .to_event(),
        ));
    }

    let timed_out = code == TIMED_OUT;
    let mut response = Response::new().add_attribute("action", "refund_transfer");
    for asset in &pending.assets {
        let coin = load_coin(deps.storage, &asset.coin_name)?;
        // What never left gives its room in the sending rate limit back.
        refund_outgoing(
            deps.storage,
            &asset.coin_name,
            pending.sent_at.seconds(),
            asset.rate_counted,
        )?;
        if let CoinOrigin::NativeHome { .. } | CoinOrigin::Cw20Home { .. } = coin.origin {
            // The reply came from the destination (`take_reply` checks it).
            let key = (asset.coin_name.as_str(), pending.to.network().as_str());
            let left = OUTSTANDING
                .may_load(deps.storage, key)?
                .unwrap_or_default()
                .checked_sub(asset.net)
                .map_err(|_| ContractError::Overflow {
                    what: "outstanding",
                })?;
            OUTSTANDING.save(deps.storage, key, &left)?;
        }
        let release = vault_call(
            &vault,
            &VaultMsg::Release {
                recipient: sender.to_string(),
                asset: coin.asset,
                amount: asset.net,
            },
        )?;
        // A refund the vault cannot pay now is kept claimable, never lost.
        let context = RefundContext {
            sender: sender.to_string(),
            coin_name: asset.coin_name.clone(),
            amount: asset.net,
        };
        response = response.add_submessage(
            SubMsg::reply_on_error(release, REFUND_REPLY_ID)
                .with_payload(to_json_binary(&context)?),
        );
    }
    Ok(response.add_event(
        TransferRefunded {
            sn,
            sender: sender.to_string(),
            code,
            reason: message.to_string(),
            assets,
            timed_out,
        }
        .to_event(),
    ))
}

/// A refund failed: credit it to the sender's claimable balance.
pub fn defer_refund(deps: DepsMut, reply: Reply) -> Result<Response, ContractError> {
    let context: RefundContext = from_json(&reply.payload)?;
    let error = match reply.result {
        SubMsgResult::Err(error) => error,
        SubMsgResult::Ok(_) => return Ok(Response::new()),
    };
    let sender = deps.api.addr_validate(&context.sender)?;
    let key = (&sender, context.coin_name.as_str());
    let total = REFUNDS
        .may_load(deps.storage, key)?
        .unwrap_or_default()
        .checked_add(context.amount)
        .map_err(|_| ContractError::Overflow { what: "refunds" })?;
    REFUNDS.save(deps.storage, key, &total)?;
    Ok(Response::new().add_event(
        RefundDeferred {
            sender: sender.to_string(),
            coin: context.coin_name,
            amount: context.amount,
            reason: error,
        }
        .to_event(),
    ))
}
