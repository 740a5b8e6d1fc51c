//! The whole suite between two simulated chains with real light clients,
//! driven by the relayer: each direction, data messages with replies,
//! refunds, validator rotation, long gaps, and racing relayers.

use btp_types::events::token_handler::TransferRefunded;
use btp_types::events::TypedEvent;
use btp_types::msg::kv_service::{self, Answer, RequestResponse, UNKNOWN_KEY};
use btp_types::msg::token_handler::ReceiveMsg;
use cosmwasm_std::{to_json_binary, Uint128};
use cw20::Cw20ExecuteMsg;
use testing::chain::{SimulatedValidator, SimulatedValidatorSet};
use testing::deploy::{COIN_A, COIN_A_DENOM, COIN_B, COIN_B_DENOM};
use testing::harness::{TwoChains, TwoChainsBuilder};
use testing::relay::{balance, plan, relay, rx_seq, send_native, Side};

const START: u128 = 1_000_000;

/// The user on `from` sends wrapped tokens back to its own account on the other chain.
fn send_back(chains: &mut TwoChains, from: Side, coin_name: &str, amount: u128) {
    let (src, dst) = chains.sides(from);
    let to =
        btp_types::BtpAddress::parse(&format!("btp://{}/{}", dst.network(), dst.user)).unwrap();
    let token = src.coin_token(coin_name).unwrap();
    let msg = Cw20ExecuteMsg::Send {
        contract: src.contracts.handler.to_string(),
        amount: Uint128::new(amount),
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to,
            timeout_secs: None,
        })
        .unwrap(),
    };
    let user = src.user.clone();
    src.execute(&user, &token, &msg, &[]).unwrap();
}

#[test]
fn coins_of_each_chain_go_to_the_other_and_back() {
    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let (user_a, user_b) = (chains.a.user.clone(), chains.b.user.clone());

    // A's coin to B, B's coin to A, in the same relays.
    send_native(&mut chains, Side::A, COIN_A_DENOM, 1000, user_b.as_str()).unwrap();
    send_native(&mut chains, Side::B, COIN_B_DENOM, 2000, user_a.as_str()).unwrap();
    relay(&mut chains, Side::A).unwrap().unwrap();
    relay(&mut chains, Side::B).unwrap().unwrap();
    relay(&mut chains, Side::A).unwrap().unwrap();
    assert_eq!(
        chains
            .b
            .cw20_balance(&chains.b.coin_token(COIN_A).unwrap(), &user_b)
            .unwrap(),
        980
    );
    assert_eq!(
        chains
            .a
            .cw20_balance(&chains.a.coin_token(COIN_B).unwrap(), &user_a)
            .unwrap(),
        1970
    );

    // Both foreign coins go home.
    send_back(&mut chains, Side::B, COIN_A, 980);
    send_back(&mut chains, Side::A, COIN_B, 1970);
    relay(&mut chains, Side::B).unwrap().unwrap();
    relay(&mut chains, Side::A).unwrap().unwrap();
    relay(&mut chains, Side::B).unwrap().unwrap();
    // 980 - (10 + 9) and 1970 - (10 + 19) arrive home.
    assert_eq!(
        balance(&chains.a, &user_a, COIN_A_DENOM),
        START - 1000 + 961
    );
    assert_eq!(
        balance(&chains.b, &user_b, COIN_B_DENOM),
        START - 2000 + 1941
    );
    assert!(relay(&mut chains, Side::A).unwrap().is_none());
    assert!(relay(&mut chains, Side::B).unwrap().is_none());
}

#[test]
fn a_data_request_is_answered_across_chains() {
    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let (owner_b, kv_b) = (chains.b.owner.clone(), chains.b.kv_service.clone());
    let set = kv_service::ExecuteMsg::Set {
        key: "price".into(),
        value: "42".into(),
    };
    chains.b.execute(&owner_b, &kv_b, &set, &[]).unwrap();

    let (user_a, kv_a, network_b) = (
        chains.a.user.clone(),
        chains.a.kv_service.clone(),
        chains.b.network().clone(),
    );
    for key in ["price", "volume"] {
        let ask = kv_service::ExecuteMsg::Ask {
            to: network_b.clone(),
            key: key.into(),
            timeout_secs: None,
        };
        chains.a.execute(&user_a, &kv_a, &ask, &[]).unwrap();
    }
    relay(&mut chains, Side::A).unwrap().unwrap();
    relay(&mut chains, Side::B).unwrap().unwrap();
    let answer = |sn: i64| -> Option<Answer> {
        let request: RequestResponse = chains
            .a
            .app
            .wrap()
            .query_wasm_smart(&kv_a, &kv_service::QueryMsg::Request { sn })
            .unwrap();
        request.answer
    };
    assert_eq!(
        answer(1),
        Some(Answer {
            code: 0,
            value: "42".into()
        })
    );
    let unknown = answer(2).unwrap();
    assert_eq!(
        (unknown.code, unknown.value.as_str()),
        (UNKNOWN_KEY, "no value for \"volume\"")
    );
}

