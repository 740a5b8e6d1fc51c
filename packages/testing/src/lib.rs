//! cw-btp's shared test suite: every contract of the suite wrapped for
//! `cw-multi-test`, so each test stores the real contract code it exercises,
//! and mocks of the parts a test wants to control.

pub mod attestation_verifier;
pub mod chain;
pub mod contracts;
pub mod deploy;
pub mod events;
pub mod harness;
pub mod mock_handler;
pub mod mock_message_verifier;
pub mod mock_verifier;
pub mod suite;
