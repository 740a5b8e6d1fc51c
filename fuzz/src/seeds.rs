//! The seed inputs of every target, from real data (see examples/seeds.rs).

use std::path::Path;

use btp_types::call_message::{CallRequest, CallResponse, CallServiceMessage};
use btp_types::rlp::{ListEncoder, ListOf};
use btp_types::{
    Asset, BtpMessage, ErrorMessage, FeeInfo, MessageCenterMessage, NetworkAddress,
    TokenServiceMessage, TransferRequest, TransferResponse,
};
use cosmwasm_std::{Binary, Uint128};

use crate::btpblock::btpblock_seeds;
use crate::relay::{relay_seeds, Fixture};
use crate::verifier::{header_seeds, proof_seeds, update_seeds};

type Seeds = Vec<(String, Vec<u8>)>;

/// The RLP test vectors of packages/btp-types/tests/rlp.rs and messages.rs
/// (accepted and refused ones).
const REPOSITORY_VECTORS: &[&str] = &[
    "00",
    "01",
    "0102",
    "02",
    "05",
    "61c328",
    "7f",
    "80",
    "8000",
    "8100",
    "8105",
    "8180",
    "81ff",
    "820005",
    "82007f",
    "820080",
    "820081",
    "8200ff",
    "820100",
    "82ff7f",
    "82ff80",
    "82ffff",
    "83000080",
    "8361c328",
    "83646f",
    "83646f67",
    "887fffffffffffffff",
    "888000000000000000",
    "89010000000000000000",
    "aac101",
    "b800",
    "b8050102030405",
    "b837",
    "b90038",
    "b904",
    "bbffffffff",
    "bfffffffffffffffff01",
    "c0",
    "c0c0c0",
    "c101",
    "c18180",
    "c1b838",
    "c201",
    "c20102",
    "c28105",
    "c2817f",
    "c283616263",
    "c301f800",
    "c3f80001",
    "c400c20102",
    "c70783646f67f800",
    "c7c0c1c0c3c0c1c0",
    "c80783646f67820080",
    "f8",
    "f800",
    "f80000",
    "f80101",
    "f837",
    "f838",
    "f90038",
    "fbffffffff0000",
    // messages.rs: a BTP message (7 and 6 fields, a bad src), a transfer, a bad service type.
    "db86612e69636f6e88622e636f736d6f73836274730182010202f800",
    "d986612e69636f6e88622e636f736d6f73836274730182010202",
    "da856169636f6e88622e636f736d6f73836274730182010202f800",
    "d80096d585616c69636583626f62cac9857561746f6d820080",
    "c30981c0",
];

/// The real ICON RLPn of /work/shared/fixtures/icon-btp2 (BTP block
/// headers and relay messages of ICON's own verifier tests), when present.
fn icon_rlp() -> Seeds {
    let path = Path::new("/work/shared/fixtures/icon-btp2/btp2-java-bmv-fixtures.json");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("{} is not here: no ICON seeds", path.display());
        return Vec::new();
    };
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut found = Vec::new();
    collect_hex(&json, &mut found);
    found.sort();
    found.dedup();
    found
        .into_iter()
        .enumerate()
        .map(|(index, bytes)| (format!("icon-btp2-{index}"), bytes))
        .collect()
}

