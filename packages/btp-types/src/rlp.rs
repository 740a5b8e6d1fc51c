//! ICON's RLP codec ("RLPn"), the wire format of every BTP message.
//!
//! # Framing
//!
//! The framing is Ethereum's RLP:
//!
//! | first byte    | meaning                                                         |
//! | ------------- | --------------------------------------------------------------- |
//! | `00..=7f`     | a one-byte string holding that byte                             |
//! | `80..=b7`     | a string of `first - 0x80` (0..=55) bytes follows               |
//! | `b8..=bf`     | `first - 0xb7` bytes of big-endian length, then the string      |
//! | `c0..=f7`     | a list whose items fill `first - 0xc0` (0..=55) bytes           |
//! | `f8..=ff`     | `first - 0xf7` bytes of big-endian length, then the list items  |
//!
//! ICON differs from Ethereum in two places:
//!
//! * **Integers** are byte strings holding the *shortest two's-complement
//!   big-endian* representation of the value, signed or not: 0 is the byte
//!   `00` (encoded `00`), 127 is `7f`, 128 is `00 80` (encoded `82 00 80`),
//!   -1 is `ff` (encoded `81 ff`), -129 is `ff 7f`. An unsigned value whose top
//!   bit is set therefore gets a leading `00`: `u256::MAX` takes 33 bytes.
//!   Booleans are the integers 0 and 1.
//! * **Null** is `f8 00`, a long-form list of length 0. It is the one
//!   non-canonical-looking form accepted, and it means "no value"
//!   ([`Option::None`], or a field a newer peer may leave out).
//!
//! # Strictness
//!
//! BTP messages arrive as byte strings chosen by a relayer, and their hashes
//! and sequence numbers decide what is executed and what counts as replayed.
//! If two byte strings could decode to the same message, a relayer could
//! re-submit an already-processed message under a different encoding, or
//! make two parties disagree about what was signed. So the decoder accepts
//! exactly one encoding per value — for every successful [`decode`],
//! re-encoding the [`Item`] gives back the input, and the same holds for each
//! [`Decodable`] type implemented here:
//!
//! * the whole input must be one item ([`RlpError::TrailingBytes`]);
//! * a byte below `0x80` must stand for itself, never `81 xx`;
//! * the long forms are only for lengths of 56 and more (except null), and a
//!   length may not start with a zero byte;
//! * the items of a list must fill its payload exactly;
//! * lists nest at most [`MAX_DEPTH`] deep, so hostile input cannot exhaust
//!   the stack;
//! * integers must be non-empty and minimal (no redundant leading `00` or
//!   `ff`), fit the target type, and be non-negative for unsigned targets;
//!   strings must be UTF-8.
//!
//! Decoding never panics and never allocates according to a declared length:
//! every length is checked against the bytes actually present first.
//!
//! # Lists
//!
//! `Vec<u8>` is a byte string, so a generic `Vec<T>` cannot also be a list
//! (Rust has no specialisation). Lists of values go through the [`ListOf`]
//! newtype, or the [`encode_list`] / [`decode_list`] helpers. Structures
//! ("a list of fields") are written with [`ListEncoder`] and read with
//! [`ListReader`], which treats missing trailing fields as null and ignores
//! extra ones, so a message can gain optional fields without breaking older
//! readers.

use cosmwasm_std::{Binary, Int256, Uint128, Uint256};

