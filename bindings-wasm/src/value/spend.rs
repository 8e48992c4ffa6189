//! Spend per purchase (core: `core/src/value/gamma_gamma.rs`): the `SpendModel` class
//! (Gamma-Gamma) and `fitSpendModel(histories, options)`.

use super::history::{histories_arg, Needs};
use super::{arg, column, count_arg, instance, object, saved, strings, thrown};
use crate::convert::{describe, json_value, to_js};
use crate::error::argument_error;
use std::collections::BTreeMap;
use std::rc::Rc;
use touchpoint::SpendModelOptions;
use wasm_bindgen::prelude::*;

/// The hidden method that hands a copy of a `SpendModel` over to Rust ([`instance`]).
const COPY: &str = "_spendModelCopy";

/// What the spend model reads of the histories: `frequency` and `monetaryValue`.
const SPEND: Needs = Needs {
    ages: false,
    spend: true,
};

/// A fitted (or given) Gamma-Gamma spend model: the expected value of each customer's
/// future purchases. Make one with `fitSpendModel`, `SpendModel.fromJSON` or
/// `SpendModel.fromParams`; there is no public constructor.
#[wasm_bindgen]
pub struct SpendModel {
    inner: Rc<touchpoint::SpendModel>,
}

impl From<touchpoint::SpendModel> for SpendModel {
    fn from(m: touchpoint::SpendModel) -> Self {
        SpendModel { inner: Rc::new(m) }
    }
}

/// A spend-model argument: a `SpendModel`, or a saved one (its `toJSON()` object or JSON
/// text). Anything else is `INVALID_ARGUMENT` naming `name`; a saved model that does not
/// read is `INVALID_CONFIG` naming the field.
pub(crate) fn spend_model_arg(
    value: &JsValue,
    name: &str,
) -> Result<Rc<touchpoint::SpendModel>, JsValue> {
    if let Some(model) = instance::<SpendModel>(value, COPY)? {
        return Ok(model.inner);
    }
    if value.is_string() || (value.is_object() && !js_sys::Array::is_array(value)) {
        return Ok(Rc::new(thrown(saved(json_value(value, name)?, name))?));
    }
    let message = format!(
        "expected a SpendModel (fitSpendModel, SpendModel.fromJSON) or a saved one, got {}",
        describe(value)
    );
    Err(argument_error(name, None, &message))
}

#[wasm_bindgen]
impl SpendModel {
    /// Always `gamma_gamma`.
    #[wasm_bindgen(getter, unchecked_return_type = "'gamma_gamma'")]
    pub fn model(&self) -> String {
        self.inner.model.clone()
    }

