//! Engagement metrics (click-through, open, conversion, active users, …): `ds.engagement(options?)`.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ENGAGEMENT: &'static str = r#"
/** Options of `ds.engagement()` (not typed field by field yet; see docs/guide-engagement.md). */
export type EngagementOptions = AnalysisOptions;
/** The report of `ds.engagement()` (not typed field by field yet). */
export type EngagementReport = AnalysisReport;
"#;

crate::analysis::analyses! {
    /// Engagement metrics overall, per group and per time bucket.
    engagement / engagement: "EngagementOptions", "EngagementReport" => touchpoint::engagement;
}
