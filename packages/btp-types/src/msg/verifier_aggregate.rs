//! Messages of `verifier-aggregate`: a verifier that asks several verifiers and accepts what k of them prove.
//!
//! A link whose verifier is an aggregate needs the agreement of `threshold`
//! distinct verifiers of a declared set (for example the CometBFT light
//! client and a committee), so that one broken verifier cannot forge a
//! message on its own.
//!
//! # Proofs
//!
//! The `proof` of a [`VerifierQuery`] is the JSON of an [`AggregateProof`]:
//! a list of [`SubProof`]s, each naming a verifier of the set (by index or
//! address) and carrying the proof in that verifier's format. The aggregate
//! asks each named verifier the same question with its sub-proof (a smart
//! query of [`VerifierQuery`]) until `threshold` of them have answered
//! success; an answer for another height than the one asked counts as a
//! failure. It refuses the proof before asking anyone when an entry names a
//! verifier outside the set or the same verifier twice (a verifier never
//! counts twice), or when it has fewer sub-proofs than `threshold`; and
//! after asking when fewer than `threshold` agreed, with each failing
//! verifier's error. Each sub-query is a contract hop (on wasmd, a fixed
//! instance charge each): a relayer sends exactly `threshold` sub-proofs.
//!
//! # The answer
//!
//! - `height`: the height asked.
//! - `timestamp`: the earliest of the agreeing verifiers' timestamps, the
//!   most conservative for timeouts (a message is only shown to have timed
//!   out if every agreeing verifier puts the height past the timeout).
//! - `trusted_at`: the latest (youngest) `trusted_at` among the agreeing
//!   answers that report one, `None` when none does. A verifier without such
//!   a moment (a committee) does not constrain it; among those that have one,
//!   the state is only as old as its most recent trust, so a link's delay
//!   period is counted from there.
//!
//! # Events
//!
//! Every response carries `action` in the `wasm` event:
//! - `instantiate`: `owner`, `verifiers` (comma-separated), `threshold`.
//! - `update_verifiers`: `verifiers`, `threshold`, plus the event
//!   `verifier_aggregate_set_changed` with the same attributes.
//! - `set_paused` (`paused`), `update_ownership`, `migrate`: from `contract-kit`.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Binary};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

pub use super::verifier::{Counterpart, VerifiedResponse, VerifierQuery};

/// Creates an aggregate verifier.
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner; the sender of the instantiation when absent.
    pub owner: Option<String>,
    /// The verifier contracts: distinct existing contracts, not the aggregate itself, at most 16.
    pub verifiers: Vec<String>,
    /// How many distinct verifiers must prove a fact: at least 1, at most their number.
    pub threshold: u32,
}

/// What the aggregate verifier does.
#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Owner only: replaces the verifier set and the threshold (validated as at
    /// instantiation), with immediate effect.
    UpdateVerifiers {
        /// The new verifier contracts.
        verifiers: Vec<String>,
        /// The new threshold.
        threshold: u32,
    },
    /// Owner only: stops (`true`) or resumes (`false`) verification.
    SetPaused {
        /// The new state.
        paused: bool,
    },
}

/// The proof of a [`VerifierQuery`] for this verifier (its JSON): a list of sub-proofs.
pub type AggregateProof = Vec<SubProof>;

/// One verifier's proof in an [`AggregateProof`].
#[cw_serde]
pub struct SubProof {
    /// The verifier: an index into the set, or its address.
    pub verifier: VerifierRef,
    /// The proof in that verifier's own format.
    pub proof: Binary,
}

/// Names a verifier of the set.
#[cw_serde]
#[serde(untagged)]
pub enum VerifierRef {
    /// Its index in the set (JSON: a number).
    Index(u32),
    /// Its address (JSON: a string).
    Address(String),
}

/// What the aggregate verifier answers: the generic questions of the
/// message center, and its own.
#[cw_serde]
#[derive(QueryResponses)]
#[query_responses(nested)]
#[serde(untagged)]
pub enum QueryMsg {
    /// The message center's questions ([`VerifierQuery`]); the proof is an [`AggregateProof`].
    Btp(VerifierQuery),
    /// The aggregate's own.
    Aggregate(AggregateQuery),
}

impl From<VerifierQuery> for QueryMsg {
    fn from(query: VerifierQuery) -> Self {
        Self::Btp(query)
    }
}

impl From<AggregateQuery> for QueryMsg {
    fn from(query: AggregateQuery) -> Self {
        Self::Aggregate(query)
    }
}

/// The aggregate's own queries.
#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum AggregateQuery {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
}

/// Answer of [`AggregateQuery::Config`].
#[cw_serde]
pub struct ConfigResponse {
    /// The verifier contracts, in the order indices refer to.
    pub verifiers: Vec<Addr>,
    /// How many of them must prove a fact.
    pub threshold: u32,
    /// Whether verification is stopped.
    pub paused: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{from_json, to_json_string};

    #[test]
    fn a_proof_names_verifiers_by_index_or_address() {
        let proof: AggregateProof = from_json(
            r#"[{"verifier": 1, "proof": "AQ=="}, {"verifier": "cosmwasm1xyz", "proof": ""}]"#,
        )
        .unwrap();
        assert_eq!(proof[0].verifier, VerifierRef::Index(1));
        assert_eq!(
            proof[1].verifier,
            VerifierRef::Address("cosmwasm1xyz".into())
        );
        assert_eq!(
            to_json_string(&proof[0]).unwrap(),
            r#"{"verifier":1,"proof":"AQ=="}"#
        );
    }

    #[test]
    fn config_and_ownership_queries_parse() {
        let msg: QueryMsg = from_json(r#"{"config": {}}"#).unwrap();
        assert_eq!(msg, QueryMsg::Aggregate(AggregateQuery::Config {}));
        let msg: QueryMsg = from_json(r#"{"ownership": {}}"#).unwrap();
        assert_eq!(msg, QueryMsg::Aggregate(AggregateQuery::Ownership {}));
    }

    #[test]
    fn every_query_has_one_response_schema() {
        use cosmwasm_schema::QueryResponses;
        let schemas = QueryMsg::response_schemas().unwrap();
        for query in [
            "verify_commitment",
            "verify_receive_state",
            "config",
            "ownership",
        ] {
            assert!(schemas.contains_key(query), "{query}");
        }
    }

    /// What `src/bin/schema.rs` would write for this contract.
    #[test]
    fn the_api_schema_renders() {
        let api = cosmwasm_schema::generate_api! {
            name: "verifier-aggregate",
            instantiate: InstantiateMsg,
            execute: ExecuteMsg,
            query: QueryMsg,
            migrate: crate::msg::MigrateMsg,
        };
        let json = api.render().to_string().unwrap();
        assert!(json.contains("verify_commitment"));
    }
}
