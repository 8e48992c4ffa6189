//! Customer lifetime value (core: `core/src/value/lifetime_value.rs`):
//! `lifetimeValue(purchaseModel, spendModel, histories, options)` and its `…Async` form.

use super::history::{histories_arg, Needs};
use super::model::purchase_model_arg;
use super::spend::spend_model_arg;
use super::{carried, column, thrown};
use crate::error::guard;
use crate::task::{Job, Pending};
use napi::bindgen_prelude::{JsValue, Object, Unknown};
use napi::Env;
use napi_derive::napi;
use touchpoint::{LifetimeValueOptions, LifetimeValues};

/// What lifetime value reads of the histories: all of it.
const ALL: Needs = Needs {
    ages: true,
    spend: true,
};

/// The values as a JavaScript object: `{ customerId, clv: Float64Array }`.
fn values_to_js(env: &Env, v: LifetimeValues) -> napi::Result<Unknown<'_>> {
    let mut o = Object::new(env)?;
    o.set("customerId", v.customer_id)?;
    o.set("clv", column(v.clv))?;
    Ok(o.to_unknown())
}

/// Each customer's lifetime value over the next `options.months` (default 12) months,
/// discounted by `options.discountRate` (default 0.01) a month, as lifetimes'
/// `customer_lifetime_value` defines it: the purchase model's expected purchases in each
/// month × the spend model's expected spend. The histories must be in the purchase model's
/// unit.
/// @throws {TouchpointError} `INVALID_CONFIG` naming a bad option, or `unit` when the
/// histories' unit is not the model's; `OUT_OF_RANGE` / `INVALID_RECORD` naming the first
/// bad customer and field; `INVALID_ARGUMENT` naming a bad argument.
#[napi(
    ts_args_type = "purchaseModel: PurchaseModel | PurchaseModelJSON, spendModel: SpendModel | SpendModelJSON, histories: PurchaseHistoriesInput, options?: LifetimeValueOptions | null",
    ts_return_type = "LifetimeValues"
)]
pub fn lifetime_value<'env>(
    env: &'env Env,
    purchase_model: Unknown<'_>,
    spend_model: Unknown<'_>,
    histories: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let m = purchase_model_arg(env, purchase_model, "purchaseModel")?;
        let s = spend_model_arg(env, spend_model, "spendModel")?;
        let h = histories_arg(env, histories, ALL)?;
        let o: LifetimeValueOptions = super::options(env, options)?;
        values_to_js(
            env,
            thrown(env, touchpoint::lifetime_value(&m, &s, &h, &o))?,
        )
    })
}

/// `lifetimeValue` off the event loop: the arguments are read (and the histories copied)
/// now, the values computed on the libuv thread pool. Rejects (never throws) with the
/// `TouchpointError` the synchronous form would throw.
#[napi(
    ts_args_type = "purchaseModel: PurchaseModel | PurchaseModelJSON, spendModel: SpendModel | SpendModelJSON, histories: PurchaseHistoriesInput, options?: LifetimeValueOptions | null",
    ts_return_type = "Promise<LifetimeValues>"
)]
pub fn lifetime_value_async(
    env: Env,
    purchase_model: Unknown<'_>,
    spend_model: Unknown<'_>,
    histories: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Pending<LifetimeValues>> {
    Job::start(&env, || {
        let m = purchase_model_arg(&env, purchase_model, "purchaseModel")?;
        let s = spend_model_arg(&env, spend_model, "spendModel")?;
        let h = histories_arg(&env, histories, ALL)?;
        let o: LifetimeValueOptions = super::options(&env, options)?;
        Ok(Job::spawn(
            move || carried(touchpoint::lifetime_value(&m, &s, &h, &o)),
            values_to_js,
        ))
    })
}
