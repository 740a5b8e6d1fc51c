//! The binary inputs of `update_client` and `submit_misbehaviour`: ibc-go's
//! 07-tendermint `Header` and `Misbehaviour` protobuf messages, decoded into
//! `tendermint` domain types (which check their own invariants on the way).

use btp_types::msg::verifier_tendermint::ConsensusState;
use cosmwasm_std::{Binary, Timestamp};
use prost::Message;
use tendermint::block::signed_header::SignedHeader;
use tendermint::validator::Set as ValidatorSet;
use tendermint_proto::v0_38::types::{
    SignedHeader as RawSignedHeader, ValidatorSet as RawValidatorSet,
};

use crate::error::ContractError;

/// `ibc.core.client.v1.Height`.
#[derive(Clone, PartialEq, Message)]
pub struct RawHeight {
    /// The chain's revision (the number after the last dash of its id).
    #[prost(uint64, tag = "1")]
    pub revision_number: u64,
    /// The block height within the revision.
    #[prost(uint64, tag = "2")]
    pub revision_height: u64,
}

/// `ibc.lightclients.tendermint.v1.Header`.
#[derive(Clone, PartialEq, Message)]
pub struct RawHeader {
    /// The header and the commit that signs it.
    #[prost(message, optional, tag = "1")]
    pub signed_header: Option<RawSignedHeader>,
    /// The validators of the header's height.
    #[prost(message, optional, tag = "2")]
    pub validator_set: Option<RawValidatorSet>,
    /// The height of the trusted consensus state to verify against.
    #[prost(message, optional, tag = "3")]
    pub trusted_height: Option<RawHeight>,
    /// The trusted header's next validators (absent: the same as `validator_set`).
    #[prost(message, optional, tag = "4")]
    pub trusted_validators: Option<RawValidatorSet>,
}

/// `ibc.lightclients.tendermint.v1.Misbehaviour`.
#[derive(Clone, PartialEq, Message)]
pub struct RawMisbehaviour {
    /// Deprecated in ibc-go and ignored here.
    #[prost(string, tag = "1")]
    pub client_id: String,
    /// The header at the greater or equal height.
    #[prost(message, optional, tag = "2")]
    pub header_1: Option<RawHeader>,
    /// The other header.
    #[prost(message, optional, tag = "3")]
    pub header_2: Option<RawHeader>,
}

/// A decoded header, ready for the light client.
#[derive(Clone, Debug)]
pub struct Header {
    /// The header and its commit.
    pub signed_header: SignedHeader,
    /// The header's validators.
    pub validator_set: ValidatorSet,
    /// `trusted_height.revision_number`.
    pub trusted_revision: u64,
    /// `trusted_height.revision_height`.
    pub trusted_height: u64,
    /// The trusted header's next validators, when given apart from `validator_set`.
    pub trusted_validators: Option<ValidatorSet>,
}

impl Header {
    /// Decodes the protobuf bytes of `update_client`.
    pub fn decode(bytes: &Binary) -> Result<Self, ContractError> {
        let raw = RawHeader::decode(bytes.as_slice()).map_err(ContractError::malformed_header)?;
        Self::try_from(raw)
    }

    /// The header's height.
    pub fn height(&self) -> u64 {
        self.signed_header.header.height.value()
    }

    /// The validator set the trusted header named as its next one.
    pub fn trusted_validators(&self) -> &ValidatorSet {
        self.trusted_validators
            .as_ref()
            .unwrap_or(&self.validator_set)
    }

    /// The consensus state the client trusts once the header is verified.
    pub fn consensus_state(&self) -> Result<ConsensusState, ContractError> {
        let header = &self.signed_header.header;
        Ok(ConsensusState {
            timestamp: timestamp_of(header.time)?,
            app_hash: Binary::from(header.app_hash.as_bytes()),
            next_validators_hash: Binary::from(header.next_validators_hash.as_bytes()),
        })
    }
}

impl TryFrom<RawHeader> for Header {
    type Error = ContractError;

    fn try_from(raw: RawHeader) -> Result<Self, ContractError> {
        let missing = |field: &str| ContractError::malformed_header(format!("{field} is missing"));
        let signed_header =
            SignedHeader::try_from(raw.signed_header.ok_or_else(|| missing("signed_header"))?)
                .map_err(|err| ContractError::malformed_header(format!("signed_header: {err}")))?;
        let validator_set = decode_validator_set(
            "validator_set",
            raw.validator_set.ok_or_else(|| missing("validator_set"))?,
        )?;
        let trusted_height = raw
            .trusted_height
            .ok_or_else(|| missing("trusted_height"))?;
        let trusted_validators = raw
            .trusted_validators
            .map(|set| decode_validator_set("trusted_validators", set))
            .transpose()?;
        Ok(Self {
            signed_header,
            validator_set,
            trusted_revision: trusted_height.revision_number,
            trusted_height: trusted_height.revision_height,
            trusted_validators,
        })
    }
}

fn decode_validator_set(field: &str, raw: RawValidatorSet) -> Result<ValidatorSet, ContractError> {
    if raw.validators.is_empty() {
        return Err(ContractError::malformed_header(format!(
            "{field} has no validator"
        )));
    }
    ValidatorSet::try_from(raw)
        .map_err(|err| ContractError::malformed_header(format!("{field}: {err}")))
}

/// Two headers offered as evidence of misbehaviour.
#[derive(Clone, Debug)]
pub struct Misbehaviour {
    /// The header at the greater or equal height.
    pub header_1: Header,
    /// The other header.
    pub header_2: Header,
}

impl Misbehaviour {
    /// Decodes the protobuf bytes of `submit_misbehaviour`.
    pub fn decode(bytes: &Binary) -> Result<Self, ContractError> {
        let malformed = |reason: String| ContractError::MalformedMisbehaviour { reason };
        let raw =
            RawMisbehaviour::decode(bytes.as_slice()).map_err(|err| malformed(err.to_string()))?;
        let header = |name: &str, raw: Option<RawHeader>| {
            let raw = raw.ok_or_else(|| malformed(format!("{name} is missing")))?;
            Header::try_from(raw).map_err(|err| malformed(format!("{name}: {err}")))
        };
        Ok(Self {
            header_1: header("header_1", raw.header_1)?,
            header_2: header("header_2", raw.header_2)?,
        })
    }
}

/// A CometBFT time as a CosmWasm timestamp; times before 1970 are refused.
pub fn timestamp_of(time: tendermint::Time) -> Result<Timestamp, ContractError> {
    u64::try_from(time.unix_timestamp_nanos())
        .map(Timestamp::from_nanos)
        .map_err(|_| ContractError::malformed_header(format!("time {time} is before 1970")))
}

/// A CosmWasm timestamp as a CometBFT time.
pub fn time_of(timestamp: Timestamp) -> Result<tendermint::Time, ContractError> {
    let invalid = || ContractError::HeaderVerification {
        reason: format!("time {timestamp} is out of CometBFT's range"),
    };
    let seconds = i64::try_from(timestamp.seconds()).map_err(|_| invalid())?;
    let nanos = u32::try_from(timestamp.subsec_nanos()).map_err(|_| invalid())?;
    tendermint::Time::from_unix_timestamp(seconds, nanos).map_err(|_| invalid())
}
