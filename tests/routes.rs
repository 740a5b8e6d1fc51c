//! Routes through a third chain: A — B — C, where A and C reach each other
//! only through B's message center (`testing::three_chains`), with real
//! light clients on every link and the relayer library doing every relay.

use anyhow::Result;
use btp_types::error_code::{NO_ROUTE, TOKEN_INVALID_RECEIVER};
use btp_types::msg::message_center::{ExecuteMsg as CenterMsg, QueryMsg as CenterQuery};
use btp_types::msg::token_handler::{
    ExecuteMsg as HandlerMsg, PendingTransfer, QueryMsg as HandlerQuery, ReceiveMsg,
};
use btp_types::msg::token_vault::{ExecuteMsg as VaultMsg, PooledAsset};
use btp_types::{BtpAddress, BtpMessage, ErrorMessage, NetworkAddress};
use cosmwasm_std::{coin, to_json_binary, Addr, Uint128};
use cw20::Cw20ExecuteMsg;
use message_center::ContractError as CenterError;
use testing::deploy::scenario_token_fee;
use testing::deploy::{COIN_A, COIN_A_DENOM};
use testing::errors::contract_error;
use testing::harness::SimChain;
use testing::pools::{mint_native, pool, pooled_origin, register_pool_coin, POOL_COIN, POOL_DENOM};
use testing::relay::{endpoint_towards, relay_link as relay, settle_three as settle};
use testing::three_chains::{HopFees, ThreeChains, ThreeChainsBuilder};

const START: u128 = 1_000_000;

fn endpoint(chain: &SimChain, towards: &SimChain) -> relayer::Endpoint {
    endpoint_towards(chain, towards).expect("linked chains have light clients of each other")
}

fn btp_address(chain: &SimChain, account: &str) -> BtpAddress {
    BtpAddress::parse(&format!("btp://{}/{account}", chain.network())).unwrap()
}

/// The relay fee a transfer from `chain` to `to` must attach.
fn relay_fee(chain: &SimChain, to: &NetworkAddress) -> cosmwasm_std::Coin {
    let quote: btp_types::msg::message_center::FeeQuoteResponse = chain
        .app
        .wrap()
        .query_wasm_smart(
            &chain.contracts.message_center,
            &CenterQuery::FeeQuote {
                to: to.clone(),
                expects_reply: true,
            },
        )
        .unwrap();
    coin(quote.amount.u128(), quote.denom)
}

/// A's user sends `amount` of A's native coin to `receiver` on C.
fn send_a_to_c(chains: &mut ThreeChains, amount: u128, receiver: &str) -> Result<()> {
    let to = btp_address(&chains.c, receiver);
    let mut funds = vec![coin(amount, COIN_A_DENOM)];
    let fee = relay_fee(&chains.a, chains.c.network());
    if !fee.amount.is_zero() {
        funds.push(fee);
    }
    funds.sort_by(|x, y| x.denom.cmp(&y.denom));
    let (user, handler) = (chains.a.user.clone(), chains.a.contracts.handler.clone());
    chains.a.execute(
        &user,
        &handler,
        &HandlerMsg::Transfer {
            to,
            timeout_secs: None,
        },
        &funds,
    )?;
    Ok(())
}

fn native(chain: &SimChain, account: &Addr, denom: &str) -> u128 {
    chain
        .app
        .wrap()
        .query_balance(account, denom)
        .unwrap()
        .amount
        .u128()
}

fn pending_on_a(chains: &ThreeChains) -> Vec<PendingTransfer> {
    chains
        .a
        .app
        .wrap()
        .query_wasm_smart(
            &chains.a.contracts.handler,
            &HandlerQuery::PendingTransfers {
                sender: chains.a.user.to_string(),
            },
        )
        .unwrap()
}

fn reward(chain: &SimChain, fee_network: &NetworkAddress, relayer: &Addr) -> u128 {
    let reward: Uint128 = chain
        .app
        .wrap()
        .query_wasm_smart(
            &chain.contracts.message_center,
            &CenterQuery::Reward {
                network: fee_network.clone(),
                relayer: relayer.to_string(),
            },
        )
        .unwrap();
    reward.u128()
}

/// The messages `chain` committed for `next`, decoded.
fn committed_for(chain: &SimChain, next: &NetworkAddress) -> Vec<BtpMessage> {
    chain
        .committed_messages(chain.contracts.message_center.as_str(), 0, chain.height())
        .into_iter()
        .filter(|(_, committed)| committed.network == next.as_str())
        .map(|(_, committed)| BtpMessage::decode(&committed.message).unwrap())
        .collect()
}

