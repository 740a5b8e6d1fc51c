//! The token vault's pool events (see "Liquidity pools" in
//! `msg::token_vault`, whose module doc lists them). Amounts are in the
//! pooled coin's smallest unit; the totals after the movement come with it.

use cosmwasm_std::Uint128;

typed_events! {
    /// A pool and its LP token were created.
    PoolRegistered = "vault_pool_registered" {
        coin_name: String,
        /// The coin on this chain (`native:<denom>` or `cw20:<address>`).
        asset: String,
        lp_token: String,
    }

    /// An LP deposited and received shares.
    LiquidityDeposited = "vault_liquidity_deposited" {
        coin_name: String,
        provider: String,
        amount: Uint128,
        shares: Uint128,
        liquidity: Uint128,
        balance: Uint128,
    }

    /// An LP gave shares back and was paid their value.
    LiquidityWithdrawn = "vault_liquidity_withdrawn" {
        coin_name: String,
        provider: String,
        recipient: String,
        shares: Uint128,
        amount: Uint128,
        liquidity: Uint128,
        balance: Uint128,
    }

    /// A transfer out took coins into the pool.
    PoolTakenIn = "vault_pool_taken_in" {
        coin_name: String,
        /// The transfer's net amount, kept for its refund until it arrives.
        amount: Uint128,
        lp_fee: Uint128,
        balance: Uint128,
        pending_out: Uint128,
    }

    /// An incoming transfer was paid out of the pool.
    PoolPaid = "vault_pool_paid" {
        coin_name: String,
        recipient: String,
        /// The transfer's amount, before the rebalancing fee.
        amount: Uint128,
        rebalance_fee: Uint128,
        /// What the recipient received: `amount - rebalance_fee`.
        paid: Uint128,
        balance: Uint128,
        liquidity: Uint128,
    }

    /// A transfer out arrived: its coins are the pool's.
    PoolConfirmed = "vault_pool_confirmed" {
        coin_name: String,
        amount: Uint128,
        pending_out: Uint128,
    }

    /// A transfer out failed: its sender was refunded out of the pool.
    PoolRefunded = "vault_pool_refunded" {
        coin_name: String,
        recipient: String,
        amount: Uint128,
        balance: Uint128,
        pending_out: Uint128,
    }
}
