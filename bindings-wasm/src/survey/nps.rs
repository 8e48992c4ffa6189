//! Net Promoter Score of plain answers: `nps(answers)`.

use crate::convert::{self, to_js};
use crate::error::IntoJsResult;
use wasm_bindgen::prelude::*;

/// The NPS of 0–10 answers.
#[wasm_bindgen(unchecked_return_type = "NpsSummary")]
pub fn nps(
    #[wasm_bindgen(unchecked_param_type = "Iterable<number>")] answers: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&touchpoint::nps(&convert::answers(&answers)?).into_js()?)
}
