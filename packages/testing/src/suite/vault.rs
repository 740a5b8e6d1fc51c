//! The token vault alone on one app, with real `cw20-base` tokens and an
//! account standing for its handler (holding native coins and a home cw20
//! token), and helpers to drive and inspect them. Built by
//! [`SuiteBuilder::vault`] and [`SuiteBuilder::vault_without_handler`].

use btp_types::msg::token_vault::{
    AllTotalsResponse, CoinTotals, ConfigResponse, ExecuteMsg, QueryMsg, ReceiveMsg, VaultAsset,
    WrappedTokenResponse,
};
use cosmwasm_std::{coins, to_json_binary, Addr, Coin, Uint128};
use cw20::{Cw20ExecuteMsg, Cw20QueryMsg, MinterResponse};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{AppResponse, Executor};

pub use super::SuiteBuilder;
use super::{funded_app, must_execute, ChainApp};
use crate::deploy::{cw20_token, instantiate_vault};

/// The native denoms the handler starts with.
pub const ATOM: &str = "uatom";
pub const OSMO: &str = "uosmo";
/// What the handler, the user and the owner hold of each at the start (and
/// the handler and the user of the home token), unless the builder says.
pub const START: u128 = super::DEFAULT_USER_FUNDS;
/// A foreign coin's name, as BTP writes it.
pub const FOREIGN: &str = "btp-0x1.icon-ICX";

pub struct VaultSuite {
    pub app: ChainApp,
    pub owner: Addr,
    pub handler: Addr,
    pub user: Addr,
    pub vault: Addr,
    pub cw20_code_id: u64,
    /// A cw20 token of this chain, registered with the vault; the handler
    /// and the user hold the builder's `user_funds` each.
    pub home_token: Addr,
}

impl VaultSuite {
    pub(crate) fn build(settings: SuiteBuilder) -> Self {
        let start = settings.user_funds;
        let funds = vec![Coin::new(start, ATOM), Coin::new(start, OSMO)];
        let mut app = funded_app(&[
            ("handler", funds.clone()),
            ("user", funds.clone()),
            ("owner", funds),
        ]);
        let [owner, handler, user] =
            ["owner", "handler", "user"].map(|name| app.api().addr_make(name));
        let cw20_code_id = app.store_code(crate::contracts::cw20_base());
        let vault_code_id = app.store_code(crate::contracts::token_vault());
        let vault = instantiate_vault(&mut app, vault_code_id, cw20_code_id, &owner);
        let home = ("Home Token", "HOME");
        let holders = [&handler, &user];
        let home_token = cw20_token(&mut app, cw20_code_id, &owner, home, &holders, start);
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
        must_execute(&mut self.app, &self.owner, &self.vault, &msg, &[]);
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
        self.query(&self.vault, &QueryMsg::Totals { asset })
    }

    pub fn all_totals(
        &self,
        start_after: Option<VaultAsset>,
        limit: Option<u32>,
    ) -> Vec<CoinTotals> {
        let page: AllTotalsResponse =
            self.query(&self.vault, &QueryMsg::AllTotals { start_after, limit });
        page.totals
    }

    pub fn config(&self) -> ConfigResponse {
        self.query(&self.vault, &QueryMsg::Config {})
    }

    pub fn wrapped_token(&self, coin_name: &str) -> WrappedTokenResponse {
        let coin_name = coin_name.into();
        self.query(&self.vault, &QueryMsg::WrappedToken { coin_name })
    }

    pub fn minter(&self, token: &Addr) -> Option<MinterResponse> {
        self.query(token, &Cw20QueryMsg::Minter {})
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
