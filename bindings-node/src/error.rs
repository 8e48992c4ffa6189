//! Core errors, bad arguments and panics, turned into thrown JavaScript `TouchpointError`s,
//! and results turned into plain JavaScript values.
//!
//! Every error this package throws (or rejects a `…Async` promise with) is an instance of the
//! package's `TouchpointError` class (a subclass of `Error`, defined in touchpoint.js)
//! carrying `code` (a stable string such as `"OUT_OF_RANGE"`), `record` (`"line 3"`, or
//! `null`) and `field` (`"survey.score"`, or `null`). touchpoint.js hands the class to the
//! native side once per JavaScript environment (`_registerErrorClass`); the constructor is
//! kept in that environment's instance data, never in a `static`, so each `worker_threads`
//! worker builds errors with its own class. Should the class never have been registered (the
//! raw loader index.js required directly), a plain `Error` with the same properties is thrown
//! instead. napi-rs would put its own status (`"GenericFailure"`) in `code`, so the error
//! object is built here, and napi-rs is handed a reference to that object, which it throws
//! (or rejects with) unchanged.

use crate::per_env::per_env;
use napi::bindgen_prelude::{FnArgs, Function, JsValue, Unknown};
use napi::{Env, Status, ValueType};
use napi_derive::napi;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use touchpoint::camel_case::CamelCase;
use touchpoint::{ErrorInfo, RecordRef};

/// Maps a core result to a napi result that throws a `TouchpointError`.
pub(crate) trait IntoNapiResult<T> {
    /// The value, or the core error as a thrown `TouchpointError` with `code`, `record`,
    /// `field`.
    fn into_napi(self, env: &Env) -> napi::Result<T>;
}

impl<T> IntoNapiResult<T> for touchpoint::Result<T> {
    fn into_napi(self, env: &Env) -> napi::Result<T> {
        self.map_err(|e| throwable(env, &ErrorInfo::from(&e)))
    }
}

/// The arguments of the `TouchpointError` constructor: `(message, code, record, field)`.
pub(crate) type ErrorArgs = FnArgs<(String, String, Option<String>, Option<String>)>;

/// Registers `class` as the constructor of every error thrown in this environment.
/// Called once by touchpoint.js; a second call replaces the first class.
/// @internal Not part of the API.
// `skip_typescript`: not in index.d.ts (touchpoint.js deletes it from its exports).
// `strict`: napi-rs checks that `class` is a function before the body runs.
#[napi(js_name = "_registerErrorClass", skip_typescript, strict)]
pub fn register_error_class(env: Env, class: Function<'_, ErrorArgs, ()>) -> napi::Result<()> {
    // A second call replaces the first class; the old reference is dropped here, on this
    // environment's thread.
    per_env(&env)?.error_class = Some(class.create_ref()?);
    Ok(())
}

/// A new `TouchpointError` (or, without a registered class, `Error`) with the properties of
/// `info`.
fn error_object<'env>(env: &'env Env, info: &ErrorInfo) -> napi::Result<Unknown<'env>> {
    if let Some(class) = &per_env(env)?.error_class {
        let class = class.borrow_back(env)?;
        let args = (
            info.message.clone(),
            info.code.clone(),
            info.record.clone(),
            info.field.clone(),
        );
        return class.new_instance(FnArgs::from(args));
    }
    let mut error = env.create_error(napi::Error::new(Status::GenericFailure, &info.message))?;
    error.set("code", info.code.as_str())?;
    error.set("record", info.record.as_deref())?;
    error.set("field", info.field.as_deref())?;
    Ok(error.to_unknown())
}

/// A `TouchpointError` with the properties of `info`, wrapped so that napi-rs throws it (or
/// rejects a promise with it) as is.
pub(crate) fn throwable(env: &Env, info: &ErrorInfo) -> napi::Error {
    error_object(env, info)
        .map(napi::Error::from)
        .unwrap_or_else(|failed| failed)
}

/// A binding-level error (no record) with the given code.
pub(crate) fn binding_error(
    env: &Env,
    code: &str,
    message: String,
    field: Option<&str>,
) -> napi::Error {
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
    catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(throwable(env, &panic_info(payload))))
}

/// The `INTERNAL` error of a caught panic. Needs no `Env`: a task's `compute` (on a libuv
/// pool thread) makes it, and `resolve` (on the JavaScript thread) throws it.
pub(crate) fn panic_info(payload: Box<dyn Any + Send>) -> ErrorInfo {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    internal_info(format!(
        "internal error in touchpoint (a bug, please report it): {what}"
    ))
}

