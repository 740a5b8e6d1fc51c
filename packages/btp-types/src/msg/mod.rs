//! Every contract's JSON messages. Clients and other contracts depend on this
//! module alone, never on a contract crate.

pub mod call_service;
pub mod htlc;
pub mod kv_service;
pub mod message_center;
pub mod service_handler;
pub mod token_handler;
pub mod token_vault;
pub mod verifier;
pub mod verifier_aggregate;
pub mod verifier_btpblock;
pub mod verifier_committee;
pub mod verifier_tendermint;

use cosmwasm_schema::cw_serde;

/// The message every contract's `migrate` takes. A migration is accepted only
/// to the same contract name and a newer-or-equal version (`cw2`, semver).
#[cw_serde]
pub struct MigrateMsg {}

/// Answer of the `paused` part of a contract's configuration, and the
/// argument of `set_paused`.
#[cw_serde]
pub struct PauseState {
    /// Whether operations that move messages or value are stopped.
    pub paused: bool,
}
