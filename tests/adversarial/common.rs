//! What the classes share: two transfers from A waiting to be relayed, and
//! the check that a forgery changes nothing and the honest relay then works.

use cosmwasm_std::CosmosMsg;
use testing::deploy::COIN_A_DENOM;
use testing::harness::TwoChains;
use testing::relay::{relay, rx_seq, send_native, Side};

/// Two transfers from A committed and not yet relayed.
pub fn two_pending() -> TwoChains {
    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let receiver = chains.b.user.to_string();
    send_native(&mut chains, Side::A, COIN_A_DENOM, 1000, &receiver).unwrap();
    send_native(&mut chains, Side::A, COIN_A_DENOM, 2000, &receiver).unwrap();
    chains
}

/// A malicious relayer's transaction on B: rejected, nothing delivered; then
/// the honest relayer delivers both messages.
pub fn rejected_then_honest(mut chains: TwoChains, transaction: Vec<CosmosMsg>, expected: &str) {
    let attacker = chains.b.app.api().addr_make("attacker");
    let err = chains.b.execute_multi(&attacker, transaction).unwrap_err();
    assert!(
        format!("{err:#}").contains(expected),
        "expected {expected:?}, got {err:#}"
    );
    assert_eq!(rx_seq(&mut chains, Side::B), 0, "nothing delivered");
    let report = relay(&mut chains, Side::A).unwrap().unwrap();
    assert_eq!(report.sequences, vec![1, 2]);
}
