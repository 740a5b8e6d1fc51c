//! Blocks of a simulated chain: CometBFT 0.38 headers signed by the
//! simulated validators, and ibc-go's `Header` message that carries one to
//! the light client.

use btp_types::msg::verifier_tendermint::ConsensusState;
use cosmwasm_std::{Binary, Timestamp};
use prost::Message;
use tendermint::block::header::Version;
use tendermint::block::signed_header::SignedHeader;
use tendermint::block::{self, parts, CommitSig, Round};
use tendermint::hash::Hash as TmHash;
use tendermint::vote::{self, ValidatorIndex, Vote};
use tendermint::{chain, validator, AppHash, Time};
use tendermint_proto::v0_38::types::{CommitSig as RawCommitSig, HashedParams};

use verifier_tendermint::light_client::revision_number;

use super::merkle::{sha256, Hash};
use super::validators::SimulatedValidatorSet;

/// CometBFT 0.38's block protocol version.
const BLOCK_PROTOCOL: u64 = 11;
/// CometBFT's default consensus parameters that a header commits to
/// (`consensus_hash`): 21 MiB blocks, no gas limit.
const BLOCK_MAX_BYTES: i64 = 22_020_096;
const BLOCK_MAX_GAS: i64 = -1;

// The header messages are shared with the relayer (packages/cometbft-header).
pub use cometbft_header::{IbcHeader, IbcHeight};

/// A signed header with the validator sets a light client needs: what a
/// CometBFT node's `/commit` and `/validators` answer for one height.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LightBlock {
    /// The header and the commit that signs it.
    pub signed_header: SignedHeader,
    /// The validators that signed it.
    pub validators: validator::Set,
    /// The validators that sign the next block (the header's `next_validators_hash`).
    pub next_validators: validator::Set,
}

/// What a new block is made of.
pub(super) struct BlockContent<'a> {
    pub chain_id: &'a chain::Id,
    pub height: u64,
    pub time: Timestamp,
    /// The block before, absent for the chain's first block.
    pub previous: Option<&'a SignedHeader>,
    /// The root of the state after the block before.
    pub app_hash: Hash,
    pub validators: &'a SimulatedValidatorSet,
    pub next_validators: &'a SimulatedValidatorSet,
}

impl LightBlock {
    /// The block of `content`, signed by all of its validators.
    pub(super) fn sign(content: BlockContent<'_>) -> Self {
        let BlockContent {
            chain_id,
            height,
            time,
            previous,
            app_hash,
            validators,
            next_validators,
        } = content;
        let time = tendermint_time(time);
        let validator_set = validators.to_tendermint(height);
        let next_validator_set = next_validators.to_tendermint(height + 1);
        // Blocks carry no transactions, evidence or results here: their
        // hashes are CometBFT's hash of an empty list.
        let empty = simple_hash(&[]);
        let header = block::Header {
            version: Version {
                block: BLOCK_PROTOCOL,
                app: 0,
            },
            chain_id: chain_id.clone(),
            height: block::Height::try_from(height).expect("heights fit CometBFT's"),
            time,
            last_block_id: previous.map(|previous| previous.commit.block_id),
            last_commit_hash: Some(
                previous.map_or(empty, |previous| commit_hash(&previous.commit)),
            ),
            data_hash: Some(empty),
            validators_hash: validator_set.hash(),
            next_validators_hash: next_validator_set.hash(),
            consensus_hash: consensus_params_hash(),
            app_hash: AppHash::try_from(app_hash.to_vec()).expect("any bytes are an app hash"),
            last_results_hash: Some(empty),
            evidence_hash: Some(empty),
            proposer_address: validators.proposer(height).address(),
        };
        let header_hash = header.hash();
        let block_id = block::Id {
            hash: header_hash,
            // The simulated chain has no block bodies to cut into parts:
            // one part stands for the block.
            part_set_header: parts::Header::new(1, header_hash).expect("one part with a hash"),
        };
        let signatures = validator_set
            .validators()
            .iter()
            .enumerate()
            .map(|(index, info)| {
                let signer = validators
                    .by_address(info.address)
                    .expect("the set's validators are the simulated ones");
                let vote = Vote {
                    vote_type: vote::Type::Precommit,
                    height: header.height,
                    round: Round::default(),
                    block_id: Some(block_id),
                    timestamp: Some(time),
                    validator_address: info.address,
                    validator_index: ValidatorIndex::try_from(index).expect("small validator sets"),
                    signature: None,
                    extension: Vec::new(),
                    extension_signature: None,
                };
                let sign_bytes = vote.into_signable_vec(chain_id.clone());
                CommitSig::BlockIdFlagCommit {
                    validator_address: info.address,
                    timestamp: time,
                    signature: Some(signer.sign(&sign_bytes)),
                }
            })
            .collect();
        let commit = block::Commit {
            height: header.height,
            round: Round::default(),
            block_id,
            signatures,
        };
        Self {
            signed_header: SignedHeader::new(header, commit).expect("the commit signs the header"),
            validators: validator_set,
            next_validators: next_validator_set,
        }
    }

