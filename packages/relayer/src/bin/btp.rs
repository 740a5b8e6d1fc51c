//! `btp`: the cw-btp command line.
//!
//! `btp demo` deploys the suite on two embedded simulated chains, moves a
//! native coin and a cw20 token from A to B and back through the relayer,
//! prints each step, and exits non-zero if any balance is not what it must be.

use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: btp demo");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["demo"] => match relayer::demo::run(&mut std::io::stdout()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("btp demo failed: {err:#}");
                ExitCode::FAILURE
            }
        },
        _ => usage(),
    }
}
