//! Gas of verifier-btpblock (ICON BTP v2 blocks) in cosmwasm-vm: instantiate
//! with the first header, then each relay message of a sequence in order,
//! on (a) three real goloop blocks (`0x3.icon`, one validator, one message
//! each) and (b) ICON's own BMV unit-test data (btp2-java, `0x1.icon`, four
//! validators), from `contracts/verifier-btpblock/tests/fixtures`.
//!
//! Each sequence runs on three instances side by side: the relay messages as
//! they are; each relay message split into one relay message per item
//! (update only, proof only), printed where a relay message has several
//! items; and split with each block update's signatures trimmed to the
//! quorum (more than 2/3 of the validators; the others null), printed where
//! that removes a signature. The goloop blocks are also relayed all in one
//! relay message.

use std::path::PathBuf;

use btp_types::address::NetworkAddress;
use btp_types::msg::verifier::{Counterpart, VerifierExecuteMsg};
use btp_types::msg::verifier_btpblock::{ExecuteMsg, InstantiateMsg};
use btp_types::rlp;
use cosmwasm_std::{Addr, Binary, ContractResult, Empty, MessageInfo, Response};
use cosmwasm_vm::testing::{mock_env, mock_instance_with_options, MockApi, MockInstanceOptions};
use cosmwasm_vm::{call_execute, call_instantiate};
use verifier_btpblock::codec::{
    decode_proof_context, decode_proofs, BlockHeader, BlockUpdate, MessageProof, TYPE_BLOCK_UPDATE,
    TYPE_MESSAGE_PROOF,
};
use verifier_btpblock::test_utils::{
    block_update, encode_header, message_proof, proofs, relay_message, GoloopSignedHeader,
    RelayPart as Item,
};

use crate::{Bench, VmInstance, GAS_MULTIPLIER};

/// The ICON message center the instances are configured with (any `cx…`).
const REMOTE_CENTER: &str = "cxa5a6ac6ad5e8ff2bd8e7e2a2a5a9b6c1a9e0b7c2";
/// The goloop blocks' only validator.
const GOLOOP_VALIDATOR: &str = "b040bff300eee91f7665ac8dcf89eb0871015306";

fn fixture(relative: &str) -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../contracts/verifier-btpblock/tests/fixtures")
        .join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("reading fixture {}: {err}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s.trim_start_matches("0x")).unwrap()
}

/// The items of a relay message.
fn items_of(relay: &[u8]) -> Vec<Item> {
    let root = rlp::decode(relay).unwrap();
    let mut fields = root.list().unwrap();
    match fields.next_item() {
        rlp::Item::Null => vec![],
        items => {
            let mut items = items.list().unwrap();
            (0..items.len())
                .map(|_| {
                    let mut typed = items.next_item().list().unwrap();
                    (typed.next().unwrap(), typed.next().unwrap())
                })
                .collect()
        }
    }
}

