//! The counter's messages.

use btp_types::BtpAddress;
use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::Binary;

/// Creates a counter.
#[cw_serde]
pub struct InstantiateMsg {
    /// The call service that carries its calls and alone may call it.
    pub call_service: String,
}

/// What the counter does.
#[cw_serde]
pub enum ExecuteMsg {
    /// Calls `to` on another chain with `data` through the call service; the
    /// funds (the route's fee) are forwarded.
    Send {
        /// The called contract, `btp://<network>/<address>`.
        to: BtpAddress,
        /// The call's data (`fail` makes another counter fail).
        data: Binary,
        /// Handed back to this counter if the call fails or times out.
        rollback: Option<Binary>,
        /// The call's timeout in seconds; the call service's default when absent.
        timeout_secs: Option<u64>,
    },
    /// Admin only: whether rollbacks fail (to test failed rollbacks).
    SetRefuseRollbacks {
        /// `true`: rollbacks fail; `false`: they are counted.
        refuse: bool,
    },
    /// Call service only: a call from another chain, or a rollback.
    HandleCallMessage {
        /// The caller's BTP address; the call service's own for a rollback.
        from: String,
        /// The call's data, or the rollback data.
        data: Binary,
    },
}

/// What the counter answers.
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The counts and the last call.
    #[returns(StateResponse)]
    State {},
}

/// Answer of `state`.
#[cw_serde]
#[derive(Default)]
pub struct StateResponse {
    /// Calls from other chains that succeeded.
    pub count: u64,
    /// Rollbacks that succeeded.
    pub rollbacks: u64,
    /// The caller of the last call.
    pub last_from: Option<String>,
    /// The data of the last call.
    pub last_data: Option<Binary>,
    /// The data of the last rollback.
    pub last_rollback: Option<Binary>,
    /// Whether rollbacks fail now.
    pub refuse_rollbacks: bool,
}
