//! Spend per purchase (core: `core/src/value/gamma_gamma.rs`): the `SpendModel` class
//! (Gamma-Gamma) and `fitSpendModel(histories, options)`.

use super::history::{histories_arg, Needs};
use super::{carried, column, count_arg, json_arg, saved, thrown};
use crate::error::{arg, arg_error, describe, guard, plain};
use crate::task::{Job, Pending};
use napi::bindgen_prelude::{
    ClassInstance, FromNapiValue, JavaScriptClassExt, JsValue, Object, Unknown,
};
use napi::{Env, ValueType};
use napi_derive::napi;
use std::collections::BTreeMap;
use std::sync::Arc;
use touchpoint::SpendModelOptions;

/// A fitted (or given) Gamma-Gamma spend model: the expected value of each customer's
/// future purchases. Make one with `fitSpendModel`, `SpendModel.fromJSON` or
/// `SpendModel.fromParams`; there is no public constructor.
#[napi]
pub struct SpendModel {
    /// Shared with the `…Async` calls that read the model on the libuv pool.
    pub(crate) inner: Arc<touchpoint::SpendModel>,
}

impl From<touchpoint::SpendModel> for SpendModel {
    fn from(m: touchpoint::SpendModel) -> Self {
        SpendModel { inner: Arc::new(m) }
    }
}

/// A spend-model argument: a `SpendModel`, or a saved one (its `toJSON()` object).
/// Anything else is `INVALID_ARGUMENT` naming `name`; a saved model that does not read is
/// `INVALID_CONFIG` naming the field.
pub(crate) fn spend_model_arg(
    env: &Env,
    value: Unknown<'_>,
    name: &str,
) -> napi::Result<Arc<touchpoint::SpendModel>> {
    if value.get_type()? == ValueType::Object {
        if SpendModel::instance_of(env, &value)? {
            let model = ClassInstance::<SpendModel>::from_unknown(value)?;
            return Ok(Arc::clone(&model.inner));
        }
        if !value.is_array()? && !value.is_typedarray()? {
            let json = json_arg(env, value, name)?;
            return Ok(Arc::new(thrown(env, saved(json, name))?));
        }
    }
    let got = describe(value)?;
    let message = format!(
        "expected a SpendModel (fitSpendModel, SpendModel.fromJSON) or a saved one, got {got}"
    );
    Err(arg_error(env, name, &message))
}

/// `finish` of a fit: the model as an instance of the class.
fn model_to_js(env: &Env, m: touchpoint::SpendModel) -> napi::Result<Unknown<'_>> {
    Ok(SpendModel::from(m).into_instance(env)?.to_unknown())
}

/// What the spend model reads of the histories: `frequency` and `monetaryValue`.
const SPEND: Needs = Needs {
    ages: false,
    spend: true,
};

#[napi]
impl SpendModel {
    /// Always `gamma_gamma`.
    #[napi(getter, ts_return_type = "'gamma_gamma'")]
    pub fn model(&self) -> String {
        self.inner.model.clone()
    }

