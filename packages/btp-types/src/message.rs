//! The BTP message, the error reply and the message centers' own messages,
//! byte-compatible with BTP v2 (ICON IIP-25) as ICON's BMC (`btp2-java`,
//! `btp2-solidity`) reads and writes them.
//!
//! # Integer ranges
//!
//! ICON's BMC holds `sn`, `nsn`, fee values and claim amounts as big
//! integers (Java `BigInteger`, Solidity `int256`/`uint256`) and error codes
//! as Java `long` (Solidity `uint256`). This chain holds `sn`/`nsn` as `i64`,
//! fees and amounts as [`Uint128`] and codes as `u32`. The codec reads any
//! well-formed integer of any length; one that is well-formed but outside
//! the Rust type (or negative where the type is unsigned) is refused with
//! [`CodecError::OutOfRange`], naming the field and the value, so that a
//! caller can tell "a valid ICON message this chain cannot represent" from
//! malformed bytes ([`CodecError::Rlp`]). Nothing here panics on any input.
//!
//! # Null strings
//!
//! ICON writes the message of a `[code, message]` pair with
//! `writeNullable`, so a null message (`f8 00`) is valid and reads as `""`
//! (as ICON's BMC reads it). The encoders always write the empty string
//! (`80`), as ICON's BMC does for the messages it creates: `c3 01 f8 00`
//! decodes to `{ code: 1, message: "" }`, which re-encodes as `c2 01 80`.
//! The payload's bytes are never re-encoded on the way (commitments and
//! replay keys are over the relayed bytes), so this two-to-one reading is
//! harmless.

use cosmwasm_std::{Binary, Int256, Uint128};

use crate::address::{AddressError, NetworkAddress};
use crate::rlp::{self, Decodable, Item, ListEncoder, ListReader, RlpError};

/// Longest accepted service name, in bytes.
pub const MAX_SERVICE_NAME_LEN: usize = 32;

/// Why bytes could not be read as a BTP message or service message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    #[error("malformed RLP in {what}: {source}")]
    Rlp {
        what: &'static str,
        #[source]
        source: RlpError,
    },
    #[error("invalid {field}: {source}")]
    Address {
        field: &'static str,
        #[source]
        source: AddressError,
    },
    #[error("invalid service name {name:?}: {reason}")]
    ServiceName { name: String, reason: &'static str },
    #[error("unknown token service message type {service_type}")]
    UnknownServiceType { service_type: u64 },
    #[error("a transfer request carries no assets")]
    NoAssets,
    #[error("unknown message center message type {kind:?}")]
    UnknownMessageCenterMessage { kind: String },
    /// A well-formed integer that ICON may send but this chain's type for
    /// the field cannot hold (too large, or negative for an unsigned field).
    /// The bytes are a valid ICON message; this chain refuses it.
    #[error("{field} {value} is outside what this chain can represent ({target})")]
    OutOfRange {
        /// The field, e.g. `"sn"`, `"fee_info.values"`, `"code"`.
        field: &'static str,
        /// The value in decimal (or its size, beyond 256 bits).
        value: String,
        /// The type the field is held in here.
        target: &'static str,
    },
}

/// Reads the next field of `fields` as the integer type `T`, telling a value
/// out of `T`'s range ([`CodecError::OutOfRange`]) from malformed bytes.
pub(crate) fn read_int<T: Decodable>(
    fields: &mut ListReader<'_, '_>,
    what: &'static str,
    field: &'static str,
) -> Result<T, CodecError> {
    int_of(fields.next_item(), what, field)
}

/// Reads `item` as the integer type `T`; see [`read_int`].
fn int_of<T: Decodable>(
    item: &Item<'_>,
    what: &'static str,
    field: &'static str,
) -> Result<T, CodecError> {
    item.decode::<T>().map_err(|source| match source {
        RlpError::IntegerOutOfRange { target } | RlpError::NegativeUnsigned { target } => {
            CodecError::OutOfRange {
                field,
                value: display_integer(item),
                target,
            }
        }
        source => CodecError::Rlp { what, source },
    })
}

