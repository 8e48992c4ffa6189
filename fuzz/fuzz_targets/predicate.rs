//! Fuzz target `predicate`: the body is `touchpoint_fuzz::predicate::run` (fuzz/targets/predicate.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint_fuzz::predicate::run(data));
