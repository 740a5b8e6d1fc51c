//! The ICON BTP-block verifier target: `verify_relay_message` of
//! `contracts/verifier-btpblock` (ICON's BMV for network type `eth`), called
//! by the message center with relay messages a relayer chooses, on a
//! verifier that follows one of these BTP networks:
//!
//! 0. ICON's own BMV unit-test chain (btp2-java, `success[0]` and the
//!    `failure_sequence` of `contracts/verifier-btpblock/tests/fixtures/
//!    icon-btp2/btp2-java-bmv-fixtures.json`), from its first header;
//! 1. the same fixture's second chain (`success[1]`), from its first header;
//! 2. a simulated ICON network (`verifier_btpblock::test_utils`, four
//!    validators holding secp256k1 keys) of six blocks with known messages,
//!    a validator change, and a network section proven through a sibling.
//!
//! Nobody but those networks' validators can sign a block, so whatever the
//! relay message, the verifier may only ever answer the messages the
//! network really put in its blocks, each once, in the network's order.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::marker::PhantomData;
use std::sync::OnceLock;

use btp_types::address::NetworkAddress;
use btp_types::msg::verifier::{Counterpart, VerifiedMessages, VerifierExecuteMsg};
use btp_types::msg::verifier_btpblock::{
    BtpBlockQuery, ExecuteMsg, InstantiateMsg, QueryMsg, StatusResponse,
};
use cosmwasm_std::testing::{message_info, mock_env, MockApi, MockQuerier, MockStorage};
use cosmwasm_std::{
    from_json, Addr, Api, Binary, CanonicalAddr, Env, Order, OwnedDeps, RecoverPubkeyError,
    StdResult, Storage, VerificationError,
};
use verifier_btpblock::codec::{BlockHeader, NetworkSectionToRoot};
use verifier_btpblock::contract;
use verifier_btpblock::test_utils::{
    relay_message, Block, RelayPart, SimulatedIconChain, ValidatorKey,
};

use crate::input::{Reader, Writer};

type Deps = OwnedDeps<MockStorage, CachingApi, MockQuerier>;

/// `MockApi` that remembers the public keys it recovered: the verifier
/// recovers every signer of every block update, and the corpus replays the
/// same genuine signatures over and over (secp256k1 recovery is most of an
/// execution's time). The same answers as `MockApi`, only faster.
pub struct CachingApi {
    api: MockApi,
}

type RecoverKey = (Vec<u8>, Vec<u8>, u8);

thread_local! {
    static RECOVERED: RefCell<HashMap<RecoverKey, Vec<u8>>> = RefCell::new(HashMap::new());
}

/// Most recovered keys remembered (then forgotten all at once).
const MAX_RECOVERED: usize = 1 << 16;

impl Api for CachingApi {
    fn addr_validate(&self, human: &str) -> StdResult<Addr> {
        self.api.addr_validate(human)
    }

    fn addr_canonicalize(&self, human: &str) -> StdResult<CanonicalAddr> {
        self.api.addr_canonicalize(human)
    }

    fn addr_humanize(&self, canonical: &CanonicalAddr) -> StdResult<Addr> {
        self.api.addr_humanize(canonical)
    }

    fn secp256k1_verify(
        &self,
        message_hash: &[u8],
        signature: &[u8],
        public_key: &[u8],
    ) -> Result<bool, VerificationError> {
        self.api
            .secp256k1_verify(message_hash, signature, public_key)
    }

    fn secp256k1_recover_pubkey(
        &self,
        message_hash: &[u8],
        signature: &[u8],
        recovery_param: u8,
    ) -> Result<Vec<u8>, RecoverPubkeyError> {
        let key = (message_hash.to_vec(), signature.to_vec(), recovery_param);
        if let Some(found) = RECOVERED.with(|cache| cache.borrow().get(&key).cloned()) {
            return Ok(found);
        }
        let recovered =
            self.api
                .secp256k1_recover_pubkey(message_hash, signature, recovery_param)?;
        RECOVERED.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.len() >= MAX_RECOVERED {
                cache.clear();
            }
            cache.insert(key, recovered.clone());
        });
        Ok(recovered)
    }

    fn ed25519_verify(
        &self,
        message: &[u8],
        signature: &[u8],
        public_key: &[u8],
    ) -> Result<bool, VerificationError> {
        self.api.ed25519_verify(message, signature, public_key)
    }

    fn ed25519_batch_verify(
        &self,
        messages: &[&[u8]],
        signatures: &[&[u8]],
        public_keys: &[&[u8]],
    ) -> Result<bool, VerificationError> {
        self.api
            .ed25519_batch_verify(messages, signatures, public_keys)
    }

    fn debug(&self, message: &str) {
        self.api.debug(message)
    }
}