/// A well-formed integer item in decimal; beyond 256 bits, its size.
fn display_integer(item: &Item<'_>) -> String {
    match item.decode::<Int256>() {
        Ok(value) => value.to_string(),
        Err(_) => {
            let bytes = item.bytes().map(<[u8]>::len).unwrap_or_default();
            format!("(a {bytes}-byte integer)")
        }
    }
}

/// Reads the next field as a string, null reading as `""` (ICON writes
/// these strings with `writeNullable`).
fn read_nullable_string(
    fields: &mut ListReader<'_, '_>,
    what: &'static str,
) -> Result<String, CodecError> {
    let text: Option<String> = fields.next().map_err(rlp_error(what))?;
    Ok(text.unwrap_or_default())
}

pub(crate) fn rlp_error(what: &'static str) -> impl Fn(RlpError) -> CodecError {
    move |source| CodecError::Rlp { what, source }
}

/// Checks a service name (`svc`): 1 to 32 characters of lowercase ASCII
/// letters, digits, `-` and `_`, so that it is one unambiguous registry key.
pub fn validate_service_name(name: &str) -> Result<(), CodecError> {
    let reason = if name.is_empty() {
        Some("it is empty")
    } else if name.len() > MAX_SERVICE_NAME_LEN {
        Some("it is longer than 32 bytes")
    } else if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        Some("only lowercase ASCII letters, digits, '-' and '_' are allowed")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(CodecError::ServiceName {
            name: name.to_string(),
            reason,
        }),
        None => Ok(()),
    }
}

/// Relay fees attached to a message: the network that pays and one value per hop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeInfo {
    /// The network the fee was paid on.
    pub network: NetworkAddress,
    /// The fee still to be paid out, one value per remaining hop.
    pub values: Vec<Uint128>,
}

/// A BTP message: `[src, dst, svc, sn, payload, nsn, fee_info]`.
///
/// `sn > 0` is a request that expects a reply, `sn == 0` a one-way message,
/// `sn < 0` the reply to request `-sn`. `nsn` is the sending message center's
/// network serial number, negated on replies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BtpMessage {
    /// The network that sent the message.
    pub src: NetworkAddress,
    /// The network the message is for.
    pub dst: NetworkAddress,
    /// The service the message is for.
    pub svc: String,
    /// The service's serial number: request, one-way or reply (see the type's doc).
    pub sn: i64,
    /// The service's own message, opaque to the transport.
    pub payload: Binary,
    /// The sending message center's network serial number.
    pub nsn: i64,
    /// Relay fees, absent on messages that carry none.
    pub fee_info: Option<FeeInfo>,
}

/// Whether a message is a request, one-way, or a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// `sn > 0`: the receiver must answer with a reply carrying `-sn`.
    Request,
    /// `sn == 0`: no reply is expected.
    OneWay,
    /// `sn < 0`: the answer to the sender's request `-sn`.
    Reply,
}

impl MessageKind {
    /// The kind of a message with serial number `sn`.
    pub fn of_sn(sn: i64) -> Self {
        match sn {
            sn if sn > 0 => MessageKind::Request,
            0 => MessageKind::OneWay,
            _ => MessageKind::Reply,
        }
    }
}

impl BtpMessage {
    /// Whether the message is a request, one-way, or a reply.
    pub fn kind(&self) -> MessageKind {
        MessageKind::of_sn(self.sn)
    }

    /// The RLP bytes of the message; BTP v2 always writes all seven fields.
    pub fn encode(&self) -> Vec<u8> {
        let fee_info = match &self.fee_info {
            Some(fee) => fee.encode(),
            None => rlp::NULL.to_vec(),
        };
        ListEncoder::new()
            .push(self.src.as_str())
            .push(self.dst.as_str())
            .push(self.svc.as_str())
            .push(&self.sn)
            .push(&self.payload)
            .push(&self.nsn)
            .push_raw(&fee_info)
            .finish()
    }

