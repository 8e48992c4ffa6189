//! `Dataset.prototype.engagementScore`: a 0–100 engagement score per customer.

use crate::analysis::analysis;
use crate::dataset::Dataset;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

#[napi]
impl Dataset {
    /// The engagement score: a 0–100 score per customer from weighted events whose weight
    /// decays with age, with health bands, the trend against an earlier time and the
    /// distribution.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options?: ScoreOptions | null", ts_return_type = "ScoreReport")]
    pub fn engagement_score(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::engagement_score)
    }
}
