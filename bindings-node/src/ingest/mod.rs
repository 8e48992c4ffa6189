//! The readers: `Dataset.fromEvents` (`records.rs`), `Dataset.readSegment` (`segment.rs`),
//! `Dataset.readCsv` (`csv.rs`) and `Dataset.fromColumns` (`columns.rs`), mirroring
//! `core/src/ingest/`.

mod columns;
mod csv;
mod records;
mod segment;