fn collect_hex(value: &serde_json::Value, out: &mut Vec<Vec<u8>>) {
    match value {
        serde_json::Value::String(text) if text.len() >= 4 && text.len() % 2 == 0 => {
            if let Ok(bytes) = hex::decode(text) {
                if btp_types::rlp::decode(&bytes).is_ok() {
                    out.push(bytes);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect_hex(item, out)),
        serde_json::Value::Object(map) => map.values().for_each(|item| collect_hex(item, out)),
        _ => {}
    }
}

/// What the contracts committed on the prepared relay suite: the BTP
/// messages, and their payloads by kind.
struct Committed {
    messages: Seeds,
    token_service: Seeds,
    errors: Seeds,
}

fn committed(fixture: &Fixture) -> Committed {
    let mut committed = Committed {
        messages: Vec::new(),
        token_service: Vec::new(),
        errors: Vec::new(),
    };
    for (side, list) in ["a", "b"].iter().zip(&fixture.genuine) {
        for message in list {
            let name = format!("committed-{side}-{}", message.sequence);
            let decoded = BtpMessage::decode(&message.message).unwrap();
            committed
                .messages
                .push((name.clone(), message.message.to_vec()));
            if decoded.sn >= 0 {
                committed
                    .token_service
                    .push((name, decoded.payload.to_vec()));
            } else {
                committed.errors.push((name, decoded.payload.to_vec()));
            }
        }
    }
    committed
}

/// The vectors of packages/btp-types/src/call_message.rs's tests: ICON
/// xcall-multi's requests (with protocols [], [abc, cde, efg]; rollback
/// false, true), btp xCall's five-field requests, the responses (success,
/// failure, a BTP error, a null msg), a `CSMessage` response, an unknown
/// type, garbage.
const CALL_MESSAGE_VECTORS: &[&str] = &[
    "f83f8b3078312e4554482f307861aa63783030303030303030303030303030303030303030303030303030303030303030303030303031303215008474657374c0",
    "f84b8b3078312e4554482f307861aa63783030303030303030303030303030303030303030303030303030303030303030303030303031303215008474657374cc836162638363646583656667",
    "f84b8b3078312e4554482f307861aa63783030303030303030303030303030303030303030303030303030303030303030303030303031303215018474657374cc836162638363646583656667",
    "f83e8b3078312e4554482f307861aa63783030303030303030303030303030303030303030303030303030303030303030303030303031303215008474657374",
    "f83e8b3078312e4554482f307861aa63783030303030303030303030303030303030303030303030303030303030303030303030303031303215018474657374",
    "c40281ff80",
    "c3010080",
    "c40100f800",
    "c882012c81fe826e6f",
    "cb0289c882012c81fe826e6f",
    "c20380",
    "67617262616765",
];

/// The call service's seeds: the vectors above, the test's `CSMessage`
/// request, the same of xcall-multi's requests, and a few generated ones
/// (extreme serial numbers, long data, null fields, a type mismatch).
fn call_message_seeds() -> Seeds {
    let mut seeds = hex_seeds("repository", CALL_MESSAGE_VECTORS);
    let request = |rollback| CallRequest {
        from: "0x1.ETH/0xa".into(),
        to: "cx0000000000000000000000000000000000000102".into(),
        sn: 21,
        rollback,
        data: b"test".to_vec(),
    };
    let cs_message =
        |msg_type: i32, data: &[u8]| ListEncoder::new().push(&msg_type).push(data).finish();
    seeds.push((
        "cs-request-rollback".into(),
        CallServiceMessage::Request(request(true)).encode(),
    ));
    for (index, hex) in CALL_MESSAGE_VECTORS[..3].iter().enumerate() {
        let bytes = hex::decode(hex).unwrap();
        seeds.push((format!("cs-xcall-multi-{index}"), cs_message(1, &bytes)));
    }
    // A request whose sn does not fit i64 (refused).
    let huge = ListEncoder::new()
        .push("a")
        .push("b")
        .push(&u128::MAX)
        .push(&false)
        .push(&b""[..])
        .finish();
    seeds.push(("repository-huge-sn".into(), huge));
    seeds.push((
        "cs-request-archway".into(),
        CallServiceMessage::Request(CallRequest {
            from: "hxb6b5791be0b5ef67063b3c10b840fb81514db2fd".into(),
            to: "archway1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqsgkv3cn".into(),
            sn: i64::MAX,
            rollback: false,
            data: (0u8..=99).collect(),
        })
        .encode(),
    ));
    seeds.push((
        "cs-response-min".into(),
        CallServiceMessage::Response(CallResponse {
            sn: i64::MIN,
            code: i32::MIN,
            msg: "handler failed: \u{2603}".into(),
        })
        .encode(),
    ));
    // A request with a null data and a trailing field; a CSMessage whose data is null.
    seeds.push((
        "request-null-data".into(),
        ListEncoder::new()
            .push("0x1.icon/hx01")
            .push("cosmwasm1user")
            .push(&-1i64)
            .push(&true)
            .push_raw(&btp_types::rlp::NULL)
            .push(&ListOf(vec!["btp".to_string()]))
            .finish(),
    ));
    seeds.push((
        "cs-null-data".into(),
        ListEncoder::new()
            .push(&1i32)
            .push_raw(&btp_types::rlp::NULL)
            .finish(),
    ));
    // Type 2 carrying a request; type 1 carrying a response (both refused).
    seeds.push((
        "cs-mismatch-response".into(),
        cs_message(2, &request(false).encode()),
    ));
    seeds.push((
        "cs-mismatch-request".into(),
        cs_message(1, &hex::decode("c882012c81fe826e6f").unwrap()),
    ));
    seeds
}

fn hex_seeds(prefix: &str, vectors: &[&str]) -> Seeds {
    vectors
        .iter()
        .enumerate()
        .map(|(index, text)| (format!("{prefix}-{index}"), hex::decode(text).unwrap()))
        .collect()
}

/// Every target's seeds.
pub fn all() -> Vec<(&'static str, Seeds)> {
    let fixture = Fixture::new();
    let committed = committed(&fixture);

    let mut rlp = hex_seeds("repository", REPOSITORY_VECTORS);
    rlp.extend(icon_rlp());
    rlp.extend(committed.messages.iter().cloned());

    let with_fee = BtpMessage {
        src: NetworkAddress::parse("0x1.icon").unwrap(),
        dst: NetworkAddress::parse("archway-1.archway").unwrap(),
        svc: "xcall".into(),
        sn: -42,
        payload: Binary::new(vec![0xc0]),
        nsn: i64::MIN + 1,
        fee_info: Some(FeeInfo {
            network: NetworkAddress::parse("0x1.icon").unwrap(),
            values: vec![Uint128::new(1), Uint128::MAX, Uint128::zero()],
        }),
    };
    let mut btp_message = hex_seeds(
        "repository",
        &REPOSITORY_VECTORS[REPOSITORY_VECTORS.len() - 5..],
    );
    btp_message.extend(committed.messages.iter().cloned());
    btp_message.push(("fee-info".into(), with_fee.encode()));

    let mut error_message = committed.errors.clone();
    error_message.push((
        "refused".into(),
        ErrorMessage {
            code: 40,
            message: "the receiver \"nobody\" is not a valid account".into(),
        }
        .encode(),
    ));

    let message_center_message = vec![
        (
            // ICON's claim of 10^18 for "hxabcdef", and its Response (code 0).
            "icon-claim".to_string(),
            hex::decode("da85436c61696d93d2880de0b6b3a7640000886878616263646566")
                .unwrap_or_default(),
        ),
        (
            "icon-response".to_string(),
            hex::decode("cd88526573706f6e736583c20080").unwrap_or_default(),
        ),
        (
            "claim-reward".to_string(),
            MessageCenterMessage::Claim {
                amount: Uint128::new(1_000),
                receiver: fixture.suite.relayer.to_string(),
            }
            .encode(),
        ),
        (
            "claim-reward-max".to_string(),
            MessageCenterMessage::Claim {
                amount: Uint128::MAX,
                receiver: "hx0000000000000000000000000000000000000000".into(),
            }
            .encode(),
        ),
    ];

    let mut token_service = committed.token_service.clone();
    token_service.extend(hex_seeds(
        "repository",
        &[
            "d80096d585616c69636583626f62cac9857561746f6d820080",
            "c30981c0",
        ],
    ));
    token_service.push((
        "transfer-batch".into(),
        TokenServiceMessage::Transfer(TransferRequest {
            from: "hxb6b5791be0b5ef67063b3c10b840fb81514db2fd".into(),
            to: "cosmwasm1user".into(),
            assets: vec![
                Asset {
                    coin_name: "0x1.icon-ICX".into(),
                    amount: Uint128::new(1_000_000_000_000_000_000),
                },
                Asset {
                    coin_name: "a/ucoina".into(),
                    amount: Uint128::new(5),
                },
            ],
        })
        .encode(),
    ));
    token_service.push((
        "response-error".into(),
        TokenServiceMessage::Response(TransferResponse {
            code: 1,
            message: "refused".into(),
        })
        .encode(),
    ));

    drop(fixture);
    vec![
        ("rlp", rlp),
        ("btp_message", btp_message),
        ("error_message", error_message),
        ("message_center_message", message_center_message),
        ("token_service", token_service),
        ("call_message", call_message_seeds()),
        ("verifier_header", header_seeds()),
        ("verifier_proof", proof_seeds()),
        ("verifier_update", update_seeds()),
        ("verifier_btpblock", btpblock_seeds()),
        ("relay", relay_seeds()),
    ]
}
