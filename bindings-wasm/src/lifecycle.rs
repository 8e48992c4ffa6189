//! Per-customer lifecycle and growth accounting per period: `ds.lifecycle(options?)`.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_LIFECYCLE: &'static str = r#"
/** Options of `ds.lifecycle()` (not typed field by field yet; see docs/guide-engagement.md). */
export type LifecycleOptions = AnalysisOptions;
/** The report of `ds.lifecycle()` (not typed field by field yet). */
export type LifecycleReport = AnalysisReport;
"#;

crate::analysis::analyses! {
    /// Stage, engagement phase and growth-accounting status per period.
    lifecycle / lifecycle: "LifecycleOptions", "LifecycleReport" => touchpoint::lifecycle;
}
