//! `Dataset.readSegment`: a dataset from Segment-style JSON or NDJSON.

use crate::convert;
use crate::dataset::Dataset;
use crate::error::IntoJsResult;
use touchpoint::ingest;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Dataset {
    /// A dataset from Segment-style JSON: an array of calls, or NDJSON (one call per line).
    #[wasm_bindgen(js_name = readSegment)]
    pub fn read_segment(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Mode | ReadOptions")] options: JsValue,
    ) -> Result<Dataset, JsValue> {
        let mode = convert::read_options(&options)?;
        let text = convert::text(&text, "text")?;
        Ok(ingest::read_segment(&text, mode).into_js()?.into())
    }
}
