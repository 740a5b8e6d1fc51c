//! A chain with a vault, `cw20-base`, a handler account holding native coins
//! and a home cw20 token, and helpers to drive and inspect them.

use btp_types::msg::token_vault::{
    AllTotalsResponse, CoinTotals, ConfigResponse, ExecuteMsg, InstantiateMsg, QueryMsg,
    ReceiveMsg, VaultAsset, WrappedTokenResponse,
};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    coins, to_json_binary, Addr, Binary, Coin, Deps, DepsMut, Empty, Env, MessageInfo, Response,
    StdResult, Uint128, WasmMsg,
};
use cw20::{Cw20Coin, Cw20ExecuteMsg, Cw20QueryMsg, Cw20ReceiveMsg, MinterResponse};
use cw_multi_test::error::{AnyError, AnyResult};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use token_vault::ContractError;

/// The native denoms the handler starts with.
pub const ATOM: &str = "uatom";
pub const OSMO: &str = "uosmo";
/// What the handler holds of each at the start.
pub const START: u128 = 1_000_000;
/// A foreign coin's name, as BTP writes it.
pub const FOREIGN: &str = "btp-0x1.icon-ICX";

pub fn vault_contract() -> Box<dyn Contract<Empty>> {
    use token_vault::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

pub fn cw20_base_contract() -> Box<dyn Contract<Empty>> {
    use cw20_base::contract::{execute, instantiate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

/// What the malicious contract is told to do.
#[cw_serde]
pub enum FakeTokenMsg {
    /// Calls the vault's `receive` as if it were a cw20 token that moved
    /// `amount` for `sender`.
    ClaimReceive {
        vault: String,
        sender: String,
        amount: Uint128,
        msg: Binary,
    },
}

fn fake_execute(
    _deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: FakeTokenMsg,
) -> StdResult<Response> {
    let FakeTokenMsg::ClaimReceive {
        vault,
        sender,
        amount,
        msg,
    } = msg;
    let receive = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender,
        amount,
        msg,
    });
    Ok(Response::new().add_message(WasmMsg::Execute {
        contract_addr: vault,
        msg: to_json_binary(&receive)?,
        funds: vec![],
    }))
}

fn fake_instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    Ok(Response::new())
}

/// Answers `token_info` like a cw20, so that it looks like one from outside.
fn fake_query(_: Deps, _: Env, _: Cw20QueryMsg) -> StdResult<Binary> {
    to_json_binary(&cw20::TokenInfoResponse {
        name: "Fake Token".into(),
        symbol: "FAKE".into(),
        decimals: 6,
        total_supply: Uint128::MAX,
    })
}

/// A contract that is not a token but calls the vault's `receive` claiming
/// whatever it is told to.
pub fn fake_token_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        fake_execute,
        fake_instantiate,
        fake_query,
    ))
}

pub struct Suite {
    pub app: App,
    pub owner: Addr,
    pub handler: Addr,
    pub user: Addr,
    pub vault: Addr,
    pub cw20_code_id: u64,
    /// A cw20 token of this chain, registered with the vault; the handler
    /// and the user hold `START` each.
    pub home_token: Addr,
}

impl Suite {
    /// A vault whose handler is set, with `home_token` registered.
    pub fn new() -> Self {
        let mut suite = Self::without_handler();
        suite.set_handler();
        let home_token = suite.home_token.clone();
        suite.register_home_token(&home_token).unwrap();
        suite
    }

