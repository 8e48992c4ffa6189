//! `experimentFromRows(rows, options)`: one row per unit summed into an experiment's data.

use super::read;
use crate::error::{arg_error, guard, plain};
use crate::value::thrown;
use napi::bindgen_prelude::{JsObjectValue, JsValue, Object, Unknown};
use napi::Env;
use napi_derive::napi;
use touchpoint::RowOptions;

/// Sums one row per unit (customer) into the data `analyzeExperiment` takes: `rows` is an
/// array of row objects or an object of column arrays; `options.variant` names the variant
/// column (default `"variant"`), `options.metrics` the metrics
/// (`{ name, kind, column?, denominator?, covariate? }`). Column names are used as given.
/// @throws {TouchpointError} `INVALID_RECORD` naming the row and column of a missing or
/// non-numeric value, a conversion other than 0/1, or an unlisted variant; `INVALID_CONFIG`
/// for a missing column or bad options.
#[napi(
    ts_args_type = "rows: Array<Record<string, unknown>> | Record<string, unknown[]>, options: ExperimentRowOptions",
    ts_return_type = "ExperimentData"
)]
pub fn experiment_from_rows<'env>(
    env: &'env Env,
    rows: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let Some(o) = read::<RowOptions>(env, options, "options")? else {
            return Err(arg_error(env, "options", "expected the metrics, an object"));
        };
        // Read as JSON without respelling: column names are the user's.
        let mut wrapper = Object::new(env)?;
        wrapper.set_named_property("rows", rows)?;
        let mut json = crate::js::options(env, wrapper.to_unknown())?;
        let rows = json["rows"].take();
        plain(
            env,
            thrown(env, touchpoint::experiment_from_records(&rows, &o))?,
        )
    })
}
