//! The token handler's own rules: registry, fees, limits, blacklist, batch
//! transfers with the relay fee, fee withdrawal, transfer timeouts. Cross-chain
//! round trips live in the workspace's `tests/token_transfer.rs`.

use btp_types::error_code::TIMED_OUT;
use btp_types::events::token_handler::TransferRefunded;
use btp_types::events::TypedEvent;
use btp_types::msg::token_handler::{
    CoinOrigin, Cw20Amount, ExecuteMsg, FeePolicy, Limits, QueryMsg, RateLimit,
    TransferFeeResponse, UsageResponse, DEFAULT_TRANSFER_TIMEOUT_SECS,
};
use btp_types::{BtpAddress, BtpMessage, TokenServiceMessage};
use contract_kit::pause::PauseError;
use cosmwasm_std::{coin, Decimal, Uint128};
use cw20::Cw20ExecuteMsg;
use cw_ownable::OwnershipError;
use testing::suite::{Side, Suite, SuiteBuilder, COIN_A, COIN_A_DENOM, TOKEN_A};
use token_handler::ContractError as HandlerError;

fn receiver(suite: &Suite) -> BtpAddress {
    BtpAddress::parse(&format!("btp://{}/{}", suite.b.network, suite.user)).unwrap()
}

fn transfer(
    suite: &mut Suite,
    funds: &[cosmwasm_std::Coin],
) -> anyhow::Result<cw_multi_test::AppResponse> {
    transfer_with_timeout(suite, funds, None)
}

fn transfer_with_timeout(
    suite: &mut Suite,
    funds: &[cosmwasm_std::Coin],
    timeout_secs: Option<u64>,
) -> anyhow::Result<cw_multi_test::AppResponse> {
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let msg = ExecuteMsg::Transfer {
        to: receiver(suite),
        timeout_secs,
    };
    suite.execute(Side::A, &user, &handler, &msg, funds)
}

fn owner_executes(
    suite: &mut Suite,
    side: Side,
    msg: &ExecuteMsg,
) -> anyhow::Result<cw_multi_test::AppResponse> {
    let (owner, handler) = (suite.owner.clone(), suite.chain(side).handler.clone());
    suite.execute(side, &owner, &handler, msg, &[])
}

fn text(err: anyhow::Error) -> String {
    format!("{err:#}")
}

#[test]
fn the_fee_is_fixed_plus_ratio_and_quoted_exactly() {
    let suite = SuiteBuilder::new().build();
    let quote: TransferFeeResponse = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.a.handler,
            &QueryMsg::TransferFee {
                coin_name: COIN_A.into(),
                amount: Uint128::new(1999),
            },
        )
        .unwrap();
    // 10 + floor(1% of 1999) = 29.
    assert_eq!((quote.fee.u128(), quote.net.u128()), (29, 1970));
    let err = suite
        .app
        .wrap()
        .query_wasm_smart::<TransferFeeResponse>(
            &suite.a.handler,
            &QueryMsg::TransferFee {
                coin_name: COIN_A.into(),
                amount: Uint128::new(10),
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("does not cover the fee of 10"));
}

#[test]
fn an_amount_that_does_not_cover_the_fee_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let err = transfer(&mut suite, &[coin(10, COIN_A_DENOM)]).unwrap_err();
    assert!(text(err).contains("10 a/ucoina does not cover the fee of 10"));
}

#[test]
fn transfers_below_the_minimum_or_above_the_maximum_are_refused() {
    let mut suite = SuiteBuilder::new()
        .limits(Limits {
            min: Uint128::new(100),
            max: Some(Uint128::new(1000)),
            ..Limits::default()
        })
        .build();
    let err = transfer(&mut suite, &[coin(99, COIN_A_DENOM)]).unwrap_err();
    assert!(text(err).contains("99 a/ucoina is below the minimum transfer of 100"));
    let err = transfer(&mut suite, &[coin(1001, COIN_A_DENOM)]).unwrap_err();
    assert!(text(err).contains("1001 a/ucoina is above the maximum transfer of 1000"));
    transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap();
}

