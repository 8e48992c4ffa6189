//! `ds.rfm(options)`, `ds.engagement_tiers(options)`, `ds.rule_segments(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// RFM segmentation: recency, frequency and monetary scores per customer and named
    /// segments. `options`: see `RfmOptions`.
    rfm => touchpoint::rfm;
    /// Engagement tiers: customers ranked by activity and cut into tiers. `options`: see
    /// `TierOptions`.
    engagement_tiers => touchpoint::engagement_tiers;
    /// Rule segments: customers matched against named rules of the segment predicate
    /// language. `options`: see `RuleSegmentOptions`.
    rule_segments => touchpoint::rule_segments;
}
