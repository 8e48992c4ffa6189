//! Funnels: conversion through a series of steps within a window: `ds.funnel(options)`.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_FUNNEL: &'static str = r#"
/** Options of `ds.funnel()` (not typed field by field yet; see docs/guide-funnels.md). */
export type FunnelOptions = AnalysisOptions;
/** The report of `ds.funnel()` (not typed field by field yet). */
export type FunnelReport = AnalysisReport;
"#;

crate::analysis::analyses! {
    /// The funnel of the steps given in `options`: conversion, drop-off and time per step.
    funnel / funnel: "FunnelOptions", "FunnelReport" => touchpoint::funnel;
}