#[test]
fn the_rate_limit_window_caps_transfers_and_resets() {
    let mut suite = SuiteBuilder::new()
        .limits(Limits {
            rate_limit: Some(RateLimit {
                amount: Uint128::new(1500),
                window_secs: 3600,
            }),
            ..Limits::default()
        })
        .build();
    transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap();
    let err = transfer(&mut suite, &[coin(600, COIN_A_DENOM)]).unwrap_err();
    assert!(text(err).contains("would exceed the rate limit: 1000 of 1500 used"));
    transfer(&mut suite, &[coin(500, COIN_A_DENOM)]).unwrap();
    let usage: UsageResponse = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.a.handler,
            &QueryMsg::Usage {
                coin_name: COIN_A.into(),
            },
        )
        .unwrap();
    assert_eq!(usage.sent_in_window.u128(), 1500);

    suite
        .app
        .update_block(|block| block.time = block.time.plus_seconds(3600));
    transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap();
}

#[test]
fn the_receiving_rate_limit_refuses_what_exceeds_it() {
    let mut suite = SuiteBuilder::new().build();
    let limits = Limits {
        rate_limit: Some(RateLimit {
            amount: Uint128::new(1000),
            window_secs: 3600,
        }),
        ..Limits::default()
    };
    let update = ExecuteMsg::UpdateCoin {
        coin_name: COIN_A.into(),
        fee: FeePolicy::default(),
        limits,
    };
    owner_executes(&mut suite, Side::B, &update).unwrap();
    transfer(&mut suite, &[coin(900, COIN_A_DENOM)]).unwrap();
    transfer(&mut suite, &[coin(500, COIN_A_DENOM)]).unwrap();
    suite.relay(Side::A).unwrap();
    let replies = suite.take_outbox(Side::B);
    let codes: Vec<u32> = replies
        .iter()
        .map(|reply| {
            let message = BtpMessage::decode(&reply.message).unwrap();
            btp_types::ErrorMessage::decode(&message.payload)
                .unwrap()
                .code
        })
        .collect();
    assert_eq!(codes, vec![0, btp_types::error_code::TOKEN_LIMIT_EXCEEDED]);
}

#[test]
fn a_blacklisted_sender_cannot_transfer() {
    let mut suite = SuiteBuilder::new().build();
    let user = suite.user.to_string();
    owner_executes(
        &mut suite,
        Side::A,
        &ExecuteMsg::SetBlacklisted {
            address: user.clone(),
            blacklisted: true,
        },
    )
    .unwrap();
    let err = transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap_err();
    assert!(text(err).contains("is blacklisted"));
    owner_executes(
        &mut suite,
        Side::A,
        &ExecuteMsg::SetBlacklisted {
            address: user,
            blacklisted: false,
        },
    )
    .unwrap();
    transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap();
}

#[test]
fn a_paused_handler_refuses_to_send() {
    let mut suite = SuiteBuilder::new().build();
    owner_executes(&mut suite, Side::A, &ExecuteMsg::SetPaused { paused: true }).unwrap();
    let err = transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap_err();
    assert!(matches!(
        handler_error(&err),
        HandlerError::Pause(PauseError::Paused {
            operation: "transfers"
        })
    ));
}

#[test]
fn unregistered_denoms_and_transfers_to_this_network_are_refused() {
    let mut suite = SuiteBuilder::new().build();
    let err = transfer(&mut suite, &[coin(1000, "ufeea")]).unwrap_err();
    assert!(text(err).contains("denom ufeea is not a registered coin"));
    let err = transfer(&mut suite, &[]).unwrap_err();
    assert_eq!(handler_error(&err), &HandlerError::NothingToTransfer);
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let home = BtpAddress::parse(&format!("btp://{}/{}", suite.a.network, user)).unwrap();
    let err = suite
        .execute(
            Side::A,
            &user,
            &handler,
            &ExecuteMsg::Transfer {
                to: home,
                timeout_secs: None,
            },
            &[coin(1000, COIN_A_DENOM)],
        )
        .unwrap_err();
    assert!(text(err).contains("is on this chain's own network"));
}