/// Why a byte string is not the RLPn encoding of the value asked for.
///
/// Offsets count from the start of the input given to [`decode`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RlpError {
    /// A required value was null, or a list ended before a required field.
    #[error("unexpected null: a required value is null or missing")]
    UnexpectedNull,
    /// A byte string was required but a list was found.
    #[error("expected a byte string, found a list")]
    ExpectedBytes,
    /// A list was required but a byte string was found.
    #[error("expected a list, found a byte string")]
    ExpectedList,
    /// The input holds more than the one item it must consist of.
    #[error("{count} trailing byte(s) after the item")]
    TrailingBytes { count: usize },
    /// An item runs past the end of the input or of its enclosing list.
    #[error(
        "truncated item at offset {offset}: needs {needed} byte(s) but its input or enclosing list has {available} left"
    )]
    Truncated {
        offset: usize,
        needed: usize,
        available: usize,
    },
    /// `81 xx` with `xx < 0x80`: that byte must be encoded as itself.
    #[error("non-canonical byte string at offset {offset}: a single byte below 0x80 must be encoded as itself")]
    NonCanonicalSingleByte { offset: usize },
    /// A long form (`b8..`, `f8..`) was used for a length below 56.
    #[error("non-canonical length at offset {offset}: long form used for length {len} (< 56)")]
    NonCanonicalLength { offset: usize, len: usize },
    /// The big-endian length of a long form starts with a zero byte.
    #[error("non-canonical length at offset {offset}: length bytes start with zero")]
    LeadingZeroLength { offset: usize },
    /// The declared length does not fit in `usize` on this platform.
    #[error("length at offset {offset} does not fit in usize")]
    LengthOverflow { offset: usize },
    /// Lists nest deeper than [`MAX_DEPTH`].
    #[error("list at offset {offset} nests deeper than the limit of {max} levels", max = MAX_DEPTH)]
    TooDeep { offset: usize },
    /// An integer was encoded as the empty byte string (zero is `00`).
    #[error("empty byte string is not an integer (zero is encoded as 0x00)")]
    EmptyInteger,
    /// An integer has a redundant leading `00` or `ff` byte.
    #[error("non-canonical integer: redundant leading 0x00 or 0xff byte")]
    NonCanonicalInteger,
    /// An integer does not fit in the target type.
    #[error("integer out of range for {target}")]
    IntegerOutOfRange { target: &'static str },
    /// A negative integer where the target type is unsigned.
    #[error("negative integer for unsigned {target}")]
    NegativeUnsigned { target: &'static str },
    /// A string is not valid UTF-8.
    #[error("invalid UTF-8 in string after {valid_up_to} valid byte(s)")]
    InvalidUtf8 { valid_up_to: usize },
}

/// The encoding of null (`None`, or a field that is left out).
pub const NULL: [u8; 2] = [0xf8, 0x00];

/// How deep lists may nest; a top-level list is at depth 1.
pub const MAX_DEPTH: usize = 32;

/// Longest payload that the one-byte header forms can describe.
const MAX_SHORT_LEN: u8 = 55;
const BYTES_OFFSET: u8 = 0x80;
const LIST_OFFSET: u8 = 0xc0;

/// What [`ListReader::next_item`] hands out for fields that are not there.
static NULL_ITEM: Item<'static> = Item::Null;

/// One decoded item, borrowing its byte strings from the input.
///
/// Lists are decoded eagerly: by the time an `Item` exists, all of it has
/// been validated, so reading fields can only fail on their types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item<'a> {
    /// A byte string.
    Bytes(&'a [u8]),
    /// A list of items.
    List(Vec<Item<'a>>),
    /// Null, encoded `f8 00`.
    Null,
}

/// Decodes exactly one item that spans the whole input.
pub fn decode(input: &[u8]) -> Result<Item<'_>, RlpError> {
    let (item, rest) = decode_item(input, 0, 0)?;
    if rest.is_empty() {
        Ok(item)
    } else {
        Err(RlpError::TrailingBytes { count: rest.len() })
    }
}

/// Decodes exactly one item spanning the whole input into `T`.
pub fn decode_as<T: Decodable>(input: &[u8]) -> Result<T, RlpError> {
    T::rlp_decode(&decode(input)?)
}

/// Splits `len` bytes off `input`, whose first byte is at absolute `offset`.
fn take(input: &[u8], len: usize, offset: usize) -> Result<(&[u8], &[u8]), RlpError> {
    input.split_at_checked(len).ok_or(RlpError::Truncated {
        offset,
        needed: len,
        available: input.len(),
    })
}

/// Reads the big-endian length of a long form; `header` is the offset of the
/// prefix byte and `after` the bytes following it.
fn long_len(after: &[u8], len_of_len: u8, header: usize) -> Result<(usize, &[u8]), RlpError> {
    let len_at = header.saturating_add(1);
    let (len_bytes, rest) = take(after, usize::from(len_of_len), len_at)?;
    if len_bytes.first() == Some(&0) {
        return Err(RlpError::LeadingZeroLength { offset: header });
    }
    let mut len: usize = 0;
    for &b in len_bytes {
        len = len
            .checked_mul(256)
            .and_then(|l| l.checked_add(usize::from(b)))
            .ok_or(RlpError::LengthOverflow { offset: header })?;
    }
    if len <= usize::from(MAX_SHORT_LEN) {
        return Err(RlpError::NonCanonicalLength {
            offset: header,
            len,
        });
    }
    Ok((len, rest))
}

/// Decodes one item from the front of `input`, returning it and what follows.
/// `offset` is the absolute offset of `input[0]`; `depth` the number of lists
/// enclosing this item.
fn decode_item(input: &[u8], offset: usize, depth: usize) -> Result<(Item<'_>, &[u8]), RlpError> {
    let (&prefix, after) = input.split_first().ok_or(RlpError::Truncated {
        offset,
        needed: 1,
        available: 0,
    })?;
    let payload_at = |header_len: usize| offset.saturating_add(header_len);
    match prefix {
        0x00..=0x7f => Ok((Item::Bytes(input.get(..1).unwrap_or_default()), after)),
        0x80..=0xb7 => {
            let len = usize::from(prefix.wrapping_sub(BYTES_OFFSET));
            let (payload, rest) = take(after, len, payload_at(1))?;
            if let [single] = payload {
                if *single < BYTES_OFFSET {
                    return Err(RlpError::NonCanonicalSingleByte { offset });
                }
            }
            Ok((Item::Bytes(payload), rest))
        }
        0xb8..=0xbf => {
            let len_of_len = prefix.wrapping_sub(BYTES_OFFSET + MAX_SHORT_LEN);
            let (len, after_len) = long_len(after, len_of_len, offset)?;
            let header_len = usize::from(len_of_len).saturating_add(1);
            let (payload, rest) = take(after_len, len, payload_at(header_len))?;
            Ok((Item::Bytes(payload), rest))
        }
        0xc0..=0xf7 => {
            let len = usize::from(prefix.wrapping_sub(LIST_OFFSET));
            let (payload, rest) = take(after, len, payload_at(1))?;
            let items = decode_list_payload(payload, offset, payload_at(1), depth)?;
            Ok((Item::List(items), rest))
        }
        0xf8..=0xff => {
            if prefix == NULL[0] {
                if let Some((&0, rest)) = after.split_first() {
                    return Ok((Item::Null, rest));
                }
            }
            let len_of_len = prefix.wrapping_sub(LIST_OFFSET + MAX_SHORT_LEN);
            let (len, after_len) = long_len(after, len_of_len, offset)?;
            let header_len = usize::from(len_of_len).saturating_add(1);
            let (payload, rest) = take(after_len, len, payload_at(header_len))?;
            let items = decode_list_payload(payload, offset, payload_at(header_len), depth)?;
            Ok((Item::List(items), rest))
        }
    }
}

/// Decodes the items of a list whose header is at `offset` and whose payload
/// starts at `payload_offset`; they must fill the payload exactly, which
/// holds because each item is cut from what the previous ones left.
fn decode_list_payload(
    payload: &[u8],
    offset: usize,
    payload_offset: usize,
    depth: usize,
) -> Result<Vec<Item<'_>>, RlpError> {
    if depth >= MAX_DEPTH {
        return Err(RlpError::TooDeep { offset });
    }
    let inner_depth = depth.saturating_add(1);
    let mut items = Vec::new();
    let mut rest = payload;
    let mut at = payload_offset;
    while !rest.is_empty() {
        let (item, after) = decode_item(rest, at, inner_depth)?;
        at = at.saturating_add(rest.len().saturating_sub(after.len()));
        rest = after;
        items.push(item);
    }
    Ok(items)
}

