//! `btp`: cw-btp's command line. `btp --help` lists the commands and the
//! exit codes: 0 ok, 1 an operation failed, 2 a usage or config error.

use std::process::ExitCode;

use btp_cli::args::{Cli, LogFormat};
use clap::error::ErrorKind;
use clap::Parser;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => match err.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = err.print();
                return ExitCode::SUCCESS;
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                let _ = err.print();
                return ExitCode::from(btp_cli::EXIT_USAGE);
            }
            _ => {
                // One line: clap's first, without its tips and usage.
                let rendered = err.to_string();
                let first = rendered.lines().next().unwrap_or("invalid arguments");
                eprintln!("btp: {first} (see btp --help)");
                return ExitCode::from(btp_cli::EXIT_USAGE);
            }
        },
    };
    // RUST_LOG chooses the levels; `warn` by default, since the progress
    // lines on stdout already say what `info` would (scripts count them, and
    // a terminal should not show each twice). RUST_LOG=info adds the events
    // with their fields, for an operator's log pipeline.
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn"));
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Text => subscriber.init(),
        LogFormat::Json => subscriber.json().init(),
    }
    match btp_cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let message = failure.message.replace('\n', " ");
            eprintln!("btp: error: {message}");
            failure.exit_code()
        }
    }
}
