//! Transfer timeouts, checked on the contract alone (a mocked message center
//! answers its config and fee quote): the timeout each transfer sends, the
//! bounds on it, and the refund of a transfer that timed out, once.

use btp_types::error_code::{SUCCESS, TIMED_OUT, TOKEN_UNKNOWN_COIN};
use btp_types::events::token_handler::{TransferRefunded, TransferStarted};
use btp_types::events::TypedEvent;
use btp_types::msg::message_center::{
    ConfigResponse as CenterConfig, ExecuteMsg as CenterMsg, FeeQuoteResponse,
    QueryMsg as CenterQuery,
};
use btp_types::msg::token_handler::{
    CoinOrigin, ConfigResponse, Cw20Amount, ExecuteMsg, FeePolicy, InstantiateMsg, Limits,
    PendingTransfer, QueryMsg, ReceiveMsg, DEFAULT_TRANSFER_TIMEOUT_SECS,
    MAX_TRANSFER_TIMEOUT_SECS,
};
use btp_types::msg::token_vault::{ExecuteMsg as VaultMsg, VaultAsset};
use btp_types::{BtpAddress, NetworkAddress};
use contract_kit::service::ServiceError;
use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{
    coin, from_json, to_json_binary, Addr, Binary, ContractResult, CosmosMsg, Env, OwnedDeps,
    Response, SystemError, SystemResult, Timestamp, Uint128, WasmMsg, WasmQuery,
};
use cw20::Cw20ReceiveMsg;
use cw_ownable::OwnershipError;

use crate::contract::{execute, instantiate, query};
use crate::error::ContractError;
use crate::state::{Config, OUTSTANDING};

type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

const DENOM: &str = "ucoin";
const COIN: &str = "a/ucoin";
const TOKEN_COIN: &str = "a/token";
const FEE_DENOM: &str = "ufee";

struct Setup {
    deps: Deps,
    env: Env,
    owner: Addr,
    center: Addr,
    vault: Addr,
    user: Addr,
    token: Addr,
}

fn network(name: &str) -> NetworkAddress {
    NetworkAddress::parse(name).unwrap()
}

/// A handler on `a.cosmos` with one native and one cw20 coin registered
/// (no fee, no limits); its message center quotes `relay_fee` to anywhere.
fn setup_with(default_timeout_secs: Option<u64>, relay_fee: u128) -> Setup {
    let mut deps = mock_dependencies();
    let owner = deps.api.addr_make("owner");
    let center = deps.api.addr_make("center");
    let vault = deps.api.addr_make("vault");
    let user = deps.api.addr_make("user");
    let token = deps.api.addr_make("token");
    let center_address = center.to_string();
    deps.querier.update_wasm(move |query| match query {
        WasmQuery::Smart { contract_addr, msg } if *contract_addr == center_address => {
            let answer = match from_json::<CenterQuery>(msg) {
                Ok(CenterQuery::Config {}) => to_json_binary(&CenterConfig {
                    network: network("a.cosmos"),
                    fee_denom: FEE_DENOM.into(),
                    delivery_gas_limit: 1_000_000,
                    nsn: 0,
                    paused: false,
                }),
                Ok(CenterQuery::FeeQuote { .. }) => to_json_binary(&FeeQuoteResponse {
                    denom: FEE_DENOM.into(),
                    amount: Uint128::new(relay_fee),
                }),
                other => panic!("unexpected query of the message center: {other:?}"),
            };
            SystemResult::Ok(ContractResult::Ok(answer.unwrap()))
        }
        other => SystemResult::Err(SystemError::UnsupportedRequest {
            kind: format!("{other:?}"),
        }),
    });
    let env = mock_env();
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&owner, &[]),
        InstantiateMsg {
            owner: None,
            message_center: center.to_string(),
            vault: vault.to_string(),
            default_timeout_secs,
        },
    )
    .unwrap();
    let mut setup = Setup {
        deps,
        env,
        owner,
        center,
        vault,
        user,
        token,
    };
    let coins = [
        (
            COIN,
            CoinOrigin::NativeHome {
                denom: DENOM.into(),
            },
        ),
        (
            TOKEN_COIN,
            CoinOrigin::Cw20Home {
                address: setup.token.to_string(),
            },
        ),
    ];
    for (coin_name, origin) in coins {
        let owner = setup.owner.clone();
        setup
            .run(
                &owner,
                &[],
                ExecuteMsg::RegisterCoin {
                    coin_name: coin_name.into(),
                    origin,
                    fee: FeePolicy::default(),
                    limits: Limits::default(),
                },
            )
            .unwrap();
    }
    setup
}

