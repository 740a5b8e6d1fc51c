//! Tests of the ICON RLP codec: known vectors, each rejection rule on its
//! own, the list reader's evolution rules, and property tests for
//! round-trips, panic-freedom and canonicity.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Debug;

use btp_types::rlp::{
    decode, decode_as, decode_list, encode_bytes, encode_list, Decodable, Encodable, Item,
    ListEncoder, ListOf, RlpError, MAX_DEPTH, NULL,
};
use cosmwasm_std::{Binary, Int256, Uint128, Uint256};
use proptest::collection::vec;
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// Allocation counting, so "rejected without allocation" is observable.

struct CountingAlloc;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

/// Runs `f` and returns its result with the number of allocations it made
/// on this thread.
fn count_allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let r = f();
    let after = ALLOCATIONS.with(Cell::get);
    (r, after - before)
}

// ---------------------------------------------------------------------------
// Helpers

fn h(s: &str) -> Vec<u8> {
    let clean: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    hex::decode(clean).expect("test hex")
}

/// Asserts that `value` encodes to `hex` and that `hex` decodes to `value`.
fn check<T: Encodable + Decodable + PartialEq + Debug>(value: T, hex: &str) {
    let expected = h(hex);
    assert_eq!(
        value.rlp_bytes(),
        expected,
        "encoding of {value:?}: got {}",
        hex::encode(value.rlp_bytes())
    );
    assert_eq!(decode_as::<T>(&expected), Ok(value), "decoding {hex}");
}

fn repeat(byte: &str, n: usize) -> String {
    byte.repeat(n)
}

fn pow2_u256(exp: u32) -> Uint256 {
    Uint256::from_u128(2).pow(exp)
}

/// `n` lists nested in one another, the innermost empty.
fn nested_lists(n: usize) -> Vec<u8> {
    let mut bytes = vec![0xc0];
    for _ in 1..n {
        bytes = ListEncoder::new().push_raw(&bytes).finish();
    }
    bytes
}

// ---------------------------------------------------------------------------
// Known vectors: integers

#[test]
fn integer_zero_is_the_byte_00() {
    check(0u8, "00");
    check(0u64, "00");
    check(0i32, "00");
    check(0i128, "00");
    check(Uint128::zero(), "00");
    check(Uint256::zero(), "00");
    check(Int256::zero(), "00");
}

#[test]
fn integer_127_and_128() {
    check(127u8, "7f");
    check(127i8, "7f");
    check(127u64, "7f");
    check(128u8, "82 00 80");
    check(128u16, "82 00 80");
    check(128i16, "82 00 80");
    check(128i64, "82 00 80");
    check(Uint256::from_u128(128), "82 00 80");
    check(Int256::from_i128(128), "82 00 80");
}

#[test]
fn integer_255_and_256() {
    check(255u8, "82 00 ff");
    check(255i32, "82 00 ff");
    check(256u16, "82 01 00");
    check(256u64, "82 01 00");
    check(256i16, "82 01 00");
    check(Uint128::new(256), "82 01 00");
}

#[test]
fn integer_negative_one() {
    check(-1i8, "81 ff");
    check(-1i64, "81 ff");
    check(-1i128, "81 ff");
    check(Int256::from_i128(-1), "81 ff");
}

#[test]
fn integer_negative_128_and_129() {
    check(-128i8, "81 80");
    check(-128i64, "81 80");
    check(-129i16, "82 ff 7f");
    check(-129i64, "82 ff 7f");
    check(Int256::from_i128(-129), "82 ff 7f");
}

#[test]
fn integer_two_to_the_63() {
    let v = "89 00 80 00 00 00 00 00 00 00";
    check(1u64 << 63, v);
    check(1u128 << 63, v);
    check(1i128 << 63, v);
    check(Uint128::new(1 << 63), v);
    check(pow2_u256(63), v);
    check(i64::MIN, "88 80 00 00 00 00 00 00 00");
    check(i64::MAX, "88 7f ff ff ff ff ff ff ff");
}

#[test]
fn integer_128_bit_extremes() {
    let max = format!("91 00 {}", repeat("ff", 16));
    check(u128::MAX, &max);
    check(Uint128::MAX, &max);
    check(Uint256::from(Uint128::MAX), &max);
    check(i128::MIN, &format!("90 80 {}", repeat("00", 15)));
    check(i128::MAX, &format!("90 7f {}", repeat("ff", 15)));
}

#[test]
fn integer_256_bit_extremes() {
    let half = format!("a0 7f {}", repeat("ff", 31));
    check(Int256::MAX, &half);
    check(pow2_u256(255) - Uint256::one(), &half);
    check(Uint256::MAX, &format!("a1 00 {}", repeat("ff", 32)));
    check(Int256::MIN, &format!("a0 80 {}", repeat("00", 31)));
    check(pow2_u256(255), &format!("a1 00 80 {}", repeat("00", 31)));
}

#[test]
fn booleans_are_zero_and_one() {
    check(false, "00");
    check(true, "01");
    assert_eq!(
        decode_as::<bool>(&h("02")),
        Err(RlpError::IntegerOutOfRange { target: "bool" })
    );
    assert_eq!(
        decode_as::<bool>(&h("81 ff")),
        Err(RlpError::NegativeUnsigned { target: "bool" })
    );
}

