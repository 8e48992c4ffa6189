//! `Dataset.prototype.funnel`: conversion through ordered steps.

use crate::analysis::analysis;
use crate::dataset::Dataset;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

#[napi]
impl Dataset {
    /// The funnel: how many customers reach each step (ordered, strict or any order,
    /// within a window), conversion and drop-off per step, time between steps, and
    /// optionally a breakdown by channel or trait.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options: FunnelOptions", ts_return_type = "FunnelReport")]
    pub fn funnel(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::funnel)
    }
}