fn setup() -> Setup {
    setup_with(None, 0)
}

fn receiver() -> BtpAddress {
    BtpAddress::parse("btp://b.cosmos/bob").unwrap()
}

impl Setup {
    fn run(
        &mut self,
        sender: &Addr,
        funds: &[cosmwasm_std::Coin],
        msg: ExecuteMsg,
    ) -> Result<Response, ContractError> {
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, funds),
            msg,
        )
    }

    fn transfer(
        &mut self,
        amount: u128,
        timeout_secs: Option<u64>,
    ) -> Result<Response, ContractError> {
        let user = self.user.clone();
        self.run(
            &user,
            &[coin(amount, DENOM)],
            ExecuteMsg::Transfer {
                to: receiver(),
                timeout_secs,
            },
        )
    }

    fn reply(&mut self, sn: i64, code: u32) -> Result<Response, ContractError> {
        let center = self.center.clone();
        self.run(
            &center,
            &[],
            ExecuteMsg::HandleBtpReply {
                src: network("b.cosmos"),
                svc: "bts".into(),
                sn,
                code,
                message: "too late".into(),
            },
        )
    }

    fn set_default_timeout(
        &mut self,
        sender: &Addr,
        seconds: u64,
    ) -> Result<Response, ContractError> {
        self.run(sender, &[], ExecuteMsg::SetDefaultTimeout { seconds })
    }

    fn config(&self) -> ConfigResponse {
        from_json(query(self.deps.as_ref(), self.env.clone(), QueryMsg::Config {}).unwrap())
            .unwrap()
    }

    fn pending(&self, sn: i64) -> Option<PendingTransfer> {
        query(
            self.deps.as_ref(),
            self.env.clone(),
            QueryMsg::PendingTransfer { sn },
        )
        .ok()
        .map(|binary| from_json(binary).unwrap())
    }

    /// The `send_message` call in a response, with its funds.
    fn sent(&self, response: &Response) -> (CenterMsg, Vec<cosmwasm_std::Coin>) {
        let sends: Vec<_> = response
            .messages
            .iter()
            .filter_map(|sub| match &sub.msg {
                CosmosMsg::Wasm(WasmMsg::Execute {
                    contract_addr,
                    msg,
                    funds,
                }) if *contract_addr == self.center.as_str() => {
                    Some((from_json::<CenterMsg>(msg).unwrap(), funds.clone()))
                }
                _ => None,
            })
            .collect();
        let [send] = sends.as_slice() else {
            panic!("one send_message expected: {:?}", response.messages)
        };
        send.clone()
    }

    /// The timeout of the `send_message` call in a response.
    fn sent_timeout(&self, response: &Response) -> Option<Timestamp> {
        match self.sent(response).0 {
            CenterMsg::SendMessage { timeout, .. } => timeout,
            other => panic!("send_message expected: {other:?}"),
        }
    }

    /// The vault releases in a response: (recipient, asset, amount).
    fn releases(&self, response: &Response) -> Vec<(String, VaultAsset, Uint128)> {
        response
            .messages
            .iter()
            .filter_map(|sub| match &sub.msg {
                CosmosMsg::Wasm(WasmMsg::Execute {
                    contract_addr, msg, ..
                }) if *contract_addr == self.vault.as_str() => {
                    match from_json::<VaultMsg>(msg).unwrap() {
                        VaultMsg::Release {
                            recipient,
                            asset,
                            amount,
                        } => Some((recipient, asset, amount)),
                        _ => None,
                    }
                }
                _ => None,
            })
            .collect()
    }
}

