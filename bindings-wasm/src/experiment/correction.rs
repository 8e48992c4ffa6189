//! `adjustPValues(pValues, correction)`.

use super::read;
use crate::error::argument_error;
use crate::value::thrown;
use touchpoint::Correction;
use wasm_bindgen::prelude::*;

/// The p-values adjusted for many comparisons, in order: `"holm"` (Holm-Bonferroni),
/// `"benjamini_hochberg"` or `"none"`, as statsmodels' `multipletests`.
/// @throws {TouchpointError} `OUT_OF_RANGE` naming `pValues` for a p-value outside [0, 1].
#[wasm_bindgen(js_name = adjustPValues, unchecked_return_type = "number[]")]
pub fn adjust_p_values(
    #[wasm_bindgen(js_name = pValues, unchecked_param_type = "number[]")] p_values: JsValue,
    #[wasm_bindgen(unchecked_param_type = "'none' | 'holm' | 'benjamini_hochberg'")]
    correction: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(p) = read::<Vec<f64>>(&p_values, "pValues")? else {
        return Err(argument_error(
            "pValues",
            None,
            "expected an array of p-values",
        ));
    };
    let c = read::<Correction>(&correction, "correction")?.unwrap_or_default();
    // A plain array, as in Node (a `Vec<f64>` would come out as a Float64Array).
    crate::convert::to_js(&thrown(touchpoint::adjust_p_values(&p, c))?)
}
