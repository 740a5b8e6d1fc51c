//! `retry_reply`: a reply or timeout whose handler failed (a paused vault, a
//! handler out of gas, any error) is kept, not dropped; anyone may hand it
//! to the handler again. The call is a plain message, not a submessage: if
//! the handler fails again, the whole retry fails and the outcome stays
//! kept; if it succeeds, the outcome is removed with it. So it reaches the
//! handler exactly once to success.

use contract_kit::pause::ensure_running;
use cosmwasm_std::{DepsMut, Event, Response, WasmMsg};

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
            Event::new("btp_reply_retried")
                .add_attribute("nsn", nsn.to_string())
                .add_attribute("network", kept.network.as_str())
                .add_attribute("sequence", kept.sequence.to_string())
                .add_attribute("handler", kept.handler),
        ))
}
