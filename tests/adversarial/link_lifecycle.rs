//! The link's life, attacked through the real two-chain harness: closing and
//! opening a link again, or changing its verifier, must not let anyone relay
//! its history again (every past transfer would mint again, and the wrapped
//! coins could be redeemed against honest users' escrow).

use btp_types::msg::message_center::ExecuteMsg as CenterMsg;
use testing::deploy::{COIN_A, COIN_A_DENOM};
use testing::errors::{contract_error, Cw20Error};
use testing::harness::TwoChains;
use testing::relay::{deliver, honest, relay, rx_seq, send_native, update, Side};

use crate::common::two_pending;

/// B's owner closes its link to A and opens it again, as before.
fn relink_b(chains: &mut TwoChains) {
    let owner = chains.b.owner.clone();
    let center = chains.b.contracts.message_center.clone();
    let reopen = [
        CenterMsg::RemoveLink {
            network: chains.a.network().clone(),
        },
        CenterMsg::AddLink {
            network: chains.a.network().clone(),
            verifier: chains.b.contracts.verifier.to_string(),
            remote_message_center: chains.a.contracts.message_center.to_string(),
            relayers: vec![],
        },
    ];
    for msg in reopen {
        chains.b.execute(&owner, &center, &msg, &[]).unwrap();
    }
}

fn wrapped_of_b_user(chains: &TwoChains) -> u128 {
    let token = chains.b.coin_token(COIN_A).unwrap();
    chains.b.cw20_balance(&token, &chains.b.user).unwrap()
}

/// Check: sequences live in the history, which `remove_link`/`add_link` keep;
/// a delivered message, relayed again with a fresh valid proof, is refused.
#[test]
fn removing_and_adding_a_link_again_does_not_replay_its_history() {
    let mut chains = two_pending();
    let replay = honest(&chains);
    relay(&mut chains, Side::A).unwrap().unwrap();
    let minted = wrapped_of_b_user(&chains);
    assert_eq!(minted, 980 + 1970);

    relink_b(&mut chains);
    assert_eq!(rx_seq(&mut chains, Side::B), 2, "the history survives");
    assert!(
        relay(&mut chains, Side::A).unwrap().is_none(),
        "an honest relayer finds nothing to deliver"
    );
    let attacker = chains.b.app.api().addr_make("attacker");
    let err = chains
        .b
        .execute_multi(
            &attacker,
            vec![
                update(&chains, replay.header),
                deliver(&chains, replay.target, replay.messages, replay.proof),
            ],
        )
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("was already delivered"),
        "{err:#}"
    );
    assert_eq!(wrapped_of_b_user(&chains), minted, "nothing minted twice");
}

/// Check: with the history kept, the wrapped supply on B never exceeds what
/// is locked on A, so redeeming can only take back one's own escrow: another
/// user's deposit stays locked on A.
#[test]
fn replayed_coins_cannot_be_redeemed_against_other_users_escrow() {
    let mut chains = two_pending();
    // An honest user of A deposits too, for another account on B.
    let bystander = chains.b.app.api().addr_make("bystander").to_string();
    send_native(&mut chains, Side::A, COIN_A_DENOM, 5000, &bystander).unwrap();
    relay(&mut chains, Side::A).unwrap().unwrap();
    relink_b(&mut chains);
    let _ = relay(&mut chains, Side::A).unwrap();

    // The user sends back twice what it holds: refused by the token itself.
    let held = wrapped_of_b_user(&chains);
    let token = chains.b.coin_token(COIN_A).unwrap();
    let to =
        btp_types::BtpAddress::parse(&format!("btp://{}/{}", chains.a.network(), chains.a.user))
            .unwrap();
    let handler = chains.b.contracts.handler.to_string();
    let send_back = |amount: u128| cw20::Cw20ExecuteMsg::Send {
        contract: handler.clone(),
        amount: cosmwasm_std::Uint128::new(amount),
        msg: cosmwasm_std::to_json_binary(&btp_types::msg::token_handler::ReceiveMsg::Transfer {
            to: to.clone(),
            timeout_secs: None,
        })
        .unwrap(),
    };
    let user = chains.b.user.clone();
    let err = chains
        .b
        .execute(&user, &token, &send_back(2 * held), &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<Cw20Error>(&err),
        Cw20Error::Std(cosmwasm_std::StdError::Overflow { .. })
    ));
    chains
        .b
        .execute(&user, &token, &send_back(held), &[])
        .unwrap();
    relay(&mut chains, Side::B).unwrap().unwrap();
    relay(&mut chains, Side::A).unwrap().unwrap();

    // What stays locked on A backs exactly the wrapped coins left on B, the
    // bystander's among them.
    let vault = chains.a.contracts.vault.clone();
    let locked = testing::relay::balance(&chains.a, &vault, COIN_A_DENOM);
    let supply: cw20::TokenInfoResponse = chains
        .b
        .app
        .wrap()
        .query_wasm_smart(&token, &cw20::Cw20QueryMsg::TokenInfo {})
        .unwrap();
    assert_eq!(locked, supply.total_supply.u128());
    assert_eq!(wrapped_of_b_user(&chains), 0);
    let bystander = cosmwasm_std::Addr::unchecked(&bystander);
    assert_eq!(chains.b.cw20_balance(&token, &bystander).unwrap(), 4940);
    assert!(locked >= 4940, "the bystander's escrow is whole");
}

