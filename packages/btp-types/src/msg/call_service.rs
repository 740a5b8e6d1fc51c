//! The call service (`svc = "xcall"`, `contracts/call-service`): calls from
//! a contract or account on one chain to a contract on another, with
//! rollback, in the model of ICON's BTP xCall (payloads in
//! [`crate::call_message`]).
//!
//! How a call travels:
//!
//! 1. The caller sends `send_call_message { to: "btp://<network>/<contract>",
//!    data, rollback }` with the message center's fee for the route
//!    (`fee { to }`), which is forwarded. The call service sends a BTP
//!    request (`sn > 0`) whose payload is xCall's
//!    `CSMessage[1, CSMessageRequest[caller, contract, sn, rollback?, data]]`.
//! 2. On the destination, the call service calls the contract with
//!    [`ReceiverExecuteMsg::HandleCallMessage`] (`from` =
//!    `btp://<source network>/<caller>`) as a submessage with its gas limit
//!    (`call_gas_limit`). The outcome is the request's BTP reply, which the
//!    message center commits in the same transaction: `[0, ""]` when the
//!    call succeeded, `[CALL_FAILED, why]` when the contract failed (or is
//!    not there, or ran out of its gas), [`INVALID_CALL`] when the request
//!    could not be read or names no valid address, [`CALL_SERVICE_PAUSED`]
//!    while the service is paused.
//! 3. On the source, the reply (or the message center's timeout, code 10)
//!    is the call's `CSMessageResponse` in xCall's codes: 0 success, -1 the
//!    call failed ([`CALL_FAILED`], [`INVALID_CALL`], [`CALL_SERVICE_PAUSED`]),
//!    -2 any other BTP error (no handler, handler failed, timed out). The
//!    event `call_response` says so. On failure, a call with rollback data
//!    calls its sender back once with `handle_call_message { from: <this call
//!    service's BTP address>, data: rollback }`; a rollback that fails is
//!    kept (`failed_rollbacks`) for `execute_rollback { sn }` by anyone, and
//!    is removed by the one that succeeds, so it never runs twice (nor again
//!    from inside itself: `execute_rollback` is refused while it runs).
//!
//! Why the outcome is the BTP reply, not an xCall `CSMessage[2, ...]`
//! message: ICON's BTP xCall sends the response as a message of its own; here
//! the message center commits every request's reply itself, in the delivery's
//! transaction, and a handler cannot send replies. So the reply carries the
//! outcome, every call gets exactly one (its reply, an error on the way, or a
//! timeout proven on the source), and the source builds xCall's
//! `CSMessageResponse` from it, as xCall's `handleBTPError` does for BTP errors.
//!
//! Events: `call_message_sent` (`sn`, `from`, `to`, `rollback`: `true` or
//! `false`, `timeout`: nanoseconds), `call_message` (destination: `src`, `sn`,
//! `from`, `to`), `call_executed` (destination: `src`, `sn`, `from`, `to`,
//! `code`: the BTP reply's code, `reason`), `call_refused` (destination, a
//! request not executed: `src`, `sn`, `code`, `reason`), `call_response` (source: `sn`,
//! `to`, `code`: xCall's code, `btp_code`, `message`, `timed_out`),
//! `rollback_message` (`sn`, `to`: the sender called back, `reason`),
//! `rollback_executed` (`sn`, `to`), `rollback_failed` (`sn`, `to`, `reason`).

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, Uint128};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

use crate::address::{BtpAddress, NetworkAddress};

/// The service name the message center routes to the call service.
pub const CALL_SERVICE: &str = "xcall";
/// Reply code: the called contract failed, is not there, or ran out of its gas.
pub const CALL_FAILED: u32 = crate::error_code::HANDLER_FIRST;
/// Reply code: the request could not be read, or names no valid address.
pub const INVALID_CALL: u32 = 41;
/// Reply code: the destination call service is paused.
pub const CALL_SERVICE_PAUSED: u32 = 42;
/// Largest `data` of a call, in bytes (xCall's `MAX_DATA_SIZE`).
pub const MAX_DATA_BYTES: usize = 2048;
/// Largest `rollback` of a call, in bytes (xCall's `MAX_ROLLBACK_SIZE`).
pub const MAX_ROLLBACK_BYTES: usize = 1024;
/// Gas given to a called contract (and to a rollback) when the owner sets none.
/// It must stay below the message center's gas for one delivery (checked when
/// it is set), so that a call that runs out of its gas is answered `CALL_FAILED`.
pub const DEFAULT_CALL_GAS_LIMIT: u64 = 1_000_000;
/// The timeout of a call that gives none: one day after the sending block.
pub const DEFAULT_CALL_TIMEOUT_SECS: u64 = 24 * 60 * 60;
/// The longest timeout of a call: 30 days.
pub const MAX_CALL_TIMEOUT_SECS: u64 = 30 * 24 * 60 * 60;

/// Creates a call service.
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner (pause, gas limit, ownership); the sender of the instantiation when absent.
    pub owner: Option<String>,
    /// The message center that carries the calls; its network is this chain's.
    pub message_center: String,
    /// Gas given to a called contract and to a rollback; [`DEFAULT_CALL_GAS_LIMIT`] when absent.
    pub call_gas_limit: Option<u64>,
}

