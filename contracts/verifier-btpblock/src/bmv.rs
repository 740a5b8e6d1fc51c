//! ICON's BTP-block verifier state machine (btp2-java `BTPMessageVerifier`
//! at 9ffdcb7e): the first header, block updates and message proofs, with
//! ICON's checks in ICON's order. The functions change the state given to
//! them; the caller saves it only when the whole relay message verified, so
//! a refused relay message changes nothing.

use cosmwasm_std::{Api, Binary};

use crate::codec::{
    decode_proof_context, decode_proofs, hex, keccak256, BlockHeader, BlockUpdate, MessageProof,
    RelayItem,
};
use crate::error::ContractError;
use crate::signatures::verify_signatures;
use crate::state::BmvState;
use crate::tree::prove;

/// What the validators sign besides the block: which chain and which
/// network type.
#[derive(Debug, Clone, Copy)]
pub struct SignedContext<'a> {
    /// The source network UID, e.g. `0x1.icon`.
    pub src_network_uid: &'a str,
    /// The network type id.
    pub network_type_id: u64,
}

/// What a verified relay message did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Outcome {
    /// The proven messages, in order.
    pub messages: Vec<Vec<u8>>,
    /// How many headers were verified.
    pub block_updates: u64,
    /// Whether a header changed the validator set.
    pub validators_changed: bool,
}

fn validators_of(proof_context: &[u8]) -> Result<Vec<Binary>, ContractError> {
    let validators = decode_proof_context(proof_context)?;
    if validators.is_empty() {
        return Err(ContractError::EmptyValidatorSet);
    }
    Ok(validators.into_iter().map(Binary::from).collect())
}

/// `handleFirstBlockHeader`: trusts `header` (its signatures are not
/// checked) and its NextProofContext; the block's messages are the first
/// ones to prove.
pub fn first_header(
    header: &BlockHeader,
    next_proof_context: Option<&[u8]>,
) -> Result<BmvState, ContractError> {
    let context = match (header.next_proof_context.as_deref(), next_proof_context) {
        (Some(in_header), Some(given)) if in_header != given => {
            return Err(ContractError::InvalidConfig {
                reason: "next_proof_context differs from the first header's NextProofContext"
                    .to_string(),
            })
        }
        (Some(context), _) | (None, Some(context)) => context,
        (None, None) => {
            return Err(ContractError::MissingField {
                field: "NextProofContext",
            })
        }
    };
    let hash = header
        .next_proof_context_hash
        .as_deref()
        .ok_or(ContractError::MissingField {
            field: "NextProofContextHash",
        })?;
    let got = keccak256(context);
    if got != hash {
        return Err(ContractError::FirstProofContextMismatch {
            expected: hex(hash),
            got: hex(&got),
        });
    }
    let first_sn = header.first_message_sn();
    Ok(BmvState {
        network_id: header.nid,
        proof_context_hash: Binary::from(hash),
        validators: validators_of(context)?,
        last_network_section_hash: Binary::from(header.network_section_hash()),
        last_sequence: first_sn,
        last_messages_root: header.messages_root.clone().map(Binary::from),
        last_message_count: header.message_count,
        last_first_message_sn: first_sn,
        height: header.main_height,
    })
}

