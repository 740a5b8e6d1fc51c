//! Plumbing every cw-btp contract shares, written once: the `cw2` version
//! check on migration and the pause switch.

pub mod migrate;
pub mod ownership;
pub mod pause;
