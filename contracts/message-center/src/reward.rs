//! Relay rewards: claimed where they were earned, paid where the fees were
//! paid. Rewards in this chain's fee currency are paid here; rewards in a
//! remote network's currency are claimed with a `ClaimReward` message that
//! the remote message center pays out.

use btp_types::msg::message_center::MESSAGE_CENTER_SERVICE;
use btp_types::{BtpMessage, MessageCenterMessage, NetworkAddress};
use cosmwasm_std::{
    coins, Addr, BankMsg, Binary, DepsMut, Env, Event, MessageInfo, Response, Storage, Uint128,
};

use crate::commit::{commit_message, next_nsn};
use crate::delivery::{fail, DeliveryContext};
use crate::error::ContractError;
use crate::state::{Config, CONFIG, REWARDS};
use btp_types::error_code::UNKNOWN;

pub fn claim_reward(
    deps: DepsMut,
    info: &MessageInfo,
    network: NetworkAddress,
    receiver: Option<String>,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let key = (network.as_str(), &info.sender);
    let amount = REWARDS.may_load(deps.storage, key)?.unwrap_or_default();
    if amount.is_zero() {
        return Err(ContractError::NoReward { network });
    }
    // Zeroed before paying: the claim cannot be made twice, whatever follows.
    REWARDS.remove(deps.storage, key);
    let response = Response::new()
        .add_attribute("action", "claim_reward")
        .add_attribute("network", network.as_str())
        .add_attribute("relayer", &info.sender)
        .add_attribute("amount", amount);

    if network == config.network {
        let receiver = match receiver {
            Some(receiver) => deps.api.addr_validate(&receiver)?,
            None => info.sender.clone(),
        };
        return Ok(response
            .add_attribute("receiver", &receiver)
            .add_message(BankMsg::Send {
                to_address: receiver.into(),
                amount: coins(amount.u128(), config.fee_denom),
            }));
    }
    // The remote chain's account cannot be derived from the sender's here.
    let receiver = receiver.ok_or_else(|| {
        cosmwasm_std::StdError::generic_err(
            "a claim of rewards in a remote network's currency needs the receiver's account there",
        )
    })?;
    let claim = BtpMessage {
        src: config.network.clone(),
        dst: network,
        svc: MESSAGE_CENTER_SERVICE.to_string(),
        sn: 0,
        payload: Binary::new(
            MessageCenterMessage::ClaimReward {
                amount,
                receiver: receiver.clone(),
            }
            .encode(),
        ),
        nsn: next_nsn(deps.storage)?,
        fee_info: None,
    };
    let (sequence, event) = commit_message(deps.storage, &claim)?;
    Ok(response
        .add_attribute("receiver", receiver)
        .add_attribute("claim_sequence", sequence.to_string())
        .add_event(event))
}

/// A proven message from a remote message center to this one.
pub fn handle_message_center_message(
    deps: &mut DepsMut,
    env: &Env,
    config: &Config,
    context: &DeliveryContext,
    message: &BtpMessage,
    response: Response,
) -> Result<Response, ContractError> {
    // Only what a message center sends is understood; nothing here reaches
    // an owner function, whatever the payload says.
    let claim = match MessageCenterMessage::decode(&message.payload) {
        Ok(claim) if message.sn == 0 => claim,
        Ok(_) => {
            let reason = "message center messages are one-way";
            return fail(deps.storage, config, context, UNKNOWN, reason, response);
        }
        Err(err) => {
            let reason = format!("not a message center message: {err}");
            return fail(deps.storage, config, context, UNKNOWN, &reason, response);
        }
    };
    let MessageCenterMessage::ClaimReward { amount, receiver } = claim;
    let Ok(receiver) = deps.api.addr_validate(&receiver) else {
        let reason = format!("reward receiver {receiver:?} is not an account of this chain");
        return fail(deps.storage, config, context, UNKNOWN, &reason, response);
    };
    let balance = deps
        .querier
        .query_balance(&env.contract.address, &config.fee_denom)?
        .amount;
    if balance >= amount {
        return Ok(response
            .add_message(BankMsg::Send {
                to_address: receiver.to_string(),
                amount: coins(amount.u128(), &config.fee_denom),
            })
            .add_event(reward_event("btp_reward_paid", context, &receiver, amount)));
    }
    // Never lost: kept as a local reward the receiver can claim once fees arrive.
    add_reward(deps.storage, &config.network, &receiver, amount)?;
    Ok(response.add_event(reward_event(
        "btp_reward_deferred",
        context,
        &receiver,
        amount,
    )))
}

/// Adds to what `receiver` may claim in `network`'s fee currency.
pub fn add_reward(
    storage: &mut dyn Storage,
    network: &NetworkAddress,
    receiver: &Addr,
    amount: Uint128,
) -> Result<(), ContractError> {
    let key = (network.as_str(), receiver);
    let total = REWARDS
        .may_load(storage, key)?
        .unwrap_or_default()
        .checked_add(amount)
        .map_err(|_| ContractError::Overflow { what: "reward" })?;
    REWARDS.save(storage, key, &total)?;
    Ok(())
}

fn reward_event(kind: &str, context: &DeliveryContext, receiver: &Addr, amount: Uint128) -> Event {
    Event::new(kind)
        .add_attribute("network", context.src.as_str())
        .add_attribute("sequence", context.sequence.to_string())
        .add_attribute("receiver", receiver)
        .add_attribute("amount", amount)
}
