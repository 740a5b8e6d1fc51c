//! A service handler for tests of the message center: it sends what it is
//! told to, records what arrives, and answers deliveries the way the test
//! chose (accept, fail, or refuse with a code).

use btp_types::msg::message_center::ExecuteMsg as MessageCenterMsg;
use btp_types::msg::service_handler::{BatchAnswers, ServiceHandlerMsg};
use btp_types::{ErrorMessage, NetworkAddress};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError, StdResult,
    Timestamp, WasmMsg,
};
use cw_multi_test::{Contract, ContractWrapper};
use cw_storage_plus::Item;

/// How the handler answers a delivery.
#[cw_serde]
pub enum Behaviour {
    /// Record it and succeed.
    Accept,
    /// Return an error (as a handler bug or a refused state change would).
    Fail,
    /// Succeed without recording, answering with `[code, message]` as data.
    Refuse { code: u32, message: String },
    /// Accept, but fail every call that carries this payload (a batch
    /// holding it fails whole, as a real handler's would).
    FailOn { payload: Binary },
    /// Accept, but answer a batch with this data instead of its answers.
    AnswerBatchWith { data: Binary },
}

#[cw_serde]
pub struct InstantiateMsg {
    pub message_center: String,
}

/// The mock's own operations.
#[cw_serde]
pub enum ControlMsg {
    /// Sends through the message center, forwarding the attached funds as the fee.
    Send {
        to: NetworkAddress,
        svc: String,
        sn: i64,
        payload: Binary,
        /// The destination block time from which on it is not executed.
        timeout: Option<Timestamp>,
    },
    SetBehaviour {
        behaviour: Behaviour,
    },
}

/// Everything the mock accepts: its own operations, or the message center's calls.
#[cw_serde]
#[serde(untagged)]
pub enum ExecuteMsg {
    Control(ControlMsg),
    FromMessageCenter(ServiceHandlerMsg),
}

/// What arrived, in order.
#[cw_serde]
pub enum Arrival {
    Message {
        src: NetworkAddress,
        svc: String,
        sn: i64,
        payload: Binary,
    },
    Reply {
        src: NetworkAddress,
        svc: String,
        sn: i64,
        code: u32,
        message: String,
    },
}

#[cw_serde]
pub enum QueryMsg {
    /// Everything that arrived, oldest first.
    Arrivals {},
}

const MESSAGE_CENTER: Item<String> = Item::new("message_center");
const BEHAVIOUR: Item<Behaviour> = Item::new("behaviour");
const ARRIVALS: Item<Vec<Arrival>> = Item::new("arrivals");

fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, msg: InstantiateMsg) -> StdResult<Response> {
    MESSAGE_CENTER.save(deps.storage, &msg.message_center)?;
    BEHAVIOUR.save(deps.storage, &Behaviour::Accept)?;
    ARRIVALS.save(deps.storage, &vec![])?;
    Ok(Response::new())
}

fn execute(deps: DepsMut, _: Env, info: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    match msg {
        ExecuteMsg::Control(ControlMsg::Send {
            to,
            svc,
            sn,
            payload,
            timeout,
        }) => Ok(Response::new().add_message(WasmMsg::Execute {
            contract_addr: MESSAGE_CENTER.load(deps.storage)?,
            msg: to_json_binary(&MessageCenterMsg::SendMessage {
                to,
                svc,
                sn,
                payload,
                timeout,
            })?,
            funds: info.funds,
        })),
        ExecuteMsg::Control(ControlMsg::SetBehaviour { behaviour }) => {
            BEHAVIOUR.save(deps.storage, &behaviour)?;
            Ok(Response::new())
        }
        ExecuteMsg::FromMessageCenter(delivery) => deliver(deps, delivery),
    }
}

/// What a delivery brings, and whether it is a batch.
fn arrivals_of(delivery: ServiceHandlerMsg) -> (Vec<Arrival>, bool) {
    match delivery {
        ServiceHandlerMsg::HandleBtpMessage {
            src,
            svc,
            sn,
            payload,
        } => (
            vec![Arrival::Message {
                src,
                svc,
                sn,
                payload,
            }],
            false,
        ),
        ServiceHandlerMsg::HandleBtpReply {
            src,
            svc,
            sn,
            code,
            message,
        } => (
            vec![Arrival::Reply {
                src,
                svc,
                sn,
                code,
                message,
            }],
            false,
        ),
        ServiceHandlerMsg::HandleBtpMessages { src, svc, messages } => {
            let arrivals = messages.into_iter().map(|message| Arrival::Message {
                src: src.clone(),
                svc: svc.clone(),
                sn: message.sn,
                payload: message.payload,
            });
            (arrivals.collect(), true)
        }
        ServiceHandlerMsg::HandleBtpReplies { src, svc, replies } => {
            let arrivals = replies.into_iter().map(|reply| Arrival::Reply {
                src: src.clone(),
                svc: svc.clone(),
                sn: reply.sn,
                code: reply.code,
                message: reply.message,
            });
            (arrivals.collect(), true)
        }
    }
}

/// Answers a delivery as the behaviour says; a batch as its deliveries one
/// by one would be, and failing fails it whole.
fn deliver(deps: DepsMut, delivery: ServiceHandlerMsg) -> StdResult<Response> {
    let behaviour = BEHAVIOUR.load(deps.storage)?;
    if behaviour == Behaviour::Fail {
        return Err(StdError::generic_err("mock handler: failing as told"));
    }
    let (arrivals, batch) = arrivals_of(delivery);
    if let Behaviour::FailOn { payload: poison } = &behaviour {
        let poisoned = |arrival: &Arrival| matches!(arrival, Arrival::Message { payload, .. } if payload == poison);
        if arrivals.iter().any(poisoned) {
            return Err(StdError::generic_err("mock handler fails on this payload"));
        }
    }
    let mut kept = ARRIVALS.load(deps.storage)?;
    let mut answers: BatchAnswers = vec![];
    for arrival in arrivals {
        match (&behaviour, &arrival) {
            (Behaviour::Refuse { code, message }, Arrival::Message { .. }) => {
                let refusal = ErrorMessage {
                    code: *code,
                    message: message.clone(),
                };
                answers.push(Some(refusal.encode().into()));
            }
            _ => {
                kept.push(arrival);
                answers.push(None);
            }
        }
    }
    ARRIVALS.save(deps.storage, &kept)?;
    match (batch, behaviour) {
        (false, _) => match answers.pop().flatten() {
            Some(refusal) => Ok(Response::new().set_data(refusal)),
            None => Ok(Response::new()),
        },
        (true, Behaviour::AnswerBatchWith { data }) => Ok(Response::new().set_data(data)),
        (true, _) => Ok(Response::new().set_data(to_json_binary(&answers)?)),
    }
}

fn query(deps: Deps, _: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Arrivals {} => to_json_binary(&ARRIVALS.load(deps.storage)?),
    }
}

/// The mock handler for `cw-multi-test`.
pub fn contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query))
}
