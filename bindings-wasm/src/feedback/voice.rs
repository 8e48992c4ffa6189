//! `voiceOfCustomer(comments, options)` (core: `core/src/feedback/voice/`). Comment rows keep
//! their keys as written (`customer_id` or `customerId`); options and the report are
//! camelCase. `ds.voiceOfCustomer(options)`: the same over a dataset's free text.

use crate::convert::to_js;
use crate::error::{argument_error, IntoJsResult};
use crate::value::thrown;
use serde_json::Value;
use touchpoint::VoiceOptions;
use wasm_bindgen::prelude::*;

/// The voice of the customer: per touchpoint, channel, stage and segment (and overall), the
/// comments' sentiment (VADER), the share of negative ones, and the terms that most set the
/// negative comments apart (tidylo's weighted log odds), with counts and examples.
/// @throws {TouchpointError} `INVALID_RECORD` (a comment without customer, time or text, an
/// unknown column) or `OUT_OF_RANGE` (a text over 1 MiB) naming the row and the field;
/// `INVALID_CONFIG` for a bad option.
#[wasm_bindgen(js_name = voiceOfCustomer, unchecked_return_type = "VoiceReport")]
pub fn voice_of_customer(
    #[wasm_bindgen(unchecked_param_type = "CommentRow[]")] comments: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "VoiceOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let o: VoiceOptions = crate::value::options(&options)?;
    thrown(o.check())?;
    let wrapper = js_sys::Object::new();
    js_sys::Reflect::set(&wrapper, &JsValue::from_str("comments"), &comments)?;
    let rows = match crate::convert::options(&wrapper)?["comments"].take() {
        Value::Array(rows) => rows,
        _ => {
            return Err(argument_error(
                "comments",
                None,
                "expected an array of comment objects",
            ))
        }
    };
    // A row's error names its column as the row has it (data, not a field to respell).
    let comments = touchpoint::read_comments(&rows, &o).into_js()?;
    to_js(&thrown(touchpoint::voice_of_customer(&comments, &o))?)
}

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// The voice of the customer over the events' free text (`text`): per touchpoint (the
    /// event's kind), channel, journey stage reached and segment (a trait, with
    /// `segmentTrait`), the sentiment, the share of negative texts and the terms that most
    /// set them apart, with counts and examples.
    voiceOfCustomer / voice_of_customer: "VoiceOptions", "VoiceReport" => touchpoint::voice_of_dataset;
}