/// The header and signatures of a block update.
fn update_parts(payload: &[u8]) -> (Vec<u8>, Vec<Option<Vec<u8>>>) {
    let root = rlp::decode(payload).unwrap();
    let mut fields = root.list().unwrap();
    let header: Vec<u8> = fields.next().unwrap();
    let proof: Vec<u8> = fields.next().unwrap();
    (header, decode_proofs(&proof).unwrap())
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// A header's height, message count and validator change.
fn describe_header(header: &BlockHeader) -> String {
    let mut s = format!(
        "h{}, {}",
        header.main_height,
        plural(header.message_count as usize, "message")
    );
    if header.proof_context_changed() {
        let next = header
            .next_proof_context
            .as_deref()
            .map(|c| decode_proof_context(c).unwrap().len())
            .unwrap_or_default();
        s.push_str(&format!(", new validator set of {next}"));
    }
    s
}

/// What an item holds: signatures and messages.
fn describe(item: &Item) -> String {
    match item.0 {
        TYPE_BLOCK_UPDATE => {
            let update = BlockUpdate::decode(&item.1).unwrap();
            let (_, signatures) = update_parts(&item.1);
            let signed = signatures.iter().flatten().count();
            format!(
                "update ({}; {signed} of {} signatures)",
                describe_header(&update.header),
                signatures.len()
            )
        }
        TYPE_MESSAGE_PROOF => {
            let proof = MessageProof::decode(&item.1).unwrap();
            let n = proof.messages.len();
            let nodes = proof.left.len() + proof.right.len();
            format!(
                "proof of {n} message{}{}",
                if n == 1 { "" } else { "s" },
                if nodes == 0 {
                    String::new()
                } else {
                    format!(
                        " (+{nodes} proof node{})",
                        if nodes == 1 { "" } else { "s" }
                    )
                }
            )
        }
        other => panic!("item of type {other}"),
    }
}

fn describe_all(items: &[Item]) -> String {
    items.iter().map(describe).collect::<Vec<_>>().join(" + ")
}

/// A block update with the signatures beyond the quorum (more than 2/3 of
/// the validators) made null; `None` when that removes none.
fn trimmed(item: &Item) -> Option<Item> {
    if item.0 != TYPE_BLOCK_UPDATE {
        return None;
    }
    let (header, mut signatures) = update_parts(&item.1);
    let quorum = signatures.len() * 2 / 3 + 1;
    let mut kept = 0;
    let mut removed = false;
    for signature in signatures.iter_mut().filter(|s| s.is_some()) {
        if kept < quorum {
            kept += 1;
        } else {
            *signature = None;
            removed = true;
        }
    }
    removed.then(|| (item.0, block_update(&header, Some(proofs(&signatures)))))
}

/// One instance of the verifier, called as the message center.
struct Verifier {
    instance: VmInstance,
    center: MessageInfo,
    source: Counterpart,
}

/// A measured call: gas, JSON bytes, outcome.
type Measured = (u64, usize, String);

impl Verifier {
    fn new(
        wasm: &[u8],
        network: &str,
        network_type_id: u64,
        first_header: &[u8],
    ) -> (Self, Measured) {
        let mut instance = mock_instance_with_options(
            wasm,
            MockInstanceOptions {
                gas_limit: 100_000_000_000_000,
                ..Default::default()
            },
        );
        let api = MockApi::default();
        let center = MessageInfo {
            sender: Addr::unchecked(api.addr_make("message-center")),
            funds: vec![],
        };
        let owner = MessageInfo {
            sender: Addr::unchecked(api.addr_make("owner")),
            funds: vec![],
        };
        let msg = InstantiateMsg {
            owner: None,
            message_center: center.sender.to_string(),
            source_network: NetworkAddress::parse(network).unwrap(),
            source_center: REMOTE_CENTER.to_string(),
            network_type_id,
            network_id: BlockHeader::decode(first_header).unwrap().nid,
            first_header: Binary::from(first_header),
            next_proof_context: None,
        };
        let bytes = serde_json::to_vec(&msg).unwrap();
        let (gas, outcome) = Bench::metered(&mut instance, |instance| {
            let result: ContractResult<Response<Empty>> =
                call_instantiate(instance, &mock_env(), &owner, &bytes).unwrap();
            let response = result.into_result().unwrap();
            outcome_of(&response, &["height", "validators"])
        });
        let verifier = Self {
            instance,
            center,
            source: Counterpart {
                network: NetworkAddress::parse(network).unwrap(),
                center: REMOTE_CENTER.to_string(),
            },
        };
        (verifier, (gas, bytes.len(), outcome))
    }

    /// `verify_relay_message` with `items`.
    fn relay(&mut self, items: &[Item]) -> Measured {
        let msg = ExecuteMsg::Btp(VerifierExecuteMsg::VerifyRelayMessage {
            source: self.source.clone(),
            relay_message: Binary::from(relay_message(items)),
        });
        let bytes = serde_json::to_vec(&msg).unwrap();
        let center = self.center.clone();
        let what = describe_all(items);
        let (gas, outcome) = Bench::metered(&mut self.instance, |instance| {
            let result: ContractResult<Response<Empty>> =
                call_execute(instance, &mock_env(), &center, &bytes).unwrap();
            let response = result
                .into_result()
                .unwrap_or_else(|err| panic!("verify_relay_message ({what}): {err}"));
            outcome_of(
                &response,
                &["height", "block_updates", "messages", "validators_changed"],
            )
        });
        (gas, bytes.len(), outcome)
    }
}

fn outcome_of(response: &Response<Empty>, keys: &[&str]) -> String {
    keys.iter()
        .filter_map(|key| {
            response
                .attributes
                .iter()
                .find(|a| a.key == *key)
                .map(|a| format!("{key} {}", a.value))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

struct Table {
    rows: Vec<String>,
}

impl Table {
    fn row(&mut self, what: &str, relay_bytes: Option<usize>, (gas, bytes, outcome): Measured) {
        let relay_bytes = relay_bytes.map(|n| n.to_string()).unwrap_or_default();
        self.rows.push(format!(
            "| {what} | {relay_bytes} | {bytes} | {gas} | {} | {outcome} |",
            gas.div_ceil(GAS_MULTIPLIER)
        ));
    }

    /// Instantiates with `first_header`, then relays `relays` in order, as
    /// they are, split per item, and split with trimmed signatures.
    fn sequence(
        &mut self,
        wasm: &[u8],
        name: &str,
        (network, network_type_id): (&str, u64),
        first_header: &[u8],
        validators: usize,
        relays: &[Vec<Item>],
    ) {
        let header = BlockHeader::decode(first_header).unwrap();
        let (mut whole, measured) = Verifier::new(wasm, network, network_type_id, first_header);
        self.row(
            &format!(
                "**{name}**: instantiate, first header ({}; {})",
                describe_header(&header),
                plural(validators, "validator")
            ),
            None,
            measured,
        );
        let (mut split, _) = Verifier::new(wasm, network, network_type_id, first_header);
        let (mut trim, _) = Verifier::new(wasm, network, network_type_id, first_header);
        for (i, items) in relays.iter().enumerate() {
            let measured = whole.relay(items);
            self.row(
                &format!("relay {}: {}", i + 1, describe_all(items)),
                Some(relay_message(items).len()),
                measured,
            );
            for item in items {
                let alone = std::slice::from_ref(item);
                let measured = split.relay(alone);
                if items.len() > 1 {
                    self.row(
                        &format!("… {} alone", describe(item)),
                        Some(relay_message(alone).len()),
                        measured,
                    );
                }
                let trimmed = trimmed(item);
                let item = std::slice::from_ref(trimmed.as_ref().unwrap_or(item));
                let measured = trim.relay(item);
                if trimmed.is_some() {
                    self.row(
                        &format!("… {} alone, trimmed to the quorum", describe(&item[0])),
                        Some(relay_message(item).len()),
                        measured,
                    );
                }
            }
        }
    }
}

/// The goloop blocks: first header, then each block's update and message.
fn goloop(wasm: &[u8], table: &mut Table) {
    let blocks = fixture("icon-btp2/goloop-single-message-blocks.json");
    let validators = [unhex(GOLOOP_VALIDATOR)];
    let blocks: Vec<(Vec<u8>, Item, Item)> = blocks
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let signed: GoloopSignedHeader =
                serde_json::from_value(b["signed_header"].clone()).unwrap();
            let header = encode_header(&signed.btp_header.header(&validators));
            let update = block_update(&header, Some(signed.proofs()));
            let messages = b["messages"].as_array().unwrap();
            assert_eq!(messages.len(), 1);
            let proof = message_proof(&[], &[unhex(messages[0].as_str().unwrap())], &[]);
            (
                header,
                (TYPE_BLOCK_UPDATE, update),
                (TYPE_MESSAGE_PROOF, proof),
            )
        })
        .collect();
    let mut relays = vec![vec![blocks[0].2.clone()]];
    for (_, update, proof) in &blocks[1..] {
        relays.push(vec![update.clone(), proof.clone()]);
    }
    let network = ("0x3.icon", 1);
    table.sequence(
        wasm,
        "goloop 0x3.icon, network 2",
        network,
        &blocks[0].0,
        1,
        &relays,
    );
    // All of it in one relay message.
    let (mut v, _) = Verifier::new(wasm, network.0, network.1, &blocks[0].0);
    let all: Vec<Item> = relays.concat();
    let measured = v.relay(&all);
    table.row(
        &format!("all in one relay message: {}", describe_all(&all)),
        Some(relay_message(&all).len()),
        measured,
    );
}

/// ICON's success sequences: the relay messages as ICON's test sends them.
fn bmv(wasm: &[u8], table: &mut Table) {
    let f = fixture("icon-btp2/btp2-java-bmv-fixtures.json");
    let network = (
        f["params"]["srcNetworkID"].as_str().unwrap(),
        f["params"]["networkTypeID"].as_u64().unwrap(),
    );
    for (index, sequence) in f["success"].as_array().unwrap().iter().enumerate() {
        let relays: Vec<Vec<u8>> = sequence["relay_messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| unhex(r.as_str().unwrap()))
            .collect();
        let first = &relays[0];
        let validators = BlockHeader::decode(first)
            .unwrap()
            .next_proof_context
            .map(|c| decode_proof_context(&c).unwrap().len())
            .unwrap_or_default();
        let items: Vec<Vec<Item>> = relays[1..].iter().map(|r| items_of(r)).collect();
        for (relay, items) in relays[1..].iter().zip(&items) {
            // The split items re-encode to the fixture's bytes.
            assert_eq!(&relay_message(items), relay);
        }
        table.sequence(
            wasm,
            &format!(
                "btp2-java BMV success sequence {}, {}",
                index + 1,
                network.0
            ),
            network,
            first,
            validators,
            &items,
        );
    }
}

pub fn run(wasm: &[u8]) {
    let mut table = Table { rows: vec![] };
    goloop(wasm, &mut table);
    bmv(wasm, &mut table);
    println!(
        "| operation | relay message bytes (RLPn) | message bytes (JSON) | CosmWasm gas | SDK gas (÷140,000) | outcome |"
    );
    println!("|---|---:|---:|---:|---:|---|");
    for row in &table.rows {
        println!("{row}");
    }
}
