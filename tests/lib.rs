//! Workspace-level scenario tests live in this folder, one file per scenario.
//! This library holds what the relay scenarios share: driving the relayer
//! between the two chains of `testing::harness`.

use anyhow::Result;
use btp_types::msg::message_center::{LinkResponse, QueryMsg as CenterQuery};
use btp_types::msg::token_handler::ExecuteMsg as HandlerMsg;
use btp_types::BtpAddress;
use cosmwasm_std::coin;
use relayer::{plan_relay, relay_once, ChainBackend, Endpoint, RelayPlan, RelayReport};
use testing::harness::{SimChain, TwoChains};
pub use testing::suite::Side;

/// Most messages one relay carries in these scenarios.
pub const MAX_BATCH: usize = 50;

/// The contracts a relay touches on `chain`.
pub fn endpoint(chain: &SimChain) -> Endpoint {
    Endpoint {
        message_center: chain.contracts.message_center.to_string(),
        verifier: chain.contracts.verifier.to_string(),
    }
}

/// The chain on `side`, and the other one.
pub fn sides(chains: &mut TwoChains, from: Side) -> (&mut SimChain, &mut SimChain) {
    match from {
        Side::A => (&mut chains.a, &mut chains.b),
        Side::B => (&mut chains.b, &mut chains.a),
    }
}

/// One honest relay step from `from` to the other chain.
pub fn relay(chains: &mut TwoChains, from: Side) -> Result<Option<RelayReport>> {
    let (src, dst) = sides(chains, from);
    let (src_end, dst_end) = (endpoint(src), endpoint(dst));
    relay_once(&*src, &src_end, dst, &dst_end, MAX_BATCH)
}

/// The transaction an honest relayer would send now from `from`, not sent.
pub fn plan(chains: &mut TwoChains, from: Side, max_batch: usize) -> Result<Option<RelayPlan>> {
    let (src, dst) = sides(chains, from);
    let (src_end, dst_end) = (endpoint(src), endpoint(dst));
    plan_relay(&*src, &src_end, &*dst, &dst_end, max_batch)
}

/// The user on `from` sends `amount` of a native `denom` to `account` on the other chain.
pub fn send_native(
    chains: &mut TwoChains,
    from: Side,
    denom: &str,
    amount: u128,
    account: &str,
) -> Result<()> {
    let (src, dst) = sides(chains, from);
    let to = BtpAddress::parse(&format!("btp://{}/{account}", dst.network()))?;
    let (user, handler) = (src.user.clone(), src.contracts.handler.clone());
    src.execute(
        &user,
        &handler,
        &HandlerMsg::Transfer { to },
        &[coin(amount, denom)],
    )?;
    Ok(())
}

/// The last sequence `on` delivered from the other chain.
pub fn rx_seq(chains: &mut TwoChains, on: Side) -> u64 {
    let (here, there) = sides(chains, on);
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
