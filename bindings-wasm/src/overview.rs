//! Every analysis from one pass: `ds.overview(options?)`.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_OVERVIEW: &'static str = r#"
/** Options of `ds.overview()`: one block per analysis plus a top-level `stage_map` (see docs/guide-journey.md). */
export type OverviewOptions = AnalysisOptions;
/** The report of `ds.overview()`: `cx`, `sessions`, `lifecycle`, `funnel`, `retention`, `rfm`, `journey`, `pain_points`, `pyramid`. */
export type OverviewReport = AnalysisReport;
"#;

crate::analysis::analyses! {
    /// Every analysis at once, from a single pass over each customer's events.
    overview / overview: "OverviewOptions", "OverviewReport" => touchpoint::overview::overview;
}
