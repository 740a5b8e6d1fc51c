//! What the call service keeps.

use btp_types::msg::call_service::CALL_SERVICE;
use btp_types::{BtpAddress, NetworkAddress};
use contract_kit::service::{Destination, Service};
use contract_kit::stored::Stored;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Binary};
use cw_storage_plus::{Item, Map};

/// The configuration.
#[cw_serde]
pub struct Config {
    /// This chain's network (the message center's).
    pub network: NetworkAddress,
    /// This call service's BTP address: the `from` of rollbacks.
    pub btp_address: String,
    /// Gas given to a called contract and to a rollback.
    pub call_gas_limit: u64,
}

/// A call sent from here, until its outcome.
#[cw_serde]
pub struct PendingCall {
    /// The caller, called back with the rollback data on failure.
    pub from: Addr,
    /// The called contract.
    pub to: BtpAddress,
    /// The rollback data, when the caller gave some.
    pub rollback: Option<Binary>,
}

impl Destination for PendingCall {
    fn destination(&self) -> &NetworkAddress {
        self.to.network()
    }
}

impl Stored for PendingCall {}

/// A rollback on its way or failed: saved before it runs, removed when it
/// succeeds, so it runs successfully at most once.
#[cw_serde]
pub struct Rollback {
    /// The sender of the call, called back.
    pub to: Addr,
    /// The rollback data.
    pub rollback: Binary,
    /// Whether an attempt is running (between its dispatch and its reply):
    /// `execute_rollback` is then refused, so that a sender cannot make its
    /// own rollback run again from inside it.
    pub running: bool,
    /// Why the last attempt failed; none before the first attempt ends.
    pub reason: Option<String>,
}

/// The message center, the last serial number and the pending calls.
pub const SERVICE: Service<PendingCall> =
    Service::new(CALL_SERVICE, "message_center", "last_sn", "pending_calls");
pub const CONFIG: Item<Config> = Item::new("config");
/// Rollbacks by the call's serial number.
pub const ROLLBACKS: Map<i64, Rollback> = Map::new("rollbacks");
