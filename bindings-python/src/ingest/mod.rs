//! The readers: `Dataset.from_events` (`records.rs`), `Dataset.read_segment`
//! (`segment.rs`) and `Dataset.read_csv` (`csv.rs`), which take a path, a file object or text
//! (`source.rs`), and `Dataset.from_arrow` (`columns.rs`:
//! Arrow data, pandas and polars frames, read in place), mirroring `core/src/ingest/`.

pub(crate) mod arrow;
pub(crate) mod columns;
mod csv;
pub(crate) mod records;
mod segment;
mod source;