    /// The block's height.
    pub fn height(&self) -> u64 {
        self.signed_header.header.height.value()
    }

    /// The block's time.
    pub fn time(&self) -> Timestamp {
        let nanos = self.signed_header.header.time.unix_timestamp_nanos();
        Timestamp::from_nanos(u64::try_from(nanos).expect("simulated blocks are after 1970"))
    }

    /// The header's app hash: the root of the state after the block before.
    pub fn app_hash(&self) -> &[u8] {
        self.signed_header.header.app_hash.as_bytes()
    }

    /// What a light client trusts once it has verified this block.
    pub fn consensus_state(&self) -> ConsensusState {
        ConsensusState {
            timestamp: self.time(),
            app_hash: Binary::from(self.app_hash()),
            next_validators_hash: Binary::from(
                self.signed_header.header.next_validators_hash.as_bytes(),
            ),
        }
    }

    /// The same block with the signatures of the validators `keep` refuses
    /// marked absent, as if they had not voted: a header signed by less
    /// voting power.
    pub fn with_signers(&self, keep: impl Fn(&validator::Info) -> bool) -> Self {
        let mut block = self.clone();
        for (signature, validator) in block
            .signed_header
            .commit
            .signatures
            .iter_mut()
            .zip(self.validators.validators())
        {
            if !keep(validator) {
                *signature = CommitSig::BlockIdFlagAbsent;
            }
        }
        block
    }

    /// ibc-go's `Header` of this block for a light client that trusts the
    /// header at `trusted_height`, whose next validators are `trusted_validators`.
    pub fn ibc_header(
        &self,
        trusted_height: u64,
        trusted_validators: &validator::Set,
    ) -> IbcHeader {
        IbcHeader {
            signed_header: Some(self.signed_header.clone().into()),
            validator_set: Some(self.validators.clone().into()),
            trusted_height: Some(IbcHeight {
                revision_number: revision_number(self.signed_header.header.chain_id.as_str()),
                revision_height: trusted_height,
            }),
            trusted_validators: Some(trusted_validators.clone().into()),
        }
    }

    /// [`Self::ibc_header`], encoded: the `header` of the verifier's `update_client`.
    pub fn update_header(
        &self,
        trusted_height: u64,
        trusted_validators: &validator::Set,
    ) -> Binary {
        Binary::new(
            self.ibc_header(trusted_height, trusted_validators)
                .encode_to_vec(),
        )
    }
}

/// A CosmWasm timestamp as a CometBFT time.
pub(super) fn tendermint_time(timestamp: Timestamp) -> Time {
    let seconds = i64::try_from(timestamp.seconds()).expect("times fit CometBFT's");
    let nanos = u32::try_from(timestamp.subsec_nanos()).expect("less than a second of nanoseconds");
    Time::from_unix_timestamp(seconds, nanos).expect("times fit CometBFT's")
}

/// CometBFT's simple Merkle hash of `items`.
fn simple_hash(items: &[Vec<u8>]) -> TmHash {
    TmHash::Sha256(tendermint::merkle::simple_hash_from_byte_vectors::<
        sha2::Sha256,
    >(items))
}

/// CometBFT's `Commit.Hash()`: the simple hash of the encoded signatures.
fn commit_hash(commit: &block::Commit) -> TmHash {
    let signatures: Vec<Vec<u8>> = commit
        .signatures
        .iter()
        .map(|signature| RawCommitSig::from(signature.clone()).encode_to_vec())
        .collect();
    simple_hash(&signatures)
}

/// CometBFT's `ConsensusParams.Hash()`: SHA-256 of the block size limits.
fn consensus_params_hash() -> TmHash {
    let params = HashedParams {
        block_max_bytes: BLOCK_MAX_BYTES,
        block_max_gas: BLOCK_MAX_GAS,
    };
    TmHash::Sha256(sha256(&[&params.encode_to_vec()]))
}

#[cfg(test)]
mod shared_revision_tests {
    /// The relayer reads revisions with `cometbft_header`; the light client
    /// with its own function: they must agree.
    #[test]
    fn the_relayer_and_the_light_client_read_the_same_revision() {
        for chain_id in [
            "btp-a",
            "osmo-test-5",
            "pion-1",
            "chain-01",
            "chain--1",
            "x-0",
            "a-18446744073709551615",
            "a-18446744073709551616",
        ] {
            assert_eq!(
                cometbft_header::revision_number(chain_id),
                verifier_tendermint::light_client::revision_number(chain_id),
                "{chain_id}"
            );
        }
    }
}
