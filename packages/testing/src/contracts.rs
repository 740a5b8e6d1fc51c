//! The suite's contracts (and `cw20-base`) as `cw-multi-test` contracts.

use cosmwasm_std::Empty;
use cw_multi_test::{Contract, ContractWrapper};

/// The message center.
pub fn message_center() -> Box<dyn Contract<Empty>> {
    use message_center::contract::{execute, instantiate, migrate, query, reply};
    Box::new(
        ContractWrapper::new(execute, instantiate, query)
            .with_migrate(migrate)
            .with_reply(reply),
    )
}

/// The CometBFT light-client verifier.
pub fn verifier_tendermint() -> Box<dyn Contract<Empty>> {
    use verifier_tendermint::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// The committee verifier (k-of-n attestations).
pub fn verifier_committee() -> Box<dyn Contract<Empty>> {
    use verifier_committee::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// The aggregate verifier (k of n verifiers).
pub fn verifier_aggregate() -> Box<dyn Contract<Empty>> {
    use verifier_aggregate::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// The token handler.
pub fn token_handler() -> Box<dyn Contract<Empty>> {
    use token_handler::contract::{execute, instantiate, migrate, query, reply};
    Box::new(
        ContractWrapper::new(execute, instantiate, query)
            .with_migrate(migrate)
            .with_reply(reply),
    )
}

/// The token vault.
pub fn token_vault() -> Box<dyn Contract<Empty>> {
    use token_vault::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// `cw20-base`, which the vault instantiates for wrapped coins.
pub fn cw20_base() -> Box<dyn Contract<Empty>> {
    use cw20_base::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// The sample data service (`svc = "kv"`).
pub fn kv_service() -> Box<dyn Contract<Empty>> {
    use kv_service::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}
