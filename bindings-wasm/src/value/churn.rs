//! Churn risk (core: `core/src/value/churn.rs`): `churnRisk(purchaseModel, histories,
//! options)`.

use super::history::{histories_arg, Needs};
use super::model::purchase_model_arg;
use super::spend::spend_model_arg;
use super::{present, thrown};
use crate::convert::to_js;
use serde_json::Value;
use touchpoint::ChurnRiskOptions;
use wasm_bindgen::prelude::*;

/// Every customer's churn risk: probability alive, expected purchases in the next
/// `options.horizon` units (default: a month), an at-risk flag below `options.threshold`
/// (default 0.3), and, with `options.spendModel`, lifetime value and value at risk
/// (`clv × (1 − pAlive) / pAlive`); rows ranked by value at risk (without a spend model, by
/// purchases at risk), so the customers to win back first come first.
/// @throws {TouchpointError} `INVALID_CONFIG` naming a bad option; `OUT_OF_RANGE` /
/// `INVALID_RECORD` naming the first bad customer and field; `INVALID_ARGUMENT` naming a
/// bad argument.
#[wasm_bindgen(js_name = churnRisk, unchecked_return_type = "ChurnRisk")]
pub fn churn_risk(
    #[wasm_bindgen(
        js_name = purchaseModel,
        unchecked_param_type = "PurchaseModel | PurchaseModelJSON"
    )]
    purchase_model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PurchaseHistoriesInput")] histories: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ChurnRiskOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let m = purchase_model_arg(&purchase_model, "purchaseModel")?;
    // The spend model is an argument inside the options (a class instance, or a saved one).
    let mut spend = None;
    if options.is_object() && !js_sys::Array::is_array(&options) {
        let v = js_sys::Reflect::get(&options, &JsValue::from_str("spendModel"))?;
        if let Some(v) = present(v) {
            spend = Some(spend_model_arg(&v, "spendModel")?);
        }
    }
    let needs = Needs {
        ages: true,
        spend: spend.is_some(),
    };
    let h = histories_arg(&histories, needs)?;
    // The other options (the model, read above, is dropped from their JSON form).
    let mut value = crate::convert::options(&options)?;
    if let Value::Object(map) = &mut value {
        map.remove("spendModel");
    }
    let o: ChurnRiskOptions = super::options_from(value)?;
    let report = thrown(touchpoint::churn_risk(&m, &h, spend.as_deref(), &o))?;
    to_js(&report)
}
