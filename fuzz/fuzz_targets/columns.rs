//! Fuzz target `columns`: the body is `touchpoint_fuzz::columns::run` (fuzz/targets/columns.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint_fuzz::columns::run(data));
