//! One relay step: everything committed on `src` for `dst` and not yet
//! delivered, proven at one height, delivered in one transaction together
//! with the light-client update it needs.

use anyhow::{bail, Context, Result};
use btp_types::keys::{commitment_storage_key, wasm_store_key};
use btp_types::msg::message_center::{
    ExecuteMsg as CenterMsg, LinkResponse, QueryMsg as CenterQuery, RelayedMessage,
};
use btp_types::msg::verifier_tendermint::{
    ExecuteMsg as VerifierMsg, LatestHeightResponse, QueryMsg as VerifierQuery,
};
use cosmwasm_std::{to_json_binary, Binary, CosmosMsg, WasmMsg};

use crate::backend::{ChainBackend, Submitted};

/// The suite's contracts on one chain that a relay touches.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The message center.
    pub message_center: String,
    /// The light client of the *other* chain, on this chain.
    pub verifier: String,
}

/// A relay transaction, built but not sent.
#[derive(Clone, Debug)]
pub struct RelayPlan {
    /// The sequences it delivers, in order.
    pub sequences: Vec<u64>,
    /// The source header it updates the destination's light client to (if it must).
    pub updated_to: Option<u64>,
    /// The height the proofs are checked at.
    pub proof_height: u64,
    /// The transaction's messages: the client update (if any), then the delivery.
    pub messages: Vec<CosmosMsg>,
}

/// What one relay step did.
#[derive(Clone, Debug)]
pub struct RelayReport {
    /// The sequences delivered, in order.
    pub sequences: Vec<u64>,
    /// The source header the destination's light client was updated to (if it was).
    pub updated_to: Option<u64>,
    /// The height the proofs were checked at.
    pub proof_height: u64,
    /// The destination transaction.
    pub submitted: Submitted,
}

/// The most a batch's `handle_relay_message` may take, in bytes of JSON. A
/// CometBFT node refuses a transaction above its mempool's `max_tx_bytes`
/// (1 MiB by default); half of it leaves room for the light-client update
/// in the same transaction (about 32 KiB for 100 validators) and for chains
/// configured tighter. The message center itself splits a batch's proofs
/// into verifier queries that fit wasmvm's 64 KiB query limit.
pub const MAX_BATCH_TX_BYTES: usize = 512 * 1024;

/// Length of base64 text for `bytes` bytes.
fn base64_len(bytes: usize) -> usize {
    bytes.div_ceil(3) * 4
}

/// The bytes one message adds to `handle_relay_message`'s JSON: its sequence,
/// the message and its proof, both base64, with the JSON around them.
pub fn relayed_message_bytes(message_len: usize, proof_len: usize) -> usize {
    base64_len(message_len) + base64_len(proof_len) + 64
}

fn execute(contract: &str, msg: &impl serde::Serialize) -> Result<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }
    .into())
}

/// Delivers at most `max_batch` messages from `src` to `dst` (fewer when
/// they would not fit in one transaction, see [`MAX_BATCH_TX_BYTES`]);
/// `None` when there is nothing to deliver yet.
pub fn relay_once<S: ChainBackend, D: ChainBackend>(
    src: &S,
    src_endpoint: &Endpoint,
    dst: &mut D,
    dst_endpoint: &Endpoint,
    max_batch: usize,
) -> Result<Option<RelayReport>> {
    let Some(plan) = plan_relay(src, src_endpoint, dst, dst_endpoint, max_batch)? else {
        return Ok(None);
    };
    let submitted = dst.submit(plan.messages)?;
    Ok(Some(RelayReport {
        sequences: plan.sequences,
        updated_to: plan.updated_to,
        proof_height: plan.proof_height,
        submitted,
    }))
}

