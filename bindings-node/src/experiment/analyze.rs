//! `analyzeExperiment(data, options)`.

use super::read;
use crate::error::{arg_error, guard, plain};
use crate::value::thrown;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use touchpoint::{ExperimentData, ExperimentOptions};

/// An A/B (or A/B/n) test from each variant's sufficient statistics: per metric, each
/// variant's value with its interval (Wilson's for a rate, Student's t for a mean) and each
/// treatment against the control (the first variant): absolute and relative effects with
/// intervals and p-values (z-tests for conversions, Welch's t for means, the delta method for
/// relative effects), corrected across comparisons when asked, and a verdict in words; and the
/// sample-ratio check of the exposures.
/// @throws {TouchpointError} `INVALID_CONFIG`, `OUT_OF_RANGE` or `INVALID_RECORD` naming the
/// field (`metrics[0].sum`) and the variant (`record N`); `INVALID_ARGUMENT` when `data` is
/// missing.
#[napi(
    ts_args_type = "data: ExperimentData, options?: ExperimentOptions | null",
    ts_return_type = "ExperimentReport"
)]
pub fn analyze_experiment<'env>(
    env: &'env Env,
    data: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let Some(data) = read::<ExperimentData>(env, data, "data")? else {
            return Err(arg_error(
                env,
                "data",
                "expected the experiment's data, an object",
            ));
        };
        let o: ExperimentOptions = crate::value::options(env, options)?;
        plain(env, thrown(env, touchpoint::analyze_experiment(&data, &o))?)
    })
}
