//! Who may do what: owner-only administration, registered senders, the
//! relay allow-list, the pause switch, and payloads that try to reach the owner's functions.

use btp_types::events::message_center::DeliveryFailed;
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{ExecuteMsg, ServiceResponse, MESSAGE_CENTER_SERVICE};
use btp_types::{BtpMessage, MessageCenterMessage};
use contract_kit::pause::PauseError;
use cosmwasm_std::{Binary, Uint128};
use cw_multi_test::Executor;
use cw_ownable::OwnershipError;
use message_center::ContractError;
use testing::mock_handler;
use testing::mock_verifier::Mode;
use testing::suite::centers::*;

#[test]
fn send_message_from_an_unregistered_contract_or_account_is_rejected() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (owner, user, center) = (
        suite.owner.clone(),
        suite.user.clone(),
        suite.a.center.clone(),
    );
    // A second handler contract that nobody registered.
    let code = suite.app.store_code(mock_handler::contract());
    let rogue = suite
        .app
        .instantiate_contract(
            code,
            owner,
            &mock_handler::InstantiateMsg {
                message_center: center.to_string(),
            },
            &[],
            "rogue",
            None,
        )
        .unwrap();
    let send = mock_handler::ControlMsg::Send {
        to: net("b.cosmos"),
        svc: SVC.into(),
        sn: 0,
        payload: Binary::new(b"x".to_vec()),
        timeout: None,
    };
    let fee = suite.fee_a(0);
    let err = suite
        .app
        .execute_contract(user.clone(), rogue.clone(), &send, &fee)
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::NotServiceHandler { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}").contains("is not the handler registered for service \"demo\""));

    let direct = ExecuteMsg::SendMessage {
        to: net("b.cosmos"),
        svc: SVC.into(),
        sn: 0,
        payload: Binary::new(b"x".to_vec()),
        timeout: None,
    };
    let err = suite
        .app
        .execute_contract(user, center, &direct, &fee)
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::NotServiceHandler { .. }),
        "{err:#}"
    );
}

#[test]
fn handlers_cannot_send_replies_or_messages_to_unlinked_networks() {
    let mut suite = SuiteBuilder::new().two_centers();
    let fee = suite.fee_a(0);
    let err = suite.send_from_a(-1, b"fake reply", &fee).unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::NegativeSn { .. }),
        "{err:#}"
    );
    let handler = suite.a.handler.clone();
    let user = suite.user.clone();
    let err = suite
        .app
        .execute_contract(
            user,
            handler,
            &mock_handler::ControlMsg::Send {
                to: net("z.cosmos"),
                svc: SVC.into(),
                sn: 0,
                payload: Binary::default(),
                timeout: None,
            },
            &fee,
        )
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::NoLink { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}").contains("there is no link or route to z.cosmos"));
}

#[test]
fn the_message_center_service_name_is_reserved() {
    let mut suite = SuiteBuilder::new().two_centers();
    let center = suite.a.center.clone();
    let handler = suite.a.handler.to_string();
    let err = suite
        .owner_executes(
            &center,
            &ExecuteMsg::AddService {
                svc: MESSAGE_CENTER_SERVICE.into(),
                handler,
                batches: None,
            },
        )
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::ReservedService { .. }),
        "{err:#}"
    );
}

