//! The verifiers' events (and the one every verifier's admin migration emits).

typed_events! {
    /// The light client froze: misbehaviour was proven.
    ClientFrozen = "verifier_client_frozen" {
        chain_id: String,
        height: u64,
        kind: String,
        evidence: String,
    }

    /// The owner replaced a frozen or expired light client's trusted state.
    TrustReplacedByOwner = "verifier_trust_replaced_by_owner" {
        owner: String,
        warning: String,
        previous_status: String,
        /// `none`, or the height.
        previous_frozen_height: String,
        previous_chain_id: String,
        previous_latest_height: u64,
        chain_id: String,
        latest_height: u64,
        /// Hex.
        app_hash: String,
        /// The trusted header's time, as the consensus state prints it.
        timestamp: String,
        /// Hex.
        next_validators_hash: String,
        epoch: u32,
    }

    /// The committee's owner proposed a new signer set.
    SignerSetProposed = "verifier_committee_signer_set_proposed" {
        signers: String,
        threshold: u32,
        rotation_delay_secs: u64,
        /// Nanoseconds.
        activates_at: u64,
        /// Whether it replaced a pending set.
        replaced: bool,
    }

    /// The committee's owner cancelled the pending signer set.
    SignerSetCancelled = "verifier_committee_signer_set_cancelled" {
        signers: String,
        threshold: u32,
    }

    /// The pending signer set became current.
    SignerSetApplied = "verifier_committee_signer_set_applied" {
        version: u64,
        signers: String,
        threshold: u32,
        rotation_delay_secs: u64,
    }

    /// The aggregate's owner replaced its verifiers or threshold.
    AggregateSetChanged = "verifier_aggregate_set_changed" {
        /// Comma-separated addresses.
        verifiers: String,
        threshold: u32,
    }

    /// A verifier's code was replaced by its admin.
    CodeMigratedByAdmin = "verifier_code_migrated_by_admin" {
        contract: String,
        version: String,
        warning: String,
    }
}

/// The warning of [`TrustReplacedByOwner`].
pub const TRUST_REPLACED_WARNING: &str = "the owner replaced the light client's trusted state: proofs now verify against a header nobody verified on chain; check it out of band";

/// The warning of [`CodeMigratedByAdmin`].
pub const CODE_MIGRATED_WARNING: &str =
    "the verifier's code was replaced by its admin: what it accepts is now decided by the new code";