fn refunded_event(response: &Response) -> TransferRefunded {
    TransferRefunded::first(&response.events).expect("a btp_transfer_refunded event")
}

#[test]
fn a_transfer_without_its_own_timeout_sends_the_default() {
    let mut s = setup();
    assert_eq!(
        s.config().default_timeout_secs,
        DEFAULT_TRANSFER_TIMEOUT_SECS
    );
    let response = s.transfer(1000, None).unwrap();
    let expected = s.env.block.time.plus_seconds(DEFAULT_TRANSFER_TIMEOUT_SECS);
    let CenterMsg::SendMessage {
        to,
        svc,
        sn,
        timeout,
        ..
    } = s.sent(&response).0
    else {
        panic!("send_message expected")
    };
    assert_eq!(
        (to, svc.as_str(), sn, timeout),
        (network("b.cosmos"), "bts", 1, Some(expected))
    );
    let pending = s.pending(1).unwrap();
    assert_eq!(
        (pending.sent_at, pending.timeout),
        (s.env.block.time, expected)
    );
    let started = TransferStarted::first(&response.events).expect("a btp_transfer_started event");
    assert_eq!(started.timeout, expected.nanos());
}

#[test]
fn a_transfers_own_timeout_wins_over_the_default_on_every_path() {
    let mut s = setup_with(Some(3600), 0);
    let now = s.env.block.time;

    let response = s.transfer(1000, Some(600)).unwrap();
    assert_eq!(s.sent_timeout(&response), Some(now.plus_seconds(600)));

    // The largest timeout is accepted.
    let response = s.transfer(1000, Some(MAX_TRANSFER_TIMEOUT_SECS)).unwrap();
    assert_eq!(
        s.sent_timeout(&response),
        Some(now.plus_seconds(MAX_TRANSFER_TIMEOUT_SECS))
    );

    let user = s.user.clone();
    let batch = ExecuteMsg::TransferBatch {
        to: receiver(),
        cw20: vec![Cw20Amount {
            token: s.token.to_string(),
            amount: Uint128::new(500),
        }],
        timeout_secs: Some(120),
    };
    let response = s.run(&user, &[coin(1000, DENOM)], batch).unwrap();
    assert_eq!(s.sent_timeout(&response), Some(now.plus_seconds(120)));
    assert_eq!(s.pending(3).unwrap().timeout, now.plus_seconds(120));

    let token = s.token.clone();
    let hook = |timeout_secs| {
        ExecuteMsg::Receive(Cw20ReceiveMsg {
            sender: user.to_string(),
            amount: Uint128::new(700),
            msg: to_json_binary(&ReceiveMsg::Transfer {
                to: receiver(),
                timeout_secs,
            })
            .unwrap(),
        })
    };
    let response = s.run(&token, &[], hook(Some(60))).unwrap();
    assert_eq!(s.sent_timeout(&response), Some(now.plus_seconds(60)));
    let response = s.run(&token, &[], hook(None)).unwrap();
    assert_eq!(s.sent_timeout(&response), Some(now.plus_seconds(3600)));
}

#[test]
fn the_relay_fee_still_travels_with_the_timeout() {
    let mut s = setup_with(None, 25);
    let user = s.user.clone();
    let response = s
        .run(
            &user,
            &[coin(1000, DENOM), coin(25, FEE_DENOM)],
            ExecuteMsg::Transfer {
                to: receiver(),
                timeout_secs: Some(90),
            },
        )
        .unwrap();
    let (send, funds) = s.sent(&response);
    assert_eq!(funds, vec![coin(25, FEE_DENOM)]);
    assert!(matches!(
        send,
        CenterMsg::SendMessage { timeout: Some(timeout), .. }
            if timeout == s.env.block.time.plus_seconds(90)
    ));
}