/// The owner of `chain` routes `network` through `next`, for no fee.
fn set_free_route(chain: &mut SimChain, network: &NetworkAddress, next: &NetworkAddress) {
    let (owner, center) = (chain.owner.clone(), chain.contracts.message_center.clone());
    let route = CenterMsg::SetRoute {
        network: network.clone(),
        next: next.clone(),
        forward_fees: vec![Uint128::zero()],
        backward_fees: vec![Uint128::zero()],
    };
    chain.execute(&owner, &center, &route, &[]).unwrap();
}

/// A's kv service asks `to` for a key (a request: it expects a reply).
fn ask_from_a(chains: &mut ThreeChains, to: &NetworkAddress, timeout_secs: Option<u64>) {
    let ask = btp_types::msg::kv_service::ExecuteMsg::Ask {
        to: to.clone(),
        key: "price".into(),
        timeout_secs,
    };
    let (user, kv) = (chains.a.user.clone(), chains.a.kv_service.clone());
    chains.a.execute(&user, &kv, &ask, &[]).unwrap();
}

#[test]
fn a_coin_of_a_goes_to_c_through_b_and_comes_back_with_exact_balances() {
    let mut chains = testing::suite::SuiteBuilder::new().three_chains().unwrap();
    let user_c = chains.c.user.to_string();
    let user_a = chains.a.user.clone();

    // One user action on A: 1000 leave, 20 of token fee stay, 980 travel.
    send_a_to_c(&mut chains, 1000, &user_c).unwrap();
    assert_eq!(native(&chains.a, &user_a, COIN_A_DENOM), START - 1000);
    let (a_net, c_net) = (chains.a.network().clone(), chains.c.network().clone());
    let first_hop = committed_for(&chains.a, chains.b.network());
    assert_eq!(first_hop.len(), 1, "committed on A's link to B");
    assert_eq!((&first_hop[0].src, &first_hop[0].dst), (&a_net, &c_net));

    settle(&mut chains).unwrap();
    // B forwarded it, unchanged but for the fee it consumed.
    let forwarded = committed_for(&chains.b, &c_net);
    assert_eq!(forwarded.len(), 1);
    assert_eq!(
        (&forwarded[0].src, forwarded[0].sn, &forwarded[0].payload),
        (&a_net, first_hop[0].sn, &first_hop[0].payload)
    );
    // C minted its wrapped coin of A (not of B); B minted nothing.
    let wrapped_on_c = chains.c.coin_token(COIN_A).unwrap();
    assert_eq!(
        chains
            .c
            .cw20_balance(&wrapped_on_c, &chains.c.user)
            .unwrap(),
        980
    );
    let wrapped_on_b = chains.b.coin_token(COIN_A).unwrap();
    let supply_b: cw20::TokenInfoResponse = chains
        .b
        .app
        .wrap()
        .query_wasm_smart(&wrapped_on_b, &cw20::Cw20QueryMsg::TokenInfo {})
        .unwrap();
    assert!(supply_b.total_supply.is_zero());
    // The success reply came back C → B → A: the transfer is final.
    assert!(pending_on_a(&chains).is_empty());
    assert_eq!(
        committed_for(&chains.b, &a_net).len(),
        1,
        "the reply, forwarded"
    );

    // And back: 980 leave C (fee 10 + 9 stays on C), 961 are released on A.
    let back = Cw20ExecuteMsg::Send {
        contract: chains.c.contracts.handler.to_string(),
        amount: Uint128::new(980),
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to: btp_address(&chains.a, user_a.as_str()),
            timeout_secs: None,
        })
        .unwrap(),
    };
    let user_c_addr = chains.c.user.clone();
    chains
        .c
        .execute(&user_c_addr, &wrapped_on_c, &back, &[])
        .unwrap();
    settle(&mut chains).unwrap();
    assert_eq!(native(&chains.a, &user_a, COIN_A_DENOM), START - 1000 + 961);
    assert_eq!(
        chains
            .c
            .cw20_balance(&wrapped_on_c, &chains.c.user)
            .unwrap(),
        0
    );
}