/// ICON's BMV unit-test data (btp2-java), as the contract's tests read it.
const BMV_FIXTURE: &str = include_str!(
    "../../contracts/verifier-btpblock/tests/fixtures/icon-btp2/btp2-java-bmv-fixtures.json"
);

/// The ICON message center the verifiers are told of (`source.center`).
const ICON_BMC: &str = "cx23a91ee3dd290486a9113a6a42429825d813de53";

/// Most relay messages one input makes.
pub const MAX_RELAYS: usize = 6;

/// A BTP network a verifier follows, and what its blocks really carry.
pub struct Network {
    pub name: &'static str,
    pub instantiate: InstantiateMsg,
    /// Every message of the network from the first header's first one on,
    /// in sequence order: message `base + i` is `stream[i]`.
    pub stream: Vec<Vec<u8>>,
    /// The sequence of the first header's first message.
    pub base: u64,
    /// Whether no message occurs twice in `stream` (so none may be
    /// answered twice, whatever sequence it came with).
    pub unique: bool,
}

impl Network {
    /// Every message the network's blocks carry.
    fn known(&self) -> BTreeSet<&[u8]> {
        self.stream.iter().map(Vec::as_slice).collect()
    }
}

fn hex(text: &str) -> Vec<u8> {
    hex::decode(text.trim_start_matches("0x")).expect("fixture hex")
}

fn bmv_fixture() -> &'static serde_json::Value {
    static JSON: OnceLock<serde_json::Value> = OnceLock::new();
    JSON.get_or_init(|| serde_json::from_str(BMV_FIXTURE).expect("the BMV fixture parses"))
}

fn instantiate_msg(network: &str, network_type_id: u64, first_header: &[u8]) -> InstantiateMsg {
    let nid = BlockHeader::decode(first_header)
        .expect("a first header that decodes")
        .nid;
    InstantiateMsg {
        owner: None,
        message_center: message_center().to_string(),
        source_network: NetworkAddress::parse(network).expect("a network address"),
        source_center: ICON_BMC.to_string(),
        network_type_id,
        network_id: nid,
        first_header: Binary::from(first_header),
        next_proof_context: None,
    }
}

/// The message center's address (the only caller of `verify_relay_message`).
fn message_center() -> Addr {
    MockApi::default().addr_make("message-center")
}

/// The fixture's chain `success[index]`: its first header, and every message
/// its relay messages prove, in order (`expected_messages`).
fn fixture_network(name: &'static str, index: usize) -> Network {
    let json = bmv_fixture();
    let network = json["params"]["srcNetworkID"]
        .as_str()
        .expect("srcNetworkID");
    let network_type_id = json["params"]["networkTypeID"]
        .as_u64()
        .expect("networkTypeID");
    let sequence = &json["success"][index];
    let first = hex(sequence["relay_messages"][0]
        .as_str()
        .expect("a first header"));
    let stream: Vec<Vec<u8>> = sequence["expected_messages"]
        .as_array()
        .expect("expected_messages")
        .iter()
        .flat_map(|step| step.as_array().expect("a step's messages").iter())
        .map(|message| message.as_str().expect("a message").as_bytes().to_vec())
        .collect();
    let instantiate = instantiate_msg(network, network_type_id, &first);
    finish(name, instantiate, stream)
}

fn finish(name: &'static str, instantiate: InstantiateMsg, stream: Vec<Vec<u8>>) -> Network {
    let (deps, env) = instantiated_with(name, &instantiate);
    let base = status(&deps, &env).last_sequence;
    let unique = stream.iter().collect::<BTreeSet<_>>().len() == stream.len();
    Network {
        name,
        instantiate,
        stream,
        base,
        unique,
    }
}

// ---------------------------------------------------------------------------
// The simulated network

/// The simulated ICON network: its blocks, each with the validators who
/// signed it (kept for seeds), and the keys of the set it replaced.
pub struct Simulated {
    pub chain_first_header: Vec<u8>,
    pub blocks: Vec<Block>,
    /// The validator set in force before the change (block 4).
    pub old_validators: Vec<ValidatorKey>,
}

/// The simulated network's uid, network type and BTP network id.
const SIM_NETWORK: &str = "0x3.icon";
const SIM_NETWORK_TYPE: u64 = 1;
const SIM_NETWORK_ID: u64 = 2;

