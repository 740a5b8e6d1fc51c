//! `send_message`: a registered handler hands a message to the transport.

use btp_types::message::validate_service_name;
use btp_types::msg::message_center::{SendMessageResponse, MESSAGE_CENTER_SERVICE};
use btp_types::{BtpMessage, FeeInfo, NetworkAddress};
use contract_kit::pause::ensure_running;
use cosmwasm_std::{
    to_json_binary, Binary, DepsMut, Env, MessageInfo, Response, Timestamp, Uint128,
};

use crate::commit::{commit_on_hop, next_nsn};
use crate::error::ContractError;
use crate::reward::credit_fee_ledger;
use crate::route::next_hop;
use crate::state::{PendingRequest, CONFIG, PENDING_REQUESTS, SERVICES};

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
    let hop = next_hop(deps.storage, &to)?;
    if let Some(timeout) = timeout {
        if timeout <= env.block.time {
            return Err(ContractError::TimeoutInThePast {
                timeout,
                now: env.block.time,
            });
        }
    }
    let expects_reply = sn > 0;
    let fee = hop.fee(expects_reply)?;
    check_fee(info, &config.fee_denom, fee)?;
    credit_fee_ledger(deps.storage, &hop.network, fee)?;
    let fee_values = hop.fee_values(expects_reply);
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
    let committed = commit_on_hop(deps.storage, &hop, &message, timeout)?;
    if expects_reply {
        PENDING_REQUESTS.save(
            deps.storage,
            message.nsn,
            &PendingRequest {
                destination: hop.route.is_some().then(|| message.dst.clone()),
                network: committed.counterpart.network,
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
