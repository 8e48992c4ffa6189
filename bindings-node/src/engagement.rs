//! `Dataset.prototype.engagement`: active users, stickiness, frequency, conversion.

use crate::analysis::analysis;
use crate::dataset::Dataset;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

#[napi]
impl Dataset {
    /// Engagement metrics: click-through, e-mail opens, conversion, active users (DAU /
    /// WAU / MAU) and stickiness, interaction frequency, retention, repeat purchase, upsell,
    /// social engagement and referrals; overall, per channel or trait, and per time bucket.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(ts_args_type = "options?: EngagementOptions | null", ts_return_type = "EngagementReport")]
    pub fn engagement(&self, env: Env, options: Unknown<'_>) -> napi::Result<Value> {
        analysis(&env, &self.data, options, touchpoint::engagement)
    }
}
