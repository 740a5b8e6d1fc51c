//! The message center of cw-btp (BTP's BMC). Its messages live in
//! `btp_types::msg::message_center`.

pub mod contract;
pub mod error;
pub mod state;

pub use crate::error::ContractError;
