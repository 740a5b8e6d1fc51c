//! Signature checks that trust an input they should not: signers outside the
//! trusted set, signatures over another header, one signer counted twice, a
//! validator set whose power was inflated.

use testing::chain::{SimulatedChain, SimulatedValidatorSet};
use testing::relay::{deliver, forged_update, honest, trusted_height, update};

use crate::common::{rejected_then_honest, two_pending};

/// Check: the light client counts only signatures of validators it trusts
/// (trust-level overlap with the trusted validator set). Validators who
/// never were chain A's sign a header of "chain-a": refused.
#[test]
fn a_forged_signature_set_from_outside_the_trusted_set_is_refused() {
    let chains = two_pending();
    let honest = honest(&chains);
    let trusted = trusted_height(&chains);
    let mut impostor = SimulatedChain::new(
        "chain-a",
        SimulatedValidatorSet::equal_power("impostor", 4, 100),
        chains.a.chain.light_block(trusted).unwrap().time(),
    )
    .with_initial_height(honest.target);
    impostor.commit(
        Vec::new(),
        chains.a.chain.light_block(honest.target).unwrap().time(),
    );
    // The forger presents A's real trusted validators, so the trusted-set hash matches.
    let header = forged_update(&chains, impostor.light_block(honest.target).unwrap());
    let transaction = vec![
        update(&chains, header),
        deliver(
            &chains,
            honest.target,
            honest.messages,
            honest.proof.clone(),
        ),
    ];
    rejected_then_honest(
        chains,
        transaction,
        "too little voting power signed: 0 of 400 of the trusted validator set",
    );
}

/// Check: every counted signature is verified over this header's sign bytes.
/// A's real signatures, attached to a header with another app hash: refused.
#[test]
fn signatures_over_another_header_are_refused() {
    let chains = two_pending();
    let honest = honest(&chains);
    let mut block = chains.a.chain.light_block(honest.target).unwrap().clone();
    block.signed_header.header.app_hash = tendermint::AppHash::try_from(vec![7u8; 32]).unwrap();
    let header = forged_update(&chains, &block);
    let transaction = vec![
        update(&chains, header),
        deliver(
            &chains,
            honest.target,
            honest.messages,
            honest.proof.clone(),
        ),
    ];
    rejected_then_honest(chains, transaction, "the commit signs block");
}

/// Check: a validator's signature counts once. One validator's signature
/// copied into the other slots would be four quarters of the power: refused.
#[test]
fn a_duplicated_signer_is_refused() {
    let chains = two_pending();
    let honest = honest(&chains);
    let mut block = chains.a.chain.light_block(honest.target).unwrap().clone();
    let first = block.signed_header.commit.signatures[0].clone();
    for slot in block.signed_header.commit.signatures.iter_mut().skip(1) {
        *slot = first.clone();
    }
    let header = forged_update(&chains, &block);
    let transaction = vec![
        update(&chains, header),
        deliver(
            &chains,
            honest.target,
            honest.messages,
            honest.proof.clone(),
        ),
    ];
    rejected_then_honest(chains, transaction, "signed the commit more than once");
}

/// Check: the validator set must hash to the header's `validators_hash`.
/// One validator's power inflated to outweigh the rest, signing alone: refused.
#[test]
fn a_validator_set_with_inflated_power_is_refused() {
    let chains = two_pending();
    let honest = honest(&chains);
    let block = chains.a.chain.light_block(honest.target).unwrap();
    let lone = block.validators.validators()[0].address;
    let mut forged = block.with_signers(|validator| validator.address == lone);
    let inflated: Vec<_> = forged
        .validators
        .validators()
        .iter()
        .map(|validator| {
            let mut validator = validator.clone();
            if validator.address == lone {
                validator.power = tendermint::vote::Power::from(10_000u32);
            }
            validator
        })
        .collect();
    forged.validators = tendermint::validator::Set::new(inflated, None);
    let header = forged_update(&chains, &forged);
    let transaction = vec![
        update(&chains, header),
        deliver(
            &chains,
            honest.target,
            honest.messages,
            honest.proof.clone(),
        ),
    ];
    rejected_then_honest(chains, transaction, "but the given validator set hashes to");
}
