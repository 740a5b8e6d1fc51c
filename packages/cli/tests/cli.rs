//! The `btp` binary's command line: help, completions, and the exit code
//! 2 with a one-line error for an unknown option or a config error.

use std::process::{Command, Output};

fn btp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_btp"))
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_lists_every_command_and_the_exit_codes() {
    let out = btp(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for command in [
        "demo",
        "relay",
        "status",
        "transfer",
        "swap",
        "health",
        "serve",
        "completions",
    ] {
        assert!(help.contains(command), "{command} in {help}");
    }
    assert!(help.contains("2  usage or config error"), "{help}");
    for command in [
        vec!["relay", "--help"],
        vec!["swap", "claim", "--help"],
        vec!["health", "--help"],
        vec!["serve", "--help"],
    ] {
        let out = btp(&command);
        assert_eq!(out.status.code(), Some(0), "{command:?}");
        assert!(text(&out.stdout).contains("--config <FILE>"), "{command:?}");
    }
    let relay = text(&btp(&["relay", "--help"]).stdout);
    for flag in [
        "--once",
        "--split",
        "--max-batch",
        "--poll-ms",
        "--mnemonic-file",
        "--key",
        "--metrics",
        "--log-format",
    ] {
        assert!(relay.contains(flag), "{flag} in {relay}");
    }
}

#[test]
fn an_unknown_flag_is_a_one_line_usage_error() {
    let out = btp(&["relay", "--config", "x.json", "--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--frobnicate"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_config_error_is_a_one_line_usage_error() {
    let missing =
        std::env::temp_dir().join(format!("btp-no-such-config-{}.json", std::process::id()));
    let out = btp(&["status", "--config", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("btp: error: "), "{stderr}");
    assert!(stderr.contains("btp-no-such-config"), "{stderr}");
}

#[test]
fn a_missing_command_or_option_is_a_usage_error() {
    assert_eq!(btp(&[]).status.code(), Some(2));
    assert_eq!(btp(&["relay"]).status.code(), Some(2));
    assert_eq!(
        btp(&["swap", "show", "--config", "c", "--chain", "a", "--htlc", "h"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn completions_are_printed_for_bash() {
    let out = btp(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let script = text(&out.stdout);
    assert!(
        script.contains("complete") && script.contains("btp"),
        "{script}"
    );
    assert!(
        script.contains("--max-batch"),
        "relay's options are completed"
    );
}
