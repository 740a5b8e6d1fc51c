use cosmwasm_std::Addr;
use cw_storage_plus::Item;

/// The message center that carries the service's messages.
pub const MESSAGE_CENTER: Item<Addr> = Item::new("message_center");
/// The vault that holds and mints the coins.
pub const VAULT: Item<Addr> = Item::new("vault");
