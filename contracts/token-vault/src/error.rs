use contract_kit::migrate::MigrationError;
use contract_kit::pause::PauseError;
use cosmwasm_std::StdError;
use cw_ownable::OwnershipError;

/// Every way the vault refuses a call.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),
    #[error(transparent)]
    Ownership(#[from] OwnershipError),
    #[error(transparent)]
    Pause(#[from] PauseError),
    #[error(transparent)]
    Migration(#[from] MigrationError),
}
