//! The one test suite: [`SuiteBuilder`] and the set-ups it builds, in the
//! manner of DAO DAO's `dao-testing` (one base that variants extend, built
//! from one builder). Every variant lives on one `cw-multi-test` app
//! ([`ChainApp`]) and has the base's methods (`on_app!`: balances, cw20 and
//! link queries, the mock verifier's mode, payments, time); each adds what
//! its contracts need. Take the smallest variant that holds what the test
//! exercises:
//!
//! | variant | built by | holds | used by |
//! |---|---|---|---|
//! | [`Suite`] | `SuiteBuilder::new().build()` | two chains' token deployment (message center, token handler, vault, cw20) linked both ways through mock verifiers, and an outbox per side to relay from | token handler, workspace and fuzz tests |
//! | [`TwoCenters`] | `.two_centers()` | two message centers linked through mock verifiers, each with a mock handler of service `demo` | message center tests |
//! | [`VaultSuite`] | `.vault()`, `.vault_without_handler()` | the token vault alone, an account as its handler, real `cw20-base` tokens | vault tests |
//! | [`KvSuite`] | `.kv_service()` | the kv service alone, a recording mock message center | kv service tests |
//! | [`crate::harness::TwoChains`] | `.two_chains()` | two simulated CometBFT chains, each its own app, with real light clients, relayed by the relayer library with real headers and proofs | scenario, adversarial, pool and relayer tests |
//! | [`crate::three_chains::ThreeChains`] | `.three_chains()` | three such chains in a line, A — B — C, A and C routed through B | route tests |
//!
//! The real-chain variants have builders of their own for what only they
//! can set (`harness::TwoChainsBuilder::validators`,
//! `three_chains::ThreeChainsBuilder::link_fees` and `route_fees`).
//!
//! ```text
//! let mut suite = SuiteBuilder::new().relay_fee(5).build();
//! suite.execute(Side::A, &user, &handler, &msg, &funds)?;   // collects messages
//! suite.relay(Side::A)?;                                     // A's outbox into B
//! let mut centers = SuiteBuilder::new().two_centers();
//! let mut vault = SuiteBuilder::new().vault();
//! ```

use btp_types::msg::message_center as center;
use btp_types::msg::token_handler::{FeePolicy, Limits};
use btp_types::NetworkAddress;
use cosmwasm_std::{Addr, Coin, Uint128};
use cw_multi_test::{AppBuilder, Executor, MockApiBech32};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use crate::deploy::{Chain, ChainApp, COIN_A, COIN_A_DENOM, TOKEN_A};
use crate::mock_verifier;

pub mod centers;
pub mod kv;
pub mod token_chains;
pub mod vault;

pub use centers::TwoCenters;
pub use kv::KvSuite;
pub use token_chains::{Side, Suite};
pub use vault::VaultSuite;

/// What the funded accounts hold of each native denom, unless the builder says.
pub const DEFAULT_USER_FUNDS: u128 = 1_000_000;

/// Settings of a suite; each variant reads those that concern it.
pub struct SuiteBuilder {
    pub(crate) fee: FeePolicy,
    pub(crate) limits: Limits,
    pub(crate) relay_fee: Uint128,
    pub(crate) user_funds: u128,
}

impl Default for SuiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SuiteBuilder {
    pub fn new() -> Self {
        Self {
            fee: crate::deploy::scenario_token_fee(),
            limits: Limits::default(),
            relay_fee: Uint128::zero(),
            user_funds: DEFAULT_USER_FUNDS,
        }
    }

    /// The token fee of every coin on both chains ([`Suite`]).
    pub fn fee(mut self, fee: FeePolicy) -> Self {
        self.fee = fee;
        self
    }

    /// The limits of every coin on both chains ([`Suite`]).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// What each funded account holds of each native denom at the start.
    pub fn user_funds(mut self, amount: u128) -> Self {
        self.user_funds = amount;
        self
    }

    /// The message centers' forward relay fee, the backward fee zero ([`Suite`]).
    pub fn relay_fee(mut self, amount: u128) -> Self {
        self.relay_fee = Uint128::new(amount);
        self
    }

    /// Two chains' token deployment with mock verifiers.
    pub fn build(self) -> Suite {
        Suite::build(self)
    }

    /// Two message centers with mock verifiers and mock handlers.
    pub fn two_centers(self) -> TwoCenters {
        TwoCenters::build(self)
    }

    /// The token vault alone, its handler named and the home token registered.
    pub fn vault(self) -> VaultSuite {
        let mut suite = self.vault_without_handler();
        suite.set_handler();
        let home_token = suite.home_token.clone();
        suite
            .register_home_token(&home_token)
            .expect("registering the home token");
        suite
    }

    /// The token vault alone, before its owner names the handler.
    pub fn vault_without_handler(self) -> VaultSuite {
        VaultSuite::build(self)
    }

    /// The kv service alone, with a recording message center.
    pub fn kv_service(self) -> KvSuite {
        KvSuite::build(self)
    }

