//! Segmentation: RFM, engagement tiers and rule segments: `ds.rfm(options?)`, `ds.engagementTiers(options?)`, `ds.ruleSegments(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " RFM segmentation: recency, frequency and monetary scores 1–5 (by quintile) of every"]
    #[doc = " customer with a purchase, and named segments (champions, loyal, at risk, …) from a"]
    #[doc = " first-match-wins table."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;"]
    #[doc = " `INVALID_ARGUMENT` if `options` is not an object."]
    rfm, rfm_async: "options?: RfmOptions | null" => "RfmReport", "Promise<RfmReport>" = touchpoint::rfm;
    #[doc = " Engagement tiers: every customer in a tier (default inactive, casual, engaged,"]
    #[doc = " power) by their events in a recent window."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;"]
    #[doc = " `INVALID_ARGUMENT` if `options` is not an object."]
    engagement_tiers, engagement_tiers_async: "options?: TierOptions | null" => "TierReport", "Promise<TierReport>" = touchpoint::engagement_tiers;
    #[doc = " Rule segments: named rules over traits and built-in metrics in a small, safe"]
    #[doc = " predicate language (`plan == \"pro\" and (purchases >= 2 or revenue > 100)`); each"]
    #[doc = " rule counts its customers independently."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;"]
    #[doc = " `INVALID_ARGUMENT` if `options` is not an object."]
    rule_segments, rule_segments_async: "options?: RuleSegmentOptions | null" => "RuleSegmentReport", "Promise<RuleSegmentReport>" = touchpoint::rule_segments;
}
