//! Experiments (core: `core/src/experiment/`): `analyzeExperiment` (`analyze.rs`),
//! `sampleRatioCheck` (`srm.rs`), `adjustPValues` (`correction.rs`), `sampleSize` and
//! `minimumDetectableEffect` (`power.rs`), `npsDifference` (`nps_difference.rs`),
//! `experimentFromRows` (`from_rows.rs`) and the dataset method `experiment` (`events.rs`). Data and options are
//! plain objects with camelCase keys; reports come back as plain objects.

mod analyze;
mod correction;
mod events;
mod from_rows;
mod nps_difference;
mod power;
mod srm;

use crate::value::thrown;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use serde::de::DeserializeOwned;

/// A plain value (object, array, number, string; `undefined` / `null` is `None`) read as the
/// core's type `T` with camelCase keys; a bad one is `INVALID_CONFIG` naming the field
/// (`metrics[0].sumSquares`), anything not JSON-shaped `INVALID_ARGUMENT` naming `name`.
pub(crate) fn read<T: DeserializeOwned>(
    env: &Env,
    value: Unknown<'_>,
    name: &str,
) -> napi::Result<Option<T>> {
    use napi::ValueType;
    if matches!(value.get_type()?, ValueType::Undefined | ValueType::Null) {
        return Ok(None);
    }
    // Wrapped in an object so that arrays and numbers read as options do.
    use napi::bindgen_prelude::{JsObjectValue, JsValue, Object};
    let mut wrapper = Object::new(env)?;
    wrapper.set_named_property(name, value)?;
    let mut json = crate::js::options(env, wrapper.to_unknown())?;
    let inner = json[name].take();
    thrown(env, touchpoint::value_from_camel_json(inner, name)).map(Some)
}