    /// Two simulated CometBFT chains with real light clients, each its own
    /// app, relayed by the relayer library ([`crate::harness`]), with this
    /// builder's token fee.
    pub fn two_chains(self) -> anyhow::Result<crate::harness::TwoChains> {
        crate::harness::TwoChainsBuilder::new()
            .fee(self.fee)
            .build()
    }

    /// Three such chains, A — B — C, with A and C routed through B
    /// ([`crate::three_chains`]), with this builder's token fee.
    pub fn three_chains(self) -> anyhow::Result<crate::three_chains::ThreeChains> {
        crate::three_chains::ThreeChainsBuilder::new()
            .fee(self.fee)
            .build()
    }
}

/// The network `text` names (`a.cosmos`).
pub fn net(text: &str) -> NetworkAddress {
    NetworkAddress::parse(text).expect("a network address")
}

/// The message center call that delivers `messages` from `src`, proven at
/// `proof_height` by `proof` (to a mock verifier, `MOCK_PROOF` or a forgery).
pub fn relay_message(
    src: &NetworkAddress,
    proof_height: u64,
    messages: Vec<center::RelayedMessage>,
    proof: &[u8],
) -> center::ExecuteMsg {
    center::ExecuteMsg::HandleRelayMessage {
        src: src.clone(),
        proof_height,
        messages,
        proof: cosmwasm_std::Binary::new(proof.to_vec()),
        prior_head: None,
    }
}

/// An app with the bech32 prefix `cosmwasm` and `coins` for each named
/// account (`api.addr_make(name)`).
pub fn funded_app(funded: &[(&str, Vec<Coin>)]) -> ChainApp {
    AppBuilder::new()
        .with_api(MockApiBech32::new("cosmwasm"))
        .build(|router, api, storage| {
            for (name, coins) in funded {
                router
                    .bank
                    .init_balance(storage, &api.addr_make(name), coins.clone())
                    .expect("funding an account");
            }
        })
}

/// The base every variant extends: the helpers of one app with its owner,
/// written once and given to each variant as its own methods (so a test
/// needs no trait in scope).
macro_rules! on_app {
    ($($variant:ty),*) => {$(
        impl $variant {
            /// `contract`'s answer to `msg`; panics, naming both, when it refuses.
            pub fn query<T: DeserializeOwned>(&self, contract: &Addr, msg: &impl Serialize) -> T {
                self.app
                    .wrap()
                    .query_wasm_smart(contract, msg)
                    .unwrap_or_else(|err| panic!("querying {contract}: {err}"))
            }

            /// `account`'s balance of a native `denom`.
            pub fn native_balance(&self, account: &Addr, denom: &str) -> u128 {
                self.app
                    .wrap()
                    .query_balance(account, denom)
                    .expect("a balance")
                    .amount
                    .u128()
            }

            /// `account`'s balance of the cw20 `token`.
            pub fn cw20_balance(&self, token: &Addr, account: &Addr) -> u128 {
                let address = account.to_string();
                let balance: cw20::BalanceResponse =
                    self.query(token, &cw20::Cw20QueryMsg::Balance { address });
                balance.balance.u128()
            }

            pub fn token_info(&self, token: &Addr) -> cw20::TokenInfoResponse {
                self.query(token, &cw20::Cw20QueryMsg::TokenInfo {})
            }

            pub fn cw20_supply(&self, token: &Addr) -> u128 {
                self.token_info(token).total_supply.u128()
            }

            /// `center`'s link to `network`.
            pub fn center_link(&self, center: &Addr, network: &NetworkAddress) -> center::LinkResponse {
                let network = network.clone();
                self.query(center, &center::QueryMsg::Link { network })
            }

            /// How the mock `verifier` decides (see [`mock_verifier::Mode`]).
            pub fn set_mock_verifier_mode(&mut self, verifier: &Addr, mode: mock_verifier::Mode) {
                let msg = mock_verifier::ExecuteMsg::SetMode { mode };
                must_execute(&mut self.app, &self.owner, verifier, &msg, &[]);
            }

            /// The user sends `coins` to `account` (a bank send).
            pub fn user_pays(&mut self, account: &Addr, coins: &[Coin]) {
                self.app
                    .send_tokens(self.user.clone(), account.clone(), coins)
                    .unwrap_or_else(|err| panic!("paying {account}: {err:#}"));
            }

            /// Lets `seconds` pass (one block).
            pub fn wait(&mut self, seconds: u64) {
                self.app.update_block(|block| {
                    block.time = block.time.plus_seconds(seconds);
                    block.height += 1;
                });
            }
        }
    )*};
}
on_app!(Suite, TwoCenters, VaultSuite, KvSuite);

/// `sender` executes `msg` on `contract` with `funds`, for a panic naming
/// the call when it must not fail.
pub(crate) fn must_execute(
    app: &mut ChainApp,
    sender: &Addr,
    contract: &Addr,
    msg: &(impl Serialize + std::fmt::Debug),
    funds: &[Coin],
) {
    app.execute_contract(sender.clone(), contract.clone(), msg, funds)
        .unwrap_or_else(|err| panic!("{sender} executing {msg:?} on {contract}: {err:#}"));
}
