//! Fuzz target `live`: the body is `touchpoint_fuzz::live::run` (fuzz/targets/live.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint_fuzz::live::run(data));
