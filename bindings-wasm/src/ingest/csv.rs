//! `Dataset.readCsv`: a dataset from CSV text with a header line.

use crate::convert;
use crate::dataset::Dataset;
use crate::error::IntoJsResult;
use touchpoint::ingest;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Dataset {
    /// A dataset from CSV with a header line (`customer_id,timestamp,channel,kind`, and
    /// optionally `value`, `survey`, `score`); errors name the line, the header being line 1.
    #[wasm_bindgen(js_name = readCsv)]
    pub fn read_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Mode | ReadOptions")] options: JsValue,
    ) -> Result<Dataset, JsValue> {
        let mode = convert::read_options(&options)?;
        let text = convert::text(&text, "text")?;
        Ok(ingest::read_csv(&text, mode).into_js()?.into())
    }
}