#[test]
fn a_transfer_refused_at_c_is_refunded_on_a_once() {
    let mut chains = testing::suite::SuiteBuilder::new().three_chains().unwrap();
    let user_a = chains.a.user.clone();
    send_a_to_c(&mut chains, 1000, "not-an-account").unwrap();
    settle(&mut chains).unwrap();
    // C's error reply went back through B.
    let replies = committed_for(&chains.c, chains.b.network());
    assert_eq!(replies.len(), 1);
    let code = ErrorMessage::decode(&replies[0].payload).unwrap().code;
    assert_eq!(code, TOKEN_INVALID_RECEIVER);
    assert_eq!(
        native(&chains.a, &user_a, COIN_A_DENOM),
        START - 20,
        "refunded minus the token fee, once"
    );
    assert!(pending_on_a(&chains).is_empty());
    // Nothing more to relay: the refund cannot be paid twice.
    settle(&mut chains).unwrap();
    assert_eq!(native(&chains.a, &user_a, COIN_A_DENOM), START - 20);
}

#[test]
fn each_hops_relayer_earns_its_hops_fee_and_claims_it_back_over_the_route() {
    let link = HopFees {
        forward: Uint128::new(100),
        backward: Uint128::new(40),
    };
    let route = HopFees {
        forward: Uint128::new(70),
        backward: Uint128::new(30),
    };
    let mut chains = ThreeChainsBuilder::new()
        .link_fees(link)
        .route_fees(route)
        .build()
        .unwrap();
    let a_net = chains.a.network().clone();
    let fee = relay_fee(&chains.a, chains.c.network());
    assert_eq!(
        fee.amount.u128(),
        100 + 70 + 30 + 40,
        "every hop, both ways"
    );
    let user_c = chains.c.user.to_string();
    send_a_to_c(&mut chains, 1000, &user_c).unwrap();
    settle(&mut chains).unwrap();
    assert!(pending_on_a(&chains).is_empty());

    // A → B (100) and the reply C → B (30) were relayed into B; B → C (70)
    // into C; B → A (40) into A: each in A's currency.
    let (ra, rb, rc) = (
        chains.a.relayer.clone(),
        chains.b.relayer.clone(),
        chains.c.relayer.clone(),
    );
    assert_eq!(reward(&chains.b, &a_net, &rb), 130);
    assert_eq!(reward(&chains.c, &a_net, &rc), 70);
    assert_eq!(reward(&chains.a, &a_net, &ra), 40);

    // C's relayer claims its 70 on A: the claim travels C → B → A and is
    // paid from what A took for traffic over its link to B.
    let ledger = |chains: &ThreeChains| -> u128 {
        let ledger: Uint128 = chains
            .a
            .app
            .wrap()
            .query_wasm_smart(
                &chains.a.contracts.message_center,
                &CenterQuery::FeeLedger {
                    network: chains.b.network().clone(),
                },
            )
            .unwrap();
        ledger.u128()
    };
    assert_eq!(ledger(&chains), 240 - 40);
    let receiver_on_a = chains.a.app.api().addr_make("c-relayer-on-a");
    let claim_fee = relay_fee(&chains.c, &a_net);
    let center_c = chains.c.contracts.message_center.clone();
    chains
        .c
        .execute(
            &rc,
            &center_c,
            &CenterMsg::ClaimReward {
                network: a_net.clone(),
                receiver: Some(receiver_on_a.to_string()),
            },
            &[claim_fee],
        )
        .unwrap();
    settle(&mut chains).unwrap();
    assert_eq!(reward(&chains.a, &a_net, &receiver_on_a), 70);
    assert_eq!(ledger(&chains), 240 - 40 - 70);
    assert_eq!(reward(&chains.c, &a_net, &rc), 0, "claimed once");
}

#[test]
fn a_message_to_a_network_no_one_routes_to_is_answered_with_no_route() {
    let mut chains = testing::suite::SuiteBuilder::new().three_chains().unwrap();
    let nowhere = NetworkAddress::parse("chain-z.cosmos").unwrap();
    // A believes B reaches Z; B does not.
    let b_net = chains.b.network().clone();
    set_free_route(&mut chains.a, &nowhere, &b_net);
    ask_from_a(&mut chains, &nowhere, None);
    settle(&mut chains).unwrap();
    let answers = committed_for(&chains.b, chains.a.network());
    assert_eq!(answers.len(), 1, "B answered A itself");
    let answer = ErrorMessage::decode(&answers[0].payload).unwrap();
    assert_eq!(answer.code, NO_ROUTE);
    assert!(
        answer.message.contains("no way on to chain-z.cosmos"),
        "{}",
        answer.message
    );
    assert!(
        committed_for(&chains.b, chains.c.network()).is_empty(),
        "forwarded nowhere"
    );
}

