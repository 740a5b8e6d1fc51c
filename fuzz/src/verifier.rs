//! The light-client targets: what `contracts/verifier-tendermint` parses
//! from untrusted bytes (headers, misbehaviour, ICS-23 proofs), reached
//! through the crate's public functions as the contract reaches them.
//!
//! The trusted states come from real chains (the CometBFT fixtures of
//! `contracts/verifier-tendermint/tests/fixtures`, the real Nyx storage
//! proof, the ICS-23 test vectors) and from a simulated chain of
//! `packages/testing`, built once per process.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use btp_types::keys::WASM_STORE_NAME;
use btp_types::msg::verifier_tendermint::{
    ClientState, ClientStatus, ConsensusState, ExecuteMsg, InstantiateMsg, LightClientQuery,
    ProofSpec, QueryMsg, StatusResponse, TrustThreshold,
};
use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{from_json, Binary, Env, Order, OwnedDeps, Storage, Timestamp};
use ics23::commitment_proof::Proof;
use ics23::{CommitmentProof, ExistenceProof};
use prost::Message as _;
use prost_ics23::Message as _;
use tendermint_proto::v0_38::types::{
    SignedHeader as RawSignedHeader, ValidatorSet as RawValidatorSet,
};
use testing::chain::{SimulatedChain, SimulatedValidatorSet};
use verifier_tendermint::contract;
use verifier_tendermint::header::{Header, Misbehaviour, RawHeader, RawHeight, RawMisbehaviour};
use verifier_tendermint::membership::{verify_membership, verify_non_membership, MerkleProof};
use verifier_tendermint::testing::{
    archway_block, celestia_block, celestia_rpc_block, read_fixture, LightBlock,
};

use crate::input::{Reader, Writer};

type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

fn snapshot(storage: &dyn Storage) -> Vec<(Vec<u8>, Vec<u8>)> {
    storage.range(None, None, Order::Ascending).collect()
}

fn env_at(time: Timestamp) -> Env {
    let mut env = mock_env();
    env.block.time = time;
    env
}

// ---------------------------------------------------------------------------
// verifier_header

/// Re-encodes a decoded header with the `tendermint` types' own conversions.
fn raw_header(header: &Header) -> RawHeader {
    RawHeader {
        signed_header: Some(RawSignedHeader::from(header.signed_header.clone())),
        validator_set: Some(RawValidatorSet::from(header.validator_set.clone())),
        trusted_height: Some(RawHeight {
            revision_number: header.trusted_revision,
            revision_height: header.trusted_height,
        }),
        trusted_validators: header.trusted_validators.clone().map(RawValidatorSet::from),
    }
}

/// A decoded header survives re-encoding, and what the light client
/// computes from it (hashes, the consensus state) never panics.
fn check_header(header: &Header) {
    let bytes = Binary::new(raw_header(header).encode_to_vec());
    let again = Header::decode(&bytes).unwrap_or_else(|err| {
        panic!("a decoded header re-encodes to bytes that are refused: {err}")
    });
    assert_eq!(
        again.signed_header, header.signed_header,
        "signed header changed"
    );
    assert_eq!(
        again.validator_set, header.validator_set,
        "validator set changed"
    );
    assert_eq!(again.trusted_validators, header.trusted_validators);
    assert_eq!(
        (again.trusted_revision, again.trusted_height),
        (header.trusted_revision, header.trusted_height)
    );
    let _ = header.consensus_state();
    let _ = header.signed_header.header.hash();
    let _ = header.validator_set.hash();
    let _ = header.trusted_validators().hash();
    let _ = header.height();
}

/// `verifier_header`: bytes to the decoders of `update_client` and
/// `submit_misbehaviour` (`Header::decode`, `Misbehaviour::decode`).
///
/// Never panics; a decoded header re-encodes (ibc-go's protobuf, through
/// the `tendermint` domain types) to bytes that decode to the same header;
/// hashing it and taking its consensus state never panics.
pub fn verifier_header(data: &[u8]) {
    let bytes = Binary::from(data);
    if let Ok(header) = Header::decode(&bytes) {
        check_header(&header);
    }
    if let Ok(misbehaviour) = Misbehaviour::decode(&bytes) {
        check_header(&misbehaviour.header_1);
        check_header(&misbehaviour.header_2);
    }
}

