//! The event the relayer's node backend adds to a transaction's events: not
//! a contract's, but read by the same parsers.

typed_events! {
    /// A transaction the relayer submitted, as included.
    TxIncluded = "tx" {
        hash: String,
        gas_used: i64,
        gas_wanted: i64,
        /// The fee paid, with its denom.
        fee: String,
    }
}