#[test]
fn a_route_loop_ends_in_no_route_instead_of_circling() {
    let mut chains = testing::suite::SuiteBuilder::new().three_chains().unwrap();
    let nowhere = NetworkAddress::parse("chain-z.cosmos").unwrap();
    // A routes Z through B, and B routes Z back through A.
    let (a_net, b_net) = (chains.a.network().clone(), chains.b.network().clone());
    set_free_route(&mut chains.a, &nowhere, &b_net);
    set_free_route(&mut chains.b, &nowhere, &a_net);
    ask_from_a(&mut chains, &nowhere, None);
    settle(&mut chains).unwrap();
    let answers = committed_for(&chains.b, chains.a.network());
    assert_eq!(answers.len(), 1);
    let answer = ErrorMessage::decode(&answers[0].payload).unwrap();
    assert_eq!(answer.code, NO_ROUTE);
    assert!(
        answer.message.contains("a route loop"),
        "{}",
        answer.message
    );
}

#[test]
fn routes_are_refused_when_they_cannot_work_and_only_the_owner_sets_them() {
    let mut chains = testing::suite::SuiteBuilder::new().three_chains().unwrap();
    let (owner, center) = (
        chains.a.owner.clone(),
        chains.a.contracts.message_center.clone(),
    );
    let (a_net, b_net, c_net) = (
        chains.a.network().clone(),
        chains.b.network().clone(),
        chains.c.network().clone(),
    );
    let z = NetworkAddress::parse("chain-z.cosmos").unwrap();
    let route = |network: &NetworkAddress, next: &NetworkAddress, hops: usize, back: usize| {
        CenterMsg::SetRoute {
            network: network.clone(),
            next: next.clone(),
            forward_fees: vec![Uint128::zero(); hops],
            backward_fees: vec![Uint128::zero(); back],
        }
    };
    let cases = [
        (route(&a_net, &b_net, 1, 1), "it is this network"),
        (route(&b_net, &b_net, 1, 1), "it has a link of its own"),
        (
            route(&z, &c_net, 1, 1),
            "its next network chain-c.cosmos has no link from here",
        ),
        (route(&z, &b_net, 0, 0), "1 to 7 forward fees, not 0"),
        (route(&z, &b_net, 8, 8), "1 to 7 forward fees, not 8"),
        (route(&z, &b_net, 2, 1), "2 backward fees, not 1"),
    ];
    for (msg, reason) in cases {
        let err = chains.a.execute(&owner, &center, &msg, &[]).unwrap_err();
        match contract_error::<CenterError>(&err) {
            CenterError::InvalidRoute { reason: got, .. } => {
                assert!(got.contains(reason), "{got:?} should say {reason:?}")
            }
            other => panic!("expected InvalidRoute ({reason}), got {other:?}"),
        }
    }
    let user = chains.a.user.clone();
    let err = chains
        .a
        .execute(&user, &center, &route(&z, &b_net, 1, 1), &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<CenterError>(&err),
        CenterError::Ownership(_)
    ));
    // A network reached by a route cannot also be linked, until the route goes.
    let add_link = CenterMsg::AddLink {
        network: c_net.clone(),
        verifier: chains.a.contracts.verifier.to_string(),
        remote_message_center: chains.c.contracts.message_center.to_string(),
        relayers: vec![],
    };
    let err = chains
        .a
        .execute(&owner, &center, &add_link, &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<CenterError>(&err),
        CenterError::RouteExists { .. }
    ));
    chains
        .a
        .execute(
            &owner,
            &center,
            &CenterMsg::RemoveRoute {
                network: c_net.clone(),
            },
            &[],
        )
        .unwrap();
    let err = chains
        .a
        .execute(
            &owner,
            &center,
            &CenterMsg::RemoveRoute { network: c_net },
            &[],
        )
        .unwrap_err();
    assert!(matches!(
        contract_error::<CenterError>(&err),
        CenterError::NoRoute { .. }
    ));
}

fn forwarded_on_b(
    chains: &ThreeChains,
) -> Vec<btp_types::msg::message_center::ForwardedRequestResponse> {
    chains
        .b
        .app
        .wrap()
        .query_wasm_smart(
            &chains.b.contracts.message_center,
            &CenterQuery::ForwardedRequests {
                network: None,
                start_after: None,
                limit: None,
            },
        )
        .unwrap()
}

