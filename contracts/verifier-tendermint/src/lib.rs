//! The CometBFT light-client verifier of cw-btp (BTP's BMV). Its messages live
//! in `btp_types::msg::verifier`.

pub mod contract;
pub mod error;
pub mod state;
pub mod status;
pub mod trusted_state;

pub use crate::error::ContractError;