#[test]
fn a_refused_transfer_is_refunded_through_real_proofs() {
    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    send_native(&mut chains, Side::A, COIN_A_DENOM, 1000, "nobody").unwrap();
    relay(&mut chains, Side::A).unwrap().unwrap();
    let report = relay(&mut chains, Side::B).unwrap().unwrap();
    assert!(TransferRefunded::occurs_in(&report.submitted.events));
    let user = chains.a.user.clone();
    assert_eq!(
        balance(&chains.a, &user, COIN_A_DENOM),
        START - 20,
        "refunded minus the fee"
    );
}

#[test]
fn relays_go_on_across_a_validator_rotation_of_the_source() {
    let mut chains = TwoChainsBuilder::new()
        .validators(
            SimulatedValidatorSet::with_powers("a-val", &[40, 30, 20, 10]),
            SimulatedValidatorSet::equal_power("b-val", 4, 100),
        )
        .build()
        .unwrap();
    let receiver = chains.b.user.to_string();
    send_native(&mut chains, Side::A, COIN_A_DENOM, 1000, &receiver).unwrap();
    relay(&mut chains, Side::A).unwrap().unwrap();
    // A replaces 30 of its 100 voting power between two relays.
    chains
        .a
        .chain
        .rotate_validators(SimulatedValidatorSet::new([
            SimulatedValidator::new("a-val-0", 40),
            SimulatedValidator::new("a-val-1", 30),
            SimulatedValidator::new("a-new-0", 50),
        ]));
    send_native(&mut chains, Side::A, COIN_A_DENOM, 1000, &receiver).unwrap();
    let report = relay(&mut chains, Side::A).unwrap().unwrap();
    assert_eq!(report.sequences, vec![2]);
    assert_eq!(rx_seq(&mut chains, Side::B), 2);
}

#[test]
fn a_relay_after_many_blocks_skips_ahead_in_one_update() {
    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let receiver = chains.b.user.to_string();
    send_native(&mut chains, Side::A, COIN_A_DENOM, 1000, &receiver).unwrap();
    let trusted_before = chains.a.height();
    for _ in 0..150 {
        chains.a.in_block(|_| Ok(())).unwrap();
    }
    let report = relay(&mut chains, Side::A).unwrap().unwrap();
    let updated_to = report.updated_to.unwrap();
    assert!(
        updated_to > trusted_before + 290,
        "one skipping update over {} blocks",
        updated_to - trusted_before
    );
    assert_eq!(rx_seq(&mut chains, Side::B), 1);
}

#[test]
fn messages_go_in_order_in_batches_and_nothing_twice() {
    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let receiver = chains.b.user.to_string();
    for amount in [1000, 2000, 3000] {
        send_native(&mut chains, Side::A, COIN_A_DENOM, amount, &receiver).unwrap();
    }
    let first = plan(&mut chains, Side::A, 2).unwrap().unwrap();
    assert_eq!(first.sequences, vec![1, 2]);
    chains
        .b
        .execute_multi(&chains.b.relayer.clone(), first.messages)
        .unwrap();
    // The relayer keeps nothing between steps: the next one starts from the chains.
    let second = plan(&mut chains, Side::A, 2).unwrap().unwrap();
    assert_eq!(second.sequences, vec![3]);
    chains
        .b
        .execute_multi(&chains.b.relayer.clone(), second.messages)
        .unwrap();
    assert!(plan(&mut chains, Side::A, 2).unwrap().is_none());
    assert_eq!(rx_seq(&mut chains, Side::B), 3);
}

#[test]
fn two_relayers_racing_deliver_each_message_once() {
    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let receiver = chains.b.user.to_string();
    send_native(&mut chains, Side::A, COIN_A_DENOM, 1000, &receiver).unwrap();
    let first = plan(&mut chains, Side::A, 10).unwrap().unwrap();
    let second = plan(&mut chains, Side::A, 10).unwrap().unwrap();
    let rival = chains.b.app.api().addr_make("rival-relayer");
    chains
        .b
        .execute_multi(&chains.b.relayer.clone(), first.messages)
        .unwrap();
    let err = chains.b.execute_multi(&rival, second.messages).unwrap_err();
    assert!(
        format!("{err:#}").contains("was already delivered"),
        "{err:#}"
    );
    let user_b = chains.b.user.clone();
    assert_eq!(
        chains
            .b
            .cw20_balance(&chains.b.coin_token(COIN_A).unwrap(), &user_b)
            .unwrap(),
        980,
        "minted once"
    );
}