#[test]
fn a_wrapped_coin_can_only_go_back_to_its_home_network() {
    let mut suite = SuiteBuilder::new().build();
    transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap();
    suite.relay(Side::A).unwrap();
    let wrapped = suite.token(Side::B, COIN_A);
    let user = suite.user.clone();
    // B also links to a third chain.
    let (owner, center, verifier, remote) = (
        suite.owner.clone(),
        suite.b.message_center.clone(),
        suite.b.verifier.to_string(),
        suite.a.message_center.to_string(),
    );
    let link = btp_types::msg::message_center::ExecuteMsg::AddLink {
        network: btp_types::NetworkAddress::parse("c.cosmos").unwrap(),
        verifier,
        remote_message_center: remote,
        relayers: vec![],
    };
    suite.execute(Side::B, &owner, &center, &link, &[]).unwrap();
    let elsewhere = BtpAddress::parse(&format!("btp://c.cosmos/{user}")).unwrap();
    let send = Cw20ExecuteMsg::Send {
        contract: suite.b.handler.to_string(),
        amount: Uint128::new(500),
        msg: cosmwasm_std::to_json_binary(&btp_types::msg::token_handler::ReceiveMsg::Transfer {
            to: elsewhere,
            timeout_secs: None,
        })
        .unwrap(),
    };
    let err = suite
        .execute(Side::B, &user, &wrapped, &send, &[])
        .unwrap_err();
    assert!(text(err)
        .contains("is a coin of a.cosmos; it can only be sent back there, not to c.cosmos"));
}

#[test]
fn a_batch_carries_native_and_cw20_coins_and_pays_the_relay_fee() {
    let mut suite = SuiteBuilder::new().relay_fee(25).build();
    let (user, handler, token) = (
        suite.user.clone(),
        suite.a.handler.clone(),
        suite.token_a.clone(),
    );
    let allowance = Cw20ExecuteMsg::IncreaseAllowance {
        spender: handler.to_string(),
        amount: Uint128::new(2000),
        expires: None,
    };
    suite
        .execute(Side::A, &user, &token, &allowance, &[])
        .unwrap();
    let batch = ExecuteMsg::TransferBatch {
        to: receiver(&suite),
        cw20: vec![Cw20Amount {
            token: token.to_string(),
            amount: Uint128::new(2000),
        }],
        timeout_secs: None,
    };
    // Without the relay fee the batch is refused.
    let err = suite
        .execute(
            Side::A,
            &user,
            &handler,
            &batch,
            &[coin(1000, COIN_A_DENOM)],
        )
        .unwrap_err();
    assert!(text(err).contains("the relay fee to b.cosmos is 25 ufeea"));

    suite
        .execute(
            Side::A,
            &user,
            &handler,
            &batch,
            &[coin(1000, COIN_A_DENOM), coin(25, "ufeea")],
        )
        .unwrap();
    assert_eq!(
        suite.native_balance(&suite.a.message_center.clone(), "ufeea"),
        25
    );
    // Fees: 10 + 10 on the native coin, 10 + 20 on the token, kept by the handler.
    assert_eq!(suite.native_balance(&handler, COIN_A_DENOM), 20);
    assert_eq!(suite.cw20_balance(&token, &handler), 30);
    assert_eq!(suite.cw20_balance(&token, &suite.a.vault.clone()), 1970);

    let outbox = suite.take_outbox(Side::A);
    let message = BtpMessage::decode(&outbox[0].message).unwrap();
    let TokenServiceMessage::Transfer(request) =
        TokenServiceMessage::decode(&message.payload).unwrap()
    else {
        panic!("not a transfer request");
    };
    let assets: Vec<(String, u128)> = request
        .assets
        .iter()
        .map(|a| (a.coin_name.clone(), a.amount.u128()))
        .collect();
    assert_eq!(
        assets,
        vec![(COIN_A.to_string(), 980), (TOKEN_A.to_string(), 1970)]
    );
    suite.relay_messages(Side::A, outbox).unwrap();
    assert_eq!(
        suite.cw20_balance(&suite.token(Side::B, TOKEN_A), &user),
        1970
    );
    assert_eq!(
        suite.cw20_balance(&suite.token(Side::B, COIN_A), &user),
        980
    );
}

#[test]
fn cw20_through_the_hook_needs_a_zero_relay_fee() {
    let mut suite = SuiteBuilder::new().relay_fee(25).build();
    let (user, token) = (suite.user.clone(), suite.token_a.clone());
    let send = Cw20ExecuteMsg::Send {
        contract: suite.a.handler.to_string(),
        amount: Uint128::new(1000),
        msg: cosmwasm_std::to_json_binary(&btp_types::msg::token_handler::ReceiveMsg::Transfer {
            to: receiver(&suite),
            timeout_secs: None,
        })
        .unwrap(),
    };
    let err = suite
        .execute(Side::A, &user, &token, &send, &[])
        .unwrap_err();
    assert!(text(err).contains("send cw20 tokens with transfer_batch"));
}

