//! The command line, as `clap` parses it: every subcommand, its options and
//! their help. Unknown options are refused.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// What `btp --help` ends with: the exit codes.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  the command did what it was asked
  1  an operation failed (a node, a transaction, a check of `btp health`)
  2  usage or config error (an unknown option, a missing or inconsistent config)

Logs go to standard error (--log-format, RUST_LOG: error, warn (default), info, debug, trace;
e.g. RUST_LOG=relayer=debug); results and progress lines to standard output.";

/// cw-btp's command line: the relayer, transfers, atomic swaps, and a demo.
#[derive(Debug, Parser)]
#[command(name = "btp", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// How log events are written to standard error.
    #[arg(long, value_enum, global = true, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// How log events are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One line of text per event.
    Text,
    /// One JSON object per event.
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Deploy the suite on two embedded simulated chains and move coins and
    /// tokens through the relayer, checking every balance.
    Demo,
    /// Relay every link of the config, both ways, until Ctrl-C (or, with
    /// --once, until nothing is pending): one line per delivered batch and
    /// per timeout transaction.
    Relay(RelayArgs),
    /// Print each chain's height, links, light clients, relayer funds, and
    /// the requests waiting for their reply or timeout.
    Status(ConfigArg),
    /// Send a native coin or a cw20 token to another chain.
    Transfer(TransferArgs),
    /// Atomic swaps between two chains through their HTLC contracts (no bridge).
    #[command(subcommand)]
    Swap(SwapCommand),
    /// Check the config, the nodes, the keys and the balances; say what is wrong.
    Health(HealthArgs),
    /// Serve a status page and its JSON API (/api/status).
    Serve(ServeArgs),
    /// Print a shell completion script (e.g. `btp completions bash > /etc/bash_completion.d/btp`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// `--config FILE`.
#[derive(Clone, Debug, Args)]
pub struct ConfigArg {
    /// The deployment config (deploy/*.json), which names the deployment file.
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
}

/// The key that signs: a mnemonic file or a key of the chain CLI's keyring.
#[derive(Clone, Debug, Default, Args)]
pub struct KeyArgs {
    /// A file holding a BIP-39 mnemonic.
    #[arg(long, value_name = "FILE", conflicts_with = "key")]
    pub mnemonic_file: Option<String>,
    /// A key of the chain CLI's keyring named by the config (read with
    /// `keys export --unarmored-hex --unsafe`).
    #[arg(long, value_name = "NAME")]
    pub key: Option<String>,
}

/// `btp relay`.
#[derive(Clone, Debug, Args)]
pub struct RelayArgs {
    #[command(flatten)]
    pub config: ConfigArg,
    /// Stop when nothing is left to deliver or resolve.
    #[arg(long)]
    pub once: bool,
    /// One transaction per message, each one's gas printed (for measurements).
    #[arg(long)]
    pub split: bool,
    /// The most messages per delivery, and requests per timeout transaction.
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_batch: u64,
    /// Milliseconds to wait after a round with nothing to do.
    #[arg(long, value_name = "MS", default_value_t = 500)]
    pub poll_ms: u64,
    /// The relayer's key on every chain (the config's relayer key otherwise).
    #[command(flatten)]
    pub key: KeyArgs,
    /// Serve metrics in the Prometheus text format on this address (GET /metrics).
    #[arg(long, value_name = "ADDR")]
    pub metrics: Option<SocketAddr>,
}

/// `btp transfer`.
#[derive(Clone, Debug, Args)]
pub struct TransferArgs {
    #[command(flatten)]
    pub config: ConfigArg,
    /// The sending chain (chain id).
    #[arg(long, value_name = "CHAIN")]
    pub from: String,
    /// The receiving chain (chain id).
    #[arg(long, value_name = "CHAIN")]
    pub to: String,
    /// The receiver's address on the receiving chain.
    #[arg(long, value_name = "ADDRESS")]
    pub receiver: String,
    #[command(flatten)]
    pub key: KeyArgs,
    /// `1000ucoina` (a native coin), or `1000` with --coin.
    #[arg(long, value_name = "AMOUNT[DENOM]")]
    pub amount: String,
    /// A cw20 token, by its coin name in the token handler.
    #[arg(long, value_name = "NAME")]
    pub coin: Option<String>,
    /// Seconds after the sending block's time from which on the destination
    /// no longer executes it (it is refunded); the handler's default otherwise.
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
}