// ---------------------------------------------------------------------------
// Chains: real fixtures and a simulated one

/// A light client set-up: what it is instantiated with, and when it runs.
pub struct Client {
    pub name: &'static str,
    pub instantiate: InstantiateMsg,
    pub now: Timestamp,
}

/// A chain's genuine blocks, for update clients and seeds.
pub struct Chain {
    pub name: &'static str,
    /// The trusted block first, then the blocks a relayer could bring.
    pub blocks: Vec<LightBlock>,
    /// A block that is not genuine (the `malicious` fixture's conflicting one).
    pub forged: Option<LightBlock>,
}

/// The simulated chain of the update and proof targets: 4 validators,
/// blocks 10 to 14 (a validator rotation takes effect at 14), and a
/// `wasm` store of a few contract keys.
pub struct Simulated {
    pub chain: SimulatedChain,
    pub genesis: Timestamp,
    /// The keys stored at [`SIM_QUERY_HEIGHT`].
    pub keys: Vec<Vec<u8>>,
    /// Keys absent at [`SIM_QUERY_HEIGHT`].
    pub absent: Vec<Vec<u8>>,
}

/// The height whose state the simulated chain's proofs show (verified
/// against header `SIM_QUERY_HEIGHT + 1`).
pub const SIM_QUERY_HEIGHT: u64 = 12;

pub fn simulated() -> &'static Simulated {
    static SIM: OnceLock<Simulated> = OnceLock::new();
    SIM.get_or_init(|| {
        let genesis = Timestamp::from_seconds(1_704_067_200);
        let mut chain = SimulatedChain::new(
            "fuzz-1",
            SimulatedValidatorSet::equal_power("fuzz", 4, 100),
            genesis,
        )
        .with_initial_height(10);
        let contract = |n: u8| {
            let mut key = vec![0x03];
            key.extend_from_slice(&[n; 32]);
            key
        };
        let entry = |n: u8, name: &[u8], value: &[u8]| {
            let mut key = contract(n);
            key.extend_from_slice(name);
            (key, value.to_vec())
        };
        let mut store: Vec<(Vec<u8>, Vec<u8>)> = vec![
            entry(
                1,
                b"contract_info",
                br#"{"contract":"crates.io:message-center"}"#,
            ),
            entry(1, b"\x00\x0bcommitments\x00\x08a.cosmos", &[0x11; 32]),
            entry(1, b"\x00\x08receipts\x00\x08b.cosmos", &7u64.to_be_bytes()),
            entry(2, b"admin", b"\"cosmwasm1owner\""),
            entry(2, b"config", br#"{"paused":false}"#),
            entry(7, b"k", b"v"),
        ];
        let mut keys = Vec::new();
        for step in 0..5u64 {
            if step == 3 {
                chain.rotate_validators(SimulatedValidatorSet::with_powers(
                    "fuzz-next",
                    &[50, 100, 150],
                ));
            }
            // The state changes from block to block, as a chain's does.
            store.push(entry(
                3,
                format!("seq/{step}").as_bytes(),
                &step.to_be_bytes(),
            ));
            store.sort();
            if 10 + step == SIM_QUERY_HEIGHT {
                keys = store.iter().map(|(key, _)| key.clone()).collect();
            }
            chain.commit(store.clone(), genesis.plus_seconds(5 * step + 5));
        }
        let absent = vec![
            contract(0),
            entry(1, b"contract_inf", b"").0,
            entry(2, b"admio", b"").0,
            entry(3, b"seq/9", b"").0,
            vec![0xff; 40],
        ];
        Simulated {
            chain,
            genesis,
            keys,
            absent,
        }
    })
}