/// Even past a broken verifier, a payload addressed to the message center
/// itself only ever reaches its reward-claim handling: no link, service,
/// verifier or owner changes, whatever the bytes say.
#[test]
fn a_crafted_payload_cannot_reach_the_owner_functions() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (center, verifier) = (suite.b.center.clone(), suite.b.verifier.clone());
    suite.set_mock_verifier_mode(&verifier, Mode::AcceptAll);
    let admin_json = serde_json::to_vec(&ExecuteMsg::AddService {
        svc: "evil".into(),
        handler: suite.user.to_string(),
        batches: None,
    })
    .unwrap();
    let crafted_payloads = [
        admin_json.clone(),
        // BMC-shaped: ["AddService", data] and ["Link", data].
        btp_types::rlp::ListEncoder::new()
            .push("AddService")
            .push(&admin_json)
            .finish(),
        btp_types::rlp::ListEncoder::new()
            .push("Link")
            .push(&b"c.cosmos"[..])
            .finish(),
    ];
    let relayer = suite.relayer.clone();
    for (index, payload) in crafted_payloads.into_iter().enumerate() {
        for (svc, sn) in [
            (MESSAGE_CENTER_SERVICE, 0),
            (MESSAGE_CENTER_SERVICE, 1),
            (SVC, 0),
        ] {
            let rx_seq = suite.center_link(&center, &net("a.cosmos")).rx_seq;
            let message = BtpMessage {
                src: net("a.cosmos"),
                dst: net("b.cosmos"),
                svc: svc.into(),
                sn,
                payload: Binary::new(payload.clone()),
                nsn: 1,
                fee_info: None,
            };
            let relayed = btp_types::msg::message_center::RelayedMessage {
                sequence: rx_seq + 1,
                message: Binary::new(message.encode()),
                timeout: None,
            };
            suite
                .relay(&relayer, &center, &net("a.cosmos"), vec![relayed])
                .unwrap_or_else(|err| panic!("payload {index} via {svc}: {err:#}"));
        }
    }
    let services: Vec<ServiceResponse> = suite
        .app
        .wrap()
        .query_wasm_smart(
            &center,
            &btp_types::msg::message_center::QueryMsg::Services {},
        )
        .unwrap();
    assert_eq!(services.len(), 1, "no service was added: {services:?}");
    assert_eq!(services[0].svc, SVC);
    let links: Vec<btp_types::msg::message_center::LinkResponse> = suite
        .app
        .wrap()
        .query_wasm_smart(
            &center,
            &btp_types::msg::message_center::QueryMsg::Links {
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].verifier, suite.b.verifier.to_string());
    let ownership: cw_ownable::Ownership<String> = suite
        .app
        .wrap()
        .query_wasm_smart(
            &center,
            &btp_types::msg::message_center::QueryMsg::Ownership {},
        )
        .unwrap();
    assert_eq!(ownership.owner.as_deref(), Some(suite.owner.as_str()));
}

#[test]
fn a_reward_claim_from_the_remote_center_pays_only_a_valid_local_account() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (center, verifier) = (suite.b.center.clone(), suite.b.verifier.clone());
    suite.set_mock_verifier_mode(&verifier, Mode::AcceptAll);
    let claim = MessageCenterMessage::Claim {
        amount: Uint128::new(5),
        receiver: "not-an-address".into(),
    };
    let message = BtpMessage {
        src: net("a.cosmos"),
        dst: net("b.cosmos"),
        svc: MESSAGE_CENTER_SERVICE.into(),
        sn: 1, // a claim is a request, as ICON sends it
        payload: Binary::new(claim.encode()),
        nsn: 1,
        fee_info: None,
    };
    let relayed = btp_types::msg::message_center::RelayedMessage {
        sequence: 1,
        message: Binary::new(message.encode()),
        timeout: None,
    };
    let relayer = suite.relayer.clone();
    let response = suite
        .relay(&relayer, &center, &net("a.cosmos"), vec![relayed])
        .unwrap();
    assert!(DeliveryFailed::first(&response.events)
        .map(|event| event.reason.to_string())
        .unwrap()
        .contains("is not an account of this chain"));
}

#[test]
fn only_listed_relayers_may_relay_on_a_link_with_an_allow_list() {
    let mut suite = SuiteBuilder::new().two_centers();
    let center = suite.b.center.clone();
    let listed = suite.app.api().addr_make("listed");
    suite
        .owner_executes(
            &center,
            &ExecuteMsg::UpdateLink {
                network: net("a.cosmos"),
                verifier: None,
                relayers: Some(vec![listed.to_string()]),
            },
        )
        .unwrap();
    let message = suite.request_from_a(0, b"x");
    let err = suite
        .relay_to_b(std::slice::from_ref(&message))
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::RelayerNotAllowed { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}").contains("is not on the relay allow-list of the link to a.cosmos"));
    suite
        .relay(&listed, &center, &net("a.cosmos"), vec![message.relayed()])
        .unwrap();
}

