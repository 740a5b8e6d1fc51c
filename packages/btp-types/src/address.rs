//! Network addresses (`<nid>.<system>`) and BTP addresses (`btp://<network>/<account>`).
//!
//! Both are parsed once, at the edge, into validated types: every later use
//! can rely on the shape, and a malformed address is rejected with the reason.

use std::fmt;
use std::str::FromStr;

use schemars::gen::SchemaGenerator;
use schemars::schema::{InstanceType, Metadata, Schema, SchemaObject};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Longest accepted network address, in bytes.
pub const MAX_NETWORK_ADDRESS_LEN: usize = 128;
/// Longest accepted account part of a BTP address, in bytes.
pub const MAX_ACCOUNT_LEN: usize = 256;
/// The system name of Cosmos chains: `<chain-id>.cosmos`.
pub const COSMOS_SYSTEM: &str = "cosmos";
const BTP_SCHEME: &str = "btp://";

/// Why an address was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("network address {address:?} has no '.' separating network id and system (expected <nid>.<system>, e.g. \"pion-1.cosmos\")")]
    MissingSystem { address: String },
    #[error("network address {address:?} has an empty network id")]
    EmptyNetworkId { address: String },
    #[error("network address {address:?} has an empty system name")]
    EmptySystem { address: String },
    #[error("network address is {len} bytes long; at most {max} are accepted")]
    NetworkTooLong { len: usize, max: usize },
    #[error("network address {address:?} contains {character:?}; only ASCII letters, digits, '-', '_' and '.' (in the network id) are accepted")]
    InvalidNetworkCharacter { address: String, character: char },
    #[error("BTP address {address:?} does not start with \"btp://\"")]
    MissingScheme { address: String },
    #[error("BTP address {address:?} has no '/' between network and account")]
    MissingAccount { address: String },
    #[error("BTP address {address:?} has an empty account")]
    EmptyAccount { address: String },
    #[error("account is {len} bytes long; at most {max} are accepted")]
    AccountTooLong { len: usize, max: usize },
    #[error("account {account:?} contains {character:?}; only printable ASCII other than '/' is accepted")]
    InvalidAccountCharacter { account: String, character: char },
}

/// A validated BTP network address, `<nid>.<system>`, split at the last dot
/// (so a network id may itself contain dots; the system may not).
///
/// Serialised to JSON as the plain string.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NetworkAddress(String);

impl NetworkAddress {
    /// Parses and validates a network address.
    pub fn parse(address: &str) -> Result<Self, AddressError> {
        if address.len() > MAX_NETWORK_ADDRESS_LEN {
            return Err(AddressError::NetworkTooLong {
                len: address.len(),
                max: MAX_NETWORK_ADDRESS_LEN,
            });
        }
        let (nid, system) =
            address
                .rsplit_once('.')
                .ok_or_else(|| AddressError::MissingSystem {
                    address: address.to_string(),
                })?;
        if nid.is_empty() {
            return Err(AddressError::EmptyNetworkId {
                address: address.to_string(),
            });
        }
        if system.is_empty() {
            return Err(AddressError::EmptySystem {
                address: address.to_string(),
            });
        }
        let invalid = nid
            .chars()
            .find(|c| !is_network_id_char(*c))
            .or_else(|| system.chars().find(|c| !is_system_char(*c)));
        if let Some(character) = invalid {
            return Err(AddressError::InvalidNetworkCharacter {
                address: address.to_string(),
                character,
            });
        }
        Ok(Self(address.to_string()))
    }

    /// The network address of a Cosmos chain: `<chain_id>.cosmos`.
    pub fn cosmos(chain_id: &str) -> Result<Self, AddressError> {
        Self::parse(&format!("{chain_id}.{COSMOS_SYSTEM}"))
    }

    /// The network id, everything before the last dot.
    pub fn network_id(&self) -> &str {
        self.0.rsplit_once('.').map_or("", |(nid, _)| nid)
    }

    /// The system name, everything after the last dot.
    pub fn system(&self) -> &str {
        self.0.rsplit_once('.').map_or("", |(_, system)| system)
    }

    /// The address as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_network_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

fn is_system_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_')
}

impl fmt::Display for NetworkAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for NetworkAddress {
    type Err = AddressError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for NetworkAddress {
    type Error = AddressError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<NetworkAddress> for String {
    fn from(value: NetworkAddress) -> Self {
        value.0
    }
}

/// A validated BTP address, `btp://<network address>/<account>`.
///
/// The account is kept as written: its format belongs to the other chain
/// (bech32, hex, ICON `hx…`), so only its framing is checked here.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BtpAddress {
    network: NetworkAddress,
    account: String,
}

impl BtpAddress {
    /// Parses and validates a BTP address.
    pub fn parse(address: &str) -> Result<Self, AddressError> {
        let rest = address
            .strip_prefix(BTP_SCHEME)
            .ok_or_else(|| AddressError::MissingScheme {
                address: address.to_string(),
            })?;
        let (network, account) =
            rest.split_once('/')
                .ok_or_else(|| AddressError::MissingAccount {
                    address: address.to_string(),
                })?;
        if account.is_empty() {
            return Err(AddressError::EmptyAccount {
                address: address.to_string(),
            });
        }
        Self::new(NetworkAddress::parse(network)?, account)
    }

    /// Builds a BTP address from its parts, validating the account.
    pub fn new(network: NetworkAddress, account: &str) -> Result<Self, AddressError> {
        if account.is_empty() {
            return Err(AddressError::EmptyAccount {
                address: format!("{BTP_SCHEME}{network}/"),
            });
        }
        if account.len() > MAX_ACCOUNT_LEN {
            return Err(AddressError::AccountTooLong {
                len: account.len(),
                max: MAX_ACCOUNT_LEN,
            });
        }
        if let Some(character) = account.chars().find(|c| !c.is_ascii_graphic() || *c == '/') {
            return Err(AddressError::InvalidAccountCharacter {
                account: account.to_string(),
                character,
            });
        }
        Ok(Self {
            network,
            account: account.to_string(),
        })
    }

    /// The network part.
    pub fn network(&self) -> &NetworkAddress {
        &self.network
    }

    /// The account part, as the other chain writes it.
    pub fn account(&self) -> &str {
        &self.account
    }
}

impl fmt::Display for BtpAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{BTP_SCHEME}{}/{}", self.network, self.account)
    }
}

impl FromStr for BtpAddress {
    type Err = AddressError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for BtpAddress {
    type Error = AddressError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<BtpAddress> for String {
    fn from(value: BtpAddress) -> Self {
        value.to_string()
    }
}

/// Both address types travel in JSON as plain strings; their schema says so
/// and names the format, since the validation itself cannot be expressed.
fn string_schema(description: &str) -> Schema {
    Schema::Object(SchemaObject {
        instance_type: Some(InstanceType::String.into()),
        metadata: Some(Box::new(Metadata {
            description: Some(description.to_string()),
            ..Default::default()
        })),
        ..Default::default()
    })
}

impl JsonSchema for NetworkAddress {
    fn schema_name() -> String {
        "NetworkAddress".to_string()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        string_schema("A BTP network address, `<nid>.<system>`, e.g. `pion-1.cosmos`.")
    }
}

impl JsonSchema for BtpAddress {
    fn schema_name() -> String {
        "BtpAddress".to_string()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        string_schema("A BTP address, `btp://<network address>/<account>`.")
    }
}
