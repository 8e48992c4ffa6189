//! Segmentation: RFM, engagement tiers and rule-based segments: `ds.rfm(options?)`, `ds.engagementTiers(options?)`, `ds.ruleSegments(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// RFM: recency, frequency and monetary scores of each buyer and the named segments.
    rfm / rfm: "RfmOptions", "RfmReport" => touchpoint::rfm;
    /// Engagement tiers: customers grouped by their number of recent events.
    engagementTiers / engagement_tiers: "TierOptions", "TierReport" => touchpoint::engagement_tiers;
    /// Rule-based segments: named predicates over traits and metrics, each counted.
    ruleSegments / rule_segments: "RuleSegmentOptions", "RuleSegmentReport" => touchpoint::rule_segments;
}
