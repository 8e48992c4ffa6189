//! # touchpoint-wasm
//!
//! The browser binding of [`touchpoint`]: an ES module (`wasm-bindgen --target web`) whose
//! functions convert JavaScript arguments in, call the core, and convert results and errors
//! out. No analytics happen here.
//!
//! - results are the core's serde form as plain objects (snake_case keys, `null` for "no
//!   data"), typed in the generated `.d.ts` by the interfaces of the TypeScript sections;
//! - every error is a real JavaScript `Error` with `code`, `record` and `field`
//!   ([`error`]); a panic becomes an `INTERNAL` error and the module re-instantiates itself.
//!
//! File names mirror the core: `nps.rs` (NPS, CSAT, CES), `dataset.rs` (reading data),
//! `columns.rs` (`Dataset.fromColumns`: events as columns and typed arrays),
//! `report.rs` (the CX report), and one file per dataset analysis (`journey.rs`,
//! `funnel.rs`, …) sharing `analysis.rs`. `convert.rs` holds the argument and result conversions.

mod analysis;
pub mod columns;
mod convert;
pub mod dataset;
pub mod engagement;
pub mod error;
pub mod funnel;
pub mod journey;
pub mod lifecycle;
pub mod nps;
pub mod overview;
pub mod painpoints;
pub mod pyramid;
pub mod report;
pub mod retention;
pub mod score;
pub mod segments;
pub mod sessions;
