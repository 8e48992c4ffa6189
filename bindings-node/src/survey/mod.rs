//! Survey scores: `nps(answers)`, `csat(answers)`, `ces(answers)` (one file each) and
//! `ds.cxReport(stageMap?)` (`cx_report.rs`), mirroring `core/src/survey/`.

use crate::error::{guard, plain, IntoNapiResult};
use napi::bindgen_prelude::Unknown;
use napi::Env;

/// The core function of one metric.
pub(crate) type Metric<S> = fn(&[f64]) -> touchpoint::Result<S>;

/// Reads `answers` (an array, typed array or other iterable of numbers) and summarizes them with `metric`.
pub(crate) fn summarize<'env, S: serde::Serialize>(
    env: &'env Env,
    answers: Unknown<'_>,
    metric: Metric<S>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let answers = crate::js::answers(env, answers)?;
        plain(env, metric(&answers).into_napi(env)?)
    })
}

mod ces;
mod csat;
mod cx_report;
mod nps;
mod programme;
