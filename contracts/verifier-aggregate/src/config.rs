//! The verifier set: validation and the owner's changes.

use btp_types::events::{verifier::AggregateSetChanged, TypedEvent};
use cosmwasm_std::{Addr, Deps, DepsMut, Env, MessageInfo, Response};

use crate::error::ContractError;
use crate::state::{Config, CONFIG};

/// The largest verifier set: every verification may query each of them.
pub const MAX_VERIFIERS: usize = 16;

/// Validates `verifiers` and `threshold`: 1 to [`MAX_VERIFIERS`] distinct
/// contracts, none of them this one, and a threshold between 1 and their number.
pub fn validate(
    deps: Deps,
    env: &Env,
    verifiers: &[String],
    threshold: u32,
) -> Result<Config, ContractError> {
    if verifiers.len() > MAX_VERIFIERS {
        return Err(ContractError::TooManyVerifiers {
            verifiers: verifiers.len(),
            max: MAX_VERIFIERS,
        });
    }
    let wanted = usize::try_from(threshold).unwrap_or(usize::MAX);
    if wanted == 0 || wanted > verifiers.len() {
        return Err(ContractError::InvalidThreshold {
            threshold,
            verifiers: verifiers.len(),
        });
    }
    let mut addresses: Vec<Addr> = Vec::with_capacity(verifiers.len());
    for (index, address) in verifiers.iter().enumerate() {
        let invalid = |reason: String| ContractError::InvalidVerifier {
            index,
            address: address.clone(),
            reason,
        };
        let addr = deps
            .api
            .addr_validate(address)
            .map_err(|err| invalid(err.to_string()))?;
        if addr == env.contract.address {
            return Err(invalid(
                "it is this aggregate itself, which would ask itself forever".into(),
            ));
        }
        if let Some(first) = addresses.iter().position(|a| *a == addr) {
            return Err(ContractError::DuplicateVerifier {
                index,
                first,
                address: addr.into_string(),
            });
        }
        deps.querier
            .query_wasm_contract_info(&addr)
            .map_err(|err| invalid(format!("not a contract: {err}")))?;
        addresses.push(addr);
    }
    Ok(Config {
        verifiers: addresses,
        threshold,
    })
}

/// Comma-separated addresses, as written in events.
pub fn describe(config: &Config) -> String {
    config
        .verifiers
        .iter()
        .map(Addr::as_str)
        .collect::<Vec<_>>()
        .join(",")
}

/// Owner only: replaces the set and the threshold.
pub fn update_verifiers(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    verifiers: Vec<String>,
    threshold: u32,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let config = validate(deps.as_ref(), env, &verifiers, threshold)?;
    CONFIG.save(deps.storage, &config)?;
    let changed = AggregateSetChanged {
        verifiers: describe(&config),
        threshold: config.threshold,
    }
    .to_event();
    Ok(Response::new()
        .add_attribute("action", "update_verifiers")
        .add_attributes(changed.attributes.clone())
        .add_event(changed))
}
