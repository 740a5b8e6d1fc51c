//! A `cw-multi-test` app's contract storage as the entries of a wasmd
//! chain's `wasm` store, where contract storage lives under
//! `0x03 ‖ canonical contract address ‖ storage key`
//! ([`btp_types::keys::wasm_store_key`]).

use btp_types::keys::wasm_store_key;
use cosmwasm_std::{Addr, Api, CustomMsg, CustomQuery, Empty, Order, Storage};
use cw_multi_test::{App, Bank, Distribution, Gov, Ibc, Module, Staking, Stargate, Wasm};
use cw_storage_plus::Map;
use serde::de::DeserializeOwned;

/// Every entry of one contract's storage, as `wasm` store entries.
pub fn contract_store_entries(
    api: &dyn Api,
    contract: &Addr,
    storage: &dyn Storage,
) -> Vec<(Vec<u8>, Vec<u8>)> {
    let canonical = api
        .addr_canonicalize(contract.as_str())
        .unwrap_or_else(|err| panic!("contract address {contract}: {err}"));
    storage
        .range(None, None, Order::Ascending)
        .map(|(key, value)| (wasm_store_key(canonical.as_slice(), &key), value))
        .collect()
}

/// Read access to the contract storage of a `cw-multi-test` app, whatever
/// its modules.
pub trait ContractStorageSource {
    /// The app's API (for canonical addresses).
    fn api(&self) -> &dyn Api;
    /// The storage of `contract`.
    fn contract_storage<'a>(&'a self, contract: &Addr) -> Box<dyn Storage + 'a>;
    /// Every instantiated contract.
    fn contracts(&self) -> Vec<Addr>;
}

impl<BankT, ApiT, StorageT, CustomT, WasmT, StakingT, DistrT, IbcT, GovT, StargateT>
    ContractStorageSource
    for App<BankT, ApiT, StorageT, CustomT, WasmT, StakingT, DistrT, IbcT, GovT, StargateT>
where
    CustomT: Module,
    WasmT: Wasm<CustomT::ExecT, CustomT::QueryT>,
    BankT: Bank,
    ApiT: Api,
    StorageT: Storage,
    StakingT: Staking,
    DistrT: Distribution,
    IbcT: Ibc,
    GovT: Gov,
    StargateT: Stargate,
    CustomT::ExecT: CustomMsg + DeserializeOwned + 'static,
    CustomT::QueryT: CustomQuery + DeserializeOwned + 'static,
{
    fn api(&self) -> &dyn Api {
        App::api(self) as &dyn Api
    }

    fn contract_storage<'a>(&'a self, contract: &Addr) -> Box<dyn Storage + 'a> {
        App::contract_storage(self, contract)
    }

    fn contracts(&self) -> Vec<Addr> {
        // cw-multi-test's wasm keeper lists contracts in a map `contracts`
        // of its `wasm` namespace; it has no public way to enumerate them.
        // (The test `the_whole_wasm_store_holds_every_contract` notices if
        // that layout changes.)
        const CONTRACTS: Map<&Addr, Empty> = Map::new("contracts");
        let wasm_namespace = self.prefixed_storage(b"wasm");
        CONTRACTS
            .keys(wasm_namespace.as_ref(), None, None, Order::Ascending)
            .collect::<Result<_, _>>()
            .expect("cw-multi-test's contract map has address keys")
    }
}

/// The `wasm` store entries of the given contracts.
pub fn contracts_wasm_store(
    app: &impl ContractStorageSource,
    contracts: &[Addr],
) -> Vec<(Vec<u8>, Vec<u8>)> {
    contracts
        .iter()
        .flat_map(|contract| {
            contract_store_entries(app.api(), contract, app.contract_storage(contract).as_ref())
        })
        .collect()
}

/// The `wasm` store entries of every contract of the app: the state a
/// [`super::SimulatedChain`] block commits to.
pub fn wasm_store(app: &impl ContractStorageSource) -> Vec<(Vec<u8>, Vec<u8>)> {
    contracts_wasm_store(app, &app.contracts())
}
