//! NPS, CSAT and CES of arrays of answers.

use crate::error::{arg, guard, plain, IntoNapiResult};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

/// The core function of one metric.
type Metric<S> = fn(&[f64]) -> touchpoint::Result<S>;

fn summarize<S: serde::Serialize>(env: &Env, answers: Unknown<'_>, metric: Metric<S>) -> napi::Result<Value> {
    guard(env, || {
        let answers: Vec<f64> = arg(env, answers, "answers")?;
        plain(env, metric(&answers).into_napi(env)?)
    })
}

/// Net Promoter Score of 0–10 answers: promoters (9–10), passives (7–8), detractors (0–6),
/// `nps` = % promoters − % detractors, and its 95% `margin_of_error`. With no answers
/// every ratio is `null`.
/// @throws {TouchpointError} `OUT_OF_RANGE` for an answer that is not a whole number
/// from 0 to 10 (`record` is `"answer N"`, 1-based); `INVALID_ARGUMENT` if `answers` is
/// not an array of numbers.
#[napi(ts_args_type = "answers: number[]", ts_return_type = "NpsSummary")]
pub fn nps(env: Env, answers: Unknown<'_>) -> napi::Result<Value> {
    summarize(&env, answers, touchpoint::nps)
}

/// Customer satisfaction of 1–5 answers: `csat` is the percent of answers that are 4 or 5.
/// With no answers `csat` and `mean` are `null`.
/// @throws {TouchpointError} `OUT_OF_RANGE` for an answer that is not a whole number
/// from 1 to 5; `INVALID_ARGUMENT` if `answers` is not an array of numbers.
#[napi(ts_args_type = "answers: number[]", ts_return_type = "CsatSummary")]
pub fn csat(env: Env, answers: Unknown<'_>) -> napi::Result<Value> {
    summarize(&env, answers, touchpoint::csat)
}

/// Customer effort score (CES 2.0) of 1–7 answers, 7 meaning least effort: mean, low
/// effort (5–7) and high effort (1–3). With no answers the ratios are `null`.
/// @throws {TouchpointError} `OUT_OF_RANGE` for an answer that is not a whole number
/// from 1 to 7; `INVALID_ARGUMENT` if `answers` is not an array of numbers.
#[napi(ts_args_type = "answers: number[]", ts_return_type = "CesSummary")]
pub fn ces(env: Env, answers: Unknown<'_>) -> napi::Result<Value> {
    summarize(&env, answers, touchpoint::ces)
}
