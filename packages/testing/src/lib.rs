//! cw-btp's one test suite: every contract of the suite wrapped for
//! `cw-multi-test`, so each test stores the real contract code it exercises,
//! mocks of the parts a test wants to control, and the set-ups every crate's
//! tests start from: [`suite::SuiteBuilder`] and its variants on one app, and
//! [`harness`] (with `relay`, under the `relayer` feature) for chains with
//! real light clients.

pub mod chain;
pub mod committee;
pub mod contracts;
pub mod deploy;
pub mod events;
pub mod harness;
pub mod mock_fake_cw20;
pub mod mock_handler;
pub mod mock_message_center;
pub mod mock_message_verifier;
pub mod mock_verifier;
pub mod pools;
#[cfg(feature = "relayer")]
pub mod relay;
#[cfg(feature = "relayer")]
pub mod relayer_backend;
pub mod suite;
pub mod three_chains;
pub mod verifier_answer;

/// The contracts' errors, for tests that assert which one they expect.
pub mod errors {
    pub use cw20_base::ContractError as Cw20Error;
    pub use kv_service::ContractError as KvError;
    pub use message_center::ContractError as MessageCenterError;
    pub use token_handler::ContractError as HandlerError;
    pub use token_vault::ContractError as VaultError;
    pub use verifier_aggregate::ContractError as AggregateError;
    pub use verifier_committee::ContractError as CommitteeError;
    pub use verifier_tendermint::ContractError as VerifierError;

    /// The contract error of type `E` that `err` carries (cw-multi-test
    /// wraps it in context, of the call and of every submessage on the way,
    /// and `downcast_ref` looks through every layer); panics, naming `err`,
    /// when it carries none, so a test cannot pass on another failure.
    pub fn contract_error<E>(err: &anyhow::Error) -> &E
    where
        E: std::fmt::Display + std::fmt::Debug + Send + Sync + 'static,
    {
        err.downcast_ref::<E>()
            .unwrap_or_else(|| panic!("not a {}: {err:#}", std::any::type_name::<E>()))
    }

    /// The contract's refusal of a query: a query's error reaches the caller
    /// only as text (`Querier contract error: <the contract's error>`), so
    /// tests compare the contract error's own words.
    pub fn query_refusal(err: &cosmwasm_std::StdError) -> String {
        let text = err.to_string();
        match text.split_once("Querier contract error: ") {
            Some((_, refusal)) => refusal.to_string(),
            None => panic!("not a contract's refusal of a query: {text}"),
        }
    }
}
