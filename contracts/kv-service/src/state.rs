//! What the service stores.

use btp_types::msg::kv_service::{RequestResponse, KV_SERVICE};
use contract_kit::service::Service;
use cw_storage_plus::Map;

/// The message center, the last serial number, and the requests waiting for
/// their answer, under the keys of 0.2.0. 0.2.0 also kept answered requests
/// among them (with their answer); a reply to one of those is refused as
/// answered already, and the query still finds it there.
pub const SERVICE: Service<RequestResponse> =
    Service::new(KV_SERVICE, "message_center", "last_sn", "requests");
/// The values this service publishes.
pub const VALUES: Map<&str, String> = Map::new("values");
/// The requests answered, by serial number, with their answers.
pub const ANSWERED: Map<i64, RequestResponse> = Map::new("answered");
