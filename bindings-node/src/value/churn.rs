//! Churn risk (core: `core/src/value/churn.rs`): `churnRisk(purchaseModel, histories,
//! options)` and its `…Async` form.

use super::history::{histories_arg, Needs};
use super::model::purchase_model_arg;
use super::spend::spend_model_arg;
use super::{carried, thrown};
use crate::error::{guard, plain, to_js, to_value};
use crate::task::{Job, Pending};
use napi::bindgen_prelude::{FromNapiValue, JsObjectValue, JsValue, Object, Unknown};
use napi::{Env, ValueType};
use napi_derive::napi;
use serde_json::Value;
use std::sync::Arc;
use touchpoint::{ChurnRiskOptions, PurchaseHistories, SpendModel};

/// What churn risk reads: the spend model of `options.spendModel` (a `SpendModel` or a
/// saved one, read as an argument), the histories (`monetaryValue` needed with a spend
/// model), and the other options.
struct Inputs {
    spend: Option<Arc<SpendModel>>,
    histories: PurchaseHistories,
    options: ChurnRiskOptions,
}

fn inputs(env: &Env, histories: Unknown<'_>, options: Unknown<'_>) -> napi::Result<Inputs> {
    let mut spend = None;
    if options.get_type()? == ValueType::Object && !options.is_array()? {
        let object = Object::from_unknown(options)?;
        let v: Unknown<'_> = object.get_named_property("spendModel")?;
        if !matches!(v.get_type()?, ValueType::Undefined | ValueType::Null) {
            spend = Some(spend_model_arg(env, v, "spendModel")?);
        }
    }
    let needs = Needs {
        ages: true,
        spend: spend.is_some(),
    };
    let histories = histories_arg(env, histories, needs)?;
    let mut value = crate::js::options(env, options)?;
    if let Value::Object(map) = &mut value {
        map.remove("spendModel");
    }
    let options = super::options_from(env, value)?;
    Ok(Inputs {
        spend,
        histories,
        options,
    })
}

/// Every customer's churn risk: probability alive, expected purchases in the next
/// `options.horizon` units (default: a month), an at-risk flag below
/// `options.threshold` (default 0.3), and, with `options.spendModel`, lifetime value and
/// value at risk (`clv × (1 − pAlive) / pAlive`); rows ranked by value at risk (without a
/// spend model, by purchases at risk), so the customers to win back first come first.
/// @throws {TouchpointError} `INVALID_CONFIG` naming a bad option; `OUT_OF_RANGE` /
/// `INVALID_RECORD` naming the first bad customer and field; `INVALID_ARGUMENT` naming a
/// bad argument.
#[napi(
    ts_args_type = "purchaseModel: PurchaseModel | PurchaseModelJSON, histories: PurchaseHistoriesInput, options?: ChurnRiskOptions | null",
    ts_return_type = "ChurnRisk"
)]
pub fn churn_risk<'env>(
    env: &'env Env,
    purchase_model: Unknown<'_>,
    histories: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let m = purchase_model_arg(env, purchase_model, "purchaseModel")?;
        let i = inputs(env, histories, options)?;
        let spend = i.spend.as_deref();
        let report = touchpoint::churn_risk(&m, &i.histories, spend, &i.options);
        plain(env, thrown(env, report)?)
    })
}

/// `churnRisk` off the event loop: the arguments are read (and the histories copied) now,
/// the report computed on the libuv thread pool. Rejects (never throws) with the
/// `TouchpointError` the synchronous form would throw.
#[napi(
    ts_args_type = "purchaseModel: PurchaseModel | PurchaseModelJSON, histories: PurchaseHistoriesInput, options?: ChurnRiskOptions | null",
    ts_return_type = "Promise<ChurnRisk>"
)]
pub fn churn_risk_async(
    env: Env,
    purchase_model: Unknown<'_>,
    histories: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Pending<Value>> {
    Job::start(&env, || {
        let m = purchase_model_arg(&env, purchase_model, "purchaseModel")?;
        let i = inputs(&env, histories, options)?;
        Ok(Job::spawn(
            move || {
                let spend = i.spend.as_deref();
                let report = touchpoint::churn_risk(&m, &i.histories, spend, &i.options);
                to_value(carried(report)?)
            },
            to_js,
        ))
    })
}
