//! Survey scores of plain answers: `nps(answers)`, `csat(answers)`, `ces(answers)` (one file
//! each), and the CX report of a dataset (`cx_report.rs`), mirroring `core/src/survey/`.
//! `answers` is an array (or typed array, or other iterable) of numbers; a value off the
//! scale is `OUT_OF_RANGE` naming its 1-based position (`record: "answer 2"`).

pub mod ces;
pub mod csat;
pub mod cx_report;
pub mod nps;
pub mod programme;
