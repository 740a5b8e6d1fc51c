//! `handle_relay_message`: proven messages from a remote network enter here.
//!
//! Order of checks: the link and the relayer, then the sequences (cheap),
//! then one verifier query for the whole batch, then per message its
//! addresses, its reward, and its dispatch. Anything wrong with the relay
//! itself fails the transaction (nothing changes); anything wrong with a
//! proven message's handling becomes an error reply or an event, so that a
//! bad handler never blocks the link.

use btp_types::error_code::{NO_ROUTE, TIMED_OUT};
use btp_types::events::message_center::{Reward, RewardRefused};
use btp_types::events::TypedEvent;
use btp_types::keys::{chain_head, committed_timeout, receipt_storage_key, receipt_value};
use btp_types::msg::message_center::RelayedMessage;
use btp_types::msg::verifier::{Counterpart, TrustedAt, VerifiedResponse, VerifierQuery};
use btp_types::{BtpMessage, CodecError, NetworkAddress};
use contract_kit::pause::ensure_running;
use cosmwasm_std::{
    Addr, Binary, DepsMut, Env, Event, MessageInfo, Response, Storage, Timestamp, Uint128,
};

use crate::commit::{load_history, save_history};
use crate::delivery::{add_handler_calls, dispatch, fail, refuse_unrepresentable, DeliveryContext};
use crate::error::ContractError;
use crate::reward::{add_reward, debit_fee_ledger};
use crate::route::{ensure_arrives_by_its_hop, forward, next_hop};
use crate::state::{Config, History, Link, CONFIG, LINKS};

/// Most messages one relay may carry, so that one transaction stays within a block's gas.
pub const MAX_BATCH: usize = 100;

/// A batch of messages a relayer brings, with its one proof.
pub struct Relay {
    pub src: NetworkAddress,
    pub proof_height: u64,
    pub messages: Vec<RelayedMessage>,
    pub proof: Binary,
    pub prior_head: Option<Binary>,
}

pub fn handle_relay_message(
    mut deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    relay: Relay,
) -> Result<Response, ContractError> {
    let Relay {
        src,
        proof_height,
        messages,
        proof,
        prior_head,
    } = relay;
    ensure_running(deps.storage, "receiving")?;
    if messages.is_empty() || messages.len() > MAX_BATCH {
        return Err(ContractError::BatchSize {
            count: messages.len(),
            max: MAX_BATCH,
        });
    }
    let config = CONFIG.load(deps.storage)?;
    let link = load_open_link(deps.storage, &src)?;
    ensure_relayer(&link, &info.sender, &src)?;
    let counterpart = link.counterpart(&src);
    let mut history = load_history(deps.storage, &counterpart)?;
    let last = check_sequences(&src, history.rx_seq, &messages)?;
    let start = match (history.rx_head, prior_head) {
        (Some(known), None) => known,
        (Some(known), Some(given)) if given.as_slice() == known.as_slice() => known,
        (Some(_), Some(_)) => return Err(ContractError::WrongPriorHead { network: src }),
        (None, Some(given)) => {
            <[u8; 32]>::try_from(given.as_slice()).map_err(|_| ContractError::WrongPriorHead {
                network: src.clone(),
            })?
        }
        (None, None) => return Err(ContractError::PriorHeadNeeded { network: src }),
    };
    let head = messages.iter().fold(start, |head, relayed| {
        chain_head(&head, &relayed.message, relayed.timeout)
    });
    // One verifier query proves the whole batch: `head` chains every
    // message onto the head this chain already trusts.
    ask_verifier(
        &deps,
        env,
        &link,
        proof_height,
        VerifierQuery::VerifyCommitment {
            height: proof_height,
            center: counterpart.center.clone(),
            counterpart: this_center(&config, env),
            sequence: last,
            head: Binary::new(head.to_vec()),
            proof,
        },
    )?;
    history.rx_seq = last;
    history.rx_head = Some(head);
    save_received(deps.storage, &counterpart, &history)?;

    let response = Response::new()
        .add_attribute("action", "handle_relay_message")
        .add_attribute("network", src.as_str())
        .add_attribute("proof_height", proof_height.to_string())
        .add_attribute("rx_seq", last.to_string());
    deliver_proven(
        &mut deps,
        env,
        &Arrival {
            config: &config,
            relayer: &info.sender,
            src: &src,
            remote_center: &counterpart.center,
        },
        messages,
        response,
    )
}