    /// A vault whose owner has not named the handler yet.
    pub fn without_handler() -> Self {
        let probe = App::default();
        let owner = probe.api().addr_make("owner");
        let handler = probe.api().addr_make("handler");
        let user = probe.api().addr_make("user");
        let mut app = App::new(|router, _, storage| {
            for account in [&handler, &user, &owner] {
                router
                    .bank
                    .init_balance(
                        storage,
                        account,
                        vec![Coin::new(START, ATOM), Coin::new(START, OSMO)],
                    )
                    .unwrap();
            }
        });
        let cw20_code_id = app.store_code(cw20_base_contract());
        let vault_code_id = app.store_code(vault_contract());
        let vault = app
            .instantiate_contract(
                vault_code_id,
                owner.clone(),
                &InstantiateMsg {
                    owner: None,
                    handler: None,
                    cw20_code_id,
                },
                &[],
                "vault",
                Some(owner.to_string()),
            )
            .unwrap();
        let home_token = app
            .instantiate_contract(
                cw20_code_id,
                owner.clone(),
                &cw20_base::msg::InstantiateMsg {
                    name: "Home Token".into(),
                    symbol: "HOME".into(),
                    decimals: 6,
                    initial_balances: vec![
                        Cw20Coin {
                            address: handler.to_string(),
                            amount: Uint128::new(START),
                        },
                        Cw20Coin {
                            address: user.to_string(),
                            amount: Uint128::new(START),
                        },
                    ],
                    mint: None,
                    marketing: None,
                },
                &[],
                "home token",
                None,
            )
            .unwrap();
        Self {
            app,
            owner,
            handler,
            user,
            vault,
            cw20_code_id,
            home_token,
        }
    }

    pub fn set_handler(&mut self) {
        let msg = ExecuteMsg::SetHandler {
            handler: self.handler.to_string(),
        };
        self.app
            .execute_contract(self.owner.clone(), self.vault.clone(), &msg, &[])
            .unwrap();
    }

    pub fn execute(
        &mut self,
        sender: &Addr,
        msg: &ExecuteMsg,
        funds: &[Coin],
    ) -> AnyResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.vault.clone(), msg, funds)
    }

    /// Locks native coins the way the handler does: a bank send to the vault.
    pub fn lock(&mut self, sender: &Addr, funds: &[Coin]) -> AnyResult<AppResponse> {
        self.app
            .send_tokens(sender.clone(), self.vault.clone(), funds)
    }

    /// cw20 `Send` of `amount` of `token` from `sender` to the vault with `hook`.
    pub fn send_cw20(
        &mut self,
        sender: &Addr,
        token: &Addr,
        amount: u128,
        hook: &ReceiveMsg,
    ) -> AnyResult<AppResponse> {
        let msg = Cw20ExecuteMsg::Send {
            contract: self.vault.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(hook).unwrap(),
        };
        self.app
            .execute_contract(sender.clone(), token.clone(), &msg, &[])
    }

    /// cw20 `Transfer` of `amount` of `token` from `sender` to `recipient`.
    pub fn transfer_cw20(&mut self, sender: &Addr, token: &Addr, recipient: &Addr, amount: u128) {
        let msg = Cw20ExecuteMsg::Transfer {
            recipient: recipient.to_string(),
            amount: Uint128::new(amount),
        };
        self.app
            .execute_contract(sender.clone(), token.clone(), &msg, &[])
            .unwrap();
    }

    pub fn release(
        &mut self,
        sender: &Addr,
        recipient: &Addr,
        asset: VaultAsset,
        amount: u128,
    ) -> AnyResult<AppResponse> {
        let msg = ExecuteMsg::Release {
            recipient: recipient.to_string(),
            asset,
            amount: Uint128::new(amount),
        };
        self.execute(sender, &msg, &[])
    }

    pub fn mint(
        &mut self,
        sender: &Addr,
        coin_name: &str,
        recipient: &Addr,
        amount: u128,
    ) -> AnyResult<AppResponse> {
        let msg = ExecuteMsg::Mint {
            coin_name: coin_name.into(),
            recipient: recipient.to_string(),
            amount: Uint128::new(amount),
        };
        self.execute(sender, &msg, &[])
    }

    pub fn burn(&mut self, sender: &Addr, coin_name: &str, amount: u128) -> AnyResult<AppResponse> {
        let msg = ExecuteMsg::Burn {
            coin_name: coin_name.into(),
            amount: Uint128::new(amount),
        };
        self.execute(sender, &msg, &[])
    }

    pub fn register_wrapped_as(
        &mut self,
        sender: &Addr,
        coin_name: &str,
        name: &str,
        symbol: &str,
        decimals: u8,
    ) -> AnyResult<AppResponse> {
        let msg = ExecuteMsg::RegisterWrappedToken {
            coin_name: coin_name.into(),
            name: name.into(),
            symbol: symbol.into(),
            decimals,
        };
        self.execute(sender, &msg, &[])
    }

    /// The handler registers `FOREIGN` ("ICON ICX", "ICX", 18); returns the token.
    pub fn register_foreign(&mut self) -> Addr {
        let handler = self.handler.clone();
        self.register_wrapped_as(&handler, FOREIGN, "ICON ICX", "ICX", 18)
            .unwrap();
        Addr::unchecked(self.wrapped_token(FOREIGN).token)
    }

    pub fn register_home_token(&mut self, token: &Addr) -> AnyResult<AppResponse> {
        let handler = self.handler.clone();
        let msg = ExecuteMsg::RegisterHomeToken {
            address: token.to_string(),
        };
        self.execute(&handler, &msg, &[])
    }

    /// Mints `amount` of `FOREIGN` to the handler and has it send them to the
    /// vault to hold for burning (a transfer back home, on its way).
    pub fn hold_foreign(&mut self, token: &Addr, amount: u128) {
        let handler = self.handler.clone();
        self.mint(&handler, FOREIGN, &handler, amount).unwrap();
        self.send_cw20(&handler, token, amount, &ReceiveMsg::HoldForBurning {})
            .unwrap();
    }

    pub fn totals(&self, asset: VaultAsset) -> CoinTotals {
        self.app
            .wrap()
            .query_wasm_smart(&self.vault, &QueryMsg::Totals { asset })
            .unwrap()
    }

    pub fn all_totals(
        &self,
        start_after: Option<VaultAsset>,
        limit: Option<u32>,
    ) -> Vec<CoinTotals> {
        let page: AllTotalsResponse = self
            .app
            .wrap()
            .query_wasm_smart(&self.vault, &QueryMsg::AllTotals { start_after, limit })
            .unwrap();
        page.totals
    }

    pub fn config(&self) -> ConfigResponse {
        self.app
            .wrap()
            .query_wasm_smart(&self.vault, &QueryMsg::Config {})
            .unwrap()
    }

    pub fn wrapped_token(&self, coin_name: &str) -> WrappedTokenResponse {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.vault,
                &QueryMsg::WrappedToken {
                    coin_name: coin_name.into(),
                },
            )
            .unwrap()
    }

    pub fn native_balance(&self, account: &Addr, denom: &str) -> u128 {
        self.app
            .wrap()
            .query_balance(account, denom)
            .unwrap()
            .amount
            .u128()
    }

    pub fn cw20_balance(&self, token: &Addr, account: &Addr) -> u128 {
        let balance: cw20::BalanceResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                token,
                &Cw20QueryMsg::Balance {
                    address: account.to_string(),
                },
            )
            .unwrap();
        balance.balance.u128()
    }

    pub fn token_info(&self, token: &Addr) -> cw20::TokenInfoResponse {
        self.app
            .wrap()
            .query_wasm_smart(token, &Cw20QueryMsg::TokenInfo {})
            .unwrap()
    }

    pub fn minter(&self, token: &Addr) -> Option<MinterResponse> {
        self.app
            .wrap()
            .query_wasm_smart(token, &Cw20QueryMsg::Minter {})
            .unwrap()
    }
}

