//! The token vault: custody of home coins, minting of wrapped foreign coins.
//!
//! Only the token handler moves value. How the handler calls each operation
//! (and what it costs in contract hops):
//!
//! | the handler wants to | it sends | hops after the handler |
//! |---|---|---|
//! | lock native coins | a bank send to the vault's address (several denoms at once) | none |
//! | lock a home cw20 | `Cw20ExecuteMsg::Send { contract: vault, amount, msg: to_json_binary(&ReceiveMsg::Lock {}) }` to the token | token, vault |
//! | hold wrapped tokens for burning | `Cw20ExecuteMsg::Send { contract: vault, amount, msg: to_json_binary(&ReceiveMsg::HoldForBurning {}) }` to the wrapped token | token, vault |
//! | pay out a home coin, or refund held wrapped tokens | `ExecuteMsg::Release { recipient, asset, amount }` | vault (+ token for cw20) |
//! | mint a wrapped coin | `ExecuteMsg::Mint { coin_name, recipient, amount }` | vault, token |
//! | burn held wrapped tokens | `ExecuteMsg::Burn { coin_name, amount }` | vault, token |
//!
//! Every response has an `action` attribute. Attributes of value movements:
//! `coin` (the [`VaultAsset`] as `native:<denom>`, `cw20:<address>` or
//! `wrapped:<coin name>`), `amount`, `recipient` (the vault itself for locks
//! and holds; absent for burns), and the coin's new total (`locked`, `held`
//! or `minted`/`burned`).
//!
//! Native coins are locked without a contract call: the handler sends them
//! to the vault's address with the bank, and the bank's balance of the vault
//! is the vault's book of them (`locked`). A release never pays more than
//! that balance; what each remote chain may bring back is bounded by the
//! handler's own books (`outstanding`), checked before it asks the vault.

use std::fmt;

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::Uint128;
use cw20::Cw20ReceiveMsg;
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

/// Creates a vault.
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner; the sender of the instantiation when absent.
    pub owner: Option<String>,
    /// The token handler, the only account that may move anything; it can
    /// be set later with `set_handler` (the two contracts refer to each other).
    pub handler: Option<String>,
    /// The code id of `cw20-base`, instantiated once per wrapped foreign coin.
    pub cw20_code_id: u64,
}

/// A coin the vault keeps account of.
#[cw_serde]
pub enum VaultAsset {
    /// A native coin of this chain, escrowed in the vault's bank balance.
    Native {
        /// The bank denom.
        denom: String,
    },
    /// A cw20 token of this chain, escrowed in the vault's cw20 balance. It
    /// must have been registered with `register_home_token`.
    Cw20 {
        /// The token contract's address.
        address: String,
    },
    /// A foreign coin, represented on this chain by the `cw20-base` token the
    /// vault instantiated for it with `register_wrapped_token`.
    Wrapped {
        /// The coin's name, as both chains registered it.
        coin_name: String,
    },
}

impl fmt::Display for VaultAsset {
    /// `native:<denom>`, `cw20:<address>` or `wrapped:<coin name>`: the
    /// `coin` attribute of the vault's events.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Native { denom } => write!(f, "native:{denom}"),
            Self::Cw20 { address } => write!(f, "cw20:{address}"),
            Self::Wrapped { coin_name } => write!(f, "wrapped:{coin_name}"),
        }
    }
}

