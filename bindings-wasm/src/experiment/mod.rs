//! Experiments (core: `core/src/experiment/`): `analyzeExperiment` (`analyze.rs`),
//! `sampleRatioCheck` (`srm.rs`), `adjustPValues` (`correction.rs`), `sampleSize` and
//! `minimumDetectableEffect` (`power.rs`), `npsDifference` (`nps_difference.rs`),
//! `experimentFromRows` (`from_rows.rs`) and the dataset method `experiment` (`events.rs`). Data and options are
//! plain objects with camelCase keys; reports come back as plain objects.

pub mod analyze;
pub mod correction;
pub mod events;
pub mod from_rows;
pub mod nps_difference;
pub mod power;
pub mod srm;

use crate::value::thrown;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// A plain value (object, array, number, string; `undefined` / `null` is `None`) read as the
/// core's type `T` with camelCase keys; a bad one is `INVALID_CONFIG` naming the field
/// (`metrics[0].sumSquares`), anything not JSON-shaped `INVALID_ARGUMENT` naming `name`.
pub(crate) fn read<T: DeserializeOwned>(value: &JsValue, name: &str) -> Result<Option<T>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    // A string is a value of its own (`"holm"`), not JSON text.
    let json = match value.as_string() {
        Some(text) => serde_json::Value::String(text),
        None => crate::convert::json_value(value, name)?,
    };
    thrown(touchpoint::value_from_camel_json(json, name)).map(Some)
}
