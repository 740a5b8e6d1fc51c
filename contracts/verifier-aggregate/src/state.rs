//! What the aggregate verifier stores.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::Addr;
use cw_storage_plus::Item;

/// The verifier set and its threshold.
#[cw_serde]
pub struct Config {
    /// The verifier contracts, in the order indices refer to.
    pub verifiers: Vec<Addr>,
    /// How many of them must prove a fact.
    pub threshold: u32,
}

pub const CONFIG: Item<Config> = Item::new("config");