// ---------------------------------------------------------------------------
// Known vectors: strings, lists, null

#[test]
fn strings() {
    check(String::new(), "80");
    check("dog".to_string(), "83 64 6f 67");
    assert_eq!("dog".rlp_bytes(), h("83 64 6f 67"));
    assert_eq!((&"dog").rlp_bytes(), h("83 64 6f 67"));
    check(vec![0x05u8], "05");
    check(vec![0x80u8], "81 80");
    check(Binary::from(b"dog".as_slice()), "83 64 6f 67");
    check(Vec::<u8>::new(), "80");
}

#[test]
fn string_55_bytes_is_short_form_56_is_long_form() {
    let s55 = "a".repeat(55);
    check(s55.clone(), &format!("b7 {}", hex::encode(&s55)));
    let s56 = "a".repeat(56);
    check(s56.clone(), &format!("b8 38 {}", hex::encode(&s56)));
}

#[test]
fn string_of_1024_bytes() {
    let bytes = vec![0x42u8; 1024];
    check(bytes.clone(), &format!("b9 04 00 {}", hex::encode(&bytes)));
}

#[test]
fn empty_list() {
    assert_eq!(ListEncoder::new().finish(), h("c0"));
    assert_eq!(decode(&h("c0")), Ok(Item::List(vec![])));
    check(ListOf::<u64>(vec![]), "c0");
    assert_eq!(encode_list::<u64>(&[]), h("c0"));
}

#[test]
fn list_of_strings() {
    let v = "c8 83 63 61 74 83 64 6f 67";
    check(ListOf(vec!["cat".to_string(), "dog".to_string()]), v);
    assert_eq!(encode_list(&["cat", "dog"]), h(v));
    assert_eq!(
        ListEncoder::new()
            .push("cat")
            .push(&"dog".to_string())
            .finish(),
        h(v)
    );
    let item_bytes = h(v);
    let item = decode(&item_bytes).unwrap();
    assert_eq!(
        decode_list::<String>(&item),
        Ok(vec!["cat".into(), "dog".into()])
    );
}

#[test]
fn nested_lists_set_theoretic() {
    // [ [], [[]], [ [], [[]] ] ]
    let bytes = h("c7 c0 c1 c0 c3 c0 c1 c0");
    let e = || Item::List(vec![]);
    let expected = Item::List(vec![
        e(),
        Item::List(vec![e()]),
        Item::List(vec![e(), Item::List(vec![e()])]),
    ]);
    assert_eq!(decode(&bytes), Ok(expected.clone()));
    assert_eq!(expected.rlp_bytes(), bytes);
    check(
        ListOf(vec![ListOf(vec![1u8, 2]), ListOf(vec![]), ListOf(vec![3])]),
        "c6 c2 01 02 c0 c1 03",
    );
}

#[test]
fn long_list_switches_at_56_payload_bytes() {
    let items: Vec<String> = (0..14).map(|_| "abc".to_string()).collect(); // 14 * 4 = 56
    let encoded = encode_list(&items);
    assert_eq!(&encoded[..2], &h("f8 38")[..]);
    assert_eq!(encoded.len(), 58);
    assert_eq!(
        decode_as::<ListOf<String>>(&encoded),
        Ok(ListOf(items.clone()))
    );
    let short = encode_list(&items[..13]);
    assert_eq!(short[0], 0xc0 + 52);
}

#[test]
fn null() {
    assert_eq!(NULL, [0xf8, 0x00]);
    assert_eq!(decode(&h("f8 00")), Ok(Item::Null));
    assert!(decode(&h("f8 00")).unwrap().is_null());
    check(None::<u64>, "f8 00");
    check(Some(0u64), "00");
    check(None::<String>, "f8 00");
    check(Some("dog".to_string()), "83 64 6f 67");
    check(Some(ListOf::<u8>(vec![])), "c0");
    assert_eq!(Item::Null.rlp_bytes(), h("f8 00"));
    // Null inside a list.
    assert_eq!(
        decode(&h("c3 f8 00 01")),
        Ok(Item::List(vec![Item::Null, Item::Bytes(&[1])]))
    );
    check(ListOf(vec![None, Some(1u8)]), "c3 f8 00 01");
}

#[test]
fn push_raw_embeds_an_encoded_item_verbatim() {
    let inner = ListEncoder::new().push(&1u8).push(&2u8).finish();
    let outer = ListEncoder::new().push(&0u8).push_raw(&inner).finish();
    assert_eq!(outer, h("c4 00 c2 01 02"));
    let mut out = vec![0xaa];
    ListEncoder::new().push(&true).finish_into(&mut out);
    assert_eq!(out, h("aa c1 01"));
    let mut out = Vec::new();
    encode_bytes(b"dog", &mut out);
    assert_eq!(out, h("83 64 6f 67"));
}

// ---------------------------------------------------------------------------
// Rejections, one rule each

