use contract_kit::migrate::MigrationError;
use cosmwasm_std::StdError;
use cw_ownable::OwnershipError;

/// Every way the verifier refuses a call.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),
    #[error(transparent)]
    Ownership(#[from] OwnershipError),
    #[error(transparent)]
    Migration(#[from] MigrationError),
    #[error("invalid client state: {reason}")]
    InvalidClientState { reason: String },
    #[error("invalid consensus state: {reason}")]
    InvalidConsensusState { reason: String },
}
