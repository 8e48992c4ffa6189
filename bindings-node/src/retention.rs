//! `Dataset.prototype.retention`: cohort retention.

use crate::analysis::analysis;
use crate::dataset::Dataset;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

#[napi]
impl Dataset {
    /// Retention: customers grouped into cohorts by the period of their start event, and
    /// the share of each cohort active in each later period, with weighted averages.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options?: RetentionOptions | null", ts_return_type = "RetentionReport")]
    pub fn retention(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::retention)
    }
}
