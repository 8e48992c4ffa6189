//! `Dataset.prototype.overview`: every analysis from one pass.

use crate::analysis::analysis;
use crate::dataset::Dataset;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

#[napi]
impl Dataset {
    /// Every analysis at once, from a single pass over each customer's events: the CX
    /// report, sessions, lifecycle, a funnel (when `options.funnel` is given), retention,
    /// RFM segments, the journey map, pain points and the CX pyramid.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options?: OverviewOptions | null", ts_return_type = "OverviewReport")]
    pub fn overview(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::overview::overview)
    }
}