/// An `INTERNAL` error with no record or field.
pub(crate) fn internal_info(message: String) -> ErrorInfo {
    ErrorInfo {
        code: "INTERNAL".to_string(),
        message,
        record: None,
        field: None,
    }
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

/// A binding-level `INVALID_ARGUMENT` error about element `record` of argument `name`
/// (`answer 2` of `answers`, `record 3` of `events`), naming both.
pub(crate) fn element_error(
    env: &Env,
    name: &str,
    record: RecordRef,
    message: &str,
) -> napi::Error {
    let info = ErrorInfo {
        code: "INVALID_ARGUMENT".to_string(),
        message: format!("{record}: argument `{name}`: {message}"),
        record: Some(record.to_string()),
        field: Some(name.to_string()),
    };
    throwable(env, &info)
}

/// How a value is named in messages: `a number`, `null`, `a Float32Array`, …
pub(crate) fn describe(v: Unknown<'_>) -> napi::Result<String> {
    Ok(match v.get_type()? {
        ValueType::Undefined => "undefined".into(),
        ValueType::Null => "null".into(),
        ValueType::Boolean => "a boolean".into(),
        ValueType::Number => "a number".into(),
        ValueType::String => "a string".into(),
        ValueType::Symbol => "a symbol".into(),
        ValueType::Function => "a function".into(),
        ValueType::BigInt => "a BigInt".into(),
        _ if v.is_array()? => "an array".into(),
        _ if v.is_typedarray()? => "a typed array of another type".into(),
        _ if v.is_date()? => "a Date".into(),
        _ => "an object".into(),
    })
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

/// A core result as a plain JavaScript value with camelCase keys: [`to_value`], then
/// [`to_js`].
pub(crate) fn plain<'env>(env: &'env Env, value: impl Serialize) -> napi::Result<Unknown<'env>> {
    let value = to_value(value).map_err(|info| throwable(env, &info))?;
    to_js(env, value)
}

/// A result as a `serde_json::Value`: the core's serde form with struct fields in camelCase
/// (`conversionRate`), map keys (channel, stage, segment names) as they are. Needs no `Env`: the `…Async`
/// forms call it on a libuv pool thread, the synchronous ones (through [`plain`]) on the
/// JavaScript thread, so both give the same object.
pub(crate) fn to_value(value: impl Serialize) -> Result<Value, ErrorInfo> {
    serde_json::to_value(CamelCase(&value))
        .map_err(|e| internal_info(format!("cannot convert a result: {e}")))
}

/// A `serde_json::Value` as a JavaScript value, through `Env::to_js_value` (napi-rs's
/// conversion of a returned `serde_json::Value` refuses more than 1,000,000 values, which a
/// per-customer table of 250,000 customers exceeds). Every number becomes a JavaScript
/// number: `to_js_value` would make a `BigInt` of an integer above `u32::MAX`, so such
/// integers are turned into floats first (exact up to 2^53, as any JavaScript number).
pub(crate) fn to_js(env: &Env, mut value: Value) -> napi::Result<Unknown<'_>> {
    numbers_as_floats(&mut value);
    env.to_js_value(&value)
}

/// Replaces every integer above `u32::MAX` in `value` by the nearest float.
fn numbers_as_floats(value: &mut Value) {
    match value {
        Value::Number(n) => {
            if let Some(big) = n.as_u64().filter(|&u| u > u64::from(u32::MAX)) {
                if let Some(float) = serde_json::Number::from_f64(big as f64) {
                    *n = float;
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(numbers_as_floats),
        Value::Object(map) => map.values_mut().for_each(numbers_as_floats),
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
}

/// Panics inside Rust, to test that a panic surfaces as a `TouchpointError` with code
/// `INTERNAL`.
/// @internal Not part of the API.
#[napi(js_name = "_panicForTests")]
pub fn panic_for_tests(env: Env) -> napi::Result<()> {
    guard(&env, || panic!("deliberate panic for tests"))
}

/// Panics on a libuv pool thread, to test that such a panic rejects with code `INTERNAL`.
/// @internal Not part of the API.
#[napi(js_name = "_panicForTestsAsync", ts_return_type = "Promise<never>")]
pub fn panic_for_tests_async(env: Env) -> napi::Result<crate::task::Pending<Value>> {
    crate::task::Job::start(&env, || {
        Ok(crate::task::Job::spawn(
            || panic!("deliberate panic on a pool thread"),
            to_js,
        ))
    })
}
