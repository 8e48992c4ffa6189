//! Partial states (core: `core/src/partial/`): `ds.partialState(analysis, options,
//! { context, keys })`, `mergePartialStates(states)` and `finishPartialState(state)`: an
//! analysis over partitions of the customers (Web Workers, or a server's machines), merged
//! into the report one machine gives (docs/guide-scale.md).

use crate::convert::{self, describe, to_js};
use crate::dataset::Dataset;
use crate::error::{argument_error, IntoJsResult};
use js_sys::{Array, Reflect, Uint8Array};
use touchpoint::{PartialState, PartitionContext, RecordRef};
use wasm_bindgen::prelude::*;

/// A key: a whole number from 0 to 2^53 (JavaScript's exact integers).
fn key(value: &JsValue, which: &str) -> Result<u64, JsValue> {
    match value.as_f64() {
        Some(v) if v.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(&v) => Ok(v as u64),
        _ => Err(argument_error(
            "keys",
            None,
            &format!(
                "the {which} key must be a whole number from 0 to 2^53, got {}",
                describe(value)
            ),
        )),
    }
}

/// The bytes of state `i` of a list.
fn state_of(i: usize, value: &JsValue) -> Result<touchpoint::Result<PartialState>, JsValue> {
    let record = RecordRef::Record(i as u64 + 1);
    if !value.is_instance_of::<Uint8Array>() {
        let message = format!("expected a Uint8Array, got {}", describe(value));
        return Err(argument_error("states", Some(record), &message));
    }
    let bytes = Uint8Array::from(value.clone()).to_vec();
    Ok(PartialState::from_bytes(&bytes).map_err(|e| e.at_record(record)))
}

#[wasm_bindgen]
impl Dataset {
    /// The mergeable partial state of `analysis` (a method name in snake_case: `"overview"`,
    /// `"funnel"`, `"journey_map"`, …) with `options` over this dataset as one partition of a
    /// larger one, as versioned bytes. Aligns this dataset to `partition.context` in place;
    /// `partition.keys` are the smallest and largest ordering key of its customers.
    #[wasm_bindgen(js_name = partialState)]
    pub fn partial_state(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] analysis: JsValue,
        #[wasm_bindgen(unchecked_param_type = "object | null | undefined")] options: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "{ context: PartitionContext, keys: [number, number] }"
        )]
        partition: JsValue,
    ) -> Result<Uint8Array, JsValue> {
        let analysis = convert::text(&analysis, "analysis")?;
        let options = convert::options(&options)?;
        if !partition.is_object() {
            return Err(argument_error(
                "partition",
                None,
                "expected { context, keys }",
            ));
        }
        let context = Reflect::get(&partition, &"context".into())?;
        let context = PartitionContext::from_camel_value(convert::options(&context)?).into_js()?;
        let keys = Reflect::get(&partition, &"keys".into())?;
        if !Array::is_array(&keys) || Array::from(&keys).length() != 2 {
            return Err(argument_error("keys", None, "expected [smallest, largest]"));
        }
        let keys = Array::from(&keys);
        let keys = (
            key(&keys.get(0), "smallest")?,
            key(&keys.get(1), "largest")?,
        );
        let state = PartialState::run_with_camel_options(
            &mut self.data,
            &analysis,
            options,
            &context,
            keys,
        )
        .into_js()?;
        Ok(Uint8Array::from(state.to_bytes().as_slice()))
    }
}

/// Merges partial states of one analysis, options and context, in any order, into one.
/// `INVALID_CONFIG` (field `states`) for states that cannot merge; `PARSE_ERROR` for bytes
/// that are not a partial state of this version.
#[wasm_bindgen(js_name = mergePartialStates)]
pub fn merge_partial_states(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array[]")] states: JsValue,
) -> Result<Uint8Array, JsValue> {
    if !Array::is_array(&states) {
        return Err(argument_error(
            "states",
            None,
            "expected an array of Uint8Array",
        ));
    }
    let all = Array::from(&states)
        .iter()
        .enumerate()
        .map(|(i, v)| state_of(i, &v))
        .collect::<Result<Vec<_>, _>>()?;
    let merged = PartialState::merge_all(all).into_js()?;
    Ok(Uint8Array::from(merged.to_bytes().as_slice()))
}

/// The report of a (merged) partial state: what the dataset method gives on one machine.
#[wasm_bindgen(js_name = finishPartialState, unchecked_return_type = "any")]
pub fn finish_partial_state(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] state: JsValue,
) -> Result<JsValue, JsValue> {
    let state = state_of(0, &state)?.into_js()?;
    to_js(&touchpoint::camel_case::CamelCase(
        &state.finish().into_js()?,
    ))
}