/// Block 1: 3 messages; 2: none; 3: 5; 4: a change to 3 fresh validators;
/// 5: 2 messages, signed by the new set, its network section proven
/// through a sibling; 6: 1 message.
pub fn simulated() -> &'static Simulated {
    static SIM: OnceLock<Simulated> = OnceLock::new();
    SIM.get_or_init(|| {
        let mut chain = SimulatedIconChain::new(SIM_NETWORK, SIM_NETWORK_TYPE, SIM_NETWORK_ID, 4);
        let old_validators = chain.validators().to_vec();
        let messages = |block: usize, count: usize| -> Vec<Vec<u8>> {
            (0..count)
                .map(|i| format!("sim block {block} message {i}").into_bytes())
                .collect()
        };
        let mut blocks = vec![
            chain.produce_block(messages(1, 3)),
            chain.produce_block(Vec::new()),
            chain.produce_block(messages(3, 5)),
            chain.change_validators(3),
        ];
        chain.network_section_to_root = vec![NetworkSectionToRoot {
            dir: 1,
            value: Some(vec![0x5a; 32]),
        }];
        blocks.push(chain.produce_block(messages(5, 2)));
        chain.network_section_to_root = Vec::new();
        blocks.push(chain.produce_block(messages(6, 1)));
        Simulated {
            chain_first_header: chain.first_header(),
            blocks,
            old_validators,
        }
    })
}

fn simulated_network() -> Network {
    let sim = simulated();
    let instantiate = instantiate_msg(SIM_NETWORK, SIM_NETWORK_TYPE, &sim.chain_first_header);
    let stream = sim
        .blocks
        .iter()
        .flat_map(|block| block.messages.iter().cloned())
        .collect();
    finish("simulated", instantiate, stream)
}

/// The networks, in selector order.
pub fn networks() -> &'static [Network] {
    static NETWORKS: OnceLock<Vec<Network>> = OnceLock::new();
    NETWORKS.get_or_init(|| {
        let networks = vec![
            fixture_network("icon-bmv-0", 0),
            fixture_network("icon-bmv-1", 1),
            simulated_network(),
        ];
        assert!(
            networks[SIMULATED].unique,
            "the simulated network's messages are all different"
        );
        networks
    })
}

/// The selector of the simulated network.
pub const SIMULATED: usize = 2;

// ---------------------------------------------------------------------------
// The target

fn snapshot(storage: &dyn Storage) -> Vec<(Vec<u8>, Vec<u8>)> {
    storage.range(None, None, Order::Ascending).collect()
}

fn instantiated_with(name: &str, msg: &InstantiateMsg) -> (Deps, Env) {
    let mut deps = OwnedDeps {
        storage: MockStorage::default(),
        api: CachingApi {
            api: MockApi::default(),
        },
        querier: MockQuerier::default(),
        custom_query_type: PhantomData,
    };
    let env = mock_env();
    let owner = MockApi::default().addr_make("owner");
    contract::instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&owner, &[]),
        msg.clone(),
    )
    .unwrap_or_else(|err| panic!("the {name} verifier does not instantiate: {err}"));
    (deps, env)
}

fn status(deps: &Deps, env: &Env) -> StatusResponse {
    let query = QueryMsg::BtpBlock(BtpBlockQuery::Status {});
    from_json(contract::query(deps.as_ref(), env.clone(), query).expect("status"))
        .expect("a status")
}

