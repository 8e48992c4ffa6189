//! NPS, CSAT and CES of plain survey answers: `nps(answers)`, `csat(answers)`, `ces(answers)`.
//! `answers` is an array (or typed array, or other iterable) of numbers; a value off the
//! scale is `OUT_OF_RANGE` naming its 1-based position (`record: "answer 2"`).

use crate::convert::{self, to_js};
use crate::error::IntoJsResult;
use wasm_bindgen::prelude::*;

/// The NPS of 0–10 answers.
#[wasm_bindgen(unchecked_return_type = "NpsSummary")]
pub fn nps(#[wasm_bindgen(unchecked_param_type = "Iterable<number>")] answers: JsValue) -> Result<JsValue, JsValue> {
    to_js(&touchpoint::nps(&convert::answers(&answers)?).into_js()?)
}

/// The CSAT of 1–5 answers.
#[wasm_bindgen(unchecked_return_type = "CsatSummary")]
pub fn csat(#[wasm_bindgen(unchecked_param_type = "Iterable<number>")] answers: JsValue) -> Result<JsValue, JsValue> {
    to_js(&touchpoint::csat(&convert::answers(&answers)?).into_js()?)
}

/// The CES of 1–7 answers.
#[wasm_bindgen(unchecked_return_type = "CesSummary")]
pub fn ces(#[wasm_bindgen(unchecked_param_type = "Iterable<number>")] answers: JsValue) -> Result<JsValue, JsValue> {
    to_js(&touchpoint::ces(&convert::answers(&answers)?).into_js()?)
}