    /// Reads a message, rejecting malformed RLP, addresses and service names.
    pub fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let err = rlp_error("BTP message");
        let item = rlp::decode(bytes).map_err(&err)?;
        let mut fields = item.list().map_err(&err)?;
        let src = read_network(&mut fields, "src")?;
        let dst = read_network(&mut fields, "dst")?;
        let svc: String = fields.next().map_err(&err)?;
        validate_service_name(&svc)?;
        let sn: i64 = read_int(&mut fields, "BTP message", "sn")?;
        let payload: Binary = fields.next().map_err(&err)?;
        let nsn: i64 = read_int(&mut fields, "BTP message", "nsn")?;
        let fee_item = fields.next_item();
        let fee_info = if fee_item.is_null() {
            None
        } else {
            Some(FeeInfo::decode_item(fee_item)?)
        };
        Ok(Self {
            src,
            dst,
            svc,
            sn,
            payload,
            nsn,
            fee_info,
        })
    }
}

fn read_network(
    fields: &mut ListReader<'_, '_>,
    field: &'static str,
) -> Result<NetworkAddress, CodecError> {
    let text: String = fields.next().map_err(rlp_error("BTP message"))?;
    NetworkAddress::parse(&text).map_err(|source| CodecError::Address { field, source })
}

impl FeeInfo {
    /// `[network, [value, ...]]`.
    pub fn encode(&self) -> Vec<u8> {
        let values = self
            .values
            .iter()
            .fold(ListEncoder::new(), |list, value| list.push(value))
            .finish();
        ListEncoder::new()
            .push(self.network.as_str())
            .push_raw(&values)
            .finish()
    }

    fn decode_item(item: &Item<'_>) -> Result<Self, CodecError> {
        let err = rlp_error("fee info");
        let mut fields = item.list().map_err(&err)?;
        let network: String = fields.next().map_err(&err)?;
        let network = NetworkAddress::parse(&network).map_err(|source| CodecError::Address {
            field: "fee_info.network",
            source,
        })?;
        let mut list = fields.next_item().list().map_err(&err)?;
        let values = (0..list.len())
            .map(|_| read_int::<Uint128>(&mut list, "fee info", "fee_info.values"))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { network, values })
    }
}

/// The payload of an error reply: `[code, message]` (codes in
/// [`crate::error_code`]), ICON's `ResponseMessage`.
///
/// ICON writes the code as a `long` and the message with `writeNullable`:
/// a code beyond `u32` (or negative) is [`CodecError::OutOfRange`], a null
/// message reads as `""` (see the module docs for re-encoding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorMessage {
    /// What went wrong, by range: transport, message center, verifier, handler.
    pub code: u32,
    /// A human-readable explanation.
    pub message: String,
}

impl ErrorMessage {
    /// The RLP bytes of `[code, message]`; an empty message is written `80`.
    pub fn encode(&self) -> Vec<u8> {
        ListEncoder::new()
            .push(&self.code)
            .push(self.message.as_str())
            .finish()
    }

    /// Reads `[code, message]`; a null (or missing) message reads as `""`.
    pub fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let what = "error message";
        let item = rlp::decode(bytes).map_err(rlp_error(what))?;
        let mut fields = item.list().map_err(rlp_error(what))?;
        Ok(Self {
            code: read_int(&mut fields, what, "code")?,
            message: read_nullable_string(&mut fields, what)?,
        })
    }
}

/// Type name of [`MessageCenterMessage::Init`] (ICON `BMCMessage` type).
pub const INIT: &str = "Init";
/// Type name of [`MessageCenterMessage::Link`].
pub const LINK: &str = "Link";
/// Type name of [`MessageCenterMessage::Unlink`].
pub const UNLINK: &str = "Unlink";
/// Type name of [`MessageCenterMessage::Claim`].
pub const CLAIM: &str = "Claim";
/// Type name of [`MessageCenterMessage::Response`].
pub const RESPONSE: &str = "Response";

