//! Network and BTP addresses: what parses, what prints, what is refused and why.

use btp_types::{AddressError, BtpAddress, NetworkAddress};

/// An input and the test its error must pass.
type Case = (&'static str, fn(&AddressError) -> bool);

#[test]
fn a_network_address_splits_at_the_last_dot() {
    let net = NetworkAddress::parse("0x1.icon").unwrap();
    assert_eq!((net.network_id(), net.system()), ("0x1", "icon"));
    let net = NetworkAddress::parse("osmo.test-5.cosmos").unwrap();
    assert_eq!((net.network_id(), net.system()), ("osmo.test-5", "cosmos"));
    assert_eq!(net.to_string(), "osmo.test-5.cosmos");
    assert_eq!(
        NetworkAddress::cosmos("pion-1").unwrap().as_str(),
        "pion-1.cosmos"
    );
}

#[test]
fn malformed_network_addresses_are_refused_with_the_reason() {
    let cases: [Case; 8] = [
        ("", |e| matches!(e, AddressError::MissingSystem { .. })),
        ("icon", |e| matches!(e, AddressError::MissingSystem { .. })),
        (".icon", |e| {
            matches!(e, AddressError::EmptyNetworkId { .. })
        }),
        ("0x1.", |e| matches!(e, AddressError::EmptySystem { .. })),
        ("pion 1.cosmos", |e| {
            matches!(
                e,
                AddressError::InvalidNetworkCharacter { character: ' ', .. }
            )
        }),
        ("pion-1.cos/mos", |e| {
            matches!(
                e,
                AddressError::InvalidNetworkCharacter { character: '/', .. }
            )
        }),
        ("pion-1.cosmos\n", |e| {
            matches!(
                e,
                AddressError::InvalidNetworkCharacter {
                    character: '\n',
                    ..
                }
            )
        }),
        ("pïon.cosmos", |e| {
            matches!(
                e,
                AddressError::InvalidNetworkCharacter {
                    character: 'ï', ..
                }
            )
        }),
    ];
    for (input, expected) in cases {
        let err = NetworkAddress::parse(input).unwrap_err();
        assert!(expected(&err), "{input:?} gave {err:?}");
        assert!(!err.to_string().is_empty());
    }
    let long = format!("{}.cosmos", "a".repeat(130));
    assert!(matches!(
        NetworkAddress::parse(&long),
        Err(AddressError::NetworkTooLong { len: 137, max: 128 })
    ));
}

#[test]
fn a_btp_address_parses_and_prints_the_same() {
    let text = "btp://pion-1.cosmos/neutron1qnk2n4nlkpw9xfqntladh74w6ujtulwnmxnh3k";
    let addr = BtpAddress::parse(text).unwrap();
    assert_eq!(addr.network().as_str(), "pion-1.cosmos");
    assert_eq!(
        addr.account(),
        "neutron1qnk2n4nlkpw9xfqntladh74w6ujtulwnmxnh3k"
    );
    assert_eq!(addr.to_string(), text);
    let icon =
        BtpAddress::parse("btp://0x1.icon/hx0000000000000000000000000000000000000000").unwrap();
    assert_eq!(icon.network().system(), "icon");
}

#[test]
fn malformed_btp_addresses_are_refused_with_the_reason() {
    let cases: [Case; 8] = [
        ("pion-1.cosmos/alice", |e| {
            matches!(e, AddressError::MissingScheme { .. })
        }),
        ("http://pion-1.cosmos/alice", |e| {
            matches!(e, AddressError::MissingScheme { .. })
        }),
        ("btp://pion-1.cosmos", |e| {
            matches!(e, AddressError::MissingAccount { .. })
        }),
        ("btp://pion-1.cosmos/", |e| {
            matches!(e, AddressError::EmptyAccount { .. })
        }),
        ("btp:///alice", |e| {
            matches!(e, AddressError::MissingSystem { .. })
        }),
        ("btp://pion-1.cosmos/al/ice", |e| {
            matches!(
                e,
                AddressError::InvalidAccountCharacter { character: '/', .. }
            )
        }),
        ("btp://pion-1.cosmos/al ice", |e| {
            matches!(
                e,
                AddressError::InvalidAccountCharacter { character: ' ', .. }
            )
        }),
        ("btp://pion-1/alice", |e| {
            matches!(e, AddressError::MissingSystem { .. })
        }),
    ];
    for (input, expected) in cases {
        let err = BtpAddress::parse(input).unwrap_err();
        assert!(expected(&err), "{input:?} gave {err:?}");
    }
    let long = format!("btp://pion-1.cosmos/{}", "a".repeat(257));
    assert!(matches!(
        BtpAddress::parse(&long),
        Err(AddressError::AccountTooLong { len: 257, max: 256 })
    ));
}

#[test]
fn json_carries_addresses_as_strings_and_refuses_malformed_ones() {
    let addr = BtpAddress::parse("btp://pion-1.cosmos/alice").unwrap();
    let json = serde_json::to_string(&addr).unwrap();
    assert_eq!(json, "\"btp://pion-1.cosmos/alice\"");
    assert_eq!(serde_json::from_str::<BtpAddress>(&json).unwrap(), addr);
    let err = serde_json::from_str::<BtpAddress>("\"btp://pion-1.cosmos/\"").unwrap_err();
    assert!(err.to_string().contains("empty account"), "{err}");
    let err = serde_json::from_str::<NetworkAddress>("\"cosmos\"").unwrap_err();
    assert!(err.to_string().contains("no '.'"), "{err}");
}