#[test]
fn rejects_trailing_bytes() {
    assert_eq!(
        decode(&h("80 00")),
        Err(RlpError::TrailingBytes { count: 1 })
    );
    assert_eq!(
        decode(&h("c0 c0 c0")),
        Err(RlpError::TrailingBytes { count: 2 })
    );
    assert_eq!(
        decode_as::<u64>(&h("01 02")),
        Err(RlpError::TrailingBytes { count: 1 })
    );
    assert_eq!(
        decode(&h("f8 00 00")),
        Err(RlpError::TrailingBytes { count: 1 })
    );
}

#[test]
fn rejects_truncated_input() {
    assert_eq!(
        decode(&[]),
        Err(RlpError::Truncated {
            offset: 0,
            needed: 1,
            available: 0
        })
    );
    assert_eq!(
        decode(&h("83 64 6f")),
        Err(RlpError::Truncated {
            offset: 1,
            needed: 3,
            available: 2
        })
    );
    assert!(matches!(
        decode(&h("b9 04")),
        Err(RlpError::Truncated { offset: 1, .. })
    ));
    assert!(matches!(
        decode(&h("c2 01")),
        Err(RlpError::Truncated { .. })
    ));
    assert!(matches!(decode(&h("f8")), Err(RlpError::Truncated { .. })));
}

#[test]
fn rejects_single_byte_in_short_form() {
    assert_eq!(
        decode(&h("81 05")),
        Err(RlpError::NonCanonicalSingleByte { offset: 0 })
    );
    assert_eq!(
        decode(&h("81 00")),
        Err(RlpError::NonCanonicalSingleByte { offset: 0 })
    );
    assert_eq!(
        decode(&h("c2 81 7f")),
        Err(RlpError::NonCanonicalSingleByte { offset: 1 })
    );
    assert_eq!(decode(&h("81 80")), Ok(Item::Bytes(&[0x80])));
}

#[test]
fn rejects_long_string_form_for_short_length() {
    assert_eq!(
        decode(&h("b8 05 01 02 03 04 05")),
        Err(RlpError::NonCanonicalLength { offset: 0, len: 5 })
    );
    let mut s55 = h("b8 37");
    s55.extend([0x61; 55]);
    assert_eq!(
        decode(&s55),
        Err(RlpError::NonCanonicalLength { offset: 0, len: 55 })
    );
    // A zero length byte is caught as a leading zero before its value is
    // compared with 56; either way `b8 00` is not the empty string.
    assert_eq!(
        decode(&h("b8 00")),
        Err(RlpError::LeadingZeroLength { offset: 0 })
    );
}

#[test]
fn rejects_leading_zero_in_length() {
    let mut input = h("b9 00 38");
    input.extend([0x61; 56]);
    assert_eq!(
        decode(&input),
        Err(RlpError::LeadingZeroLength { offset: 0 })
    );
    let mut list = h("f9 00 38");
    list.extend([0x01; 56]);
    assert_eq!(
        decode(&list),
        Err(RlpError::LeadingZeroLength { offset: 0 })
    );
}

#[test]
fn rejects_long_list_form_for_short_length() {
    assert_eq!(
        decode(&h("f8 01 01")),
        Err(RlpError::NonCanonicalLength { offset: 0, len: 1 })
    );
    let mut l55 = h("f8 37");
    l55.extend([0x01; 55]);
    assert_eq!(
        decode(&l55),
        Err(RlpError::NonCanonicalLength { offset: 0, len: 55 })
    );
}

#[test]
fn rejects_list_items_that_overrun_the_payload() {
    // The list claims 2 bytes; its item claims 3.
    assert_eq!(
        decode(&h("c2 83 61 62 63")),
        Err(RlpError::Truncated {
            offset: 2,
            needed: 3,
            available: 1
        })
    );
    // The list claims 1 byte; its item needs a second one, which lies
    // outside the list even though the input has it.
    assert!(matches!(
        decode(&h("c1 81 80")),
        Err(RlpError::Truncated { offset: 2, .. })
    ));
    // An item's length bytes cut by the list's end.
    assert!(matches!(
        decode(&h("c1 b8 38")),
        Err(RlpError::Truncated { .. })
    ));
}

#[test]
fn rejects_integer_with_redundant_leading_zero() {
    assert_eq!(
        decode_as::<u64>(&h("82 00 05")),
        Err(RlpError::NonCanonicalInteger)
    );
    assert_eq!(
        decode_as::<i64>(&h("82 00 7f")),
        Err(RlpError::NonCanonicalInteger)
    );
    assert_eq!(
        decode_as::<Uint256>(&h("83 00 00 80")),
        Err(RlpError::NonCanonicalInteger)
    );
}

#[test]
fn rejects_integer_with_redundant_leading_ff() {
    assert_eq!(
        decode_as::<i64>(&h("82 ff ff")),
        Err(RlpError::NonCanonicalInteger)
    );
    assert_eq!(
        decode_as::<Int256>(&h("82 ff 80")),
        Err(RlpError::NonCanonicalInteger)
    );
    // ff 7f is -129: the ff is needed.
    assert_eq!(decode_as::<i64>(&h("82 ff 7f")), Ok(-129));
}

