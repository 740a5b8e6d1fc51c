//! The wire-format targets: ICON's RLP codec and the messages built on it.
//!
//! Each target reads its input twice: as bytes for the decoder (an accepted
//! input must round-trip), and as the choices of an `arbitrary` generator
//! that builds a value, whose encoding must decode back to it.

use std::fmt::Debug;

use arbitrary::Unstructured;
use btp_types::call_message::{
    CallMessageError, CallRequest, CallResponse, CallServiceMessage, CS_REQUEST, CS_RESPONSE,
    CS_RESP_BTP_ERROR, CS_RESP_FAILURE, CS_RESP_SUCCESS,
};
use btp_types::rlp::{
    self, decode, decode_as, Decodable, Encodable, Item, ListEncoder, ListOf, MAX_DEPTH, NULL,
};
use btp_types::{
    Asset, BtpMessage, ErrorMessage, FeeInfo, MessageCenterMessage, NetworkAddress,
    TokenServiceMessage, TransferRequest, TransferResponse,
};
use cosmwasm_std::{Binary, Int256, Uint128, Uint256};

/// Decodes `input` as `T`; if that works, `T`'s encoding must be exactly the
/// input (one value, one encoding: the codec's strictness contract).
fn typed_canonical<T: Encodable + Decodable + Debug>(input: &[u8]) -> Option<T> {
    let value = decode_as::<T>(input).ok()?;
    assert_eq!(
        value.rlp_bytes(),
        input,
        "{} decoded as {} to {value:?}, which encodes differently",
        hex::encode(input),
        std::any::type_name::<T>()
    );
    Some(value)
}

/// `rlp`: arbitrary bytes to the RLP decoder.
///
/// - `decode` never panics, and an accepted input re-encodes to itself
///   (the decoder accepts exactly one encoding per item);
/// - the same for every typed reader (integers of every width, signed or
///   not, 128/256-bit cosmwasm integers, bool, strings, bytes, options, lists);
/// - the integer readers agree: a value read by one width is read, equal,
///   by every wider one and by the other signedness where it fits;
/// - an item tree built from the input (at most [`MAX_DEPTH`] deep) encodes
///   to bytes that decode to the same tree.
pub fn rlp(data: &[u8]) {
    if let Ok(item) = decode(data) {
        assert_eq!(item.rlp_bytes(), data, "item {item:?} is not canonical");
        assert!(
            depth(&item) <= MAX_DEPTH,
            "item nests deeper than MAX_DEPTH"
        );
    }
    let u8v = typed_canonical::<u8>(data);
    let u16v = typed_canonical::<u16>(data);
    let u32v = typed_canonical::<u32>(data);
    let u64v = typed_canonical::<u64>(data);
    let u128v = typed_canonical::<u128>(data);
    let i8v = typed_canonical::<i8>(data);
    let i16v = typed_canonical::<i16>(data);
    let i32v = typed_canonical::<i32>(data);
    let i64v = typed_canonical::<i64>(data);
    let i128v = typed_canonical::<i128>(data);
    let boolv = typed_canonical::<bool>(data);
    let uint128 = typed_canonical::<Uint128>(data);
    let uint256 = typed_canonical::<Uint256>(data);
    let int256 = typed_canonical::<Int256>(data);
    typed_canonical::<String>(data);
    typed_canonical::<Vec<u8>>(data);
    typed_canonical::<Binary>(data);
    typed_canonical::<Option<u64>>(data);
    typed_canonical::<Option<String>>(data);
    typed_canonical::<ListOf<Option<Uint256>>>(data);
    typed_canonical::<ListOf<ListOf<String>>>(data);

    // Widening: whatever a narrower reader accepts, a wider one reads equal.
    let unsigned = [
        u8v.map(u128::from),
        u16v.map(u128::from),
        u32v.map(u128::from),
        u64v.map(u128::from),
    ];
    for value in unsigned.into_iter().flatten() {
        assert_eq!(
            u128v,
            Some(value),
            "a narrower unsigned reader disagrees with u128"
        );
    }
    let signed = [
        i8v.map(i128::from),
        i16v.map(i128::from),
        i32v.map(i128::from),
        i64v.map(i128::from),
    ];
    for value in signed.into_iter().flatten() {
        assert_eq!(
            i128v,
            Some(value),
            "a narrower signed reader disagrees with i128"
        );
    }
    assert_eq!(
        uint128.map(|v| v.u128()),
        u128v,
        "Uint128 and u128 disagree"
    );
    if let Some(value) = u128v {
        assert_eq!(
            uint256,
            Some(Uint256::from(value)),
            "Uint256 and u128 disagree"
        );
    }
    if let Some(value) = i128v {
        assert_eq!(
            int256,
            Some(Int256::from(value)),
            "Int256 and i128 disagree"
        );
    }
    // ICON writes signed and unsigned integers alike (shortest two's
    // complement): a non-negative value reads the same either way.
    if let Some(value) = u64v {
        assert_eq!(i128v, Some(i128::from(value)), "u64 and i128 disagree");
    }
    if let Some(value) = i128v.and_then(|v| u64::try_from(v).ok()) {
        assert_eq!(u64v, Some(value), "i128 reads a u64 value that u64 refuses");
    }
    if let Some(value) = boolv {
        assert_eq!(u8v, Some(u8::from(value)), "bool and u8 disagree");
    }

    // Completeness: every tree encodes to bytes the decoder accepts as that tree.
    let mut u = Unstructured::new(data);
    if let Ok(tree) = Tree::generate(&mut u, 0) {
        let mut bytes = Vec::new();
        tree.encode(&mut bytes);
        let item = decode(&bytes).unwrap_or_else(|err| {
            panic!(
                "the encoding {} of {tree:?} is refused: {err}",
                hex::encode(&bytes)
            )
        });
        assert!(tree.matches(&item), "{tree:?} decodes to {item:?}");
    }
}

