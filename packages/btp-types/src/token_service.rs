//! The token transfer service's messages (`svc = "bts"`), as BTP's token
//! service writes them: `[service_type, data]`, where `data` is a byte string
//! holding the RLP encoding of the typed message.

use cosmwasm_std::Uint128;

use crate::message::{rlp_error, CodecError};
use crate::rlp::{self, ListEncoder};

/// The service name of the token transfer service.
pub const TOKEN_SERVICE: &str = "bts";

/// Service type of a transfer request.
pub const SERVICE_TYPE_TRANSFER: u64 = 0;
/// Service type of the response to a transfer request.
pub const SERVICE_TYPE_RESPONSE: u64 = 2;

/// Response code of a transfer that completed.
pub const RESPONSE_OK: u32 = 0;
/// Response code of a transfer that was refused (the refund follows).
pub const RESPONSE_ERROR: u32 = 1;

/// One coin of a transfer: `[coin_name, amount]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// The coin's name as both chains registered it.
    pub coin_name: String,
    /// The amount, net of fees, to deliver.
    pub amount: Uint128,
}

/// A transfer request: `[from, to, [[coin_name, amount], ...]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferRequest {
    /// The sender's account on the source chain.
    pub from: String,
    /// The receiver's account on the destination chain.
    pub to: String,
    /// The coins, at least one.
    pub assets: Vec<Asset>,
}

/// The answer to a transfer request: `[code, message]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferResponse {
    /// [`RESPONSE_OK`] or [`RESPONSE_ERROR`].
    pub code: u32,
    /// Why it failed, or empty.
    pub message: String,
}

/// A message of the token transfer service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenServiceMessage {
    /// Type 0: move coins to the receiver.
    Transfer(TransferRequest),
    /// Type 2: the outcome of a transfer request.
    Response(TransferResponse),
}

impl TokenServiceMessage {
    /// The service type number on the wire.
    pub fn service_type(&self) -> u64 {
        match self {
            Self::Transfer(_) => SERVICE_TYPE_TRANSFER,
            Self::Response(_) => SERVICE_TYPE_RESPONSE,
        }
    }

    /// The RLP bytes of `[service_type, data]`.
    pub fn encode(&self) -> Vec<u8> {
        let data = match self {
            Self::Transfer(request) => {
                let assets = request
                    .assets
                    .iter()
                    .fold(ListEncoder::new(), |list, asset| {
                        list.push_raw(
                            &ListEncoder::new()
                                .push(asset.coin_name.as_str())
                                .push(&asset.amount)
                                .finish(),
                        )
                    })
                    .finish();
                ListEncoder::new()
                    .push(request.from.as_str())
                    .push(request.to.as_str())
                    .push_raw(&assets)
                    .finish()
            }
            Self::Response(response) => ListEncoder::new()
                .push(&response.code)
                .push(response.message.as_str())
                .finish(),
        };
        ListEncoder::new()
            .push(&self.service_type())
            .push(&data)
            .finish()
    }

    /// Reads `[service_type, data]` and the typed message inside `data`.
    pub fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let err = rlp_error("token service message");
        let item = rlp::decode(bytes).map_err(&err)?;
        let mut fields = item.list().map_err(&err)?;
        let service_type: u64 = fields.next().map_err(&err)?;
        let data: Vec<u8> = fields.next().map_err(&err)?;
        let inner = rlp::decode(&data).map_err(&err)?;
        let mut fields = inner.list().map_err(&err)?;
        match service_type {
            SERVICE_TYPE_TRANSFER => {
                let from: String = fields.next().map_err(&err)?;
                let to: String = fields.next().map_err(&err)?;
                let mut list = fields.next_item().list().map_err(&err)?;
                let mut assets = Vec::with_capacity(list.len());
                for _ in 0..list.len() {
                    let mut asset = list.next_item().list().map_err(&err)?;
                    assets.push(Asset {
                        coin_name: asset.next().map_err(&err)?,
                        amount: asset.next().map_err(&err)?,
                    });
                }
                if assets.is_empty() {
                    return Err(CodecError::NoAssets);
                }
                Ok(Self::Transfer(TransferRequest { from, to, assets }))
            }
            SERVICE_TYPE_RESPONSE => Ok(Self::Response(TransferResponse {
                code: fields.next().map_err(&err)?,
                message: fields.next().map_err(&err)?,
            })),
            service_type => Err(CodecError::UnknownServiceType { service_type }),
        }
    }
}
