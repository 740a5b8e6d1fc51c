//! The BTP message and the error reply, byte-compatible with BTP v2 (ICON IIP-25).

use cosmwasm_std::{Binary, Uint128};

use crate::address::{AddressError, NetworkAddress};
use crate::rlp::{self, Item, ListEncoder, ListReader, RlpError};

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

impl BtpMessage {
    /// Whether the message is a request, one-way, or a reply.
    pub fn kind(&self) -> MessageKind {
        match self.sn {
            sn if sn > 0 => MessageKind::Request,
            0 => MessageKind::OneWay,
            _ => MessageKind::Reply,
        }
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
        let sn: i64 = fields.next().map_err(&err)?;
        let payload: Binary = fields.next().map_err(&err)?;
        let nsn: i64 = fields.next().map_err(&err)?;
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
            .map(|_| list.next::<Uint128>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(&err)?;
        Ok(Self { network, values })
    }
}

/// The payload of an error reply: `[code, message]` (codes in [`crate::error_code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorMessage {
    /// What went wrong, by range: transport, message center, verifier, handler.
    pub code: u32,
    /// A human-readable explanation.
    pub message: String,
}

impl ErrorMessage {
    /// The RLP bytes of `[code, message]`.
    pub fn encode(&self) -> Vec<u8> {
        ListEncoder::new()
            .push(&self.code)
            .push(self.message.as_str())
            .finish()
    }

    /// Reads `[code, message]`.
    pub fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let err = rlp_error("error message");
        let item = rlp::decode(bytes).map_err(&err)?;
        let mut fields = item.list().map_err(&err)?;
        Ok(Self {
            code: fields.next().map_err(&err)?,
            message: fields.next().map_err(&err)?,
        })
    }
}

/// Type name of the message center's own reward-claim message.
pub const CLAIM_REWARD: &str = "ClaimReward";

/// A message between message centers themselves (`svc = "bmc"`):
/// `[type, data]` with `data` the RLP of the typed body, as BTP's BMC writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageCenterMessage {
    /// Pay `amount` of the fee currency to `receiver`: rewards a relayer
    /// earned on the other chain for fees that were paid on this one.
    ClaimReward {
        /// The amount, in the receiving message center's fee denom.
        amount: Uint128,
        /// The account to pay, on the receiving chain.
        receiver: String,
    },
}

impl MessageCenterMessage {
    /// The RLP bytes of `[type, data]`.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            Self::ClaimReward { amount, receiver } => {
                let data = ListEncoder::new()
                    .push(amount)
                    .push(receiver.as_str())
                    .finish();
                ListEncoder::new().push(CLAIM_REWARD).push(&data).finish()
            }
        }
    }

    /// Reads `[type, data]`; unknown types are an error.
    pub fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let err = rlp_error("message center message");
        let item = rlp::decode(bytes).map_err(&err)?;
        let mut fields = item.list().map_err(&err)?;
        let kind: String = fields.next().map_err(&err)?;
        let data: Vec<u8> = fields.next().map_err(&err)?;
        if kind != CLAIM_REWARD {
            return Err(CodecError::UnknownMessageCenterMessage { kind });
        }
        let inner = rlp::decode(&data).map_err(&err)?;
        let mut fields = inner.list().map_err(&err)?;
        Ok(Self::ClaimReward {
            amount: fields.next().map_err(&err)?,
            receiver: fields.next().map_err(&err)?,
        })
    }
}
