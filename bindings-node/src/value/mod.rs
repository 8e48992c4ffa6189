//! Churn risk and lifetime value (core: `core/src/value/`), one file per core type:
//!
//! - `history.rs`: purchase histories from a dataset (`ds.purchaseHistories(options)`), and
//!   the `histories` argument every model reads; `transactions.rs`: from transaction columns
//!   (`purchaseHistories(transactions, options)`);
//! - `model.rs`: the `PurchaseModel` class and `fitPurchaseModel`;
//! - `spend.rs`: the `SpendModel` class (Gamma-Gamma) and `fitSpendModel`;
//! - `lifetime_value.rs`: `lifetimeValue`; `churn.rs`: `churnRisk`; `calibration.rs`:
//!   `calibrationReport`.
//!
//! Per-customer columns come back as `Float64Array`s (ids as an array of strings); reports
//! with rows (`churnRisk`, `calibrationReport`) as plain objects. The fits, the histories
//! and the lifetime values have `…Async` forms (`task.rs`): the arguments are read (and
//! copied) on the JavaScript thread, the work runs on the libuv pool.
//!
//! Errors: the core's, with the fields they name respelled in camelCase (`monetaryValue`,
//! `holdout.monetaryValue`, `discountRate`; `T` stays `T`); a bad argument is
//! `INVALID_ARGUMENT` naming it (a column by its name: `frequency`).

mod calibration;
mod churn;
mod history;
mod lifetime_value;
mod model;
mod spend;
mod transactions;

use crate::error::{arg_error, describe, IntoNapiResult};
use napi::bindgen_prelude::{Float64Array, JsValue, Unknown};
use napi::{Env, ValueType};
use serde::de::DeserializeOwned;
use serde_json::Value;
use touchpoint::camel_case::snake_to_camel;
use touchpoint::{ErrorInfo, TouchpointError};

/// `e` with the field it names in camelCase (`monetary_value` → `monetaryValue`,
/// `holdout.monetary_value` → `holdout.monetaryValue`; `T` is kept). The value area's
/// errors name struct fields only (no data keys with underscores), so respelling each
/// segment is exact.
pub(crate) fn camel(e: TouchpointError) -> TouchpointError {
    e.map_field(|path| snake_to_camel(path).into_owned())
}

/// A core result of the value area: the value, or its error (fields in camelCase) thrown.
pub(crate) fn thrown<T>(env: &Env, result: touchpoint::Result<T>) -> napi::Result<T> {
    result.map_err(camel).into_napi(env)
}

/// [`thrown`] for a `…Async` job's work (no `Env` on the pool thread).
pub(crate) fn carried<T>(result: touchpoint::Result<T>) -> Result<T, ErrorInfo> {
    result.map_err(|e| ErrorInfo::from(&camel(e)))
}

/// An options object (`undefined` / `null`: the defaults) read with camelCase keys; an
/// unknown, mistyped or invalid option is `INVALID_CONFIG` naming it.
pub(crate) fn options<O: DeserializeOwned + Default>(
    env: &Env,
    options: Unknown<'_>,
) -> napi::Result<O> {
    let value = crate::js::options(env, options)?;
    options_from(env, value)
}

/// [`options`] from the JSON form already read.
pub(crate) fn options_from<O: DeserializeOwned + Default>(
    env: &Env,
    value: Value,
) -> napi::Result<O> {
    thrown(env, touchpoint::options_from_camel_value(value))
}

/// A saved model (or other value) from its JSON form: camelCase keys as `toJSON` writes
/// them, or the core's snake_case keys (a model saved from Python or Rust). An error names
/// the field in the camelCase spelling (`what` for the value as a whole).
pub(crate) fn saved<T: DeserializeOwned>(value: Value, what: &str) -> touchpoint::Result<T> {
    match touchpoint::value_from_camel_json(value.clone(), what) {
        Ok(v) => Ok(v),
        Err(camel_error) => touchpoint::value_from_json(value, what).map_err(|_| camel_error),
    }
}

/// The JSON form of `value`: an object (`JSON.stringify` as for options: a property set to
/// `undefined` is left out), or JSON text (`fromJSON`). Anything else, or text that is not
/// JSON, is `INVALID_ARGUMENT` naming `name`.
pub(crate) fn json_arg(env: &Env, value: Unknown<'_>, name: &str) -> napi::Result<Value> {
    match value.get_type()? {
        ValueType::String => {
            let text: String = crate::error::arg(env, value, name)?;
            serde_json::from_str(&text)
                .map_err(|e| arg_error(env, name, &format!("is not JSON text: {e}")))
        }
        ValueType::Object if !value.is_array()? && !value.is_typedarray()? => {
            crate::js::options(env, value).map_err(|_| {
                arg_error(
                    env,
                    name,
                    "cannot be written as JSON (it contains itself, a function, …)",
                )
            })
        }
        _ => Err(arg_error(
            env,
            name,
            &format!(
                "expected a saved model (an object or JSON text), got {}",
                describe(value)?
            ),
        )),
    }
}

/// A number argument: a JavaScript number, finite and at least 0, else `INVALID_ARGUMENT`
/// naming `name`.
pub(crate) fn count_arg(env: &Env, value: Unknown<'_>, name: &str) -> napi::Result<f64> {
    let x = number_arg(env, value, name)?;
    if x.is_finite() && x >= 0.0 {
        Ok(x)
    } else {
        Err(arg_error(
            env,
            name,
            &format!("expected a finite number ≥ 0, got {x}"),
        ))
    }
}

/// A JavaScript number (NaN and ±∞ included: the core refuses those where it must), else
/// `INVALID_ARGUMENT` naming `name`.
pub(crate) fn number_arg(env: &Env, value: Unknown<'_>, name: &str) -> napi::Result<f64> {
    if value.get_type()? == ValueType::Number {
        return crate::error::arg(env, value, name);
    }
    Err(arg_error(
        env,
        name,
        &format!("expected a number, got {}", describe(value)?),
    ))
}

/// An `INVALID_RECORD` error of the customer or transaction `record` (0-based row), naming
/// `field`.
pub(crate) fn invalid_record(
    row: usize,
    field: &str,
    message: impl Into<String>,
) -> TouchpointError {
    TouchpointError::InvalidRecord {
        record: touchpoint::RecordRef::Record(row as u64 + 1),
        field: field.to_string(),
        message: message.into(),
    }
}

/// A column as a `Float64Array` (the vector is handed over, not copied).
pub(crate) fn column(values: Vec<f64>) -> Float64Array {
    Float64Array::new(values)
}