fn pending_requests_on_a(chains: &ThreeChains) -> usize {
    let pending: Vec<btp_types::msg::message_center::PendingRequestResponse> = chains
        .a
        .app
        .wrap()
        .query_wasm_smart(
            &chains.a.contracts.message_center,
            &CenterQuery::PendingRequests {
                network: None,
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    pending.len()
}

#[test]
fn a_forwarded_request_is_kept_until_its_reply_passes_back() {
    let mut chains = testing::suite::SuiteBuilder::new().three_chains().unwrap();
    let c_net = chains.c.network().clone();
    ask_from_a(&mut chains, &c_net, Some(600));
    {
        let ThreeChains { a, b, .. } = &mut chains;
        relay(a, b).unwrap();
    }
    let kept = forwarded_on_b(&chains);
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (&kept[0].source, &kept[0].network),
        (chains.a.network(), chains.c.network())
    );
    settle(&mut chains).unwrap();
    assert!(forwarded_on_b(&chains).is_empty(), "the reply resolved it");
    assert_eq!(pending_requests_on_a(&chains), 0);
}

#[test]
fn a_request_the_next_hop_never_executed_is_timed_out_by_the_forwarding_center_once() {
    let mut chains = testing::suite::SuiteBuilder::new().three_chains().unwrap();
    let c_net = chains.c.network().clone();
    ask_from_a(&mut chains, &c_net, Some(30));
    {
        let ThreeChains { a, b, .. } = &mut chains;
        relay(a, b).unwrap();
    }
    assert_eq!(forwarded_on_b(&chains).len(), 1);
    // C never gets it before its timeout; C's chain goes on.
    chains.c.clock().advance(60);
    for _ in 0..2 {
        chains.c.in_block(|_| Ok(())).unwrap();
    }
    // A cannot prove it: B received the request.
    {
        let ThreeChains { a, b, .. } = &mut chains;
        let (a_end, _) = (endpoint(a, b), ());
        assert!(relayer::resolve_timeouts_once(a, &a_end, &*b, 50)
            .unwrap()
            .is_none());
    }
    // Nobody can with a claim the proof does not back.
    let (center_b, relayer_b) = (
        chains.b.contracts.message_center.clone(),
        chains.b.relayer.clone(),
    );
    let nsn = forwarded_on_b(&chains)[0].nsn;
    let claim = |rx_seq: u64, proof: &[u8], height: u64| CenterMsg::ResolveForwardedTimeout {
        source: chains.a.network().clone(),
        nsn,
        proof_height: height,
        rx_seq,
        proof: cosmwasm_std::Binary::new(proof.to_vec()),
    };
    let height = chains.c.height();
    let received = claim(1, b"", height);
    let err = chains
        .b
        .execute(&relayer_b, &center_b, &received, &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<CenterError>(&err),
        CenterError::RequestReceived { .. }
    ));
    let forged = claim(0, b"not a proof", height);
    let err = chains
        .b
        .execute(&relayer_b, &center_b, &forged, &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<CenterError>(&err),
        CenterError::ProofRejected { .. }
    ));
    assert_eq!(forwarded_on_b(&chains).len(), 1, "refusals change nothing");
    // B can: C's receive state shows it never arrived before the timeout.
    let b_end = endpoint(&chains.b, &chains.c);
    let report = {
        let ThreeChains { b, c, .. } = &mut chains;
        relayer::resolve_timeouts_once(b, &b_end, &*c, 50)
            .unwrap()
            .expect("B answers the forwarded request")
    };
    assert_eq!(report.requests.len(), 1);
    assert_eq!(
        report.requests[0].forwarded_from.as_ref(),
        Some(chains.a.network())
    );
    assert!(forwarded_on_b(&chains).is_empty());
    let answers = committed_for(&chains.b, chains.a.network());
    assert_eq!(answers.len(), 1);
    let answer = ErrorMessage::decode(&answers[0].payload).unwrap();
    assert_eq!(answer.code, btp_types::error_code::TIMED_OUT);
    assert!(
        answer.message.contains("timed out on the way"),
        "{}",
        answer.message
    );
    // The answer resolves A's request; the late delivery to C is refused by
    // C, and its answer, passing back, resolves nothing twice.
    settle(&mut chains).unwrap();
    assert_eq!(pending_requests_on_a(&chains), 0);
    let late = committed_for(&chains.c, chains.b.network());
    assert_eq!(late.len(), 1, "C answered the late request");
    assert_eq!(
        ErrorMessage::decode(&late[0].payload).unwrap().code,
        btp_types::error_code::TIMED_OUT
    );
    // A second claim of the same timeout is refused.
    let again = CenterMsg::ResolveForwardedTimeout {
        source: chains.a.network().clone(),
        nsn,
        proof_height: chains.c.height(),
        rx_seq: 0,
        proof: cosmwasm_std::Binary::default(),
    };
    let err = chains
        .b
        .execute(&relayer_b, &center_b, &again, &[])
        .unwrap_err();
    assert!(matches!(
        contract_error::<CenterError>(&err),
        CenterError::NoForwardedRequest { .. }
    ));
}

