//! The message center (BTP's BMC): links, sequencing, commitments, delivery.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

use crate::address::NetworkAddress;

/// Creates a message center for one network.
#[cw_serde]
pub struct InstantiateMsg {
    /// This chain's network address, `<chain-id>.cosmos`; it is the `src` of
    /// every message sent from here and the `dst` every arriving message must carry.
    pub network: NetworkAddress,
    /// The owner; the sender of the instantiation when absent.
    pub owner: Option<String>,
}

/// What the message center does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Owner only: stops (`true`) or resumes (`false`) sending and receiving.
    SetPaused {
        /// The new state.
        paused: bool,
    },
}

/// What the message center answers.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
}

/// The message center's configuration.
#[cw_serde]
pub struct ConfigResponse {
    /// This chain's network address.
    pub network: NetworkAddress,
    /// Whether sending and receiving are stopped.
    pub paused: bool,
}
