//! Fuzz target `records`: the body is `touchpoint_fuzz::records::run` (fuzz/targets/records.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint_fuzz::records::run(data));