#[test]
fn rejects_empty_byte_string_as_integer() {
    assert_eq!(decode_as::<u64>(&h("80")), Err(RlpError::EmptyInteger));
    assert_eq!(decode_as::<i8>(&h("80")), Err(RlpError::EmptyInteger));
    assert_eq!(decode_as::<Uint128>(&h("80")), Err(RlpError::EmptyInteger));
    assert_eq!(decode_as::<bool>(&h("80")), Err(RlpError::EmptyInteger));
}

#[test]
fn rejects_integer_out_of_range() {
    // 129 does not fit i8 but fits u8; 256 fits neither.
    assert_eq!(
        decode_as::<i8>(&h("82 00 81")),
        Err(RlpError::IntegerOutOfRange { target: "i8" })
    );
    assert_eq!(decode_as::<u8>(&h("82 00 81")), Ok(129));
    assert_eq!(
        decode_as::<u8>(&h("82 01 00")),
        Err(RlpError::IntegerOutOfRange { target: "u8" })
    );
    assert_eq!(
        decode_as::<i8>(&h("82 ff 7f")),
        Err(RlpError::IntegerOutOfRange { target: "i8" })
    );
    // 2^64 into u64, 2^128 into Uint128, 2^256 into Uint256.
    assert_eq!(
        decode_as::<u64>(&h("89 01 00 00 00 00 00 00 00 00")),
        Err(RlpError::IntegerOutOfRange { target: "u64" })
    );
    let two_128 = format!("91 01 {}", repeat("00", 16));
    assert_eq!(
        decode_as::<Uint128>(&h(&two_128)),
        Err(RlpError::IntegerOutOfRange { target: "Uint128" })
    );
    let two_256 = format!("a1 01 {}", repeat("00", 32));
    assert_eq!(
        decode_as::<Uint256>(&h(&two_256)),
        Err(RlpError::IntegerOutOfRange { target: "Uint256" })
    );
    // 2^255 fits Uint256 but not Int256.
    let two_255 = format!("a1 00 80 {}", repeat("00", 31));
    assert_eq!(
        decode_as::<Int256>(&h(&two_255)),
        Err(RlpError::IntegerOutOfRange { target: "Int256" })
    );
    // u64::MAX fits u64 but not i64.
    let u64_max = format!("89 00 {}", repeat("ff", 8));
    assert_eq!(decode_as::<u64>(&h(&u64_max)), Ok(u64::MAX));
    assert_eq!(
        decode_as::<i64>(&h(&u64_max)),
        Err(RlpError::IntegerOutOfRange { target: "i64" })
    );
}

#[test]
fn rejects_negative_for_unsigned() {
    assert_eq!(
        decode_as::<u64>(&h("81 ff")),
        Err(RlpError::NegativeUnsigned { target: "u64" })
    );
    assert_eq!(
        decode_as::<u8>(&h("81 80")),
        Err(RlpError::NegativeUnsigned { target: "u8" })
    );
    assert_eq!(
        decode_as::<Uint256>(&h("82 ff 7f")),
        Err(RlpError::NegativeUnsigned { target: "Uint256" })
    );
    assert_eq!(
        decode_as::<Uint128>(&h("81 ff")),
        Err(RlpError::NegativeUnsigned { target: "Uint128" })
    );
}

#[test]
fn rejects_invalid_utf8() {
    assert_eq!(
        decode_as::<String>(&h("83 61 c3 28")),
        Err(RlpError::InvalidUtf8 { valid_up_to: 1 })
    );
    // The same bytes are fine as raw bytes.
    assert_eq!(decode_as::<Vec<u8>>(&h("83 61 c3 28")), Ok(h("61 c3 28")));
}

#[test]
fn rejects_null_for_required_value() {
    assert_eq!(decode_as::<u64>(&NULL), Err(RlpError::UnexpectedNull));
    assert_eq!(decode_as::<String>(&NULL), Err(RlpError::UnexpectedNull));
    assert_eq!(decode_as::<Vec<u8>>(&NULL), Err(RlpError::UnexpectedNull));
    assert_eq!(
        decode_as::<ListOf<u8>>(&NULL),
        Err(RlpError::UnexpectedNull)
    );
    assert_eq!(
        decode(&NULL).unwrap().bytes(),
        Err(RlpError::UnexpectedNull)
    );
    assert_eq!(
        decode(&NULL).unwrap().list().map(|_| ()),
        Err(RlpError::UnexpectedNull)
    );
    let list_bytes = h("c3 01 f8 00");
    let list = decode(&list_bytes).unwrap();
    let mut r = list.list().unwrap();
    assert_eq!(r.next::<u8>(), Ok(1));
    assert_eq!(r.next::<u8>(), Err(RlpError::UnexpectedNull));
}

#[test]
fn rejects_list_where_bytes_expected_and_vice_versa() {
    assert_eq!(decode_as::<u64>(&h("c0")), Err(RlpError::ExpectedBytes));
    assert_eq!(
        decode_as::<String>(&h("c1 01")),
        Err(RlpError::ExpectedBytes)
    );
    assert_eq!(
        decode_as::<ListOf<u8>>(&h("80")),
        Err(RlpError::ExpectedList)
    );
    assert_eq!(
        decode(&h("01")).unwrap().list().map(|_| ()),
        Err(RlpError::ExpectedList)
    );
    assert_eq!(
        decode_list::<u8>(&decode(&h("01")).unwrap()),
        Err(RlpError::ExpectedList)
    );
}

