//! Purchase models (core: `core/src/value/model.rs`, `fit.rs`): the `PurchaseModel` class
//! (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB) and `fitPurchaseModel(histories, options)`.

use super::history::{histories_arg, unit_name, Needs};
use super::{carried, column, count_arg, json_arg, number_arg, saved, thrown};
use crate::error::{arg, arg_error, describe, guard, plain};
use crate::task::{Job, Pending};
use napi::bindgen_prelude::{
    ClassInstance, FromNapiValue, JavaScriptClassExt, JsValue, Object, Unknown,
};
use napi::{Env, ValueType};
use napi_derive::napi;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;
use touchpoint::{PurchaseModelKind, PurchaseModelOptions, TimeUnit, TouchpointError};

/// A fitted (or given) purchase model: its parameters, and each customer's probability of
/// being alive and expected purchases. Make one with `fitPurchaseModel`,
/// `PurchaseModel.fromJSON` (a model saved with `JSON.stringify(model)`, here or in another
/// language) or `PurchaseModel.fromParams`; there is no public constructor.
#[napi]
pub struct PurchaseModel {
    /// Shared with the `…Async` calls that read the model on the libuv pool.
    pub(crate) inner: Arc<touchpoint::PurchaseModel>,
}

impl From<touchpoint::PurchaseModel> for PurchaseModel {
    fn from(m: touchpoint::PurchaseModel) -> Self {
        PurchaseModel { inner: Arc::new(m) }
    }
}

/// A purchase-model argument: a `PurchaseModel`, or a saved one (its `toJSON()` object,
/// camelCase or snake_case keys). Anything else is `INVALID_ARGUMENT` naming `name`; a
/// saved model that does not read is `INVALID_CONFIG` naming the field.
pub(crate) fn purchase_model_arg(
    env: &Env,
    value: Unknown<'_>,
    name: &str,
) -> napi::Result<Arc<touchpoint::PurchaseModel>> {
    if value.get_type()? == ValueType::Object {
        if PurchaseModel::instance_of(env, &value)? {
            let model = ClassInstance::<PurchaseModel>::from_unknown(value)?;
            return Ok(Arc::clone(&model.inner));
        }
        if !value.is_array()? && !value.is_typedarray()? {
            let json = json_arg(env, value, name)?;
            return Ok(Arc::new(thrown(env, saved(json, name))?));
        }
    }
    let got = describe(value)?;
    let message = format!("expected a PurchaseModel (fitPurchaseModel, PurchaseModel.fromJSON) or a saved one, got {got}");
    Err(arg_error(env, name, &message))
}

/// The unit options of `PurchaseModel.fromParams`.
#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Units {
    unit: TimeUnit,
    unit_multiplier: Option<u32>,
}

/// `finish` of a fit: the model as an instance of the class.
fn model_to_js(env: &Env, m: touchpoint::PurchaseModel) -> napi::Result<Unknown<'_>> {
    Ok(PurchaseModel::from(m).into_instance(env)?.to_unknown())
}

