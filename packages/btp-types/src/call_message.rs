//! The call service's payloads (`svc = "xcall"`), byte-compatible with ICON's
//! BTP xCall (`icon-project/btp`, `javascore/xcall` and `solidity/xcall`:
//! `CSMessage`, `CSMessageRequest`, `CSMessageResponse`), in ICON RLP:
//!
//! * `CSMessage`: `[type, data]`, `type` 1 for a request, 2 for a response
//!   (an integer), `data` the RLP bytes of the typed message as a byte
//!   string (ICON writes it nullable: null reads as empty).
//! * `CSMessageRequest`: `[from, to, sn, rollback, data]`: `from` the
//!   calling account on the source chain (the account alone; the receiver
//!   makes `btp://<source network>/<from>` of it), `to` the called account
//!   on the destination chain, `sn` the source call service's serial number,
//!   `rollback` whether the caller gave rollback data (a boolean: the
//!   integer 0 or 1), `data` the call's bytes (nullable).
//! * `CSMessageResponse`: `[sn, code, msg]`: `code` 0 success, -1 the call
//!   failed, -2 a BTP error (an integer, signed), `msg` nullable.
//!
//! Later xCall versions (xcall-multi) append a sixth field (`protocols`) to
//! the request: it is ignored here, as every trailing field is, so their
//! requests without protocols read the same.

use crate::rlp::{self, ListEncoder, RlpError};

/// `CSMessage` type of a request.
pub const CS_REQUEST: i32 = 1;
/// `CSMessage` type of a response.
pub const CS_RESPONSE: i32 = 2;
/// `CSMessageResponse` code: the call succeeded.
pub const CS_RESP_SUCCESS: i32 = 0;
/// `CSMessageResponse` code: the called contract failed (or was not there).
pub const CS_RESP_FAILURE: i32 = -1;
/// `CSMessageResponse` code: the message failed on the way (no route, no
/// handler, the handler failed, a timeout): a BTP error reply.
pub const CS_RESP_BTP_ERROR: i32 = -2;

/// Why bytes are not a call service message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallMessageError {
    #[error("malformed RLP in {what}: {source}")]
    Rlp {
        what: &'static str,
        #[source]
        source: RlpError,
    },
    #[error("unknown call service message type {msg_type}")]
    UnknownType { msg_type: i32 },
}

fn rlp_error(what: &'static str) -> impl Fn(RlpError) -> CallMessageError {
    move |source| CallMessageError::Rlp { what, source }
}

/// A call request: `CSMessageRequest`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallRequest {
    /// The caller, an account of the source chain (without network).
    pub from: String,
    /// The called account on the destination chain.
    pub to: String,
    /// The source call service's serial number of the call.
    pub sn: i64,
    /// Whether the caller gave rollback data (the source rolls back on failure).
    pub rollback: bool,
    /// The call's bytes, for the called contract.
    pub data: Vec<u8>,
}

/// A call's outcome: `CSMessageResponse`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallResponse {
    /// The serial number of the call it answers.
    pub sn: i64,
    /// [`CS_RESP_SUCCESS`], [`CS_RESP_FAILURE`] or [`CS_RESP_BTP_ERROR`].
    pub code: i32,
    /// Why, when it failed; null reads as `""`.
    pub msg: String,
}

/// `CSMessage`: a request or a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallServiceMessage {
    /// Type 1.
    Request(CallRequest),
    /// Type 2.
    Response(CallResponse),
}

impl CallRequest {
    /// `[from, to, sn, rollback, data]`.
    pub fn encode(&self) -> Vec<u8> {
        ListEncoder::new()
            .push(self.from.as_str())
            .push(self.to.as_str())
            .push(&self.sn)
            .push(&self.rollback)
            .push(self.data.as_slice())
            .finish()
    }

    /// Reads `[from, to, sn, rollback, data, ...]`; a null `data` reads as empty.
    pub fn decode(bytes: &[u8]) -> Result<Self, CallMessageError> {
        let err = rlp_error("CSMessageRequest");
        let item = rlp::decode(bytes).map_err(&err)?;
        let mut fields = item.list().map_err(&err)?;
        Ok(Self {
            from: fields.next().map_err(&err)?,
            to: fields.next().map_err(&err)?,
            sn: fields.next().map_err(&err)?,
            rollback: fields.next().map_err(&err)?,
            data: fields
                .next::<Option<Vec<u8>>>()
                .map_err(&err)?
                .unwrap_or_default(),
        })
    }
}

impl CallResponse {
    /// `[sn, code, msg]`; an empty `msg` is written `80`.
    pub fn encode(&self) -> Vec<u8> {
        ListEncoder::new()
            .push(&self.sn)
            .push(&self.code)
            .push(self.msg.as_str())
            .finish()
    }

    /// Reads `[sn, code, msg]`; a null `msg` reads as `""`.
    pub fn decode(bytes: &[u8]) -> Result<Self, CallMessageError> {
        let err = rlp_error("CSMessageResponse");
        let item = rlp::decode(bytes).map_err(&err)?;
        let mut fields = item.list().map_err(&err)?;
        Ok(Self {
            sn: fields.next().map_err(&err)?,
            code: fields.next().map_err(&err)?,
            msg: fields
                .next::<Option<String>>()
                .map_err(&err)?
                .unwrap_or_default(),
        })
    }
}

