//! `Dataset.prototype.cxReport`: the CX report of a dataset.

use crate::dataset::Dataset;
use crate::error::{arg, guard, plain, IntoNapiResult};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;
use std::collections::BTreeMap;
use touchpoint::camel_case::camel_head;
use touchpoint::StageMap;

#[napi]
impl Dataset {
    /// The CX report: NPS, CSAT and CES overall, per channel and per journey stage the
    /// customer had reached when answering, and how many customers stand at each stage.
    /// `stageMap` overrides the default event kind → stage mapping, e.g.
    /// `{ survey_response: 'discover', purchase: null }` (`null`: the kind moves no one; the
    /// keys are kinds, written as they are).
    /// @throws {TouchpointError} `INVALID_CONFIG` for an unknown stage name (`field` is
    /// `"stageMap.<kind>"`); `INVALID_ARGUMENT` if `stageMap` is not such an object.
    #[napi(
        ts_args_type = "stageMap?: StageMapOverrides | null",
        ts_return_type = "CxReport"
    )]
    pub fn cx_report(&self, env: Env, stage_map: Unknown<'_>) -> napi::Result<Value> {
        guard(&env, || {
            let overrides: Option<BTreeMap<String, Option<String>>> =
                arg(&env, stage_map, "stageMap")?;
            let pairs = overrides
                .iter()
                .flatten()
                .map(|(kind, stage)| (kind.as_str(), stage.as_deref()));
            let stages = StageMap::with_overrides(pairs)
                .map_err(|e| e.map_field(camel_head))
                .into_napi(&env)?;
            plain(&env, touchpoint::cx_report(&self.data, &stages))
        })
    }
}
