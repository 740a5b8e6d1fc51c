//! What the service stores.

use btp_types::msg::kv_service::RequestResponse;
use cosmwasm_std::Addr;
use cw_storage_plus::{Item, Map};

/// The message center, the only sender of deliveries and replies.
pub const MESSAGE_CENTER: Item<Addr> = Item::new("message_center");
/// The serial number of the last request sent.
pub const LAST_SN: Item<i64> = Item::new("last_sn");
/// The values this service publishes.
pub const VALUES: Map<&str, String> = Map::new("values");
/// The requests this service sent, by serial number, with their answers.
pub const REQUESTS: Map<i64, RequestResponse> = Map::new("requests");