fn depth(item: &Item<'_>) -> usize {
    match item {
        Item::List(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// An owned RLP item, built from fuzz input.
#[derive(Debug)]
enum Tree {
    Bytes(Vec<u8>),
    List(Vec<Tree>),
    Null,
}

impl Tree {
    /// A tree with lists nested at most [`MAX_DEPTH`] deep (`depth` lists enclose it).
    fn generate(u: &mut Unstructured<'_>, depth: usize) -> arbitrary::Result<Self> {
        let choice = if depth >= MAX_DEPTH {
            u.int_in_range(0..=1u8)?
        } else {
            u.int_in_range(0..=2u8)?
        };
        Ok(match choice {
            0 => {
                // Short strings most of the time; sometimes across the 55/56 boundary.
                let len = match u.int_in_range(0..=3u8)? {
                    0 => 0,
                    1 => 1,
                    2 => u.int_in_range(2..=60usize)?,
                    _ => u.int_in_range(0..=300usize)?,
                };
                let bytes = (0..len)
                    .map(|_| u.arbitrary::<u8>())
                    .collect::<arbitrary::Result<_>>()?;
                Tree::Bytes(bytes)
            }
            1 => Tree::Null,
            _ => {
                let count = u.int_in_range(0..=8usize)?;
                let mut items = Vec::with_capacity(count);
                for _ in 0..count {
                    items.push(Tree::generate(u, depth + 1)?);
                }
                Tree::List(items)
            }
        })
    }

    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Tree::Bytes(bytes) => rlp::encode_bytes(bytes, out),
            Tree::Null => out.extend_from_slice(&NULL),
            Tree::List(items) => {
                let mut list = ListEncoder::new();
                for item in items {
                    let mut raw = Vec::new();
                    item.encode(&mut raw);
                    list = list.push_raw(&raw);
                }
                list.finish_into(out);
            }
        }
    }

    fn matches(&self, item: &Item<'_>) -> bool {
        match (self, item) {
            (Tree::Bytes(a), Item::Bytes(b)) => a.as_slice() == *b,
            (Tree::Null, Item::Null) => true,
            (Tree::List(a), Item::List(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.matches(y))
            }
            _ => false,
        }
    }
}

/// Checks a decoder on `data` and on a value generated from `data`:
/// decoding, re-encoding and decoding again gives the same value and the
/// same bytes; a generated value decodes from its encoding.
fn round_trips<T: PartialEq + Debug, E: std::fmt::Display>(
    data: &[u8],
    decode: impl Fn(&[u8]) -> Result<T, E>,
    encode: impl Fn(&T) -> Vec<u8>,
    generate: impl Fn(&mut Unstructured<'_>) -> arbitrary::Result<Option<T>>,
) {
    if let Ok(value) = decode(data) {
        let bytes = encode(&value);
        let again = decode(&bytes).unwrap_or_else(|err| {
            panic!(
                "{value:?} (from {}) re-encodes to {}, which is refused: {err}",
                hex::encode(data),
                hex::encode(&bytes)
            )
        });
        assert_eq!(
            again,
            value,
            "decode(encode(x)) != x for {}",
            hex::encode(data)
        );
        assert_eq!(encode(&again), bytes, "the encoding is not stable");
        // Whatever the decoder accepts is one RLP item (the list reader may
        // ignore extra fields, never a malformed or trailing byte).
        assert!(
            rlp::decode(data).is_ok(),
            "accepted input is not one RLP item"
        );
    }
    let mut u = Unstructured::new(data);
    if let Ok(Some(value)) = generate(&mut u) {
        let bytes = encode(&value);
        let back = decode(&bytes).unwrap_or_else(|err| {
            panic!(
                "generated {value:?} encodes to {}, which is refused: {err}",
                hex::encode(&bytes)
            )
        });
        assert_eq!(back, value, "decode(encode(x)) != x");
    }
}

/// A string of `len_max` chars at most, mostly from `alphabet`.
fn text(u: &mut Unstructured<'_>, alphabet: &[u8], len_max: usize) -> arbitrary::Result<String> {
    if u.ratio(1, 8)? {
        return u.arbitrary::<String>();
    }
    let len = u.int_in_range(0..=len_max)?;
    (0..len)
        .map(|_| Ok(char::from(*u.choose(alphabet)?)))
        .collect()
}

const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-_";
const ADDRESS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789.x";

/// A network address: `<nid>.<chain>` from a small alphabet; `None` if the
/// address rules refuse it.
fn network(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<NetworkAddress>> {
    let known = [
        "0x1.icon",
        "0x3.icon",
        "a.cosmos",
        "b.cosmos",
        "archway-1.archway",
    ];
    let text = if u.ratio(1, 2)? {
        (*u.choose(&known)?).to_string()
    } else {
        text(u, ADDRESS, 40)?
    };
    Ok(NetworkAddress::parse(&text).ok())
}

fn generate_btp_message(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<BtpMessage>> {
    let (Some(src), Some(dst)) = (network(u)?, network(u)?) else {
        return Ok(None);
    };
    let svc = text(u, LOWER, 34)?;
    if btp_types::message::validate_service_name(&svc).is_err() {
        return Ok(None);
    }
    let fee_info = if u.arbitrary()? {
        let Some(network) = network(u)? else {
            return Ok(None);
        };
        let values: Vec<u128> = u.arbitrary()?;
        Some(FeeInfo {
            network,
            values: values.into_iter().map(Uint128::new).collect(),
        })
    } else {
        None
    };
    Ok(Some(BtpMessage {
        src,
        dst,
        svc,
        sn: u.arbitrary()?,
        payload: Binary::new(u.arbitrary()?),
        nsn: u.arbitrary()?,
        fee_info,
    }))
}

/// `btp_message`: bytes to `BtpMessage::decode` (see [`round_trips`]; the
/// addresses and service name of an accepted message pass their own checks).
pub fn btp_message(data: &[u8]) {
    round_trips(
        data,
        BtpMessage::decode,
        BtpMessage::encode,
        generate_btp_message,
    );
    if let Ok(message) = BtpMessage::decode(data) {
        assert!(btp_types::message::validate_service_name(&message.svc).is_ok());
        assert_eq!(
            NetworkAddress::parse(message.src.as_str()).as_ref(),
            Ok(&message.src)
        );
        assert_eq!(
            NetworkAddress::parse(message.dst.as_str()).as_ref(),
            Ok(&message.dst)
        );
    }
}

/// `error_message`: bytes to `ErrorMessage::decode` (see [`round_trips`]).
pub fn error_message(data: &[u8]) {
    round_trips(data, ErrorMessage::decode, ErrorMessage::encode, |u| {
        Ok(Some(ErrorMessage {
            code: u.arbitrary()?,
            message: u.arbitrary()?,
        }))
    });
}

/// `message_center_message`: bytes to `MessageCenterMessage::decode` (see [`round_trips`]).
pub fn message_center_message(data: &[u8]) {
    round_trips(
        data,
        MessageCenterMessage::decode,
        MessageCenterMessage::encode,
        |u| {
            Ok(Some(match u.int_in_range(0..=4u8)? {
                0 => MessageCenterMessage::Claim {
                    amount: Uint128::new(u.arbitrary()?),
                    receiver: u.arbitrary()?,
                },
                1 => MessageCenterMessage::Response {
                    code: u.arbitrary()?,
                    message: u.arbitrary()?,
                },
                2 => MessageCenterMessage::Link {
                    link: u.arbitrary()?,
                },
                3 => MessageCenterMessage::Unlink {
                    link: u.arbitrary()?,
                },
                _ => MessageCenterMessage::Init {
                    links: u.arbitrary()?,
                },
            }))
        },
    );
}

fn generate_token_service(
    u: &mut Unstructured<'_>,
) -> arbitrary::Result<Option<TokenServiceMessage>> {
    Ok(Some(if u.arbitrary()? {
        let count = u.int_in_range(1..=4usize)?;
        let mut assets = Vec::with_capacity(count);
        for _ in 0..count {
            assets.push(Asset {
                coin_name: text(u, LOWER, 40)?,
                amount: Uint128::new(u.arbitrary()?),
            });
        }
        TokenServiceMessage::Transfer(TransferRequest {
            from: u.arbitrary()?,
            to: u.arbitrary()?,
            assets,
        })
    } else {
        TokenServiceMessage::Response(TransferResponse {
            code: u.arbitrary()?,
            message: u.arbitrary()?,
        })
    }))
}

/// `token_service`: bytes to `TokenServiceMessage::decode` (see
/// [`round_trips`]; an accepted transfer carries at least one asset).
pub fn token_service(data: &[u8]) {
    round_trips(
        data,
        TokenServiceMessage::decode,
        TokenServiceMessage::encode,
        generate_token_service,
    );
    if let Ok(TokenServiceMessage::Transfer(request)) = TokenServiceMessage::decode(data) {
        assert!(
            !request.assets.is_empty(),
            "a transfer without assets was accepted"
        );
    }
}

/// The field counts of `CSMessage`, `CSMessageRequest` and `CSMessageResponse`.
const CS_MESSAGE_FIELDS: usize = 2;
const CS_REQUEST_FIELDS: usize = 5;
const CS_RESPONSE_FIELDS: usize = 3;

/// Whether `data` is one RLP list of exactly `fields` fields, none of them
/// null: the form whose only reading has exactly one encoding (the list
/// reader reads missing fields as null, ignores extra ones, and the call
/// service messages read a null `data` / `msg` as empty).
fn plain_list(data: &[u8], fields: usize) -> bool {
    match decode(data) {
        Ok(Item::List(items)) => items.len() == fields && !items.iter().any(Item::is_null),
        _ => false,
    }
}

/// `CSMessage`'s `[type, data]`, read independently of
/// `CallServiceMessage::decode`: the type and the data bytes (null as empty),
/// or `None` when the outer list is malformed.
fn cs_message_fields(data: &[u8]) -> Option<(i32, Vec<u8>)> {
    let item = decode(data).ok()?;
    let mut fields = item.list().ok()?;
    let msg_type: i32 = fields.next().ok()?;
    let inner: Option<Vec<u8>> = fields.next().ok()?;
    Some((msg_type, inner.unwrap_or_default()))
}

/// Checks that a call message error is a malformed-RLP error of `what`.
fn refused_as(what: &str, err: &CallMessageError, data: &[u8]) {
    assert!(
        matches!(err, CallMessageError::Rlp { what: w, .. } if *w == what),
        "{} refused as {err:?}, not as malformed {what}",
        hex::encode(data)
    );
}

/// A `from` or `to` account: an ICON, EVM or cosmos account or anything.
fn account(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    let known = [
        "0x1.ETH/0xa",
        "cx0000000000000000000000000000000000000102",
        "hxb6b5791be0b5ef67063b3c10b840fb81514db2fd",
        "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        "archway1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqsgkv3cn",
        "",
    ];
    if u.ratio(1, 2)? {
        Ok((*u.choose(&known)?).to_string())
    } else {
        text(u, ADDRESS, 70)
    }
}

fn generate_call_request(u: &mut Unstructured<'_>) -> arbitrary::Result<CallRequest> {
    Ok(CallRequest {
        from: account(u)?,
        to: account(u)?,
        sn: u.arbitrary()?,
        rollback: u.arbitrary()?,
        data: u.arbitrary()?,
    })
}

fn generate_call_response(u: &mut Unstructured<'_>) -> arbitrary::Result<CallResponse> {
    let codes = [CS_RESP_SUCCESS, CS_RESP_FAILURE, CS_RESP_BTP_ERROR];
    Ok(CallResponse {
        sn: u.arbitrary()?,
        code: if u.ratio(3, 4)? {
            *u.choose(&codes)?
        } else {
            u.arbitrary()?
        },
        msg: u.arbitrary()?,
    })
}

/// `call_message`: bytes to the call service's payloads
/// (`btp_types::call_message`, ICON xCall's `CSMessage [type, data]`,
/// `CSMessageRequest [from, to, sn, rollback, data]`, `CSMessageResponse
/// [sn, code, msg]`), the input read as each of the three.
///
/// - for each type, [`round_trips`]: an accepted input's value re-encodes to
///   bytes that decode to it, with a stable encoding; whatever is accepted
///   is one RLP item; a value generated from the input round-trips;
/// - an accepted input that is a list of exactly the type's fields, none
///   null, is the encoding of its value (for `CSMessage`: when its data is
///   the encoding of the inner message);
/// - `CSMessage`: the outer `[type, data]` read on its own decides it. A
///   malformed outer list is refused as a malformed `CSMessage`; type 1
///   gives exactly what `CallRequest::decode` gives on the data (the
///   request, or its error, a malformed `CSMessageRequest`), type 2 the
///   same with `CallResponse`, any other type `UnknownType` with that type;
///   `CallRequest` and `CallResponse` refuse only with their own RLP error;
/// - a generated message is written `[type, encoding of the inner
///   message]`; a generated request still reads the same with xcall-multi's
///   sixth field (`protocols`) and any field after it, and a generated
///   request or response whose `data` / `msg` is empty reads the same with
///   that field null or missing.
pub fn call_message(data: &[u8]) {
    round_trips(
        data,
        CallServiceMessage::decode,
        CallServiceMessage::encode,
        |u| {
            Ok(Some(if u.arbitrary()? {
                CallServiceMessage::Request(generate_call_request(u)?)
            } else {
                CallServiceMessage::Response(generate_call_response(u)?)
            }))
        },
    );
    round_trips(data, CallRequest::decode, CallRequest::encode, |u| {
        generate_call_request(u).map(Some)
    });
    round_trips(data, CallResponse::decode, CallResponse::encode, |u| {
        generate_call_response(u).map(Some)
    });

    // Canonical forms: one value, one encoding.
    let request = CallRequest::decode(data);
    match &request {
        Ok(value) if plain_list(data, CS_REQUEST_FIELDS) => assert_eq!(
            value.encode(),
            data,
            "the plain request {} encodes differently",
            hex::encode(data)
        ),
        Ok(_) => {}
        Err(err) => refused_as("CSMessageRequest", err, data),
    }
    let response = CallResponse::decode(data);
    match &response {
        Ok(value) if plain_list(data, CS_RESPONSE_FIELDS) => assert_eq!(
            value.encode(),
            data,
            "the plain response {} encodes differently",
            hex::encode(data)
        ),
        Ok(_) => {}
        Err(err) => refused_as("CSMessageResponse", err, data),
    }

    // CSMessage: its declared type decides how its data reads.
    let message = CallServiceMessage::decode(data);
    match cs_message_fields(data) {
        None => match &message {
            Ok(value) => panic!(
                "{} is accepted as {value:?}, but its [type, data] is malformed",
                hex::encode(data)
            ),
            Err(err) => refused_as("CSMessage", err, data),
        },
        Some((msg_type, inner)) => {
            let expected = match msg_type {
                CS_REQUEST => CallRequest::decode(&inner).map(CallServiceMessage::Request),
                CS_RESPONSE => CallResponse::decode(&inner).map(CallServiceMessage::Response),
                msg_type => Err(CallMessageError::UnknownType { msg_type }),
            };
            assert_eq!(
                message,
                expected,
                "{} (type {msg_type}, data {}) does not read as its declared type",
                hex::encode(data),
                hex::encode(&inner)
            );
            match &message {
                Ok(CallServiceMessage::Request(value)) => {
                    if plain_list(data, CS_MESSAGE_FIELDS) && value.encode() == inner {
                        assert_eq!(message.as_ref().unwrap().encode(), data);
                    }
                }
                Ok(CallServiceMessage::Response(value)) => {
                    if plain_list(data, CS_MESSAGE_FIELDS) && value.encode() == inner {
                        assert_eq!(message.as_ref().unwrap().encode(), data);
                    }
                }
                Err(CallMessageError::UnknownType { .. }) => {}
                Err(err) => refused_as(
                    if msg_type == CS_REQUEST {
                        "CSMessageRequest"
                    } else {
                        "CSMessageResponse"
                    },
                    err,
                    &inner,
                ),
            }
        }
    }

    // Generated messages: their layout, and the leniency ICON's readers rely on.
    let mut u = Unstructured::new(data);
    let Ok(generated) = (if u.arbitrary().unwrap_or(false) {
        generate_call_request(&mut u).map(CallServiceMessage::Request)
    } else {
        generate_call_response(&mut u).map(CallServiceMessage::Response)
    }) else {
        return;
    };
    let (msg_type, inner) = match &generated {
        CallServiceMessage::Request(value) => (CS_REQUEST, value.encode()),
        CallServiceMessage::Response(value) => (CS_RESPONSE, value.encode()),
    };
    assert_eq!(
        cs_message_fields(&generated.encode()),
        Some((msg_type, inner)),
        "{generated:?} is not written [type, data]"
    );
    match generated {
        CallServiceMessage::Request(value) => {
            let fields = [
                value.from.rlp_bytes(),
                value.to.rlp_bytes(),
                value.sn.rlp_bytes(),
                value.rollback.rlp_bytes(),
                value.data.rlp_bytes(),
            ];
            let mut list = ListEncoder::new();
            for field in &fields {
                list = list.push_raw(field);
            }
            // xcall-multi's protocols, then anything.
            let protocols: Vec<String> = u.arbitrary().unwrap_or_default();
            list = list.push(&ListOf(protocols));
            if let Ok(extra) = Tree::generate(&mut u, 1) {
                let mut raw = Vec::new();
                extra.encode(&mut raw);
                list = list.push_raw(&raw);
            }
            let extended = list.finish();
            assert_eq!(
                CallRequest::decode(&extended).as_ref(),
                Ok(&value),
                "{value:?} with trailing fields ({}) reads differently",
                hex::encode(&extended)
            );
            if value.data.is_empty() {
                for tail in [&NULL[..], &[]] {
                    let mut list = ListEncoder::new();
                    for field in &fields[..4] {
                        list = list.push_raw(field);
                    }
                    let bytes = list.push_raw(tail).finish();
                    assert_eq!(
                        CallRequest::decode(&bytes).as_ref(),
                        Ok(&value),
                        "{value:?} with a null or missing data ({}) reads differently",
                        hex::encode(&bytes)
                    );
                }
            }
        }
        CallServiceMessage::Response(value) => {
            if value.msg.is_empty() {
                for tail in [&NULL[..], &[]] {
                    let bytes = ListEncoder::new()
                        .push(&value.sn)
                        .push(&value.code)
                        .push_raw(tail)
                        .finish();
                    assert_eq!(
                        CallResponse::decode(&bytes).as_ref(),
                        Ok(&value),
                        "{value:?} with a null or missing msg ({}) reads differently",
                        hex::encode(&bytes)
                    );
                }
            }
        }
    }
}
