//! Fuzz target `analyses`: the body is `touchpoint_fuzz::analyses::run` (fuzz/targets/analyses.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint_fuzz::analyses::run(data));