/// On a link with a delay period the relayer updates the light client in a
/// transaction of its own, waits until the header has been trusted for the
/// delay, and then delivers with a proof at that header (no new update, which
/// would start the delay again).
#[test]
fn the_relayer_waits_out_a_links_delay_period() {
    use btp_types::msg::message_center::{DelayPeriod, ExecuteMsg as CenterMsg};

    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let (owner, center) = (
        chains.b.owner.clone(),
        chains.b.contracts.message_center.clone(),
    );
    let delay = CenterMsg::SetLinkDelay {
        network: chains.a.network().clone(),
        delay: Some(DelayPeriod {
            seconds: 60,
            blocks: 4,
        }),
    };
    chains.b.execute(&owner, &center, &delay, &[]).unwrap();
    let receiver = chains.b.user.to_string();
    send_native(&mut chains, Side::A, COIN_A_DENOM, 1000, &receiver).unwrap();

    let update = relay(&mut chains, Side::A).unwrap().expect("an update");
    assert!(update.sequences.is_empty(), "the update goes alone");
    let updated_to = update.updated_to.expect("the light client is updated");
    assert!(
        relay(&mut chains, Side::A).unwrap().is_none(),
        "nothing is sent while the header is younger than the delay"
    );
    assert_eq!(rx_seq(&mut chains, Side::B), 0);

    chains.b.clock().advance(60);
    for _ in 0..4 {
        chains.b.in_block(|_| Ok(())).unwrap();
    }
    let delivered = relay(&mut chains, Side::A).unwrap().expect("a delivery");
    assert_eq!(delivered.sequences, vec![1]);
    assert_eq!(delivered.updated_to, None, "proven at the aged header");
    assert_eq!(delivered.proof_height, updated_to);
    assert_eq!(rx_seq(&mut chains, Side::B), 1);
}

/// Timeouts on a link with a delay period wait it out too: the light client
/// learns a header past the timeout in a transaction of its own, and the
/// refund is proven with that header once it has aged.
#[test]
fn timeouts_on_a_delayed_link_wait_out_the_delay_too() {
    use btp_types::msg::message_center::{DelayPeriod, ExecuteMsg as CenterMsg};
    use btp_types::msg::token_handler::ExecuteMsg as HandlerMsg;
    use testing::relay::resolve_timeouts;

    let mut chains = testing::suite::SuiteBuilder::new().two_chains().unwrap();
    let (owner, center) = (
        chains.a.owner.clone(),
        chains.a.contracts.message_center.clone(),
    );
    let delay = CenterMsg::SetLinkDelay {
        network: chains.b.network().clone(),
        delay: Some(DelayPeriod {
            seconds: 60,
            blocks: 4,
        }),
    };
    chains.a.execute(&owner, &center, &delay, &[]).unwrap();
    let (user, handler) = (chains.a.user.clone(), chains.a.contracts.handler.clone());
    let to =
        btp_types::BtpAddress::parse(&format!("btp://{}/{}", chains.b.network(), chains.b.user))
            .unwrap();
    let before = balance(&chains.a, &user, COIN_A_DENOM);
    chains
        .a
        .execute(
            &user,
            &handler,
            &HandlerMsg::Transfer {
                to,
                timeout_secs: Some(30),
            },
            &[cosmwasm_std::coin(1000, COIN_A_DENOM)],
        )
        .unwrap();
    // Nobody relays it; B's time passes the timeout.
    chains.b.clock().advance(40);
    chains.b.in_block(|_| Ok(())).unwrap();
    chains.b.in_block(|_| Ok(())).unwrap();

    let update = resolve_timeouts(&mut chains, Side::A)
        .unwrap()
        .expect("an update");
    assert!(update.requests.is_empty(), "the update goes alone");
    assert!(resolve_timeouts(&mut chains, Side::A).unwrap().is_none());
    assert_eq!(balance(&chains.a, &user, COIN_A_DENOM), before - 1000);

    chains.a.clock().advance(60);
    for _ in 0..4 {
        chains.a.in_block(|_| Ok(())).unwrap();
    }
    let resolved = resolve_timeouts(&mut chains, Side::A)
        .unwrap()
        .expect("the timeout resolved");
    assert_eq!(resolved.requests.len(), 1);
    assert_eq!(resolved.updated_to, None, "proven at the aged header");
    assert!(
        balance(&chains.a, &user, COIN_A_DENOM) > before - 1000,
        "refunded"
    );
}