/// What the vault does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Owner only: names the token handler, the only account that may move value.
    SetHandler {
        /// The handler contract's address.
        handler: String,
    },
    /// Owner only: stops (`true`) or resumes (`false`) every movement of value
    /// (`lock`, `receive`, `release`, `mint`, `burn`). Registrations and
    /// queries go on while paused.
    SetPaused {
        /// The new state.
        paused: bool,
    },
    /// The cw20 `Receive` hook. Accepted only when `Cw20ReceiveMsg.sender` is
    /// the handler (the handler sent the tokens with cw20 `Send`), and only
    /// for tokens the vault knows: the calling token contract (`info.sender`)
    /// must be a registered home token (for [`ReceiveMsg::Lock`]) or a wrapped
    /// token the vault instantiated (for [`ReceiveMsg::HoldForBurning`]).
    /// `Cw20ReceiveMsg.msg` is a JSON [`ReceiveMsg`]. Any other caller creates
    /// nothing.
    Receive(Cw20ReceiveMsg),
    /// Handler only: pays `amount` of a home coin out of escrow (bank send or
    /// cw20 transfer), or gives back wrapped tokens held for burning (the
    /// refund path of a transfer back to the coin's home). Never more than is
    /// locked, or held, for that coin.
    Release {
        /// The account that receives the coins; not the vault itself.
        recipient: String,
        /// The coin.
        asset: VaultAsset,
        /// How much, more than zero.
        amount: Uint128,
    },
    /// Handler only: mints `amount` of a registered foreign coin's wrapped
    /// token to `recipient` (cw20 `Mint`; the vault is the only minter).
    Mint {
        /// The foreign coin's name, as given to `register_wrapped_token`.
        coin_name: String,
        /// The account that receives the tokens; not the vault itself.
        recipient: String,
        /// How much, more than zero.
        amount: Uint128,
    },
    /// Handler only: burns `amount` of a wrapped token out of what is held
    /// for burning (cw20 `Burn` of the vault's own balance); the transfer it
    /// belonged to has succeeded on the coin's home chain.
    Burn {
        /// The foreign coin's name.
        coin_name: String,
        /// How much, more than zero and at most what is held.
        amount: Uint128,
    },
    /// Handler only: creates the wrapped token of a foreign coin, a
    /// `cw20-base` instance (code id from the configuration) with the vault
    /// as its only minter, no initial balances, the vault as its admin. The
    /// token is instantiated with `instantiate2`, salt `sha256(coin_name)`,
    /// so its address is known at once: attribute `token`, and the
    /// response's data is the JSON [`WrappedTokenResponse`] (a caller's reply
    /// finds it in `MsgExecuteContractResponse.data`). One token per coin
    /// name: a second registration is refused.
    RegisterWrappedToken {
        /// The foreign coin's name, as both chains registered it (1 to 96
        /// bytes, no control characters, no surrounding spaces).
        coin_name: String,
        /// The token's name (`cw20-base`: 3 to 50 bytes).
        name: String,
        /// The token's symbol (`cw20-base`: 3 to 12 of `[a-zA-Z-]`).
        symbol: String,
        /// The token's decimals (`cw20-base`: at most 18).
        decimals: u8,
    },
    /// Handler only: accepts a cw20 token of this chain as a home coin, so
    /// that the vault's `Receive` hook will lock it. The address must answer
    /// cw20 `token_info` and must not be a wrapped token of this vault; a
    /// second registration is refused.
    RegisterHomeToken {
        /// The cw20 token contract.
        address: String,
    },
    /// Handler only: several `release`, `mint` and `burn` movements in one
    /// call, applied in order, all or none (the handler completes a batch of
    /// transfers with one vault call). Each is checked as its single call is.
    Settle {
        /// The movements, at least one.
        movements: Vec<Movement>,
    },
}

/// One movement of a [`ExecuteMsg::Settle`]: the fields of the single call
/// of the same name.
#[cw_serde]
pub enum Movement {
    /// As [`ExecuteMsg::Release`].
    Release {
        /// The account that receives the coins; not the vault itself.
        recipient: String,
        /// The coin.
        asset: VaultAsset,
        /// How much, more than zero.
        amount: Uint128,
    },
    /// As [`ExecuteMsg::Mint`].
    Mint {
        /// The foreign coin's name.
        coin_name: String,
        /// The account that receives the tokens; not the vault itself.
        recipient: String,
        /// How much, more than zero.
        amount: Uint128,
    },
    /// As [`ExecuteMsg::Burn`].
    Burn {
        /// The foreign coin's name.
        coin_name: String,
        /// How much, more than zero and at most what is held.
        amount: Uint128,
    },
}

