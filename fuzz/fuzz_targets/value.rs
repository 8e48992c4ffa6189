//! Fuzz target `value`: the body is `touchpoint_fuzz::value::run` (fuzz/targets/value.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint_fuzz::value::run(data));
