//! What the call service answers.

use btp_types::msg::call_service::{
    ConfigResponse, FailedRollbackResponse, FeeResponse, PendingCallResponse,
};
use btp_types::NetworkAddress;
use contract_kit::pause::is_paused;
use contract_kit::service::{DEFAULT_PAGE, MAX_PAGE};
use cosmwasm_std::{Deps, Order, StdResult};
use cw_storage_plus::Bound;

use crate::state::{PendingCall, CONFIG, ROLLBACKS, SERVICE};

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let config = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        message_center: SERVICE.message_center(deps.storage)?.into_string(),
        network: config.network,
        btp_address: config.btp_address,
        call_gas_limit: config.call_gas_limit,
        last_sn: SERVICE.last_sn(deps.storage)?,
        paused: is_paused(deps.storage)?,
    })
}

pub fn fee(deps: Deps, to: &NetworkAddress) -> StdResult<FeeResponse> {
    let quote = SERVICE.fee_quote(deps, to, true)?;
    Ok(FeeResponse {
        denom: quote.denom,
        amount: quote.amount,
    })
}

fn pending_response(sn: i64, call: PendingCall) -> PendingCallResponse {
    PendingCallResponse {
        sn,
        from: call.from.into_string(),
        to: call.to,
        rollback: call.rollback,
    }
}

pub fn pending_call(deps: Deps, sn: i64) -> StdResult<Option<PendingCallResponse>> {
    Ok(SERVICE
        .pending(deps.storage, sn)?
        .map(|call| pending_response(sn, call)))
}

pub fn pending_calls(
    deps: Deps,
    start_after: Option<i64>,
    limit: Option<u32>,
) -> StdResult<Vec<PendingCallResponse>> {
    Ok(SERVICE
        .pending_page(deps.storage, start_after, limit)?
        .into_iter()
        .map(|(sn, call)| pending_response(sn, call))
        .collect())
}

pub fn failed_rollbacks(
    deps: Deps,
    start_after: Option<i64>,
    limit: Option<u32>,
) -> StdResult<Vec<FailedRollbackResponse>> {
    let limit = limit.unwrap_or(DEFAULT_PAGE).min(MAX_PAGE);
    ROLLBACKS
        .range(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        // Outside a transaction none is running; the filter keeps the
        // answer right when a contract asks during a rollback.
        .filter(|entry| {
            entry
                .as_ref()
                .map_or(true, |(_, rollback)| !rollback.running)
        })
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|entry| {
            let (sn, rollback) = entry?;
            Ok(FailedRollbackResponse {
                sn,
                to: rollback.to.into_string(),
                rollback: rollback.rollback,
                reason: rollback.reason.unwrap_or_default(),
            })
        })
        .collect()
}