fn simulated_chain() -> Chain {
    let sim = simulated();
    Chain {
        name: "simulated",
        blocks: (10..=14)
            .map(|height| {
                let block = sim.chain.light_block(height).expect("a simulated block");
                to_fixture_block(block)
            })
            .collect(),
        forged: None,
    }
}

/// The simulated chain's light block in the fixtures' form.
fn to_fixture_block(block: &testing::chain::LightBlock) -> LightBlock {
    LightBlock {
        signed_header: block.signed_header.clone(),
        validators: block.validators.clone(),
        next_validators: Some(block.next_validators.clone()),
    }
}

/// Every chain of the update target, in selector order.
pub fn chains() -> &'static [Chain] {
    static CHAINS: OnceLock<Vec<Chain>> = OnceLock::new();
    CHAINS.get_or_init(|| {
        let archway = |name: &'static str| Chain {
            name,
            blocks: (1..=3).map(|n| archway_block(name, n)).collect(),
            forged: None,
        };
        vec![
            simulated_chain(),
            archway("adjacent"),
            archway("simple"),
            archway("multi-validator"),
            archway("validator-with-long-voting-power"),
            Chain {
                name: "malicious",
                blocks: (1..=2).map(|n| archway_block("malicious", n)).collect(),
                forged: Some(archway_block("malicious", 3)),
            },
            Chain {
                name: "celestia-mocha-4",
                blocks: vec![celestia_block(2_279_100), celestia_block(2_279_130)],
                forged: None,
            },
            Chain {
                name: "celestia-mainnet",
                blocks: vec![celestia_rpc_block("bench-1"), celestia_rpc_block("bench-2")],
                forged: None,
            },
            Chain {
                name: "celestia-mocha-4-small",
                blocks: vec![
                    celestia_rpc_block("bench-small-1"),
                    celestia_rpc_block("bench-small-2"),
                ],
                forged: None,
            },
        ]
    })
}

/// The validators a header over `trusted` names as trusted: the trusted
/// block's next validators (the fixtures' `/validators` answers of
/// consecutive blocks stand for them where the next set is not saved).
pub fn trusted_validators(trusted: &LightBlock) -> tendermint::validator::Set {
    trusted
        .next_validators
        .clone()
        .unwrap_or_else(|| trusted.validators.clone())
}

fn update_client(chain: &Chain) -> Client {
    let trusted = &chain.blocks[0];
    let latest = chain
        .blocks
        .iter()
        .chain(&chain.forged)
        .map(LightBlock::time)
        .max()
        .expect("blocks");
    let mut instantiate = trusted.instantiate_msg();
    if chain.name == "simulated" {
        instantiate = simulated()
            .chain
            .verifier_instantiate_msg(trusted.height())
            .expect("the simulated chain's trusted state");
    }
    Client {
        name: chain.name,
        instantiate,
        now: latest.plus_seconds(60),
    }
}

/// The consensus states a client of each chain id may ever trust, by height.
type Genuine = BTreeMap<(String, u64), BTreeSet<Vec<u8>>>;

fn genuine() -> &'static Genuine {
    static GENUINE: OnceLock<Genuine> = OnceLock::new();
    GENUINE.get_or_init(|| {
        let mut genuine = Genuine::new();
        for chain in chains() {
            for block in &chain.blocks {
                genuine
                    .entry((block.chain_id(), block.height()))
                    .or_default()
                    .insert(consensus_key(&block.consensus_state()));
            }
        }
        genuine
    })
}

fn consensus_key(state: &ConsensusState) -> Vec<u8> {
    cosmwasm_std::to_json_vec(state).expect("a consensus state serializes")
}

// ---------------------------------------------------------------------------
// verifier_update

fn instantiated(client: &Client) -> (Deps, Env) {
    let mut deps = mock_dependencies();
    let env = env_at(client.now);
    let owner = deps.api.addr_make("owner");
    contract::instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&owner, &[]),
        client.instantiate.clone(),
    )
    .unwrap_or_else(|err| panic!("the {} client does not instantiate: {err}", client.name));
    (deps, env)
}

