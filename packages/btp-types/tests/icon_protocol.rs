//! Byte-level agreement with ICON's BMC (`btp2-java`, `btp2-solidity`): its
//! internal messages (`Claim`, `Response`, `Init`, `Link`, `Unlink`), its
//! null error messages, and the big integers it may send, which this chain
//! refuses with a typed error instead of a panic or a generic RLP error.

use btp_types::message::{CLAIM, RESPONSE};
use btp_types::rlp::{self, ListEncoder};
use btp_types::{BtpMessage, CodecError, ErrorMessage, MessageCenterMessage};
use cosmwasm_std::{Int256, Uint128, Uint256};

fn hex(text: &str) -> Vec<u8> {
    hex::decode(text).unwrap()
}

/// What ICON's `BTPMessageCenter.claimReward` sends:
/// `BMCMessage("Claim", ClaimMessage(10^18, "hxabcdef"))`.
const ICON_CLAIM: &str = "da85436c61696d93d2880de0b6b3a7640000886878616263646566";

#[test]
fn icons_claim_reads_as_the_claim_icon_meant_and_writes_back_the_same_bytes() {
    let claim = MessageCenterMessage::decode(&hex(ICON_CLAIM)).unwrap();
    assert_eq!(
        claim,
        MessageCenterMessage::Claim {
            amount: Uint128::new(1_000_000_000_000_000_000),
            receiver: "hxabcdef".into(),
        }
    );
    assert_eq!(claim.type_name(), CLAIM);
    assert_eq!(hex::encode(claim.encode()), ICON_CLAIM);
}

/// ICON's `sendInternalResponse`: `BMCMessage("Response",
/// ResponseMessage(0, "").toBytes())`, with `ResponseMessage` written as
/// `[write(long 0), writeNullable("")]` = `c2 00 80`.
const ICON_RESPONSE: &str = "cd88526573706f6e736583c20080";

#[test]
fn icons_response_round_trips() {
    let response = MessageCenterMessage::decode(&hex(ICON_RESPONSE)).unwrap();
    assert_eq!(
        response,
        MessageCenterMessage::Response {
            code: 0,
            message: String::new(),
        }
    );
    assert_eq!(response.type_name(), RESPONSE);
    assert_eq!(hex::encode(response.encode()), ICON_RESPONSE);

    // A failed claim's code and text, as `toResponseMessage(e)` writes them.
    let failed = MessageCenterMessage::Response {
        code: 1,
        message: "invalid address format".into(),
    };
    assert_eq!(
        MessageCenterMessage::decode(&failed.encode()).unwrap(),
        failed
    );
    // A null message inside a Response reads as "" too: ["Response", [1, null]].
    let null_message = ListEncoder::new()
        .push(RESPONSE)
        .push(&hex("c301f800"))
        .finish();
    assert_eq!(
        MessageCenterMessage::decode(&null_message).unwrap(),
        MessageCenterMessage::Response {
            code: 1,
            message: String::new(),
        }
    );
}

#[test]
fn the_old_claim_reward_type_is_not_icons_and_is_refused() {
    let old = ListEncoder::new()
        .push("ClaimReward")
        .push(&hex("d2880de0b6b3a7640000886878616263646566"))
        .finish();
    assert_eq!(
        MessageCenterMessage::decode(&old),
        Err(CodecError::UnknownMessageCenterMessage {
            kind: "ClaimReward".into()
        })
    );
}

