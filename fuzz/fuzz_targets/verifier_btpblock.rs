#![no_main]
// The property lives in cw_btp_fuzz::verifier_btpblock (src/btpblock.rs), shared with the stable replay.
libfuzzer_sys::fuzz_target!(|data: &[u8]| cw_btp_fuzz::verifier_btpblock(data));
