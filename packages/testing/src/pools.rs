//! A coin pooled on both chains of a test, for the pool scenarios and the
//! supply-invariant property test: `usd`, a native denom on one side and a
//! cw20 token on the other (both kinds of pool asset), registered with the
//! handlers as `CoinOrigin::Pooled`. Helpers build the messages; the test
//! runs them on its own set-up (`suite::Suite` or `harness::TwoChains`).

use btp_types::msg::token_handler::{CoinOrigin, ExecuteMsg as HandlerMsg, FeePolicy, Limits};
use btp_types::msg::token_vault::{
    ConfigResponse, PoolResponse, PooledAsset, QueryMsg as VaultQuery, RebalanceCurve, ReceiveMsg,
};
use cosmwasm_std::{coin, to_json_binary, Addr, Decimal, Uint128};
use cw20::Cw20ExecuteMsg;
use cw_multi_test::{BankSudo, Executor, SudoMsg};

use crate::deploy::ChainApp;

/// The pooled coin's name on both chains.
pub const POOL_COIN: &str = "usd";
/// Its native denom, on the chain where it is native.
pub const POOL_DENOM: &str = "uusd";
/// The LPs' share of the handler's fee on a pooled transfer in these tests.
pub const LP_FEE_SHARE: Decimal = Decimal::percent(50);

/// The origin `usd` registers with: `asset` here, an LP token, half the
/// fee to the LPs, and `curve` (Stargate's when `None`).
pub fn pooled_origin(asset: PooledAsset, curve: Option<RebalanceCurve>) -> CoinOrigin {
    CoinOrigin::Pooled {
        asset,
        lp_name: "USD pool shares".into(),
        lp_symbol: "LPUSD".into(),
        lp_decimals: 6,
        lp_fee_share: LP_FEE_SHARE,
        curve,
    }
}

/// The handler's registration of `usd` with `origin`.
pub fn register_pool_coin(origin: CoinOrigin, fee: FeePolicy) -> HandlerMsg {
    HandlerMsg::RegisterCoin {
        coin_name: POOL_COIN.into(),
        origin,
        fee,
        limits: Limits::default(),
    }
}

/// Gives `account` `amount` of the native `denom` (a faucet).
pub fn mint_native(app: &mut ChainApp, account: &Addr, denom: &str, amount: u128) {
    app.sudo(SudoMsg::Bank(BankSudo::Mint {
        to_address: account.to_string(),
        amount: vec![coin(amount, denom)],
    }))
    .expect("minting native coins");
}

/// Instantiates the `usd` cw20 of a chain (with the `cw20-base` code the
/// vault uses), with `balances` for their holders.
pub fn usd_token(
    app: &mut ChainApp,
    vault: &Addr,
    owner: &Addr,
    balances: &[(&Addr, u128)],
) -> Addr {
    let config: ConfigResponse = app
        .wrap()
        .query_wasm_smart(vault, &VaultQuery::Config {})
        .expect("the vault's configuration");
    app.instantiate_contract(
        config.cw20_code_id,
        owner.clone(),
        &btp_types::cw20_base::Cw20BaseInstantiateMsg {
            name: "US dollar".into(),
            symbol: "USD".into(),
            decimals: 6,
            initial_balances: balances
                .iter()
                .map(|(holder, amount)| cw20::Cw20Coin {
                    address: holder.to_string(),
                    amount: Uint128::new(*amount),
                })
                .collect(),
            mint: None,
            marketing: None,
        },
        &[],
        "usd",
        None,
    )
    .expect("instantiating the usd token")
}

/// The pool of `usd` in `vault`.
pub fn pool(app: &ChainApp, vault: &Addr) -> PoolResponse {
    app.wrap()
        .query_wasm_smart(
            vault,
            &VaultQuery::Pool {
                coin_name: POOL_COIN.into(),
            },
        )
        .expect("the pool")
}

/// A cw20 `Send` of `amount` to the vault with `hook`.
pub fn send_to_vault(vault: &Addr, amount: u128, hook: &ReceiveMsg) -> Cw20ExecuteMsg {
    Cw20ExecuteMsg::Send {
        contract: vault.to_string(),
        amount: Uint128::new(amount),
        msg: to_json_binary(hook).expect("a hook"),
    }
}

/// The LP token's `Send` of `shares` back to the vault: a withdrawal to
/// the sender.
pub fn withdraw(vault: &Addr, shares: u128) -> Cw20ExecuteMsg {
    send_to_vault(
        vault,
        shares,
        &ReceiveMsg::WithdrawLiquidity { recipient: None },
    )
}