impl<'a> Item<'a> {
    /// Whether this is null (`f8 00`).
    pub fn is_null(&self) -> bool {
        matches!(self, Item::Null)
    }

    /// The byte string; [`RlpError::ExpectedBytes`] for a list,
    /// [`RlpError::UnexpectedNull`] for null.
    pub fn bytes(&self) -> Result<&'a [u8], RlpError> {
        match self {
            Item::Bytes(b) => Ok(b),
            Item::List(_) => Err(RlpError::ExpectedBytes),
            Item::Null => Err(RlpError::UnexpectedNull),
        }
    }

    /// A reader over the list's fields; [`RlpError::ExpectedList`] for a
    /// byte string, [`RlpError::UnexpectedNull`] for null.
    pub fn list(&self) -> Result<ListReader<'_, 'a>, RlpError> {
        match self {
            Item::List(items) => Ok(ListReader { items, pos: 0 }),
            Item::Bytes(_) => Err(RlpError::ExpectedList),
            Item::Null => Err(RlpError::UnexpectedNull),
        }
    }

    /// Decodes this item as `T`.
    pub fn decode<T: Decodable>(&self) -> Result<T, RlpError> {
        T::rlp_decode(self)
    }
}

/// Reads the fields of a list in order.
///
/// Missing trailing fields read as null, so `Option<T>` gives `None` and a
/// required `T` gives [`RlpError::UnexpectedNull`]; fields beyond the ones
/// read are ignored. This lets a message gain trailing optional fields
/// without breaking readers on either side.
///
/// That leniency means a structure read this way does not have a single
/// encoding (`[a, b]` and `[a, b, null]` read alike), so anything that must
/// identify a message — a hash, a replay key — is computed over its bytes,
/// not over a re-encoding of the decoded structure.
#[derive(Debug, Clone)]
pub struct ListReader<'i, 'a> {
    items: &'i [Item<'a>],
    pos: usize,
}

