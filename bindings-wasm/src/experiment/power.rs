//! `sampleSize(plan, relativeEffect)` and `minimumDetectableEffect(plan, controlUnits)`.

use super::read;
use crate::convert::to_js;
use crate::error::argument_error;
use crate::value::thrown;
use touchpoint::PowerOptions;
use wasm_bindgen::prelude::*;

fn plan(value: &JsValue) -> Result<PowerOptions, JsValue> {
    read::<PowerOptions>(value, "plan")?.ok_or_else(|| {
        argument_error(
            "plan",
            None,
            "expected a plan: { kind, baseline, stdDev?, alpha?, power?, alternative?, ratio? }",
        )
    })
}

fn number(value: &JsValue, name: &str) -> Result<f64, JsValue> {
    value
        .as_f64()
        .ok_or_else(|| argument_error(name, None, "expected a number"))
}

/// The units an experiment needs to detect a relative effect (0.1 for +10%) on the baseline
/// with the planned power (statsmodels' `NormalIndPower`; rates by Cohen's h).
/// @throws {TouchpointError} `INVALID_CONFIG` naming a bad option or `relativeEffect`.
#[wasm_bindgen(js_name = sampleSize, unchecked_return_type = "SampleSize")]
pub fn sample_size(
    #[wasm_bindgen(unchecked_param_type = "PowerPlan")] plan_value: JsValue,
    #[wasm_bindgen(js_name = relativeEffect, unchecked_param_type = "number")]
    relative_effect: JsValue,
) -> Result<JsValue, JsValue> {
    let o = plan(&plan_value)?;
    let effect = number(&relative_effect, "relativeEffect")?;
    to_js(&thrown(touchpoint::sample_size(&o, effect))?)
}

/// The smallest increase `controlUnits` control units detect with the planned power.
/// @throws {TouchpointError} `INVALID_CONFIG` naming a bad option or `controlUnits`.
#[wasm_bindgen(js_name = minimumDetectableEffect, unchecked_return_type = "DetectableEffect")]
pub fn minimum_detectable_effect(
    #[wasm_bindgen(unchecked_param_type = "PowerPlan")] plan_value: JsValue,
    #[wasm_bindgen(js_name = controlUnits, unchecked_param_type = "number")] control_units: JsValue,
) -> Result<JsValue, JsValue> {
    let o = plan(&plan_value)?;
    let units = number(&control_units, "controlUnits")?;
    to_js(&thrown(touchpoint::minimum_detectable_effect(&o, units))?)
}
