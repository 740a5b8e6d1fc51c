//! Too little voting power, an expired trusting period, a frozen client:
//! none of them may let a message through.

use btp_types::events::verifier::ClientFrozen;
use btp_types::events::TypedEvent;
use btp_types::msg::verifier_tendermint::{ClientStatus, LightClientQuery, StatusResponse};
use relayer::ChainBackend;
use testing::chain::{wasm_store, SimulatedChain, SimulatedValidatorSet, TRUSTING_PERIOD_SECS};
use testing::deploy::COIN_A_DENOM;
use testing::relay::{
    deliver, forged_update, honest, relay, rx_seq, send_native, trusted_height, update, Side,
};

use crate::common::{rejected_then_honest, two_pending};

fn status(chains: &testing::harness::TwoChains) -> ClientStatus {
    let status: StatusResponse = chains
        .b
        .query(
            chains.b.contracts.verifier.as_str(),
            &LightClientQuery::Status {},
        )
        .unwrap();
    status.status
}

/// Check: more than the trust level (1/3) of the trusted power and more than
/// 2/3 of the header's own power must have signed. One validator of four signs.
#[test]
fn too_little_voting_power_is_refused() {
    let chains = two_pending();
    let honest = honest(&chains);
    // One of four equal validators signs: a quarter of the power.
    let block = chains.a.chain.light_block(honest.target).unwrap();
    let first_signer = block.validators.validators()[0].address;
    let weak = block.with_signers(|validator| validator.address == first_signer);
    let header = forged_update(&chains, &weak);
    let transaction = vec![
        update(&chains, header),
        deliver(
            &chains,
            honest.target,
            honest.messages,
            honest.proof.clone(),
        ),
    ];
    rejected_then_honest(chains, transaction, "voting power");
}

/// Check: a trusted header older than the trusting period verifies nothing.
/// A halts longer than two weeks; a relay afterwards is refused and B's
/// client reports itself expired.
#[test]
fn an_expired_client_proves_nothing() {
    let mut chains = two_pending();
    chains.a.clock().advance(TRUSTING_PERIOD_SECS + 60);
    chains.a.in_block(|_| Ok(())).unwrap();
    let err = relay(&mut chains, Side::A).unwrap_err();
    assert!(format!("{err:#}").contains("expired"), "{err:#}");
    assert_eq!(rx_seq(&mut chains, Side::B), 0);
    assert_eq!(status(&chains), ClientStatus::Expired);
}

/// Check: two valid headers for one height freeze the client, and a frozen
/// client verifies nothing. A's validators sign a second chain history (a
/// fork); its header for a height B already trusts freezes B's client.
#[test]
fn a_frozen_client_proves_nothing() {
    let mut chains = two_pending();
    relay(&mut chains, Side::A).unwrap().unwrap();
    let trusted = trusted_height(&chains);
    // The fork: the same validators and chain id, another state from the start.
    let first = 100;
    let genesis = chains.a.chain.light_block(first).unwrap().time();
    let mut fork = SimulatedChain::new(
        "chain-a",
        SimulatedValidatorSet::equal_power("chain-a-validator", 4, 100),
        genesis,
    )
    .with_initial_height(first);
    for height in first..=trusted {
        let time = chains.a.chain.light_block(height).unwrap().time();
        fork.commit(wasm_store(&chains.b.app), time);
    }
    let conflicting = fork.update_header(first + 1, trusted).unwrap();
    let attacker = chains.b.app.api().addr_make("attacker");
    let response = chains
        .b
        .execute_multi(&attacker, vec![update(&chains, conflicting)])
        .unwrap();
    assert!(ClientFrozen::occurs_in(&response.events));
    assert_eq!(status(&chains), ClientStatus::Frozen);

    // The honest chain goes on; nothing more is delivered through a frozen client.
    let receiver = chains.b.user.to_string();
    send_native(&mut chains, Side::A, COIN_A_DENOM, 500, &receiver).unwrap();
    let err = relay(&mut chains, Side::A).unwrap_err();
    assert!(format!("{err:#}").contains("frozen"), "{err:#}");
    assert_eq!(rx_seq(&mut chains, Side::B), 2);
}