/// What the call service does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Anyone (a contract or an account): calls `to` on another chain with
    /// `data`. The funds must be exactly the message center's fee for the
    /// route (`fee { to }`); they are forwarded. Answers with the call's `sn`
    /// (JSON) as data.
    SendCallMessage {
        /// The called contract: `btp://<network>/<address>`.
        to: BtpAddress,
        /// The call's bytes, handed to the called contract; at most [`MAX_DATA_BYTES`].
        data: Binary,
        /// Contracts only: bytes handed back to the sender (`handle_call_message`)
        /// if the call fails or times out; at most [`MAX_ROLLBACK_BYTES`], not empty.
        rollback: Option<Binary>,
        /// Seconds after this block's time from which on the destination no
        /// longer executes the call (it then fails with a timeout): 1 to
        /// [`MAX_CALL_TIMEOUT_SECS`]; [`DEFAULT_CALL_TIMEOUT_SECS`] when absent.
        timeout_secs: Option<u64>,
    },
    /// Anyone: runs again a rollback that failed (`failed_rollbacks`). It is
    /// removed when it succeeds; when it fails again it stays, with the new reason.
    ExecuteRollback {
        /// The call's serial number.
        sn: i64,
    },
    /// Owner only: stops (`true`) or resumes (`false`) sending calls and
    /// executing incoming ones (refused with [`CALL_SERVICE_PAUSED`]);
    /// outcomes and rollbacks of calls already sent are still taken.
    SetPaused {
        /// The new state.
        paused: bool,
    },
    /// Owner only: the gas given to a called contract and to a rollback.
    SetCallGasLimit {
        /// Gas units; more than 0 and less than the message center's
        /// `delivery_gas_limit`.
        gas_limit: u64,
    },
    /// Message center only: a call from another chain's call service.
    HandleBtpMessage {
        /// The network it came from.
        src: NetworkAddress,
        /// The service (`xcall`).
        svc: String,
        /// The sending call service's serial number.
        sn: i64,
        /// The `CSMessage`.
        payload: Binary,
    },
    /// Message center only: the outcome of a call sent from here.
    HandleBtpReply {
        /// The network the reply came from (the call's destination).
        src: NetworkAddress,
        /// The service (`xcall`).
        svc: String,
        /// The call's serial number.
        sn: i64,
        /// The outcome: 0, a code of this module, or a BTP error code.
        code: u32,
        /// Why, when it failed.
        message: String,
    },
}

/// What the call service calls on a contract: the call on the destination,
/// and the rollback on the source. A contract that receives calls must accept
/// this variant in its own `ExecuteMsg`, and only from the call service.
#[cw_serde]
pub enum ReceiverExecuteMsg {
    /// A call, or the rollback of one this contract sent.
    HandleCallMessage {
        /// The caller's BTP address (`btp://<source network>/<caller>`); for a
        /// rollback, the BTP address of this chain's call service.
        from: String,
        /// The call's data, or the rollback data.
        data: Binary,
    },
}

/// What the call service answers.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
    /// The message center's fee for a call to `to` (paid with `send_call_message`).
    #[returns(FeeResponse)]
    Fee {
        /// The destination network.
        to: NetworkAddress,
    },
    /// A call sent from here that waits for its outcome; none when there is none.
    #[returns(Option<PendingCallResponse>)]
    PendingCall {
        /// The call's serial number.
        sn: i64,
    },
    /// Calls sent from here that wait for their outcome, in `sn` order.
    #[returns(Vec<PendingCallResponse>)]
    PendingCalls {
        /// Start after this `sn`.
        start_after: Option<i64>,
        /// At most this many (default 10, at most 100).
        limit: Option<u32>,
    },
    /// Rollbacks that failed and wait for `execute_rollback`, in `sn` order.
    #[returns(Vec<FailedRollbackResponse>)]
    FailedRollbacks {
        /// Start after this `sn`.
        start_after: Option<i64>,
        /// At most this many (default 10, at most 100).
        limit: Option<u32>,
    },
}

/// Answer of `config`.
#[cw_serde]
pub struct ConfigResponse {
    /// The message center.
    pub message_center: String,
    /// This chain's network.
    pub network: NetworkAddress,
    /// This call service's BTP address: the `from` of rollbacks.
    pub btp_address: String,
    /// Gas given to a called contract and to a rollback.
    pub call_gas_limit: u64,
    /// The serial number of the last call sent (0 before the first).
    pub last_sn: i64,
    /// Whether sending and executing calls is stopped.
    pub paused: bool,
}

/// Answer of `fee`.
#[cw_serde]
pub struct FeeResponse {
    /// The native denom to pay in.
    pub denom: String,
    /// The funds to attach to `send_call_message`.
    pub amount: Uint128,
}

/// A call waiting for its outcome.
#[cw_serde]
pub struct PendingCallResponse {
    /// The call's serial number.
    pub sn: i64,
    /// The caller on this chain.
    pub from: String,
    /// The called contract.
    pub to: BtpAddress,
    /// The rollback data, when the caller gave some.
    pub rollback: Option<Binary>,
}

/// A rollback that failed, kept for `execute_rollback`.
#[cw_serde]
pub struct FailedRollbackResponse {
    /// The call's serial number.
    pub sn: i64,
    /// The sender, who is called back.
    pub to: String,
    /// The rollback data.
    pub rollback: Binary,
    /// Why the last attempt failed.
    pub reason: String,
}
