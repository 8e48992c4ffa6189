//! # touchpoint-wasm
//!
//! The browser binding of [`touchpoint`]: an ES module (`wasm-bindgen --target web`) whose
//! functions convert JavaScript arguments in, call the core, and convert results and errors
//! out. No analytics happen here.
//!
//! - options and event objects are read with camelCase keys, and results are the core's serde
//!   form as plain objects with struct fields in camelCase (`touchpoint::camel_case`; map keys
//!   such as channel names are data and stay as written; `null` for "no data"), typed field
//!   by field in the generated `.d.ts` by `types/results.d.ts` (shared with the Node package)
//!   and the TypeScript sections of this crate;
//! - every error is a `TouchpointError` (exported: `js/error.js`), a real JavaScript `Error`
//!   with `code`, `record` and `field` ([`error`]); a panic becomes an `INTERNAL` error and the
//!   module re-instantiates itself.
//!
//! File names mirror the core's areas (ARCHITECTURE.md): `dataset.rs`, `ingest/` (one file
//! per reader: `records.rs` → `Dataset.fromEvents`, `segment.rs`, `csv.rs`, `columns.rs` →
//! `Dataset.fromColumns`), `survey/` (NPS, CSAT, CES, the CX report) and `analysis/` (one
//! file per analysis, each an entry of the `analyses!` macro), `value/` (churn risk and
//! lifetime value: histories, the purchase and spend models, one file per core type).
//! `convert.rs` holds the argument and result conversions.

// The TypeScript types of every result and of the analyses' options, field by field: one
// file shared with the Node package (part of its napi-rs header), so both packages declare
// the same types. The sections of the other files declare what is the browser's own.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_RESULTS: &'static str = include_str!("../../types/results.d.ts");
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_FEEDBACK: &'static str = include_str!("../../types/feedback.d.ts");
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_LIVE: &'static str = include_str!("../../types/live.d.ts");

pub mod analysis;
mod convert;
pub mod dataset;
pub mod error;
pub mod experiment;
pub mod feedback;
pub mod ingest;
pub mod live;
pub mod parallel;
pub mod partial;
pub mod privacy;
pub mod survey;
pub mod value;
