//! Transfer timeouts: every request leaves with one, the destination's block
//! time from which on it is no longer executed (the message center then
//! answers it with `TIMED_OUT`, and `outcome` refunds it). A transfer gives
//! its own `timeout_secs` or takes the configured default; both are 1 to
//! [`MAX_TRANSFER_TIMEOUT_SECS`] seconds.

use btp_types::msg::token_handler::MAX_TRANSFER_TIMEOUT_SECS;
use contract_kit::timeout::timeout_after;
use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Timestamp};

use crate::error::ContractError;
use crate::state::{Config, CONFIG};

/// Accepts 1 to [`MAX_TRANSFER_TIMEOUT_SECS`] seconds; `what` names the
/// setting in the error.
pub fn validate_timeout_secs(what: &'static str, seconds: u64) -> Result<u64, ContractError> {
    if seconds == 0 {
        return Err(ContractError::ZeroTimeout {
            what,
            max: MAX_TRANSFER_TIMEOUT_SECS,
        });
    }
    if seconds > MAX_TRANSFER_TIMEOUT_SECS {
        return Err(ContractError::TimeoutTooLong {
            what,
            seconds,
            max: MAX_TRANSFER_TIMEOUT_SECS,
        });
    }
    Ok(seconds)
}

/// The timeout of a transfer sent in this block: the block's time plus the
/// transfer's `timeout_secs`, or the configured default when absent.
pub fn transfer_timeout(
    env: &Env,
    config: &Config,
    timeout_secs: Option<u64>,
) -> Result<Timestamp, ContractError> {
    let seconds = match timeout_secs {
        Some(seconds) => validate_timeout_secs("the transfer", seconds)?,
        // Checked again: a default stored by an older version is not trusted blindly.
        None => validate_timeout_secs("the default", config.default_timeout_secs)?,
    };
    let now = env.block.time;
    timeout_after(now, seconds).ok_or(ContractError::TimeoutOverflow { now, seconds })
}

/// Owner only: the timeout of transfers that give none.
pub fn set_default_timeout(
    deps: DepsMut,
    info: &MessageInfo,
    seconds: u64,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let seconds = validate_timeout_secs("the default", seconds)?;
    CONFIG.update(deps.storage, |mut config| -> Result<_, ContractError> {
        config.default_timeout_secs = seconds;
        Ok(config)
    })?;
    Ok(Response::new()
        .add_attribute("action", "set_default_timeout")
        .add_attribute("default_timeout_secs", seconds.to_string()))
}
