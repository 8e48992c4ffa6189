//! `Dataset.fromEvents` (and `fromEventsAsync`): a dataset from event objects.

use crate::dataset::{read, read_async, Dataset};
use crate::error::guard;
use crate::task::Pending;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use touchpoint::ingest;

#[napi]
impl Dataset {
    /// A dataset from event objects `{customerId, timestamp, channel, kind, value?,
    /// survey?: {metric, score}, properties?}` (camelCase keys; `customer_id` is refused,
    /// naming `customerId`), in an array or any iterable (a `Set`, a generator). Records are
    /// read as `JSON.stringify` writes them: a `Date` is its ISO text (in `properties` and
    /// `traits` too); NaN, ±Infinity, an invalid `Date` and BigInts are written as text, so a
    /// number or time field holding one is refused naming it (a BigInt id stays exact).
    /// `mode` is `"strict"` (default: the first
    /// bad event throws) or `"lenient"` (bad events are skipped and listed in `rejected`).
    /// @throws {TouchpointError} `INVALID_RECORD` / `OUT_OF_RANGE` naming the event
    /// (`record: "record N"`, 1-based) and `field` (as written: `customerId`, `survey.score`); `INVALID_CONFIG` for an unknown mode;
    /// `INVALID_ARGUMENT` if `events` is not iterable, or for a record that cannot be JSON (a
    /// cycle), naming it.
    #[napi(ts_args_type = "events: Iterable<EventInput>, options?: Mode | ReadOptions")]
    pub fn from_events(env: Env, events: Unknown<'_>, mode: Unknown<'_>) -> napi::Result<Dataset> {
        guard(&env, || {
            let events = crate::js::events(&env, events)?;
            read(&env, mode, |mode| ingest::read_camel_records(events, mode))
        })
    }

    /// `Dataset.fromEvents` with a Promise. It gains little: reading the event objects into
    /// Rust values needs the JavaScript thread and is most of the work; only checking them
    /// and building the dataset run on the libuv thread pool. For large inputs prefer
    /// `fromColumnsAsync`, `readCsvAsync` or `readSegmentAsync`. Resolves to the dataset;
    /// rejects (never throws) with the `TouchpointError` that `fromEvents` would throw.
    #[napi(
        ts_args_type = "events: Iterable<EventInput>, options?: Mode | ReadOptions",
        ts_return_type = "Promise<Dataset>"
    )]
    pub fn from_events_async(
        env: Env,
        events: Unknown<'_>,
        mode: Unknown<'_>,
    ) -> napi::Result<Pending<Dataset>> {
        read_async(
            &env,
            mode,
            || crate::js::events(&env, events),
            ingest::read_camel_records,
        )
    }
}