#[test]
fn collected_fees_are_withdrawn_by_the_owner_once() {
    let mut suite = SuiteBuilder::new().build();
    transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap();
    let treasury = suite.app.api().addr_make("treasury");
    let withdraw = ExecuteMsg::WithdrawFees {
        coin_name: COIN_A.into(),
        recipient: treasury.to_string(),
    };
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let err = suite
        .execute(Side::A, &user, &handler, &withdraw, &[])
        .unwrap_err();
    assert!(matches!(
        handler_error(&err),
        HandlerError::Ownership(OwnershipError::NotOwner)
    ));
    owner_executes(&mut suite, Side::A, &withdraw).unwrap();
    assert_eq!(suite.native_balance(&treasury, COIN_A_DENOM), 20);
    let err = owner_executes(&mut suite, Side::A, &withdraw).unwrap_err();
    assert!(text(err).contains("no fees of a/ucoina to withdraw"));
}

#[test]
fn registration_is_checked_and_for_the_owner_only() {
    let mut suite = SuiteBuilder::new().build();
    let register = |coin_name: &str, origin: CoinOrigin, fee: FeePolicy, limits: Limits| {
        ExecuteMsg::RegisterCoin {
            coin_name: coin_name.into(),
            origin,
            fee,
            limits,
        }
    };
    let native = |denom: &str| CoinOrigin::NativeHome {
        denom: denom.into(),
    };
    let cases = [
        (
            register(
                COIN_A,
                native("uother"),
                FeePolicy::default(),
                Limits::default(),
            ),
            "is already registered",
        ),
        (
            register(
                "x",
                native(COIN_A_DENOM),
                FeePolicy::default(),
                Limits::default(),
            ),
            "denom \"ucoina\" is already registered as coin \"a/ucoina\"",
        ),
        (
            register(" x", native("ux"), FeePolicy::default(), Limits::default()),
            "coin name \" x\" is invalid",
        ),
        (
            register(
                "x",
                native("ux"),
                FeePolicy {
                    ratio: Decimal::one(),
                    fixed: Uint128::zero(),
                },
                Limits::default(),
            ),
            "fee ratio 1 must be below 1",
        ),
        (
            register(
                "x",
                native("ux"),
                FeePolicy::default(),
                Limits {
                    min: Uint128::new(5),
                    max: Some(Uint128::new(4)),
                    ..Limits::default()
                },
            ),
            "the maximum is below the minimum",
        ),
        (
            register(
                "x",
                native("ux"),
                FeePolicy::default(),
                Limits {
                    rate_limit: Some(RateLimit {
                        amount: Uint128::one(),
                        window_secs: 0,
                    }),
                    ..Limits::default()
                },
            ),
            "the rate-limit window is zero seconds",
        ),
    ];
    for (msg, expected) in cases {
        let err = owner_executes(&mut suite, Side::A, &msg).unwrap_err();
        assert!(text(err).contains(expected), "expected {expected:?}");
    }
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let msg = register("x", native("ux"), FeePolicy::default(), Limits::default());
    let err = suite
        .execute(Side::A, &user, &handler, &msg, &[])
        .unwrap_err();
    assert!(matches!(
        handler_error(&err),
        HandlerError::Ownership(OwnershipError::NotOwner)
    ));
    owner_executes(&mut suite, Side::A, &msg).unwrap();
}

#[test]
fn zero_amounts_and_malformed_addresses_are_clear_errors() {
    let mut suite = SuiteBuilder::new().build();
    let (user, handler, token) = (
        suite.user.clone(),
        suite.a.handler.clone(),
        suite.token_a.clone(),
    );
    let batch = ExecuteMsg::TransferBatch {
        to: receiver(&suite),
        cw20: vec![Cw20Amount {
            token: token.to_string(),
            amount: Uint128::zero(),
        }],
        timeout_secs: None,
    };
    let err = suite
        .execute(Side::A, &user, &handler, &batch, &[])
        .unwrap_err();
    assert!(text(err).contains("a transfer of zero a/token is not a transfer"));

    for (address, reason) in [
        ("b.cosmos/alice", "does not start with"),
        ("btp://b.cosmos", "no '/' between network and account"),
        (
            "btp://bcosmos/alice",
            "no '.' separating network id and system",
        ),
        ("btp://b.cosmos/", "empty account"),
    ] {
        // The typed API cannot even build these: send the JSON a client would.
        let msg = serde_json::json!({ "transfer": { "to": address } });
        let err = suite
            .execute(Side::A, &user, &handler, &msg, &[coin(1000, COIN_A_DENOM)])
            .unwrap_err();
        assert!(text(err).contains(reason), "{address}: expected {reason:?}");
    }
}