#[test]
fn depth_limit_is_32() {
    assert_eq!(MAX_DEPTH, 32);
    let ok = nested_lists(32);
    assert_eq!(ok.len(), 32, "each level is one header byte");
    let mut item = decode(&ok).unwrap();
    for _ in 1..32 {
        let Item::List(mut inner) = item else {
            panic!("not a list")
        };
        assert_eq!(inner.len(), 1);
        item = inner.pop().unwrap();
    }
    assert_eq!(item, Item::List(vec![]));
    assert_eq!(
        decode(&nested_lists(33)),
        Err(RlpError::TooDeep { offset: 32 })
    );
}

#[test]
fn very_deep_nesting_is_rejected_without_recursing() {
    let deep = nested_lists(5000);
    assert!(matches!(decode(&deep), Err(RlpError::TooDeep { .. })));
    // Headers only, each list claiming all that follows it: without the
    // limit this would recurse 100 000 levels deep.
    let mut hostile = Vec::new();
    let n: usize = 100_000;
    for i in 0..n {
        let rest = (n - i - 1) * 4;
        hostile.push(0xfa);
        hostile.extend_from_slice(&(rest as u32).to_be_bytes()[1..]);
    }
    assert_eq!(decode(&hostile), Err(RlpError::TooDeep { offset: 32 * 4 }));
}

#[test]
fn huge_declared_length_is_rejected_without_allocation() {
    let input = h("bb ff ff ff ff");
    let (r, allocations) = count_allocations(|| decode(&input));
    assert_eq!(
        r,
        Err(RlpError::Truncated {
            offset: 5,
            needed: 0xffff_ffff,
            available: 0
        })
    );
    assert_eq!(allocations, 0);
    let input = h("fb ff ff ff ff 00 00");
    let (r, allocations) = count_allocations(|| decode(&input));
    assert!(matches!(r, Err(RlpError::Truncated { offset: 5, .. })));
    assert_eq!(allocations, 0);
    let input = h("bf ff ff ff ff ff ff ff ff 01");
    let (r, allocations) = count_allocations(|| decode(&input));
    assert!(matches!(
        r,
        Err(RlpError::Truncated { .. } | RlpError::LengthOverflow { .. })
    ));
    assert_eq!(allocations, 0);
}

#[test]
fn error_messages_say_what_and_where() {
    let msg = decode(&h("c2 81 05")).unwrap_err().to_string();
    assert!(msg.contains("offset 1"), "{msg}");
    let msg = decode(&h("80 00")).unwrap_err().to_string();
    assert!(msg.contains("1 trailing"), "{msg}");
    let msg = RlpError::IntegerOutOfRange { target: "u8" }.to_string();
    assert!(msg.contains("u8"), "{msg}");
    let msg = decode(&nested_lists(33)).unwrap_err().to_string();
    assert!(msg.contains("32") && msg.contains("offset"), "{msg}");
}

// ---------------------------------------------------------------------------
// ListReader

#[derive(Debug, Clone, PartialEq, Eq)]
struct Msg {
    sn: u64,
    to: String,
    value: Option<Uint128>,
}

impl Encodable for Msg {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        ListEncoder::new()
            .push(&self.sn)
            .push(&self.to)
            .push(&self.value)
            .finish_into(out);
    }
}

impl Decodable for Msg {
    fn rlp_decode(item: &Item<'_>) -> Result<Self, RlpError> {
        let mut r = item.list()?;
        Ok(Msg {
            sn: r.next()?,
            to: r.next()?,
            value: r.next()?,
        })
    }
}

#[test]
fn list_reader_reads_fields_in_order() {
    let msg = Msg {
        sn: 7,
        to: "dog".into(),
        value: Some(Uint128::new(128)),
    };
    check(msg, "c8 07 83 64 6f 67 82 00 80");
    let none = Msg {
        sn: 7,
        to: "dog".into(),
        value: None,
    };
    check(none, "c7 07 83 64 6f 67 f8 00");
}

#[test]
fn list_reader_missing_trailing_field_is_none() {
    let bytes = ListEncoder::new().push(&7u64).push("dog").finish();
    assert_eq!(
        decode_as::<Msg>(&bytes),
        Ok(Msg {
            sn: 7,
            to: "dog".into(),
            value: None
        })
    );
}

#[test]
fn list_reader_missing_required_field_is_unexpected_null() {
    let bytes = ListEncoder::new().push(&7u64).finish();
    assert_eq!(decode_as::<Msg>(&bytes), Err(RlpError::UnexpectedNull));
    assert_eq!(decode_as::<Msg>(&h("c0")), Err(RlpError::UnexpectedNull));
}

