//! The helpers of the real-light-client variant ([`crate::harness`]):
//! driving the relayer between its chains, and building by hand the relay an
//! honest relayer would send, for tests to forge from. The workspace's
//! scenario and adversarial tests (`tests/`) share them.

use anyhow::Result;
use btp_types::keys::{commitment_storage_key, wasm_store_key};
use btp_types::msg::message_center::{LinkResponse, QueryMsg as CenterQuery, RelayedMessage};
use btp_types::msg::token_handler::ExecuteMsg as HandlerMsg;
use btp_types::msg::verifier::Counterpart;
use btp_types::msg::verifier_tendermint::{
    ExecuteMsg as VerifierMsg, LatestHeightResponse, LightClientQuery,
};
use btp_types::BtpAddress;
use cosmwasm_std::{coin, wasm_execute, Binary, CosmosMsg};
use relayer::{
    plan_relay, relay_once, resolve_timeouts_once, ChainBackend, Endpoint, RelayPlan, RelayReport,
    TimeoutReport,
};

use crate::harness::{SimChain, TwoChains};
use crate::suite::relay_message;
pub use crate::suite::Side;
use crate::three_chains::ThreeChains;

/// Most messages one relay carries in these scenarios.
pub const MAX_BATCH: usize = 50;

/// The contracts a relay touches on `chain`.
pub fn endpoint(chain: &SimChain) -> Endpoint {
    Endpoint {
        message_center: chain.contracts.message_center.to_string(),
        verifier: chain.contracts.verifier.to_string(),
    }
}

/// The contracts a relay between `chain` and `towards` touches on `chain`:
/// its light client of `towards` (chains with more than one link).
pub fn endpoint_towards(chain: &SimChain, towards: &SimChain) -> Result<Endpoint> {
    Ok(Endpoint {
        message_center: chain.contracts.message_center.to_string(),
        verifier: chain.light_client_of(towards.network())?.to_string(),
    })
}

/// One honest relay over the link from `from` to `to`: the sequences delivered.
pub fn relay_link(from: &SimChain, to: &mut SimChain) -> Result<Vec<u64>> {
    let (from_end, to_end) = (endpoint_towards(from, to)?, endpoint_towards(to, from)?);
    Ok(relay_once(from, &from_end, to, &to_end, MAX_BATCH)?
        .map(|report| report.sequences)
        .unwrap_or_default())
}

/// Relays over both links of three chains, both ways, until nothing is
/// left to carry (at most ten rounds).
pub fn settle_three(chains: &mut ThreeChains) -> Result<()> {
    for _ in 0..10 {
        let ThreeChains { a, b, c, .. } = chains;
        let moved = relay_link(a, b)?.len()
            + relay_link(c, b)?.len()
            + relay_link(b, a)?.len()
            + relay_link(b, c)?.len();
        if moved == 0 {
            return Ok(());
        }
    }
    anyhow::bail!("messages were still moving after ten rounds")
}

/// One honest relay step from `from` to the other chain.
pub fn relay(chains: &mut TwoChains, from: Side) -> Result<Option<RelayReport>> {
    let (src, dst) = chains.sides(from);
    let (src_end, dst_end) = (endpoint(src), endpoint(dst));
    Ok(relay_once(&*src, &src_end, dst, &dst_end, MAX_BATCH)?)
}

/// One honest timeout step: the requests `on` sent that timed out on the
/// other chain undelivered, resolved on `on`.
pub fn resolve_timeouts(chains: &mut TwoChains, on: Side) -> Result<Option<TimeoutReport>> {
    let (src, dst) = chains.sides(on);
    let src_end = endpoint(src);
    Ok(resolve_timeouts_once(src, &src_end, &*dst, MAX_BATCH)?)
}

/// The transaction an honest relayer would send now from `from`, not sent.
pub fn plan(chains: &mut TwoChains, from: Side, max_batch: usize) -> Result<Option<RelayPlan>> {
    let (src, dst) = chains.sides(from);
    let (src_end, dst_end) = (endpoint(src), endpoint(dst));
    Ok(plan_relay(&*src, &src_end, &*dst, &dst_end, max_batch)?)
}

