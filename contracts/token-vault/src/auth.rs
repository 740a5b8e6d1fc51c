//! Who may call what: the handler alone moves value, and only while the
//! vault runs.

use contract_kit::pause;
use cosmwasm_std::{Addr, Coin, Env, Storage};

use crate::error::ContractError;
use crate::state::HANDLER;

/// Refuses anyone but the handler (and every caller while no handler is set).
pub fn ensure_handler(
    storage: &dyn Storage,
    sender: &str,
    operation: &'static str,
) -> Result<Addr, ContractError> {
    let handler = HANDLER
        .may_load(storage)?
        .ok_or(ContractError::HandlerNotSet { operation })?;
    if handler.as_str() != sender {
        return Err(ContractError::NotHandler {
            operation,
            sender: sender.to_string(),
        });
    }
    Ok(handler)
}

/// Refuses funds on an operation that does not take them: they would sit in
/// the vault without being accounted for.
pub fn ensure_no_funds(funds: &[Coin], operation: &'static str) -> Result<(), ContractError> {
    if funds.is_empty() {
        return Ok(());
    }
    let funds = funds
        .iter()
        .map(Coin::to_string)
        .collect::<Vec<_>>()
        .join(",");
    Err(ContractError::UnexpectedFunds { operation, funds })
}

/// Refuses the vault itself as the recipient of a payment.
pub fn ensure_not_vault(
    env: &Env,
    recipient: &Addr,
    operation: &'static str,
) -> Result<(), ContractError> {
    if *recipient == env.contract.address {
        return Err(ContractError::RecipientIsVault { operation });
    }
    Ok(())
}

/// The gate of every movement of value: the caller (`sender`) is the
/// handler and the vault is not paused.
pub fn ensure_movement(
    storage: &dyn Storage,
    sender: &str,
    operation: &'static str,
) -> Result<Addr, ContractError> {
    let handler = ensure_handler(storage, sender, operation)?;
    pause::ensure_running(storage, operation)?;
    Ok(handler)
}