#[test]
fn the_owner_alone_changes_the_default_timeout() {
    let mut s = setup_with(Some(3600), 0);
    assert_eq!(s.config().default_timeout_secs, 3600);
    let user = s.user.clone();
    assert_eq!(
        s.set_default_timeout(&user, 7200).unwrap_err(),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    let owner = s.owner.clone();
    let response = s.set_default_timeout(&owner, 7200).unwrap();
    assert!(response
        .attributes
        .iter()
        .any(|a| a.key == "default_timeout_secs" && a.value == "7200"));
    assert_eq!(s.config().default_timeout_secs, 7200);
    let response = s.transfer(1000, None).unwrap();
    assert_eq!(
        s.sent_timeout(&response),
        Some(s.env.block.time.plus_seconds(7200))
    );
}

#[test]
fn a_zero_or_too_long_timeout_is_refused_everywhere() {
    let zero = |what| ContractError::ZeroTimeout {
        what,
        max: MAX_TRANSFER_TIMEOUT_SECS,
    };
    let too_long = |what| ContractError::TimeoutTooLong {
        what,
        seconds: MAX_TRANSFER_TIMEOUT_SECS + 1,
        max: MAX_TRANSFER_TIMEOUT_SECS,
    };

    // At instantiation.
    for (seconds, expected) in [
        (0, zero("the default")),
        (MAX_TRANSFER_TIMEOUT_SECS + 1, too_long("the default")),
    ] {
        let mut deps = mock_dependencies();
        let owner = deps.api.addr_make("owner");
        let center = deps.api.addr_make("center").to_string();
        let vault = deps.api.addr_make("vault").to_string();
        let err = instantiate(
            deps.as_mut(),
            mock_env(),
            message_info(&owner, &[]),
            InstantiateMsg {
                owner: None,
                message_center: center,
                vault,
                default_timeout_secs: Some(seconds),
            },
        )
        .unwrap_err();
        assert_eq!(err, expected);
    }

    let mut s = setup();
    // As the owner's new default.
    let owner = s.owner.clone();
    assert_eq!(
        s.set_default_timeout(&owner, 0).unwrap_err(),
        zero("the default")
    );
    assert_eq!(
        s.set_default_timeout(&owner, MAX_TRANSFER_TIMEOUT_SECS + 1)
            .unwrap_err(),
        too_long("the default")
    );
    assert_eq!(
        s.config().default_timeout_secs,
        DEFAULT_TRANSFER_TIMEOUT_SECS
    );

    // Per transfer, on every path; nothing is sent or kept.
    assert_eq!(s.transfer(1000, Some(0)).unwrap_err(), zero("the transfer"));
    assert_eq!(
        s.transfer(1000, Some(MAX_TRANSFER_TIMEOUT_SECS + 1))
            .unwrap_err(),
        too_long("the transfer")
    );
    let user = s.user.clone();
    let batch = ExecuteMsg::TransferBatch {
        to: receiver(),
        cw20: vec![],
        timeout_secs: Some(0),
    };
    assert_eq!(
        s.run(&user, &[coin(1000, DENOM)], batch).unwrap_err(),
        zero("the transfer")
    );
    let token = s.token.clone();
    let hook = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: user.to_string(),
        amount: Uint128::new(700),
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to: receiver(),
            timeout_secs: Some(0),
        })
        .unwrap(),
    });
    assert_eq!(s.run(&token, &[], hook).unwrap_err(), zero("the transfer"));
    assert_eq!(s.pending(1), None);
}

