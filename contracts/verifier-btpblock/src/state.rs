//! What the verifier keeps: its configuration and ICON's `BMVProperties`.

use btp_types::address::NetworkAddress;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Binary};
use cw_storage_plus::Item;

/// Set at instantiation, never changed.
#[cw_serde]
pub struct Config {
    /// The only caller of `verify_relay_message`.
    pub message_center: Addr,
    /// The ICON chain's network address; its string is the signed source network UID.
    pub source_network: NetworkAddress,
    /// The ICON message center's address.
    pub source_center: String,
    /// The BTP network type id the validators sign.
    pub network_type_id: u64,
}

/// ICON's `BMVProperties` (without the sequence offset, always 0 here).
#[cw_serde]
pub struct BmvState {
    /// The BTP network id followed.
    pub network_id: u64,
    /// Hash of the current proof context.
    pub proof_context_hash: Binary,
    /// The current validators (the proof context's addresses).
    pub validators: Vec<Binary>,
    /// Hash of the last verified block's network section.
    pub last_network_section_hash: Binary,
    /// The BTP network's message sequence: every message below it is proven.
    pub last_sequence: u64,
    /// MessagesRoot of the last verified block; none once all its messages are proven.
    pub last_messages_root: Option<Binary>,
    /// MessageCount of the last verified block.
    pub last_message_count: u64,
    /// First message sequence of the last verified block.
    pub last_first_message_sn: u64,
    /// Main height of the last verified block.
    pub height: u64,
}

impl BmvState {
    /// Messages of the last verified block already proven.
    pub fn processed_messages(&self) -> u64 {
        self.last_sequence
            .saturating_sub(self.last_first_message_sn)
    }

    /// Messages of the last verified block still to prove.
    pub fn remaining_messages(&self) -> u64 {
        self.last_message_count
            .saturating_sub(self.processed_messages())
    }
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const BMV_STATE: Item<BmvState> = Item::new("bmv_state");
