//! `sampleRatioCheck(units, weights, threshold)`.

use super::read;
use crate::error::{arg_error, guard, plain};
use crate::value::thrown;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

/// The exposures per variant against the planned split (`weights`, equal by default):
/// Pearson's chi-square, its p-value, and `mismatch` below `threshold` (default 0.001).
/// @throws {TouchpointError} `INVALID_CONFIG` (fewer than two variants, weights that do
/// not sum to 1, no unit at all) or `OUT_OF_RANGE` naming `weights`.
#[napi(
    ts_args_type = "units: number[], weights?: number[] | null, threshold?: number | null",
    ts_return_type = "SampleRatioCheck"
)]
pub fn sample_ratio_check<'env>(
    env: &'env Env,
    units: Unknown<'_>,
    weights: Unknown<'_>,
    threshold: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let Some(units) = read::<Vec<u64>>(env, units, "units")? else {
            return Err(arg_error(
                env,
                "units",
                "expected the units of each variant",
            ));
        };
        let weights = read::<Vec<f64>>(env, weights, "weights")?;
        let threshold = read::<f64>(env, threshold, "threshold")?.unwrap_or(0.001);
        plain(
            env,
            thrown(
                env,
                touchpoint::sample_ratio_check(&units, weights.as_deref(), threshold),
            )?,
        )
    })
}
