//! `sampleSize(plan, relativeEffect)` and `minimumDetectableEffect(plan, controlUnits)`.

use super::read;
use crate::error::{arg, arg_error, guard, plain};
use crate::value::thrown;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use touchpoint::PowerOptions;

fn plan(env: &Env, value: Unknown<'_>) -> napi::Result<PowerOptions> {
    read::<PowerOptions>(env, value, "plan")?.ok_or_else(|| {
        arg_error(
            env,
            "plan",
            "expected a plan: { kind, baseline, stdDev?, alpha?, power?, alternative?, ratio? }",
        )
    })
}

/// The units an experiment needs to detect a relative effect (0.1 for +10%) on the baseline
/// with the planned power (statsmodels' `NormalIndPower`; rates by Cohen's h).
/// @throws {TouchpointError} `INVALID_CONFIG` naming a bad option or `relativeEffect`.
#[napi(
    ts_args_type = "plan: PowerPlan, relativeEffect: number",
    ts_return_type = "SampleSize"
)]
pub fn sample_size<'env>(
    env: &'env Env,
    plan_value: Unknown<'_>,
    relative_effect: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let o = plan(env, plan_value)?;
        let effect: f64 = arg(env, relative_effect, "relativeEffect")?;
        plain(env, thrown(env, touchpoint::sample_size(&o, effect))?)
    })
}

/// The smallest increase `controlUnits` control units detect with the planned power.
/// @throws {TouchpointError} `INVALID_CONFIG` naming a bad option or `controlUnits`.
#[napi(
    ts_args_type = "plan: PowerPlan, controlUnits: number",
    ts_return_type = "DetectableEffect"
)]
pub fn minimum_detectable_effect<'env>(
    env: &'env Env,
    plan_value: Unknown<'_>,
    control_units: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let o = plan(env, plan_value)?;
        let units: f64 = arg(env, control_units, "controlUnits")?;
        plain(
            env,
            thrown(env, touchpoint::minimum_detectable_effect(&o, units))?,
        )
    })
}
