//! Pain points: friction signals per channel and journey stage, ranked by severity: `ds.painPoints(options?)`.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_PAINPOINTS: &'static str = r#"
/** Options of `ds.painPoints()` (not typed field by field yet; see docs/guide-journey.md). */
export type PainPointOptions = AnalysisOptions;
/** The report of `ds.painPoints()` (not typed field by field yet). */
export type PainPointReport = AnalysisReport;
"#;

crate::analysis::analyses! {
    /// The ranked pain points (friction per channel and journey stage).
    painPoints / pain_points: "PainPointOptions", "PainPointReport" => touchpoint::painpoints::pain_points;
}