#[test]
fn a_timeout_beyond_the_largest_timestamp_is_refused() {
    let mut s = setup();
    // Block time so late that one more day does not fit in u64 nanoseconds.
    let now = Timestamp::from_nanos(u64::MAX - 1_000_000_000);
    s.env.block.time = now;
    assert_eq!(
        s.transfer(1000, None).unwrap_err(),
        ContractError::TimeoutOverflow {
            now,
            seconds: DEFAULT_TRANSFER_TIMEOUT_SECS
        }
    );
    assert_eq!(
        s.transfer(1000, Some(2)).unwrap_err(),
        ContractError::TimeoutOverflow { now, seconds: 2 }
    );
    // What still fits is sent.
    let response = s.transfer(1000, Some(1)).unwrap();
    assert_eq!(
        s.sent_timeout(&response),
        Some(Timestamp::from_nanos(u64::MAX))
    );
}

#[test]
fn a_timed_out_transfer_is_refunded_once() {
    let mut s = setup();
    s.transfer(1000, Some(600)).unwrap();
    let key = (COIN, "b.cosmos");
    let outstanding = |s: &Setup| {
        OUTSTANDING
            .may_load(&s.deps.storage, key)
            .unwrap()
            .unwrap_or_default()
    };
    assert_eq!(outstanding(&s), Uint128::new(1000));

    let response = s.reply(1, TIMED_OUT).unwrap();
    assert_eq!(
        s.releases(&response),
        vec![(
            s.user.to_string(),
            VaultAsset::Native {
                denom: DENOM.into()
            },
            Uint128::new(1000)
        )]
    );
    let refunded = refunded_event(&response);
    assert_eq!(refunded.code, TIMED_OUT);
    assert!(refunded.timed_out);
    assert_eq!(refunded.reason, "too late");
    assert_eq!(refunded.assets, format!("{COIN}:1000"));
    assert_eq!(outstanding(&s), Uint128::zero());
    assert_eq!(s.pending(1), None);

    // A second reply to the same request, whatever it says, pays nothing.
    for code in [TIMED_OUT, SUCCESS, TOKEN_UNKNOWN_COIN] {
        assert_eq!(
            s.reply(1, code).unwrap_err(),
            ContractError::Service(ServiceError::UnknownRequest { sn: 1 })
        );
    }
    assert_eq!(outstanding(&s), Uint128::zero());
}

#[test]
fn other_error_replies_refund_without_saying_timed_out() {
    let mut s = setup();
    s.transfer(1000, None).unwrap();
    let response = s.reply(1, TOKEN_UNKNOWN_COIN).unwrap();
    assert_eq!(s.releases(&response).len(), 1);
    assert!(!refunded_event(&response).timed_out);
    assert_eq!(
        s.reply(1, TIMED_OUT).unwrap_err(),
        ContractError::Service(ServiceError::UnknownRequest { sn: 1 })
    );
}

/// State written before timeouts existed still loads after a migration: a
/// pending transfer without a timeout, a configuration without a default.
#[test]
fn state_from_before_timeouts_still_loads() {
    let legacy_pending = serde_json::json!({
        "sn": 3,
        "sender": "alice",
        "to": "btp://b.cosmos/bob",
        "assets": [{ "coin_name": COIN, "net": "10", "fee": "0" }],
        "sent_at": "1",
    });
    let pending: PendingTransfer =
        from_json(Binary::new(serde_json::to_vec(&legacy_pending).unwrap())).unwrap();
    assert_eq!(pending.timeout, Timestamp::from_nanos(0));

    let legacy_config = serde_json::json!({
        "message_center": "center",
        "vault": "vault",
        "network": "a.cosmos",
    });
    let config: Config =
        from_json(Binary::new(serde_json::to_vec(&legacy_config).unwrap())).unwrap();
    assert_eq!(config.default_timeout_secs, DEFAULT_TRANSFER_TIMEOUT_SECS);
}