#[test]
fn amounts_near_the_limit_of_128_bits_are_clear_errors() {
    use token_handler::coins::{fit_limits, split_fee};
    use token_handler::state::Coin;
    let coin = Coin {
        origin: CoinOrigin::NativeHome { denom: "u".into() },
        asset: btp_types::msg::token_vault::VaultAsset::Native { denom: "u".into() },
        token: None,
        fee: FeePolicy {
            ratio: Decimal::percent(50),
            fixed: Uint128::MAX,
        },
        limits: Limits::default(),
    };
    let err = split_fee("u", &coin, Uint128::MAX).unwrap_err();
    assert!(
        err.to_string().contains("arithmetic overflow in fee"),
        "{err}"
    );

    let mut storage = cosmwasm_std::testing::MockStorage::new();
    let limits = Limits {
        rate_limit: Some(RateLimit {
            amount: Uint128::MAX,
            window_secs: 60,
        }),
        ..Limits::default()
    };
    token_handler::coins::check_limits(&mut storage, "u", &limits, 0, Uint128::MAX, 10).unwrap();
    let err = fit_limits(&storage, "u", &limits, 0, Uint128::one(), 20)
        .err()
        .unwrap();
    assert!(
        err.to_string()
            .contains("arithmetic overflow in rate window"),
        "{err}"
    );
}

#[test]
fn a_transfer_commits_its_own_timeout_or_the_default() {
    let mut suite = SuiteBuilder::new().build();
    let now = suite.app.block_info().time;
    transfer_with_timeout(&mut suite, &[coin(1000, COIN_A_DENOM)], Some(600)).unwrap();
    transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap();
    let timeouts: Vec<_> = suite
        .take_outbox(Side::A)
        .iter()
        .map(|message| message.timeout)
        .collect();
    assert_eq!(
        timeouts,
        vec![
            Some(now.plus_seconds(600)),
            Some(now.plus_seconds(DEFAULT_TRANSFER_TIMEOUT_SECS))
        ]
    );
    // A zero timeout never leaves: the JSON a client would send.
    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let msg = serde_json::json!({
        "transfer": { "to": receiver(&suite).to_string(), "timeout_secs": 0 }
    });
    let err = suite
        .execute(Side::A, &user, &handler, &msg, &[coin(1000, COIN_A_DENOM)])
        .unwrap_err();
    assert!(text(err).contains("a timeout of 0 seconds is refused"));
    assert_eq!(suite.pending(Side::A), 0);
}

#[test]
fn a_transfer_that_arrives_after_its_timeout_is_refunded_once() {
    let mut suite = SuiteBuilder::new().build();
    let user = suite.user.clone();
    transfer_with_timeout(&mut suite, &[coin(1000, COIN_A_DENOM)], Some(600)).unwrap();
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), 999_000);

    // The relayer is late: B refuses to execute it and answers TIMED_OUT.
    suite
        .app
        .update_block(|block| block.time = block.time.plus_seconds(601));
    suite.relay(Side::A).unwrap();
    let wrapped = suite.token(Side::B, COIN_A);
    assert_eq!(suite.cw20_balance(&wrapped, &user), 0);
    let replies = suite.take_outbox(Side::B);
    let codes: Vec<u32> = replies
        .iter()
        .map(|reply| {
            let message = BtpMessage::decode(&reply.message).unwrap();
            btp_types::ErrorMessage::decode(&message.payload)
                .unwrap()
                .code
        })
        .collect();
    assert_eq!(codes, vec![TIMED_OUT]);

    // The reply refunds the net amount (1000 - 10 - 1%), once, and says why.
    let response = suite.relay_messages(Side::B, replies).unwrap();
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), 999_980);
    let refunded =
        TransferRefunded::first(&response.events).expect("a btp_transfer_refunded event");
    assert!(refunded.timed_out);
    assert_eq!(refunded.code, TIMED_OUT);
    let err = suite
        .app
        .wrap()
        .query_wasm_smart::<btp_types::msg::token_handler::PendingTransfer>(
            &suite.a.handler,
            &QueryMsg::PendingTransfer { sn: 1 },
        )
        .unwrap_err();
    assert!(err.to_string().contains("not found"), "{err}");
    assert_eq!(suite.pending(Side::A), 0);
}