/// `usd` minted on each of A and C: to the user, and to the owner who
/// deposits it all in the pool.
const USD_USER: u128 = 200_000;
const USD_DEPOSIT: u128 = 100_000;

/// Registers `usd` pooled (native `uusd`) on A and C, and fills both pools.
fn add_pool(chains: &mut ThreeChains) {
    for chain in [&mut chains.a, &mut chains.c] {
        let (owner, user, handler, vault) = (
            chain.owner.clone(),
            chain.user.clone(),
            chain.contracts.handler.clone(),
            chain.contracts.vault.clone(),
        );
        mint_native(&mut chain.app, &user, POOL_DENOM, USD_USER);
        mint_native(&mut chain.app, &owner, POOL_DENOM, USD_DEPOSIT);
        let origin = pooled_origin(
            PooledAsset::Native {
                denom: POOL_DENOM.into(),
            },
            None,
        );
        chain
            .execute(
                &owner,
                &handler,
                &register_pool_coin(origin, scenario_token_fee()),
                &[],
            )
            .unwrap();
        let deposit = VaultMsg::DepositLiquidity {
            coin_name: POOL_COIN.into(),
        };
        chain
            .execute(&owner, &vault, &deposit, &[coin(USD_DEPOSIT, POOL_DENOM)])
            .unwrap();
    }
}

#[test]
fn a_pooled_coin_crosses_the_route_out_of_the_pools_and_never_as_a_wrapped_token() {
    let mut chains = testing::suite::SuiteBuilder::new().three_chains().unwrap();
    add_pool(&mut chains);
    let to = btp_address(&chains.c, chains.c.user.as_str());
    let (user, handler) = (chains.a.user.clone(), chains.a.contracts.handler.clone());
    chains
        .a
        .execute(
            &user,
            &handler,
            &HandlerMsg::Transfer {
                to,
                timeout_secs: None,
            },
            &[coin(1000, POOL_DENOM)],
        )
        .unwrap();
    settle(&mut chains).unwrap();
    // 1000 − (10 + 1%) = 980 paid out of C's pool; half the fee to A's LPs.
    assert_eq!(
        native(&chains.c, &chains.c.user, POOL_DENOM),
        USD_USER + 980
    );
    let (pool_a, pool_c) = (
        pool(&chains.a.app, &chains.a.contracts.vault),
        pool(&chains.c.app, &chains.c.contracts.vault),
    );
    assert_eq!(pool_a.balance.u128(), USD_DEPOSIT + 980 + 10);
    assert_eq!(pool_c.balance.u128(), USD_DEPOSIT - 980);
    assert!(
        pool_a.pending_out.is_zero(),
        "the success reply came back through B"
    );
    assert_eq!(native(&chains.b, &chains.b.contracts.vault, POOL_DENOM), 0);
}

