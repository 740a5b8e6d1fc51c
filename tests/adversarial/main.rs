//! Every known bridge exploit class, reproduced against this suite and shown
//! to fail. One module per class; each test's doc comment names the check it
//! exercises: remove that check and the test fails.

mod admin_through_payloads;
mod common;
mod default_values;
mod forged_merkle_proofs;
mod forged_relays;
mod fuzzing;
mod link_lifecycle;
mod reentrancy_and_double_processing;
mod signature_checks;
mod unreceived_deposits;
mod value_limits;
mod verifier_kinds;
mod voting_power_and_trust;