/// The user on `from` sends `amount` of a native `denom` to `account` on the other chain.
pub fn send_native(
    chains: &mut TwoChains,
    from: Side,
    denom: &str,
    amount: u128,
    account: &str,
) -> Result<()> {
    let (src, dst) = chains.sides(from);
    let to = BtpAddress::parse(&format!("btp://{}/{account}", dst.network()))?;
    let (user, handler) = (src.user.clone(), src.contracts.handler.clone());
    src.execute(
        &user,
        &handler,
        &HandlerMsg::Transfer {
            to,
            timeout_secs: None,
        },
        &[coin(amount, denom)],
    )?;
    Ok(())
}

/// The last sequence `on` delivered from the other chain.
pub fn rx_seq(chains: &mut TwoChains, on: Side) -> u64 {
    let (here, there) = chains.sides(on);
    let link: LinkResponse = here
        .query(
            here.contracts.message_center.as_str(),
            &CenterQuery::Link {
                network: there.network().clone(),
            },
        )
        .expect("the link exists");
    link.rx_seq
}

/// A native balance on a chain.
pub fn balance(chain: &SimChain, account: &cosmwasm_std::Addr, denom: &str) -> u128 {
    chain
        .app
        .wrap()
        .query_balance(account, denom)
        .expect("a balance")
        .amount
        .u128()
}

/// What an honest relayer would carry from A now: the target header, its
/// update for B's light client, and the two messages with their proofs.
pub struct Honest {
    pub target: u64,
    pub header: Binary,
    pub messages: Vec<RelayedMessage>,
    /// The proof of the last message's head: the whole batch's one proof.
    pub proof: Binary,
}

/// The height of A's newest header that B's light client trusts.
pub fn trusted_height(chains: &TwoChains) -> u64 {
    let trusted: LatestHeightResponse = chains
        .b
        .query(
            chains.b.contracts.verifier.as_str(),
            &LightClientQuery::LatestHeight {},
        )
        .expect("the light client answers");
    trusted.height
}

/// An `update_client` header for B's light client made from `block` (forged
/// or not), presented as following the header B trusts, with A's real
/// trusted validators so that only the block itself is judged.
pub fn forged_update(chains: &TwoChains, block: &crate::chain::LightBlock) -> Binary {
    let trusted = trusted_height(chains);
    let trusted_validators = &chains
        .a
        .chain
        .light_block(trusted)
        .expect("a trusted block")
        .next_validators;
    block.update_header(trusted, trusted_validators)
}

pub fn honest(chains: &TwoChains) -> Honest {
    let center = chains.a.contracts.message_center.to_string();
    let target = chains.a.latest_header_height().unwrap();
    let canonical = chains.a.canonical_address(&center).unwrap();
    let messages = chains
        .a
        .committed_messages(&center, 1, target - 1)
        .into_iter()
        .map(|(_, committed)| RelayedMessage {
            sequence: committed.sequence,
            message: Binary::new(committed.message),
            timeout: committed.timeout,
        })
        .collect::<Vec<_>>();
    let last = messages.last().map_or(0, |message| message.sequence);
    let history = Counterpart {
        network: chains.b.network().clone(),
        center: chains.b.contracts.message_center.to_string(),
    };
    let key = wasm_store_key(&canonical, &commitment_storage_key(&history, last));
    let trusted = trusted_height(chains);
    Honest {
        target,
        header: chains.a.client_update(trusted, target).unwrap(),
        messages,
        proof: chains.a.storage_proof(&key, target - 1).unwrap(),
    }
}

/// B's light client of A updated with `header`.
pub fn update(chains: &TwoChains, header: Binary) -> CosmosMsg {
    let update = VerifierMsg::UpdateClient { header };
    wasm_execute(&chains.b.contracts.verifier, &update, vec![])
        .expect("an update_client call")
        .into()
}

/// Delivery of `messages` from A to B's message center, proven at `proof_height`.
pub fn deliver(
    chains: &TwoChains,
    proof_height: u64,
    messages: Vec<RelayedMessage>,
    proof: Binary,
) -> CosmosMsg {
    let delivery = relay_message(chains.a.network(), proof_height, messages, &proof);
    wasm_execute(&chains.b.contracts.message_center, &delivery, vec![])
        .expect("a handle_relay_message call")
        .into()
}
