//! Fuzz target `options`: the body is `touchpoint_fuzz::options::run` (fuzz/targets/options.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint_fuzz::options::run(data));
