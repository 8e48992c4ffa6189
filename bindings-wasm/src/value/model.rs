//! Purchase models (core: `core/src/value/model.rs`, `fit.rs`): the `PurchaseModel` class
//! (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB) and `fitPurchaseModel(histories, options)`.

use super::history::{histories_arg, unit_name, Needs};
use super::{arg, column, count_arg, instance, number_arg, object, saved, strings, thrown};
use crate::convert::{describe, json_value, to_js};
use crate::error::argument_error;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;
use touchpoint::{PurchaseModelKind, PurchaseModelOptions, TimeUnit, TouchpointError};
use wasm_bindgen::prelude::*;

/// The hidden method that hands a copy of a `PurchaseModel` over to Rust ([`instance`]).
const COPY: &str = "_purchaseModelCopy";

/// A fitted (or given) purchase model: its parameters, and each customer's probability of
/// being alive and expected purchases. Make one with `fitPurchaseModel`,
/// `PurchaseModel.fromJSON` (a model saved with `JSON.stringify(model)`, here or in another
/// language) or `PurchaseModel.fromParams`; there is no public constructor.
#[wasm_bindgen]
pub struct PurchaseModel {
    inner: Rc<touchpoint::PurchaseModel>,
}

impl From<touchpoint::PurchaseModel> for PurchaseModel {
    fn from(m: touchpoint::PurchaseModel) -> Self {
        PurchaseModel { inner: Rc::new(m) }
    }
}

/// A purchase-model argument: a `PurchaseModel`, or a saved one (its `toJSON()` object or
/// JSON text, camelCase or snake_case keys). Anything else is `INVALID_ARGUMENT` naming
/// `name`; a saved model that does not read is `INVALID_CONFIG` naming the field.
pub(crate) fn purchase_model_arg(
    value: &JsValue,
    name: &str,
) -> Result<Rc<touchpoint::PurchaseModel>, JsValue> {
    if let Some(model) = instance::<PurchaseModel>(value, COPY)? {
        return Ok(model.inner);
    }
    if value.is_string() || (value.is_object() && !js_sys::Array::is_array(value)) {
        return Ok(Rc::new(thrown(saved(json_value(value, name)?, name))?));
    }
    let message = format!(
        "expected a PurchaseModel (fitPurchaseModel, PurchaseModel.fromJSON) or a saved one, got {}",
        describe(value)
    );
    Err(argument_error(name, None, &message))
}

/// The unit options of `PurchaseModel.fromParams`.
#[derive(Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Units {
    unit: TimeUnit,
    unit_multiplier: Option<u32>,
}

#[wasm_bindgen]
impl PurchaseModel {
    /// Which model: `bg_nbd`, `mbg_nbd`, `pareto_nbd` or `bg_bb`.
    #[wasm_bindgen(getter, unchecked_return_type = "PurchaseModelKind")]
    pub fn model(&self) -> String {
        self.inner.model.name().to_string()
    }

