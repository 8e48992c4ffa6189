//! Customer satisfaction of an array of answers: `csat(answers)`.

use super::summarize;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

/// Customer satisfaction of 1–5 answers: `csat` is the percent of answers that are 4 or 5.
/// With no answers `csat` and `mean` are `null`.
/// @throws {TouchpointError} `OUT_OF_RANGE` for an answer that is not a whole number
/// from 1 to 5; `INVALID_ARGUMENT` if `answers` is not an array, typed array or
/// other iterable of numbers (`record` is `"answer N"` for an element that is not a number).
#[napi(
    ts_args_type = "answers: Iterable<number>",
    ts_return_type = "CsatSummary"
)]
pub fn csat<'env>(env: &'env Env, answers: Unknown<'_>) -> napi::Result<Unknown<'env>> {
    summarize(env, answers, touchpoint::csat)
}
