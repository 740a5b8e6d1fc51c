//! Signer-set rotation: the owner proposes, anyone applies after the delay.
//!
//! An explicit apply, rather than a pending set that becomes effective by
//! itself at query time, keeps the stored set the one that answers, and
//! emits `verifier_committee_signer_set_applied` in the very transaction
//! from which the new set answers (see `btp_types::msg::verifier_committee`).

use btp_types::events::verifier::{SignerSetApplied, SignerSetCancelled, SignerSetProposed};
use btp_types::events::TypedEvent;
use btp_types::msg::verifier_committee::{PendingSignerSet, SignerKey, SignerSet};
use cosmwasm_std::{Attribute, DepsMut, Env, Event, MessageInfo, Response, Timestamp};

use crate::error::ContractError;
use crate::signers::{describe_keys, validate_set};
use crate::state::{CurrentSet, CONFIG, CURRENT, PENDING};

const NANOS_PER_SEC: u64 = 1_000_000_000;

/// `now` plus `secs` seconds, refused when it overflows the clock.
pub fn after_delay(now: Timestamp, secs: u64) -> Result<Timestamp, ContractError> {
    secs.checked_mul(NANOS_PER_SEC)
        .and_then(|nanos| now.nanos().checked_add(nanos))
        .map(Timestamp::from_nanos)
        .ok_or(ContractError::InvalidRotationDelay { secs })
}

/// Owner only: records `signers`/`threshold` as the pending set.
pub fn propose(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    signers: Vec<SignerKey>,
    threshold: u32,
    rotation_delay_secs: Option<u64>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let set = SignerSet { signers, threshold };
    validate_set(deps.api, &set)?;
    let config = CONFIG.load(deps.storage)?;
    let next_delay = rotation_delay_secs.unwrap_or(config.rotation_delay_secs);
    // The next delay must itself be usable.
    after_delay(env.block.time, next_delay)?;
    let activates_at = after_delay(env.block.time, config.rotation_delay_secs)?;
    let replaced = PENDING.may_load(deps.storage)?.is_some();
    let proposed = SignerSetProposed {
        signers: describe_keys(&set),
        threshold: set.threshold,
        rotation_delay_secs: next_delay,
        activates_at: activates_at.nanos(),
        replaced,
    };
    PENDING.save(
        deps.storage,
        &PendingSignerSet {
            set,
            rotation_delay_secs: next_delay,
            proposed_at: env.block.time,
            activates_at,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "propose_signer_set")
        .add_attributes(without(proposed.to_event(), "replaced"))
        .add_event(proposed.to_event()))
}

/// Owner only: forgets the pending set.
pub fn cancel(deps: DepsMut, info: &MessageInfo) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let pending = PENDING
        .may_load(deps.storage)?
        .ok_or(ContractError::NoPendingSignerSet)?;
    PENDING.remove(deps.storage);
    Ok(Response::new()
        .add_attribute("action", "cancel_signer_set")
        .add_event(
            SignerSetCancelled {
                signers: describe_keys(&pending.set),
                threshold: pending.set.threshold,
            }
            .to_event(),
        ))
}

/// Anyone, from the pending set's activation time: makes it current.
pub fn apply(deps: DepsMut, env: &Env) -> Result<Response, ContractError> {
    let pending = PENDING
        .may_load(deps.storage)?
        .ok_or(ContractError::NoPendingSignerSet)?;
    if env.block.time < pending.activates_at {
        return Err(ContractError::RotationNotDue {
            activates_at: pending.activates_at,
            now: env.block.time,
        });
    }
    let version = CURRENT
        .load(deps.storage)?
        .version
        .checked_add(1)
        .ok_or_else(|| cosmwasm_std::StdError::generic_err("signer set version overflow"))?;
    let mut config = CONFIG.load(deps.storage)?;
    config.rotation_delay_secs = pending.rotation_delay_secs;
    CONFIG.save(deps.storage, &config)?;
    let applied = SignerSetApplied {
        version,
        signers: describe_keys(&pending.set),
        threshold: pending.set.threshold,
        rotation_delay_secs: pending.rotation_delay_secs,
    }
    .to_event();
    CURRENT.save(
        deps.storage,
        &CurrentSet {
            version,
            set: pending.set,
        },
    )?;
    PENDING.remove(deps.storage);
    Ok(Response::new()
        .add_attribute("action", "apply_signer_set")
        .add_attributes(applied.attributes.clone())
        .add_event(applied))
}

/// The attributes of `event` but `key` (the response repeats an event's
/// attributes, all but those that only the event tells).
fn without(event: Event, key: &str) -> Vec<Attribute> {
    event
        .attributes
        .into_iter()
        .filter(|attribute| attribute.key != key)
        .collect()
}
