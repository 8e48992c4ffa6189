//! Core errors, bad arguments and panics, turned into thrown JavaScript `Error`s.
//!
//! Every error this package throws is a real `Error` (`instanceof Error` holds) carrying
//! `code` (a stable string such as `"OUT_OF_RANGE"`), `record` (`"line 3"`, or `null`) and
//! `field` (`"survey.score"`, or `null`). napi-rs would put its own status
//! (`"GenericFailure"`) in `code`, so the error object is built here with its properties,
//! and napi-rs is handed a reference to that object, which it throws unchanged.

use napi::bindgen_prelude::{JsValue, Unknown};
use napi::{Env, Status};
use napi_derive::napi;
use serde::{de::DeserializeOwned, Serialize};
use std::panic::{catch_unwind, AssertUnwindSafe};
use touchpoint::camel_case::CamelCase;
use touchpoint::ErrorInfo;

/// Maps a core result to a napi result that throws a touchpoint-shaped `Error`.
pub(crate) trait IntoNapiResult<T> {
    /// The value, or the core error as a thrown `Error` with `code`, `record`, `field`.
    fn into_napi(self, env: &Env) -> napi::Result<T>;
}

impl<T> IntoNapiResult<T> for touchpoint::Result<T> {
    fn into_napi(self, env: &Env) -> napi::Result<T> {
        self.map_err(|e| throwable(env, &ErrorInfo::from(&e)))
    }
}

/// A JavaScript `Error` with the properties of `info`, wrapped so that napi-rs throws it as is.
fn throwable(env: &Env, info: &ErrorInfo) -> napi::Error {
    let build = || -> napi::Result<napi::Error> {
        let mut error =
            env.create_error(napi::Error::new(Status::GenericFailure, &info.message))?;
        error.set("code", info.code.as_str())?;
        error.set("record", info.record.as_deref())?;
        error.set("field", info.field.as_deref())?;
        Ok(napi::Error::from(error.to_unknown()))
    };
    build().unwrap_or_else(|failed| failed)
}

/// A binding-level error (no record) with the given code.
fn binding_error(env: &Env, code: &str, message: String, field: Option<&str>) -> napi::Error {
    let info = ErrorInfo {
        code: code.to_string(),
        message,
        record: None,
        field: field.map(str::to_string),
    };
    throwable(env, &info)
}

/// Runs the body of an exported function: a panic becomes an `INTERNAL` error instead of
/// unwinding into Node (which would abort the process).
pub(crate) fn guard<T>(env: &Env, body: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Err(binding_error(
            env,
            "INTERNAL",
            format!("internal error in touchpoint (a bug, please report it): {what}"),
            None,
        ))
    })
}

/// Reads a JavaScript argument; a value of the wrong type is `INVALID_ARGUMENT` naming it
/// in `field`. `undefined` and `null` read as `None` for optional arguments.
pub(crate) fn arg<T: DeserializeOwned>(
    env: &Env,
    value: Unknown<'_>,
    name: &str,
) -> napi::Result<T> {
    env.from_js_value(value).map_err(|e| {
        binding_error(
            env,
            "INVALID_ARGUMENT",
            format!("argument `{name}` has the wrong type: {}", e.reason),
            Some(name),
        )
    })
}

/// A binding-level `INVALID_ARGUMENT` error naming the argument `name` in `field`.
pub(crate) fn arg_error(env: &Env, name: &str, message: &str) -> napi::Error {
    binding_error(
        env,
        "INVALID_ARGUMENT",
        format!("argument `{name}`: {message}"),
        Some(name),
    )
}

/// A binding-level `INVALID_ARGUMENT` error about column `column` of `Dataset.fromColumns`,
/// naming the column in `field`.
pub(crate) fn column_error(env: &Env, column: &str, message: &str) -> napi::Error {
    binding_error(
        env,
        "INVALID_ARGUMENT",
        format!("argument `columns`: column `{column}`: {message}"),
        Some(column),
    )
}

/// A core result as a plain JavaScript value: the core's serde form with struct fields in
/// camelCase (`conversionRate`), map keys (channel, stage, segment names) as they are.
pub(crate) fn plain(env: &Env, value: impl Serialize) -> napi::Result<serde_json::Value> {
    serde_json::to_value(CamelCase(&value)).map_err(|e| {
        binding_error(
            env,
            "INTERNAL",
            format!("cannot convert a result: {e}"),
            None,
        )
    })
}

/// Panics inside Rust, to test that a panic surfaces as an `Error` with code `INTERNAL`.
/// @internal Not part of the API.
#[napi(js_name = "_panicForTests")]
pub fn panic_for_tests(env: Env) -> napi::Result<()> {
    guard(&env, || panic!("deliberate panic for tests"))
}