// ---- Issue 18, "Limits that hold": rolling rate limits, the minimum fee,
// ---- the blacklist on the allowance path.

/// The handler's typed error inside a multi-test error (anyhow's
/// `downcast_ref` looks through every layer of context, submessages included).
fn handler_error(err: &anyhow::Error) -> &token_handler::ContractError {
    err.downcast_ref::<token_handler::ContractError>()
        .unwrap_or_else(|| panic!("not an error of the token handler: {err:#}"))
}

fn rate_limited(
    amount: u128,
    used: u128,
    limit: u128,
    window_secs: u64,
) -> token_handler::ContractError {
    token_handler::ContractError::RateLimited {
        coin_name: COIN_A.into(),
        amount: Uint128::new(amount),
        used: Uint128::new(used),
        limit: Uint128::new(limit),
        window_secs,
    }
}

fn rolling(amount: u128, window_secs: u64) -> Limits {
    Limits {
        rate_limit: Some(RateLimit {
            amount: Uint128::new(amount),
            window_secs,
        }),
        ..Limits::default()
    }
}

/// Moves the block time forward to the next multiple of `seconds`, so that a
/// test knows where the slices of the rate log fall.
fn align_time(suite: &mut Suite, seconds: u64) {
    suite.app.update_block(|block| {
        let now = block.time.seconds();
        block.time = cosmwasm_std::Timestamp::from_seconds((now / seconds + 1) * seconds);
    });
}

fn usage(suite: &Suite) -> UsageResponse {
    suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.a.handler,
            &QueryMsg::Usage {
                coin_name: COIN_A.into(),
            },
        )
        .unwrap()
}

/// The fixed window opened by a first transfer at t0 let 999 through at
/// t0 + 3598 and, two seconds later, a whole new window: 1999 in three
/// seconds. The rolling window refuses the second burst and lets each amount
/// go exactly 3600 seconds after it was sent.
#[test]
fn a_rolling_window_refuses_the_burst_a_fixed_window_let_through() {
    let mut suite = SuiteBuilder::new()
        .fee(FeePolicy::default())
        .limits(rolling(1000, 3600))
        .build();
    align_time(&mut suite, 3600);
    transfer(&mut suite, &[coin(1, COIN_A_DENOM)]).unwrap();
    suite.wait(3598);
    transfer(&mut suite, &[coin(999, COIN_A_DENOM)]).unwrap();
    // Where the fixed window began anew.
    suite.wait(2);
    let err = transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap_err();
    assert_eq!(handler_error(&err), &rate_limited(1000, 999, 1000, 3600));
    // Only the 1 sent at t0 has left the window.
    transfer(&mut suite, &[coin(1, COIN_A_DENOM)]).unwrap();
    assert_eq!(usage(&suite).sent_in_window.u128(), 1000);

    // The 999 of t0 + 3598 counts until t0 + 7198, not a second less.
    suite.wait(3597);
    let err = transfer(&mut suite, &[coin(999, COIN_A_DENOM)]).unwrap_err();
    assert_eq!(handler_error(&err), &rate_limited(999, 1000, 1000, 3600));
    suite.wait(1);
    transfer(&mut suite, &[coin(999, COIN_A_DENOM)]).unwrap();
    let err = transfer(&mut suite, &[coin(1, COIN_A_DENOM)]).unwrap_err();
    assert_eq!(handler_error(&err), &rate_limited(1, 1000, 1000, 3600));
}