#[test]
fn list_reader_ignores_extra_fields() {
    let bytes = ListEncoder::new()
        .push(&7u64)
        .push("dog")
        .push(&Uint128::new(1))
        .push("from the future")
        .push(&ListOf(vec![1u8, 2, 3]))
        .finish();
    assert_eq!(
        decode_as::<Msg>(&bytes),
        Ok(Msg {
            sn: 7,
            to: "dog".into(),
            value: Some(Uint128::new(1))
        })
    );
}

#[test]
fn list_reader_len_and_next_item() {
    let item_bytes = h("c2 01 02");
    let item = decode(&item_bytes).unwrap();
    let mut r = item.list().unwrap();
    assert_eq!(r.len(), 2);
    assert!(!r.is_empty());
    assert_eq!(r.next_item(), &Item::Bytes(&[1]));
    assert_eq!(r.next_item(), &Item::Bytes(&[2]));
    assert_eq!(r.next_item(), &Item::Null);
    assert_eq!(r.next_item(), &Item::Null);
    assert_eq!(r.next::<Option<u8>>(), Ok(None));
    assert_eq!(r.len(), 2, "len counts fields present, not fields left");
    let empty_bytes = h("c0");
    let empty = decode(&empty_bytes).unwrap();
    assert!(empty.list().unwrap().is_empty());
    assert_eq!(item.decode::<ListOf<u8>>(), Ok(ListOf(vec![1, 2])));
}

// ---------------------------------------------------------------------------
// Reference integer encoding, independent of the codec: the shortest n
// such that the value fits n bytes of two's complement.

fn reference_header(bytes: &[u8]) -> Vec<u8> {
    assert!(bytes.len() <= 55);
    if bytes.len() == 1 && bytes[0] < 0x80 {
        bytes.to_vec()
    } else {
        let mut v = vec![0x80 + bytes.len() as u8];
        v.extend_from_slice(bytes);
        v
    }
}

fn reference_i128(v: i128) -> Vec<u8> {
    let n = (1..=16usize)
        .find(|n| matches!(v >> (8 * n - 1), 0 | -1))
        .unwrap();
    reference_header(&v.to_be_bytes()[16 - n..])
}

fn reference_u128(v: u128) -> Vec<u8> {
    let n = (1..=17u32)
        .find(|n| v.checked_shr(8 * n - 1).unwrap_or(0) == 0)
        .unwrap() as usize;
    if n == 17 {
        let mut b = vec![0];
        b.extend_from_slice(&v.to_be_bytes());
        reference_header(&b)
    } else {
        reference_header(&v.to_be_bytes()[16 - n..])
    }
}

/// Round-trips `value` and checks the decoder accepts its encoding only once
/// (nothing left over, and the encoding is reproduced).
fn round_trip<T: Encodable + Decodable + PartialEq + Debug>(value: &T) -> Vec<u8> {
    let bytes = value.rlp_bytes();
    let back = decode_as::<T>(&bytes);
    assert_eq!(back.as_ref(), Ok(value), "bytes {}", hex::encode(&bytes));
    assert_eq!(decode(&bytes).unwrap().rlp_bytes(), bytes);
    bytes
}

// ---------------------------------------------------------------------------
// Item trees for structured fuzzing

#[derive(Debug, Clone)]
enum Tree {
    Bytes(Vec<u8>),
    List(Vec<Tree>),
    Null,
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = prop_oneof![
        4 => vec(any::<u8>(), 0..3).prop_map(Tree::Bytes),
        2 => vec(any::<u8>(), 0..80).prop_map(Tree::Bytes),
        1 => Just(Tree::Null),
    ];
    leaf.prop_recursive(8, 96, 8, |inner| vec(inner, 0..8).prop_map(Tree::List))
}

fn encode_tree(t: &Tree, out: &mut Vec<u8>) {
    match t {
        Tree::Bytes(b) => encode_bytes(b, out),
        Tree::Null => out.extend_from_slice(&NULL),
        Tree::List(items) => {
            let mut enc = ListEncoder::new();
            for i in items {
                let mut raw = Vec::new();
                encode_tree(i, &mut raw);
                enc = enc.push_raw(&raw);
            }
            enc.finish_into(out);
        }
    }
}

