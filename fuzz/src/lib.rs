//! The bodies of cw-btp's fuzz targets (issue 18), one plain function per
//! target, so that the same code runs under libFuzzer (`fuzz_targets/`,
//! nightly, `cargo fuzz`) and in the stable replay of the committed corpus
//! (`tests/replay.rs`, no libFuzzer).
//!
//! Every function panics (which libFuzzer reports as a crash) when a
//! property fails; each states its properties in its own documentation.
//! Beyond "never panics", they check what is cheap to check:
//!
//! | target | what it feeds | what must hold |
//! |---|---|---|
//! | [`rlp`] | bytes to `btp_types::rlp` | an accepted input is the one encoding of what it decoded to (item and 21 typed targets); typed integer readers agree with each other; any item tree built from the input round-trips |
//! | [`btp_message`] | bytes to `BtpMessage::decode` | decode(encode(m)) == m and the encoding is stable; a message built from the input round-trips |
//! | [`error_message`] | bytes to `ErrorMessage::decode` | the same |
//! | [`message_center_message`] | bytes to `MessageCenterMessage::decode` | the same |
//! | [`token_service`] | bytes to `TokenServiceMessage::decode` | the same |
//! | [`call_message`] | bytes to the call service's `CallServiceMessage`, `CallRequest` and `CallResponse` decoders (ICON xCall's `CSMessage`) | the same, for each; a plain list of exactly the fields is the one encoding of its value; a `CSMessage`'s data reads as its declared type or is refused with that type's error (an unknown type as `UnknownType`); trailing fields (xcall-multi's `protocols`) and a null or missing `data` / `msg` read as documented |
//! | [`verifier_header`] | bytes to the verifier's `Header::decode` and `Misbehaviour::decode` | a decoded header re-encodes to one that decodes to the same header; hashing it never panics |
//! | [`verifier_update`] | up to 3 `update_client` / `submit_misbehaviour` calls on a verifier trusting a real (or simulated) chain | only genuine consensus states are ever trusted; no freeze (no genuine conflicting headers exist); a refused call changes no storage |
//! | [`verifier_proof`] | path, value and `MerkleProof` bytes against fixed app hashes (real Nyx proof, ICS-23 test vectors, simulated chain) | only true facts are proven (membership and absence); the proof decoding round-trips |
//! | [`verifier_btpblock`] | up to 6 relay messages to `verify_relay_message` of the ICON BTP-block verifier following ICON's BMV test chains (btp2-java fixtures) or a simulated ICON network | a refused relay message changes no storage; the sequence only moves forward, by the messages answered; the answered messages are exactly the network's messages at those sequences (never one no block carries, none twice on the simulated network) |
//! | [`relay`] | a `handle_relay_message` batch (messages, timeouts, sequences, proof, prior head) on the one-app two-chain suite | a refused relay changes no state; with the checking mock verifier only the genuine next messages are accepted, and they do exactly what the genuine batch does (a timeout changed in a form the head does not see must change nothing); past an accept-all verifier only well-addressed messages pass; a relay never touches the source chain's contracts |

pub mod btpblock;
pub mod codec;
pub mod input;
pub mod relay;
pub mod seeds;
pub mod verifier;

pub use btpblock::verifier_btpblock;
pub use codec::{
    btp_message, call_message, error_message, message_center_message, rlp, token_service,
};
pub use relay::relay;
pub use verifier::{verifier_header, verifier_proof, verifier_update};

/// A target: its name (the `fuzz_targets/<name>.rs` binary and the
/// `corpus/<name>` directory) and its body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target, in the order scripts/fuzz.sh runs them.
pub const TARGETS: &[Target] = &[
    ("rlp", rlp),
    ("btp_message", btp_message),
    ("error_message", error_message),
    ("message_center_message", message_center_message),
    ("token_service", token_service),
    ("call_message", call_message),
    ("verifier_header", verifier_header),
    ("verifier_proof", verifier_proof),
    ("verifier_update", verifier_update),
    ("verifier_btpblock", verifier_btpblock),
    ("relay", relay),
];

/// Whether the stateful targets say what each input did (`FUZZ_VERBOSE=1`;
/// for looking at seeds, never while fuzzing).
pub(crate) fn verbose() -> bool {
    static VERBOSE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *VERBOSE.get_or_init(|| std::env::var_os("FUZZ_VERBOSE").is_some())
}