    /// The parameters `p`, `q` and `v`.
    #[napi(getter, ts_return_type = "Record<string, number>")]
    pub fn params<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        plain(env, &self.inner.params)
    }

    /// The parameters' standard errors, or `null`.
    #[napi(getter, ts_return_type = "Record<string, number> | null")]
    pub fn standard_errors<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        plain(env, &self.inner.standard_errors)
    }

    /// The log-likelihood of the fitted customers' mean spends (`null` for a given model).
    #[napi(getter)]
    pub fn log_likelihood(&self) -> Option<f64> {
        self.inner.log_likelihood
    }

    /// How many customers the model was fitted on (those with repeat purchases).
    #[napi(getter)]
    pub fn customers(&self) -> f64 {
        self.inner.customers as f64
    }

    /// Newton iterations the fit took (0 for a given model).
    #[napi(getter)]
    pub fn iterations(&self) -> u32 {
        self.inner.iterations
    }

    /// The model as a plain object, what `JSON.stringify(model)` writes.
    #[napi(js_name = "toJSON", ts_return_type = "SpendModelJSON")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        guard(env, || plain(env, &*self.inner))
    }

    /// A saved model: the object `toJSON()` gives, or its JSON text (camelCase or
    /// snake_case keys).
    /// @throws {TouchpointError} `INVALID_CONFIG` naming the field that does not read;
    /// `INVALID_ARGUMENT` if `json` is neither an object nor JSON text.
    #[napi(
        js_name = "fromJSON",
        ts_args_type = "json: (Pick<SpendModelJSON, 'model' | 'params'> & Partial<SpendModelJSON>) | string"
    )]
    pub fn from_json(env: Env, json: Unknown<'_>) -> napi::Result<SpendModel> {
        guard(&env, || {
            let value = json_arg(&env, json, "json")?;
            let model: touchpoint::SpendModel = thrown(&env, saved(value, "model"))?;
            Ok(SpendModel::from(model))
        })
    }

    /// A model with known parameters `p`, `q` and `v` (each finite and > 0).
    /// @throws {TouchpointError} `INVALID_CONFIG` naming `params`.
    #[napi(ts_args_type = "params: Record<string, number>")]
    pub fn from_params(env: Env, params: Unknown<'_>) -> napi::Result<SpendModel> {
        guard(&env, || {
            let params: BTreeMap<String, f64> = arg(&env, params, "params")?;
            Ok(SpendModel::from(thrown(
                &env,
                touchpoint::SpendModel::from_params(params),
            )?))
        })
    }

    /// The expected mean value of the future purchases of a customer with `frequency`
    /// repeat purchases of mean value `monetaryValue`.
    /// @throws {TouchpointError} `INVALID_ARGUMENT` naming an argument that is not a finite
    /// number ≥ 0.
    #[napi(ts_args_type = "frequency: number, monetaryValue: number")]
    pub fn expected_spend(
        &self,
        env: Env,
        frequency: Unknown<'_>,
        monetary_value: Unknown<'_>,
    ) -> napi::Result<f64> {
        guard(&env, || {
            let x = count_arg(&env, frequency, "frequency")?;
            let m = count_arg(&env, monetary_value, "monetaryValue")?;
            Ok(self.inner.expected_spend(x, m))
        })
    }

    /// Every customer's expected spend per purchase (`histories`: `{ frequency,
    /// monetaryValue }` at least), as `expectedSpend` gives it for each (which reads a
    /// negative or non-finite number as 0, as the core does).
    /// @throws {TouchpointError} `INVALID_ARGUMENT` naming a missing or malformed column.
    #[napi(
        ts_args_type = "histories: PurchaseHistoriesInput",
        ts_return_type = "SpendPredictions"
    )]
    pub fn predict<'env>(
        &self,
        env: &'env Env,
        histories: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        guard(env, || {
            let h = histories_arg(env, histories, SPEND)?;
            let spend = self.inner.expected_spend_all(&h);
            let mut o = Object::new(env)?;
            o.set("customerId", h.customer_id)?;
            o.set("expectedSpend", column(spend))?;
            Ok(o.to_unknown())
        })
    }
}

/// Fits the Gamma-Gamma spend model on the customers with repeat purchases (`frequency >
/// 0`), from their `frequency` and `monetaryValue`.
/// @throws {TouchpointError} `OUT_OF_RANGE` / `INVALID_RECORD` naming the first bad customer
/// and field; `INVALID_CONFIG` naming a bad option, or without a repeat customer;
/// `NOT_CONVERGED` when the fit finds no optimum; `INVALID_ARGUMENT` naming a missing or
/// malformed column.
#[napi(
    ts_args_type = "histories: PurchaseHistoriesInput, options?: SpendModelOptions | null",
    ts_return_type = "SpendModel"
)]
pub fn fit_spend_model<'env>(
    env: &'env Env,
    histories: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let h = histories_arg(env, histories, SPEND)?;
        let o: SpendModelOptions = super::options(env, options)?;
        model_to_js(env, thrown(env, touchpoint::fit_spend_model(&h, &o))?)
    })
}

/// `fitSpendModel` off the event loop: the histories are copied now, the fit runs on the
/// libuv thread pool. Rejects (never throws) with the `TouchpointError` the synchronous
/// form would throw.
#[napi(
    ts_args_type = "histories: PurchaseHistoriesInput, options?: SpendModelOptions | null",
    ts_return_type = "Promise<SpendModel>"
)]
pub fn fit_spend_model_async(
    env: Env,
    histories: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Pending<touchpoint::SpendModel>> {
    Job::start(&env, || {
        let h = histories_arg(&env, histories, SPEND)?;
        let o: SpendModelOptions = super::options(&env, options)?;
        Ok(Job::spawn(
            move || carried(touchpoint::fit_spend_model(&h, &o)),
            model_to_js,
        ))
    })
}
