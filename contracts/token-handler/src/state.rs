use btp_types::msg::token_handler::{
    CoinOrigin, FeePolicy, Limits, PendingTransfer, DEFAULT_TRANSFER_TIMEOUT_SECS,
};
use btp_types::msg::token_vault::VaultAsset;
use btp_types::token_service::TOKEN_SERVICE;
use btp_types::NetworkAddress;
use contract_kit::service::Service;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Uint128};
use cw_storage_plus::{Item, Map};

#[cw_serde]
pub struct Config {
    /// The message center as 0.2.0 and before kept it; the migration moves
    /// it to [`SERVICE`], and it is never stored again.
    #[serde(default, skip_serializing)]
    pub message_center: Option<Addr>,
    pub vault: Addr,
    /// This chain's network, read from the message center at instantiation.
    pub network: NetworkAddress,
    /// The timeout of a transfer that gives none, in seconds after its
    /// sending block's time. A configuration stored before timeouts existed
    /// reads as [`DEFAULT_TRANSFER_TIMEOUT_SECS`].
    #[serde(default = "default_timeout_secs")]
    pub default_timeout_secs: u64,
}

fn default_timeout_secs() -> u64 {
    DEFAULT_TRANSFER_TIMEOUT_SECS
}

/// A registered coin.
#[cw_serde]
pub struct Coin {
    pub origin: CoinOrigin,
    /// How the vault knows it.
    pub asset: VaultAsset,
    /// The cw20 contract that represents it here; for a foreign coin, set once
    /// the vault has created the wrapped token.
    pub token: Option<Addr>,
    pub fee: FeePolicy,
    pub limits: Limits,
}

/// A fixed rate-limit window, as versions before rolling limits stored it
/// under `windows`; read only by the migration, which replaces them with
/// [`RateLog`]s.
#[cw_serde]
#[derive(Default)]
pub struct LegacyWindow {
    /// Start, in seconds.
    pub start: u64,
    pub used: Uint128,
}

/// Amounts admitted by a rolling rate limit, in the time order of their
/// admission; see [`crate::rate_limit`].
#[cw_serde]
#[derive(Default)]
pub struct RateLog {
    /// Oldest first, `at` strictly increasing.
    pub entries: Vec<RateEntry>,
    /// Block time (seconds) before which the log has dropped entries as
    /// expired: a transfer sent before it has nothing left to give back.
    pub since: u64,
}

/// Admissions within one slice of the window: their sum, dated by the
/// latest of them (so that each counts for at least the whole window).
#[cw_serde]
pub struct RateEntry {
    /// Block time of the latest admission, in seconds.
    pub at: u64,
    /// What is still counted (refunds subtracted).
    pub amount: Uint128,
}

/// Direction of a rate limit.
pub const OUTGOING: u8 = 0;
pub const INCOMING: u8 = 1;

/// The message center (in [`Config`] up to 0.2.0; the migration moves it),
/// the last transfer serial number and the pending transfers (under their
/// keys of 0.2.0).
pub const SERVICE: Service<PendingTransfer> =
    Service::new(TOKEN_SERVICE, "message_center", "last_sn", "pending");
pub const CONFIG: Item<Config> = Item::new("config");
pub const COINS: Map<&str, Coin> = Map::new("coins");
/// Coin name by native denom (home native coins).
pub const COIN_BY_DENOM: Map<&str, String> = Map::new("coin_by_denom");
/// Coin name by cw20 contract (home cw20 tokens and wrapped tokens).
pub const COIN_BY_TOKEN: Map<&Addr, String> = Map::new("coin_by_token");
/// Index of pending transfers by sender.
pub const PENDING_BY_SENDER: Map<(&Addr, i64), ()> = Map::new("pending_by_sender");
/// Refunds that could not be paid, by (account, coin).
pub const REFUNDS: Map<(&Addr, &str), Uint128> = Map::new("refunds");
pub const BLACKLIST: Map<&Addr, ()> = Map::new("blacklist");
/// Fees collected, by coin.
pub const FEES: Map<&str, Uint128> = Map::new("fees");
/// Fixed rate-limit windows by (coin, direction), as versions before rolling
/// limits stored them; emptied by the migration.
pub const LEGACY_WINDOWS: Map<(&str, u8), LegacyWindow> = Map::new("windows");
/// Rolling rate-limit logs by (coin, direction).
pub const RATE_LOGS: Map<(&str, u8), RateLog> = Map::new("rate_logs");
/// Home coins sent to a network and not come back: the most that network can
/// return. Keeps each pair of chains' supply invariant separate.
pub const OUTSTANDING: Map<(&str, &str), Uint128> = Map::new("outstanding");
