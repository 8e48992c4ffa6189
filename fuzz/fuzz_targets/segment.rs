//! Fuzz target `segment`: the body is `touchpoint_fuzz::segment::run` (fuzz/targets/segment.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint_fuzz::segment::run(data));
