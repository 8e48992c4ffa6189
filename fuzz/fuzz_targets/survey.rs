//! Fuzz target `survey`: the body is `touchpoint_fuzz::survey::run` (fuzz/targets/survey.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint_fuzz::survey::run(data));
