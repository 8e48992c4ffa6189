//! The engagement score (0–100 per customer, health bands, trend): `ds.engagementScore(options?)`.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_SCORE: &'static str = r#"
/** Options of `ds.engagementScore()` (not typed field by field yet; see docs/guide-engagement.md). */
export type ScoreOptions = AnalysisOptions;
/** The report of `ds.engagementScore()` (not typed field by field yet). */
export type ScoreReport = AnalysisReport;
"#;

crate::analysis::analyses! {
    /// The engagement score of every customer, its distribution and health bands.
    engagementScore / engagement_score: "ScoreOptions", "ScoreReport" => touchpoint::engagement_score;
}
