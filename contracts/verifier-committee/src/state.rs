//! What the committee verifier stores.

use btp_types::msg::verifier_committee::{PendingSignerSet, SignerSet};
use cosmwasm_schema::cw_serde;
use cw_storage_plus::Item;

/// The committee's identity and rotation delay.
#[cw_serde]
pub struct Config {
    /// This committee's identity in every digest.
    pub domain: String,
    /// How long a proposed set waits before it can be applied, in seconds.
    pub rotation_delay_secs: u64,
}

/// The set that verifies now, and its number.
#[cw_serde]
pub struct CurrentSet {
    /// 0 for the first set, one more at each apply.
    pub version: u64,
    /// The signers and threshold.
    pub set: SignerSet,
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const CURRENT: Item<CurrentSet> = Item::new("current_set");
pub const PENDING: Item<PendingSignerSet> = Item::new("pending_set");
