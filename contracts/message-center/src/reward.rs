//! Relay rewards: claimed where they were earned, paid where the fees were
//! paid. Rewards in this chain's fee currency are paid here; rewards in a
//! remote network's currency are claimed with ICON's `Claim` message, which
//! the remote message center credits to the receiver and answers.
//!
//! The claim protocol is ICON BMC's (`btp2-java` `BTPMessageCenter`,
//! `btp2-solidity` `BMCService`):
//!
//! * A claim is a request: `sn = nsn > 0`, carrying the fees of both ways,
//!   paid by the claimer as for any request. The reward is zeroed at once and
//!   the claim kept in [`PENDING_CLAIMS`] under its `nsn`.
//! * The receiving center credits the amount as a reward of the receiver in
//!   its own currency (claimed there like any local reward) and answers with
//!   a `Response` message (`sn = 0`, `nsn = -nsn`, code 0), or with an error
//!   reply (`sn = -sn`) when it cannot credit it.
//! * The claiming center resolves the claim on either answer and gives the
//!   reward back to the claimer unless the code is 0. An answer naming no
//!   waiting claim is refused (an error reply if it is a request, else an
//!   event), as ICON's BMC throws "not exists request".
//! * `Init`, `Link` and `Unlink` (ICON's route announcements) are read and
//!   recorded in an event: routes here are set by the owner
//!   ([`crate::route`]), not announced.
//!
//! Every fee paid here is ledgered under the link the message left by
//! ([`FEE_LEDGER`]: the destination's, or the first hop of its route), and a
//! reward for that link's traffic is paid from that entry alone: a
//! compromised link or light client can take at most what was paid for
//! traffic over it, never the fees of another. A claim is debited from the
//! ledger of the link it came by when it is credited (the claiming
//! network's own, or the first hop of the route to it: every relayer of a
//! routed message claims back over the way the message went).

use btp_types::error_code::{SUCCESS, UNKNOWN};
use btp_types::events::message_center::{
    ClaimResult, RewardCredited, RewardRefused, RouteAnnouncementIgnored,
    ROUTE_ANNOUNCEMENT_IGNORED,
};
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::MESSAGE_CENTER_SERVICE;
use btp_types::{
    BtpMessage, CodecError, ErrorMessage, FeeInfo, MessageCenterMessage, MessageKind,
    NetworkAddress,
};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    coins, Addr, BankMsg, Binary, DepsMut, Event, MessageInfo, Response, Storage, Uint128,
};
use cw_storage_plus::Map;

use crate::commit::{commit_message, next_nsn};
use crate::delivery::{fail, DeliveryContext};
use crate::error::ContractError;
use crate::route::next_hop;
use crate::send::check_fee;
use crate::state::{Config, CONFIG, FEE_LEDGER, REWARDS};

/// A claim sent to a remote message center and not yet answered.
#[cw_serde]
pub struct PendingClaim {
    /// The network the claim went to (whose currency the reward is in).
    pub network: NetworkAddress,
    /// Who claimed: the reward goes back to them if the claim fails.
    pub claimer: Addr,
    /// The amount claimed.
    pub amount: Uint128,
}

/// Claims waiting for their answer, by the claim's `nsn` (ICON's `requests`).
pub const PENDING_CLAIMS: Map<i64, PendingClaim> = Map::new("pending_claims");

/// `claim_reward`: pays the sender's rewards in `network`'s currency, here
/// when `network` is this one, else by sending ICON's `Claim` to it (a
/// request: the fees of both ways must be attached, as for `send_message`).
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
    // A claim is a request, and its fees (both ways) are paid like any request's.
    let hop = next_hop(deps.storage, &network)?;
    let fee = hop.fee(true)?;
    check_fee(info, &config.fee_denom, fee)?;
    credit_fee_ledger(deps.storage, &hop.network, fee)?;
    let nsn = next_nsn(deps.storage)?;
    let claim = BtpMessage {
        src: config.network.clone(),
        dst: network.clone(),
        svc: MESSAGE_CENTER_SERVICE.to_string(),
        sn: nsn,
        payload: Binary::new(
            MessageCenterMessage::Claim {
                amount,
                receiver: receiver.clone(),
            }
            .encode(),
        ),
        nsn,
        fee_info: Some(FeeInfo {
            network: config.network,
            values: hop.fee_values(true),
        }),
    };
    let committed = commit_message(deps.storage, &claim, None)?;
    PENDING_CLAIMS.save(
        deps.storage,
        nsn,
        &PendingClaim {
            network,
            claimer: info.sender.clone(),
            amount,
        },
    )?;
    Ok(response
        .add_attribute("receiver", receiver)
        .add_attribute("claim_nsn", nsn.to_string())
        .add_attribute("claim_sequence", committed.sequence.to_string())
        .add_event(committed.event))
}

