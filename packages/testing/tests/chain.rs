//! The simulated CometBFT chain (`testing::chain`) against the real checks:
//! `ics23` with the Cosmos SDK proof specs, beside a real Nyx proof, and the
//! unchanged verifier contract in `cw-multi-test`.

use btp_types::keys::{chain_head, commitment_storage_key, wasm_store_key, GENESIS_HEAD};
use btp_types::msg::token_handler::ExecuteMsg as HandlerMsg;
use btp_types::msg::verifier::Counterpart;
use btp_types::msg::verifier_tendermint::{
    ExecuteMsg, LatestHeightResponse, LightClientQuery, MembershipItem, VerifiedResponse,
};
use btp_types::BtpAddress;
use cosmwasm_std::{coin, Addr, Api, Binary, StdResult, Timestamp, Uint128};
use cw_multi_test::{App, AppResponse, Executor};
use cw_storage_plus::Map;
use ics23::commitment_proof::Proof;
use ics23::CommitmentProof;
use prost::Message as _;
use prost_ics23::Message as _;
use testing::chain::merkle::{decode_merkle_proof, Sha256Hashes};
use testing::chain::{
    contract_store_entries, proof_height, wasm_path, wasm_store, ContractStorageSource,
    SimulatedChain, SimulatedValidator, SimulatedValidatorSet,
};
use testing::suite::{Side, SuiteBuilder, COIN_A_DENOM};

const GENESIS: Timestamp = Timestamp::from_seconds(1_700_000_000);
const CHAIN_ID: &str = "chain-a-1";

/// The time of block `height`: six seconds apart, as on many Cosmos chains.
fn block_time(height: u64) -> Timestamp {
    GENESIS.plus_seconds(6 * height)
}

/// Checks a two-layer proof of `key` = `value` in the `wasm` store against
/// `app_hash` exactly as ibc-go does, with `ics23`'s own Cosmos SDK specs:
/// IAVL for the store, then the multistore's simple Merkle tree.
fn proves_with_cosmos_specs(
    proofs: &[CommitmentProof],
    key: &[u8],
    value: &[u8],
    app_hash: &[u8],
) -> bool {
    let [store_proof, multistore_proof] = proofs else {
        return false;
    };
    let Some(Proof::Exist(exist)) = &store_proof.proof else {
        return false;
    };
    let Ok(store_root) = ics23::calculate_existence_root::<Sha256Hashes>(exist) else {
        return false;
    };
    ics23::verify_membership::<Sha256Hashes>(
        store_proof,
        &ics23::iavl_spec(),
        &store_root,
        key,
        value,
    ) && ics23::verify_membership::<Sha256Hashes>(
        multistore_proof,
        &ics23::tendermint_spec(),
        &app_hash.to_vec(),
        b"wasm",
        &store_root,
    )
}

/// The real proof of `wasm-store-proof/nyx-mixnet-admin.json` (abci_query at
/// Nyx mainnet height 24499896, with the app hash of header 24499897).
struct NyxProof {
    key: Vec<u8>,
    value: Vec<u8>,
    app_hash: Vec<u8>,
    proofs: Vec<CommitmentProof>,
}

fn nyx_proof() -> NyxProof {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../contracts/verifier-tendermint/tests/fixtures/wasm-store-proof/nyx-mixnet-admin.json"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let field = |name: &str| hex::decode(json[name].as_str().unwrap()).unwrap();
    assert_eq!(
        json["app_hash_from_header_height"].as_u64(),
        json["query_height"].as_u64().map(proof_height)
    );
    NyxProof {
        key: field("key"),
        value: field("value"),
        app_hash: field("app_hash"),
        proofs: ["iavl_proof", "simple_proof"]
            .map(|name| CommitmentProof::decode(field(name).as_slice()).unwrap())
            .to_vec(),
    }
}

fn four_validators(seed_prefix: &str) -> SimulatedValidatorSet {
    SimulatedValidatorSet::equal_power(seed_prefix, 4, 10)
}

/// A chain with a cw20 token whose balances change from block to block.
struct Source {
    app: App,
    chain: SimulatedChain,
    token: Addr,
    alice: Addr,
    bob: Addr,
}