pub fn native(denom: &str) -> VaultAsset {
    VaultAsset::Native {
        denom: denom.into(),
    }
}

pub fn cw20(token: &Addr) -> VaultAsset {
    VaultAsset::Cw20 {
        address: token.to_string(),
    }
}

pub fn wrapped(coin_name: &str) -> VaultAsset {
    VaultAsset::Wrapped {
        coin_name: coin_name.into(),
    }
}

pub fn atoms(amount: u128) -> Vec<Coin> {
    coins(amount, ATOM)
}

/// The vault's typed error inside a multi-test error. Multi-test wraps it
/// in context (more of it when it failed in a submessage); anyhow's
/// `downcast_ref` looks through every layer.
pub fn vault_error(err: &AnyError) -> &ContractError {
    err.downcast_ref::<ContractError>()
        .unwrap_or_else(|| panic!("not an error of the vault: {err:#}"))
}

/// The value of the first `key` attribute of the vault's `wasm` event.
pub fn attribute(response: &AppResponse, vault: &Addr, key: &str) -> Option<String> {
    response
        .events
        .iter()
        .filter(|event| event.ty == "wasm")
        .filter(|event| {
            event
                .attributes
                .iter()
                .any(|a| a.key == "_contract_address" && a.value == vault.as_str())
        })
        .flat_map(|event| event.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}
