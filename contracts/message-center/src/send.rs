//! `send_message`: a registered handler hands a message to the transport.

use btp_types::message::validate_service_name;
use btp_types::msg::message_center::{SendMessageResponse, MESSAGE_CENTER_SERVICE};
use btp_types::{BtpMessage, FeeInfo, NetworkAddress};
use contract_kit::pause::ensure_running;
use cosmwasm_std::{
    to_json_binary, Binary, DepsMut, Env, MessageInfo, Response, Timestamp, Uint128,
};

use crate::commit::{commit_on_link, next_nsn};
use crate::error::ContractError;
use crate::reward::credit_fee_ledger;
use crate::state::{Link, PendingRequest, CONFIG, LINKS, PENDING_REQUESTS, SERVICES};

/// The fee a message to `link` costs: the forward hop, plus the way back for requests.
pub fn fee_for(link: &Link, expects_reply: bool) -> Result<Uint128, ContractError> {
    if expects_reply {
        link.forward_fee
            .checked_add(link.backward_fee)
            .map_err(|_| ContractError::Overflow { what: "fee" })
    } else {
        Ok(link.forward_fee)
    }
}

/// Refuses anything but exactly `required` of the fee denom: an overpayment
/// would be kept by nobody's decision, an underpayment would cheat relayers.
pub fn check_fee(info: &MessageInfo, denom: &str, required: Uint128) -> Result<(), ContractError> {
    if let Some(other) = info.funds.iter().find(|coin| coin.denom != denom) {
        return Err(ContractError::UnexpectedFunds {
            denom: denom.to_string(),
            other: other.to_string(),
        });
    }
    let paid = info
        .funds
        .iter()
        .try_fold(Uint128::zero(), |sum, coin| sum.checked_add(coin.amount))
        .map_err(|_| ContractError::Overflow { what: "funds" })?;
    if paid != required {
        return Err(ContractError::WrongFee {
            required,
            paid,
            denom: denom.to_string(),
        });
    }
    Ok(())
}

/// A message a handler asks to send.
pub struct Outgoing {
    pub to: NetworkAddress,
    pub svc: String,
    pub sn: i64,
    pub payload: Binary,
    pub timeout: Option<Timestamp>,
}

pub fn send_message(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    outgoing: Outgoing,
) -> Result<Response, ContractError> {
    let Outgoing {
        to,
        svc,
        sn,
        payload,
        timeout,
    } = outgoing;
    ensure_running(deps.storage, "sending")?;
    validate_service_name(&svc)?;
    if svc == MESSAGE_CENTER_SERVICE {
        return Err(ContractError::ReservedService { svc });
    }
    match SERVICES.may_load(deps.storage, &svc)? {
        Some(handler) if handler == info.sender => {}
        _ => {
            return Err(ContractError::NotServiceHandler {
                sender: info.sender.to_string(),
                svc,
            })
        }
    }
    if sn < 0 {
        return Err(ContractError::NegativeSn { sn });
    }
    let config = CONFIG.load(deps.storage)?;
    let link = LINKS
        .may_load(deps.storage, to.as_str())?
        .ok_or_else(|| ContractError::NoLink {
            network: to.to_string(),
        })?;
    if !link.open {
        return Err(ContractError::LinkClosed { network: to });
    }
    if let Some(timeout) = timeout {
        if timeout <= env.block.time {
            return Err(ContractError::TimeoutInThePast {
                timeout,
                now: env.block.time,
            });
        }
    }
    let expects_reply = sn > 0;
    let fee = fee_for(&link, expects_reply)?;
    check_fee(info, &config.fee_denom, fee)?;
    credit_fee_ledger(deps.storage, &to, fee)?;

    let mut fee_values = vec![link.forward_fee];
    if expects_reply {
        fee_values.push(link.backward_fee);
    }
    let message = BtpMessage {
        src: config.network.clone(),
        dst: to,
        svc,
        sn,
        payload,
        nsn: next_nsn(deps.storage)?,
        fee_info: Some(FeeInfo {
            network: config.network,
            values: fee_values,
        }),
    };
    let committed = commit_on_link(deps.storage, &link, &message, timeout)?;
    if expects_reply {
        PENDING_REQUESTS.save(
            deps.storage,
            message.nsn,
            &PendingRequest {
                network: message.dst.clone(),
                remote_message_center: committed.counterpart.center,
                sequence: committed.sequence,
                svc: message.svc.clone(),
                sn,
                handler: info.sender.clone(),
                timeout,
            },
        )?;
    }
    let sequence = committed.sequence;
    Ok(Response::new()
        .add_attribute("action", "send_message")
        .add_event(committed.event)
        .set_data(to_json_binary(&SendMessageResponse {
            sequence,
            nsn: message.nsn,
        })?))
}
