//! ibc-go's light-client header, as the verifier's `update_client` takes it,
//! and the revision number of a chain id. The relayer builds and compacts
//! these headers from real nodes; the test harness builds them from its
//! simulated chains. Both use this crate so that the relayer does not depend
//! on the harness.

use prost::Message;
use tendermint_proto::v0_38::types::{SignedHeader, ValidatorSet};

/// `ibc.core.client.v1.Height`.
#[derive(Clone, Copy, PartialEq, Eq, Message)]
pub struct IbcHeight {
    /// The revision, read from the chain id as ibc-go reads it ([`revision_number`]).
    #[prost(uint64, tag = "1")]
    pub revision_number: u64,
    /// The block height.
    #[prost(uint64, tag = "2")]
    pub revision_height: u64,
}

/// `ibc.lightclients.tendermint.v1.Header`, the input of the verifier's
/// `update_client`.
#[derive(Clone, PartialEq, Message)]
pub struct IbcHeader {
    /// The header and the commit that signs it.
    #[prost(message, optional, tag = "1")]
    pub signed_header: Option<SignedHeader>,
    /// The validators of the header's height.
    #[prost(message, optional, tag = "2")]
    pub validator_set: Option<ValidatorSet>,
    /// The trusted height to verify from.
    #[prost(message, optional, tag = "3")]
    pub trusted_height: Option<IbcHeight>,
    /// The trusted header's next validators.
    #[prost(message, optional, tag = "4")]
    pub trusted_validators: Option<ValidatorSet>,
}

/// The revision number ibc-go reads from a chain id: the number after the
/// last dash when the id has the form `{name}-{n}` with `n` > 0 without a
/// leading zero, and 0 otherwise (ibc-go's `ParseChainID`). The light client
/// (`verifier-tendermint`) reads it the same way; a test of the harness
/// (`packages/testing`) compares them.
pub fn revision_number(chain_id: &str) -> u64 {
    let Some((name, digits)) = chain_id.rsplit_once('-') else {
        return 0;
    };
    let well_formed = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
        && !name.contains('\n')
        && name.chars().next_back().is_some_and(|c| c != '-');
    if !well_formed {
        return 0;
    }
    digits.parse().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_are_read_as_ibc_go_reads_them() {
        assert_eq!(revision_number("osmo-test-5"), 5);
        assert_eq!(revision_number("btp-a"), 0);
        assert_eq!(revision_number("chain-01"), 0);
        assert_eq!(revision_number("chain--1"), 0);
        assert_eq!(revision_number("chain"), 0);
        assert_eq!(revision_number("a-18446744073709551615"), u64::MAX);
    }

    #[test]
    fn a_header_round_trips_through_its_encoding() {
        let header = IbcHeader {
            signed_header: None,
            validator_set: None,
            trusted_height: Some(IbcHeight {
                revision_number: 1,
                revision_height: 42,
            }),
            trusted_validators: None,
        };
        let decoded = IbcHeader::decode(header.encode_to_vec().as_slice()).unwrap();
        assert_eq!(decoded, header);
        assert_eq!(decoded.trusted_height.unwrap().revision_height, 42);
    }
}
