//! `retry_reply`: a reply or timeout whose handler failed (a paused vault, a
//! handler out of gas, any error) is kept, not dropped; anyone may hand it
//! to the handler again. The call is a plain message, not a submessage: if
//! the handler fails again, the whole retry fails and the outcome stays
//! kept; if it succeeds, the outcome is removed with it. So it reaches the
//! handler exactly once to success.

use btp_types::events::{message_center::ReplyRetried, TypedEvent};
use contract_kit::pause::ensure_running;
use cosmwasm_std::{DepsMut, Response, WasmMsg};

use crate::error::ContractError;
use crate::state::KEPT_OUTCOMES;

pub fn retry_reply(deps: DepsMut, nsn: i64) -> Result<Response, ContractError> {
    ensure_running(deps.storage, "receiving")?;
    let kept = KEPT_OUTCOMES
        .may_load(deps.storage, nsn)?
        .ok_or(ContractError::NoKeptReply { nsn })?;
    KEPT_OUTCOMES.remove(deps.storage, nsn);
    Ok(Response::new()
        .add_attribute("action", "retry_reply")
        .add_message(WasmMsg::Execute {
            contract_addr: kept.handler.to_string(),
            msg: kept.call,
            funds: vec![],
        })
        .add_event(
            ReplyRetried {
                nsn,
                network: kept.network.to_string(),
                sequence: kept.sequence,
                handler: kept.handler.to_string(),
            }
            .to_event(),
        ))
}
