//! Workspace-level scenario tests live in this folder, one file per scenario;
//! this crate has no code of its own.