/// Saves a history after messages were received, and the raw receive
/// sequence beside it: the remote chain's verifier reads that one to prove
/// that a timed-out request was not received.
pub fn save_received(
    storage: &mut dyn Storage,
    counterpart: &Counterpart,
    history: &History,
) -> Result<(), ContractError> {
    save_history(storage, counterpart, history)?;
    storage.set(
        &receipt_storage_key(counterpart),
        &receipt_value(history.rx_seq),
    );
    Ok(())
}

/// Where proven messages arrive from, and who brought them.
pub struct Arrival<'a> {
    pub config: &'a Config,
    pub relayer: &'a Addr,
    pub src: &'a NetworkAddress,
    pub remote_center: &'a str,
}

/// Delivers messages the link's verifier proved (their sequences already
/// recorded): per message its addresses, its reward, its timeout and its
/// dispatch to the service's handler.
pub fn deliver_proven(
    deps: &mut DepsMut,
    env: &Env,
    arrival: &Arrival,
    messages: Vec<RelayedMessage>,
    mut response: Response,
) -> Result<Response, ContractError> {
    let Arrival {
        config,
        relayer,
        src,
        remote_center,
    } = arrival;
    let via = Counterpart {
        network: (*src).clone(),
        center: remote_center.to_string(),
    };
    let mut calls = Vec::with_capacity(messages.len());
    for relayed in messages {
        // A proven message ICON can send but this chain cannot represent
        // (an sn beyond i64, a fee beyond u128) is passed over with an
        // event: no reply can carry its numbers back, and failing the relay
        // would stop the link for good.
        let message = match BtpMessage::decode(&relayed.message) {
            Ok(message) => message,
            Err(err @ CodecError::OutOfRange { .. }) => {
                response = refuse_unrepresentable(src, relayed.sequence, &err, response);
                continue;
            }
            Err(err) => return Err(err.into()),
        };
        if message.src == config.network {
            // Only a loop of routes brings a message back to its source;
            // it is not answered (the answer would go round the same loop),
            // and its request, if any, resolves by timeout.
            response = response.add_event(
                DeliveryContext::of(relayed.sequence, &message)
                    .failure(
                        NO_ROUTE,
                        "a message from this network came back to it: a route loop",
                    )
                    .to_event(),
            );
            continue;
        }
        ensure_arrives_by_its_hop(deps.storage, relayed.sequence, &message.src, src)?;
        if let Some(event) = credit_relay_fee(deps.storage, config, relayer, src, &message)? {
            response = response.add_event(event);
        }
        let timeout = committed_timeout(relayed.timeout);
        if let Some(timeout) = timeout.filter(|timeout| env.block.time >= *timeout) {
            let context = DeliveryContext::of(relayed.sequence, &message);
            let reason = format!(
                "the message timed out at {timeout} and arrived at {}: not executed",
                env.block.time
            );
            response = fail(deps.storage, config, &context, TIMED_OUT, &reason, response)?;
            continue;
        }
        if message.dst != config.network {
            response = forward(
                deps.storage,
                config,
                src,
                relayed.sequence,
                message,
                timeout,
                response,
            )?;
            continue;
        }
        let (dispatched, call) = dispatch(deps, config, &via, relayed.sequence, message, response)?;
        response = dispatched;
        calls.extend(call);
    }
    add_handler_calls(deps.storage, config, calls, response)
}

/// Only the link's relayers may relay on it (anyone when it names none).
pub fn ensure_relayer(
    link: &Link,
    relayer: &Addr,
    network: &NetworkAddress,
) -> Result<(), ContractError> {
    if !link.relayers.is_empty() && !link.relayers.contains(relayer) {
        return Err(ContractError::RelayerNotAllowed {
            relayer: relayer.to_string(),
            network: network.clone(),
        });
    }
    Ok(())
}

/// The link to `network`, which must be open for messages to travel on it.
pub fn load_open_link(
    storage: &dyn Storage,
    network: &NetworkAddress,
) -> Result<Link, ContractError> {
    let link = LINKS
        .may_load(storage, network.as_str())?
        .ok_or_else(|| ContractError::NoLink {
            network: network.to_string(),
        })?;
    if !link.open {
        return Err(ContractError::LinkClosed {
            network: network.clone(),
        });
    }
    Ok(link)
}

