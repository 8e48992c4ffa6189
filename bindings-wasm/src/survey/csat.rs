//! Customer satisfaction of plain answers: `csat(answers)`.

use crate::convert::{self, to_js};
use crate::error::IntoJsResult;
use wasm_bindgen::prelude::*;

/// The CSAT of 1–5 answers.
#[wasm_bindgen(unchecked_return_type = "CsatSummary")]
pub fn csat(
    #[wasm_bindgen(unchecked_param_type = "Iterable<number>")] answers: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&touchpoint::csat(&convert::answers(&answers)?).into_js()?)
}
