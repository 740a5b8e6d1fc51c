#![no_main]
// The property lives in cw_btp_fuzz::call_message (src/codec.rs), shared with the stable replay.
libfuzzer_sys::fuzz_target!(|data: &[u8]| cw_btp_fuzz::call_message(data));