#[napi]
impl PurchaseModel {
    /// Which model: `bg_nbd`, `mbg_nbd`, `pareto_nbd` or `bg_bb`.
    #[napi(getter, ts_return_type = "PurchaseModelKind")]
    pub fn model(&self) -> &'static str {
        self.inner.model.name()
    }

    /// The parameters by lifetimes' names (`r`, `alpha`, `a`, `b`; Pareto/NBD `r`, `alpha`,
    /// `s`, `beta`; BG/BB `alpha`, `beta`, `gamma`, `delta`), rates per `unit`.
    #[napi(getter, ts_return_type = "Record<string, number>")]
    pub fn params<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        plain(env, &self.inner.params)
    }

    /// The parameters' standard errors, or `null` (a given model, or a likelihood whose
    /// curvature at the optimum is not positive definite).
    #[napi(getter, ts_return_type = "Record<string, number> | null")]
    pub fn standard_errors<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        plain(env, &self.inner.standard_errors)
    }

    /// The log-likelihood of the histories at the fit (`null` for a given model).
    #[napi(getter)]
    pub fn log_likelihood(&self) -> Option<f64> {
        self.inner.log_likelihood
    }

    /// How many customers the model was fitted on (0 for a given model).
    #[napi(getter)]
    pub fn customers(&self) -> f64 {
        self.inner.customers as f64
    }

    /// How many distinct (frequency, recency, T) histories those customers have.
    #[napi(getter)]
    pub fn distinct_histories(&self) -> f64 {
        self.inner.distinct_histories as f64
    }

    /// Newton iterations the fit took (0 for a given model).
    #[napi(getter)]
    pub fn iterations(&self) -> u32 {
        self.inner.iterations
    }

    /// The unit of the histories the model was fitted on: its rates are per unit.
    #[napi(getter, ts_return_type = "TimeUnit")]
    pub fn unit(&self) -> &'static str {
        unit_name(self.inner.unit)
    }

    /// How many units make one step of those histories.
    #[napi(getter)]
    pub fn unit_multiplier(&self) -> u32 {
        self.inner.unit_multiplier
    }

    /// The model as a plain object, what `JSON.stringify(model)` writes; read it back with
    /// `PurchaseModel.fromJSON` (here, in the browser, or in Python with its snake_case keys
    /// converted).
    #[napi(js_name = "toJSON", ts_return_type = "PurchaseModelJSON")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        guard(env, || plain(env, &*self.inner))
    }

    /// A saved model: the object `toJSON()` gives, or its JSON text (keys in camelCase, or
    /// the core's snake_case as Python and Rust save it).
    /// @throws {TouchpointError} `INVALID_CONFIG` naming the field that does not read
    /// (`params`, `model`); `INVALID_ARGUMENT` if `json` is neither an object nor JSON text.
    #[napi(
        js_name = "fromJSON",
        ts_args_type = "json: (Pick<PurchaseModelJSON, 'model' | 'params'> & Partial<PurchaseModelJSON>) | string"
    )]
    pub fn from_json(env: Env, json: Unknown<'_>) -> napi::Result<PurchaseModel> {
        guard(&env, || {
            let value = json_arg(&env, json, "json")?;
            let model: touchpoint::PurchaseModel = thrown(&env, saved(value, "model"))?;
            Ok(PurchaseModel::from(model))
        })
    }

    /// A model with known parameters (each finite and > 0, by lifetimes' names), its rates
    /// per `options.unit` (default `day`) × `options.unitMultiplier` (default 1).
    /// @throws {TouchpointError} `INVALID_CONFIG` naming `model`, `params` or the option.
    #[napi(
        ts_args_type = "model: PurchaseModelKind, params: Record<string, number>, options?: { unit?: TimeUnit, unitMultiplier?: number } | null"
    )]
    pub fn from_params(
        env: Env,
        model: Unknown<'_>,
        params: Unknown<'_>,
        options: Unknown<'_>,
    ) -> napi::Result<PurchaseModel> {
        guard(&env, || {
            let kind: Value = arg(&env, model, "model")?;
            let kind: PurchaseModelKind = thrown(&env, touchpoint::value_from_json(kind, "model"))?;
            let params: BTreeMap<String, f64> = arg(&env, params, "params")?;
            let units: Units = super::options(&env, options)?;
            let mut m = thrown(&env, touchpoint::PurchaseModel::from_params(kind, params))?;
            m.unit = units.unit;
            m.unit_multiplier = match units.unit_multiplier {
                Some(0) => {
                    let e = TouchpointError::InvalidConfig {
                        option: "unit_multiplier".into(),
                        message: "at least 1".into(),
                    };
                    return thrown(&env, Err(e));
                }
                Some(k) => k,
                None => 1,
            };
            Ok(PurchaseModel::from(m))
        })
    }

    /// Each customer's probability of being alive and expected purchases in the next
    /// `horizon` units (BG/BB: periods), computed once per distinct history.
    /// @throws {TouchpointError} as `fitPurchaseModel` for bad histories;
    /// `INVALID_CONFIG` naming `horizon` if it is negative or not finite.
    #[napi(
        ts_args_type = "histories: PurchaseHistoriesInput, horizon: number",
        ts_return_type = "PurchasePredictions"
    )]
    pub fn predict<'env>(
        &self,
        env: &'env Env,
        histories: Unknown<'_>,
        horizon: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        guard(env, || {
            let needs = Needs {
                ages: true,
                spend: false,
            };
            let h = histories_arg(env, histories, needs)?;
            let horizon = number_arg(env, horizon, "horizon")?;
            let p = thrown(env, self.inner.predict(&h, horizon))?;
            let mut o = Object::new(env)?;
            o.set("customerId", p.customer_id)?;
            o.set("probabilityAlive", column(p.probability_alive))?;
            o.set("expectedPurchases", column(p.expected_purchases))?;
            Ok(o.to_unknown())
        })
    }

    /// The probability that a customer with this history is alive (`T`: the customer's age).
    /// @throws {TouchpointError} `INVALID_ARGUMENT` naming an argument that is not a finite
    /// number ≥ 0.
    #[napi(ts_args_type = "frequency: number, recency: number, T: number")]
    pub fn probability_alive(
        &self,
        env: Env,
        frequency: Unknown<'_>,
        recency: Unknown<'_>,
        t: Unknown<'_>,
    ) -> napi::Result<f64> {
        guard(&env, || {
            let x = count_arg(&env, frequency, "frequency")?;
            let tx = count_arg(&env, recency, "recency")?;
            let t = count_arg(&env, t, "T")?;
            Ok(self.inner.probability_alive(x, tx, t))
        })
    }

    /// The expected purchases in the next `horizon` units of a customer with this history.
    /// @throws {TouchpointError} `INVALID_ARGUMENT` naming an argument that is not a finite
    /// number ≥ 0.
    #[napi(ts_args_type = "horizon: number, frequency: number, recency: number, T: number")]
    pub fn expected_purchases(
        &self,
        env: Env,
        horizon: Unknown<'_>,
        frequency: Unknown<'_>,
        recency: Unknown<'_>,
        t: Unknown<'_>,
    ) -> napi::Result<f64> {
        guard(&env, || {
            let h = count_arg(&env, horizon, "horizon")?;
            let x = count_arg(&env, frequency, "frequency")?;
            let tx = count_arg(&env, recency, "recency")?;
            let t = count_arg(&env, t, "T")?;
            Ok(self.inner.expected_purchases(h, x, tx, t))
        })
    }

    /// The expected purchases of a new customer in their first `horizon` units.
    /// @throws {TouchpointError} `INVALID_ARGUMENT` if `horizon` is not a finite number ≥ 0.
    #[napi(ts_args_type = "horizon: number")]
    pub fn expected_purchases_new_customer(
        &self,
        env: Env,
        horizon: Unknown<'_>,
    ) -> napi::Result<f64> {
        guard(&env, || {
            let h = count_arg(&env, horizon, "horizon")?;
            Ok(self.inner.expected_purchases_new_customer(h))
        })
    }

    /// The probability that a new customer makes exactly `n` purchases in their first
    /// `horizon` units (BG/BB: periods, a whole number).
    /// @throws {TouchpointError} `INVALID_ARGUMENT` if `n` is not a whole number ≥ 0;
    /// `INVALID_CONFIG` naming `horizon` if it is negative, not finite, or (BG/BB) not whole.
    #[napi(ts_args_type = "n: number, horizon: number")]
    pub fn probability_of_purchases(
        &self,
        env: Env,
        n: Unknown<'_>,
        horizon: Unknown<'_>,
    ) -> napi::Result<f64> {
        guard(&env, || {
            let count = count_arg(&env, n, "n")?;
            if count.fract() != 0.0 || count > 9_007_199_254_740_992.0 {
                return Err(arg_error(
                    &env,
                    "n",
                    &format!("expected a whole number of purchases, got {count}"),
                ));
            }
            let horizon = number_arg(&env, horizon, "horizon")?;
            thrown(
                &env,
                self.inner.probability_of_purchases(count as u64, horizon),
            )
        })
    }
}