const BALANCES: Map<&Addr, Uint128> = Map::new("balance");

impl Source {
    fn new(validators: SimulatedValidatorSet) -> Self {
        let mut app = App::default();
        let (alice, bob) = (app.api().addr_make("alice"), app.api().addr_make("bob"));
        let code = app.store_code(testing::contracts::cw20_base());
        let token = app
            .instantiate_contract(
                code,
                alice.clone(),
                &btp_types::cw20_base::Cw20BaseInstantiateMsg {
                    name: "Token".into(),
                    symbol: "TOKEN".into(),
                    decimals: 6,
                    initial_balances: vec![cw20::Cw20Coin {
                        address: alice.to_string(),
                        amount: Uint128::new(1_000),
                    }],
                    mint: None,
                    marketing: None,
                },
                &[],
                "token",
                None,
            )
            .unwrap();
        Self {
            app,
            chain: SimulatedChain::new(CHAIN_ID, validators, GENESIS),
            token,
            alice,
            bob,
        }
    }

    /// Commits the app's whole `wasm` store as the next block.
    fn commit(&mut self) -> u64 {
        let height = self.chain.latest_height().map_or(1, |latest| latest + 1);
        self.chain.commit(wasm_store(&self.app), block_time(height))
    }

    fn commit_blocks(&mut self, count: usize) -> u64 {
        (0..count).map(|_| self.commit()).last().unwrap()
    }

    fn transfer(&mut self, from: &Addr, to: &Addr, amount: u128) {
        let msg = cw20::Cw20ExecuteMsg::Transfer {
            recipient: to.to_string(),
            amount: Uint128::new(amount),
        };
        self.app
            .execute_contract(from.clone(), self.token.clone(), &msg, &[])
            .unwrap();
    }

    /// The `wasm` store key of `owner`'s balance.
    fn balance_key(&self, owner: &Addr) -> Vec<u8> {
        let canonical = self
            .app
            .api()
            .addr_canonicalize(self.token.as_str())
            .unwrap();
        wasm_store_key(canonical.as_slice(), &BALANCES.key(owner))
    }
}

/// Another chain running the real verifier, which trusts `chain` at `trusted_height`.
struct Destination {
    app: App,
    verifier: Addr,
}

impl Destination {
    fn new(chain: &SimulatedChain, trusted_height: u64) -> Self {
        let mut app = App::default();
        app.update_block(|block| block.time = block_time(trusted_height).plus_seconds(1));
        let code = app.store_code(testing::contracts::verifier_tendermint());
        let owner = app.api().addr_make("owner");
        let verifier = app
            .instantiate_contract(
                code,
                owner,
                &chain.verifier_instantiate_msg(trusted_height).unwrap(),
                &[],
                "verifier",
                None,
            )
            .unwrap();
        Self { app, verifier }
    }

    /// Submits `header` a second after block `height` was made.
    fn update(&mut self, height: u64, header: Binary) -> anyhow::Result<AppResponse> {
        self.app
            .update_block(|block| block.time = block_time(height).plus_seconds(1));
        let relayer = self.app.api().addr_make("relayer");
        self.app.execute_contract(
            relayer,
            self.verifier.clone(),
            &ExecuteMsg::UpdateClient { header },
            &[],
        )
    }

    /// Updates the client to block `height` of `chain` from `trusted_height`.
    fn update_from(
        &mut self,
        chain: &SimulatedChain,
        trusted_height: u64,
        height: u64,
    ) -> anyhow::Result<AppResponse> {
        self.update(height, chain.update_header(trusted_height, height)?)
    }

    fn latest_height(&self) -> u64 {
        let latest: LatestHeightResponse = self
            .app
            .wrap()
            .query_wasm_smart(&self.verifier, &LightClientQuery::LatestHeight {})
            .unwrap();
        latest.height
    }

    fn verify(&self, query: &LightClientQuery) -> StdResult<VerifiedResponse> {
        self.app.wrap().query_wasm_smart(&self.verifier, query)
    }

