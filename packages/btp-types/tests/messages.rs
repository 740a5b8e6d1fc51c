//! The BTP message, the error reply and the token service messages: known
//! byte vectors, round trips over arbitrary values, and no panic on any input.

use btp_types::error_code;
use btp_types::message::validate_service_name;
use btp_types::{
    Asset, BtpMessage, CodecError, ErrorMessage, FeeInfo, MessageKind, NetworkAddress,
    TokenServiceMessage, TransferRequest, TransferResponse,
};
use cosmwasm_std::{Binary, Uint128};
use proptest::prelude::*;

fn net(text: &str) -> NetworkAddress {
    NetworkAddress::parse(text).unwrap()
}

fn sample_message() -> BtpMessage {
    BtpMessage {
        src: net("a.icon"),
        dst: net("b.cosmos"),
        svc: "bts".into(),
        sn: 1,
        payload: Binary::new(vec![1, 2]),
        nsn: 2,
        fee_info: None,
    }
}

#[test]
fn a_btp_message_has_the_bytes_btp_v2_writes() {
    // [ "a.icon", "b.cosmos", "bts", 1, 0x0102, 2, null ]: seven items, null fee info.
    let bytes = hex::decode("db86612e69636f6e88622e636f736d6f73836274730182010202f800").unwrap();
    assert_eq!(sample_message().encode(), bytes);
    assert_eq!(BtpMessage::decode(&bytes).unwrap(), sample_message());
}

#[test]
fn a_btp_message_without_trailing_fields_reads_them_as_absent() {
    // Six items: fee info missing, as older BTP writers do.
    let mut message = sample_message();
    let bytes =
        hex::decode("d986612e69636f6e88622e636f736d6f738362747301820102 02".replace(' ', ""))
            .unwrap();
    message.fee_info = None;
    assert_eq!(BtpMessage::decode(&bytes).unwrap(), message);
}

#[test]
fn message_kinds_follow_the_sign_of_sn() {
    let mut message = sample_message();
    assert_eq!(message.kind(), MessageKind::Request);
    message.sn = 0;
    assert_eq!(message.kind(), MessageKind::OneWay);
    message.sn = -1;
    assert_eq!(message.kind(), MessageKind::Reply);
}

