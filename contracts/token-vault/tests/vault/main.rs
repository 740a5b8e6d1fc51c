//! The token vault in `cw-multi-test`, with real `cw20-base` tokens: one
//! attack or property per test.

mod access;
mod cw20_lock;
mod native;
mod overflow;
mod pause;
mod settle;
mod wrapped;
