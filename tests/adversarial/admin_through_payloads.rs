//! A cross-chain message that tries to reach an administrative function
//! (a link, a verifier, a service handler, the vault's minter, ownership)
//! through a crafted payload, carried by real relays.

use btp_types::msg::kv_service;
use btp_types::msg::message_center::{
    ExecuteMsg as CenterMsg, LinkResponse, QueryMsg as CenterQuery, ServiceResponse,
};
use btp_types::msg::token_vault::{
    ConfigResponse as VaultConfig, ExecuteMsg as VaultMsg, QueryMsg as VaultQuery,
};
use btp_types::NetworkAddress;
use cw_ownable::Ownership;
use testing::deploy::COIN_A_DENOM;
use testing::harness::SimChain;
use testing::relay::{balance, relay, send_native, Side};

/// Everything on B that an owner function could change.
#[derive(Debug, PartialEq)]
struct AdminState {
    links: Vec<LinkResponse>,
    services: Vec<ServiceResponse>,
    center_owner: Option<String>,
    vault: VaultConfig,
    vault_owner: Option<String>,
}

fn admin_state(chain: &SimChain) -> AdminState {
    let wrap = chain.app.wrap();
    let center = &chain.contracts.message_center;
    let mut links: Vec<LinkResponse> = wrap
        .query_wasm_smart(
            center,
            &CenterQuery::Links {
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    // Sequences and heads move with every message; only the administrative fields count.
    for link in &mut links {
        link.rx_seq = 0;
        link.tx_seq = 0;
        link.rx_head = None;
        link.tx_head = Default::default();
    }
    let center_owner: Ownership<String> = wrap
        .query_wasm_smart(center, &CenterQuery::Ownership {})
        .unwrap();
    let vault_owner: Ownership<String> = wrap
        .query_wasm_smart(&chain.contracts.vault, &VaultQuery::Ownership {})
        .unwrap();
    AdminState {
        links,
        services: wrap
            .query_wasm_smart(center, &CenterQuery::Services {})
            .unwrap(),
        center_owner: center_owner.owner,
        vault: wrap
            .query_wasm_smart(&chain.contracts.vault, &VaultQuery::Config {})
            .unwrap(),
        vault_owner: vault_owner.owner,
    }
}

/// Check: a delivered payload only ever reaches the handler of its `svc`, as
/// `handle_btp_message`; nothing dispatches on its content to an owner
/// function. Owner messages of every contract, JSON-encoded, as the payload
/// of a data request: B's state is untouched.
#[test]
fn owner_functions_cannot_be_reached_through_a_payload() {
    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let before = admin_state(&chains.b);
    let attacker = chains.a.user.to_string();
    let crafted = [
        serde_json::to_string(&CenterMsg::AddService {
            svc: "bts".into(),
            handler: attacker.clone(),
            batches: None,
        })
        .unwrap(),
        serde_json::to_string(&CenterMsg::RemoveLink {
            network: NetworkAddress::parse("chain-a.cosmos").unwrap(),
        })
        .unwrap(),
        serde_json::to_string(&VaultMsg::SetHandler {
            handler: attacker.clone(),
        })
        .unwrap(),
        serde_json::to_string(&CenterMsg::UpdateOwnership(
            cw_ownable::Action::TransferOwnership {
                new_owner: attacker,
                expiry: None,
            },
        ))
        .unwrap(),
    ];
    let (user, kv, network_b) = (
        chains.a.user.clone(),
        chains.a.kv_service.clone(),
        chains.b.network().clone(),
    );
    for key in crafted {
        let ask = kv_service::ExecuteMsg::Ask {
            to: network_b.clone(),
            key,
            timeout_secs: None,
        };
        chains.a.execute(&user, &kv, &ask, &[]).unwrap();
    }
    relay(&mut chains, Side::A).unwrap().unwrap();
    relay(&mut chains, Side::B).unwrap().unwrap();
    assert_eq!(admin_state(&chains.b), before);
}

/// Check: the vault never mints to itself, so a transfer addressed to B's
/// vault (or its message center) cannot make B hold unbacked wrapped coins;
/// the transfer is refused and refunded.
#[test]
fn a_transfer_addressed_to_the_suites_own_contracts_is_refunded() {
    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let before = admin_state(&chains.b);
    let vault = chains.b.contracts.vault.to_string();
    send_native(&mut chains, Side::A, COIN_A_DENOM, 1000, &vault).unwrap();
    relay(&mut chains, Side::A).unwrap().unwrap();
    relay(&mut chains, Side::B).unwrap().unwrap();
    let user = chains.a.user.clone();
    assert_eq!(balance(&chains.a, &user, COIN_A_DENOM), 1_000_000 - 20);
    assert_eq!(admin_state(&chains.b), before);
}