#[test]
fn a_message_with_a_bad_address_or_service_is_refused() {
    let mut message = sample_message();
    message.svc = "BTS".into();
    let err = BtpMessage::decode(&message.encode()).unwrap_err();
    assert!(matches!(err, CodecError::ServiceName { .. }), "{err}");

    // src "aicon" has no system: rebuild the sample with the field swapped.
    let bytes =
        hex::decode("da85616963 6f6e88622e636f736d6f73836274730182010202f800".replace(' ', ""))
            .unwrap();
    let err = BtpMessage::decode(&bytes).unwrap_err();
    assert!(
        matches!(err, CodecError::Address { field: "src", .. }),
        "{err}"
    );

    let err = BtpMessage::decode(&[0x80]).unwrap_err();
    assert!(
        matches!(
            err,
            CodecError::Rlp {
                what: "BTP message",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn service_names_are_one_unambiguous_key() {
    for good in ["bts", "xcall", "data_1", "a-b"] {
        validate_service_name(good).unwrap();
    }
    for bad in ["", "Bts", "b ts", "bts/", &"s".repeat(33)] {
        assert!(
            matches!(
                validate_service_name(bad),
                Err(CodecError::ServiceName { ref name, .. }) if name == bad
            ),
            "{bad:?} accepted"
        );
    }
}

#[test]
fn an_error_reply_has_the_bytes_btp_writes() {
    let reply = ErrorMessage {
        code: error_code::SERVICE_HANDLER_FAILED,
        message: "x".into(),
    };
    assert_eq!(hex::encode(reply.encode()), "c20478");
    assert_eq!(ErrorMessage::decode(&reply.encode()).unwrap(), reply);
}

#[test]
fn a_transfer_request_nests_its_data_as_bytes() {
    let request = TokenServiceMessage::Transfer(TransferRequest {
        from: "alice".into(),
        to: "bob".into(),
        assets: vec![Asset {
            coin_name: "uatom".into(),
            amount: Uint128::new(128),
        }],
    });
    let bytes = hex::decode("d80096d585616c69636583626f62cac9857561746f6d820080").unwrap();
    assert_eq!(request.encode(), bytes);
    assert_eq!(TokenServiceMessage::decode(&bytes).unwrap(), request);
}

#[test]
fn a_transfer_request_without_assets_or_of_unknown_type_is_refused() {
    let empty = TokenServiceMessage::Transfer(TransferRequest {
        from: "alice".into(),
        to: "bob".into(),
        assets: vec![],
    });
    assert_eq!(
        TokenServiceMessage::decode(&empty.encode()),
        Err(CodecError::NoAssets)
    );
    // [9, rlp([])]
    let err = TokenServiceMessage::decode(&hex::decode("c30981c0").unwrap()).unwrap_err();
    assert_eq!(err, CodecError::UnknownServiceType { service_type: 9 });
}

fn network_strategy() -> impl Strategy<Value = NetworkAddress> {
    "[a-z0-9][a-z0-9.-]{0,12}\\.[a-z]{2,6}".prop_map(|text| NetworkAddress::parse(&text).unwrap())
}

fn amount_strategy() -> impl Strategy<Value = Uint128> {
    any::<u128>().prop_map(Uint128::new)
}

prop_compose! {
    fn btp_message_strategy()(
        src in network_strategy(),
        dst in network_strategy(),
        svc in "[a-z][a-z0-9_-]{0,31}",
        sn in any::<i64>(),
        payload in proptest::collection::vec(any::<u8>(), 0..300),
        nsn in any::<i64>(),
        fee_info in proptest::option::of((network_strategy(), proptest::collection::vec(amount_strategy(), 0..4))),
    ) -> BtpMessage {
        BtpMessage {
            src, dst, svc, sn, payload: Binary::new(payload), nsn,
            fee_info: fee_info.map(|(network, values)| FeeInfo { network, values }),
        }
    }
}

fn token_message_strategy() -> impl Strategy<Value = TokenServiceMessage> {
    let asset =
        (".{0,40}", amount_strategy()).prop_map(|(coin_name, amount)| Asset { coin_name, amount });
    prop_oneof![
        (".{0,60}", ".{0,60}", proptest::collection::vec(asset, 1..5)).prop_map(
            |(from, to, assets)| {
                TokenServiceMessage::Transfer(TransferRequest { from, to, assets })
            }
        ),
        (any::<u32>(), ".{0,80}").prop_map(|(code, message)| {
            TokenServiceMessage::Response(TransferResponse { code, message })
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn btp_messages_round_trip(message in btp_message_strategy()) {
        prop_assert_eq!(BtpMessage::decode(&message.encode()).unwrap(), message);
    }

    #[test]
    fn error_messages_round_trip(code in any::<u32>(), message in ".{0,100}") {
        let reply = ErrorMessage { code, message };
        prop_assert_eq!(ErrorMessage::decode(&reply.encode()).unwrap(), reply);
    }

    #[test]
    fn token_service_messages_round_trip(message in token_message_strategy()) {
        prop_assert_eq!(TokenServiceMessage::decode(&message.encode()).unwrap(), message);
    }

    #[test]
    fn arbitrary_bytes_never_make_a_decoder_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        // Decoders must answer every input with a value or an error.
        if let Ok(message) = BtpMessage::decode(&bytes) {
            // What decodes must re-encode to a message that decodes the same.
            prop_assert_eq!(BtpMessage::decode(&message.encode()).unwrap(), message);
        }
        let _ = ErrorMessage::decode(&bytes);
        let _ = TokenServiceMessage::decode(&bytes);
    }

    #[test]
    fn corrupted_messages_never_make_a_decoder_panic(
        message in btp_message_strategy(),
        position in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        // Random bytes rarely look like RLP; flipping one byte of a real message
        // reaches the deeper decoding paths.
        let mut bytes = message.encode();
        let index = position.index(bytes.len());
        bytes[index] = byte;
        let _ = BtpMessage::decode(&bytes);
        let _ = TokenServiceMessage::decode(&bytes);
    }
}
