//! The holdout comparison (core: `core/src/value/calibration.rs`):
//! `calibrationReport(purchaseModel, histories, options)`.

use super::history::{histories_arg, Needs};
use super::model::purchase_model_arg;
use super::thrown;
use crate::convert::to_js;
use touchpoint::CalibrationOptions;
use wasm_bindgen::prelude::*;

/// How well the model predicted the holdout period of split histories (made with
/// `calibrationEnd`): predicted and actual purchases per customer in the holdout, in total
/// and by frequency in the calibration period (`options.maxFrequency`, default 7, and more
/// in one group), as lifetimes' calibration plot tabulates them.
/// @throws {TouchpointError} `INVALID_CONFIG` naming `holdout` when the histories have
/// none, or a bad option; `OUT_OF_RANGE` / `INVALID_RECORD` naming the first bad customer
/// and field; `INVALID_ARGUMENT` naming a bad argument.
#[wasm_bindgen(js_name = calibrationReport, unchecked_return_type = "CalibrationReport")]
pub fn calibration_report(
    #[wasm_bindgen(
        js_name = purchaseModel,
        unchecked_param_type = "PurchaseModel | PurchaseModelJSON"
    )]
    purchase_model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PurchaseHistoriesInput")] histories: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CalibrationOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let m = purchase_model_arg(&purchase_model, "purchaseModel")?;
    let needs = Needs {
        ages: true,
        spend: false,
    };
    let h = histories_arg(&histories, needs)?;
    let o: CalibrationOptions = super::options(&options)?;
    to_js(&thrown(touchpoint::calibration_report(&m, &h, &o))?)
}
