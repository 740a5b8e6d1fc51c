use btp_types::NetworkAddress;
use cw_storage_plus::Item;

/// This chain's network address.
pub const NETWORK: Item<NetworkAddress> = Item::new("network");