    /// The parameters by lifetimes' names (`r`, `alpha`, `a`, `b`; Pareto/NBD `r`, `alpha`,
    /// `s`, `beta`; BG/BB `alpha`, `beta`, `gamma`, `delta`), rates per `unit`.
    #[wasm_bindgen(getter, unchecked_return_type = "Record<string, number>")]
    pub fn params(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.params)
    }

    /// The parameters' standard errors, or `null` (a given model, or a likelihood whose
    /// curvature at the optimum is not positive definite).
    #[wasm_bindgen(
        getter,
        js_name = standardErrors,
        unchecked_return_type = "Record<string, number> | null"
    )]
    pub fn standard_errors(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.standard_errors)
    }

    /// The log-likelihood of the histories at the fit (`null` for a given model).
    #[wasm_bindgen(getter, js_name = logLikelihood, unchecked_return_type = "number | null")]
    pub fn log_likelihood(&self) -> JsValue {
        self.inner
            .log_likelihood
            .map_or(JsValue::NULL, JsValue::from)
    }

    /// How many customers the model was fitted on (0 for a given model).
    #[wasm_bindgen(getter)]
    pub fn customers(&self) -> f64 {
        self.inner.customers as f64
    }

    /// How many distinct (frequency, recency, T) histories those customers have.
    #[wasm_bindgen(getter, js_name = distinctHistories)]
    pub fn distinct_histories(&self) -> f64 {
        self.inner.distinct_histories as f64
    }

    /// Newton iterations the fit took (0 for a given model).
    #[wasm_bindgen(getter)]
    pub fn iterations(&self) -> u32 {
        self.inner.iterations
    }

    /// The unit of the histories the model was fitted on: its rates are per unit.
    #[wasm_bindgen(getter, unchecked_return_type = "TimeUnit")]
    pub fn unit(&self) -> String {
        unit_name(self.inner.unit).to_string()
    }

    /// How many units make one step of those histories.
    #[wasm_bindgen(getter, js_name = unitMultiplier)]
    pub fn unit_multiplier(&self) -> u32 {
        self.inner.unit_multiplier
    }

    /// The model as a plain object, what `JSON.stringify(model)` writes; read it back with
    /// `PurchaseModel.fromJSON` (here, in Node, or in Python).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "PurchaseModelJSON")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(&*self.inner)
    }

    /// A saved model: the object `toJSON()` gives, or its JSON text (keys in camelCase, or
    /// the core's snake_case as Python and Rust save it), read exactly.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming the field that does not read
    /// (`params`, `model`); `INVALID_ARGUMENT` if `json` is neither an object nor JSON text.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(
            unchecked_param_type = "(Pick<PurchaseModelJSON, 'model' | 'params'> & Partial<PurchaseModelJSON>) | string"
        )]
        json: JsValue,
    ) -> Result<PurchaseModel, JsValue> {
        if !(json.is_string() || json.is_object()) || js_sys::Array::is_array(&json) {
            let message = format!(
                "expected a saved model (an object or JSON text), got {}",
                describe(&json)
            );
            return Err(argument_error("json", None, &message));
        }
        let value = json_value(&json, "json")?;
        Ok(PurchaseModel::from(thrown(saved::<
            touchpoint::PurchaseModel,
        >(value, "model"))?))
    }

    /// A model with known parameters (each finite and > 0, by lifetimes' names), its rates
    /// per `options.unit` (default `day`) × `options.unitMultiplier` (default 1).
    /// @throws {TouchpointError} `INVALID_CONFIG` naming `model`, `params` or the option.
    #[wasm_bindgen(js_name = fromParams)]
    pub fn from_params(
        #[wasm_bindgen(unchecked_param_type = "PurchaseModelKind")] model: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, number>")] params: JsValue,
        #[wasm_bindgen(
            unchecked_optional_param_type = "{ unit?: TimeUnit, unitMultiplier?: number } | null"
        )]
        options: JsValue,
    ) -> Result<PurchaseModel, JsValue> {
        let kind: serde_json::Value = arg(&model, "model")?;
        let kind: PurchaseModelKind = thrown(touchpoint::value_from_json(kind, "model"))?;
        let params: BTreeMap<String, f64> = arg(&params, "params")?;
        let units: Units = super::options(&options)?;
        let mut m = thrown(touchpoint::PurchaseModel::from_params(kind, params))?;
        m.unit = units.unit;
        m.unit_multiplier = match units.unit_multiplier {
            Some(0) => {
                let e = TouchpointError::InvalidConfig {
                    option: "unit_multiplier".into(),
                    message: "at least 1".into(),
                };
                return thrown(Err(e));
            }
            Some(k) => k,
            None => 1,
        };
        Ok(PurchaseModel::from(m))
    }

    /// Each customer's probability of being alive and expected purchases in the next
    /// `horizon` units (BG/BB: periods), computed once per distinct history.
    /// @throws {TouchpointError} as `fitPurchaseModel` for bad histories;
    /// `INVALID_CONFIG` naming `horizon` if it is negative or not finite.
    #[wasm_bindgen(unchecked_return_type = "PurchasePredictions")]
    pub fn predict(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PurchaseHistoriesInput")] histories: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] horizon: JsValue,
    ) -> Result<JsValue, JsValue> {
        let needs = Needs {
            ages: true,
            spend: false,
        };
        let h = histories_arg(&histories, needs)?;
        let horizon = number_arg(&horizon, "horizon")?;
        let p = thrown(self.inner.predict(&h, horizon))?;
        object(&[
            ("customerId", strings(&p.customer_id)),
            ("probabilityAlive", column(&p.probability_alive)),
            ("expectedPurchases", column(&p.expected_purchases)),
        ])
    }

    /// The probability that a customer with this history is alive (`T`: the customer's age).
    /// @throws {TouchpointError} `INVALID_ARGUMENT` naming an argument that is not a finite
    /// number ≥ 0.
    #[wasm_bindgen(js_name = probabilityAlive)]
    pub fn probability_alive(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] frequency: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] recency: JsValue,
        #[wasm_bindgen(js_name = T, unchecked_param_type = "number")] t: JsValue,
    ) -> Result<f64, JsValue> {
        let x = count_arg(&frequency, "frequency")?;
        let tx = count_arg(&recency, "recency")?;
        let t = count_arg(&t, "T")?;
        Ok(self.inner.probability_alive(x, tx, t))
    }

    /// The expected purchases in the next `horizon` units of a customer with this history.
    /// @throws {TouchpointError} `INVALID_ARGUMENT` naming an argument that is not a finite
    /// number ≥ 0.
    #[wasm_bindgen(js_name = expectedPurchases)]
    pub fn expected_purchases(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] horizon: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] frequency: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] recency: JsValue,
        #[wasm_bindgen(js_name = T, unchecked_param_type = "number")] t: JsValue,
    ) -> Result<f64, JsValue> {
        let h = count_arg(&horizon, "horizon")?;
        let x = count_arg(&frequency, "frequency")?;
        let tx = count_arg(&recency, "recency")?;
        let t = count_arg(&t, "T")?;
        Ok(self.inner.expected_purchases(h, x, tx, t))
    }

    /// The expected purchases of a new customer in their first `horizon` units.
    /// @throws {TouchpointError} `INVALID_ARGUMENT` if `horizon` is not a finite number ≥ 0.
    #[wasm_bindgen(js_name = expectedPurchasesNewCustomer)]
    pub fn expected_purchases_new_customer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] horizon: JsValue,
    ) -> Result<f64, JsValue> {
        let h = count_arg(&horizon, "horizon")?;
        Ok(self.inner.expected_purchases_new_customer(h))
    }

    /// The probability that a new customer makes exactly `n` purchases in their first
    /// `horizon` units (BG/BB: periods, a whole number).
    /// @throws {TouchpointError} `INVALID_ARGUMENT` if `n` is not a whole number ≥ 0;
    /// `INVALID_CONFIG` naming `horizon` if it is negative, not finite, or (BG/BB) not whole.
    #[wasm_bindgen(js_name = probabilityOfPurchases)]
    pub fn probability_of_purchases(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] horizon: JsValue,
    ) -> Result<f64, JsValue> {
        let count = count_arg(&n, "n")?;
        if count.fract() != 0.0 || count > 9_007_199_254_740_992.0 {
            return Err(argument_error(
                "n",
                None,
                &format!("expected a whole number of purchases, got {count}"),
            ));
        }
        let horizon = number_arg(&horizon, "horizon")?;
        thrown(self.inner.probability_of_purchases(count as u64, horizon))
    }

    /// A copy, handed over to Rust when the model is an argument (not part of the API).
    #[doc(hidden)]
    #[wasm_bindgen(js_name = _purchaseModelCopy, skip_typescript)]
    pub fn copy(&self) -> PurchaseModel {
        PurchaseModel {
            inner: Rc::clone(&self.inner),
        }
    }
}

