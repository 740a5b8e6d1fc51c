//! The token vault's events: one per movement of coins and per registration.
//! `coin` is the vault asset as it prints (`native:<denom>`, `cw20:<address>`,
//! `wrapped:<coin name>`).

use cosmwasm_std::Uint128;

typed_events! {
    /// Home cw20 tokens came into the vault's escrow. (Native coins arrive
    /// by a bank send from the handler, with no vault call and no event of
    /// the vault's: the handler's `btp_transfer_started` says what was locked.)
    Locked = "vault_locked" {
        coin: String,
        amount: Uint128,
        /// What the vault holds locked of the coin now.
        locked: Uint128,
    }

    /// Escrowed coins were paid out.
    Released = "vault_released" {
        coin: String,
        amount: Uint128,
        recipient: String,
        /// What the vault holds locked of the coin now (home coins).
        locked: Option<Uint128>,
        /// What the vault holds of the wrapped token now (wrapped coins).
        held: Option<Uint128>,
    }

    /// Wrapped tokens were minted.
    Minted = "vault_minted" {
        coin: String,
        token: String,
        amount: Uint128,
        recipient: String,
        /// Everything minted of the coin so far.
        minted: Uint128,
    }

    /// Wrapped tokens were taken to be burned ("held") by a transfer out.
    Held = "vault_held" {
        coin: String,
        token: String,
        amount: Uint128,
        held: Uint128,
    }

    /// Held wrapped tokens were burned.
    Burned = "vault_burned" {
        coin: String,
        token: String,
        amount: Uint128,
        held: Uint128,
        /// Everything burned of the coin so far.
        burned: Uint128,
    }

    /// A wrapped token was instantiated for a remote coin.
    WrappedTokenRegistered = "vault_wrapped_token_registered" {
        coin_name: String,
        token: String,
        name: String,
        symbol: String,
        decimals: u8,
    }

    /// A CW20 token of this chain was registered.
    HomeTokenRegistered = "vault_home_token_registered" {
        token: String,
        symbol: String,
        decimals: u8,
    }
}
