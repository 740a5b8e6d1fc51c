//! The instantiate message of `cw20-base` 2.0, written out here so that a
//! contract can create a `cw20-base` token without depending on the
//! `cw20-base` crate (with its `library` feature that dependency would strip
//! the entry points from the `cw20-base` artifact this workspace builds).
//!
//! The JSON is the same as `cw20_base::msg::InstantiateMsg`; a test of the
//! token vault deserialises one into the other.

use cosmwasm_schema::cw_serde;
use cw20::{Cw20Coin, Logo, MinterResponse};

/// `cw20_base::msg::InstantiateMsg`: creates a cw20 token.
#[cw_serde]
pub struct Cw20BaseInstantiateMsg {
    /// The token's name, 3 to 50 bytes.
    pub name: String,
    /// The ticker symbol, 3 to 12 characters of `[a-zA-Z-]`.
    pub symbol: String,
    /// Decimal places of the display unit, at most 18.
    pub decimals: u8,
    /// Balances to create at instantiation.
    pub initial_balances: Vec<Cw20Coin>,
    /// The minter and an optional cap on the total supply; no minting when absent.
    pub mint: Option<MinterResponse>,
    /// Marketing information; none when absent.
    pub marketing: Option<Cw20BaseMarketingInfo>,
}

/// `cw20_base::msg::InstantiateMarketingInfo`.
#[cw_serde]
pub struct Cw20BaseMarketingInfo {
    /// A URL of the project.
    pub project: Option<String>,
    /// A longer description of the token.
    pub description: Option<String>,
    /// The account allowed to update the marketing information.
    pub marketing: Option<String>,
    /// The logo.
    pub logo: Option<Logo>,
}

/// Limits `cw20-base` 2.0 enforces on a token's metadata, checked early so
/// that a caller gets a clear error instead of a failed instantiation.
pub mod limits {
    /// Shortest name, in bytes.
    pub const NAME_MIN_BYTES: usize = 3;
    /// Longest name, in bytes.
    pub const NAME_MAX_BYTES: usize = 50;
    /// Shortest symbol, in characters.
    pub const SYMBOL_MIN_CHARS: usize = 3;
    /// Longest symbol, in characters.
    pub const SYMBOL_MAX_CHARS: usize = 12;
    /// Most decimal places.
    pub const MAX_DECIMALS: u8 = 18;
}
