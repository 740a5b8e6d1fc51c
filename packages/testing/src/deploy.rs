//! Deploying and wiring the suite on one `cw-multi-test` chain: shared by the
//! one-app suite with mock verifiers ([`crate::suite`]) and the two-chain
//! harness with real light clients ([`crate::harness`]).

use btp_types::msg::message_center as center;
use btp_types::msg::token_handler::{self as handler, CoinOrigin, FeePolicy, Limits};
use btp_types::msg::token_vault as vault;
use btp_types::token_service::TOKEN_SERVICE;
use btp_types::NetworkAddress;
use cosmwasm_std::{Addr, Uint128};
use cw_multi_test::{App, BankKeeper, Executor, MockApiBech32};

/// The `cw-multi-test` app of one chain, with its own bech32 prefix.
pub type ChainApp = App<BankKeeper, MockApiBech32>;

/// Native denom of chain A's home coin, and its registered coin name.
pub const COIN_A_DENOM: &str = "ucoina";
pub const COIN_A: &str = "a/ucoina";
/// Coin name of chain A's home cw20 token.
pub const TOKEN_A: &str = "a/token";
/// Native denom of chain B's home coin, and its registered coin name.
pub const COIN_B_DENOM: &str = "ucoinb";
pub const COIN_B: &str = "b/ucoinb";

/// The token fee the scenarios register every coin with: 1 % plus 10.
pub fn scenario_token_fee() -> FeePolicy {
    FeePolicy {
        ratio: cosmwasm_std::Decimal::percent(1),
        fixed: Uint128::new(10),
    }
}

/// Code ids of the suite on one app.
#[derive(Clone, Copy, Debug)]
pub struct Codes {
    pub message_center: u64,
    pub verifier: u64,
    pub vault: u64,
    pub handler: u64,
    pub cw20: u64,
}

impl Codes {
    /// Stores the suite's code; `verifier` is the light client to use (real or mock).
    pub fn store(
        app: &mut ChainApp,
        verifier: Box<dyn cw_multi_test::Contract<cosmwasm_std::Empty>>,
    ) -> Self {
        Self {
            message_center: app.store_code(crate::contracts::message_center()),
            verifier: app.store_code(verifier),
            vault: app.store_code(crate::contracts::token_vault()),
            handler: app.store_code(crate::contracts::token_handler()),
            cw20: app.store_code(crate::contracts::cw20_base()),
        }
    }
}

/// The suite's contracts on one chain.
#[derive(Clone, Debug)]
pub struct Chain {
    pub network: NetworkAddress,
    pub fee_denom: String,
    pub message_center: Addr,
    /// The light client of the other chain.
    pub verifier: Addr,
    pub vault: Addr,
    pub handler: Addr,
}

impl Chain {
    /// The deployment completed with the light client of the other chain.
    pub fn new(deployment: Deployment, verifier: Addr) -> Self {
        Self {
            network: deployment.network,
            fee_denom: deployment.fee_denom,
            message_center: deployment.message_center,
            verifier,
            vault: deployment.vault,
            handler: deployment.handler,
        }
    }
}

/// The suite's contracts on one chain before its light client exists (a
/// light client needs the other chain's deployment, or its headers).
#[derive(Clone, Debug)]
pub struct Deployment {
    pub network: NetworkAddress,
    pub fee_denom: String,
    pub message_center: Addr,
    pub vault: Addr,
    pub handler: Addr,
}

/// Instantiates the message center, the vault and the handler, and names the
/// handler in the vault.
pub fn deploy_suite(
    app: &mut ChainApp,
    codes: &Codes,
    owner: &Addr,
    network: NetworkAddress,
    fee_denom: &str,
) -> Deployment {
    let message_center =
        instantiate_message_center(app, codes.message_center, owner, &network, fee_denom);
    let vault = instantiate_vault(app, codes.vault, codes.cw20, owner);
    let msg = handler::InstantiateMsg {
        owner: None,
        message_center: message_center.to_string(),
        vault: vault.to_string(),
        default_timeout_secs: None,
    };
    let handler = instantiate(app, codes.handler, owner, &msg, "token-handler");
    let set_handler = vault::ExecuteMsg::SetHandler {
        handler: handler.to_string(),
    };
    app.execute_contract(owner.clone(), vault.clone(), &set_handler, &[])
        .expect("naming the handler in the vault");
    Deployment {
        network,
        fee_denom: fee_denom.into(),
        message_center,
        vault,
        handler,
    }
}

/// `owner` instantiates `code` with `msg` and keeps the right to migrate it
/// (as a deployer would); panics, naming `label`, when it fails.
pub fn instantiate(
    app: &mut ChainApp,
    code: u64,
    owner: &Addr,
    msg: &(impl serde::Serialize + std::fmt::Debug),
    label: &str,
) -> Addr {
    let admin = Some(owner.to_string());
    app.instantiate_contract(code, owner.clone(), msg, &[], label, admin)
        .unwrap_or_else(|err| panic!("instantiating {label}: {err:#}"))
}

/// A message center of `network`, administered by `owner`.
pub fn instantiate_message_center(
    app: &mut ChainApp,
    code: u64,
    owner: &Addr,
    network: &NetworkAddress,
    fee_denom: &str,
) -> Addr {
    let msg = center::InstantiateMsg {
        network: network.clone(),
        owner: None,
        fee_denom: fee_denom.into(),
        delivery_gas_limit: None,
    };
    instantiate(app, code, owner, &msg, "message-center")
}

/// A token vault without its handler, administered by `owner`, making its
/// wrapped tokens from `cw20_code`.
pub fn instantiate_vault(app: &mut ChainApp, code: u64, cw20_code: u64, owner: &Addr) -> Addr {
    let msg = vault::InstantiateMsg {
        owner: None,
        handler: None,
        cw20_code_id: cw20_code,
    };
    instantiate(app, code, owner, &msg, "token-vault")
}