fn update_clients() -> &'static [Client] {
    static CLIENTS: OnceLock<Vec<Client>> = OnceLock::new();
    CLIENTS.get_or_init(|| chains().iter().map(update_client).collect())
}

fn attribute<'a>(response: &'a cosmwasm_std::Response, key: &str) -> Option<&'a str> {
    response
        .attributes
        .iter()
        .find(|attribute| attribute.key == key)
        .map(|attribute| attribute.value.as_str())
}

fn client_state(deps: &Deps, env: &Env) -> ClientState {
    let query = QueryMsg::LightClient(LightClientQuery::ClientState {});
    from_json(contract::query(deps.as_ref(), env.clone(), query).expect("client state")).unwrap()
}

/// Most calls one input makes.
const MAX_STEPS: usize = 3;

/// `verifier_update`: up to three `update_client` or `submit_misbehaviour`
/// calls on a fresh verifier that trusts the first block of one of the
/// chains (input: `[chain selector]`, then per call `[kind][u32 LE
/// length][header or misbehaviour bytes]`, kind bit 0 = misbehaviour).
///
/// - an update that says `updated` trusts exactly a genuine consensus state
///   of that chain at that height, and stores it; nobody but the chains'
///   validators can sign, so nothing else may ever be trusted;
/// - no call freezes the client: the fixtures hold no genuinely signed
///   conflicting headers, so neither `update_client` (`frozen`) nor
///   `submit_misbehaviour` may find misbehaviour;
/// - a call that fails changes no storage (every check comes before every write);
/// - `noop` changes no storage.
pub fn verifier_update(data: &[u8]) {
    let mut input = Reader::new(data);
    let clients = update_clients();
    let client = &clients[usize::from(input.u8()) % clients.len()];
    let (mut deps, env) = instantiated(client);
    let chain_id = client.instantiate.client_state.chain_id.clone();
    let relayer = deps.api.addr_make("relayer");
    for _ in 0..MAX_STEPS {
        if input.is_empty() {
            break;
        }
        let misbehaviour = input.u8() & 1 == 1;
        let bytes = Binary::from(input.long());
        let msg = if misbehaviour {
            ExecuteMsg::SubmitMisbehaviour {
                misbehaviour: bytes.clone(),
            }
        } else {
            ExecuteMsg::UpdateClient {
                header: bytes.clone(),
            }
        };
        let before = snapshot(&deps.storage);
        let result =
            contract::execute(deps.as_mut(), env.clone(), message_info(&relayer, &[]), msg);
        let after = snapshot(&deps.storage);
        if crate::verbose() {
            eprintln!(
                "verifier_update {}: {}",
                client.name,
                match &result {
                    Ok(response) => format!("{:?}", attribute(response, "result")),
                    Err(err) => format!("error: {err}"),
                }
            );
        }
        let response = match result {
            Err(_) => {
                assert!(
                    before == after,
                    "a refused call changed the verifier's storage"
                );
                continue;
            }
            Ok(response) => response,
        };
        assert!(
            !misbehaviour,
            "submit_misbehaviour froze the {} client without any genuine conflicting headers",
            client.name
        );
        let status: StatusResponse = from_json(
            contract::query(
                deps.as_ref(),
                env.clone(),
                QueryMsg::LightClient(LightClientQuery::Status {}),
            )
            .expect("status"),
        )
        .unwrap();
        assert!(
            status.status != ClientStatus::Frozen,
            "the {} client froze on an update",
            client.name
        );
        match attribute(&response, "result") {
            Some("noop") => assert!(before == after, "a noop update changed storage"),
            Some("updated") => {
                let header = Header::decode(&bytes).expect("an accepted header decodes");
                let height = header.height();
                let state = header.consensus_state().expect("its consensus state");
                let key = (chain_id.clone(), height);
                assert!(
                    genuine()
                        .get(&key)
                        .is_some_and(|states| states.contains(&consensus_key(&state))),
                    "the {} client trusts a consensus state no validator signed at height {height}: {state:?}",
                    client.name
                );
                let stored = verifier_tendermint::state::consensus_state(&deps.storage, height)
                    .expect("storage")
                    .expect("the updated consensus state is stored");
                assert_eq!(stored, state);
                assert!(client_state(&deps, &env).latest_height >= height);
            }
            other => panic!("update_client answered result {other:?}"),
        }
    }
}

