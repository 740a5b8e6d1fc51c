//! The token handler of cw-btp: BTP's token transfer service (`svc = "bts"`).
//! Its messages live in `btp_types::msg::token_handler`.

pub mod contract;
pub mod error;
pub mod state;

pub use crate::error::ContractError;
