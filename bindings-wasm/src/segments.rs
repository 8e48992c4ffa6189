//! Segmentation: RFM, engagement tiers and rule-based segments: `ds.rfm(options?)`, `ds.engagementTiers(options?)`, `ds.ruleSegments(options)`.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_SEGMENTS: &'static str = r#"
/** Options of `ds.rfm()` (not typed field by field yet; see docs/guide-segments.md). */
export type RfmOptions = AnalysisOptions;
/** The report of `ds.rfm()` (not typed field by field yet). */
export type RfmReport = AnalysisReport;
/** Options of `ds.engagementTiers()` (not typed field by field yet; see docs/guide-segments.md). */
export type TierOptions = AnalysisOptions;
/** The report of `ds.engagementTiers()` (not typed field by field yet). */
export type TierReport = AnalysisReport;
/** Options of `ds.ruleSegments()` (not typed field by field yet; see docs/guide-segments.md). */
export type RuleSegmentOptions = AnalysisOptions;
/** The report of `ds.ruleSegments()` (not typed field by field yet). */
export type RuleSegmentReport = AnalysisReport;
"#;

crate::analysis::analyses! {
    /// RFM: recency, frequency and monetary scores of each buyer and the named segments.
    rfm / rfm: "RfmOptions", "RfmReport" => touchpoint::rfm;
    /// Engagement tiers: customers grouped by their number of recent events.
    engagementTiers / engagement_tiers: "TierOptions", "TierReport" => touchpoint::engagement_tiers;
    /// Rule-based segments: named predicates over traits and metrics, each counted.
    ruleSegments / rule_segments: "RuleSegmentOptions", "RuleSegmentReport" => touchpoint::rule_segments;
}