/// The message the handler puts in cw20 `Send { contract: vault, amount, msg }`.
#[cw_serde]
pub enum ReceiveMsg {
    /// Escrow a home cw20 token (one registered with `register_home_token`).
    Lock {},
    /// Hold a wrapped token of this vault until `burn` (the transfer
    /// succeeded) or `release` (it failed and the sender is refunded).
    HoldForBurning {},
}

/// What the vault answers.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
    /// The totals of one coin. A native denom never locked answers zero; an
    /// unregistered cw20 or an unknown wrapped coin is an error.
    #[returns(CoinTotals)]
    Totals {
        /// The coin.
        asset: VaultAsset,
    },
    /// The totals of every coin the vault knows: native denoms (by denom),
    /// then registered home cw20 tokens (by address), then wrapped coins (by
    /// coin name), each group in ascending order.
    #[returns(AllTotalsResponse)]
    AllTotals {
        /// Start after this coin (the last one of the previous page).
        start_after: Option<VaultAsset>,
        /// At most this many (default 10, at most 50).
        limit: Option<u32>,
    },
    /// The wrapped token of a foreign coin.
    #[returns(WrappedTokenResponse)]
    WrappedToken {
        /// The foreign coin's name.
        coin_name: String,
    },
    /// The foreign coin a wrapped token stands for (the reverse of `wrapped_token`).
    #[returns(WrappedTokenResponse)]
    WrappedTokenByAddress {
        /// The token contract's address.
        token: String,
    },
}

/// The vault's configuration.
#[cw_serde]
pub struct ConfigResponse {
    /// The token handler, if set.
    pub handler: Option<String>,
    /// The `cw20-base` code id used for wrapped coins.
    pub cw20_code_id: u64,
    /// Whether movements of value are stopped.
    pub paused: bool,
}

/// What the vault accounts for one coin. Home coins use `locked`; wrapped
/// coins use `minted`, `burned`, `held` and `supply`; the other fields are
/// zero.
///
/// The supply invariant across two chains A and B, for a coin whose home is
/// A: `locked` on A = `supply` on B + in flight.
#[cw_serde]
pub struct CoinTotals {
    /// The coin.
    pub asset: VaultAsset,
    /// The cw20 contract: the home token's own address, or the wrapped token
    /// the vault instantiated; `None` for native coins.
    pub token: Option<String>,
    /// Home coins: the amount in escrow now.
    pub locked: Uint128,
    /// Wrapped coins: everything ever minted.
    pub minted: Uint128,
    /// Wrapped coins: everything ever burned by the vault.
    pub burned: Uint128,
    /// Wrapped coins: the amount the vault holds for burning now (part of
    /// `supply` until burned or released).
    pub held: Uint128,
    /// Wrapped coins: `minted - burned`, the supply the vault accounts for,
    /// held tokens included. The token's own `total_supply` is the same
    /// unless holders burned tokens themselves (cw20 `burn` is open to every
    /// holder), which only lowers it.
    pub supply: Uint128,
}

/// A page of [`CoinTotals`].
#[cw_serde]
pub struct AllTotalsResponse {
    /// The coins, in the order of `all_totals`.
    pub totals: Vec<CoinTotals>,
}

/// A foreign coin and its wrapped token.
#[cw_serde]
pub struct WrappedTokenResponse {
    /// The foreign coin's name.
    pub coin_name: String,
    /// The `cw20-base` token the vault instantiated for it.
    pub token: String,
    /// The token's name.
    pub name: String,
    /// The token's symbol.
    pub symbol: String,
    /// The token's decimals.
    pub decimals: u8,
}
