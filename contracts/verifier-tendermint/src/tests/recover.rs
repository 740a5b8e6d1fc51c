//! `recover_client` and `migrate`: the owner's powers, which could make a
//! false message pass, are limited to a client that verifies nothing anyway
//! and announced loudly.

use btp_types::events::verifier::{CodeMigratedByAdmin, TrustReplacedByOwner};
use btp_types::events::TypedEvent;
use btp_types::msg::verifier_tendermint::{ClientStatus, ExecuteMsg, LightClientQuery, TrustedAt};
use btp_types::msg::MigrateMsg;
use cosmwasm_std::Response;

use super::synthetic::{at, block, update, T0};
use super::{attr, Client};
use crate::contract::migrate;
use crate::error::ContractError;
use crate::state::trusted_at;
use crate::testing::{misbehaviour_msg, LightBlock};

fn recover(height: u64, block: &LightBlock) -> ExecuteMsg {
    ExecuteMsg::RecoverClient {
        chain_id: None,
        height,
        consensus_state: block.consensus_state(),
    }
}

fn trust_replaced(response: &Response) -> TrustReplacedByOwner {
    TrustReplacedByOwner::first(&response.events).expect("a trust replaced event")
}

/// A client of the synthetic chain trusting heights 1 and 2, now expired.
fn expired_client() -> Client {
    let (b1, b2) = (block(1, 0, 1), block(2, 5, 2));
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    update(&mut client, &b2, &b1).unwrap();
    let trusting = client.client_state().trusting_period_secs;
    client.at(at(5 + trusting));
    assert_eq!(client.status(), ClientStatus::Expired);
    client
}

#[test]
fn an_expired_client_is_recovered_by_a_new_trusted_state_loudly() {
    let mut client = expired_client();
    let now = client.env.block.time.seconds() - T0;
    let (b10, b11) = (block(10, now - 20, 10), block(11, now - 10, 11));
    let owner = client.owner.clone();
    let response = client.execute_as(&owner, recover(10, &b10)).unwrap();
    assert_eq!(attr(&response, "action"), "recover_client");
    let loud = trust_replaced(&response);
    assert!(loud.warning.contains("owner replaced"));
    assert_eq!(loud.previous_status, "expired");
    assert_eq!(loud.previous_latest_height, 2);
    assert_eq!(loud.latest_height, 10);
    assert_eq!(client.status(), ClientStatus::Active);
    // What was trusted before is forgotten; the new state is trusted and
    // the client follows the chain from it.
    assert_eq!(client.consensus_state(2), None);
    assert_eq!(client.consensus_state(1), None);
    let heights: btp_types::msg::verifier_tendermint::ConsensusHeightsResponse = client
        .query(LightClientQuery::ConsensusHeights {
            start_after: None,
            limit: None,
        })
        .unwrap();
    assert_eq!(heights.heights, vec![10]);
    update(&mut client, &b11, &b10).unwrap();
    assert_eq!(client.client_state().latest_height, 11);
}

#[test]
fn a_frozen_client_is_recovered_and_unfrozen() {
    let (b1, h1, h2, b5) = (
        block(1, 0, 1),
        block(2, 5, 2),
        block(2, 5, 0xee),
        block(5, 25, 5),
    );
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let next = b1.next_validators.clone().unwrap();
    client
        .execute(misbehaviour_msg(
            h1.raw_header(1, Some(&next)),
            h2.raw_header(1, Some(&next)),
        ))
        .unwrap();
    let owner = client.owner.clone();
    let response = client.execute_as(&owner, recover(5, &b5)).unwrap();
    let loud = trust_replaced(&response);
    assert_eq!(loud.previous_status, "frozen");
    assert_eq!(loud.previous_frozen_height, "2");
    assert_eq!(client.client_state().frozen_height, None);
    assert_eq!(client.status(), ClientStatus::Active);
}

