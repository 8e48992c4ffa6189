//! The readers: `Dataset.fromEvents` (`records.rs`), `Dataset.readSegment` (`segment.rs`),
//! `Dataset.readCsv` (`csv.rs`) and `Dataset.fromColumns` (`columns.rs`), mirroring
//! `core/src/ingest/`.

pub(crate) mod cells;
pub mod columns;
pub mod csv;
pub mod records;
pub mod segment;