/// Fits a purchase model (`options.model`: `bg_nbd`, the default, `mbg_nbd`, `pareto_nbd`
/// or `bg_bb`) by maximum likelihood on `histories` (a `PurchaseHistories` object, or
/// columns `{ frequency, recency, T }`), its rates per the histories' unit.
/// @throws {TouchpointError} `OUT_OF_RANGE` / `INVALID_RECORD` naming the first bad
/// customer (`record N`) and field (`frequency`, `recency`, `T`); `INVALID_CONFIG` naming a
/// bad option, or for no customers; `NOT_CONVERGED` when the fit finds no optimum;
/// `INVALID_ARGUMENT` naming a missing or malformed column.
#[wasm_bindgen(js_name = fitPurchaseModel)]
pub fn fit_purchase_model(
    #[wasm_bindgen(unchecked_param_type = "PurchaseHistoriesInput")] histories: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PurchaseModelOptions | null")] options: JsValue,
) -> Result<PurchaseModel, JsValue> {
    let needs = Needs {
        ages: true,
        spend: false,
    };
    let h = histories_arg(&histories, needs)?;
    let o: PurchaseModelOptions = super::options(&options)?;
    Ok(PurchaseModel::from(thrown(
        touchpoint::fit_purchase_model(&h, &o),
    )?))
}
