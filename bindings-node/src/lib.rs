//! Node bindings of touchpoint, built with napi-rs. Only conversions live here: arguments
//! go in as serde values, results come out as plain objects, and errors become JavaScript
//! `Error`s with `code`, `record` and `field`.
//!
//! The files mirror the core's areas (ARCHITECTURE.md): `dataset.rs`, `ingest/` (one file
//! per reader), `survey/` (NPS, CSAT, CES, the CX report) and `analysis/` (one file per
//! analysis, each an entry of the `analyses!` macro).

mod analysis;
mod dataset;
mod error;
mod ingest;
mod survey;
