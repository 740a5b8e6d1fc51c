//! `btp`: the cw-btp command line.
//!
//! - `btp demo` deploys the suite on two embedded simulated chains, moves a
//!   native coin and a cw20 token from A to B and back through the relayer,
//!   lets a transfer time out undelivered and refunds it by proof, prints
//!   each step, and exits non-zero if any balance is not what it must be.
//! - `btp relay --config FILE [--once] [--split] [--max-batch N] [--poll-ms N]
//!   [--mnemonic-file F | --key NAME]` relays between the two chains of a
//!   deployment (`scripts/deploy.sh`) until Ctrl-C, one line per delivered
//!   batch (one proof each, at most `--max-batch` messages, default 50), and
//!   resolves on each chain the requests that timed out on the other one
//!   undelivered (their senders are refunded), one line per transaction.
//! - `btp status --config FILE`: heights, links, light clients, relayer
//!   funds, and the requests waiting for their reply or timeout.
//! - `btp transfer --config FILE --from CHAIN --to CHAIN --receiver ADDRESS
//!   (--mnemonic-file FILE | --key NAME) --amount 1000ucoina` (a native
//!   coin), or `--coin NAME --amount 1000` (a cw20 token by its coin name);
//!   `--timeout SECONDS` sets when the destination stops accepting it (the
//!   token handler's default otherwise).
//!
//! - `btp swap initiate | respond | claim | refund | show`: an atomic swap
//!   between the two chains through their HTLC contracts, no bridge
//!   involved (`relayer::swap`; `btp swap` alone prints the usage).
//!
//! A key is a file holding a BIP-39 mnemonic, or `--key NAME`: a key of the
//! chain CLI's keyring named by the config (`keyring_backend`, `keyring_dir`,
//! `cli`), read with `keys export --unarmored-hex --unsafe`.

use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!(
        "usage: btp demo\n       btp relay --config FILE [--once] [--split] [--max-batch N] [--poll-ms N] [--mnemonic-file F | --key NAME]\n       btp status --config FILE\n       btp transfer --config FILE --from CHAIN --to CHAIN --receiver ADDRESS (--mnemonic-file F | --key NAME) --amount AMOUNT[DENOM] [--coin NAME] [--timeout SECONDS]\n       btp swap (initiate | respond | claim | refund | show) ... (btp swap help)"
    );
    ExitCode::from(2)
}

fn run(name: &str, result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("btp {name} failed: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        return usage();
    };
    let options = || relayer::cli::Options::parse(rest);
    match command.as_str() {
        "demo" if rest.is_empty() => run("demo", relayer::demo::run(&mut std::io::stdout())),
        "relay" => run("relay", options().and_then(|o| relayer::cli::relay(&o))),
        "status" => run("status", options().and_then(|o| relayer::cli::status(&o))),
        "swap" => run("swap", relayer::swap::command(rest)),
        "transfer" => run(
            "transfer",
            options().and_then(|o| relayer::cli::transfer(&o)),
        ),
        _ => usage(),
    }
}