/// The encoded input of [`verifier_update`].
pub fn update_input(chain: usize, steps: &[(bool, Vec<u8>)]) -> Vec<u8> {
    let mut writer = Writer::new().u8(u8::try_from(chain).expect("a chain index"));
    for (misbehaviour, bytes) in steps {
        writer = writer.u8(u8::from(*misbehaviour)).long(bytes);
    }
    writer.finish()
}

/// A header of `block` over `trusted`, as a relayer sends it.
pub fn header_over(
    block: &LightBlock,
    trusted: &LightBlock,
    with_trusted_validators: bool,
) -> Vec<u8> {
    let validators = trusted_validators(trusted);
    block
        .header(
            trusted.height(),
            with_trusted_validators.then_some(&validators),
        )
        .to_vec()
}

/// Seeds of [`verifier_update`] and [`verifier_header`]: every genuine
/// update of every chain, in sequence and again (noop), the forged block,
/// and misbehaviour made of genuine headers (which must fail).
pub fn update_seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    for (index, chain) in chains().iter().enumerate() {
        let blocks = &chain.blocks;
        let trusted = &blocks[0];
        for (n, block) in blocks.iter().enumerate().skip(1) {
            let header = header_over(block, trusted, true);
            seeds.push((
                format!(
                    "{}-{}-over-{}",
                    chain.name,
                    block.height(),
                    trusted.height()
                ),
                update_input(index, &[(false, header.clone())]),
            ));
            // The same header twice: updated, then noop.
            seeds.push((
                format!("{}-{}-twice", chain.name, block.height()),
                update_input(index, &[(false, header.clone()), (false, header.clone())]),
            ));
            if n == 1 {
                // Without trusted_validators (they default to the header's own).
                seeds.push((
                    format!("{}-{}-no-trusted-validators", chain.name, block.height()),
                    update_input(index, &[(false, header_over(block, trusted, false))]),
                ));
            }
        }
        if blocks.len() >= 3 {
            let steps: Vec<(bool, Vec<u8>)> = blocks
                .windows(2)
                .map(|pair| (false, header_over(&pair[1], &pair[0], true)))
                .take(MAX_STEPS)
                .collect();
            seeds.push((
                format!("{}-sequence", chain.name),
                update_input(index, &steps),
            ));
        }
        if blocks.len() >= 2 {
            let last = blocks.len() - 1;
            let (h1, h2) = (
                blocks[last].raw_header(trusted.height(), Some(&trusted_validators(trusted))),
                blocks[1].raw_header(trusted.height(), Some(&trusted_validators(trusted))),
            );
            let misbehaviour = RawMisbehaviour {
                client_id: String::new(),
                header_1: Some(h1),
                header_2: Some(h2),
            }
            .encode_to_vec();
            seeds.push((
                format!("{}-misbehaviour-genuine", chain.name),
                update_input(index, &[(true, misbehaviour)]),
            ));
        }
        if let Some(forged) = &chain.forged {
            seeds.push((
                format!("{}-forged", chain.name),
                update_input(
                    index,
                    &[
                        (false, header_over(forged, trusted, true)),
                        (false, header_over(&blocks[1], trusted, true)),
                        (false, header_over(forged, trusted, true)),
                    ],
                ),
            ));
        }
    }
    seeds
}

