//! `Dataset.fromEvents`: a dataset from event objects.

use crate::convert;
use crate::dataset::Dataset;
use crate::error::IntoJsResult;
use touchpoint::ingest;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Dataset {
    /// A dataset from event objects with camelCase keys (see `EventInput`); errors name the
    /// 1-based record and the field as written (`customerId`, `survey.score`).
    #[wasm_bindgen(js_name = fromEvents)]
    pub fn from_events(
        #[wasm_bindgen(unchecked_param_type = "Iterable<EventInput>")] events: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Mode | ReadOptions")] options: JsValue,
    ) -> Result<Dataset, JsValue> {
        let mode = convert::read_options(&options)?;
        let records = convert::events(&events)?;
        Ok(ingest::read_camel_records(records, mode).into_js()?.into())
    }
}