/// `verifier_btpblock`: up to [`MAX_RELAYS`] relay messages (input:
/// `[network selector]`, then per relay message `[u32 LE length][relay
/// message bytes]`, RLPn `[[ [type, payload], ... ]]`) that the message
/// center hands to `verify_relay_message` of a fresh verifier of one of the
/// [networks](networks), in order.
///
/// - a refused relay message changes no storage (the full storage compared);
/// - the verifier's message sequence only moves forward, by exactly the
///   number of messages answered, and its height never goes back;
/// - the messages an accepted relay message answers are exactly the
///   network's messages at the sequences it moved over (the network's
///   stream, in order), so each is one the network really put in a block,
///   and (where the network's messages are all different, as on the
///   simulated network) none is answered twice across calls;
/// - the answer's height is the verifier's.
pub fn verifier_btpblock(data: &[u8]) {
    let mut input = Reader::new(data);
    let networks = networks();
    let network = &networks[usize::from(input.u8()) % networks.len()];
    let (mut deps, env) = instantiated_with(network.name, &network.instantiate);
    let center = message_center();
    let source = Counterpart {
        network: network.instantiate.source_network.clone(),
        center: ICON_BMC.to_string(),
    };
    let known = network.known();
    let mut answered: BTreeSet<Vec<u8>> = BTreeSet::new();
    for step in 0..MAX_RELAYS {
        if input.is_empty() {
            break;
        }
        let relay = Binary::from(input.long());
        let msg = ExecuteMsg::Btp(VerifierExecuteMsg::VerifyRelayMessage {
            source: source.clone(),
            relay_message: relay,
        });
        let before = snapshot(&deps.storage);
        let status_before = status(&deps, &env);
        let result = contract::execute(deps.as_mut(), env.clone(), message_info(&center, &[]), msg);
        let after = snapshot(&deps.storage);
        if crate::verbose() {
            eprintln!(
                "verifier_btpblock {} step {step}: {}",
                network.name,
                match &result {
                    Ok(response) => format!(
                        "ok {:?}",
                        response
                            .attributes
                            .iter()
                            .map(|a| format!("{}={}", a.key, a.value))
                            .collect::<Vec<_>>()
                    ),
                    Err(err) => format!("error: {err}"),
                }
            );
        }
        let response = match result {
            Err(err) => {
                assert!(
                    before == after,
                    "{} step {step}: a refused relay message ({err}) changed the verifier's storage",
                    network.name
                );
                continue;
            }
            Ok(response) => response,
        };
        let status_after = status(&deps, &env);
        let data: VerifiedMessages = from_json(
            response
                .data
                .as_ref()
                .expect("an accepted relay answers data"),
        )
        .expect("the answer is VerifiedMessages");
        let (from, to) = (status_before.last_sequence, status_after.last_sequence);
        assert!(
            to >= from,
            "{} step {step}: the verifier's sequence went back from {from} to {to}",
            network.name
        );
        assert!(
            status_after.height >= status_before.height,
            "{} step {step}: the verifier's height went back from {} to {}",
            network.name,
            status_before.height,
            status_after.height
        );
        assert_eq!(
            data.height, status_after.height,
            "{} step {step}: the answer's height is not the verifier's",
            network.name
        );
        let moved = usize::try_from(to - from).expect("a small sequence step");
        assert_eq!(
            data.messages.len(),
            moved,
            "{} step {step}: {} messages answered for a sequence moved from {from} to {to}",
            network.name,
            data.messages.len()
        );
        for message in &data.messages {
            assert!(
                known.contains(message.as_slice()),
                "{} step {step}: answered a message no block of the network carries: {:?}",
                network.name,
                String::from_utf8_lossy(message)
            );
            if network.unique {
                assert!(
                    answered.insert(message.to_vec()),
                    "{} step {step}: answered a message twice: {:?}",
                    network.name,
                    String::from_utf8_lossy(message)
                );
            }
        }
        let start = usize::try_from(from.checked_sub(network.base).unwrap_or_else(|| {
            panic!(
                "{} step {step}: the sequence {from} is below the first header's {}",
                network.name, network.base
            )
        }))
        .expect("a small sequence");
        let genuine = network.stream.get(start..start + moved).unwrap_or_else(|| {
            panic!(
                "{} step {step}: sequences {from}..{to} proven, but the network has messages \
                 only up to {}",
                network.name,
                network.base + network.stream.len() as u64
            )
        });
        let got: Vec<&[u8]> = data.messages.iter().map(Binary::as_slice).collect();
        let want: Vec<&[u8]> = genuine.iter().map(Vec::as_slice).collect();
        assert!(
            got == want,
            "{} step {step}: sequences {from}..{to} answered {:?}, the network's are {:?}",
            network.name,
            got.iter()
                .map(|m| String::from_utf8_lossy(m))
                .collect::<Vec<_>>(),
            want.iter()
                .map(|m| String::from_utf8_lossy(m))
                .collect::<Vec<_>>(),
        );
    }
}

// ---------------------------------------------------------------------------
// Seeds

/// The encoded input of [`verifier_btpblock`].
pub fn btpblock_input(network: usize, relays: &[Vec<u8>]) -> Vec<u8> {
    assert!(
        relays.len() <= MAX_RELAYS,
        "at most {MAX_RELAYS} relay messages"
    );
    let mut writer = Writer::new().u8(u8::try_from(network).expect("a network index"));
    for relay in relays {
        writer = writer.long(relay);
    }
    writer.finish()
}