impl CallServiceMessage {
    /// `[type, data]`.
    pub fn encode(&self) -> Vec<u8> {
        let (msg_type, data) = match self {
            Self::Request(request) => (CS_REQUEST, request.encode()),
            Self::Response(response) => (CS_RESPONSE, response.encode()),
        };
        ListEncoder::new()
            .push(&msg_type)
            .push(data.as_slice())
            .finish()
    }

    /// Reads `[type, data]` and the typed message in `data`.
    pub fn decode(bytes: &[u8]) -> Result<Self, CallMessageError> {
        let err = rlp_error("CSMessage");
        let item = rlp::decode(bytes).map_err(&err)?;
        let mut fields = item.list().map_err(&err)?;
        let msg_type: i32 = fields.next().map_err(&err)?;
        let data = fields
            .next::<Option<Vec<u8>>>()
            .map_err(&err)?
            .unwrap_or_default();
        match msg_type {
            CS_REQUEST => Ok(Self::Request(CallRequest::decode(&data)?)),
            CS_RESPONSE => Ok(Self::Response(CallResponse::decode(&data)?)),
            msg_type => Err(CallMessageError::UnknownType { msg_type }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields every vector below carries.
    fn request(rollback: bool) -> CallRequest {
        CallRequest {
            from: "0x1.ETH/0xa".into(),
            to: "cx0000000000000000000000000000000000000102".into(),
            sn: 21,
            rollback,
            data: b"test".to_vec(),
        }
    }

    /// The five fields of the requests in ICON's xcall-multi tests
    /// (`CallServiceMessageRequest`, which adds `protocols` as a sixth).
    const FIELDS_NO_ROLLBACK: &str = "8b3078312e4554482f307861aa637830303030303030303030303030303030303030303030303030303030303030303030303030313032150084\
                                      74657374";

    #[test]
    fn requests_of_xcall_read_alike_with_their_protocols_ignored() {
        // xcall-multi: rollback false, protocols [] and [abc, cde, efg]; rollback true.
        let vectors = [
            ("f83f8b3078312e4554482f307861aa63783030303030303030303030303030303030303030303030303030303030303030303030303031303215008474657374c0", false),
            ("f84b8b3078312e4554482f307861aa63783030303030303030303030303030303030303030303030303030303030303030303030303031303215008474657374cc836162638363646583656667", false),
            ("f84b8b3078312e4554482f307861aa63783030303030303030303030303030303030303030303030303030303030303030303030303031303215018474657374cc836162638363646583656667", true),
        ];
        for (hex, rollback) in vectors {
            let bytes = hex::decode(hex).unwrap();
            assert_eq!(CallRequest::decode(&bytes).unwrap(), request(rollback));
        }
    }

    #[test]
    fn a_request_is_written_as_btp_xcall_writes_its_five_fields() {
        let fields = FIELDS_NO_ROLLBACK.replace(' ', "");
        let expected = format!("f83e{fields}");
        assert_eq!(hex::encode(request(false).encode()), expected);
        let with_rollback = format!("f83e{}", fields.replacen("150084", "150184", 1));
        assert_eq!(hex::encode(request(true).encode()), with_rollback);
        let message = CallServiceMessage::Request(request(true));
        let encoded = message.encode();
        // [1, <64 bytes>]: c0+0x43 list of 01 and b840 ‖ the request.
        assert_eq!(hex::encode(&encoded[..4]), "f84301b8");
        assert_eq!(CallServiceMessage::decode(&encoded).unwrap(), message);
    }

    #[test]
    fn responses_carry_xcalls_signed_codes() {
        let failure = CallResponse {
            sn: 2,
            code: CS_RESP_FAILURE,
            msg: String::new(),
        };
        assert_eq!(hex::encode(failure.encode()), "c40281ff80");
        let success = CallResponse {
            sn: 1,
            code: CS_RESP_SUCCESS,
            msg: String::new(),
        };
        assert_eq!(hex::encode(success.encode()), "c3010080");
        // ICON writes msg with writeNullable: null reads as "".
        assert_eq!(
            CallResponse::decode(&hex::decode("c40100f800").unwrap()).unwrap(),
            success
        );
        let btp_error = CallResponse {
            sn: 300,
            code: CS_RESP_BTP_ERROR,
            msg: "no".into(),
        };
        assert_eq!(hex::encode(btp_error.encode()), "c882012c81fe826e6f");
        let message = CallServiceMessage::Response(btp_error);
        assert_eq!(hex::encode(message.encode()), "cb0289c882012c81fe826e6f");
        assert_eq!(
            CallServiceMessage::decode(&message.encode()).unwrap(),
            message
        );
    }

    #[test]
    fn unknown_types_and_malformed_bytes_are_refused() {
        // [3, ""]
        assert_eq!(
            CallServiceMessage::decode(&hex::decode("c20380").unwrap()).unwrap_err(),
            CallMessageError::UnknownType { msg_type: 3 }
        );
        assert!(matches!(
            CallServiceMessage::decode(b"garbage").unwrap_err(),
            CallMessageError::Rlp { .. }
        ));
        // A request whose sn does not fit i64.
        let huge = ListEncoder::new()
            .push("a")
            .push("b")
            .push(&u128::MAX)
            .push(&false)
            .push(&b""[..])
            .finish();
        assert!(matches!(
            CallRequest::decode(&huge).unwrap_err(),
            CallMessageError::Rlp { .. }
        ));
    }
}
