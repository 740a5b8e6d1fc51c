//! Helpers for tests and the gas benchmark (feature `test-utils`): real chain
//! data from `tests/fixtures` (see its SOURCES.md) turned into the contract's
//! messages. Not part of the contract.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::path::PathBuf;

use btp_types::msg::verifier_tendermint::{
    ClientState, ConsensusState, ExecuteMsg, InstantiateMsg, ProofSpec, TrustThreshold,
};
use cosmwasm_std::{Binary, Timestamp};
use prost::Message;
use serde::Deserialize;
use tendermint::block::signed_header::SignedHeader;
use tendermint::validator::{Info, Set as ValidatorSet};
use tendermint_proto::v0_38::types::{
    SignedHeader as RawSignedHeader, ValidatorSet as RawValidatorSet,
};

use crate::header::{timestamp_of, RawHeader, RawHeight, RawMisbehaviour};
use crate::light_client::revision_number;

/// Two weeks, as many Cosmos chains' IBC clients.
pub const TRUSTING_PERIOD_SECS: u64 = 14 * 24 * 3600;
/// Three weeks, the Cosmos SDK's default unbonding period.
pub const UNBONDING_PERIOD_SECS: u64 = 21 * 24 * 3600;
/// Ten seconds.
pub const MAX_CLOCK_DRIFT_SECS: u64 = 10;

/// A file under `tests/fixtures`.
pub fn fixture_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

/// A fixture's text.
pub fn read_fixture(relative: &str) -> String {
    std::fs::read_to_string(fixture_path(relative))
        .unwrap_or_else(|err| panic!("reading fixture {relative}: {err}"))
}

/// A header with the validators that signed it, and the next ones when known.
#[derive(Clone, Debug)]
pub struct LightBlock {
    /// The header and its commit.
    pub signed_header: SignedHeader,
    /// The validators at the header's height.
    pub validators: ValidatorSet,
    /// The validators at the next height, when the fixture has them.
    pub next_validators: Option<ValidatorSet>,
}

#[derive(Deserialize)]
struct CommitAnswer {
    signed_header: SignedHeader,
}

#[derive(Deserialize)]
struct ValidatorsAnswer {
    validators: Vec<Info>,
}

#[derive(Deserialize)]
struct JsonRpc<T> {
    result: T,
}

#[derive(Deserialize)]
struct SavedLightBlock {
    signed_header: SignedHeader,
    validator_set: ValidatorSet,
    next_validator_set: ValidatorSet,
}

/// `cometbft-archway-injective-torii/<case>/{commit,validators}.<n>.json`.
pub fn archway_block(case: &str, n: u32) -> LightBlock {
    let dir = format!("cometbft-archway-injective-torii/{case}");
    let commit: CommitAnswer =
        serde_json::from_str(&read_fixture(&format!("{dir}/commit.{n}.json"))).unwrap();
    let validators: ValidatorsAnswer =
        serde_json::from_str(&read_fixture(&format!("{dir}/validators.{n}.json"))).unwrap();
    LightBlock {
        signed_header: commit.signed_header,
        validators: ValidatorSet::without_proposer(validators.validators),
        next_validators: None,
    }
}

/// `cometbft-celestia/block_<height>.json` (mocha-4, 100 validators).
pub fn celestia_block(height: u64) -> LightBlock {
    let block: SavedLightBlock = serde_json::from_str(&read_fixture(&format!(
        "cometbft-celestia/block_{height}.json"
    )))
    .unwrap();
    LightBlock {
        signed_header: block.signed_header,
        validators: block.validator_set,
        next_validators: Some(block.next_validator_set),
    }
}

/// `cometbft-celestia/<dir>/` (`bench-1`, `bench-2`: Celestia mainnet, 100 validators).
pub fn celestia_rpc_block(dir: &str) -> LightBlock {
    let read = |file: &str| read_fixture(&format!("cometbft-celestia/{dir}/{file}"));
    let commit: JsonRpc<CommitAnswer> = serde_json::from_str(&read("signed_header.json")).unwrap();
    let validators: JsonRpc<ValidatorsAnswer> =
        serde_json::from_str(&read("validators.json")).unwrap();
    let next: JsonRpc<ValidatorsAnswer> =
        serde_json::from_str(&read("next_validators.json")).unwrap();
    LightBlock {
        signed_header: commit.result.signed_header,
        validators: ValidatorSet::without_proposer(validators.result.validators),
        next_validators: Some(ValidatorSet::without_proposer(next.result.validators)),
    }
}

impl LightBlock {
    /// The header's height.
    pub fn height(&self) -> u64 {
        self.signed_header.header.height.value()
    }

    /// The header's time.
    pub fn time(&self) -> Timestamp {
        timestamp_of(self.signed_header.header.time).unwrap()
    }

    /// The chain id.
    pub fn chain_id(&self) -> String {
        self.signed_header.header.chain_id.to_string()
    }

    /// What a client trusting this header stores.
    pub fn consensus_state(&self) -> ConsensusState {
        let header = &self.signed_header.header;
        ConsensusState {
            timestamp: self.time(),
            app_hash: Binary::from(header.app_hash.as_bytes()),
            next_validators_hash: Binary::from(header.next_validators_hash.as_bytes()),
        }
    }