impl<'i, 'a> ListReader<'i, 'a> {
    /// Decodes the next field as `T`.
    // Not `Iterator::next`: each call picks its own target type, and the
    // reader never ends (past the last field it yields null).
    #[allow(clippy::should_implement_trait)]
    pub fn next<T: Decodable>(&mut self) -> Result<T, RlpError> {
        T::rlp_decode(self.next_item())
    }

    /// The next field, or [`Item::Null`] once the list is exhausted.
    pub fn next_item(&mut self) -> &'i Item<'a> {
        match self.items.get(self.pos) {
            Some(item) => {
                self.pos = self.pos.saturating_add(1);
                item
            }
            None => &NULL_ITEM,
        }
    }

    /// The number of fields actually present in the list.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the list has no fields at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A value with an RLPn encoding.
pub trait Encodable {
    /// Appends the encoding of `self` to `out`.
    fn rlp_append(&self, out: &mut Vec<u8>);

    /// The encoding of `self`.
    fn rlp_bytes(&self) -> Vec<u8> {
        let mut v = Vec::new();
        self.rlp_append(&mut v);
        v
    }
}

/// A value that can be read back from a decoded [`Item`].
pub trait Decodable: Sized {
    /// Reads `Self` from `item`, rejecting anything that is not the one
    /// canonical encoding of a `Self`.
    fn rlp_decode(item: &Item<'_>) -> Result<Self, RlpError>;
}

/// Appends a string or list header for a payload of `len` bytes.
fn append_header(out: &mut Vec<u8>, base: u8, len: usize) {
    match u8::try_from(len) {
        // Cannot wrap: base is at most 0xc0 and short <= 55.
        Ok(short) if short <= MAX_SHORT_LEN => out.push(base.wrapping_add(short)),
        _ => {
            let be = len.to_be_bytes();
            let zeros = be.iter().take_while(|b| **b == 0).count();
            let len_bytes = be.get(zeros..).unwrap_or_default();
            // At most size_of::<usize>() <= 8 length bytes, so no wrap.
            let len_of_len = u8::try_from(len_bytes.len()).unwrap_or(u8::MAX);
            out.push(base.wrapping_add(MAX_SHORT_LEN).wrapping_add(len_of_len));
            out.extend_from_slice(len_bytes);
        }
    }
}

/// Appends `bytes` as an RLP byte string.
pub fn encode_bytes(bytes: &[u8], out: &mut Vec<u8>) {
    match bytes {
        [single] if *single < BYTES_OFFSET => out.push(*single),
        _ => {
            append_header(out, BYTES_OFFSET, bytes.len());
            out.extend_from_slice(bytes);
        }
    }
}

/// Appends a list whose already-encoded items are `payload`.
fn append_list_payload(payload: &[u8], out: &mut Vec<u8>) {
    append_header(out, LIST_OFFSET, payload.len());
    out.extend_from_slice(payload);
}

/// Builds a list (typically a structure's fields) item by item:
/// `ListEncoder::new().push(&a).push(&b).finish()`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListEncoder {
    payload: Vec<u8>,
}

impl ListEncoder {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `value` as the next item.
    #[must_use]
    pub fn push<T: Encodable + ?Sized>(mut self, value: &T) -> Self {
        value.rlp_append(&mut self.payload);
        self
    }

