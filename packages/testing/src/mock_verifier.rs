//! A verifier that proves nothing by cryptography but behaves like a light
//! client of a chain that lives in the same `cw-multi-test` app: it accepts a
//! commitment only if the source contract really stores it (read through a raw
//! query) and the proof is [`MOCK_PROOF`]. Tests of the message center use it
//! where the real light client would need a simulated chain.

use btp_types::keys::{CONTRACT_STORE_PREFIX, WASM_STORE_NAME};
use btp_types::msg::verifier_tendermint::{MembershipItem, QueryMsg, VerifiedResponse};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError, StdResult,
};
use cw_multi_test::{Contract, ContractWrapper};
use cw_storage_plus::Item;

/// The only proof the mock accepts; anything else is a forgery.
pub const MOCK_PROOF: &[u8] = b"mock-proof";

/// How the mock decides.
#[cw_serde]
pub enum Mode {
    /// Accept only commitments the source contract really stores, with [`MOCK_PROOF`].
    CheckSource,
    /// Accept anything: stands for a forged proof that got past a broken verifier,
    /// so tests can reach the checks behind the verifier.
    AcceptAll,
    /// Reject everything.
    RejectAll,
}

#[cw_serde]
pub struct InstantiateMsg {
    /// The contract whose storage the mock "proves": the remote message center.
    pub source: String,
}

#[cw_serde]
pub enum ExecuteMsg {
    SetMode { mode: Mode },
}

const SOURCE: Item<String> = Item::new("source");
const MODE: Item<Mode> = Item::new("mode");

fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, msg: InstantiateMsg) -> StdResult<Response> {
    SOURCE.save(deps.storage, &msg.source)?;
    MODE.save(deps.storage, &Mode::CheckSource)?;
    Ok(Response::new())
}

fn execute(deps: DepsMut, _: Env, _: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    let ExecuteMsg::SetMode { mode } = msg;
    MODE.save(deps.storage, &mode)?;
    Ok(Response::new())
}

fn check_item(deps: Deps, item: &MembershipItem) -> StdResult<()> {
    if item.proof.as_slice() != MOCK_PROOF {
        return Err(StdError::generic_err("mock verifier: forged proof"));
    }
    let [store, key] = item.path.as_slice() else {
        return Err(StdError::generic_err(
            "mock verifier: path must be [store, key]",
        ));
    };
    if store.as_slice() != WASM_STORE_NAME.as_bytes() {
        return Err(StdError::generic_err("mock verifier: not the wasm store"));
    }
    let source = SOURCE.load(deps.storage)?;
    let canonical = deps.api.addr_canonicalize(&source)?;
    let Some(contract_key) = key
        .as_slice()
        .strip_prefix(&[CONTRACT_STORE_PREFIX][..])
        .and_then(|rest| rest.strip_prefix(canonical.as_slice()))
    else {
        return Err(StdError::generic_err(
            "mock verifier: key is not in the source contract's storage",
        ));
    };
    let stored = deps.querier.query_wasm_raw(source, contract_key.to_vec())?;
    if stored.as_deref() != Some(item.value.as_slice()) {
        return Err(StdError::generic_err(
            "mock verifier: value is not stored at that key",
        ));
    }
    Ok(())
}

fn query(deps: Deps, _: Env, msg: QueryMsg) -> StdResult<Binary> {
    let (height, items) = match msg {
        QueryMsg::VerifyBatchMembership { height, items } => (height, items),
        QueryMsg::VerifyMembership {
            height,
            path,
            value,
            proof,
        } => (height, vec![MembershipItem { path, value, proof }]),
        _ => return Err(StdError::generic_err("mock verifier: unsupported query")),
    };
    match MODE.load(deps.storage)? {
        Mode::AcceptAll => {}
        Mode::RejectAll => return Err(StdError::generic_err("mock verifier: rejects everything")),
        Mode::CheckSource => {
            for (index, item) in items.iter().enumerate() {
                check_item(deps, item)
                    .map_err(|err| StdError::generic_err(format!("item {index}: {err}")))?;
            }
        }
    }
    to_json_binary(&VerifiedResponse { height })
}

/// The mock verifier for `cw-multi-test`.
pub fn contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query))
}