/// `handleBlockUpdateMessage`: verifies the block that follows the last
/// one and moves to it. Returns whether the validator set changed.
pub fn block_update(
    api: &dyn Api,
    signed: SignedContext<'_>,
    state: &mut BmvState,
    update: &BlockUpdate,
) -> Result<bool, ContractError> {
    let header = &update.header;
    let expected = state
        .last_first_message_sn
        .checked_add(state.last_message_count)
        .ok_or(ContractError::Overflow {
            what: "message sequence",
        })?;
    let got = header.first_message_sn();
    if expected > got {
        return Err(ContractError::AlreadyVerified { expected, got });
    }
    if expected < got {
        return Err(ContractError::NotVerifiable { expected, got });
    }
    let remaining = state.remaining_messages();
    if remaining != 0 {
        return Err(ContractError::RemainMustBeZero {
            remaining,
            height: state.height,
        });
    }
    if header.nid != state.network_id {
        return Err(ContractError::InvalidNetworkId {
            expected: state.network_id,
            got: header.nid,
        });
    }
    if header.prev.as_deref() != Some(state.last_network_section_hash.as_slice()) {
        return Err(ContractError::PrevNetworkSectionHashMismatch {
            expected: hex(&state.last_network_section_hash),
            got: header
                .prev
                .as_deref()
                .map(hex)
                .unwrap_or_else(|| "null".to_string()),
        });
    }
    let ns_hash = header.network_section_hash();
    let ns_root = header.network_sections_root(ns_hash)?;
    let digest = header.decision_hash(signed.src_network_uid, signed.network_type_id, &ns_root);
    let proof = update
        .proof
        .as_deref()
        .ok_or(ContractError::BlockProofNull)?;
    let signatures = decode_proofs(proof)?;
    // Checked against the current validators, before any change.
    verify_signatures(api, &digest, &signatures, &state.validators)?;
    let changed = header.proof_context_changed();
    if changed {
        let hash =
            header
                .next_proof_context_hash
                .as_deref()
                .ok_or(ContractError::MissingField {
                    field: "NextProofContextHash",
                })?;
        if hash == state.proof_context_hash.as_slice() {
            return Err(ContractError::MismatchUpdateFlag);
        }
        let context = header
            .next_proof_context
            .as_deref()
            .ok_or(ContractError::MissingField {
                field: "NextProofContext",
            })?;
        let got = keccak256(context);
        if got != hash {
            return Err(ContractError::NextProofContextHashMismatch {
                expected: hex(hash),
                got: hex(&got),
            });
        }
        state.validators = validators_of(context)?;
        state.proof_context_hash = Binary::from(hash);
    }
    state.last_messages_root = header.messages_root.clone().map(Binary::from);
    state.last_message_count = header.message_count;
    state.last_first_message_sn = got;
    state.last_network_section_hash = Binary::from(ns_hash);
    state.height = header.main_height;
    Ok(changed)
}

/// `handleMessageProof`: proves messages of the last verified block, the
/// next ones after those already proven, and returns them.
pub fn message_proof(
    state: &mut BmvState,
    proof: &MessageProof,
) -> Result<Vec<Vec<u8>>, ContractError> {
    if state.remaining_messages() == 0 {
        return Err(ContractError::NoRemainingMessages);
    }
    let proven = prove(proof)?;
    let processed = state.processed_messages();
    if processed != proven.offset {
        return Err(ContractError::InvalidProofInLeft {
            expected: processed,
            got: proven.offset,
        });
    }
    // (ICON's "ProofInLeft should be empty" and "mismatch ProofInLeft" can
    // no longer fail here: the check above covers both.)
    if state.last_message_count != proven.total {
        return Err(ContractError::MessageCountMismatch {
            offset: proven.offset,
            expected: state.last_message_count,
            got: proven.total,
        });
    }
    if state.last_messages_root.as_deref() != Some(proven.root.as_slice()) {
        return Err(ContractError::MessagesRootMismatch {
            expected: state
                .last_messages_root
                .as_deref()
                .map(hex)
                .unwrap_or_else(|| "null".to_string()),
            got: hex(&proven.root),
        });
    }
    let count = u64::try_from(proof.messages.len()).unwrap_or(u64::MAX);
    state.last_sequence =
        state
            .last_sequence
            .checked_add(count)
            .ok_or(ContractError::Overflow {
                what: "message sequence",
            })?;
    if state.remaining_messages() == 0 {
        state.last_messages_root = None;
    }
    Ok(proof.messages.clone())
}

/// `handleRelayMessage` without its access checks: each item in order.
pub fn relay_message(
    api: &dyn Api,
    signed: SignedContext<'_>,
    state: &mut BmvState,
    items: &[RelayItem],
) -> Result<Outcome, ContractError> {
    let mut outcome = Outcome::default();
    for item in items {
        match item {
            RelayItem::BlockUpdate(update) => {
                let changed = block_update(api, signed, state, update)?;
                outcome.validators_changed |= changed;
                outcome.block_updates = outcome.block_updates.saturating_add(1);
            }
            RelayItem::MessageProof(proof) => {
                outcome.messages.extend(message_proof(state, proof)?);
            }
        }
    }
    Ok(outcome)
}
