//! `submit_misbehaviour`: two verified headers that the remote chain's
//! validators could only have signed by breaking the protocol freeze the
//! client (ibc-go's 07-tendermint misbehaviour handling).

use cosmwasm_std::{Binary, DepsMut, Env, Response};

use crate::error::ContractError;
use crate::header::{Header, Misbehaviour};
use crate::light_client::{verify_header, Purpose};
use crate::state::consensus_state;
use crate::status::ensure_active;
use crate::update_client::{freeze, FreezeKind};

fn not_misbehaviour(reason: impl Into<String>) -> ContractError {
    ContractError::NotMisbehaviour {
        reason: reason.into(),
    }
}

/// What the two headers show, before any signature is checked.
fn kind_of(header_1: &Header, header_2: &Header) -> Result<(FreezeKind, String), ContractError> {
    let (height_1, height_2) = (header_1.height(), header_2.height());
    if height_1 < height_2 {
        return Err(not_misbehaviour(format!(
            "header_1 ({height_1}) must be at least as high as header_2 ({height_2})"
        )));
    }
    let (block_1, block_2) = (
        &header_1.signed_header.commit.block_id,
        &header_2.signed_header.commit.block_id,
    );
    if height_1 == height_2 {
        if block_1 == block_2 {
            return Err(not_misbehaviour(format!(
                "both headers commit the same block {} at height {height_1}",
                block_1.hash
            )));
        }
        return Ok((
            FreezeKind::ConflictingHeaders,
            format!(
                "blocks {} and {} at height {height_1}",
                block_1.hash, block_2.hash
            ),
        ));
    }
    let (time_1, time_2) = (
        header_1.signed_header.header.time,
        header_2.signed_header.header.time,
    );
    if time_1 > time_2 {
        return Err(not_misbehaviour(format!(
            "header_1 ({height_1} at {time_1}) is later than header_2 ({height_2} at {time_2}), as BFT time requires"
        )));
    }
    Ok((
        FreezeKind::TimeViolation,
        format!("header {height_1} at {time_1} is not after header {height_2} at {time_2}"),
    ))
}

/// `submit_misbehaviour { misbehaviour }`.
pub fn submit_misbehaviour(
    deps: DepsMut,
    env: &Env,
    misbehaviour: &Binary,
) -> Result<Response, ContractError> {
    let now = env.block.time;
    let client = ensure_active(deps.storage, now)?;
    let Misbehaviour { header_1, header_2 } = Misbehaviour::decode(misbehaviour)?;
    let (kind, evidence) = kind_of(&header_1, &header_2)?;
    let mut signatures = 0usize;
    for header in [&header_1, &header_2] {
        let height = header.trusted_height;
        let trusted = consensus_state(deps.storage, height)?
            .ok_or(ContractError::ConsensusStateNotFound { height })?;
        let checked = verify_header(
            deps.api,
            &client,
            &trusted,
            header,
            now,
            Purpose::Misbehaviour,
        )?;
        signatures = signatures.saturating_add(checked);
    }
    let frozen_height = header_2.height();
    let event = freeze(deps.storage, client, frozen_height, kind, evidence)?;
    Ok(Response::new()
        .add_attribute("action", "submit_misbehaviour")
        .add_attribute("kind", kind.as_str())
        .add_attribute("frozen_height", frozen_height.to_string())
        .add_attribute("signatures", signatures.to_string())
        .add_event(event))
}
