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
        // Text with a lone surrogate is read as the bytes it would be (not UTF-8): the
        // line holding it is refused as not well-formed text, never read with U+FFFD.
        let read = match convert::text_arg(&text, "text")? {
            Ok(text) => ingest::read_csv(&text, mode),
            Err(bytes) => ingest::read_csv_from(&mut bytes.as_slice(), mode),
        };
        Ok(read.into_js()?.into())
    }
}