/// Check: the message center asks its verifier generic questions only, so a
/// verifier of another kind (signed attestations instead of a light client)
/// takes over a link of the real two-chain harness through `update_link`,
/// with the link's history intact: it delivers what its attestor signs and
/// refuses what an impostor signs.
#[test]
fn a_link_moved_to_a_verifier_of_another_kind_goes_on_with_its_proofs() {
    use btp_types::keys::{chain_head, GENESIS_HEAD};
    use btp_types::msg::verifier::{Counterpart, VerifierQuery};
    use cw_multi_test::Executor;
    use testing::committee::Committee;

    let mut chains = two_pending();
    let attestor = Committee::new("btp-b<-btp-a", "a committee of chain A", 1);
    let owner = chains.b.owner.clone();
    let verifier = chains
        .b
        .in_block(|app| {
            let code = app.store_code(testing::contracts::verifier_committee());
            app.instantiate_contract(
                code,
                owner.clone(),
                &attestor.instantiate_msg(1),
                &[],
                "committee",
                None,
            )
        })
        .unwrap();
    let center = chains.b.contracts.message_center.clone();
    let update = CenterMsg::UpdateLink {
        network: chains.a.network().clone(),
        verifier: Some(verifier.to_string()),
        relayers: None,
    };
    chains.b.execute(&owner, &center, &update, &[]).unwrap();

    let pending = honest(&chains).messages;
    let head = pending.iter().fold(GENESIS_HEAD, |head, message| {
        chain_head(&head, &message.message, message.timeout)
    });
    let height = 7;
    let question = VerifierQuery::VerifyCommitment {
        height,
        center: chains.a.contracts.message_center.to_string(),
        counterpart: Counterpart {
            network: chains.b.network().clone(),
            center: center.to_string(),
        },
        sequence: 2,
        head: cosmwasm_std::Binary::new(head.to_vec()),
        proof: cosmwasm_std::Binary::default(),
    };
    let now = chains.b.app.block_info().time;
    let relay = |proof| deliver(&chains, height, pending.clone(), proof);
    let impostor = Committee::new("btp-b<-btp-a", "impostor", 1);
    let forged = relay(impostor.attest(&question, now, &[0]));
    let attested = relay(attestor.attest(&question, now, &[0]));
    let attacker = chains.b.app.api().addr_make("attacker");
    let err = chains.b.execute_multi(&attacker, vec![forged]).unwrap_err();
    assert!(format!("{err:#}").contains("does not verify"), "{err:#}");

    let relayer = chains.b.relayer.clone();
    chains.b.execute_multi(&relayer, vec![attested]).unwrap();
    assert_eq!(rx_seq(&mut chains, Side::B), 2);
    assert_eq!(wrapped_of_b_user(&chains), 980 + 1970);
}

/// Check: a link with a delay period executes nothing proven by a header the
/// light client has trusted for less than the delay, so a forged header can
/// be reported (and the client frozen) before it is used. A relayer that
/// updates the client and delivers in one transaction is refused; the same
/// proof is accepted once the header is old enough, in time and in blocks.
#[test]
fn a_delayed_link_executes_nothing_proven_by_a_header_younger_than_its_delay() {
    use btp_types::msg::message_center::DelayPeriod;
    use testing::errors::MessageCenterError as ContractError;

    let mut chains = two_pending();
    let owner = chains.b.owner.clone();
    let center = chains.b.contracts.message_center.clone();
    let delay = CenterMsg::SetLinkDelay {
        network: chains.a.network().clone(),
        delay: Some(DelayPeriod {
            seconds: 60,
            blocks: 3,
        }),
    };
    chains.b.execute(&owner, &center, &delay, &[]).unwrap();
    let delay_not_passed = |err: &anyhow::Error| {
        matches!(
            err.downcast_ref::<ContractError>(),
            Some(ContractError::DelayNotPassed { .. })
        )
    };

    let honest = honest(&chains);
    let relayer = chains.b.relayer.clone();
    let at_once = chains
        .b
        .execute_multi(
            &relayer,
            vec![
                update(&chains, honest.header.clone()),
                deliver(
                    &chains,
                    honest.target,
                    honest.messages.clone(),
                    honest.proof.clone(),
                ),
            ],
        )
        .unwrap_err();
    assert!(delay_not_passed(&at_once), "{at_once:#}");

    // The header trusted now; its proof waits for the delay.
    chains
        .b
        .execute_multi(&relayer, vec![update(&chains, honest.header)])
        .unwrap();
    let proven = deliver(&chains, honest.target, honest.messages, honest.proof);
    let early = chains
        .b
        .execute_multi(&relayer, vec![proven.clone()])
        .unwrap_err();
    assert!(delay_not_passed(&early), "{early:#}");
    assert_eq!(rx_seq(&mut chains, Side::B), 0);

    chains.b.clock().advance(60);
    chains.b.in_block(|_| Ok(())).unwrap();
    chains.b.execute_multi(&relayer, vec![proven]).unwrap();
    assert_eq!(rx_seq(&mut chains, Side::B), 2);
    assert_eq!(wrapped_of_b_user(&chains), 980 + 1970);
}
