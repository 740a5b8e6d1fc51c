//! The token handler (BTP's token service, `svc = "bts"`).

use cosmwasm_schema::{cw_serde, QueryResponses};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

/// Creates a token handler.
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner; the sender of the instantiation when absent.
    pub owner: Option<String>,
    /// The message center that carries the service's messages.
    pub message_center: String,
    /// The vault that holds and mints the coins.
    pub vault: String,
}

/// What the token handler does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Owner only: stops (`true`) or resumes (`false`) transfers in both directions.
    SetPaused {
        /// The new state.
        paused: bool,
    },
}

/// What the token handler answers.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
}

/// The token handler's configuration.
#[cw_serde]
pub struct ConfigResponse {
    /// The message center.
    pub message_center: String,
    /// The vault.
    pub vault: String,
    /// Whether transfers are stopped.
    pub paused: bool,
}
