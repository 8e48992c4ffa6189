//! `Dataset.prototype.lifecycle`: where each customer stands in their lifecycle.

use crate::analysis::analysis;
use crate::dataset::Dataset;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

#[napi]
impl Dataset {
    /// Lifecycle: new, returning, resurrecting and dormant customers per period, the
    /// engagement phases (first experience, relationship, loyalty, advocacy), journey-stage
    /// transitions per period, and optionally one row per customer.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options?: LifecycleOptions | null", ts_return_type = "LifecycleReport")]
    pub fn lifecycle(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::lifecycle)
    }
}
