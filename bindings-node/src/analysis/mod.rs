//! Dataset analyses (`ds.journeyMap(options)`, `ds.painPoints(options)`, …): one generic
//! path from an options object to the core's report as a plain object, and the
//! [`analyses!`] macro that declares the methods. Each analysis is one macro entry in the
//! file named after its core module (`analysis/funnel.rs` ↔ `core/src/analysis/funnel/`).

use crate::error::{arg, arg_error, guard, plain, IntoNapiResult};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

/// Runs one analysis: `options` (an object with camelCase keys, `undefined` or `null`) → `O`
/// and `f` through `touchpoint::with_camel_options` (an unknown, mistyped or invalid option
/// is `INVALID_CONFIG` naming it as written, `steps[1].withinSeconds`), then the report with
/// camelCase keys.
pub(crate) fn analysis<O, R>(
    env: &Env,
    data: &touchpoint::Dataset,
    options: Unknown<'_>,
    f: impl FnOnce(&touchpoint::Dataset, &O) -> touchpoint::Result<R>,
) -> napi::Result<Value>
where
    O: DeserializeOwned + Default + Serialize,
    R: Serialize,
{
    guard(env, || {
        let value: Option<Value> = arg(env, options, "options")?;
        let value = value.unwrap_or(Value::Null);
        if !(value.is_null() || value.is_object()) {
            return Err(arg_error(
                env,
                "options",
                "expected an options object, undefined or null",
            ));
        }
        let report = touchpoint::with_camel_options(value, |o: &O| f(data, o)).into_napi(env)?;
        plain(env, report)
    })
}

/// Declares `Dataset` methods that run analyses through [`analysis`]:
/// `rust_name: "TypeScript arguments" => "TypeScript report type" = core function;`.
/// The calling file must have `Dataset` in scope (`#[napi]` wants a plain type name).
macro_rules! analyses {
    ($( $(#[$doc:meta])* $name:ident : $args:literal => $report:literal = $f:path; )+) => {
        #[napi_derive::napi]
        impl Dataset {
            $(
                $(#[$doc])*
                #[napi(ts_args_type = $args, ts_return_type = $report)]
                pub fn $name(
                    &self,
                    env: napi::Env,
                    options: napi::bindgen_prelude::Unknown<'_>,
                ) -> napi::Result<serde_json::Value> {
                    $crate::analysis::analysis(&env, &self.data, options, $f)
                }
            )+
        }
    };
}
pub(crate) use analyses;

mod cx_pyramid;
mod engagement;
mod engagement_score;
mod funnel;
mod journey_map;
mod lifecycle;
mod overview;
mod pain_points;
mod retention;
mod segments;
mod sessions;
