use btp_types::NetworkAddress;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Binary, Uint128};
use cw_storage_plus::{Item, Map};

/// Settings the owner chooses.
#[cw_serde]
pub struct Config {
    /// This chain's network address.
    pub network: NetworkAddress,
    /// Native denom of relay fees.
    pub fee_denom: String,
    /// Gas a handler gets for one delivery.
    pub delivery_gas_limit: u64,
}

/// A link to a remote network.
#[cw_serde]
pub struct Link {
    /// Light client of the remote chain.
    pub verifier: Addr,
    /// The remote message center's address, as the remote chain writes it.
    pub remote_message_center: String,
    /// Its canonical bytes: the commitments live under them in the remote `wasm` store.
    pub remote_message_center_canonical: Binary,
    /// Sequence of the last message sent to the remote network.
    pub tx_seq: u64,
    /// Sequence of the last message delivered from the remote network.
    pub rx_seq: u64,
    /// Who may relay; empty means anyone.
    pub relayers: Vec<Addr>,
    /// Fee for a message to the remote network.
    pub forward_fee: Uint128,
    /// Fee, on requests, for the reply's way back.
    pub backward_fee: Uint128,
}

pub const CONFIG: Item<Config> = Item::new("config");
/// The message center's network serial number: messages it has sent.
pub const NSN: Item<i64> = Item::new("nsn");
/// Links by remote network address.
pub const LINKS: Map<&str, Link> = Map::new("links");
/// Handler contract by service name.
pub const SERVICES: Map<&str, Addr> = Map::new("services");
/// Unclaimed relay rewards by (network whose fees they are, relayer).
pub const REWARDS: Map<(&str, &Addr), Uint128> = Map::new("rewards");
