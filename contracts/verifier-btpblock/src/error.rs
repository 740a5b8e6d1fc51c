//! Every way the verifier refuses a call, each with the context that explains
//! it. The variants of the BTP-block rules carry ICON's own error message
//! (btp2-java `BTPMessageVerifier`) in their documentation, so that a refusal
//! here can be matched to the one ICON's BMV gives for the same input.

use btp_types::rlp::RlpError;
use contract_kit::migrate::MigrationError;
use contract_kit::pause::PauseError;
use cosmwasm_std::StdError;
use cw_ownable::OwnershipError;

/// BTP's error code of a verifier refusal that is none of the two below
/// (BMV `Unknown`, 25 + 0).
pub const CODE_UNKNOWN: u32 = 25;
/// BTP's error code of a block that does not follow the last one (BMV
/// `NotVerifiable`, 25 + 1).
pub const CODE_NOT_VERIFIABLE: u32 = 26;
/// BTP's error code of a block already verified (BMV `AlreadyVerified`, 25 + 2).
pub const CODE_ALREADY_VERIFIED: u32 = 27;

/// Every way the verifier refuses a call.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),
    #[error(transparent)]
    Ownership(#[from] OwnershipError),
    #[error(transparent)]
    Migration(#[from] MigrationError),
    #[error(transparent)]
    Pause(#[from] PauseError),

    // Configuration.
    #[error("invalid configuration: {reason}")]
    InvalidConfig { reason: String },
    #[error("the first header is of BTP network {got}, but the verifier is configured for network {expected}")]
    FirstHeaderNetworkMismatch { expected: u64, got: u64 },
    /// ICON: "mismatch Hash of proofContext" (first header).
    #[error("the first header's NextProofContext hashes to {got}, but its NextProofContextHash is {expected}")]
    FirstProofContextMismatch { expected: String, got: String },

    // Access.
    #[error("only the message center {message_center} may verify relay messages, not {sender}")]
    Unauthorized {
        message_center: String,
        sender: String,
    },
    /// ICON: "invalid prev bmc".
    #[error("the relay message is from network {got:?}, but this verifier follows {expected:?}")]
    WrongSourceNetwork { expected: String, got: String },
    /// ICON: "invalid prev bmc" (the account part of the previous BMC's address).
    #[error(
        "the relay message is from message center {got:?}, but this verifier follows {expected:?}"
    )]
    WrongSourceCenter { expected: String, got: String },
    #[error("this verifier proves ICON BTP messages only through verify_relay_message (called by its message center); it answers no {question} question")]
    QueryNotSupported { question: &'static str },

    // Decoding.
    /// ICON: "invalid relay message payload".
    #[error("malformed {what}: {source}")]
    Malformed {
        what: &'static str,
        source: RlpError,
    },
    /// ICON: "invalid type : N".
    #[error("unknown relay message item type {type_id}: 1 is a block update, 2 a message proof")]
    UnknownMessageType { type_id: u64 },
    #[error("the {what} must be {expected} bytes, got {got}")]
    InvalidLength {
        what: &'static str,
        expected: usize,
        got: usize,
    },
    #[error("the header has no {field}")]
    MissingField { field: &'static str },
    #[error("the validator set (NextProofContext) is empty")]
    EmptyValidatorSet,
    #[error("arithmetic overflow in {what}")]
    Overflow { what: &'static str },

    // Block updates, in ICON's order of checks.
    /// ICON: "already verified" (code AlreadyVerified).
    #[error("block already verified: its first message sequence is {got}, the next block's must be {expected}")]
    AlreadyVerified { expected: u64, got: u64 },
    /// ICON: "not verifiable blockUpdate" (code NotVerifiable).
    #[error("block not verifiable: its first message sequence is {got}, but the next block's must be {expected} (a block is missing)")]
    NotVerifiable { expected: u64, got: u64 },
    /// ICON: "remain must be zero".
    #[error("{remaining} messages of the last verified block (height {height}) must be proven before the next block update")]
    RemainMustBeZero { remaining: u64, height: u64 },
    /// ICON: "invalid network id".
    #[error("the block is of BTP network {got}, but this verifier follows network {expected}")]
    InvalidNetworkId { expected: u64, got: u64 },
    /// ICON: "mismatch networkSectionHash".
    #[error("the block's Prev is {got}, but the last verified network section hash is {expected}")]
    PrevNetworkSectionHashMismatch { expected: String, got: String },
    /// ICON: a NullPointerException (the block proof is null).
    #[error("the block update has no block proof (signatures)")]
    BlockProofNull,
    #[error("signature {index} is not 65 bytes R‖S‖V with V 0 or 1")]
    InvalidSignature { index: usize },
    #[error("signature {index} does not recover to a public key: {reason}")]
    SignatureRecovery { index: usize, reason: String },
    /// ICON: "invalid validator : ADDRESS".
    #[error("signature {index} is by {address}, who is not a validator")]
    InvalidValidator { index: usize, address: String },
    /// ICON: "duplicated validator : ADDRESS".
    #[error("validator {address} signed more than once (signature {index})")]
    DuplicatedValidator { index: usize, address: String },
    /// ICON: "not enough proof parts num of validator : N, num of proof parts : M".
    #[error(
        "not enough signatures: {signed} of {validators} validators signed, more than 2/3 must"
    )]
    NotEnoughSignatures { validators: u64, signed: u64 },
    /// ICON: "mismatch UpdateFlag".
    #[error(
        "the header flags a validator change, but its NextProofContextHash is the current one"
    )]
    MismatchUpdateFlag,
    /// ICON: "mismatch Hash of NextProofContext".
    #[error(
        "the header's NextProofContext hashes to {got}, but its NextProofContextHash is {expected}"
    )]
    NextProofContextHashMismatch { expected: String, got: String },

    // Message proofs.
    /// ICON: "remaining message count must greater than zero".
    #[error("no message of the last verified block remains to be proven")]
    NoRemainingMessages,
    /// ICON: "invalid numOfLeaf, expected: 1, value: N" (a leaf) and
    /// "invalid numOfLeaf, expected : E, value : N" (a left subtree).
    #[error("invalid numOfLeaf in the message proof: expected {expected}, got {got}")]
    InvalidNumOfLeaf { expected: i64, got: i64 },
    /// ICON: "invalid level left : L right : R".
    #[error("invalid message proof tree: a left subtree of level {left} is below its right sibling of level {right}")]
    InvalidLevel { left: u32, right: u32 },
    /// ICON: "total doesn't match total : N, node : M".
    #[error("the message proof's leaves count {total}, but its tree holds {tree}")]
    TotalMismatch { total: u64, tree: u64 },
    #[error("the message proof's tree is deeper than {max}")]
    ProofTooDeep { max: u32 },
    /// ICON: "invalid ProofInLeft.NumberOfLeaf".
    #[error("the message proof's ProofInLeft covers {got} leaves, but {expected} messages of the block are already proven")]
    InvalidProofInLeft { expected: u64, got: u64 },
    /// ICON: "mismatch MessageCount offset:O, expected:E, count :C".
    #[error(
        "the message proof covers {got} messages (offset {offset}), but the block has {expected}"
    )]
    MessageCountMismatch {
        offset: u64,
        expected: u64,
        got: u64,
    },
    /// ICON: "mismatch MessagesRoot".
    #[error("the message proof's root is {got}, but the block's MessagesRoot is {expected}")]
    MessagesRootMismatch { expected: String, got: String },
}

impl ContractError {
    /// BTP's error code of this refusal (verifier range 25 to 39), as ICON's
    /// BMV would give it.
    pub fn btp_code(&self) -> u32 {
        match self {
            Self::NotVerifiable { .. } => CODE_NOT_VERIFIABLE,
            Self::AlreadyVerified { .. } => CODE_ALREADY_VERIFIED,
            _ => CODE_UNKNOWN,
        }
    }

    pub(crate) fn malformed(what: &'static str) -> impl FnOnce(RlpError) -> Self {
        move |source| Self::Malformed { what, source }
    }
}