/// Fits a purchase model (`options.model`: `bg_nbd`, the default, `mbg_nbd`, `pareto_nbd`
/// or `bg_bb`) by maximum likelihood on `histories` (a `PurchaseHistories` object, or
/// columns `{ frequency, recency, T }`), its rates per the histories' unit.
/// @throws {TouchpointError} `OUT_OF_RANGE` / `INVALID_RECORD` naming the first bad
/// customer (`record N`) and field (`frequency`, `recency`, `T`); `INVALID_CONFIG` naming a
/// bad option, or for no customers; `NOT_CONVERGED` when the fit finds no optimum;
/// `INVALID_ARGUMENT` naming a missing or malformed column.
#[napi(
    ts_args_type = "histories: PurchaseHistoriesInput, options?: PurchaseModelOptions | null",
    ts_return_type = "PurchaseModel"
)]
pub fn fit_purchase_model<'env>(
    env: &'env Env,
    histories: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let h = histories_arg(
            env,
            histories,
            Needs {
                ages: true,
                spend: false,
            },
        )?;
        let o: PurchaseModelOptions = super::options(env, options)?;
        model_to_js(env, thrown(env, touchpoint::fit_purchase_model(&h, &o))?)
    })
}

/// `fitPurchaseModel` off the event loop: the histories are copied now, the fit runs on the
/// libuv thread pool. Rejects (never throws) with the `TouchpointError` the synchronous
/// form would throw.
#[napi(
    ts_args_type = "histories: PurchaseHistoriesInput, options?: PurchaseModelOptions | null",
    ts_return_type = "Promise<PurchaseModel>"
)]
pub fn fit_purchase_model_async(
    env: Env,
    histories: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Pending<touchpoint::PurchaseModel>> {
    Job::start(&env, || {
        let h = histories_arg(
            &env,
            histories,
            Needs {
                ages: true,
                spend: false,
            },
        )?;
        let o: PurchaseModelOptions = super::options(&env, options)?;
        Ok(Job::spawn(
            move || carried(touchpoint::fit_purchase_model(&h, &o)),
            model_to_js,
        ))
    })
}
