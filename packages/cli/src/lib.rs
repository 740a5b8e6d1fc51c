//! `btp`, cw-btp's command line, as a library: the `btp` binary parses its
//! arguments ([`args`]), sets up logging and calls [`run`]. The relaying,
//! status and health logic is the `relayer` library's; this crate adds the
//! command line, the HTTP endpoints (`--metrics`, `btp serve`) and the
//! embedded demo (feature `demo`, the default).

pub mod args;
pub mod commands;
#[cfg(feature = "demo")]
pub mod demo;
pub mod health;
pub mod http;
pub mod serve;
pub mod swap;

use std::process::ExitCode;

use args::{Cli, Command};

/// Exit code of a usage or config error.
pub const EXIT_USAGE: u8 = 2;
/// Exit code of a failed operation.
pub const EXIT_FAILED: u8 = 1;

/// Why a command failed, and the exit code that says so.
#[derive(Debug)]
pub struct Failure {
    /// [`EXIT_USAGE`] or [`EXIT_FAILED`].
    pub code: u8,
    /// The one-line reason.
    pub message: String,
}

impl Failure {
    /// A failed operation.
    pub fn failed(message: impl std::fmt::Display) -> Self {
        Self {
            code: EXIT_FAILED,
            message: message.to_string(),
        }
    }

    /// A usage or config error.
    pub fn usage(message: impl std::fmt::Display) -> Self {
        Self {
            code: EXIT_USAGE,
            message: message.to_string(),
        }
    }

    /// The exit code.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.code)
    }
}

impl From<relayer::Error> for Failure {
    fn from(err: relayer::Error) -> Self {
        if err.is_config() {
            Self::usage(err)
        } else {
            Self::failed(err)
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Demo => demo(),
        Command::Relay(args) => commands::relay(&args),
        Command::Status(args) => commands::status(&args),
        Command::Transfer(args) => commands::transfer(&args),
        Command::Swap(step) => swap::run(step),
        Command::Health(args) => health::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "btp", &mut std::io::stdout());
            Ok(())
        }
    }
}

#[cfg(feature = "demo")]
fn demo() -> Result<(), Failure> {
    demo::run(&mut std::io::stdout()).map_err(|err| Failure::failed(format!("{err:#}")))
}

#[cfg(not(feature = "demo"))]
fn demo() -> Result<(), Failure> {
    Err(Failure::usage(
        "this btp was built without the demo (cargo build -p btp-cli --features demo)",
    ))
}