mod supply {
    //! Random transfers of A's native coin to B and to C (through B), returns
    //! from both, some to invalid accounts, and transfers of a coin pooled on
    //! A and C (`usd`, native on both) both ways through B, some larger than
    //! the paying pool holds, relayed link by link in random order. After
    //! every step no chain holds more wrapped coin than A holds locked, and
    //! each vault holds at least what its pool records; once everything is
    //! relayed, A's locked coin is exactly the wrapped supply on B and on C
    //! together, A's native coin is where it started (the user, A's fees and
    //! the vault), and the pools hold exactly the deposits plus their fees,
    //! with every `usd` accounted for (users, handlers' fees, pools).

    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Step {
        /// A's user sends `amount` to itself on C (through B) or on B.
        Send {
            to_c: bool,
            amount: u128,
            valid: bool,
        },
        /// The user sends `percent` of its wrapped coin on C or B back to A.
        Return {
            from_c: bool,
            percent: u128,
            valid: bool,
        },
        /// One honest relay over one link in one direction: A→B, B→A, B→C, C→B.
        Relay { link: usize },
        /// The user sends `amount` of the pooled `usd` from A to C or C to A.
        Pool { from_a: bool, amount: u128 },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (any::<bool>(), 1..5_000u128, prop::bool::weighted(0.8)).prop_map(
                |(to_c, amount, valid)| Step::Send {
                    to_c,
                    amount,
                    valid
                }
            ),
            (any::<bool>(), 1..=100u128, prop::bool::weighted(0.8)).prop_map(
                |(from_c, percent, valid)| Step::Return {
                    from_c,
                    percent,
                    valid
                }
            ),
            (0..4usize).prop_map(|link| Step::Relay { link }),
            (any::<bool>(), 1..150_000u128)
                .prop_map(|(from_a, amount)| Step::Pool { from_a, amount }),
        ]
    }

    fn pool_send(chains: &mut ThreeChains, from_a: bool, amount: u128) {
        let (from, to) = if from_a {
            (&mut chains.a, &chains.c)
        } else {
            (&mut chains.c, &chains.a)
        };
        let to = btp_address(to, to.user.as_str());
        let (user, handler) = (from.user.clone(), from.contracts.handler.clone());
        let _refused_at_source = from.execute(
            &user,
            &handler,
            &HandlerMsg::Transfer {
                to,
                timeout_secs: None,
            },
            &[coin(amount, POOL_DENOM)],
        );
    }

    fn wrapped_supply(chain: &SimChain) -> u128 {
        let token = chain.coin_token(COIN_A).unwrap();
        let info: cw20::TokenInfoResponse = chain
            .app
            .wrap()
            .query_wasm_smart(&token, &cw20::Cw20QueryMsg::TokenInfo {})
            .unwrap();
        info.total_supply.u128()
    }

    /// Wrapped coins a vault holds for burning: a return whose reply has
    /// not come back yet (A may already have released it).
    fn held_for_burning(chain: &SimChain) -> u128 {
        let token = chain.coin_token(COIN_A).unwrap();
        chain.cw20_balance(&token, &chain.contracts.vault).unwrap()
    }

    fn locked_on_a(chains: &ThreeChains) -> u128 {
        native(&chains.a, &chains.a.contracts.vault, COIN_A_DENOM)
    }

    fn send(chains: &mut ThreeChains, to_c: bool, amount: u128, valid: bool) {
        let receiver = if valid {
            if to_c {
                chains.c.user.to_string()
            } else {
                chains.b.user.to_string()
            }
        } else {
            "not-an-account".to_string()
        };
        if to_c {
            // Refusals at the source (limits, balance) change nothing: fine.
            let _refused_at_source = send_a_to_c(chains, amount, &receiver);
        } else {
            let to = btp_address(&chains.b, &receiver);
            let (user, handler) = (chains.a.user.clone(), chains.a.contracts.handler.clone());
            let _refused_at_source = chains.a.execute(
                &user,
                &handler,
                &HandlerMsg::Transfer {
                    to,
                    timeout_secs: None,
                },
                &[coin(amount, COIN_A_DENOM)],
            );
        }
    }

    fn give_back(chains: &mut ThreeChains, from_c: bool, percent: u128, valid: bool) {
        let a_user = chains.a.user.to_string();
        let receiver = if valid {
            a_user
        } else {
            "not-an-account".to_string()
        };
        let to = btp_address(&chains.a, &receiver);
        let chain = if from_c { &mut chains.c } else { &mut chains.b };
        let token = chain.coin_token(COIN_A).unwrap();
        let user = chain.user.clone();
        let amount = chain.cw20_balance(&token, &user).unwrap() * percent / 100;
        if amount == 0 {
            return;
        }
        let back = Cw20ExecuteMsg::Send {
            contract: chain.contracts.handler.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(&ReceiveMsg::Transfer {
                to,
                timeout_secs: None,
            })
            .unwrap(),
        };
        let _refused_at_source = chain.execute(&user, &token, &back, &[]);
    }

    fn relay_link(chains: &mut ThreeChains, link: usize) {
        let ThreeChains { a, b, c, .. } = chains;
        let relayed = match link {
            0 => relay(a, b),
            1 => relay(b, a),
            2 => relay(b, c),
            _ => relay(c, b),
        };
        relayed.expect("an honest relay succeeds");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn locked_on_a_is_the_wrapped_supply_on_b_and_c_once_everything_is_relayed(
            steps in prop::collection::vec(step(), 1..16)
        ) {
            let mut chains = testing::suite::SuiteBuilder::new().three_chains().unwrap();
            add_pool(&mut chains);
            for step in &steps {
                match *step {
                    Step::Send { to_c, amount, valid } => send(&mut chains, to_c, amount, valid),
                    Step::Return { from_c, percent, valid } => give_back(&mut chains, from_c, percent, valid),
                    Step::Relay { link } => relay_link(&mut chains, link),
                    Step::Pool { from_a, amount } => pool_send(&mut chains, from_a, amount),
                }
                for chain in [&chains.a, &chains.c] {
                    let books = pool(&chain.app, &chain.contracts.vault);
                    prop_assert!(
                        native(chain, &chain.contracts.vault, POOL_DENOM) >= books.balance.u128(),
                        "{}'s vault holds less usd than its pool records after {step:?}",
                        chain.network()
                    );
                }
                let wrapped = wrapped_supply(&chains.b) + wrapped_supply(&chains.c)
                    - held_for_burning(&chains.b)
                    - held_for_burning(&chains.c);
                prop_assert!(
                    locked_on_a(&chains) >= wrapped,
                    "more wrapped in hands ({wrapped}) than locked ({}) after {step:?}",
                    locked_on_a(&chains)
                );
            }
            settle(&mut chains).unwrap();
            let wrapped = wrapped_supply(&chains.b) + wrapped_supply(&chains.c);
            prop_assert_eq!(locked_on_a(&chains), wrapped);
            prop_assert!(pending_on_a(&chains).is_empty());
            let user = native(&chains.a, &chains.a.user, COIN_A_DENOM);
            let fees = native(&chains.a, &chains.a.contracts.handler, COIN_A_DENOM);
            prop_assert_eq!(user + fees + locked_on_a(&chains), START);
            // The pools: deposits plus fees, nothing pending, every usd somewhere.
            let (pool_a, pool_c) = (
                pool(&chains.a.app, &chains.a.contracts.vault),
                pool(&chains.c.app, &chains.c.contracts.vault),
            );
            prop_assert!(pool_a.pending_out.is_zero() && pool_c.pending_out.is_zero());
            let fees_of = |books: &btp_types::msg::token_vault::PoolResponse| {
                books.lp_fees.u128() + books.rebalance_fees.u128()
            };
            prop_assert_eq!(
                pool_a.balance.u128() + pool_c.balance.u128(),
                2 * USD_DEPOSIT + fees_of(&pool_a) + fees_of(&pool_c)
            );
            let held = |chain: &SimChain| {
                native(chain, &chain.user, POOL_DENOM)
                    + native(chain, &chain.contracts.handler, POOL_DENOM)
                    + native(chain, &chain.contracts.vault, POOL_DENOM)
            };
            prop_assert_eq!(held(&chains.a) + held(&chains.c), 2 * (USD_USER + USD_DEPOSIT));
        }
    }
}

