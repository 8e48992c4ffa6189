//! Net Promoter Score of an array of answers: `nps(answers)`.

use super::summarize;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

/// Net Promoter Score of 0–10 answers: promoters (9–10), passives (7–8), detractors (0–6),
/// `nps` = % promoters − % detractors, and its 95% `marginOfError`. With no answers
/// every ratio is `null`.
/// @throws {TouchpointError} `OUT_OF_RANGE` for an answer that is not a whole number
/// from 0 to 10 (`record` is `"answer N"`, 1-based); `INVALID_ARGUMENT` if `answers` is
/// not an array, typed array or other iterable of numbers (`record` names the element).
#[napi(
    ts_args_type = "answers: Iterable<number>",
    ts_return_type = "NpsSummary"
)]
pub fn nps<'env>(env: &'env Env, answers: Unknown<'_>) -> napi::Result<Unknown<'env>> {
    summarize(env, answers, touchpoint::nps)
}