/// Builds the transaction that delivers at most `max_batch` messages from
/// `src` to `dst`, from what both chains hold now; `None` when there is
/// nothing to deliver yet.
pub fn plan_relay<S: ChainBackend, D: ChainBackend>(
    src: &S,
    src_endpoint: &Endpoint,
    dst: &D,
    dst_endpoint: &Endpoint,
    max_batch: usize,
) -> Result<Option<RelayPlan>> {
    let (src_network, dst_network) = (src.network(), dst.network());
    let inbound: LinkResponse = dst
        .query(
            &dst_endpoint.message_center,
            &CenterQuery::Link {
                network: src_network.clone(),
            },
        )
        .with_context(|| format!("reading the link to {src_network} on {dst_network}"))?;
    let outbound: LinkResponse = src
        .query(
            &src_endpoint.message_center,
            &CenterQuery::Link {
                network: dst_network.clone(),
            },
        )
        .with_context(|| format!("reading the link to {dst_network} on {src_network}"))?;
    if outbound.tx_seq <= inbound.rx_seq {
        return Ok(None);
    }

    // Header `target` commits to the state after block `target - 1`: only
    // messages committed up to that block can be proven with it.
    let target = src.latest_header_height()?;
    let version = target
        .checked_sub(1)
        .context("the source chain has no committed state yet")?;
    let pending: Vec<_> = src
        .pending_messages(
            &src_endpoint.message_center,
            &dst_network,
            inbound.rx_seq,
            version,
            max_batch,
        )?
        .into_iter()
        .filter(|message| message.network == dst_network && message.sequence > inbound.rx_seq)
        .take(max_batch)
        .collect();
    let Some(first) = pending.first() else {
        return Ok(None);
    };
    if first.sequence != inbound.rx_seq + 1 {
        bail!(
            "{src_network} committed sequence {} but {dst_network} expects {}: the source's events are incomplete",
            first.sequence,
            inbound.rx_seq + 1
        );
    }

    let center = src.canonical_address(&src_endpoint.message_center)?;
    let mut messages = Vec::with_capacity(pending.len());
    let mut batch_bytes = 0;
    for message in &pending {
        let key = wasm_store_key(
            &center,
            &commitment_storage_key(&dst_network, message.sequence),
        );
        let proof = src.storage_proof(&key, version)?;
        batch_bytes += relayed_message_bytes(message.message.len(), proof.len());
        if !messages.is_empty() && batch_bytes > MAX_BATCH_TX_BYTES {
            break;
        }
        messages.push(RelayedMessage {
            sequence: message.sequence,
            message: Binary::new(message.message.clone()),
            proof,
        });
    }

    let trusted: LatestHeightResponse =
        dst.query(&dst_endpoint.verifier, &VerifierQuery::LatestHeight {})?;
    let mut transaction = vec![];
    let updated_to = if trusted.height < target {
        let header = crate::header::compact(&src.client_update(trusted.height, target)?)?;
        transaction.push(execute(
            &dst_endpoint.verifier,
            &VerifierMsg::UpdateClient { header },
        )?);
        Some(target)
    } else {
        None
    };
    let sequences = messages.iter().map(|message| message.sequence).collect();
    transaction.push(execute(
        &dst_endpoint.message_center,
        &CenterMsg::HandleRelayMessage {
            src: src_network,
            proof_height: target,
            messages,
        },
    )?);
    Ok(Some(RelayPlan {
        sequences,
        updated_to,
        proof_height: target,
        messages: transaction,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relayed_message_is_counted_as_the_json_the_message_center_gets() {
        let message = RelayedMessage {
            sequence: u64::MAX,
            message: Binary::new(vec![7u8; 301]),
            proof: Binary::new(vec![9u8; 1000]),
        };
        let json = serde_json::to_string(&message).unwrap();
        let estimate = relayed_message_bytes(301, 1000);
        assert!(estimate >= json.len(), "{estimate} < {}", json.len());
        assert!(estimate <= json.len() + 32, "{estimate} ≫ {}", json.len());
        // Proofs of a young wasmd store are about 950 bytes and a transfer
        // request about 300: 302 of them fit in one transaction.
        assert_eq!(MAX_BATCH_TX_BYTES / relayed_message_bytes(300, 950), 302);
    }
}