/// The messages must continue the history exactly: no replay, no gap, no
/// reordering. Returns the new `rx_seq`.
fn check_sequences(
    network: &NetworkAddress,
    rx_seq: u64,
    messages: &[RelayedMessage],
) -> Result<u64, ContractError> {
    let mut last = rx_seq;
    for relayed in messages {
        if relayed.sequence <= rx_seq {
            return Err(ContractError::AlreadyReceived {
                network: network.clone(),
                sequence: relayed.sequence,
                rx_seq,
            });
        }
        let expected = last
            .checked_add(1)
            .ok_or(ContractError::Overflow { what: "rx_seq" })?;
        if relayed.sequence != expected {
            return Err(ContractError::OutOfOrder {
                network: network.clone(),
                sequence: relayed.sequence,
                expected,
            });
        }
        last = expected;
    }
    Ok(last)
}

/// This message center, as a remote message center names it.
pub fn this_center(config: &Config, env: &Env) -> Counterpart {
    Counterpart {
        network: config.network.clone(),
        center: env.contract.address.to_string(),
    }
}

/// Asks a link's verifier one question; a refusal names the height and why.
/// The answer counts only once the link's delay period has passed since the
/// verifier came to trust the state it checked.
pub fn ask_verifier(
    deps: &DepsMut,
    env: &Env,
    link: &Link,
    height: u64,
    query: VerifierQuery,
) -> Result<VerifiedResponse, ContractError> {
    let verified = deps
        .querier
        .query_wasm_smart::<VerifiedResponse>(&link.verifier, &query)
        .map_err(|err| ContractError::ProofRejected {
            height,
            reason: err.to_string(),
        })?;
    ensure_delay_passed(link, env, height, verified.trusted_at)?;
    Ok(verified)
}

/// A link's delay period must have passed since the verifier came to trust
/// the remote state at `height` (which it must say, when there is a delay).
pub fn ensure_delay_passed(
    link: &Link,
    env: &Env,
    height: u64,
    trusted_at: Option<TrustedAt>,
) -> Result<(), ContractError> {
    let Some(delay) = link.delay else {
        return Ok(());
    };
    let trusted_at = trusted_at.ok_or(ContractError::TrustTimeUnknown { height })?;
    let ready_time = Timestamp::from_nanos(
        trusted_at
            .time
            .nanos()
            .saturating_add(delay.seconds.saturating_mul(1_000_000_000)),
    );
    let ready_height = trusted_at.height.saturating_add(delay.blocks);
    if env.block.time < ready_time || env.block.height < ready_height {
        return Err(ContractError::DelayNotPassed {
            height,
            trusted_time: trusted_at.time,
            trusted_height: trusted_at.height,
            ready_time,
            ready_height,
        });
    }
    Ok(())
}

/// The delivering relayer earns the message's fee for this hop, in the
/// currency of the network where it was paid: fees paid here (a reply's way
/// back) are taken from what was paid here for messages over the link to
/// `src`; fees paid elsewhere (at `src`, or at the source of a routed
/// message) are claimed there, so that network must be reachable from
/// here. Anything else is refused.
fn credit_relay_fee(
    storage: &mut dyn Storage,
    config: &Config,
    relayer: &Addr,
    src: &NetworkAddress,
    message: &BtpMessage,
) -> Result<Option<Event>, ContractError> {
    let Some(fee) = &message.fee_info else {
        return Ok(None);
    };
    let amount = fee.values.first().copied().unwrap_or_default();
    if amount.is_zero() {
        return Ok(None);
    }
    if fee.network == config.network {
        if let Err(refused) = debit_fee_ledger(storage, src, amount)? {
            return Ok(Some(refused.event(
                relayer,
                "the fee exceeds what was paid here for messages to that network",
            )));
        }
    } else if &fee.network != src && next_hop(storage, &fee.network).is_err() {
        return Ok(Some(
            RewardRefused {
                network: fee.network.to_string(),
                receiver: relayer.to_string(),
                amount,
                ledger: None,
                reason: "fees of a network this chain cannot reach cannot be claimed".to_string(),
            }
            .to_event(),
        ));
    }
    add_reward(storage, &fee.network, relayer, amount)?;
    Ok(Some(
        Reward {
            relayer: relayer.to_string(),
            fee_network: fee.network.to_string(),
            amount,
        }
        .to_event(),
    ))
}

/// The fee values left for the hops after this one (the reply's way back).
pub fn remaining_fee(message: &BtpMessage) -> Option<(NetworkAddress, Vec<Uint128>)> {
    let fee = message.fee_info.as_ref()?;
    let rest = fee.values.get(1..)?.to_vec();
    Some((fee.network.clone(), rest))
}