/// One direction of a link: what `center` needs to take messages from
/// `remote_network` and deliver them to `handler` for `svc`.
pub struct LinkPlan<'a> {
    pub center: &'a Addr,
    /// `center`'s light client of the remote chain.
    pub verifier: &'a Addr,
    pub remote_network: &'a NetworkAddress,
    pub remote_center: &'a Addr,
    pub svc: &'a str,
    pub handler: &'a Addr,
    /// The relay fees `center` charges towards `remote_network`.
    pub forward_fee: Uint128,
    pub backward_fee: Uint128,
}

/// Adds the link, the service and the fees of `plan`.
pub fn open_link(app: &mut ChainApp, owner: &Addr, plan: &LinkPlan) {
    let msgs = [
        center::ExecuteMsg::AddLink {
            network: plan.remote_network.clone(),
            verifier: plan.verifier.to_string(),
            remote_message_center: plan.remote_center.to_string(),
            relayers: vec![],
        },
        center::ExecuteMsg::AddService {
            svc: plan.svc.into(),
            handler: plan.handler.to_string(),
            batches: Some(true),
        },
        center::ExecuteMsg::SetFee {
            network: plan.remote_network.clone(),
            forward: plan.forward_fee,
            backward: plan.backward_fee,
        },
    ];
    for msg in msgs {
        crate::suite::must_execute(app, owner, plan.center, &msg, &[]);
    }
}

/// Links `here` to `there` (through `here`'s verifier), registers the token
/// service, and sets the forward relay fee.
pub fn link(app: &mut ChainApp, owner: &Addr, here: &Chain, there: &Chain, relay_fee: Uint128) {
    let plan = LinkPlan {
        center: &here.message_center,
        verifier: &here.verifier,
        remote_network: &there.network,
        remote_center: &there.message_center,
        svc: TOKEN_SERVICE,
        handler: &here.handler,
        forward_fee: relay_fee,
        backward_fee: Uint128::zero(),
    };
    open_link(app, owner, &plan);
}

/// Instantiates chain A's home cw20 token, with `supply` for `holder`.
pub fn home_token(
    app: &mut ChainApp,
    codes: &Codes,
    owner: &Addr,
    holder: &Addr,
    supply: u128,
) -> Addr {
    cw20_token(
        app,
        codes.cw20,
        owner,
        ("Token of A", "TOKA"),
        &[holder],
        supply,
    )
}

/// A `cw20-base` token called `(name, symbol)`, without a minter, `supply`
/// for each of `holders`.
pub fn cw20_token(
    app: &mut ChainApp,
    cw20_code: u64,
    owner: &Addr,
    (name, symbol): (&str, &str),
    holders: &[&Addr],
    supply: u128,
) -> Addr {
    let initial_balances = holders
        .iter()
        .map(|holder| cw20::Cw20Coin {
            address: holder.to_string(),
            amount: Uint128::new(supply),
        })
        .collect();
    let msg = btp_types::cw20_base::Cw20BaseInstantiateMsg {
        name: name.into(),
        symbol: symbol.into(),
        decimals: 6,
        initial_balances,
        mint: None,
        marketing: None,
    };
    instantiate(app, cw20_code, owner, &msg, name)
}

/// The coins of the scenarios: A's native coin and cw20 token, at home on A
/// and wrapped on B.
pub fn home_coins(token_a: &Addr) -> Vec<(&'static str, CoinOrigin)> {
    vec![
        (
            COIN_A,
            CoinOrigin::NativeHome {
                denom: COIN_A_DENOM.into(),
            },
        ),
        (
            TOKEN_A,
            CoinOrigin::Cw20Home {
                address: token_a.to_string(),
            },
        ),
    ]
}

/// A's coins as B registers them.
pub fn foreign_coins(home_network: &NetworkAddress) -> Vec<(&'static str, CoinOrigin)> {
    let wrapped = |name: &str, symbol: &str| CoinOrigin::Foreign {
        home_network: home_network.clone(),
        name: name.into(),
        symbol: symbol.into(),
        decimals: 6,
    };
    vec![
        (COIN_A, wrapped("A coin on B", "WCOINA")),
        (TOKEN_A, wrapped("A token on B", "WTOKA")),
    ]
}

/// B's native coin, at home on B.
pub fn home_coins_b() -> Vec<(&'static str, CoinOrigin)> {
    vec![(
        COIN_B,
        CoinOrigin::NativeHome {
            denom: COIN_B_DENOM.into(),
        },
    )]
}

/// B's native coin as A registers it.
pub fn foreign_coins_b(home_network: &NetworkAddress) -> Vec<(&'static str, CoinOrigin)> {
    vec![(
        COIN_B,
        CoinOrigin::Foreign {
            home_network: home_network.clone(),
            name: "B coin on A".into(),
            symbol: "WCOINB".into(),
            decimals: 6,
        },
    )]
}

/// Registers `coins` with the handler of `chain`, each with `fee` and `limits`.
pub fn register_coins(
    app: &mut ChainApp,
    owner: &Addr,
    chain: &Chain,
    coins: Vec<(&'static str, CoinOrigin)>,
    fee: &FeePolicy,
    limits: &Limits,
) {
    for (coin_name, origin) in coins {
        let msg = handler::ExecuteMsg::RegisterCoin {
            coin_name: coin_name.into(),
            origin,
            fee: fee.clone(),
            limits: limits.clone(),
        };
        app.execute_contract(owner.clone(), chain.handler.clone(), &msg, &[])
            .unwrap_or_else(|err| panic!("registering {coin_name} on {}: {err:#}", chain.network));
    }
}