/// A message between message centers themselves (`svc = "bmc"`): ICON's
/// `BMCMessage`, `[type, data]` with `data` the RLP of the typed body, and
/// ICON's set of types with their layouts.
///
/// How they travel, as ICON's BMC sends them:
///
/// * `Claim` is a request: its `sn` is its `nsn` (> 0) and it carries the
///   fees of both ways. The receiving center credits `amount` to `receiver`
///   as a reward in its own currency and answers with a `Response`.
/// * `Response` is the success answer to a `Claim`: `sn = 0`, `nsn` the
///   negated `nsn` of the claim, the claim's remaining fees. A claim that
///   fails is answered with an ordinary error reply (`sn < 0`, payload
///   [`ErrorMessage`]) instead. The claiming center resolves its claim on
///   either, and gives the reward back unless the code is 0.
/// * `Init`, `Link` and `Unlink` are one-way (`sn = 0`) route announcements
///   (the links a center has), which ICON's BMC uses for multi-hop routing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageCenterMessage {
    /// `["Init", [[link, ...]]]`: the BTP addresses of the sender's links.
    Init {
        /// BTP addresses (`btp://<network>/<center>`), as ICON writes them.
        links: Vec<String>,
    },
    /// `["Link", [link]]`: the sender has a new link.
    Link {
        /// The BTP address of the new link; null reads as `""`.
        link: String,
    },
    /// `["Unlink", [link]]`: the sender removed a link.
    Unlink {
        /// The BTP address of the removed link; null reads as `""`.
        link: String,
    },
    /// `["Claim", [amount, receiver]]`: pay `amount` of the receiving
    /// center's fee currency to `receiver`, rewards a relayer earned on the
    /// sending chain for fees that were paid on the receiving one.
    Claim {
        /// The amount, in the receiving message center's fee denom
        /// (ICON `BigInteger`; beyond `u128` is [`CodecError::OutOfRange`]).
        amount: Uint128,
        /// The account to credit, on the receiving chain.
        receiver: String,
    },
    /// `["Response", [code, message]]`: the answer to a `Claim`; the body is
    /// ICON's `ResponseMessage`, read like an [`ErrorMessage`].
    Response {
        /// 0 when the claim was credited.
        code: u32,
        /// Why not, or `""`.
        message: String,
    },
}

impl MessageCenterMessage {
    /// The type name ICON's BMC gives this message.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Init { .. } => INIT,
            Self::Link { .. } => LINK,
            Self::Unlink { .. } => UNLINK,
            Self::Claim { .. } => CLAIM,
            Self::Response { .. } => RESPONSE,
        }
    }

    /// The RLP bytes of `[type, data]`.
    pub fn encode(&self) -> Vec<u8> {
        let data = match self {
            Self::Init { links } => {
                let list = links
                    .iter()
                    .fold(ListEncoder::new(), |list, link| list.push(link.as_str()))
                    .finish();
                ListEncoder::new().push_raw(&list).finish()
            }
            Self::Link { link } | Self::Unlink { link } => {
                ListEncoder::new().push(link.as_str()).finish()
            }
            Self::Claim { amount, receiver } => ListEncoder::new()
                .push(amount)
                .push(receiver.as_str())
                .finish(),
            Self::Response { code, message } => ErrorMessage {
                code: *code,
                message: message.clone(),
            }
            .encode(),
        };
        ListEncoder::new()
            .push(self.type_name())
            .push(&data)
            .finish()
    }

    /// Reads `[type, data]`; types ICON's BMC does not have are an error.
    pub fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let what = "message center message";
        let err = rlp_error(what);
        let item = rlp::decode(bytes).map_err(&err)?;
        let mut fields = item.list().map_err(&err)?;
        let kind: String = fields.next().map_err(&err)?;
        let data: Vec<u8> = fields.next().map_err(&err)?;
        if kind == RESPONSE {
            let ErrorMessage { code, message } = ErrorMessage::decode(&data)?;
            return Ok(Self::Response { code, message });
        }
        let inner = rlp::decode(&data).map_err(&err)?;
        let mut fields = inner.list().map_err(&err)?;
        match kind.as_str() {
            INIT => {
                let mut list = fields.next_item().list().map_err(&err)?;
                let links = (0..list.len())
                    .map(|_| read_nullable_string(&mut list, what))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Self::Init { links })
            }
            LINK => Ok(Self::Link {
                link: read_nullable_string(&mut fields, what)?,
            }),
            UNLINK => Ok(Self::Unlink {
                link: read_nullable_string(&mut fields, what)?,
            }),
            CLAIM => Ok(Self::Claim {
                amount: read_int(&mut fields, what, "amount")?,
                receiver: fields.next().map_err(&err)?,
            }),
            _ => Err(CodecError::UnknownMessageCenterMessage { kind }),
        }
    }
}