/// A proven message from a remote message center to this one.
pub fn handle_message_center_message(
    deps: &mut DepsMut,
    config: &Config,
    via: &NetworkAddress,
    context: &DeliveryContext,
    message: &BtpMessage,
    response: Response,
) -> Result<Response, ContractError> {
    // Only what a message center sends is understood; nothing here reaches
    // an owner function, whatever the payload says.
    if message.kind() == MessageKind::Reply {
        // An error reply to a claim sent from here (ICON: `handleBTPError`).
        let (code, text) = match ErrorMessage::decode(&message.payload) {
            Ok(outcome) => (outcome.code, outcome.message),
            // Any code other than 0 is a failure; one this chain cannot hold
            // is still one.
            Err(err @ CodecError::OutOfRange { .. }) => (UNKNOWN, err.to_string()),
            Err(err) => {
                let reason = format!("the reply's payload is not [code, message]: {err}");
                return fail(deps.storage, config, context, UNKNOWN, &reason, response);
            }
        };
        let nsn = message.nsn.checked_neg();
        return resolve_claim(deps.storage, config, context, nsn, code, &text, response);
    }
    let decoded = match MessageCenterMessage::decode(&message.payload) {
        Ok(decoded) => decoded,
        Err(err) => {
            let reason = format!("not a message center message: {err}");
            return fail(deps.storage, config, context, UNKNOWN, &reason, response);
        }
    };
    match decoded {
        MessageCenterMessage::Claim { amount, receiver } => {
            credit_claim(deps, config, via, context, amount, &receiver, response)
        }
        MessageCenterMessage::Response {
            code,
            message: text,
        } => {
            // ICON: `handleResponse(nsn.negate(), code)`.
            let nsn = message.nsn.checked_neg();
            resolve_claim(deps.storage, config, context, nsn, code, &text, response)
        }
        announcement @ (MessageCenterMessage::Init { .. }
        | MessageCenterMessage::Link { .. }
        | MessageCenterMessage::Unlink { .. }) => Ok(response.add_event(
            RouteAnnouncementIgnored {
                network: context.src.to_string(),
                sequence: context.sequence,
                kind: announcement.type_name().to_string(),
                reason: ROUTE_ANNOUNCEMENT_IGNORED.to_string(),
            }
            .to_event(),
        )),
    }
}

/// A remote center's claim: credit `amount` to `receiver` here, paid from
/// the fees paid here for messages over the link the claim came by (`via`:
/// the claiming network's, or the first hop of the route to it), and answer
/// with `Response`.
fn credit_claim(
    deps: &mut DepsMut,
    config: &Config,
    via: &NetworkAddress,
    context: &DeliveryContext,
    amount: Uint128,
    receiver: &str,
    response: Response,
) -> Result<Response, ContractError> {
    if context.sn <= 0 {
        // ICON's BMC can only answer a claim that is a request.
        let reason = "a claim must be a request (sn > 0)";
        return fail(deps.storage, config, context, UNKNOWN, reason, response);
    }
    let Ok(receiver) = deps.api.addr_validate(receiver) else {
        let reason = format!("reward receiver {receiver:?} is not an account of this chain");
        return fail(deps.storage, config, context, UNKNOWN, &reason, response);
    };
    if let Err(refused) = debit_fee_ledger(deps.storage, via, amount)? {
        let reason = "the claim exceeds the fees paid here for that network";
        let response = response.add_event(refused.event(&receiver, reason));
        return fail(deps.storage, config, context, UNKNOWN, reason, response);
    }
    add_reward(deps.storage, &config.network, &receiver, amount)?;
    let answer = commit_response(deps.storage, config, context)?;
    Ok(response
        .add_event(answer.event)
        .add_event(reward_credited(context, &receiver, amount)))
}

/// Commits the `Response` (code 0) to the claim in `context`: `sn = 0`,
/// `nsn` negated, the claim's remaining fees (ICON: `sendInternalResponse`).
fn commit_response(
    storage: &mut dyn Storage,
    config: &Config,
    context: &DeliveryContext,
) -> Result<crate::commit::Committed, ContractError> {
    let nsn = context
        .nsn
        .checked_neg()
        .ok_or(ContractError::Overflow { what: "nsn" })?;
    let fee_info = context.fee_left();
    let answer = BtpMessage {
        src: config.network.clone(),
        dst: context.src.clone(),
        svc: MESSAGE_CENTER_SERVICE.to_string(),
        sn: 0,
        payload: Binary::new(
            MessageCenterMessage::Response {
                code: SUCCESS,
                message: String::new(),
            }
            .encode(),
        ),
        nsn,
        fee_info,
    };
    commit_message(storage, &answer, None)
}

/// The answer to claim `nsn`: resolves it, and gives the reward back to the
/// claimer unless `code` is 0. No claim waiting is refused.
fn resolve_claim(
    storage: &mut dyn Storage,
    config: &Config,
    context: &DeliveryContext,
    nsn: Option<i64>,
    code: u32,
    text: &str,
    response: Response,
) -> Result<Response, ContractError> {
    let waiting = match nsn {
        Some(nsn) => PENDING_CLAIMS
            .may_load(storage, nsn)?
            .filter(|claim| claim.network == context.src)
            .map(|claim| (nsn, claim)),
        None => None,
    };
    let Some((nsn, claim)) = waiting else {
        let reason = "no claim sent from here to that network is waiting for this answer";
        return fail(storage, config, context, UNKNOWN, reason, response);
    };
    PENDING_CLAIMS.remove(storage, nsn);
    let refunded = code != SUCCESS;
    if refunded {
        add_reward(storage, &claim.network, &claim.claimer, claim.amount)?;
    }
    Ok(response.add_event(
        ClaimResult {
            network: claim.network.to_string(),
            nsn,
            claimer: claim.claimer.to_string(),
            amount: claim.amount,
            code,
            message: text.to_string(),
            refunded,
        }
        .to_event(),
    ))
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
        RewardRefused {
            network: self.network.to_string(),
            receiver: receiver.to_string(),
            amount: self.amount,
            ledger: Some(self.ledger),
            reason: reason.to_string(),
        }
        .to_event()
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

fn reward_credited(context: &DeliveryContext, receiver: &Addr, amount: Uint128) -> Event {
    RewardCredited {
        network: context.src.to_string(),
        sequence: context.sequence,
        receiver: receiver.to_string(),
        amount,
    }
    .to_event()
}
