//! Simulated validators: ed25519 keys derived from seeds, so that every run
//! signs with the same keys, and voting powers.

use std::fmt;

use tendermint::{account, validator, vote, PublicKey, Signature};

use super::merkle::sha256;

/// One validator of a simulated chain.
#[derive(Clone)]
pub struct SimulatedValidator {
    seed: String,
    voting_power: u64,
    signing_key: ed25519_consensus::SigningKey,
}

impl SimulatedValidator {
    /// A validator whose ed25519 key is SHA-256 of `seed`.
    ///
    /// # Panics
    ///
    /// When `voting_power` is 0: CometBFT removes such validators from the set.
    pub fn new(seed: &str, voting_power: u64) -> Self {
        assert!(
            voting_power > 0,
            "validator {seed}: a validator needs voting power"
        );
        Self {
            seed: seed.to_string(),
            voting_power,
            signing_key: ed25519_consensus::SigningKey::from(sha256(&[seed.as_bytes()])),
        }
    }

    /// The seed of its key.
    pub fn seed(&self) -> &str {
        &self.seed
    }

    /// Its voting power.
    pub fn voting_power(&self) -> u64 {
        self.voting_power
    }

    /// Its consensus public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey::from(self.signing_key.verification_key())
    }

    /// Its address: the first 20 bytes of SHA-256 of its public key.
    pub fn address(&self) -> account::Id {
        account::Id::from(self.public_key())
    }

    /// The validator as a CometBFT validator set lists it.
    pub fn info(&self) -> validator::Info {
        let power = vote::Power::try_from(self.voting_power)
            .unwrap_or_else(|err| panic!("validator {}: {err}", self.seed));
        validator::Info::new(self.public_key(), power)
    }

    /// Its ed25519 signature of `message`.
    pub fn sign(&self, message: &[u8]) -> Signature {
        Signature::from(self.signing_key.sign(message))
    }
}

impl fmt::Debug for SimulatedValidator {
    // Leaves the signing key out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimulatedValidator")
            .field("seed", &self.seed)
            .field("voting_power", &self.voting_power)
            .field("address", &self.address())
            .finish()
    }
}

/// The validators of a simulated chain at one height, in CometBFT's order
/// (voting power descending, then address), the order of a commit's
/// signatures.
#[derive(Clone, Debug)]
pub struct SimulatedValidatorSet {
    validators: Vec<SimulatedValidator>,
}

impl SimulatedValidatorSet {
    /// A set of the given validators.
    ///
    /// # Panics
    ///
    /// When the set is empty or two validators share a key.
    pub fn new(validators: impl IntoIterator<Item = SimulatedValidator>) -> Self {
        let mut validators: Vec<SimulatedValidator> = validators.into_iter().collect();
        assert!(!validators.is_empty(), "a validator set needs a validator");
        validators.sort_by_key(|v| (std::cmp::Reverse(v.voting_power), v.address()));
        if let Some(pair) = validators
            .windows(2)
            .find(|pair| pair[0].address() == pair[1].address())
        {
            panic!(
                "validators {} and {} share a key",
                pair[0].seed, pair[1].seed
            );
        }
        Self { validators }
    }

    /// `count` validators of `voting_power` each, seeded `{seed_prefix}-0`,
    /// `{seed_prefix}-1`, ...
    pub fn equal_power(seed_prefix: &str, count: usize, voting_power: u64) -> Self {
        Self::new(
            (0..count)
                .map(|i| SimulatedValidator::new(&format!("{seed_prefix}-{i}"), voting_power)),
        )
    }

    /// One validator per entry of `powers`, seeded `{seed_prefix}-0`, ...
    pub fn with_powers(seed_prefix: &str, powers: &[u64]) -> Self {
        Self::new(
            powers
                .iter()
                .enumerate()
                .map(|(i, power)| SimulatedValidator::new(&format!("{seed_prefix}-{i}"), *power)),
        )
    }

    /// The validators, in CometBFT's order.
    pub fn validators(&self) -> &[SimulatedValidator] {
        &self.validators
    }

    /// The sum of the voting powers.
    pub fn total_voting_power(&self) -> u64 {
        self.validators.iter().map(|v| v.voting_power).sum()
    }

    /// The validator that proposes the block at `height`. CometBFT picks
    /// proposers by weighted round robin; light clients do not check the
    /// choice, so plain round robin stands in for it.
    pub fn proposer(&self, height: u64) -> &SimulatedValidator {
        let index = height % self.validators.len() as u64;
        &self.validators[index as usize]
    }

    /// The set as CometBFT's validator set, with the proposer of the block at
    /// `height` (ibc-go refuses validator sets without one).
    pub fn to_tendermint(&self, height: u64) -> validator::Set {
        let infos: Vec<validator::Info> = self.validators.iter().map(|v| v.info()).collect();
        let set = validator::Set::with_proposer(infos, self.proposer(height).address())
            .expect("the proposer is a member of the set");
        debug_assert!(
            set.validators()
                .iter()
                .map(|info| info.address)
                .eq(self.validators.iter().map(|v| v.address())),
            "the simulated set's order is CometBFT's"
        );
        set
    }

    /// The validator with `address`, if it is in the set.
    pub fn by_address(&self, address: account::Id) -> Option<&SimulatedValidator> {
        self.validators.iter().find(|v| v.address() == address)
    }
}
