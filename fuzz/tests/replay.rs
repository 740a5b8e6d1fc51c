//! Replays the committed corpus (`corpus/<target>/*`) through every target's
//! function on stable Rust, without libFuzzer: scripts/fuzz-replay.sh. An
//! input that breaks a property panics here exactly as under `cargo fuzz`.

use std::path::Path;

fn replay(target: &str) {
    let (_, run) = cw_btp_fuzz::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .unwrap_or_else(|| panic!("no target {target}"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} has no corpus", dir.display());
    for file in &files {
        let data = std::fs::read(file).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        if let Err(panic) = outcome {
            let reason = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            panic!("{target}: {} fails: {reason}", file.display());
        }
    }
    eprintln!("{target}: {} inputs replayed", files.len());
}

macro_rules! replay_tests {
    ($($target:ident),* $(,)?) => {$(
        #[test]
        fn $target() {
            replay(stringify!($target));
        }
    )*};
}

replay_tests!(
    rlp,
    btp_message,
    error_message,
    message_center_message,
    token_service,
    call_message,
    verifier_header,
    verifier_proof,
    verifier_update,
    verifier_btpblock,
    relay,
);

/// Every target has a test above.
#[test]
fn every_target_is_replayed() {
    let names: Vec<&str> = cw_btp_fuzz::TARGETS.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        [
            "rlp",
            "btp_message",
            "error_message",
            "message_center_message",
            "token_service",
            "call_message",
            "verifier_header",
            "verifier_proof",
            "verifier_update",
            "verifier_btpblock",
            "relay",
        ]
    );
}
