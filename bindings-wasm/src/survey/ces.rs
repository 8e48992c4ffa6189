//! Customer effort score of plain answers: `ces(answers)`.

use crate::convert::{self, to_js};
use crate::error::IntoJsResult;
use wasm_bindgen::prelude::*;

/// The CES of 1–7 answers.
#[wasm_bindgen(unchecked_return_type = "CesSummary")]
pub fn ces(
    #[wasm_bindgen(unchecked_param_type = "Iterable<number>")] answers: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&touchpoint::ces(&convert::answers(&answers)?).into_js()?)
}
