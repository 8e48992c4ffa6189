//! `npsDifference(control, treatment, alpha)`.

use super::read;
use crate::convert::to_js;
use crate::value::thrown;
use touchpoint::NpsCounts;
use wasm_bindgen::prelude::*;

/// A group: counts (`{ promoters, passives, detractors }`; an `nps()` result serves), or the
/// 0–10 answers (an array or typed array).
fn counts(value: &JsValue, name: &str) -> Result<NpsCounts, JsValue> {
    let is_counts = value.is_object()
        && !js_sys::Array::is_array(value)
        && !js_sys::ArrayBuffer::is_view(value);
    if is_counts {
        if let Some(c) = read::<NpsCounts>(value, name)? {
            return Ok(c);
        }
    }
    let s = thrown(touchpoint::nps(&crate::convert::answers(value)?))?;
    Ok(NpsCounts {
        promoters: s.promoters,
        passives: s.passives,
        detractors: s.detractors,
    })
}

/// The NPS of `treatment` minus that of `control` (two variants or two survey waves), with
/// its interval at 1 − alpha (default 0.05) and a two-sided z-test from each score's
/// trinomial variance.
/// @throws {TouchpointError} `INVALID_CONFIG` naming `control` or `treatment` (no answers,
/// no spread) or `alpha`; `OUT_OF_RANGE` for an answer outside 0–10.
#[wasm_bindgen(js_name = npsDifference, unchecked_return_type = "NpsDifference")]
pub fn nps_difference(
    #[wasm_bindgen(unchecked_param_type = "NpsCounts | Iterable<number>")] control: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NpsCounts | Iterable<number>")] treatment: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | null")] alpha: JsValue,
) -> Result<JsValue, JsValue> {
    let c = counts(&control, "control")?;
    let t = counts(&treatment, "treatment")?;
    let alpha = read::<f64>(&alpha, "alpha")?.unwrap_or(0.05);
    to_js(&thrown(touchpoint::nps_difference(&c, &t, alpha))?)
}
