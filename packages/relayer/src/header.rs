//! Smaller light-client updates. A relayer pays for every byte of
//! `update_client` (about 10 SDK gas each) and the verifier for decoding
//! them; a full 100-validator header is 32 KB. Two things the verifier does
//! not need are left out (BENCHMARKS.md, "Verifier"):
//!
//! - `trusted_validators`, when they are the header's own validator set: the
//!   verifier then checks `validator_set` against the trusted next-validators
//!   hash instead.
//! - the signatures beyond the first that make up more than 2/3 of the
//!   voting power, marked absent (signatures are not part of the header's
//!   hash). Only when the set did not change: a skipping update across a
//!   changed set must also show 1/3 of the trusted set, so everything stays.

use crate::error::{Context, Result};
use cometbft_header::IbcHeader;
use cosmwasm_std::Binary;
use prost::Message;
use tendermint_proto::v0_38::types::{BlockIdFlag, CommitSig, ValidatorSet};

/// `header` (an encoded ibc-go `Header`) with what the verifier does not need
/// left out; unchanged when the validator set changed since the trusted height.
pub fn compact(header: &Binary) -> Result<Binary> {
    let mut header =
        IbcHeader::decode(header.as_slice()).context("decoding the light-client update")?;
    let (Some(validators), Some(trusted)) = (&header.validator_set, &header.trusted_validators)
    else {
        return Ok(Binary::new(header.encode_to_vec()));
    };
    if !same_validators(validators, trusted) {
        return Ok(Binary::new(header.encode_to_vec()));
    }
    let validators = validators.clone();
    header.trusted_validators = None;
    if let Some(commit) = header
        .signed_header
        .as_mut()
        .and_then(|signed| signed.commit.as_mut())
    {
        keep_two_thirds(&mut commit.signatures, &validators);
    }
    Ok(Binary::new(header.encode_to_vec()))
}

/// Whether two sets hash the same: the same keys with the same powers, in
/// the same order (proposer priorities, which change every block, are not hashed).
fn same_validators(a: &ValidatorSet, b: &ValidatorSet) -> bool {
    a.validators.len() == b.validators.len()
        && a.validators.iter().zip(&b.validators).all(|(a, b)| {
            a.address == b.address && a.pub_key == b.pub_key && a.voting_power == b.voting_power
        })
}

/// Marks absent every signature after those that first make up more than
/// 2/3 of the set's power. Signatures are in the set's order.
fn keep_two_thirds(signatures: &mut [CommitSig], validators: &ValidatorSet) {
    let total: i128 = validators
        .validators
        .iter()
        .map(|validator| i128::from(validator.voting_power))
        .sum();
    let mut signed: i128 = 0;
    for (signature, validator) in signatures.iter_mut().zip(&validators.validators) {
        if signed * 3 > total * 2 {
            *signature = absent();
        } else if signature.block_id_flag == BlockIdFlag::Commit as i32 {
            signed += i128::from(validator.voting_power);
        }
    }
}