/// Seeds of [`verifier_header`]: the update headers alone, and misbehaviour.
pub fn header_seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    for chain in chains() {
        let trusted = &chain.blocks[0];
        for block in chain.blocks.iter().skip(1).chain(&chain.forged) {
            seeds.push((
                format!("{}-{}", chain.name, block.height()),
                header_over(block, trusted, true),
            ));
        }
        let last = chain.blocks.last().expect("blocks");
        seeds.push((
            format!("{}-{}-no-trusted-validators", chain.name, last.height()),
            header_over(last, trusted, false),
        ));
        if let Some(forged) = &chain.forged {
            let misbehaviour = RawMisbehaviour {
                client_id: "07-tendermint-0".into(),
                header_1: Some(chain.blocks[1].raw_header(trusted.height(), None)),
                header_2: Some(forged.raw_header(trusted.height(), None)),
            }
            .encode_to_vec();
            seeds.push((format!("{}-misbehaviour", chain.name), misbehaviour));
        }
    }
    seeds
}

// ---------------------------------------------------------------------------
// verifier_proof

/// A trusted root to prove against, and what is true under it.
struct ProofClient {
    deps: Deps,
    env: Env,
    height: u64,
    layers: usize,
    facts: Facts,
}

/// What may be proven under a root.
enum Facts {
    /// The simulated chain's state at [`SIM_QUERY_HEIGHT`]: everything is known.
    Simulated,
    /// A real root of which only some leaves are known (those in the test
    /// vectors' proofs): only they can be proven present, and none of
    /// their keys absent.
    Known(BTreeMap<Vec<Binary>, Vec<u8>>),
}

/// A proof seed: which client, the claim, and the proof.
pub struct ProofSeed {
    pub name: String,
    pub client: usize,
    pub absent: bool,
    pub path: Vec<Vec<u8>>,
    pub value: Vec<u8>,
    pub proof: Vec<u8>,
}

/// The roots of the proof target, with their seeds, in selector order.
fn proof_setups() -> Vec<(ProofClient, Vec<ProofSeed>)> {
    let mut setups = Vec::new();

    // The simulated chain, trusted at the header that carries the app hash
    // of SIM_QUERY_HEIGHT.
    let sim = simulated();
    let height = SIM_QUERY_HEIGHT + 1;
    let instantiate = sim
        .chain
        .verifier_instantiate_msg(height)
        .expect("the simulated trusted state");
    let now = instantiate.consensus_state.timestamp.plus_seconds(60);
    let (deps, env) = instantiated(&Client {
        name: "simulated proofs",
        instantiate,
        now,
    });
    let mut seeds = Vec::new();
    let index = setups.len();
    for key in &sim.keys {
        let value = sim.chain.value(SIM_QUERY_HEIGHT, key).unwrap().unwrap();
        seeds.push(ProofSeed {
            name: format!("simulated-member-{}", hex::encode(&key[33..])),
            client: index,
            absent: false,
            path: vec![WASM_STORE_NAME.as_bytes().to_vec(), key.clone()],
            value,
            proof: sim.chain.membership_proof(SIM_QUERY_HEIGHT, key).unwrap(),
        });
    }
    for key in &sim.absent {
        seeds.push(ProofSeed {
            name: format!(
                "simulated-absent-{}",
                hex::encode(key.get(33..).unwrap_or(key))
            ),
            client: index,
            absent: true,
            path: vec![WASM_STORE_NAME.as_bytes().to_vec(), key.clone()],
            value: Vec::new(),
            proof: sim
                .chain
                .non_membership_proof(SIM_QUERY_HEIGHT, key)
                .unwrap(),
        });
    }
    setups.push((
        ProofClient {
            deps,
            env,
            height,
            layers: 2,
            facts: Facts::Simulated,
        },
        seeds,
    ));

    // The real Nyx mainnet proof of a contract's storage key (two layers).
    let nyx = verifier_tendermint::testing::nyx_proof();
    let index = setups.len();
    let path = vec![WASM_STORE_NAME.as_bytes().to_vec(), nyx.key.clone()];
    let client = fixed_root_client(
        "nyx",
        nyx.header_height,
        &nyx.app_hash,
        ProofSpec::cosmos_sdk(),
    );
    let facts = BTreeMap::from([(to_path(&path), nyx.value.clone())]);
    setups.push((
        ProofClient {
            facts: Facts::Known(facts),
            ..client
        },
        vec![ProofSeed {
            name: "nyx-mixnet-admin".into(),
            client: index,
            absent: false,
            path,
            value: nyx.value,
            proof: nyx.merkle_proof,
        }],
    ));

    // The ICS-23 test vectors, each a one-layer client of its own root.
    for spec in ["iavl", "tendermint"] {
        for case in [
            "exist_left",
            "exist_middle",
            "exist_right",
            "nonexist_left",
            "nonexist_middle",
            "nonexist_right",
        ] {
            let json: serde_json::Value =
                serde_json::from_str(&read_fixture(&format!("ics23/{spec}/{case}.json")))
                    .expect("an ICS-23 vector");
            let field = |name: &str| hex::decode(json[name].as_str().unwrap()).unwrap();
            let commitment = CommitmentProof::decode(field("proof").as_slice()).unwrap();
            let mut facts = BTreeMap::new();
            for leaf in leaves(&commitment) {
                facts.insert(vec![Binary::from(leaf.key.clone())], leaf.value.clone());
            }
            let proof_spec = if spec == "iavl" {
                ProofSpec::iavl()
            } else {
                ProofSpec::tendermint()
            };
            let index = setups.len();
            let client = fixed_root_client(
                &format!("ics23-{spec}-{case}"),
                100,
                &field("root"),
                vec![proof_spec],
            );
            let absent = case.starts_with("non");
            let seed = ProofSeed {
                name: format!("ics23-{spec}-{case}"),
                client: index,
                absent,
                path: vec![field("key")],
                value: if absent { Vec::new() } else { field("value") },
                proof: MerkleProof {
                    proofs: vec![commitment],
                }
                .encode_to_vec(),
            };
            setups.push((
                ProofClient {
                    facts: Facts::Known(facts),
                    ..client
                },
                vec![seed],
            ));
        }
    }
    setups
}

