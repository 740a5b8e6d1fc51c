//! A verifier that proves nothing by cryptography but behaves like a light
//! client of a chain that lives in the same `cw-multi-test` app: it answers
//! the generic verifier questions ([`VerifierQuery`]) by reading the remote
//! message center's storage through a raw query, and accepts only the proof
//! [`MOCK_PROOF`]. Tests of the message center use it where the real light
//! client would need a simulated chain. The height it answers is the one
//! asked; the time is the app's block time (the state it reads is current).

use btp_types::keys::{commitment_storage_key, receipt_storage_key, receipt_value};
use btp_types::msg::verifier::{TrustedAt, VerifiedResponse, VerifierQuery};
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
    /// Accept only what the source contract really stores, with [`MOCK_PROOF`].
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
    SetMode {
        mode: Mode,
    },
    /// What the mock answers as the moment it came to trust the state it
    /// reads (none by default): for tests of link delay periods.
    SetTrustedAt {
        trusted_at: Option<TrustedAt>,
    },
}

const SOURCE: Item<String> = Item::new("source");
const MODE: Item<Mode> = Item::new("mode");
const TRUSTED_AT: Item<Option<TrustedAt>> = Item::new("trusted_at");

fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, msg: InstantiateMsg) -> StdResult<Response> {
    SOURCE.save(deps.storage, &msg.source)?;
    MODE.save(deps.storage, &Mode::CheckSource)?;
    Ok(Response::new())
}

fn execute(deps: DepsMut, _: Env, _: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    match msg {
        ExecuteMsg::SetMode { mode } => MODE.save(deps.storage, &mode)?,
        ExecuteMsg::SetTrustedAt { trusted_at } => TRUSTED_AT.save(deps.storage, &trusted_at)?,
    }
    Ok(Response::new())
}

/// Checks that `center` (the source) stores `expected` under `key`.
fn check_stored(
    deps: Deps,
    center: &str,
    proof: &Binary,
    key: Vec<u8>,
    expected: Option<&[u8]>,
) -> StdResult<()> {
    if proof.as_slice() != MOCK_PROOF {
        return Err(StdError::generic_err("mock verifier: forged proof"));
    }
    let source = SOURCE.load(deps.storage)?;
    if center != source {
        return Err(StdError::generic_err(format!(
            "mock verifier: {center} is not the source contract {source}"
        )));
    }
    let stored = deps.querier.query_wasm_raw(source, key)?;
    if stored.as_deref() != expected {
        return Err(StdError::generic_err(
            "mock verifier: that value is not stored at that key",
        ));
    }
    Ok(())
}

fn query(deps: Deps, env: Env, msg: VerifierQuery) -> StdResult<Binary> {
    let height = match &msg {
        VerifierQuery::VerifyCommitment { height, .. }
        | VerifierQuery::VerifyReceiveState { height, .. } => *height,
    };
    match MODE.load(deps.storage)? {
        Mode::AcceptAll => {}
        Mode::RejectAll => return Err(StdError::generic_err("mock verifier: rejects everything")),
        Mode::CheckSource => match &msg {
            VerifierQuery::VerifyCommitment {
                center,
                counterpart,
                sequence,
                head,
                proof,
                ..
            } => check_stored(
                deps,
                center,
                proof,
                commitment_storage_key(counterpart, *sequence),
                Some(head.as_slice()),
            )?,
            VerifierQuery::VerifyReceiveState {
                center,
                counterpart,
                rx_seq,
                proof,
                ..
            } => {
                let value = receipt_value(*rx_seq);
                let expected = (*rx_seq > 0).then_some(&value[..]);
                check_stored(
                    deps,
                    center,
                    proof,
                    receipt_storage_key(counterpart),
                    expected,
                )?
            }
        },
    }
    to_json_binary(&VerifiedResponse {
        height,
        timestamp: env.block.time,
        trusted_at: TRUSTED_AT.may_load(deps.storage)?.flatten(),
    })
}

/// The mock verifier for `cw-multi-test`.
pub fn contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

/// A mock verifier (stored as `code`) of the chain whose message center is
/// `remote_center`.
pub fn instantiate_verifier(
    app: &mut crate::deploy::ChainApp,
    code: u64,
    owner: &cosmwasm_std::Addr,
    remote_center: &cosmwasm_std::Addr,
) -> cosmwasm_std::Addr {
    let msg = InstantiateMsg {
        source: remote_center.to_string(),
    };
    crate::deploy::instantiate(app, code, owner, &msg, "mock verifier")
}