/// State written before rolling limits and minimum fees still loads: a coin
/// whose limits have no `min_fee` (no floor), a pending asset without
/// `rate_counted` (nothing to give back).
#[test]
fn state_from_before_rolling_limits_still_loads() {
    let legacy_coin = serde_json::json!({
        "origin": { "native_home": { "denom": DENOM } },
        "asset": { "native": { "denom": DENOM } },
        "token": null,
        "fee": { "ratio": "0.01", "fixed": "10" },
        "limits": {
            "min": "1",
            "max": null,
            "rate_limit": { "amount": "1000", "window_secs": 3600 }
        },
    });
    let coin: crate::state::Coin =
        from_json(Binary::new(serde_json::to_vec(&legacy_coin).unwrap())).unwrap();
    assert_eq!(coin.limits.min_fee, Uint128::zero());
    assert_eq!(
        crate::coins::split_fee(COIN, &coin, Uint128::new(100)).unwrap(),
        (Uint128::new(11), Uint128::new(89))
    );

    let legacy_asset = serde_json::json!({ "coin_name": COIN, "net": "10", "fee": "0" });
    let asset: btp_types::msg::token_handler::PendingAsset =
        from_json(Binary::new(serde_json::to_vec(&legacy_asset).unwrap())).unwrap();
    assert_eq!(asset.rate_counted, Uint128::zero());
}

/// The migration turns the fixed windows of the version before into rolling
/// logs: a window still current counts its whole use from the migration on
/// (never looser than before); a past window, or one of a coin without a
/// rate limit, is dropped; no fixed window is left.
#[test]
fn the_migration_carries_current_fixed_windows_into_rolling_logs() {
    use crate::state::{
        LegacyWindow, RateEntry, RateLog, INCOMING, LEGACY_WINDOWS, OUTGOING, RATE_LOGS,
    };
    use btp_types::msg::token_handler::RateLimit;

    let mut s = setup();
    let owner = s.owner.clone();
    s.run(
        &owner,
        &[],
        ExecuteMsg::UpdateCoin {
            coin_name: COIN.into(),
            fee: FeePolicy::default(),
            limits: Limits {
                rate_limit: Some(RateLimit {
                    amount: Uint128::new(1000),
                    window_secs: 3600,
                }),
                ..Limits::default()
            },
        },
    )
    .unwrap();
    let now = s.env.block.time.seconds();
    let windows = [
        ((COIN, OUTGOING), now - 100, 700),
        ((COIN, INCOMING), now - 3600, 5),
        ((TOKEN_COIN, OUTGOING), now, 3),
    ];
    for (key, start, used) in windows {
        let window = LegacyWindow {
            start,
            used: Uint128::new(used),
        };
        LEGACY_WINDOWS
            .save(s.deps.as_mut().storage, key, &window)
            .unwrap();
    }

    let response = crate::contract::migrate(
        s.deps.as_mut(),
        s.env.clone(),
        btp_types::msg::MigrateMsg {},
    )
    .unwrap();
    assert!(response
        .attributes
        .iter()
        .any(|a| a.key == "rate_windows_carried" && a.value == "1"));
    let storage = s.deps.as_ref().storage;
    assert!(LEGACY_WINDOWS
        .range(storage, None, None, cosmwasm_std::Order::Ascending)
        .next()
        .is_none());
    assert_eq!(
        RATE_LOGS.load(storage, (COIN, OUTGOING)).unwrap(),
        RateLog {
            entries: vec![RateEntry {
                at: now,
                amount: Uint128::new(700),
            }],
            since: now,
        }
    );
    assert!(!RATE_LOGS.has(storage, (COIN, INCOMING)));
    assert!(!RATE_LOGS.has(storage, (TOKEN_COIN, OUTGOING)));

    // The 700 counts for a whole window after the migration.
    s.env.block.time = s.env.block.time.plus_seconds(3599);
    assert_eq!(
        s.transfer(301, None).unwrap_err(),
        ContractError::RateLimited {
            coin_name: COIN.into(),
            amount: Uint128::new(301),
            used: Uint128::new(700),
            limit: Uint128::new(1000),
            window_secs: 3600,
        }
    );
    s.transfer(300, None).unwrap();
}