fn to_path(path: &[Vec<u8>]) -> Vec<Binary> {
    path.iter()
        .map(|part| Binary::from(part.as_slice()))
        .collect()
}

/// The leaves an ICS-23 proof shows (its own, or both neighbours).
fn leaves(proof: &CommitmentProof) -> Vec<&ExistenceProof> {
    match &proof.proof {
        Some(Proof::Exist(exist)) => vec![exist],
        Some(Proof::Nonexist(absent)) => absent.left.iter().chain(&absent.right).collect(),
        _ => Vec::new(),
    }
}

/// A client whose only trusted consensus state, at `height`, has `app_hash`.
fn fixed_root_client(
    name: &str,
    height: u64,
    app_hash: &[u8],
    specs: Vec<ProofSpec>,
) -> ProofClient {
    let time = Timestamp::from_seconds(1_700_000_000);
    let instantiate = InstantiateMsg {
        owner: None,
        client_state: ClientState {
            chain_id: format!("{name}-1"),
            trust_level: TrustThreshold::ONE_THIRD,
            trusting_period_secs: 14 * 24 * 3600,
            unbonding_period_secs: 21 * 24 * 3600,
            max_clock_drift_secs: 10,
            latest_height: height,
            frozen_height: None,
            proof_specs: specs,
        },
        consensus_state: ConsensusState {
            timestamp: time,
            app_hash: Binary::from(app_hash),
            next_validators_hash: Binary::from([0x42; 32]),
        },
    };
    let layers = instantiate.client_state.proof_specs.len();
    let (deps, env) = instantiated(&Client {
        name: "fixed root",
        instantiate,
        now: time.plus_seconds(60),
    });
    ProofClient {
        deps,
        env,
        height,
        layers,
        facts: Facts::Known(BTreeMap::new()),
    }
}

thread_local! {
    /// The proof clients: read-only after set-up, so built once per thread.
    static PROOF_CLIENTS: RefCell<Option<Vec<ProofClient>>> = const { RefCell::new(None) };
}

