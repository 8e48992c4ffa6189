//! The readers: `Dataset.fromEvents` (`records.rs`), `Dataset.readSegment` (`segment.rs`),
//! `Dataset.readCsv` (`csv.rs`) and `Dataset.fromColumns` (`columns.rs`), mirroring
//! `core/src/ingest/`. Each file also has the reader's `…Async` form (`readCsvAsync`, …),
//! through `crate::dataset::read_async`.

pub(crate) mod columns;
mod csv;
mod records;
mod segment;
