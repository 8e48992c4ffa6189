//! `npsDifference(control, treatment, alpha)`.

use super::read;
use crate::error::{guard, plain};
use crate::value::thrown;
use napi::bindgen_prelude::{JsValue, Unknown};
use napi::{Env, ValueType};
use napi_derive::napi;
use touchpoint::NpsCounts;

/// A group: counts (`{ promoters, passives, detractors }`; an `nps()` result serves), or the
/// 0–10 answers (an array or other iterable).
fn counts(env: &Env, value: Unknown<'_>, name: &str) -> napi::Result<NpsCounts> {
    let is_counts =
        value.get_type()? == ValueType::Object && !value.is_array()? && !value.is_typedarray()?;
    if is_counts {
        if let Some(c) = read::<NpsCounts>(env, value, name)? {
            return Ok(c);
        }
    }
    let answers = crate::js::answers(env, value)?;
    let s = thrown(env, touchpoint::nps(&answers))?;
    Ok(NpsCounts {
        promoters: s.promoters,
        passives: s.passives,
        detractors: s.detractors,
    })
}

/// The NPS of `treatment` minus that of `control` (two variants or two survey waves), with
/// its interval at 1 − alpha (default 0.05) and a two-sided z-test from each score's
/// trinomial variance.
/// @throws {TouchpointError} `INVALID_CONFIG` naming `control` or `treatment` (no answers,
/// no spread) or `alpha`; `OUT_OF_RANGE` for an answer outside 0–10.
#[napi(
    ts_args_type = "control: NpsCounts | Iterable<number>, treatment: NpsCounts | Iterable<number>, alpha?: number | null",
    ts_return_type = "NpsDifference"
)]
pub fn nps_difference<'env>(
    env: &'env Env,
    control: Unknown<'_>,
    treatment: Unknown<'_>,
    alpha: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let c = counts(env, control, "control")?;
        let t = counts(env, treatment, "treatment")?;
        let alpha = read::<f64>(env, alpha, "alpha")?.unwrap_or(0.05);
        plain(env, thrown(env, touchpoint::nps_difference(&c, &t, alpha))?)
    })
}
