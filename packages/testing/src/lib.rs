//! cw-btp's shared test suite: every contract of the suite wrapped for
//! `cw-multi-test`, so each test stores the real contract code it exercises,
//! and mocks of the parts a test wants to control.

pub mod chain;
pub mod committee;
pub mod contracts;
pub mod deploy;
pub mod events;
pub mod harness;
pub mod mock_handler;
pub mod mock_message_verifier;
pub mod mock_verifier;
#[cfg(feature = "relayer")]
pub mod relayer_backend;
pub mod suite;
pub mod verifier_answer;

/// The contracts' errors, for tests that assert which one they expect.
pub mod errors {
    pub use message_center::ContractError as MessageCenterError;
    pub use verifier_aggregate::ContractError as AggregateError;
    pub use verifier_committee::ContractError as CommitteeError;
    pub use verifier_tendermint::ContractError as VerifierError;
}