/// Seeds of [`verifier_btpblock`]: ICON's own relay messages (both success
/// sequences; each failure step after the accepted steps before it), and
/// the simulated network's genuine relay messages (block by block, updates
/// and proofs apart, partial proofs, everything in one) and a few refusals.
pub fn btpblock_seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    let json = bmv_fixture();
    let relays_of = |value: &serde_json::Value| -> Vec<Vec<u8>> {
        value
            .as_array()
            .expect("relay messages")
            .iter()
            .map(|relay| hex(relay.as_str().expect("hex")))
            .collect()
    };
    for index in 0..2 {
        let relays = relays_of(&json["success"][index]["relay_messages"]);
        seeds.push((
            format!("icon-bmv-success-{index}"),
            btpblock_input(index, &relays[1..]),
        ));
    }
    // The failure sequence runs on one instance of success[0]'s first
    // header: each step after the accepted ones before it.
    let steps = json["failure_sequence"]["steps"]
        .as_array()
        .expect("failure steps");
    let mut accepted: Vec<Vec<u8>> = Vec::new();
    for step in steps {
        let name = step["name"].as_str().expect("a step name");
        let relay = hex(step["relay_message"].as_str().expect("hex"));
        let mut relays = accepted.clone();
        relays.push(relay.clone());
        seeds.push((
            format!("icon-bmv-failure-{name}"),
            btpblock_input(0, &relays),
        ));
        if step["expect"].as_str().expect("expect").starts_with("ok") {
            accepted.push(relay);
        }
    }

    let sim = simulated();
    let b = &sim.blocks;
    let one = |parts: &[RelayPart]| relay_message(parts);
    let input = |relays: &[Vec<u8>]| btpblock_input(SIMULATED, relays);
    // Block by block, update and proof together.
    let by_block: Vec<Vec<u8>> = b
        .iter()
        .map(|block| {
            if block.messages.is_empty() {
                one(&[block.update()])
            } else {
                one(&[block.update(), block.messages_proof()])
            }
        })
        .collect();
    seeds.push(("sim-block-by-block".into(), input(&by_block)));
    // Everything in one relay message.
    let all: Vec<RelayPart> = b
        .iter()
        .flat_map(|block| {
            let mut parts = vec![block.update()];
            if !block.messages.is_empty() {
                parts.push(block.messages_proof());
            }
            parts
        })
        .collect();
    seeds.push(("sim-all-in-one".into(), input(&[one(&all)])));
    // Updates and proofs apart, the proofs in pieces.
    seeds.push((
        "sim-updates-and-proofs-apart".into(),
        input(&[
            one(&[b[0].update()]),
            one(&[b[0].message_proof(0, 1)]),
            one(&[b[0].message_proof(1, 3), b[1].update()]),
            one(&[b[2].update(), b[2].message_proof(0, 2)]),
            one(&[b[2].message_proof(2, 4), b[2].message_proof(4, 5)]),
            one(&[b[3].update(), b[4].update()]),
        ]),
    ));
    seeds.push((
        "sim-after-the-change".into(),
        input(&[
            one(&all[..6]),
            one(&[b[4].update(), b[4].message_proof(0, 1)]),
            one(&[b[4].message_proof(1, 2), b[5].update()]),
            one(&[b[5].messages_proof()]),
        ]),
    ));
    // Just over 2/3 of the signatures; then just under (refused).
    seeds.push((
        "sim-three-of-four".into(),
        input(&[
            one(&[b[0].update_signed_by(&[0, 2, 3]), b[0].messages_proof()]),
            one(&[b[1].update_signed_by(&[0, 1])]),
            one(&[b[1].update_signed_by(&[1, 2, 3])]),
        ]),
    ));
    // The old set signs after the change (refused), then the new one.
    seeds.push((
        "sim-old-set-after-change".into(),
        input(&[
            one(&all[..6]),
            one(&[b[4].update_signed_with(&sim.old_validators, &[0, 1, 2, 3])]),
            one(&[b[4].update(), b[4].messages_proof()]),
        ]),
    ));
    // Out of order: a proof before its update, a block skipped, a replay.
    seeds.push((
        "sim-out-of-order".into(),
        input(&[
            one(&[b[0].messages_proof()]),
            one(&[b[1].update()]),
            by_block[0].clone(),
            by_block[0].clone(),
            one(&[b[2].update()]),
            one(&[b[1].update(), b[2].update()]),
        ]),
    ));
    seeds
}