fn tree_matches(t: &Tree, item: &Item<'_>) -> bool {
    match (t, item) {
        (Tree::Bytes(a), Item::Bytes(b)) => a.as_slice() == *b,
        (Tree::Null, Item::Null) => true,
        (Tree::List(a), Item::List(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| tree_matches(x, y))
        }
        _ => false,
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, xor: u8 },
    Truncate { at: usize },
    Insert { at: usize, byte: u8 },
    Remove { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(at, xor)| Mutation::Flip { at, xor }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Insert { at, byte }),
        any::<usize>().prop_map(|at| Mutation::Remove { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    let n = bytes.len();
    match *m {
        Mutation::Flip { at, xor } => bytes[at % n] ^= xor,
        Mutation::Truncate { at } => bytes.truncate(at % n),
        Mutation::Insert { at, byte } => bytes.insert(at % (n + 1), byte),
        Mutation::Remove { at } => {
            bytes.remove(at % n);
        }
    }
}

/// Decodes `input` as `T`; if that works, `T`'s encoding must be exactly
/// the input (one value, one encoding).
fn typed_canonical<T: Encodable + Decodable + Debug>(input: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(v) = decode_as::<T>(input) {
        prop_assert_eq!(
            v.rlp_bytes(),
            input,
            "{} decoded to {:?}",
            hex::encode(input),
            v
        );
    }
    Ok(())
}

/// Everything an arbitrary input must satisfy: no panic, and every
/// accepted input is the one encoding of what it decoded to.
fn check_arbitrary(input: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(item) = decode(input) {
        prop_assert_eq!(item.rlp_bytes(), input);
    }
    typed_canonical::<u8>(input)?;
    typed_canonical::<u16>(input)?;
    typed_canonical::<u32>(input)?;
    typed_canonical::<u64>(input)?;
    typed_canonical::<u128>(input)?;
    typed_canonical::<i8>(input)?;
    typed_canonical::<i16>(input)?;
    typed_canonical::<i32>(input)?;
    typed_canonical::<i64>(input)?;
    typed_canonical::<i128>(input)?;
    typed_canonical::<bool>(input)?;
    typed_canonical::<Uint128>(input)?;
    typed_canonical::<Uint256>(input)?;
    typed_canonical::<Int256>(input)?;
    typed_canonical::<String>(input)?;
    typed_canonical::<Vec<u8>>(input)?;
    typed_canonical::<Binary>(input)?;
    typed_canonical::<Option<u64>>(input)?;
    typed_canonical::<Option<String>>(input)?;
    typed_canonical::<ListOf<Option<Uint256>>>(input)?;
    typed_canonical::<ListOf<ListOf<String>>>(input)?;
    // Not `Msg`: a ListReader-based struct reads missing trailing fields as
    // null and ignores extra ones on purpose, so it is not canonical.
    Ok(())
}

/// Arbitrary bytes that start with a plausible header more often than
/// uniform bytes would.
fn arbitrary_input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..512),
        vec(
            prop_oneof![
                3 => any::<u8>(),
                1 => 0x00..0x03u8,
                1 => 0x80..0x84u8,
                1 => 0xc0..0xc6u8,
                1 => 0xb8..0xbau8,
                1 => 0xf8..0xfau8,
            ],
            0..64
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn decode_never_panics_and_accepted_input_is_canonical(input in arbitrary_input()) {
        check_arbitrary(&input)?;
    }

    #[test]
    fn mutated_valid_encodings_never_panic_and_stay_canonical(
        t in tree(),
        muts in vec(mutation(), 1..4),
    ) {
        let mut bytes = Vec::new();
        encode_tree(&t, &mut bytes);
        for m in &muts {
            apply(&mut bytes, m);
        }
        check_arbitrary(&bytes)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn item_trees_round_trip(t in tree()) {
        let mut bytes = Vec::new();
        encode_tree(&t, &mut bytes);
        match decode(&bytes) {
            Ok(item) => {
                prop_assert!(tree_matches(&t, &item));
                prop_assert_eq!(item.rlp_bytes(), bytes);
            }
            // Only nesting beyond the limit may fail.
            Err(e) => prop_assert!(matches!(e, RlpError::TooDeep { .. }), "{e:?}"),
        }
    }

    #[test]
    fn unsigned_primitives_round_trip(v in any::<u128>()) {
        prop_assert_eq!(round_trip(&v), reference_u128(v));
        prop_assert_eq!(round_trip(&Uint128::new(v)), reference_u128(v));
        prop_assert_eq!(round_trip(&Uint256::from_u128(v)), reference_u128(v));
        let v64 = v as u64;
        prop_assert_eq!(round_trip(&v64), reference_u128(v64.into()));
        let v32 = v as u32;
        prop_assert_eq!(round_trip(&v32), reference_u128(v32.into()));
        let v16 = v as u16;
        prop_assert_eq!(round_trip(&v16), reference_u128(v16.into()));
        let v8 = v as u8;
        prop_assert_eq!(round_trip(&v8), reference_u128(v8.into()));
    }

    #[test]
    fn signed_primitives_round_trip(v in any::<i128>()) {
        prop_assert_eq!(round_trip(&v), reference_i128(v));
        prop_assert_eq!(round_trip(&Int256::from_i128(v)), reference_i128(v));
        let v64 = v as i64;
        prop_assert_eq!(round_trip(&v64), reference_i128(v64.into()));
        let v32 = v as i32;
        prop_assert_eq!(round_trip(&v32), reference_i128(v32.into()));
        let v16 = v as i16;
        prop_assert_eq!(round_trip(&v16), reference_i128(v16.into()));
        let v8 = v as i8;
        prop_assert_eq!(round_trip(&v8), reference_i128(v8.into()));
    }

    #[test]
    fn small_integers_cross_type(v in -70_000i64..70_000) {
        // The representation does not depend on the type.
        let bytes = round_trip(&v);
        prop_assert_eq!(round_trip(&Int256::from_i128(v.into())), bytes.clone());
        prop_assert_eq!(round_trip(&i128::from(v)), bytes.clone());
        if v >= 0 {
            prop_assert_eq!(round_trip(&(v as u64)), bytes.clone());
            prop_assert_eq!(decode_as::<u32>(&bytes), Ok(v as u32));
        } else {
            let neg_is_rejected = matches!(
                decode_as::<u64>(&bytes),
                Err(RlpError::NegativeUnsigned { .. })
            );
            prop_assert!(neg_is_rejected);
        }
        if let Ok(small) = i8::try_from(v) {
            prop_assert_eq!(decode_as::<i8>(&bytes), Ok(small));
        } else {
            prop_assert_eq!(
                decode_as::<i8>(&bytes),
                Err(RlpError::IntegerOutOfRange { target: "i8" })
            );
        }
    }

    #[test]
    fn uint256_round_trips(raw in any::<[u8; 32]>(), zeros in 0usize..32) {
        // Clearing leading bytes exercises every length, not just ~32.
        let mut be = raw;
        be[..zeros].fill(0);
        let v = Uint256::from_be_bytes(be);
        let bytes = round_trip(&v);
        let digits: Vec<u8> = be.iter().copied().skip_while(|b| *b == 0).collect();
        let expected = match digits.first() {
            None => vec![0],
            Some(b) if *b >= 0x80 => [&[0u8][..], &digits].concat(),
            Some(_) => digits,
        };
        let mut want = Vec::new();
        encode_bytes(&expected, &mut want);
        prop_assert_eq!(bytes, want);
    }

    #[test]
    fn int256_round_trips(raw in any::<[u8; 32]>(), sign_bytes in 0usize..32, negative: bool) {
        let mut be = raw;
        be[..sign_bytes].fill(if negative { 0xff } else { 0 });
        let v = Int256::from_be_bytes(be);
        let bytes = round_trip(&v);
        let decoded = decode(&bytes).unwrap();
        let payload = decoded.bytes().unwrap();
        // Minimal: dropping the first byte would change the value.
        if payload.len() > 1 {
            let redundant = (payload[0] == 0 && payload[1] < 0x80)
                || (payload[0] == 0xff && payload[1] >= 0x80);
            prop_assert!(!redundant);
        }
        prop_assert_eq!(v.is_negative(), payload[0] >= 0x80);
        if v.is_negative() {
            let unsigned_rejected = matches!(
                decode_as::<Uint256>(&bytes),
                Err(RlpError::NegativeUnsigned { .. })
            );
            prop_assert!(unsigned_rejected);
        } else {
            prop_assert_eq!(
                decode_as::<Uint256>(&bytes),
                Ok(Uint256::from_be_bytes(v.to_be_bytes()))
            );
        }
    }

    #[test]
    fn bool_round_trips(v: bool) {
        round_trip(&v);
    }

    #[test]
    fn byte_strings_round_trip(v in vec(any::<u8>(), 0..1200)) {
        let bytes = round_trip(&v);
        prop_assert_eq!(round_trip(&Binary::from(v.clone())), bytes.clone());
        prop_assert_eq!(v.as_slice().rlp_bytes(), bytes.clone());
        prop_assert_eq!(decode(&bytes), Ok(Item::Bytes(&v)));
    }

    #[test]
    fn strings_round_trip(s in ".{0,80}") {
        let bytes = round_trip(&s);
        prop_assert_eq!(s.as_str().rlp_bytes(), bytes.clone());
        prop_assert_eq!(round_trip(&s.as_bytes().to_vec()), bytes);
    }

    #[test]
    fn options_round_trip(
        a in proptest::option::of(any::<u64>()),
        b in proptest::option::of(".{0,20}"),
        c in proptest::option::of(any::<[u8; 32]>()),
    ) {
        round_trip(&a);
        round_trip(&b);
        round_trip(&c.map(Uint256::from_be_bytes));
        round_trip(&c.map(Int256::from_be_bytes));
        round_trip(&c.map(|raw| Binary::from(raw.to_vec())));
        prop_assert_eq!(a.is_none(), a.rlp_bytes() == NULL);
    }

    #[test]
    fn nested_lists_of_strings_round_trip(v in vec(vec(".{0,12}", 0..10), 0..10)) {
        let list = ListOf(v.iter().cloned().map(ListOf).collect::<Vec<_>>());
        let bytes = round_trip(&list);
        let inner: Vec<Vec<u8>> = v.iter().map(|l| encode_list(l)).collect();
        let mut enc = ListEncoder::new();
        for raw in &inner {
            enc = enc.push_raw(raw);
        }
        prop_assert_eq!(enc.finish(), bytes.clone());
        let item = decode(&bytes).unwrap();
        let back: Vec<ListOf<String>> = decode_list(&item).unwrap();
        prop_assert_eq!(back, list.0);
    }

    #[test]
    fn lists_of_integers_and_options_round_trip(
        a in vec(any::<i64>(), 0..40),
        b in vec(proptest::option::of(any::<u128>()), 0..20),
    ) {
        round_trip(&ListOf(a));
        round_trip(&ListOf(b));
    }

    #[test]
    fn structs_round_trip(sn: u64, to in ".{0,30}", value in proptest::option::of(any::<u128>())) {
        round_trip(&Msg { sn, to, value: value.map(Uint128::new) });
    }
}
