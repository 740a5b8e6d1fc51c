//! The BTP relayer as a library. A relayer only carries data: it reads what
//! a message center committed on one chain, and delivers it to the other with
//! a header and proofs that the destination's light client checks. It keeps no
//! state of its own — where to resume is read from the chains (the link's
//! `rx_seq` and the light client's latest height) — so it can stop and restart
//! at any time, and nothing it sends is believed without proof.

pub mod backend;
pub mod cli;
pub mod config;
pub mod demo;
pub mod header;
pub mod node;
pub mod relay;
pub mod sim;

pub use backend::{ChainBackend, CommittedMessage, Submitted};
pub use relay::{plan_relay, relay_once, Endpoint, RelayPlan, RelayReport};
