//! Partial states (core: `core/src/partial/`): `ds.partialState(analysis, options,
//! { context, keys })`, `mergePartialStates(states)` and `finishPartialState(state)`: an
//! analysis over partitions of the customers (worker threads, processes, machines), merged
//! into the report one machine gives (docs/guide-scale.md).

use crate::dataset::Dataset;
use crate::error::{arg, arg_error, binding_error, guard, plain, IntoNapiResult};
use napi::bindgen_prelude::{
    Array, Buffer, FromNapiValue, JsObjectValue, JsValue, Object, Uint8Array, Unknown, ValueType,
};
use napi::Env;
use napi_derive::napi;
use touchpoint::{PartialReport, PartialState, PartitionContext, RecordRef};

/// `{ channels, kinds, firstEvent, lastEvent }` (times as `Date`s, milliseconds or RFC 3339
/// text) as the core's context.
fn context(env: &Env, value: Unknown<'_>) -> napi::Result<PartitionContext> {
    let value = crate::js::options(env, value)?;
    PartitionContext::from_camel_value(value).into_napi(env)
}

/// A key: a whole number from 0 to 2^53 (JavaScript's exact integers).
fn key(env: &Env, value: f64, which: &str) -> napi::Result<u64> {
    if value.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(&value) {
        Ok(value as u64)
    } else {
        Err(arg_error(
            env,
            "keys",
            &format!("the {which} key must be a whole number from 0 to 2^53, got {value}"),
        ))
    }
}

/// The bytes of state `i` of a list.
fn state_of(
    env: &Env,
    i: usize,
    value: Unknown<'_>,
) -> napi::Result<touchpoint::Result<PartialState>> {
    if value.get_type()? != ValueType::Object || !value.is_typedarray()? {
        let record = RecordRef::Record(i as u64 + 1);
        return Err(crate::error::element_error(
            env,
            "states",
            record,
            "expected a Uint8Array (or Buffer)",
        ));
    }
    let bytes = Uint8Array::from_unknown(value)?;
    Ok(PartialState::from_bytes(&bytes).map_err(|e| e.at_record(RecordRef::Record(i as u64 + 1))))
}

#[napi]
impl Dataset {
    /// The mergeable partial state of `analysis` (a method name in snake_case: `"overview"`,
    /// `"funnel"`, `"journey_map"`, …) with `options` over this dataset as one partition of a
    /// larger one, as versioned bytes. Aligns this dataset to `context` in place; `keys` are
    /// the smallest and largest ordering key of its customers (partitions hold disjoint ranges).
    /// @throws {TouchpointError} `INVALID_CONFIG` for bad options, a context that lacks a
    /// channel or kind of the data, or an unknown analysis (field `analysis`);
    /// `INVALID_ARGUMENT` while an `…Async` analysis of this dataset runs.
    #[napi(
        ts_args_type = "analysis: string, options: object | null | undefined, partition: { context: PartitionContext, keys: [number, number] }",
        ts_return_type = "Uint8Array"
    )]
    pub fn partial_state(
        &self,
        env: Env,
        analysis: Unknown<'_>,
        options: Unknown<'_>,
        partition: Unknown<'_>,
    ) -> napi::Result<Buffer> {
        guard(&env, || {
            let analysis: String = arg(&env, analysis, "analysis")?;
            let options = crate::js::options(&env, options)?;
            if partition.get_type()? != ValueType::Object {
                return Err(arg_error(&env, "partition", "expected { context, keys }"));
            }
            let partition = Object::from_unknown(partition)?;
            let context = context(&env, partition.get_named_property("context")?)?;
            let keys: (f64, f64) = arg(&env, partition.get_named_property("keys")?, "keys")?;
            let keys = (
                key(&env, keys.0, "smallest")?,
                key(&env, keys.1, "largest")?,
            );
            let Some(mut data) = self.data_mut() else {
                return Err(binding_error(
                    &env,
                    "INVALID_ARGUMENT",
                    "the dataset is in use by a running …Async analysis: await it first".into(),
                    None,
                ));
            };
            let state =
                PartialState::run_with_camel_options(&mut data, &analysis, options, &context, keys)
                    .into_napi(&env)?;
            Ok(Buffer::from(state.to_bytes()))
        })
    }
}

/// Merges partial states of one analysis, options and context, in any order, into one.
/// @throws {TouchpointError} `INVALID_CONFIG` (field `states`) for states that cannot merge
/// (overlapping keys, other analyses or options); `PARSE_ERROR` for bytes that are not a
/// partial state of this version.
#[napi(
    ts_args_type = "states: Iterable<Uint8Array>",
    ts_return_type = "Uint8Array"
)]
pub fn merge_partial_states(env: Env, states: Unknown<'_>) -> napi::Result<Buffer> {
    guard(&env, || {
        if !states.is_array()? {
            return Err(arg_error(&env, "states", "expected an array of Uint8Array"));
        }
        let array = Array::from_unknown(states)?;
        let mut all = Vec::with_capacity(array.len() as usize);
        for i in 0..array.len() {
            let item: Unknown<'_> = array.get_element(i)?;
            all.push(state_of(&env, i as usize, item)?);
        }
        let merged = PartialState::merge_all(all).into_napi(&env)?;
        Ok(Buffer::from(merged.to_bytes()))
    })
}

/// The report of a (merged) partial state: what the dataset method gives on one machine.
#[napi(ts_args_type = "state: Uint8Array", ts_return_type = "any")]
pub fn finish_partial_state<'env>(
    env: &'env Env,
    state: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let state = state_of(env, 0, state)?.into_napi(env)?;
        let report: PartialReport = state.finish().into_napi(env)?;
        plain(env, report)
    })
}
