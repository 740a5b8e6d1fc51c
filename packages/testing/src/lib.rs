//! cw-btp's shared test suite: every contract of the suite wrapped for
//! `cw-multi-test`, so each test stores the real contract code it exercises.

pub mod contracts;