#[test]
fn route_announcements_have_icons_layouts() {
    let link = "btp://0x1.icon/cx0000000000000000000000000000000000000001";
    for message in [
        MessageCenterMessage::Init {
            links: vec![link.into(), "btp://b.cosmos/center".into()],
        },
        MessageCenterMessage::Init { links: vec![] },
        MessageCenterMessage::Link { link: link.into() },
        MessageCenterMessage::Unlink { link: link.into() },
    ] {
        assert_eq!(
            MessageCenterMessage::decode(&message.encode()).unwrap(),
            message
        );
    }
    // ["Link", [link]] and ["Init", [[link]]]: the data is a list of one field.
    let expected_link = ListEncoder::new()
        .push("Link")
        .push(&ListEncoder::new().push(link).finish())
        .finish();
    assert_eq!(
        MessageCenterMessage::Link { link: link.into() }.encode(),
        expected_link
    );
    let expected_init = ListEncoder::new()
        .push("Init")
        .push(
            &ListEncoder::new()
                .push_raw(&ListEncoder::new().push(link).finish())
                .finish(),
        )
        .finish();
    assert_eq!(
        MessageCenterMessage::Init {
            links: vec![link.into()]
        }
        .encode(),
        expected_init
    );
}

#[test]
fn an_error_reply_with_a_null_message_reads_as_an_empty_message() {
    // ICON's `ResponseMessage(1, null)`: `writeNullable(null)` is `f8 00`.
    let reply = ErrorMessage::decode(&hex("c301f800")).unwrap();
    assert_eq!(
        reply,
        ErrorMessage {
            code: 1,
            message: String::new(),
        }
    );
    // Re-encoding writes the empty string, as ICON writes `""`: `c2 01 80`.
    assert_eq!(hex::encode(reply.encode()), "c20180");
    assert_eq!(ErrorMessage::decode(&hex("c20180")).unwrap(), reply);
    // A missing message reads as "" as well, and a list is still an error.
    assert_eq!(ErrorMessage::decode(&hex("c101")).unwrap(), reply);
    assert!(matches!(
        ErrorMessage::decode(&hex("c301c0")),
        Err(CodecError::Rlp { .. })
    ));
}

/// `[ "a.icon", "b.cosmos", "bts", sn, 0x0102, nsn, fee_info ]` with each
/// integer given as its raw RLP item.
fn message_with(sn: &[u8], nsn: &[u8], fee_info: &[u8]) -> Vec<u8> {
    ListEncoder::new()
        .push("a.icon")
        .push("b.cosmos")
        .push("bts")
        .push_raw(sn)
        .push(&vec![1u8, 2])
        .push_raw(nsn)
        .push_raw(fee_info)
        .finish()
}

fn int(value: i128) -> Vec<u8> {
    rlp::Encodable::rlp_bytes(&value)
}

fn fee_info(value: &[u8]) -> Vec<u8> {
    ListEncoder::new()
        .push("a.icon")
        .push_raw(&ListEncoder::new().push_raw(value).finish())
        .finish()
}

fn out_of_range(result: Result<impl std::fmt::Debug, CodecError>) -> (&'static str, String) {
    match result {
        Err(CodecError::OutOfRange { field, value, .. }) => (field, value),
        other => panic!("expected OutOfRange, got {other:?}"),
    }
}

#[test]
fn an_sn_or_nsn_beyond_i64_is_a_typed_refusal() {
    let two_63 = int(1 << 63);
    assert_eq!(hex::encode(&two_63), "89008000000000000000");
    let null = rlp::NULL;
    assert_eq!(
        out_of_range(BtpMessage::decode(&message_with(&two_63, &int(1), &null))),
        ("sn", "9223372036854775808".into())
    );
    assert_eq!(
        out_of_range(BtpMessage::decode(&message_with(&int(1), &two_63, &null))),
        ("nsn", "9223372036854775808".into())
    );
    // Below i64::MIN too, and i64's own ends are fine.
    let below = int(-(1 << 63) - 1);
    assert_eq!(
        out_of_range(BtpMessage::decode(&message_with(&below, &int(1), &null))),
        ("sn", "-9223372036854775809".into())
    );
    let edge = BtpMessage::decode(&message_with(
        &int(i64::MIN.into()),
        &int(i64::MAX.into()),
        &null,
    ))
    .unwrap();
    assert_eq!((edge.sn, edge.nsn), (i64::MIN, i64::MAX));
    // A Java BigInteger longer than 256 bits: still typed, and named by size.
    let mut huge = Vec::new();
    rlp::encode_bytes(&[0x7f; 40], &mut huge);
    assert_eq!(
        out_of_range(BtpMessage::decode(&message_with(&huge, &int(1), &null))),
        ("sn", "(a 40-byte integer)".into())
    );
}

