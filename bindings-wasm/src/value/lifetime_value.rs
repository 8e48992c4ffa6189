//! Customer lifetime value (core: `core/src/value/lifetime_value.rs`):
//! `lifetimeValue(purchaseModel, spendModel, histories, options)`.

use super::history::{histories_arg, Needs};
use super::model::purchase_model_arg;
use super::spend::spend_model_arg;
use super::{column, object, strings, thrown};
use touchpoint::LifetimeValueOptions;
use wasm_bindgen::prelude::*;

/// What lifetime value reads of the histories: all of it.
const ALL: Needs = Needs {
    ages: true,
    spend: true,
};

/// Each customer's lifetime value over the next `options.months` (default 12) months,
/// discounted by `options.discountRate` (default 0.01) a month, as lifetimes'
/// `customer_lifetime_value` defines it: the purchase model's expected purchases in each
/// month × the spend model's expected spend. The histories must be in the purchase model's
/// unit. Returns `{ customerId, clv: Float64Array }`.
/// @throws {TouchpointError} `INVALID_CONFIG` naming a bad option, or `unit` when the
/// histories' unit is not the model's; `OUT_OF_RANGE` / `INVALID_RECORD` naming the first
/// bad customer and field; `INVALID_ARGUMENT` naming a bad argument.
#[wasm_bindgen(js_name = lifetimeValue, unchecked_return_type = "LifetimeValues")]
pub fn lifetime_value(
    #[wasm_bindgen(
        js_name = purchaseModel,
        unchecked_param_type = "PurchaseModel | PurchaseModelJSON"
    )]
    purchase_model: JsValue,
    #[wasm_bindgen(js_name = spendModel, unchecked_param_type = "SpendModel | SpendModelJSON")]
    spend_model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PurchaseHistoriesInput")] histories: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LifetimeValueOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let m = purchase_model_arg(&purchase_model, "purchaseModel")?;
    let s = spend_model_arg(&spend_model, "spendModel")?;
    let h = histories_arg(&histories, ALL)?;
    let o: LifetimeValueOptions = super::options(&options)?;
    let v = thrown(touchpoint::lifetime_value(&m, &s, &h, &o))?;
    object(&[
        ("customerId", strings(&v.customer_id)),
        ("clv", column(&v.clv)),
    ])
}
