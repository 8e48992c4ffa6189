//! `Dataset.prototype.painPoints`: where the journey hurts.

use crate::analysis::analysis;
use crate::dataset::Dataset;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

#[napi]
impl Dataset {
    /// Pain points: friction signals (high effort, low satisfaction, detractors, support
    /// tickets, unresolved tickets, slow resolution, drop-off) per channel and journey stage,
    /// each with a 0–100 severity, ranked by severity × weight.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option
    /// (`weights.<signal>`, `stage_map.<kind>`, …); `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options?: PainPointOptions | null", ts_return_type = "PainPointReport")]
    pub fn pain_points(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::painpoints::pain_points)
    }
}