#[test]
fn a_fee_beyond_u128_or_negative_is_a_typed_refusal() {
    let two_130 = rlp::Encodable::rlp_bytes(&(Uint256::from(1u8) << 130));
    assert_eq!(
        out_of_range(BtpMessage::decode(&message_with(
            &int(1),
            &int(1),
            &fee_info(&two_130)
        ))),
        (
            "fee_info.values",
            "1361129467683753853853498429727072845824".into()
        )
    );
    assert_eq!(
        out_of_range(BtpMessage::decode(&message_with(
            &int(1),
            &int(1),
            &fee_info(&int(-5))
        ))),
        ("fee_info.values", "-5".into())
    );
    // u128::MAX itself is accepted.
    let max = BtpMessage::decode(&message_with(
        &int(1),
        &int(1),
        &fee_info(&rlp::Encodable::rlp_bytes(&u128::MAX)),
    ))
    .unwrap();
    assert_eq!(max.fee_info.unwrap().values, vec![Uint128::MAX]);
}

#[test]
fn a_code_beyond_u32_or_negative_is_a_typed_refusal() {
    let payload = |code: &[u8]| ListEncoder::new().push_raw(code).push("x").finish();
    let two_40 = rlp::Encodable::rlp_bytes(&(1u64 << 40));
    assert_eq!(
        out_of_range(ErrorMessage::decode(&payload(&two_40))),
        ("code", "1099511627776".into())
    );
    assert_eq!(
        out_of_range(ErrorMessage::decode(&payload(&int(-1)))),
        ("code", "-1".into())
    );
    // The same inside a Response.
    let response = ListEncoder::new()
        .push(RESPONSE)
        .push(&payload(&two_40))
        .finish();
    assert_eq!(
        out_of_range(MessageCenterMessage::decode(&response)),
        ("code", "1099511627776".into())
    );
    // u32::MAX is the largest code accepted.
    assert_eq!(
        ErrorMessage::decode(&payload(&rlp::Encodable::rlp_bytes(&u32::MAX)))
            .unwrap()
            .code,
        u32::MAX
    );
}

#[test]
fn a_claim_amount_beyond_u128_or_negative_is_a_typed_refusal() {
    let claim = |amount: &[u8]| {
        ListEncoder::new()
            .push(CLAIM)
            .push(
                &ListEncoder::new()
                    .push_raw(amount)
                    .push("hxabcdef")
                    .finish(),
            )
            .finish()
    };
    let two_130 = rlp::Encodable::rlp_bytes(&(Int256::from(1u8) << 130));
    assert_eq!(
        out_of_range(MessageCenterMessage::decode(&claim(&two_130))),
        ("amount", "1361129467683753853853498429727072845824".into())
    );
    assert_eq!(
        out_of_range(MessageCenterMessage::decode(&claim(&int(-1)))),
        ("amount", "-1".into())
    );
}

#[test]
fn malformed_integers_are_still_rlp_errors_not_range_errors() {
    // A redundant leading zero (`82 00 01`) is garbage, not a big value.
    let bytes = message_with(&hex("820001"), &int(1), &rlp::NULL);
    assert!(matches!(
        BtpMessage::decode(&bytes),
        Err(CodecError::Rlp { .. })
    ));
    // The empty string is not an integer.
    let bytes = message_with(&hex("80"), &int(1), &rlp::NULL);
    assert!(matches!(
        BtpMessage::decode(&bytes),
        Err(CodecError::Rlp { .. })
    ));
}
