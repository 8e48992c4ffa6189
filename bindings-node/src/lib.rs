//! Node bindings of touchpoint, built with napi-rs. Only conversions live here: arguments
//! go in as serde values, results come out as plain objects, and errors become instances of
//! the package's `TouchpointError` class (defined in touchpoint.js, the package's entry) with
//! `code`, `record` and `field`. Every call that can take long on large data has an `…Async`
//! form run on the libuv thread pool (`task.rs`).
//!
//! The files mirror the core's areas (ARCHITECTURE.md): `dataset.rs`, `ingest/` (one file
//! per reader), `survey/` (NPS, CSAT, CES, the CX report), `analysis/` (one file per
//! analysis, each an entry of the `analyses!` macro) and `value/` (churn risk and lifetime
//! value: purchase histories, the `PurchaseModel` and `SpendModel` classes, one file per core
//! type).

mod analysis;
mod dataset;
mod error;
mod experiment;
mod feedback;
mod ingest;
mod js;
mod live;
mod parallel;
mod partial;
mod per_env;
mod privacy;
mod survey;
mod task;
mod value;
