//! Dataset analyses (`ds.journeyMap(options)`, `ds.painPoints(options)`, …): one generic
//! path from an options object to the core's report as a plain object. Each analysis is a
//! few lines in the file named after its core module.

use crate::error::{arg, arg_error, guard, plain, IntoNapiResult};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

/// Runs one analysis: `options` (an object, `undefined` or `null`) → `O` through
/// `touchpoint::options_from_value` (an unknown or mistyped option is `INVALID_CONFIG`
/// naming it), then `f`, then the report with the core's snake_case keys.
pub(crate) fn analysis<O, R>(
    env: &Env,
    data: &touchpoint::Dataset,
    options: Unknown<'_>,
    f: impl FnOnce(&touchpoint::Dataset, &O) -> touchpoint::Result<R>,
) -> napi::Result<Value>
where
    O: DeserializeOwned + Default,
    R: Serialize,
{
    guard(env, || {
        let value: Option<Value> = arg(env, options, "options")?;
        let value = value.unwrap_or(Value::Null);
        if !(value.is_null() || value.is_object()) {
            return Err(arg_error(env, "options", "expected an options object, undefined or null"));
        }
        let options: O = touchpoint::options_from_value(value).into_napi(env)?;
        plain(env, f(data, &options).into_napi(env)?)
    })
}
