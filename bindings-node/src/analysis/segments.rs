//! Segmentation: RFM, engagement tiers and rule segments: `ds.rfm(options?)`, `ds.engagementTiers(options?)`, `ds.ruleSegments(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// RFM segmentation: recency, frequency and monetary scores 1–5 (by quintile) of every
    /// customer with a purchase, and named segments (champions, loyal, at risk, …) from a
    /// first-match-wins table.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    rfm, rfm_async: "options?: RfmOptions | null" => "RfmReport", "Promise<RfmReport>" = touchpoint::rfm;
    /// Engagement tiers: every customer in a tier (default inactive, casual, engaged,
    /// power) by their events in a recent window.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    engagement_tiers, engagement_tiers_async: "options?: TierOptions | null" => "TierReport", "Promise<TierReport>" = touchpoint::engagement_tiers;
    /// Rule segments: named rules over traits and built-in metrics in a small, safe
    /// predicate language (`plan == "pro" and (purchases >= 2 or revenue > 100)`); each
    /// rule counts its customers independently.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    rule_segments, rule_segments_async: "options?: RuleSegmentOptions | null" => "RuleSegmentReport", "Promise<RuleSegmentReport>" = touchpoint::rule_segments;
}
