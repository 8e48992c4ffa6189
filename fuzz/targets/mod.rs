//! The bodies of touchpoint's fuzz targets, in plain Rust.
//!
//! Each `pub fn run(data: &[u8])` feeds the bytes to one part of the public API and panics
//! (an `assert!`) when an invariant breaks. The same file is the library of the cargo-fuzz
//! crate (`fuzz/Cargo.toml`, one thin `fuzz_target!` per target in `fuzz/fuzz_targets/`) and
//! a module of the core's test `core/tests/fuzz_replay.rs`, which replays the committed
//! corpus and crashers through it: every crash found stays fixed. Only `touchpoint`,
//! `serde` and `serde_json` are used, and the decoding is deterministic.

pub mod analyses;
pub mod bytes;
pub mod check;
pub mod columns;
pub mod csv;
pub mod experiment;
pub mod live;
pub mod options;
pub mod predicate;
pub mod readers;
pub mod records;
pub mod segment;
pub mod sentiment;
pub mod survey;
pub mod value;

/// A target's body.
pub type Target = fn(&[u8]);

/// Every target, by name (the folder names under `fuzz/corpus/` and `fuzz/regressions/`).
pub const TARGETS: [(&str, Target); 12] = [
    ("segment", segment::run),
    ("csv", csv::run),
    ("records", records::run),
    ("columns", columns::run),
    ("predicate", predicate::run),
    ("options", options::run),
    ("analyses", analyses::run),
    ("value", value::run),
    ("experiment", experiment::run),
    ("sentiment", sentiment::run),
    ("survey", survey::run),
    ("live", live::run),
];