/// An error reply refunds the transfer and gives back all it counted in the
/// sending window (its gross amount, fee included): the same amount can go
/// again at once.
#[test]
fn a_refund_gives_back_the_room_its_transfer_took_in_the_window() {
    let mut suite = SuiteBuilder::new().limits(rolling(1000, 3600)).build();
    let user = suite.user.clone();
    transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap();
    let pending: btp_types::msg::token_handler::PendingTransfer = suite
        .app
        .wrap()
        .query_wasm_smart(&suite.a.handler, &QueryMsg::PendingTransfer { sn: 1 })
        .unwrap();
    assert_eq!(pending.assets[0].rate_counted.u128(), 1000);
    let err = transfer(&mut suite, &[coin(100, COIN_A_DENOM)]).unwrap_err();
    assert_eq!(handler_error(&err), &rate_limited(100, 1000, 1000, 3600));

    // B refuses it (paused); the error reply refunds 980 on A.
    owner_executes(&mut suite, Side::B, &ExecuteMsg::SetPaused { paused: true }).unwrap();
    suite.relay(Side::A).unwrap();
    suite.relay(Side::B).unwrap();
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), 1_000_000 - 20);
    assert_eq!(usage(&suite).sent_in_window.u128(), 0);
    transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap();
    assert_eq!(usage(&suite).sent_in_window.u128(), 1000);
}

/// A transfer refunded after it left the window has nothing to give back:
/// the room it took came back when it left, and the log's entries now hold
/// other transfers' amounts, which stay counted.
#[test]
fn a_refund_after_its_window_has_passed_gives_nothing_back() {
    let mut suite = SuiteBuilder::new()
        .fee(FeePolicy::default())
        .limits(rolling(1000, 3600))
        .build();
    align_time(&mut suite, 3600);
    transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap();
    suite.wait(3600);
    transfer(&mut suite, &[coin(1000, COIN_A_DENOM)]).unwrap();
    let mut requests = suite.take_outbox(Side::A);
    requests.truncate(1);
    owner_executes(&mut suite, Side::B, &ExecuteMsg::SetPaused { paused: true }).unwrap();
    suite.relay_messages(Side::A, requests).unwrap();
    suite.relay(Side::B).unwrap();
    assert_eq!(suite.pending(Side::A), 0);
    // The first transfer is refunded; the second still fills the window.
    let user = suite.user.clone();
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), 1_000_000 - 1000);
    assert_eq!(usage(&suite).sent_in_window.u128(), 1000);
    let err = transfer(&mut suite, &[coin(1, COIN_A_DENOM)]).unwrap_err();
    assert_eq!(handler_error(&err), &rate_limited(1, 1000, 1000, 3600));
}

/// With a ratio of 1% and no fixed part, a transfer of 50 paid nothing; a
/// minimum fee of 5 is taken instead. Setting it back to 0 is the old rule.
#[test]
fn a_minimum_fee_is_taken_from_a_tiny_transfer() {
    let fee = FeePolicy {
        ratio: Decimal::percent(1),
        fixed: Uint128::zero(),
    };
    let mut suite = SuiteBuilder::new()
        .fee(fee.clone())
        .limits(Limits {
            min_fee: Uint128::new(5),
            ..Limits::default()
        })
        .build();
    let quote = |suite: &Suite, amount: u128| -> (u128, u128) {
        let quote: TransferFeeResponse = suite
            .app
            .wrap()
            .query_wasm_smart(
                &suite.a.handler,
                &QueryMsg::TransferFee {
                    coin_name: COIN_A.into(),
                    amount: Uint128::new(amount),
                },
            )
            .unwrap();
        (quote.fee.u128(), quote.net.u128())
    };
    assert_eq!(quote(&suite, 50), (5, 45));
    // Above 500 the ratio's part is larger and is the fee.
    assert_eq!(quote(&suite, 1000), (10, 990));

    let user = suite.user.clone();
    transfer(&mut suite, &[coin(50, COIN_A_DENOM)]).unwrap();
    let pending: btp_types::msg::token_handler::PendingTransfer = suite
        .app
        .wrap()
        .query_wasm_smart(&suite.a.handler, &QueryMsg::PendingTransfer { sn: 1 })
        .unwrap();
    assert_eq!(
        (pending.assets[0].net.u128(), pending.assets[0].fee.u128()),
        (45, 5)
    );
    let collected: Uint128 = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.a.handler,
            &QueryMsg::CollectedFees {
                coin_name: COIN_A.into(),
            },
        )
        .unwrap();
    assert_eq!(collected.u128(), 5);
    assert_eq!(suite.native_balance(&user, COIN_A_DENOM), 1_000_000 - 50);

    let err = transfer(&mut suite, &[coin(5, COIN_A_DENOM)]).unwrap_err();
    assert_eq!(
        handler_error(&err),
        &token_handler::ContractError::AmountBelowFee {
            coin_name: COIN_A.into(),
            amount: Uint128::new(5),
            fee: Uint128::new(5),
        }
    );

    // A minimum fee that would take the whole of the largest transfer is refused.
    let update = |limits: Limits| ExecuteMsg::UpdateCoin {
        coin_name: COIN_A.into(),
        fee: fee.clone(),
        limits,
    };
    let err = owner_executes(
        &mut suite,
        Side::A,
        &update(Limits {
            max: Some(Uint128::new(5)),
            min_fee: Uint128::new(5),
            ..Limits::default()
        }),
    )
    .unwrap_err();
    assert_eq!(
        handler_error(&err),
        &token_handler::ContractError::InvalidLimits {
            coin_name: COIN_A.into(),
            reason: "the minimum fee leaves nothing of the largest transfer",
        }
    );
    // 0 is the old rule, explicitly: 1% of 50 rounds to nothing.
    owner_executes(&mut suite, Side::A, &update(Limits::default())).unwrap();
    assert_eq!(quote(&suite, 50), (0, 50));
}

