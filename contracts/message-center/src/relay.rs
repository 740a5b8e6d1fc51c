//! `handle_relay_message`: proven messages from a remote network enter here.
//!
//! Order of checks: the link and the relayer, then the sequences (cheap),
//! then one verifier query for the whole batch, then per message its
//! addresses, its reward, and its dispatch. Anything wrong with the relay
//! itself fails the transaction (nothing changes); anything wrong with a
//! proven message's handling becomes an error reply or an event, so that a
//! bad handler never blocks the link.

use btp_types::keys::{
    commitment_storage_key, message_commitment, wasm_store_key, WASM_STORE_NAME,
};
use btp_types::msg::message_center::RelayedMessage;
use btp_types::msg::verifier::{MembershipItem, QueryMsg as VerifierQuery, VerifiedResponse};
use btp_types::{BtpMessage, NetworkAddress};
use contract_kit::pause::ensure_running;
use cosmwasm_std::{
    to_json_vec, Addr, Binary, DepsMut, Env, Event, MessageInfo, Response, Storage, Uint128,
};

use crate::delivery::dispatch;
use crate::error::ContractError;
use crate::reward::add_reward;
use crate::state::{Config, Link, CONFIG, LINKS};

/// Most messages one relay may carry, so that one transaction stays within a block's gas.
pub const MAX_BATCH: usize = 100;

pub fn handle_relay_message(
    mut deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    src: NetworkAddress,
    proof_height: u64,
    messages: Vec<RelayedMessage>,
) -> Result<Response, ContractError> {
    ensure_running(deps.storage, "receiving")?;
    if messages.is_empty() || messages.len() > MAX_BATCH {
        return Err(ContractError::BatchSize {
            count: messages.len(),
            max: MAX_BATCH,
        });
    }
    let config = CONFIG.load(deps.storage)?;
    let mut link =
        LINKS
            .may_load(deps.storage, src.as_str())?
            .ok_or_else(|| ContractError::NoLink {
                network: src.to_string(),
            })?;
    if !link.relayers.is_empty() && !link.relayers.contains(&info.sender) {
        return Err(ContractError::RelayerNotAllowed {
            relayer: info.sender.to_string(),
            network: src,
        });
    }
    link.rx_seq = check_sequences(&src, link.rx_seq, &messages)?;
    verify_commitments(&deps, &config, &link, proof_height, &messages)?;
    LINKS.save(deps.storage, src.as_str(), &link)?;

    let mut response = Response::new()
        .add_attribute("action", "handle_relay_message")
        .add_attribute("network", src.as_str())
        .add_attribute("proof_height", proof_height.to_string())
        .add_attribute("rx_seq", link.rx_seq.to_string());
    for relayed in messages {
        let message = BtpMessage::decode(&relayed.message)?;
        if message.dst != config.network {
            return Err(ContractError::WrongDestination {
                sequence: relayed.sequence,
                dst: message.dst,
                network: config.network,
            });
        }
        if message.src != src {
            return Err(ContractError::WrongSource {
                sequence: relayed.sequence,
                src: message.src,
                link: src,
            });
        }
        if let Some(event) = credit_relay_fee(deps.storage, &info.sender, &message)? {
            response = response.add_event(event);
        }
        response = dispatch(&mut deps, env, &config, relayed.sequence, message, response)?;
    }
    Ok(response)
}

/// The messages must continue the link exactly: no replay, no gap, no reordering.
/// Returns the new `rx_seq`.
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

/// wasmvm refuses a query request larger than 64 KiB, and the request
/// carries the query JSON base64-encoded (4/3 larger) in a small wrapper:
/// the batch is split into queries of at most this many bytes of JSON.
pub const MAX_QUERY_BYTES: usize = 46 * 1024;

/// The link's verifier proves every message of the batch, in as few queries
/// as fit wasmvm's request limit (one for a usual batch): each commitment
/// `sha256(message)` must be stored by the remote message center under the
/// key of `(this network, sequence)` at `proof_height`.
fn verify_commitments(
    deps: &DepsMut,
    config: &Config,
    link: &Link,
    height: u64,
    messages: &[RelayedMessage],
) -> Result<(), ContractError> {
    let store = Binary::new(WASM_STORE_NAME.as_bytes().to_vec());
    let mut chunk: Vec<MembershipItem> = vec![];
    let mut chunk_bytes = 0usize;
    for relayed in messages {
        let item = MembershipItem {
            path: vec![
                store.clone(),
                Binary::new(wasm_store_key(
                    &link.remote_message_center_canonical,
                    &commitment_storage_key(&config.network, relayed.sequence),
                )),
            ],
            value: Binary::new(message_commitment(&relayed.message).to_vec()),
            proof: relayed.proof.clone(),
        };
        let item_bytes = to_json_vec(&item)?.len();
        let fits = chunk_bytes.saturating_add(item_bytes) <= MAX_QUERY_BYTES;
        if !fits && !chunk.is_empty() {
            verify_chunk(deps, link, height, std::mem::take(&mut chunk))?;
            chunk_bytes = 0;
        }
        chunk_bytes = chunk_bytes.saturating_add(item_bytes);
        chunk.push(item);
    }
    verify_chunk(deps, link, height, chunk)
}

fn verify_chunk(
    deps: &DepsMut,
    link: &Link,
    height: u64,
    items: Vec<MembershipItem>,
) -> Result<(), ContractError> {
    deps.querier
        .query_wasm_smart::<VerifiedResponse>(
            &link.verifier,
            &VerifierQuery::VerifyBatchMembership { height, items },
        )
        .map_err(|err| ContractError::ProofRejected {
            height,
            reason: err.to_string(),
        })?;
    Ok(())
}

/// The delivering relayer earns the message's fee for this hop, in the
/// currency of the network where it was paid.
fn credit_relay_fee(
    storage: &mut dyn Storage,
    relayer: &Addr,
    message: &BtpMessage,
) -> Result<Option<Event>, ContractError> {
    let Some(fee) = &message.fee_info else {
        return Ok(None);
    };
    let amount = fee.values.first().copied().unwrap_or_default();
    if amount.is_zero() {
        return Ok(None);
    }
    add_reward(storage, &fee.network, relayer, amount)?;
    Ok(Some(
        Event::new("btp_reward")
            .add_attribute("relayer", relayer)
            .add_attribute("fee_network", fee.network.as_str())
            .add_attribute("amount", amount),
    ))
}

/// The fee values left for the hops after this one (the reply's way back).
pub fn remaining_fee(message: &BtpMessage) -> Option<(NetworkAddress, Vec<Uint128>)> {
    let fee = message.fee_info.as_ref()?;
    let rest = fee.values.get(1..)?.to_vec();
    Some((fee.network.clone(), rest))
}
