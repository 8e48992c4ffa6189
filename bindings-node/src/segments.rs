//! `Dataset.prototype.rfm`, `.engagementTiers` and `.ruleSegments`: customer segmentation.

use crate::analysis::analysis;
use crate::dataset::Dataset;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

#[napi]
impl Dataset {
    /// RFM segmentation: recency, frequency and monetary scores 1–5 (by quintile) of every
    /// customer with a purchase, and named segments (champions, loyal, at risk, …) from a
    /// first-match-wins table.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options?: RfmOptions | null", ts_return_type = "RfmReport")]
    pub fn rfm(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::rfm)
    }

    /// Engagement tiers: every customer in a tier (default inactive, casual, engaged,
    /// power) by their events in a recent window.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options?: TierOptions | null", ts_return_type = "TierReport")]
    pub fn engagement_tiers(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::engagement_tiers)
    }

    /// Rule segments: named rules over traits and built-in metrics in a small, safe
    /// predicate language (`plan == "pro" and (purchases >= 2 or revenue > 100)`); each
    /// rule counts its customers independently.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options?: RuleSegmentOptions | null", ts_return_type = "RuleSegmentReport")]
    pub fn rule_segments(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::rule_segments)
    }
}