#[test]
fn pause_blocks_sending_and_receiving_and_unpause_restores_them() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (center_a, center_b) = (suite.a.center.clone(), suite.b.center.clone());
    let waiting = suite.request_from_a(0, b"before the pause");

    suite
        .owner_executes(&center_a, &ExecuteMsg::SetPaused { paused: true })
        .unwrap();
    let fee = suite.fee_a(0);
    let err = suite.send_from_a(0, b"x", &fee).unwrap_err();
    assert!(matches!(center_error(&err), ContractError::Pause { .. }));
    assert!(format!("{err:#}").contains("the contract is paused: sending is stopped"));

    suite
        .owner_executes(&center_b, &ExecuteMsg::SetPaused { paused: true })
        .unwrap();
    let err = suite
        .relay_to_b(std::slice::from_ref(&waiting))
        .unwrap_err();
    assert!(matches!(center_error(&err), ContractError::Pause { .. }));
    assert!(format!("{err:#}").contains("the contract is paused: receiving is stopped"));

    suite
        .owner_executes(&center_a, &ExecuteMsg::SetPaused { paused: false })
        .unwrap();
    suite
        .owner_executes(&center_b, &ExecuteMsg::SetPaused { paused: false })
        .unwrap();
    suite.send_from_a(0, b"x", &fee).unwrap();
    suite.relay_to_b(&[waiting]).unwrap();
    assert_eq!(suite.center_link(&center_b, &net("a.cosmos")).rx_seq, 1);
}

#[test]
fn administration_is_for_the_owner_only() {
    let mut suite = SuiteBuilder::new().two_centers();
    let (center, user) = (suite.a.center.clone(), suite.user.clone());
    let attempts = [
        ExecuteMsg::AddLink {
            network: net("c.cosmos"),
            verifier: user.to_string(),
            remote_message_center: suite.b.center.to_string(),
            relayers: vec![],
        },
        ExecuteMsg::RemoveLink {
            network: net("b.cosmos"),
        },
        ExecuteMsg::UpdateLink {
            network: net("b.cosmos"),
            verifier: None,
            relayers: Some(vec![user.to_string()]),
        },
        ExecuteMsg::AddService {
            svc: "evil".into(),
            handler: user.to_string(),
            batches: None,
        },
        ExecuteMsg::RemoveService { svc: SVC.into() },
        ExecuteMsg::SetFee {
            network: net("b.cosmos"),
            forward: Uint128::zero(),
            backward: Uint128::zero(),
        },
        ExecuteMsg::SetDeliveryGasLimit { gas_limit: 1 },
        ExecuteMsg::SetPaused { paused: true },
    ];
    for attempt in attempts {
        let err = suite
            .app
            .execute_contract(user.clone(), center.clone(), &attempt, &[])
            .unwrap_err();
        assert!(
            matches!(
                center_error(&err),
                ContractError::Ownership(OwnershipError::NotOwner)
                    | ContractError::Pause(PauseError::Ownership(OwnershipError::NotOwner))
            ),
            "{attempt:?}"
        );
    }
}

#[test]
fn links_are_checked_when_they_are_added() {
    let mut suite = SuiteBuilder::new().two_centers();
    let center = suite.a.center.clone();
    let verifier = suite.a.verifier.to_string();
    let remote = suite.b.center.to_string();
    let add = |network: &str, remote: &str| ExecuteMsg::AddLink {
        network: net(network),
        verifier: verifier.clone(),
        remote_message_center: remote.into(),
        relayers: vec![],
    };
    let err = suite
        .owner_executes(&center, &add("b.cosmos", &remote))
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::LinkExists { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}").contains("a link to b.cosmos already exists"));
    let err = suite
        .owner_executes(&center, &add("a.cosmos", &remote))
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::LinkToSelf { .. }),
        "{err:#}"
    );
    // The address format is the verifier's business; the message center
    // refuses only what cannot be an address at all.
    for not_an_address in ["", "two words", "\u{7f}tab"] {
        let err = suite
            .owner_executes(&center, &add("c.cosmos", not_an_address))
            .unwrap_err();
        assert!(
            matches!(
                center_error(&err),
                ContractError::InvalidRemoteAddress { .. }
            ),
            "{not_an_address:?}"
        );
    }
    suite
        .owner_executes(&center, &add("c.cosmos", &remote))
        .unwrap();
    suite
        .owner_executes(
            &center,
            &ExecuteMsg::RemoveLink {
                network: net("c.cosmos"),
            },
        )
        .unwrap();
    let err = suite
        .owner_executes(
            &center,
            &ExecuteMsg::RemoveLink {
                network: net("c.cosmos"),
            },
        )
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::LinkClosed { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}").contains("the link to c.cosmos is closed"));
    let err = suite
        .owner_executes(
            &center,
            &ExecuteMsg::RemoveLink {
                network: net("d.cosmos"),
            },
        )
        .unwrap_err();
    assert!(
        matches!(center_error(&err), ContractError::NoLink { .. }),
        "{err:#}"
    );
    assert!(format!("{err:#}").contains("there is no link or route to d.cosmos"));
}
