//! `Dataset.prototype.cxPyramid`: the six-level CX pyramid.

use crate::analysis::analysis;
use crate::dataset::Dataset;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

#[napi]
impl Dataset {
    /// The CX pyramid: six levels (information, problem solving, underlying need,
    /// anticipation, proactivity, transformation), each an indicator measured from the data
    /// and judged against a threshold; the highest level reached and the weakest one.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options?: PyramidOptions | null", ts_return_type = "PyramidReport")]
    pub fn cx_pyramid(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::pyramid::cx_pyramid)
    }
}
