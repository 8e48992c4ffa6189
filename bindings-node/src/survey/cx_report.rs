//! `Dataset.prototype.cxReport` (and `cxReportAsync`): the CX report of a dataset.

use crate::dataset::Dataset;
use crate::error::{arg, guard, plain, to_js, to_value, IntoNapiResult};
use crate::task::{Job, Pending};
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
    pub fn cx_report<'env>(
        &self,
        env: &'env Env,
        stage_map: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        guard(env, || {
            let stages = read_stage_map(env, stage_map)?;
            plain(env, touchpoint::cx_report(&self.data(), &stages))
        })
    }

    /// `cxReport` off the event loop: the report is computed on the libuv thread pool and
    /// the promise resolves to the same object. It never throws: it rejects with the
    /// `TouchpointError` that `cxReport` would throw (a bad stage map included).
    #[napi(
        ts_args_type = "stageMap?: StageMapOverrides | null",
        ts_return_type = "Promise<CxReport>"
    )]
    pub fn cx_report_async(
        &self,
        env: Env,
        stage_map: Unknown<'_>,
    ) -> napi::Result<Pending<Value>> {
        Job::start(&env, || {
            let stages = read_stage_map(&env, stage_map)?;
            Ok(Job::spawn_on(
                &self.data(),
                move |data| to_value(touchpoint::cx_report(data, &stages)),
                to_js,
            ))
        })
    }
}

/// The `stageMap` argument (`undefined`, `null`, or kind → stage name or `null`) over the
/// default mapping.
fn read_stage_map(env: &Env, stage_map: Unknown<'_>) -> napi::Result<StageMap> {
    crate::js::check_options(env, stage_map, "stageMap")?;
    let overrides: Option<BTreeMap<String, Option<String>>> = arg(env, stage_map, "stageMap")?;
    let pairs = overrides
        .iter()
        .flatten()
        .map(|(kind, stage)| (kind.as_str(), stage.as_deref()));
    StageMap::with_overrides(pairs)
        .map_err(|e| e.map_field(camel_head))
        .into_napi(env)
}
