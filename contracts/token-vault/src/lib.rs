//! The token vault of cw-btp: custody of home coins and the minter of wrapped
//! foreign coins. Only the token handler may move anything. Its messages live
//! in `btp_types::msg::token_vault`.

pub mod contract;
pub mod error;
pub mod state;

pub use crate::error::ContractError;