    /// Appends an item that is already RLP-encoded (e.g. a nested message
    /// carried verbatim); the caller is responsible for it being one
    /// well-formed item.
    #[must_use]
    pub fn push_raw(mut self, encoded: &[u8]) -> Self {
        self.payload.extend_from_slice(encoded);
        self
    }

    /// The encoded list.
    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::new();
        self.finish_into(&mut out);
        out
    }

    /// Appends the encoded list to `out`.
    pub fn finish_into(self, out: &mut Vec<u8>) {
        append_list_payload(&self.payload, out);
    }
}

/// A list of `T` values: the list form of `Vec<T>`, which cannot be used
/// directly because `Vec<u8>` is a byte string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ListOf<T>(pub Vec<T>);

impl<T> From<Vec<T>> for ListOf<T> {
    fn from(items: Vec<T>) -> Self {
        Self(items)
    }
}

impl<T> From<ListOf<T>> for Vec<T> {
    fn from(list: ListOf<T>) -> Self {
        list.0
    }
}

impl<T: Encodable> Encodable for ListOf<T> {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        append_list(&self.0, out);
    }
}

impl<T: Decodable> Decodable for ListOf<T> {
    fn rlp_decode(item: &Item<'_>) -> Result<Self, RlpError> {
        decode_list(item).map(Self)
    }
}

fn append_list<T: Encodable>(items: &[T], out: &mut Vec<u8>) {
    let mut payload = Vec::new();
    for item in items {
        item.rlp_append(&mut payload);
    }
    append_list_payload(&payload, out);
}

/// Encodes `items` as a list.
pub fn encode_list<T: Encodable>(items: &[T]) -> Vec<u8> {
    let mut out = Vec::new();
    append_list(items, &mut out);
    out
}

/// Decodes a list item whose every element is a `T`.
pub fn decode_list<T: Decodable>(item: &Item<'_>) -> Result<Vec<T>, RlpError> {
    match item {
        Item::List(items) => items.iter().map(T::rlp_decode).collect(),
        Item::Bytes(_) => Err(RlpError::ExpectedList),
        Item::Null => Err(RlpError::UnexpectedNull),
    }
}

impl Encodable for Item<'_> {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        match self {
            Item::Bytes(b) => encode_bytes(b, out),
            Item::List(items) => append_list(items, out),
            Item::Null => out.extend_from_slice(&NULL),
        }
    }
}

impl<T: Encodable + ?Sized> Encodable for &T {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        (**self).rlp_append(out);
    }
}

impl<T: Encodable> Encodable for Option<T> {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        match self {
            Some(value) => value.rlp_append(out),
            None => out.extend_from_slice(&NULL),
        }
    }
}

impl<T: Decodable> Decodable for Option<T> {
    fn rlp_decode(item: &Item<'_>) -> Result<Self, RlpError> {
        match item {
            Item::Null => Ok(None),
            _ => T::rlp_decode(item).map(Some),
        }
    }
}

impl Encodable for [u8] {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        encode_bytes(self, out);
    }
}

impl Encodable for Vec<u8> {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        encode_bytes(self, out);
    }
}

impl Decodable for Vec<u8> {
    fn rlp_decode(item: &Item<'_>) -> Result<Self, RlpError> {
        item.bytes().map(<[u8]>::to_vec)
    }
}

impl Encodable for Binary {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        encode_bytes(self.as_slice(), out);
    }
}

impl Decodable for Binary {
    fn rlp_decode(item: &Item<'_>) -> Result<Self, RlpError> {
        item.bytes().map(Binary::from)
    }
}

impl Encodable for str {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        encode_bytes(self.as_bytes(), out);
    }
}

impl Encodable for String {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        encode_bytes(self.as_bytes(), out);
    }
}

impl Decodable for String {
    fn rlp_decode(item: &Item<'_>) -> Result<Self, RlpError> {
        let bytes = item.bytes()?;
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|e| RlpError::InvalidUtf8 {
                valid_up_to: e.valid_up_to(),
            })
    }
}

/// Appends a signed value given as fixed-width two's-complement big-endian
/// bytes, dropping the leading bytes that only repeat the sign.
fn append_signed(be: &[u8], out: &mut Vec<u8>) {
    let mut rest = be;
    while let [first, second, ..] = rest {
        let redundant = (*first == 0x00 && *second < 0x80) || (*first == 0xff && *second >= 0x80);
        if !redundant {
            break;
        }
        rest = rest.get(1..).unwrap_or_default();
    }
    encode_bytes(rest, out);
}