#[test]
fn only_the_owner_recovers() {
    let mut client = expired_client();
    let b10 = block(10, client.env.block.time.seconds() - T0 - 20, 10);
    let err = client.execute(recover(10, &b10)).unwrap_err();
    assert!(matches!(err, ContractError::Ownership(_)), "{err}");
    assert_eq!(client.status(), ClientStatus::Expired);
}

#[test]
fn an_active_client_cannot_be_recovered() {
    // Nothing lets the owner replace what an active client trusts.
    let b1 = block(1, 0, 1);
    let mut client = Client::new(b1.instantiate_msg(), at(30));
    let owner = client.owner.clone();
    let err = client
        .execute_as(&owner, recover(10, &block(10, 20, 10)))
        .unwrap_err();
    assert_eq!(err, ContractError::ClientActive);
}

#[test]
fn a_recovery_must_move_forward_unless_the_chain_id_changes() {
    let mut client = expired_client();
    let owner = client.owner.clone();
    let b = block(2, client.env.block.time.seconds() - T0 - 20, 2);
    let err = client.execute_as(&owner, recover(2, &b)).unwrap_err();
    assert_eq!(
        err,
        ContractError::RecoveryHeightNotAbove {
            height: 2,
            latest_height: 2
        }
    );
    // After an upgrade that changed the chain id, heights may start over.
    let response = client
        .execute_as(
            &owner,
            ExecuteMsg::RecoverClient {
                chain_id: Some("synth-2".into()),
                height: 1,
                consensus_state: b.consensus_state(),
            },
        )
        .unwrap();
    assert_eq!(trust_replaced(&response).previous_chain_id, "synth-1");
    assert_eq!(client.client_state().chain_id, "synth-2");
}

#[test]
fn a_recovery_to_a_state_that_is_expired_or_from_the_future_is_refused() {
    let mut client = expired_client();
    let owner = client.owner.clone();
    let now = client.env.block.time;
    let trusting = client.client_state().trusting_period_secs;
    let err = client
        .execute_as(&owner, recover(10, &block(10, 5, 10)))
        .unwrap_err();
    assert_eq!(
        err,
        ContractError::TrustedStateExpired {
            timestamp: at(5).to_string(),
            expired_at: at(5 + trusting).to_string(),
            now: now.to_string(),
        }
    );
    let secs = now.seconds() - T0;
    let err = client
        .execute_as(&owner, recover(10, &block(10, secs + 3600, 10)))
        .unwrap_err();
    assert_eq!(
        err,
        ContractError::TrustedStateFromTheFuture {
            timestamp: at(secs + 3600).to_string(),
            now: now.to_string(),
            max_clock_drift_secs: client.client_state().max_clock_drift_secs,
        }
    );
    assert_eq!(client.status(), ClientStatus::Expired);
}

#[test]
fn a_recovered_state_is_trusted_from_the_moment_of_the_recovery() {
    let mut client = expired_client();
    client.env.block.height += 1000;
    let recovered_at = TrustedAt {
        time: client.env.block.time,
        height: client.env.block.height,
    };
    let now = client.env.block.time.seconds() - T0;
    let owner = client.owner.clone();
    client
        .execute_as(&owner, recover(10, &block(10, now - 20, 10)))
        .unwrap();
    assert_eq!(
        trusted_at(&client.deps.storage, 10).unwrap(),
        Some(recovered_at)
    );
    // The moments of the forgotten states are forgotten with them.
    assert_eq!(trusted_at(&client.deps.storage, 2).unwrap(), None);
}

#[test]
fn a_migration_is_announced_loudly() {
    let mut client = Client::new(block(1, 0, 1).instantiate_msg(), at(30));
    let response = migrate(client.deps.as_mut(), client.env.clone(), MigrateMsg {}).unwrap();
    assert_eq!(attr(&response, "action"), "migrate");
    let loud = CodeMigratedByAdmin::first(&response.events).expect("a migration event");
    assert!(loud.warning.contains("replaced by its admin"));
}
