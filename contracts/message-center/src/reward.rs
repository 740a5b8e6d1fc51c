//! Relay rewards: claimed where they were earned, paid where the fees were
//! paid. Rewards in this chain's fee currency are paid here; rewards in a
//! remote network's currency are claimed with a `ClaimReward` message that
//! the remote message center pays out.
//!
//! Every fee paid here is ledgered under the network the message went to
//! ([`FEE_LEDGER`]), and a reward for that network's traffic is paid from
//! that entry alone: a compromised link or light client can take at most
//! what was paid for its own network, never the fees of another.

use btp_types::msg::message_center::MESSAGE_CENTER_SERVICE;
use btp_types::{BtpMessage, MessageCenterMessage, NetworkAddress};
use cosmwasm_std::{
    coins, Addr, BankMsg, Binary, DepsMut, Event, MessageInfo, Response, Storage, Uint128,
};

use crate::commit::{commit_message, next_nsn};
use crate::delivery::{fail, DeliveryContext};
use crate::error::ContractError;
use crate::state::{Config, CONFIG, FEE_LEDGER, REWARDS};
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
    let committed = commit_message(deps.storage, &claim, None)?;
    Ok(response
        .add_attribute("receiver", receiver)
        .add_attribute("claim_sequence", committed.sequence.to_string())
        .add_event(committed.event))
}

/// A proven message from a remote message center to this one.
pub fn handle_message_center_message(
    deps: &mut DepsMut,
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
    if let Err(refused) = debit_fee_ledger(deps.storage, &context.src, amount)? {
        return Ok(response.add_event(refused.event(
            &receiver,
            "the claim exceeds the fees paid here for that network",
        )));
    }
    Ok(response
        .add_message(BankMsg::Send {
            to_address: receiver.to_string(),
            amount: coins(amount.u128(), &config.fee_denom),
        })
        .add_event(reward_event("btp_reward_paid", context, &receiver, amount)))
}

/// Records `amount` of relay fees paid here for a message to `network`.
pub fn credit_fee_ledger(
    storage: &mut dyn Storage,
    network: &NetworkAddress,
    amount: Uint128,
) -> Result<(), ContractError> {
    if amount.is_zero() {
        return Ok(());
    }
    let total = FEE_LEDGER
        .may_load(storage, network.as_str())?
        .unwrap_or_default()
        .checked_add(amount)
        .map_err(|_| ContractError::Overflow { what: "fee ledger" })?;
    FEE_LEDGER.save(storage, network.as_str(), &total)?;
    Ok(())
}

/// A payout the ledger of its network cannot cover.
pub struct Refused {
    network: NetworkAddress,
    amount: Uint128,
    ledger: Uint128,
}

impl Refused {
    pub fn event(&self, receiver: &Addr, reason: &str) -> Event {
        Event::new("btp_reward_refused")
            .add_attribute("network", self.network.as_str())
            .add_attribute("receiver", receiver)
            .add_attribute("amount", self.amount)
            .add_attribute("ledger", self.ledger)
            .add_attribute("reason", reason)
    }
}

/// Takes `amount` from what was paid here for messages to `network`, or
/// leaves the ledger as it is and says why not.
pub fn debit_fee_ledger(
    storage: &mut dyn Storage,
    network: &NetworkAddress,
    amount: Uint128,
) -> Result<Result<(), Refused>, ContractError> {
    let ledger = FEE_LEDGER
        .may_load(storage, network.as_str())?
        .unwrap_or_default();
    let Ok(left) = ledger.checked_sub(amount) else {
        return Ok(Err(Refused {
            network: network.clone(),
            amount,
            ledger,
        }));
    };
    FEE_LEDGER.save(storage, network.as_str(), &left)?;
    Ok(Ok(()))
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
