use cosmwasm_std::Addr;
use cw_storage_plus::Item;

/// The token handler, the only account that may move value; unset until the owner names it.
pub const HANDLER: Item<Addr> = Item::new("handler");
/// Code id of `cw20-base`, instantiated for each wrapped foreign coin.
pub const CW20_CODE_ID: Item<u64> = Item::new("cw20_code_id");
