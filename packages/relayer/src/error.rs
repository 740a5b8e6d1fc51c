//! The relayer's errors: what went wrong, with the context a user needs to
//! act on it (which chain, which file, which key), and a [`kind`](Error::kind)
//! for metrics and exit codes.

use std::fmt::Display;

/// An error of the relayer library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The configuration or the deployment file is missing, unreadable or
    /// inconsistent; fixing the files fixes it.
    #[error("{0}")]
    Config(String),
    /// A signing key cannot be loaded or derived.
    #[error("{0}")]
    Key(String),
    /// A node cannot be reached or answered an RPC call with an error.
    #[error("{0}")]
    Node(String),
    /// A node serves another chain than the configured one.
    #[error("{rpc} serves chain {actual}, not {expected}")]
    ChainIdMismatch {
        /// The node's RPC address.
        rpc: String,
        /// The configured chain id.
        expected: String,
        /// The chain id the node reports.
        actual: String,
    },
    /// An account cannot pay for transactions.
    #[error("{0}")]
    Funds(String),
    /// A transaction was refused or failed on chain.
    #[error("{0}")]
    Transaction(String),
    /// What a chain answered is not what the protocol expects (a malformed
    /// event, a proof that cannot be built, a link that is closed, ...).
    #[error("{0}")]
    Protocol(String),
    /// A file could not be read or written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// JSON that does not parse as expected.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// A CosmWasm type refused a value (an address, an amount, ...).
    #[error(transparent)]
    Std(#[from] cosmwasm_std::StdError),
    /// An error of a library the relayer calls.
    #[error(transparent)]
    External(Box<dyn std::error::Error + Send + Sync>),
    /// `source`, while doing `context`.
    #[error("{context}: {source}")]
    Context {
        /// What was being done.
        context: String,
        /// What went wrong.
        #[source]
        source: Box<Error>,
    },
}

/// A result of the relayer library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A [`Error::Protocol`] error with this message.
    pub fn msg(message: impl Display) -> Self {
        Self::Protocol(message.to_string())
    }

    /// The innermost error under its contexts.
    pub fn root(&self) -> &Error {
        match self {
            Self::Context { source, .. } => source.root(),
            other => other,
        }
    }

    /// A short name of what went wrong, for metrics labels and logs:
    /// `config`, `key`, `node`, `chain_id`, `funds`, `transaction`,
    /// `protocol`, `io`, `json`, `std` or `external`.
    pub fn kind(&self) -> &'static str {
        match self.root() {
            Self::Config(_) => "config",
            Self::Key(_) => "key",
            Self::Node(_) => "node",
            Self::ChainIdMismatch { .. } => "chain_id",
            Self::Funds(_) => "funds",
            Self::Transaction(_) => "transaction",
            Self::Protocol(_) => "protocol",
            Self::Io(_) => "io",
            Self::Json(_) => "json",
            Self::Std(_) => "std",
            Self::External(_) => "external",
            Self::Context { .. } => "context",
        }
    }

    /// Whether the configuration (or a command's options) is at fault rather
    /// than an operation: a command exits with a usage error then.
    pub fn is_config(&self) -> bool {
        matches!(self.root(), Self::Config(_))
    }

    /// This error under `context`.
    pub fn context(self, context: impl Display) -> Self {
        Self::Context {
            context: context.to_string(),
            source: Box::new(self),
        }
    }
}

macro_rules! external {
    ($($ty:ty),* $(,)?) => {$(
        impl From<$ty> for Error {
            fn from(err: $ty) -> Self {
                Self::External(Box::new(err))
            }
        }
    )*};
}

external!(
    std::num::ParseIntError,
    std::num::ParseFloatError,
    std::num::TryFromIntError,
    hex::FromHexError,
    prost::DecodeError,
    cosmrs::proto::prost::DecodeError,
    std::array::TryFromSliceError,
    prost::EncodeError,
    tendermint::Error,
    tendermint_rpc::Error,
    cosmwasm_std::OverflowError,
    cosmwasm_std::ConversionOverflowError,
    btp_types::AddressError,
);

/// `anyhow`'s `context` for the relayer's results: wraps an error (or a
/// `None`) with what was being done.
pub trait Context<T> {
    /// The error under `context`.
    fn context<C: Display>(self, context: C) -> Result<T>;
    /// The error under the context `context()` makes, made only on error.
    fn with_context<C: Display, F: FnOnce() -> C>(self, context: F) -> Result<T>;
}

impl<T, E: Into<Error>> Context<T> for std::result::Result<T, E> {
    fn context<C: Display>(self, context: C) -> Result<T> {
        self.map_err(|err| err.into().context(context))
    }

    fn with_context<C: Display, F: FnOnce() -> C>(self, context: F) -> Result<T> {
        self.map_err(|err| err.into().context(context()))
    }
}

impl<T> Context<T> for Option<T> {
    fn context<C: Display>(self, context: C) -> Result<T> {
        self.ok_or_else(|| Error::msg(context))
    }

    fn with_context<C: Display, F: FnOnce() -> C>(self, context: F) -> Result<T> {
        self.ok_or_else(|| Error::msg(context()))
    }
}

/// A [`Error::Protocol`] error from a format string.
macro_rules! failure {
    ($($arg:tt)*) => {
        $crate::error::Error::Protocol(format!($($arg)*))
    };
}

/// Returns a [`Error::Protocol`] error from a format string.
macro_rules! bail {
    ($($arg:tt)*) => {
        return Err($crate::error::failure!($($arg)*))
    };
}

/// Returns a [`Error::Protocol`] error unless the condition holds.
macro_rules! ensure {
    ($condition:expr, $($arg:tt)*) => {
        if !$condition {
            $crate::error::bail!($($arg)*);
        }
    };
}

pub(crate) use {bail, ensure, failure};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_read_outside_in_and_keep_the_kind_of_the_cause() {
        let err: Result<()> = Err(Error::Config("no chain c in the config".into()));
        let err = err.context("loading config.json").unwrap_err();
        assert_eq!(
            err.to_string(),
            "loading config.json: no chain c in the config"
        );
        assert_eq!(err.kind(), "config");
        assert!(err.is_config());
        let parsed: Result<u64> = "x".parse::<u64>().context("--max-batch");
        let parsed = parsed.unwrap_err();
        assert_eq!(parsed.kind(), "external");
        assert!(!parsed.is_config());
        assert!(parsed.to_string().starts_with("--max-batch: invalid digit"));
    }
}
