//! `sampleRatioCheck(units, weights, threshold)`.

use super::read;
use crate::convert::to_js;
use crate::error::argument_error;
use crate::value::thrown;
use wasm_bindgen::prelude::*;

/// The exposures per variant against the planned split (`weights`, equal by default):
/// Pearson's chi-square, its p-value, and `mismatch` below `threshold` (default 0.001).
/// @throws {TouchpointError} `INVALID_CONFIG` or `OUT_OF_RANGE` naming `weights`.
#[wasm_bindgen(js_name = sampleRatioCheck, unchecked_return_type = "SampleRatioCheck")]
pub fn sample_ratio_check(
    #[wasm_bindgen(unchecked_param_type = "number[]")] units: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number[] | null")] weights: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | null")] threshold: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(units) = read::<Vec<u64>>(&units, "units")? else {
        return Err(argument_error(
            "units",
            None,
            "expected the units of each variant",
        ));
    };
    let weights = read::<Vec<f64>>(&weights, "weights")?;
    let threshold = read::<f64>(&threshold, "threshold")?.unwrap_or(0.001);
    to_js(&thrown(touchpoint::sample_ratio_check(
        &units,
        weights.as_deref(),
        threshold,
    ))?)
}
