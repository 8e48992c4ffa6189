//! Fuzz target `csv`: the body is `touchpoint_fuzz::csv::run` (fuzz/targets/csv.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint_fuzz::csv::run(data));
