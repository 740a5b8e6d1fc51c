//! A verifier of the second kind (one that proves messages themselves, as
//! ICON's BTP-block verifier does) without the cryptography: its "relay
//! message" is the JSON of [`MockRelay`], the messages and the position of
//! the first in the remote stream. Like a real one it keeps its place in the
//! stream, answers each message once and in order, takes calls only from
//! its message center, and refuses a relay for another source. Message
//! center tests use it to reach `handle_verifier_relay` and what follows.

use btp_types::msg::verifier::{Counterpart, VerifiedMessages, VerifierExecuteMsg, VerifierQuery};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    from_json, to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError,
    StdResult,
};
use cw_multi_test::{Contract, ContractWrapper};
use cw_storage_plus::Item;

#[cw_serde]
pub struct InstantiateMsg {
    /// The only contract that may call it.
    pub message_center: String,
    /// The remote message center whose messages it proves.
    pub source: Counterpart,
}

/// The relay message this mock reads.
#[cw_serde]
pub struct MockRelay {
    /// The position (from 1) of `messages[0]` in the remote stream.
    pub first: u64,
    /// The messages.
    pub messages: Vec<Binary>,
}

const MESSAGE_CENTER: Item<String> = Item::new("message_center");
const SOURCE: Item<Counterpart> = Item::new("source");
/// Messages answered so far.
const ANSWERED: Item<u64> = Item::new("answered");

fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, msg: InstantiateMsg) -> StdResult<Response> {
    MESSAGE_CENTER.save(deps.storage, &msg.message_center)?;
    SOURCE.save(deps.storage, &msg.source)?;
    ANSWERED.save(deps.storage, &0)?;
    Ok(Response::new())
}

fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: VerifierExecuteMsg,
) -> StdResult<Response> {
    let VerifierExecuteMsg::VerifyRelayMessage {
        source,
        relay_message,
    } = msg;
    if info.sender.as_str() != MESSAGE_CENTER.load(deps.storage)? {
        return Err(StdError::generic_err(
            "mock message verifier: not the message center",
        ));
    }
    if source != SOURCE.load(deps.storage)? {
        return Err(StdError::generic_err(
            "mock message verifier: another source",
        ));
    }
    let relay: MockRelay = from_json(&relay_message)?;
    let answered = ANSWERED.load(deps.storage)?;
    // Already answered messages are skipped, later ones must follow on.
    if relay.first == 0 || relay.first > answered + 1 {
        return Err(StdError::generic_err(format!(
            "mock message verifier: message {} does not follow {answered}",
            relay.first
        )));
    }
    let skip = (answered + 1 - relay.first) as usize;
    let messages: Vec<Binary> = relay.messages.into_iter().skip(skip).collect();
    ANSWERED.save(deps.storage, &(answered + messages.len() as u64))?;
    Ok(Response::new().set_data(to_json_binary(&VerifiedMessages {
        messages,
        height: env.block.height,
    })?))
}

fn query(_: Deps, _: Env, _: VerifierQuery) -> StdResult<Binary> {
    Err(StdError::generic_err(
        "mock message verifier: it proves messages, not chain heads",
    ))
}

/// The mock message verifier for `cw-multi-test`.
pub fn contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query))
}