    /// The parameters `p`, `q` and `v`.
    #[wasm_bindgen(getter, unchecked_return_type = "Record<string, number>")]
    pub fn params(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.params)
    }

    /// The parameters' standard errors, or `null`.
    #[wasm_bindgen(
        getter,
        js_name = standardErrors,
        unchecked_return_type = "Record<string, number> | null"
    )]
    pub fn standard_errors(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.standard_errors)
    }

    /// The log-likelihood of the fitted customers' mean spends (`null` for a given model).
    #[wasm_bindgen(getter, js_name = logLikelihood, unchecked_return_type = "number | null")]
    pub fn log_likelihood(&self) -> JsValue {
        self.inner
            .log_likelihood
            .map_or(JsValue::NULL, JsValue::from)
    }

    /// How many customers the model was fitted on (those with repeat purchases).
    #[wasm_bindgen(getter)]
    pub fn customers(&self) -> f64 {
        self.inner.customers as f64
    }

    /// Newton iterations the fit took (0 for a given model).
    #[wasm_bindgen(getter)]
    pub fn iterations(&self) -> u32 {
        self.inner.iterations
    }

    /// The model as a plain object, what `JSON.stringify(model)` writes.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "SpendModelJSON")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(&*self.inner)
    }

    /// A saved model: the object `toJSON()` gives, or its JSON text (camelCase or
    /// snake_case keys), read exactly.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming the field that does not read;
    /// `INVALID_ARGUMENT` if `json` is neither an object nor JSON text.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(
            unchecked_param_type = "(Pick<SpendModelJSON, 'model' | 'params'> & Partial<SpendModelJSON>) | string"
        )]
        json: JsValue,
    ) -> Result<SpendModel, JsValue> {
        if !(json.is_string() || json.is_object()) || js_sys::Array::is_array(&json) {
            let message = format!(
                "expected a saved model (an object or JSON text), got {}",
                describe(&json)
            );
            return Err(argument_error("json", None, &message));
        }
        let value = json_value(&json, "json")?;
        Ok(SpendModel::from(thrown(saved::<touchpoint::SpendModel>(
            value, "model",
        ))?))
    }

    /// A model with known parameters `p`, `q` and `v` (each finite and > 0).
    /// @throws {TouchpointError} `INVALID_CONFIG` naming `params`.
    #[wasm_bindgen(js_name = fromParams)]
    pub fn from_params(
        #[wasm_bindgen(unchecked_param_type = "Record<string, number>")] params: JsValue,
    ) -> Result<SpendModel, JsValue> {
        let params: BTreeMap<String, f64> = arg(&params, "params")?;
        Ok(SpendModel::from(thrown(
            touchpoint::SpendModel::from_params(params),
        )?))
    }

    /// The expected mean value of the future purchases of a customer with `frequency`
    /// repeat purchases of mean value `monetaryValue`.
    /// @throws {TouchpointError} `INVALID_ARGUMENT` naming an argument that is not a finite
    /// number ≥ 0.
    #[wasm_bindgen(js_name = expectedSpend)]
    pub fn expected_spend(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] frequency: JsValue,
        #[wasm_bindgen(js_name = monetaryValue, unchecked_param_type = "number")]
        monetary_value: JsValue,
    ) -> Result<f64, JsValue> {
        let x = count_arg(&frequency, "frequency")?;
        let m = count_arg(&monetary_value, "monetaryValue")?;
        Ok(self.inner.expected_spend(x, m))
    }

    /// Every customer's expected spend per purchase (`histories`: `{ frequency,
    /// monetaryValue }` at least), as `expectedSpend` gives it for each.
    /// @throws {TouchpointError} `INVALID_ARGUMENT` naming a missing or malformed column.
    #[wasm_bindgen(unchecked_return_type = "SpendPredictions")]
    pub fn predict(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PurchaseHistoriesInput")] histories: JsValue,
    ) -> Result<JsValue, JsValue> {
        let h = histories_arg(&histories, SPEND)?;
        let spend = self.inner.expected_spend_all(&h);
        object(&[
            ("customerId", strings(&h.customer_id)),
            ("expectedSpend", column(&spend)),
        ])
    }

    /// A copy, handed over to Rust when the model is an argument (not part of the API).
    #[doc(hidden)]
    #[wasm_bindgen(js_name = _spendModelCopy, skip_typescript)]
    pub fn copy(&self) -> SpendModel {
        SpendModel {
            inner: Rc::clone(&self.inner),
        }
    }
}

/// Fits the Gamma-Gamma spend model on the customers with repeat purchases (`frequency >
/// 0`), from their `frequency` and `monetaryValue`.
/// @throws {TouchpointError} `OUT_OF_RANGE` / `INVALID_RECORD` naming the first bad customer
/// and field; `INVALID_CONFIG` naming a bad option, or without a repeat customer;
/// `NOT_CONVERGED` when the fit finds no optimum; `INVALID_ARGUMENT` naming a missing or
/// malformed column.
#[wasm_bindgen(js_name = fitSpendModel)]
pub fn fit_spend_model(
    #[wasm_bindgen(unchecked_param_type = "PurchaseHistoriesInput")] histories: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SpendModelOptions | null")] options: JsValue,
) -> Result<SpendModel, JsValue> {
    let h = histories_arg(&histories, SPEND)?;
    let o: SpendModelOptions = super::options(&options)?;
    Ok(SpendModel::from(thrown(touchpoint::fit_spend_model(
        &h, &o,
    ))?))
}
