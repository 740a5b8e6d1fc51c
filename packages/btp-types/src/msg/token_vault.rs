//! The token vault: custody of home coins, minting of wrapped foreign coins.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

/// Creates a vault.
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner; the sender of the instantiation when absent.
    pub owner: Option<String>,
    /// The token handler, the only account that may move anything; it can
    /// be set later with `set_handler` (the two contracts refer to each other).
    pub handler: Option<String>,
    /// The code id of `cw20-base`, instantiated once per wrapped foreign coin.
    pub cw20_code_id: u64,
}

/// What the vault does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Owner only: names the token handler, the only account that may move value.
    SetHandler {
        /// The handler contract's address.
        handler: String,
    },
    /// Owner only: stops (`true`) or resumes (`false`) every movement of value.
    SetPaused {
        /// The new state.
        paused: bool,
    },
}

/// What the vault answers.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
}

/// The vault's configuration.
#[cw_serde]
pub struct ConfigResponse {
    /// The token handler, if set.
    pub handler: Option<String>,
    /// The `cw20-base` code id used for wrapped coins.
    pub cw20_code_id: u64,
    /// Whether movements of value are stopped.
    pub paused: bool,
}
