//! A verifier's answer to the message center's question, both as the typed
//! result of its query entry point (so that a test can match the error
//! variant) and through JSON (what a querying contract gets); the two must
//! agree, the JSON error carrying the typed error's text.

use btp_types::msg::verifier::{VerifiedResponse, VerifierQuery};
use cosmwasm_std::testing::mock_env;
use cosmwasm_std::{from_json, Addr, Binary, Deps, Env};
use cw_multi_test::App;

/// Asks the verifier at `address` `question`, through `query` (the
/// contract's query entry point, given the question) on its stored state,
/// and through the app's querier; panics if the two answers differ.
pub fn typed_verifier_answer<E: std::fmt::Display + std::fmt::Debug>(
    app: &App,
    address: &Addr,
    question: &VerifierQuery,
    query: impl FnOnce(Deps, Env, VerifierQuery) -> Result<Binary, E>,
) -> Result<VerifiedResponse, E> {
    let storage = app.contract_storage(address);
    let deps = Deps {
        storage: &*storage,
        api: app.api(),
        querier: app.wrap(),
    };
    let mut env = mock_env();
    env.block = app.block_info();
    env.contract.address = address.clone();
    let typed = query(deps, env, question.clone())
        .map(|answer| from_json::<VerifiedResponse>(answer).expect("a verified response"));
    let json = app
        .wrap()
        .query_wasm_smart::<VerifiedResponse>(address, question);
    match (&typed, &json) {
        (Ok(typed), Ok(json)) => assert_eq!(typed, json),
        (Err(typed), Err(json)) => assert!(
            json.to_string().contains(&typed.to_string()),
            "{json} does not carry {typed}"
        ),
        _ => panic!("typed {typed:?} and JSON {json:?} answers differ"),
    }
    typed
}
