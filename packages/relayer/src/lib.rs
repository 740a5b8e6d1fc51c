//! The BTP relayer as a library. A relayer only carries data: it reads what
//! a message center committed on one chain, and delivers it to the other with
//! a header and proofs that the destination's light client checks. It keeps no
//! state of its own — where to resume is read from the chains (the link's
//! `rx_seq` and the light client's latest height) — so it can stop and restart
//! at any time, and nothing it sends is believed without proof.
//!
//! Two steps, each one transaction with the light-client update it needs
//! ([`relay`]): [`relay_once`] delivers a batch of committed messages with
//! one proof of the chain head of its last message; [`resolve_timeouts_once`]
//! resolves, on the chain that sent them, the requests whose timeout passed
//! on the other chain before they were delivered (their senders are
//! refunded), with one proof of the other chain's receive sequence.
//!
//! [`service::run`] loops both steps over every link of a [`config`],
//! recording [`metrics`]; [`status`] reads what is in flight. Errors are
//! [`Error`]s; progress is reported with `tracing` events. The `btp`
//! command is the `btp-cli` package; the simulated-chain backend used by
//! tests and `btp demo` is in `packages/testing` (feature `relayer`), so
//! that this library depends on no test crate.

pub mod backend;
pub mod config;
pub mod error;
pub mod gaps;
pub mod header;
pub mod metrics;
pub mod node;
pub mod relay;
pub mod service;
pub mod status;
pub mod swap;

pub use backend::{ChainBackend, CommittedMessage, ProvenValue, Submitted};
pub use error::{Error, Result};
pub use relay::{
    pending_requests, plan_relay, plan_timeouts, relay_once, resolve_timeouts_once, Endpoint,
    RelayPlan, RelayReport, TimedOutRequest, TimeoutPlan, TimeoutReport,
};
