//! Fuzz target `experiment`: the body is `touchpoint_fuzz::experiment::run` (fuzz/targets/experiment.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint_fuzz::experiment::run(data));
