//! Retention: a cohort matrix by day, week or month: `ds.retention(options?)`.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_RETENTION: &'static str = r#"
/** Options of `ds.retention()` (not typed field by field yet; see docs/guide-funnels.md). */
export type RetentionOptions = AnalysisOptions;
/** The report of `ds.retention()` (not typed field by field yet). */
export type RetentionReport = AnalysisReport;
"#;

crate::analysis::analyses! {
    /// The retention matrix: cohorts by start period, retained share N periods later.
    retention / retention: "RetentionOptions", "RetentionReport" => touchpoint::retention;
}
