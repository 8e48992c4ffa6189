//! Churn risk and lifetime value (core: `core/src/value/`), one file per core type, with the
//! JavaScript API of the Node package (without its `…Async` forms):
//!
//! - `history.rs`: purchase histories, from a dataset (`ds.purchaseHistories(options)`) or
//!   from transaction columns (`purchaseHistories(transactions, options)`), and the
//!   `histories` argument every model reads;
//! - `model.rs`: the `PurchaseModel` class and `fitPurchaseModel`;
//! - `spend.rs`: the `SpendModel` class (Gamma-Gamma) and `fitSpendModel`;
//! - `lifetime_value.rs`: `lifetimeValue`; `churn.rs`: `churnRisk`; `calibration.rs`:
//!   `calibrationReport`.
//!
//! Per-customer columns come back as `Float64Array`s (ids as an array of strings); reports
//! with rows (`churnRisk`, `calibrationReport`) as plain objects (camelCase keys; `T` stays
//! `T`). Saved models are read exactly: an object (or JSON text, parsed by `JSON.parse`)
//! converted without a trip through JSON text, so a model saved with `JSON.stringify` and
//! loaded with `fromJSON` predicts bit for bit as the one saved.
//!
//! Errors: the core's, with the fields they name respelled in camelCase (`monetaryValue`,
//! `holdout.monetaryValue`, `discountRate`; `T` is kept); a bad argument is
//! `INVALID_ARGUMENT` naming it (a column by its name: `frequency`).

mod calibration;
mod churn;
mod history;
mod lifetime_value;
mod model;
mod spend;

pub use history::purchase_histories_of_transactions;
pub use model::{fit_purchase_model, PurchaseModel};
pub use spend::{fit_spend_model, SpendModel};

use crate::convert::describe;
use crate::error::{argument_error, IntoJsResult};
use js_sys::{Float64Array, Object, Reflect};
use serde::de::DeserializeOwned;
use serde_json::Value;
use touchpoint::camel_case::snake_to_camel;
use touchpoint::TouchpointError;
use wasm_bindgen::{JsCast, JsValue};

/// `e` with the field it names in camelCase (`monetary_value` → `monetaryValue`,
/// `holdout.monetary_value` → `holdout.monetaryValue`; `T` is kept). The value area's
/// errors name struct fields only (no data keys with underscores), so respelling each
/// segment is exact.
pub(crate) fn camel(e: TouchpointError) -> TouchpointError {
    e.map_field(|path| snake_to_camel(path).into_owned())
}

/// A core result of the value area: the value, or its error (fields in camelCase) thrown.
pub(crate) fn thrown<T>(result: touchpoint::Result<T>) -> Result<T, JsValue> {
    result.map_err(camel).into_js()
}

/// An options object (`undefined` / `null`: the defaults) read with camelCase keys; an
/// unknown, mistyped or invalid option is `INVALID_CONFIG` naming it.
pub(crate) fn options<O: DeserializeOwned + Default>(value: &JsValue) -> Result<O, JsValue> {
    options_from(crate::convert::options(value)?)
}

/// [`options`] from the JSON form already read.
pub(crate) fn options_from<O: DeserializeOwned + Default>(value: Value) -> Result<O, JsValue> {
    thrown(touchpoint::options_from_camel_value(value))
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

/// A small argument read by serde (`unit`, `params`, a flag); one of the wrong type is
/// `INVALID_ARGUMENT` naming `name`.
pub(crate) fn arg<T: DeserializeOwned>(value: &JsValue, name: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value.clone())
        .map_err(|e| argument_error(name, None, &format!("has the wrong type: {e}")))
}

/// A JavaScript number (NaN and ±∞ included: the core refuses those where it must), else
/// `INVALID_ARGUMENT` naming `name`.
pub(crate) fn number_arg(value: &JsValue, name: &str) -> Result<f64, JsValue> {
    value.as_f64().ok_or_else(|| {
        argument_error(
            name,
            None,
            &format!("expected a number, got {}", describe(value)),
        )
    })
}

/// A number argument: a JavaScript number, finite and at least 0, else `INVALID_ARGUMENT`
/// naming `name`.
pub(crate) fn count_arg(value: &JsValue, name: &str) -> Result<f64, JsValue> {
    let x = number_arg(value, name)?;
    if x.is_finite() && x >= 0.0 {
        Ok(x)
    } else {
        Err(argument_error(
            name,
            None,
            &format!("expected a finite number ≥ 0, got {x}"),
        ))
    }
}

/// `value`, or `None` when it is `undefined` or `null`.
pub(crate) fn present(value: JsValue) -> Option<JsValue> {
    (!(value.is_undefined() || value.is_null())).then_some(value)
}

/// A column as a `Float64Array` (one copy out of wasm memory).
pub(crate) fn column(values: &[f64]) -> JsValue {
    Float64Array::from(values).into()
}

/// Ids as an array of strings.
pub(crate) fn strings(values: &[String]) -> JsValue {
    values
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<js_sys::Array>()
        .into()
}

/// A plain object of these properties, in order.
pub(crate) fn object(properties: &[(&str, JsValue)]) -> Result<JsValue, JsValue> {
    let o = Object::new();
    for (key, value) in properties {
        Reflect::set(&o, &JsValue::from_str(key), value)?;
    }
    Ok(o.into())
}

/// The instance of an exported class that `value` is, if it is one: a copy of the model, made
/// by the class's hidden `copy` method (`_purchaseModelCopy`, `_spendModelCopy`) and taken
/// over from JavaScript, so the caller's object stays usable. `None` for any other value.
pub(crate) fn instance<T: wasm_bindgen::convert::TryFromJsValue>(
    value: &JsValue,
    copy: &str,
) -> Result<Option<T>, JsValue> {
    if !value.is_object() {
        return Ok(None);
    }
    let method = Reflect::get(value, &JsValue::from_str(copy))?;
    let Some(method) = method.dyn_ref::<js_sys::Function>() else {
        return Ok(None);
    };
    Ok(T::try_from_js_value(method.call0(value)?).ok())
}

/// Guards the model classes against use after a re-instantiation, as `Dataset`
/// (`js/instance-guard.js`: `guard` is its `guardClass`, given a throwaway instance of each
/// class; each call starts a generation, so objects made after start-up belong to the last);
/// run by the start function of every instance.
pub(crate) fn guard_instances(guard: impl Fn(JsValue)) {
    guard(JsValue::from(PurchaseModel::from(
        touchpoint::PurchaseModel::from_params(
            touchpoint::PurchaseModelKind::BgNbd,
            ["r", "alpha", "a", "b"]
                .into_iter()
                .map(|k| (k.to_string(), 1.0))
                .collect(),
        )
        .expect("valid parameters"),
    )));
    guard(JsValue::from(SpendModel::from(
        touchpoint::SpendModel::from_params(
            ["p", "q", "v"]
                .into_iter()
                .map(|k| (k.to_string(), 2.0))
                .collect(),
        )
        .expect("valid parameters"),
    )));
}