#[test]
fn a_route_over_a_closed_link_refuses_to_send_and_says_which_link() {
    let mut chains = testing::suite::SuiteBuilder::new().three_chains().unwrap();
    let (owner, center) = (
        chains.a.owner.clone(),
        chains.a.contracts.message_center.clone(),
    );
    let b_net = chains.b.network().clone();
    let close = CenterMsg::RemoveLink { network: b_net };
    chains.a.execute(&owner, &center, &close, &[]).unwrap();
    let closed =
        "the route to chain-c.cosmos goes through chain-b.cosmos, whose link is closed or gone";
    // The fee quote says why, and so does the transfer that needs it.
    let quote: Result<btp_types::msg::message_center::FeeQuoteResponse, _> =
        chains.a.app.wrap().query_wasm_smart(
            &center,
            &CenterQuery::FeeQuote {
                to: chains.c.network().clone(),
                expects_reply: true,
            },
        );
    let err = quote.unwrap_err();
    assert!(err.to_string().contains(closed), "{err}");
    let to = btp_address(&chains.c, chains.c.user.as_str());
    let (user, handler) = (chains.a.user.clone(), chains.a.contracts.handler.clone());
    let transfer = HandlerMsg::Transfer {
        to,
        timeout_secs: None,
    };
    let err = chains
        .a
        .execute(&user, &handler, &transfer, &[coin(1000, COIN_A_DENOM)])
        .unwrap_err();
    assert!(format!("{err:#}").contains(closed), "{err:#}");
    assert!(pending_on_a(&chains).is_empty(), "nothing was taken");
    assert_eq!(native(&chains.a, &chains.a.user, COIN_A_DENOM), START);
}
