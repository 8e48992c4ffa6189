//! `Dataset.prototype.journeyMap`: how customers move between touchpoints.

use crate::analysis::analysis;
use crate::dataset::Dataset;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

#[napi]
impl Dataset {
    /// The journey map: every transition between steps (a step is an event kind, a channel
    /// or both, per `options.node`) with its probability and median time, the most common
    /// paths, and how often customers switch channels.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options?: JourneyOptions | null", ts_return_type = "JourneyMap")]
    pub fn journey_map(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::journey::journey_map)
    }
}
