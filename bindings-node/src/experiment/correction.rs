//! `adjustPValues(pValues, correction)`.

use super::read;
use crate::error::{arg_error, guard};
use crate::value::thrown;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use touchpoint::Correction;

/// The p-values adjusted for many comparisons, in order: `"holm"` (Holm-Bonferroni),
/// `"benjamini_hochberg"` or `"none"`, as statsmodels' `multipletests`.
/// @throws {TouchpointError} `OUT_OF_RANGE` naming `pValues` for a p-value outside [0, 1];
/// `INVALID_CONFIG` naming `correction` for an unknown one.
#[napi(
    ts_args_type = "pValues: number[], correction: 'none' | 'holm' | 'benjamini_hochberg'",
    ts_return_type = "number[]"
)]
pub fn adjust_p_values(
    env: &Env,
    p_values: Unknown<'_>,
    correction: Unknown<'_>,
) -> napi::Result<Vec<f64>> {
    guard(env, || {
        let Some(p) = read::<Vec<f64>>(env, p_values, "pValues")? else {
            return Err(arg_error(env, "pValues", "expected an array of p-values"));
        };
        let c = read::<Correction>(env, correction, "correction")?.unwrap_or_default();
        thrown(env, touchpoint::adjust_p_values(&p, c))
    })
}