/// While anyone is blacklisted, a hook whose token cannot list the sender's
/// allowances is refused: the handler cannot tell whose tokens it received.
/// With nobody blacklisted, the hook asks the token nothing.
#[test]
fn a_hook_the_handler_cannot_check_is_refused_while_anyone_is_blacklisted() {
    let mut s = setup();
    let (user, token, owner) = (s.user.clone(), s.token.clone(), s.owner.clone());
    let hook = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: user.to_string(),
        amount: Uint128::new(700),
        msg: to_json_binary(&ReceiveMsg::Transfer {
            to: receiver(),
            timeout_secs: None,
        })
        .unwrap(),
    });
    // The mocked token answers no query: fine while nobody is blacklisted.
    s.run(&token, &[], hook.clone()).unwrap();

    let someone = s.deps.api.addr_make("someone");
    s.run(
        &owner,
        &[],
        ExecuteMsg::SetBlacklisted {
            address: someone.to_string(),
            blacklisted: true,
        },
    )
    .unwrap();
    let err = s.run(&token, &[], hook).unwrap_err();
    match err {
        ContractError::HookSenderUncheckable {
            token: refused_token,
            spender,
            reason,
        } => {
            assert_eq!(
                (refused_token, spender),
                (token.to_string(), user.to_string())
            );
            assert!(
                reason.starts_with("the token does not list a spender's allowances"),
                "{reason}"
            );
        }
        other => panic!("unexpected error: {other}"),
    }
}

/// The migration moves the message center out of a 0.2.0 configuration, to
/// the service's key: the configuration reads the same, and a transfer sent
/// before it is answered after it, by the message center alone. Migrating
/// again moves nothing.
#[test]
fn the_migration_moves_the_message_center_out_of_a_0_2_0_configuration() {
    use crate::state::CONFIG;
    use cw_storage_plus::Item;

    let mut s = setup();
    s.transfer(1000, None).unwrap();
    let before = s.config();
    // The layout of 0.2.0: the message center in the configuration alone.
    let center = s.center.clone();
    let storage = s.deps.as_mut().storage;
    let config = CONFIG.load(storage).unwrap();
    let legacy = serde_json::json!({
        "message_center": center,
        "vault": config.vault,
        "network": config.network,
        "default_timeout_secs": config.default_timeout_secs,
    });
    storage.set(b"config", &serde_json::to_vec(&legacy).unwrap());
    Item::<Addr>::new("message_center").remove(storage);

    let migrate = |s: &mut Setup| {
        crate::contract::migrate(
            s.deps.as_mut(),
            s.env.clone(),
            btp_types::msg::MigrateMsg {},
        )
        .unwrap()
    };
    let moved = |response: &Response| {
        response
            .attributes
            .iter()
            .find(|a| a.key == "message_center_moved")
            .map(|a| a.value.clone())
    };
    assert_eq!(moved(&migrate(&mut s)).as_deref(), Some("true"));
    assert_eq!(s.config(), before);
    let stored = s.deps.as_ref().storage.get(b"config").unwrap();
    assert!(!String::from_utf8(stored)
        .unwrap()
        .contains("message_center"));
    assert_eq!(moved(&migrate(&mut s)).as_deref(), Some("false"));
    assert_eq!(s.config(), before);

    let user = s.user.clone();
    let forged = ExecuteMsg::HandleBtpReply {
        src: network("b.cosmos"),
        svc: "bts".into(),
        sn: 1,
        code: SUCCESS,
        message: String::new(),
    };
    assert_eq!(
        s.run(&user, &[], forged).unwrap_err(),
        ContractError::Service(ServiceError::NotMessageCenter {
            sender: user.to_string(),
            message_center: center.to_string(),
        })
    );
    s.reply(1, SUCCESS).unwrap();
    assert_eq!(s.pending(1), None);
}