/// CometBFT's absent vote: no address, the zero time, no signature.
fn absent() -> CommitSig {
    CommitSig {
        block_id_flag: BlockIdFlag::Absent as i32,
        validator_address: vec![],
        timestamp: Some(tendermint_proto::google::protobuf::Timestamp {
            seconds: -62_135_596_800,
            nanos: 0,
        }),
        signature: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use btp_types::msg::verifier_tendermint::ExecuteMsg;
    use cosmwasm_std::Timestamp;
    use cw_multi_test::{App, Executor};
    use testing::chain::validators::SimulatedValidatorSet;
    use testing::chain::SimulatedChain;

    const GENESIS: u64 = 1_700_000_000;

    fn chain(powers: &[u64]) -> SimulatedChain {
        SimulatedChain::new(
            "sim-1",
            SimulatedValidatorSet::with_powers("validator", powers),
            Timestamp::from_seconds(GENESIS),
        )
    }

    fn commit(chain: &mut SimulatedChain) -> u64 {
        let next = chain.latest_height().unwrap_or(0) + 1;
        chain.commit(Vec::new(), Timestamp::from_seconds(GENESIS + 5 * next))
    }

    /// The real verifier, trusting `chain` at `trusted`, takes `header`.
    fn verifier_accepts(
        chain: &SimulatedChain,
        trusted: u64,
        header: Binary,
    ) -> anyhow::Result<()> {
        let mut app = App::default();
        let now = chain
            .light_block(chain.latest_height().unwrap())
            .unwrap()
            .time();
        app.update_block(|block| block.time = now.plus_seconds(1));
        let code = app.store_code(testing::contracts::verifier_tendermint());
        let owner = app.api().addr_make("owner");
        let verifier = app.instantiate_contract(
            code,
            owner.clone(),
            &chain.verifier_instantiate_msg(trusted)?,
            &[],
            "verifier",
            None,
        )?;
        app.execute_contract(owner, verifier, &ExecuteMsg::UpdateClient { header }, &[])?;
        Ok(())
    }

    fn decoded(header: &Binary) -> IbcHeader {
        IbcHeader::decode(header.as_slice()).unwrap()
    }

    fn flags(header: &IbcHeader) -> Vec<i32> {
        let commit = header
            .signed_header
            .as_ref()
            .unwrap()
            .commit
            .as_ref()
            .unwrap();
        commit
            .signatures
            .iter()
            .map(|sig| sig.block_id_flag)
            .collect()
    }

    const COMMIT: i32 = BlockIdFlag::Commit as i32;
    const ABSENT: i32 = BlockIdFlag::Absent as i32;

    #[test]
    fn an_unchanged_set_sends_no_trusted_validators_and_two_thirds_of_the_signatures() {
        let mut chain = chain(&[10, 10, 10, 10]);
        for _ in 0..4 {
            commit(&mut chain);
        }
        let full = chain.update_header(1, 4).unwrap();
        let compacted = compact(&full).unwrap();
        let header = decoded(&compacted);
        assert_eq!(header.trusted_validators, None);
        // 30 of 40 is more than 2/3: the fourth signature is not needed.
        assert_eq!(flags(&header), [COMMIT, COMMIT, COMMIT, ABSENT]);
        assert!(
            compacted.len() * 4 < full.len() * 3,
            "{} of {}",
            compacted.len(),
            full.len()
        );
        verifier_accepts(&chain, 1, compacted).unwrap();
    }

    #[test]
    fn a_validator_with_most_of_the_power_signs_alone() {
        let mut chain = chain(&[70, 10, 10, 10]);
        commit(&mut chain);
        commit(&mut chain);
        let header = compact(&chain.update_header(1, 2).unwrap()).unwrap();
        assert_eq!(flags(&decoded(&header)), [COMMIT, ABSENT, ABSENT, ABSENT]);
        verifier_accepts(&chain, 1, header).unwrap();
    }

    /// Across a changed set, the trusted set must still show 1/3 of its
    /// power: the header goes as it is.
    #[test]
    fn a_changed_set_is_left_whole() {
        let mut chain = chain(&[10, 10, 10, 10]);
        commit(&mut chain);
        // Three of the four stay: enough of the trusted set signs across the change.
        chain.rotate_validators(SimulatedValidatorSet::with_powers(
            "validator",
            &[10, 10, 10],
        ));
        for _ in 0..3 {
            commit(&mut chain);
        }
        let full = chain.update_header(1, 4).unwrap();
        assert_eq!(compact(&full).unwrap(), full);
        verifier_accepts(&chain, 1, full).unwrap();
    }

    #[test]
    fn a_header_that_is_not_one_is_refused() {
        assert!(matches!(
            compact(&Binary::new(vec![0xff; 7])),
            Err(crate::error::Error::Context { ref context, .. })
                if context == "decoding the light-client update"
        ));
    }
}
