//! Customer effort score of an array of answers: `ces(answers)`.

use super::summarize;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

/// Customer effort score (CES 2.0) of 1–7 answers, 7 meaning least effort: mean, low
/// effort (5–7) and high effort (1–3). With no answers the ratios are `null`.
/// @throws {TouchpointError} `OUT_OF_RANGE` for an answer that is not a whole number
/// from 1 to 7; `INVALID_ARGUMENT` if `answers` is not an array, typed array or
/// other iterable of numbers (`record` is `"answer N"` for an element that is not a number).
#[napi(
    ts_args_type = "answers: Iterable<number>",
    ts_return_type = "CesSummary"
)]
pub fn ces<'env>(env: &'env Env, answers: Unknown<'_>) -> napi::Result<Unknown<'env>> {
    summarize(env, answers, touchpoint::ces)
}