    fn verify_membership(
        &self,
        height: u64,
        key: &[u8],
        value: &[u8],
        proof: &[u8],
    ) -> StdResult<VerifiedResponse> {
        self.verify(&LightClientQuery::VerifyMembership {
            height,
            path: wasm_path(key),
            value: Binary::from(value),
            proof: Binary::from(proof),
        })
    }
}

#[test]
fn simulated_proofs_pass_the_cosmos_specs_that_pass_a_real_nyx_proof() {
    let nyx = nyx_proof();
    assert!(proves_with_cosmos_specs(
        &nyx.proofs,
        &nyx.key,
        &nyx.value,
        &nyx.app_hash
    ));

    let mut source = Source::new(four_validators("val"));
    let (alice, bob) = (source.alice.clone(), source.bob.clone());
    source.transfer(&alice, &bob, 300);
    let query_height = source.commit();
    let key = source.balance_key(&bob);
    let value = source.chain.value(query_height, &key).unwrap().unwrap();
    assert_eq!(value, br#""300""#);
    let proof = source.chain.membership_proof(query_height, &key).unwrap();
    let proofs = decode_merkle_proof(&proof).unwrap();

    // The app hash that commits to the proven state is in the next header.
    let header_height = source.commit();
    assert_eq!(header_height, proof_height(query_height));
    let app_hash = source
        .chain
        .light_block(header_height)
        .unwrap()
        .app_hash()
        .to_vec();
    assert!(proves_with_cosmos_specs(&proofs, &key, &value, &app_hash));

    // The same leaf operations as the real proof (the IAVL leaf prefix
    // only differs in its version, after height 0 and size 1).
    let leaf = |proof: &CommitmentProof| match &proof.proof {
        Some(Proof::Exist(exist)) => exist.leaf.clone().unwrap(),
        _ => panic!("an existence proof"),
    };
    let (ours, real) = (leaf(&proofs[0]), leaf(&nyx.proofs[0]));
    assert_eq!(ours.prefix[..2], real.prefix[..2]);
    assert_eq!(
        (ours.hash, ours.prehash_key, ours.prehash_value, ours.length),
        (real.hash, real.prehash_key, real.prehash_value, real.length)
    );
    assert_eq!(leaf(&proofs[1]), leaf(&nyx.proofs[1]));

    // Each check can fail: another value, another key, the header of the
    // query height itself.
    assert!(!proves_with_cosmos_specs(
        &proofs,
        &key,
        br#""301""#,
        &app_hash
    ));
    let alice_key = source.balance_key(&alice);
    assert!(!proves_with_cosmos_specs(
        &proofs, &alice_key, &value, &app_hash
    ));
    let query_header = source.chain.light_block(query_height).unwrap();
    assert!(!proves_with_cosmos_specs(
        &proofs,
        &key,
        &value,
        query_header.app_hash()
    ));
    assert!(!proves_with_cosmos_specs(
        &nyx.proofs,
        &nyx.key,
        &nyx.value,
        &app_hash
    ));
}

#[test]
fn simulated_absence_proofs_pass_the_iavl_spec() {
    let mut source = Source::new(four_validators("val"));
    let height = source.commit();
    let app_hash = {
        let next = source.commit();
        source.chain.light_block(next).unwrap().app_hash().to_vec()
    };
    let nobody = source.app.api().addr_make("nobody");
    // Before every key, between two, after every key of the store.
    for missing in [vec![0x01], source.balance_key(&nobody), vec![0xff; 40]] {
        let proof = source.chain.non_membership_proof(height, &missing).unwrap();
        let proofs = decode_merkle_proof(&proof).unwrap();
        let Some(Proof::Nonexist(absent)) = &proofs[0].proof else {
            panic!("a non-existence proof");
        };
        let neighbour = absent.left.as_ref().or(absent.right.as_ref()).unwrap();
        let store_root = ics23::calculate_existence_root::<Sha256Hashes>(neighbour).unwrap();
        assert!(ics23::verify_non_membership::<Sha256Hashes>(
            &proofs[0],
            &ics23::iavl_spec(),
            &store_root,
            &missing
        ));
        assert!(ics23::verify_membership::<Sha256Hashes>(
            &proofs[1],
            &ics23::tendermint_spec(),
            &app_hash,
            b"wasm",
            &store_root
        ));
    }
    let alice_key = source.balance_key(&source.alice.clone());
    let err = source
        .chain
        .non_membership_proof(height, &alice_key)
        .unwrap_err();
    assert!(err.to_string().contains("is stored at height"), "{err:#}");
}

#[test]
fn the_whole_wasm_store_holds_every_contract() {
    let mut source = Source::new(four_validators("val"));
    let code = source.app.store_code(testing::contracts::cw20_base());
    let alice = source.alice.clone();
    let second = source
        .app
        .instantiate_contract(
            code,
            alice.clone(),
            &btp_types::cw20_base::Cw20BaseInstantiateMsg {
                name: "Second".into(),
                symbol: "SECOND".into(),
                decimals: 0,
                initial_balances: vec![cw20::Cw20Coin {
                    address: alice.to_string(),
                    amount: Uint128::new(5),
                }],
                mint: None,
                marketing: None,
            },
            &[],
            "second",
            None,
        )
        .unwrap();
    let mut contracts = source.app.contracts();
    contracts.sort();
    let mut expected = vec![source.token.clone(), second.clone()];
    expected.sort();
    assert_eq!(contracts, expected);

    let store = wasm_store(&source.app);
    for contract in [&source.token, &second] {
        let entries = contract_store_entries(
            source.app.api(),
            contract,
            source.app.contract_storage(contract).as_ref(),
        );
        assert!(!entries.is_empty());
        assert!(entries.iter().all(|entry| store.contains(entry)));
    }
    let canonical = source.app.api().addr_canonicalize(second.as_str()).unwrap();
    let key = wasm_store_key(canonical.as_slice(), &BALANCES.key(&alice));
    assert!(store.contains(&(key, br#""5""#.to_vec())));
}

#[test]
fn the_same_chain_built_twice_is_the_same_to_the_byte() {
    let build = || {
        let mut source = Source::new(SimulatedValidatorSet::with_powers("val", &[40, 30, 20, 10]));
        let (alice, bob) = (source.alice.clone(), source.bob.clone());
        source.commit();
        source.transfer(&alice, &bob, 1);
        source.chain.rotate_validators(four_validators("other"));
        source.commit_blocks(3);
        let key = source.balance_key(&bob);
        (
            source.chain.update_header(1, 4).unwrap(),
            source.chain.membership_proof(3, &key).unwrap(),
        )
    };
    assert_eq!(build(), build());
}

#[test]
fn a_chain_may_start_at_any_height() {
    let mut source = Source::new(four_validators("val"));
    source.chain =
        SimulatedChain::new(CHAIN_ID, four_validators("val"), GENESIS).with_initial_height(12_345);
    assert_eq!(source.chain.latest_height(), None);
    assert_eq!(source.commit(), 12_345);
    let err = source.chain.light_block(12_344).unwrap_err();
    assert!(
        err.to_string().contains("has no block at height 12344"),
        "{err:#}"
    );
    let mut destination = Destination::new(&source.chain, 12_345);
    assert_eq!(source.commit(), 12_346);
    destination
        .update_from(&source.chain, 12_345, 12_346)
        .unwrap();

    let key = source.balance_key(&source.alice.clone());
    let proof = source.chain.membership_proof(12_345, &key).unwrap();
    destination
        .verify_membership(12_346, &key, br#""1000""#, &proof)
        .unwrap();
}

#[test]
fn the_verifier_follows_adjacent_and_skipping_headers_across_validator_rotations() {
    let old = SimulatedValidatorSet::with_powers("old", &[40, 30, 20, 10]);
    let mut source = Source::new(old.clone());
    source.commit();
    let mut destination = Destination::new(&source.chain, 1);

    source.commit();
    destination.update_from(&source.chain, 1, 2).unwrap();
    assert_eq!(destination.latest_height(), 2);

    // Block 3 names a set that keeps three of the four old validators
    // (90% of the old power); it signs from block 4 on. A header three
    // blocks ahead is trusted on that overlap.
    let mut partly_new: Vec<SimulatedValidator> = old.validators()[..3].to_vec();
    partly_new.push(SimulatedValidator::new("new-0", 25));
    source
        .chain
        .rotate_validators(SimulatedValidatorSet::new(partly_new));
    source.commit_blocks(3);
    assert_ne!(
        source.chain.light_block(5).unwrap().validators.hash(),
        source.chain.light_block(2).unwrap().validators.hash()
    );
    destination.update_from(&source.chain, 2, 5).unwrap();
    assert_eq!(destination.latest_height(), 5);

    // Block 6 names an entirely new set, which signs from block 7 on: it
    // shares no power with the trusted set, so skipping to block 8 fails,
    // and adjacent steps through the rotation succeed.
    source.chain.rotate_validators(four_validators("newer"));
    source.commit_blocks(3);
    let err = destination.update_from(&source.chain, 5, 8).unwrap_err();
    assert!(
        format!("{err:#}").contains("too little voting power signed"),
        "{err:#}"
    );
    for height in 6..=8 {
        destination
            .update_from(&source.chain, height - 1, height)
            .unwrap();
    }
    assert_eq!(destination.latest_height(), 8);

    // A long skip within one validator set.
    source.commit_blocks(20);
    destination.update_from(&source.chain, 8, 28).unwrap();
    assert_eq!(destination.latest_height(), 28);
}

#[test]
fn an_update_may_leave_out_trusted_validators_equal_to_its_own() {
    let mut source = Source::new(four_validators("val"));
    source.commit();
    let mut destination = Destination::new(&source.chain, 1);
    source.commit_blocks(3);
    let trusted = source.chain.light_block(1).unwrap().next_validators.clone();
    let mut header = source.chain.light_block(4).unwrap().ibc_header(1, &trusted);
    let full_length = header.encoded_len();
    header.trusted_validators = None;
    assert!(header.encoded_len() < full_length);
    destination
        .update(4, Binary::new(header.encode_to_vec()))
        .unwrap();
    assert_eq!(destination.latest_height(), 4);
}

#[test]
fn the_verifier_proves_a_cw20_balance_and_refuses_a_changed_value_or_key() {
    let mut source = Source::new(four_validators("val"));
    source.commit();
    let mut destination = Destination::new(&source.chain, 1);
    let (alice, bob) = (source.alice.clone(), source.bob.clone());

    source.transfer(&alice, &bob, 300);
    let query_height = source.commit();
    let header_height = source.commit();
    destination
        .update_from(&source.chain, 1, header_height)
        .unwrap();

    let bob_key = source.balance_key(&bob);
    let stored = source
        .app
        .contract_storage(&source.token)
        .get(&BALANCES.key(&bob))
        .unwrap();
    assert_eq!(stored, br#""300""#);
    let proof = source
        .chain
        .membership_proof(query_height, &bob_key)
        .unwrap();
    let verified = destination
        .verify_membership(proof_height(query_height), &bob_key, &stored, &proof)
        .unwrap();
    assert_eq!(verified.height, header_height);

    let err = destination
        .verify_membership(header_height, &bob_key, br#""3000""#, &proof)
        .unwrap_err();
    assert!(
        err.to_string().contains("does not prove the value"),
        "{err}"
    );
    let alice_key = source.balance_key(&alice);
    let err = destination
        .verify_membership(header_height, &alice_key, &stored, &proof)
        .unwrap_err();
    assert!(
        err.to_string().contains("does not prove the value"),
        "{err}"
    );

    // A batch of both balances, with one proof each.
    let item = |key: &[u8], value: &[u8], proof: Vec<u8>| MembershipItem {
        path: wasm_path(key),
        value: Binary::from(value),
        proof: Binary::new(proof),
    };
    let alice_proof = source
        .chain
        .membership_proof(query_height, &alice_key)
        .unwrap();
    let batch = |items| LightClientQuery::VerifyBatchMembership {
        height: header_height,
        items,
    };
    destination
        .verify(&batch(vec![
            item(&alice_key, br#""700""#, alice_proof.clone()),
            item(&bob_key, &stored, proof.clone()),
        ]))
        .unwrap();
    let err = destination
        .verify(&batch(vec![
            item(&alice_key, br#""700""#, alice_proof),
            item(&bob_key, br#""301""#, proof),
        ]))
        .unwrap_err();
    assert!(err.to_string().contains("batch item 1"), "{err}");
}

#[test]
fn a_proof_checks_only_against_the_header_after_its_query_height() {
    let mut source = Source::new(four_validators("val"));
    source.commit();
    let mut destination = Destination::new(&source.chain, 1);
    let (alice, bob) = (source.alice.clone(), source.bob.clone());
    source.transfer(&alice, &bob, 300);
    let query_height = source.commit();
    source.transfer(&alice, &bob, 1);
    source.commit_blocks(2);
    for height in [query_height, query_height + 1, query_height + 2] {
        destination.update_from(&source.chain, 1, height).unwrap();
    }

    let key = source.balance_key(&bob);
    let proof = source.chain.membership_proof(query_height, &key).unwrap();
    destination
        .verify_membership(query_height + 1, &key, br#""300""#, &proof)
        .unwrap();
    for wrong in [query_height, query_height + 2] {
        let err = destination
            .verify_membership(wrong, &key, br#""300""#, &proof)
            .unwrap_err();
        assert!(err.to_string().contains("is not the app hash"), "{err}");
    }
    // Header `query_height + 2` commits to the balance after the second transfer.
    let later = source
        .chain
        .membership_proof(query_height + 1, &key)
        .unwrap();
    destination
        .verify_membership(query_height + 2, &key, br#""301""#, &later)
        .unwrap();
}

#[test]
fn the_verifier_proves_that_a_key_is_absent() {
    let mut source = Source::new(four_validators("val"));
    source.commit();
    let mut destination = Destination::new(&source.chain, 1);
    let header_height = source.commit();
    destination
        .update_from(&source.chain, 1, header_height)
        .unwrap();

    let nobody = source.app.api().addr_make("nobody");
    let missing = source.balance_key(&nobody);
    let proof = source.chain.non_membership_proof(1, &missing).unwrap();
    let absent = |key: &[u8]| LightClientQuery::VerifyNonMembership {
        height: header_height,
        path: wasm_path(key),
        proof: Binary::new(proof.clone()),
    };
    destination.verify(&absent(&missing)).unwrap();
    let alice_key = source.balance_key(&source.alice.clone());
    let err = destination.verify(&absent(&alice_key)).unwrap_err();
    assert!(
        err.to_string().contains("does not prove the absence"),
        "{err}"
    );
}

#[test]
fn a_header_signed_by_too_little_voting_power_is_refused() {
    let validators = SimulatedValidatorSet::with_powers("val", &[50, 20, 20, 10]);
    let mut source = Source::new(validators.clone());
    source.commit();
    let mut destination = Destination::new(&source.chain, 1);
    source.commit();
    let trusted = source.chain.light_block(1).unwrap().next_validators.clone();
    let block = source.chain.light_block(2).unwrap();
    let power_of = |seeds: &[&str]| {
        let addresses: Vec<_> = validators
            .validators()
            .iter()
            .filter(|v| seeds.contains(&v.seed()))
            .map(|v| v.address())
            .collect();
        move |info: &tendermint::validator::Info| addresses.contains(&info.address)
    };

    // Less than two thirds of the power (60 or 50 of 100) is refused; 70 is enough.
    for signers in [&["val-0", "val-3"][..], &["val-1", "val-2", "val-3"][..]] {
        let header = block
            .with_signers(power_of(signers))
            .update_header(1, &trusted);
        let err = destination.update(2, header).unwrap_err();
        assert!(
            format!("{err:#}").contains("too little voting power signed"),
            "{signers:?}: {err:#}"
        );
    }
    assert_eq!(destination.latest_height(), 1);

    let header = block
        .with_signers(power_of(&["val-0", "val-1"]))
        .update_header(1, &trusted);
    destination.update(2, header).unwrap();
    assert_eq!(destination.latest_height(), 2);
}

/// A message the suite's message center on A committed, relayed as a
/// relayer does: the commitment is written in block `Q`, the verifier is
/// updated to header `Q + 1`, which commits to it, and the proof is the
/// one queried at `Q`.
struct RelayedCommitment {
    chain: SimulatedChain,
    destination: Destination,
    message: Vec<u8>,
    timeout: Option<Timestamp>,
    key: Vec<u8>,
    next_key: Vec<u8>,
    stored: Vec<u8>,
    proof: Vec<u8>,
    header_height: u64,
}

fn relay_a_commitment() -> RelayedCommitment {
    let mut suite = SuiteBuilder::new().build();
    let mut chain = SimulatedChain::new(CHAIN_ID, four_validators("val"), GENESIS);
    chain.commit(wasm_store(&suite.app), block_time(1));
    let mut destination = Destination::new(&chain, 1);

    let (user, handler) = (suite.user.clone(), suite.a.handler.clone());
    let receiver = format!("btp://{}/{}", suite.b.network, suite.user);
    let transfer = HandlerMsg::Transfer {
        to: BtpAddress::parse(&receiver).unwrap(),
        timeout_secs: None,
    };
    suite
        .execute(
            Side::A,
            &user,
            &handler,
            &transfer,
            &[coin(1_000, COIN_A_DENOM)],
        )
        .unwrap();
    let committed = suite.outbox_messages(Side::A)[0].clone();

    let query_height = chain.commit(wasm_store(&suite.app), block_time(2));
    let header_height = chain.commit(wasm_store(&suite.app), block_time(3));
    destination.update_from(&chain, 1, header_height).unwrap();

    let center = suite
        .app
        .api()
        .addr_canonicalize(suite.a.message_center.as_str())
        .unwrap();
    let key_of = |sequence| {
        wasm_store_key(
            center.as_slice(),
            &commitment_storage_key(
                &Counterpart {
                    network: suite.b.network.clone(),
                    center: suite.b.message_center.to_string(),
                },
                sequence,
            ),
        )
    };
    let key = key_of(committed.sequence);
    RelayedCommitment {
        stored: chain.value(query_height, &key).unwrap().unwrap(),
        proof: chain.membership_proof(query_height, &key).unwrap(),
        next_key: key_of(committed.sequence + 1),
        key,
        message: committed.message,
        timeout: committed.timeout,
        chain,
        destination,
        header_height: proof_height(query_height),
    }
}

#[test]
fn a_message_center_commitment_is_proven_by_the_real_verifier() {
    let relayed = relay_a_commitment();
    let (destination, height) = (&relayed.destination, relayed.header_height);
    assert_eq!(relayed.chain.latest_height(), Some(height));
    destination
        .verify_membership(height, &relayed.key, &relayed.stored, &relayed.proof)
        .unwrap();

    // Another stored commitment, or the proof offered for the next sequence, fails.
    let mut other = relayed.stored.clone();
    other[3] ^= 1;
    let err = destination
        .verify_membership(height, &relayed.key, &other, &relayed.proof)
        .unwrap_err();
    assert!(
        err.to_string().contains("does not prove the value"),
        "{err}"
    );
    let err = destination
        .verify_membership(height, &relayed.next_key, &relayed.stored, &relayed.proof)
        .unwrap_err();
    assert!(
        err.to_string().contains("does not prove the value"),
        "{err}"
    );
}

/// What the destination message center asks its verifier (the raw 32-byte
/// head chaining the message) must be what the source stored, byte for
/// byte: a JSON-encoded commitment would make every real proof fail.
#[test]
fn the_commitment_the_destination_asks_for_is_the_one_the_source_stored() {
    let relayed = relay_a_commitment();
    let commitment = chain_head(&GENESIS_HEAD, &relayed.message, relayed.timeout);
    assert_eq!(relayed.stored, commitment);
    relayed
        .destination
        .verify_membership(
            relayed.header_height,
            &relayed.key,
            &commitment,
            &relayed.proof,
        )
        .unwrap();
    let mut tampered = relayed.message.clone();
    *tampered.last_mut().unwrap() ^= 1;
    relayed
        .destination
        .verify_membership(
            relayed.header_height,
            &relayed.key,
            &chain_head(&GENESIS_HEAD, &tampered, relayed.timeout),
            &relayed.proof,
        )
        .unwrap_err();
}
