//! `Dataset.prototype.sessions`: events split into sessions at gaps of inactivity.

use crate::analysis::analysis;
use crate::dataset::Dataset;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

#[napi]
impl Dataset {
    /// Sessions: each customer's events split at gaps longer than
    /// `options.inactivity_seconds` (default 1800), with sessions per customer, events per
    /// session, session duration and time per customer (mean and median); optionally by
    /// channel and per customer.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options?: SessionOptions | null", ts_return_type = "SessionReport")]
    pub fn sessions(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::sessions)
    }
}