/// The encoded input of [`verifier_proof`].
pub fn proof_input(seed: &ProofSeed) -> Vec<u8> {
    let mut writer = Writer::new()
        .u8(u8::try_from(seed.client).expect("a client index"))
        .u8(u8::from(seed.absent));
    for part in &seed.path {
        writer = writer.short(part);
    }
    writer.medium(&seed.value).raw(&seed.proof).finish()
}

/// Seeds of [`verifier_proof`]: every real proof and the simulated chain's.
pub fn proof_seeds() -> Vec<(String, Vec<u8>)> {
    proof_setups()
        .into_iter()
        .flat_map(|(_, seeds)| seeds)
        .map(|seed| (seed.name.clone(), proof_input(&seed)))
        .collect()
}

/// `verifier_proof`: a claim and a `MerkleProof` against one of the fixed
/// roots (input: `[root selector][bit 0: absence]`, one `[u8 length][key]`
/// per layer of the root's client (outermost first), `[u16 LE
/// length][value]`, then the proof bytes), through the contract's
/// `verify_membership` / `verify_non_membership`.
///
/// - never panics; `MerkleProof` decoding round-trips (decode(encode(p)) == p);
/// - membership is proven only for a true (path, value): under the
///   simulated chain's root, what its state holds; under a real root, one
///   of the leaves the real proofs show;
/// - absence is proven only for a key that is absent: under the simulated
///   root, not in its state; under a real root, none of the known leaves' keys.
pub fn verifier_proof(data: &[u8]) {
    let mut input = Reader::new(data);
    let selector = usize::from(input.u8());
    let absent = input.u8() & 1 == 1;
    PROOF_CLIENTS.with(|cell| {
        let mut cell = cell.borrow_mut();
        let clients = cell.get_or_insert_with(|| {
            proof_setups()
                .into_iter()
                .map(|(client, _)| client)
                .collect()
        });
        let client = &clients[selector % clients.len()];
        let path: Vec<Binary> = (0..client.layers)
            .map(|_| Binary::from(input.short()))
            .collect();
        let value = Binary::from(input.medium());
        let proof = Binary::from(input.rest());

        if let Ok(decoded) = MerkleProof::decode(proof.as_slice()) {
            let again = MerkleProof::decode(decoded.encode_to_vec().as_slice())
                .expect("a re-encoded MerkleProof decodes");
            assert_eq!(again, decoded, "MerkleProof decode(encode(p)) != p");
        }

        let storage = &client.deps.storage;
        let now = client.env.block.time;
        if crate::verbose() {
            let outcome = if absent {
                verify_non_membership(storage, now, client.height, &path, &proof).map(|_| ())
            } else {
                verify_membership(storage, now, client.height, &path, &value, &proof).map(|_| ())
            };
            eprintln!("verifier_proof {selector} absent={absent}: {outcome:?}");
        }
        if absent {
            if verify_non_membership(storage, now, client.height, &path, &proof).is_ok() {
                let true_absence = match &client.facts {
                    Facts::Simulated => {
                        path[0].as_slice() == WASM_STORE_NAME.as_bytes()
                            && simulated()
                                .chain
                                .value(SIM_QUERY_HEIGHT, &path[1])
                                .unwrap()
                                .is_none()
                    }
                    Facts::Known(facts) => !facts.keys().any(|known| known.last() == path.last()),
                };
                assert!(
                    true_absence,
                    "absence of a present key was proven: path {path:?}"
                );
            }
        } else if verify_membership(storage, now, client.height, &path, &value, &proof).is_ok() {
            let true_value = match &client.facts {
                Facts::Simulated => {
                    path[0].as_slice() == WASM_STORE_NAME.as_bytes()
                        && simulated().chain.value(SIM_QUERY_HEIGHT, &path[1]).unwrap()
                            == Some(value.to_vec())
                }
                Facts::Known(facts) => facts.get(&path) == Some(&value.to_vec()),
            };
            assert!(
                true_value,
                "a false value was proven: path {path:?} value {value:?}"
            );
        }
    });
}