    /// A client state of this chain with this header as its latest.
    pub fn client_state(&self) -> ClientState {
        ClientState {
            chain_id: self.chain_id(),
            trust_level: TrustThreshold::ONE_THIRD,
            trusting_period_secs: TRUSTING_PERIOD_SECS,
            unbonding_period_secs: UNBONDING_PERIOD_SECS,
            max_clock_drift_secs: MAX_CLOCK_DRIFT_SECS,
            latest_height: self.height(),
            frozen_height: None,
            proof_specs: ProofSpec::cosmos_sdk(),
        }
    }

    /// Instantiates a client that trusts this header.
    pub fn instantiate_msg(&self) -> InstantiateMsg {
        InstantiateMsg {
            owner: None,
            client_state: self.client_state(),
            consensus_state: self.consensus_state(),
        }
    }

    /// The ibc-go `Header` protobuf of this block, verified against
    /// `trusted` with `trusted_validators` (its next validators).
    pub fn raw_header(
        &self,
        trusted_height: u64,
        trusted_validators: Option<&ValidatorSet>,
    ) -> RawHeader {
        RawHeader {
            signed_header: Some(RawSignedHeader::from(self.signed_header.clone())),
            validator_set: Some(RawValidatorSet::from(self.validators.clone())),
            trusted_height: Some(RawHeight {
                revision_number: revision_number(self.signed_header.header.chain_id.as_str()),
                revision_height: trusted_height,
            }),
            trusted_validators: trusted_validators.map(|set| RawValidatorSet::from(set.clone())),
        }
    }

    /// [`Self::raw_header`], encoded.
    pub fn header(&self, trusted_height: u64, trusted_validators: Option<&ValidatorSet>) -> Binary {
        Binary::new(
            self.raw_header(trusted_height, trusted_validators)
                .encode_to_vec(),
        )
    }

    /// This block with the signatures a light client does not need marked
    /// absent: only the most powerful signers, until more than 2/3 of the
    /// power has signed, remain (what a relayer may send to save bytes; the
    /// signatures are not part of the header's hash). When the trusted set
    /// differs, 2/3 of this set may not be 1/3 of the trusted one: use it
    /// only over a trusted set equal to this one.
    pub fn trimmed(&self) -> Self {
        let mut block = self.clone();
        let total = block.validators.total_voting_power().value();
        let mut signed: u64 = 0;
        for slot in block.signed_header.commit.signatures.iter_mut() {
            let enough = signed * 3 > total * 2;
            let power = slot
                .validator_address()
                .filter(|_| slot.is_commit())
                .and_then(|address| block.validators.validator(address))
                .map(|validator| validator.power());
            match power {
                Some(power) if !enough => signed += power,
                _ => *slot = tendermint::block::CommitSig::BlockIdFlagAbsent,
            }
        }
        block
    }

    /// `update_client` with this block over `trusted`, whose next validators
    /// are `trusted_validators`.
    pub fn update_msg(&self, trusted_height: u64, trusted_validators: &ValidatorSet) -> ExecuteMsg {
        ExecuteMsg::UpdateClient {
            header: self.header(trusted_height, Some(trusted_validators)),
        }
    }
}

/// `submit_misbehaviour` with two encoded headers.
pub fn misbehaviour_msg(header_1: RawHeader, header_2: RawHeader) -> ExecuteMsg {
    ExecuteMsg::SubmitMisbehaviour {
        misbehaviour: Binary::new(
            RawMisbehaviour {
                client_id: String::new(),
                header_1: Some(header_1),
                header_2: Some(header_2),
            }
            .encode_to_vec(),
        ),
    }
}

/// The Nyx mainnet proof of `0x03 ‖ mixnet contract ‖ "admin"` in the `wasm` store.
pub struct NyxProof {
    /// The query height (the IAVL version).
    pub query_height: u64,
    /// The height whose app hash the proof reaches (`query_height + 1`).
    pub header_height: u64,
    /// The `wasm` store key.
    pub key: Vec<u8>,
    /// The stored value.
    pub value: Vec<u8>,
    /// The app hash of header `header_height`.
    pub app_hash: Vec<u8>,
    /// ibc-go's `MerkleProof` of both layers, encoded.
    pub merkle_proof: Vec<u8>,
}

/// Reads `wasm-store-proof/nyx-mixnet-admin.json`.
pub fn nyx_proof() -> NyxProof {
    use prost_ics23::Message as _;
    let json: serde_json::Value =
        serde_json::from_str(&read_fixture("wasm-store-proof/nyx-mixnet-admin.json")).unwrap();
    let hex_field = |name: &str| hex::decode(json[name].as_str().unwrap()).unwrap();
    let iavl = ics23::CommitmentProof::decode(hex_field("iavl_proof").as_slice()).unwrap();
    let simple = ics23::CommitmentProof::decode(hex_field("simple_proof").as_slice()).unwrap();
    assert_eq!(hex_field("simple_key"), b"wasm");
    NyxProof {
        query_height: json["query_height"].as_u64().unwrap(),
        header_height: json["app_hash_from_header_height"].as_u64().unwrap(),
        key: hex_field("key"),
        value: hex_field("value"),
        app_hash: hex_field("app_hash"),
        merkle_proof: crate::membership::MerkleProof {
            proofs: vec![iavl, simple],
        }
        .encode_to_vec(),
    }
}