/// `btp swap ...`.
#[derive(Debug, Subcommand)]
pub enum SwapCommand {
    /// Lock X on chain A for the counterparty under the hash of a new secret.
    Initiate {
        #[command(flatten)]
        config: ConfigArg,
        /// The chain to lock on.
        #[arg(long, value_name = "CHAIN")]
        chain: String,
        /// Its HTLC contract.
        #[arg(long, value_name = "ADDR")]
        htlc: String,
        /// Who may claim the lock.
        #[arg(long, value_name = "ADDR")]
        receiver: String,
        /// `1000ucoina`, or an amount of --token.
        #[arg(long, value_name = "AMOUNT[DENOM]")]
        amount: String,
        /// A cw20 token to lock instead of a native coin.
        #[arg(long, value_name = "CW20")]
        token: Option<String>,
        /// Seconds until the lock can be refunded.
        #[arg(long, value_name = "SECONDS")]
        timelock: u64,
        /// Where to keep the secret (swap-<hashlock>.secret by default); it must not exist.
        #[arg(long, value_name = "FILE")]
        secret_file: Option<String>,
        #[command(flatten)]
        key: KeyArgs,
    },
    /// Check the initiator's lock on A, then lock Y on B under the same hashlock.
    Respond {
        #[command(flatten)]
        config: ConfigArg,
        /// The initiator's chain.
        #[arg(long, value_name = "CHAIN")]
        from_chain: String,
        /// The initiator's HTLC.
        #[arg(long, value_name = "ADDR")]
        from_htlc: String,
        /// The initiator's hashlock (hex).
        #[arg(long, value_name = "HEX")]
        hashlock: String,
        /// What the initiator's lock must hold at least.
        #[arg(long, value_name = "AMOUNT[DENOM]")]
        expect_amount: String,
        /// The cw20 token it must hold.
        #[arg(long, value_name = "CW20")]
        expect_token: Option<String>,
        /// Who must have made it.
        #[arg(long, value_name = "ADDR_ON_A")]
        initiator: Option<String>,
        /// My address on the initiator's chain (the same key's otherwise).
        #[arg(long, value_name = "ADDR_ON_A")]
        me: Option<String>,
        /// My chain.
        #[arg(long, value_name = "CHAIN")]
        chain: String,
        /// My HTLC.
        #[arg(long, value_name = "ADDR")]
        htlc: String,
        /// The initiator's address on my chain.
        #[arg(long, value_name = "ADDR_ON_B")]
        receiver: String,
        /// What I lock.
        #[arg(long, value_name = "AMOUNT[DENOM]")]
        amount: String,
        /// A cw20 token to lock instead of a native coin.
        #[arg(long, value_name = "CW20")]
        token: Option<String>,
        /// Seconds until my lock can be refunded.
        #[arg(long, value_name = "SECONDS")]
        timelock: u64,
        /// How much longer the initiator's lock must last than mine (seconds).
        #[arg(long, value_name = "SECONDS")]
        margin: Option<u64>,
        #[command(flatten)]
        key: KeyArgs,
    },
    /// Claim a lock: with the secret (initiator) or with the secret revealed
    /// on the other chain (counterparty).
    Claim {
        #[command(flatten)]
        config: ConfigArg,
        /// The chain of the lock.
        #[arg(long, value_name = "CHAIN")]
        chain: String,
        /// Its HTLC.
        #[arg(long, value_name = "ADDR")]
        htlc: String,
        /// The lock's id.
        #[arg(long, value_name = "ID")]
        id: u64,
        /// The secret (initiator).
        #[arg(long, value_name = "FILE", conflicts_with = "preimage_from")]
        secret_file: Option<String>,
        /// What the lock must hold at least (with --secret-file).
        #[arg(long, value_name = "AMOUNT[DENOM]", requires = "secret_file")]
        expect_amount: Option<String>,
        /// The cw20 token it must hold.
        #[arg(long, value_name = "CW20")]
        expect_token: Option<String>,
        /// Who must have made it.
        #[arg(long, value_name = "ADDR")]
        counterparty: Option<String>,
        /// Seconds the lock must stay claimable at least.
        #[arg(long, value_name = "SECONDS")]
        min_left: Option<u64>,
        /// The chain where the initiator revealed the secret (counterparty).
        #[arg(long, value_name = "CHAIN", requires = "preimage_htlc")]
        preimage_from: Option<String>,
        /// The HTLC there.
        #[arg(long, value_name = "ADDR")]
        preimage_htlc: Option<String>,
        #[command(flatten)]
        key: KeyArgs,
    },
    /// Take an expired lock back.
    Refund {
        #[command(flatten)]
        config: ConfigArg,
        /// The chain of the lock.
        #[arg(long, value_name = "CHAIN")]
        chain: String,
        /// Its HTLC.
        #[arg(long, value_name = "ADDR")]
        htlc: String,
        /// The lock's id.
        #[arg(long, value_name = "ID")]
        id: u64,
        #[command(flatten)]
        key: KeyArgs,
    },
    /// Show a lock by id, or the locks under a hashlock.
    Show {
        #[command(flatten)]
        config: ConfigArg,
        /// The chain.
        #[arg(long, value_name = "CHAIN")]
        chain: String,
        /// The HTLC.
        #[arg(long, value_name = "ADDR")]
        htlc: String,
        /// A lock id.
        #[arg(
            long,
            value_name = "ID",
            conflicts_with = "hashlock",
            required_unless_present = "hashlock"
        )]
        id: Option<u64>,
        /// A hashlock (hex).
        #[arg(long, value_name = "HEX")]
        hashlock: Option<String>,
    },
}

/// `btp health`.
#[derive(Clone, Debug, Args)]
pub struct HealthArgs {
    #[command(flatten)]
    pub config: ConfigArg,
    /// The relayer's key on every chain (the config's relayer key otherwise).
    #[command(flatten)]
    pub key: KeyArgs,
    /// The gas the relayer's account must be able to pay for on each chain
    /// (at the config's gas price): about one delivery with its light-client update.
    #[arg(long, value_name = "GAS", default_value_t = 2_000_000)]
    pub min_gas: u64,
}

/// `btp serve`.
#[derive(Clone, Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub config: ConfigArg,
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Recent messages shown per link direction.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub recent: u64,
    /// The relayer's key on every chain, to show its balances (the config's otherwise).
    #[command(flatten)]
    pub key: KeyArgs,
}