/// A blacklisted owner gives a clean spender an allowance and has it
/// `SendFrom` its tokens into the handler: the hook names the spender only,
/// so the handler looks at the spender's allowances and refuses. A clean
/// account sending its own tokens is not affected; once the owner is off the
/// blacklist, the spender's `SendFrom` goes through.
#[test]
fn a_blacklisted_owners_cw20_sent_by_an_allowed_spender_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, token, handler) = (
        suite.user.clone(),
        suite.token_a.clone(),
        suite.a.handler.clone(),
    );
    let spender = suite.app.api().addr_make("spender");
    let clean = suite.app.api().addr_make("clean");
    let allow = Cw20ExecuteMsg::IncreaseAllowance {
        spender: spender.to_string(),
        amount: Uint128::new(1000),
        expires: None,
    };
    suite.execute(Side::A, &owner, &token, &allow, &[]).unwrap();
    let give = Cw20ExecuteMsg::Transfer {
        recipient: clean.to_string(),
        amount: Uint128::new(1000),
    };
    suite.execute(Side::A, &owner, &token, &give, &[]).unwrap();
    owner_executes(
        &mut suite,
        Side::A,
        &ExecuteMsg::SetBlacklisted {
            address: owner.to_string(),
            blacklisted: true,
        },
    )
    .unwrap();

    let hook = cosmwasm_std::to_json_binary(&btp_types::msg::token_handler::ReceiveMsg::Transfer {
        to: receiver(&suite),
        timeout_secs: None,
    })
    .unwrap();
    let send_from = Cw20ExecuteMsg::SendFrom {
        owner: owner.to_string(),
        contract: handler.to_string(),
        amount: Uint128::new(1000),
        msg: hook.clone(),
    };
    let err = suite
        .execute(Side::A, &spender, &token, &send_from, &[])
        .unwrap_err();
    assert_eq!(
        handler_error(&err),
        &token_handler::ContractError::BlacklistedOwnerAllowance {
            token: token.to_string(),
            spender: spender.to_string(),
            owner: owner.to_string(),
        }
    );
    assert_eq!(suite.cw20_balance(&token, &owner), 1_000_000 - 1000);
    assert_eq!(suite.pending(Side::A), 0);

    // Someone with no allowance of a blacklisted account still uses the hook.
    let send = Cw20ExecuteMsg::Send {
        contract: handler.to_string(),
        amount: Uint128::new(1000),
        msg: hook,
    };
    suite.execute(Side::A, &clean, &token, &send, &[]).unwrap();
    assert_eq!(suite.pending(Side::A), 1);

    owner_executes(
        &mut suite,
        Side::A,
        &ExecuteMsg::SetBlacklisted {
            address: owner.to_string(),
            blacklisted: false,
        },
    )
    .unwrap();
    suite
        .execute(Side::A, &spender, &token, &send_from, &[])
        .unwrap();
    assert_eq!(suite.cw20_balance(&token, &owner), 1_000_000 - 2000);
    assert_eq!(suite.pending(Side::A), 2);
}
