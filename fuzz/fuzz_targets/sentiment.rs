//! Fuzz target `sentiment`: the body is `touchpoint_fuzz::sentiment::run` (fuzz/targets/sentiment.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint_fuzz::sentiment::run(data));