/// Appends an unsigned value given as fixed-width big-endian bytes; a value
/// whose top bit is set gets a `00` so it does not read as negative.
fn append_unsigned(be: &[u8], out: &mut Vec<u8>) {
    let zeros = be.iter().take_while(|b| **b == 0).count();
    match be.get(zeros..) {
        Some(digits @ [first, ..]) if *first >= 0x80 => {
            append_header(out, BYTES_OFFSET, digits.len().saturating_add(1));
            out.push(0);
            out.extend_from_slice(digits);
        }
        Some(digits @ [_, ..]) => encode_bytes(digits, out),
        _ => out.push(0),
    }
}

/// Reads a canonical two's-complement integer into `N` big-endian bytes,
/// sign-extended, checking that it fits a `signed` (or unsigned) type of
/// that width named `target`.
fn read_int<const N: usize>(
    item: &Item<'_>,
    signed: bool,
    target: &'static str,
) -> Result<[u8; N], RlpError> {
    let bytes = item.bytes()?;
    let first = match bytes {
        [] => return Err(RlpError::EmptyInteger),
        [0x00, next, ..] if *next < 0x80 => return Err(RlpError::NonCanonicalInteger),
        [0xff, next, ..] if *next >= 0x80 => return Err(RlpError::NonCanonicalInteger),
        [first, ..] => *first,
    };
    let negative = first >= 0x80;
    if negative && !signed {
        return Err(RlpError::NegativeUnsigned { target });
    }
    // An unsigned type has one more value bit than a signed one of the same
    // width, so its sign byte is not part of the value.
    let digits = match bytes {
        [0x00, rest @ ..] if !signed && !rest.is_empty() => rest,
        _ => bytes,
    };
    let pad = N
        .checked_sub(digits.len())
        .ok_or(RlpError::IntegerOutOfRange { target })?;
    let mut out = [if negative { 0xff } else { 0x00 }; N];
    for (dst, src) in out.iter_mut().skip(pad).zip(digits) {
        *dst = *src;
    }
    Ok(out)
}

macro_rules! primitive_int {
    ($($ty:ty => $signed:expr),* $(,)?) => {$(
        impl Encodable for $ty {
            fn rlp_append(&self, out: &mut Vec<u8>) {
                if $signed {
                    append_signed(&self.to_be_bytes(), out);
                } else {
                    append_unsigned(&self.to_be_bytes(), out);
                }
            }
        }

        impl Decodable for $ty {
            fn rlp_decode(item: &Item<'_>) -> Result<Self, RlpError> {
                read_int(item, $signed, stringify!($ty)).map(<$ty>::from_be_bytes)
            }
        }
    )*};
}

primitive_int!(
    u8 => false, u16 => false, u32 => false, u64 => false, u128 => false,
    i8 => true, i16 => true, i32 => true, i64 => true, i128 => true,
);

impl Encodable for bool {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        u8::from(*self).rlp_append(out);
    }
}

impl Decodable for bool {
    fn rlp_decode(item: &Item<'_>) -> Result<Self, RlpError> {
        match read_int::<1>(item, false, "bool")? {
            [0] => Ok(false),
            [1] => Ok(true),
            _ => Err(RlpError::IntegerOutOfRange { target: "bool" }),
        }
    }
}

impl Encodable for Uint128 {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        append_unsigned(&self.u128().to_be_bytes(), out);
    }
}

impl Decodable for Uint128 {
    fn rlp_decode(item: &Item<'_>) -> Result<Self, RlpError> {
        read_int(item, false, "Uint128").map(|be| Uint128::new(u128::from_be_bytes(be)))
    }
}

impl Encodable for Uint256 {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        append_unsigned(&self.to_be_bytes(), out);
    }
}

impl Decodable for Uint256 {
    fn rlp_decode(item: &Item<'_>) -> Result<Self, RlpError> {
        read_int(item, false, "Uint256").map(Uint256::from_be_bytes)
    }
}

impl Encodable for Int256 {
    fn rlp_append(&self, out: &mut Vec<u8>) {
        append_signed(&self.to_be_bytes(), out);
    }
}

impl Decodable for Int256 {
    fn rlp_decode(item: &Item<'_>) -> Result<Self, RlpError> {
        read_int(item, true, "Int256").map(Int256::from_be_bytes)
    }
}
