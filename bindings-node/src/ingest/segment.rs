//! `Dataset.readSegment` (and `readSegmentAsync`): a dataset from Segment-style JSON or
//! NDJSON.

use crate::dataset::{read, read_async, Dataset};
use crate::error::{arg, guard};
use crate::task::Pending;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use touchpoint::ingest;

#[napi]
impl Dataset {
    /// A dataset from Segment-style JSON: a JSON array of calls, or NDJSON (one call per
    /// line). `identify` calls give customers and traits; `track`, `page` and `screen`
    /// calls give touchpoints.
    /// @throws {TouchpointError} `PARSE_ERROR`, `INVALID_RECORD` or `OUT_OF_RANGE` naming
    /// the line (NDJSON) or record (array) and field; `INVALID_CONFIG` for an unknown mode.
    #[napi(ts_args_type = "text: string, options?: Mode | ReadOptions")]
    pub fn read_segment(env: Env, text: Unknown<'_>, mode: Unknown<'_>) -> napi::Result<Dataset> {
        guard(&env, || {
            let text: String = arg(&env, text, "text")?;
            read(&env, mode, |mode| ingest::read_segment(&text, mode))
        })
    }

    /// `Dataset.readSegment` off the event loop: the text is parsed on the libuv thread
    /// pool. Resolves to the dataset; rejects (never throws) with the `TouchpointError` that
    /// `readSegment` would throw, a bad argument or mode included.
    #[napi(
        ts_args_type = "text: string, options?: Mode | ReadOptions",
        ts_return_type = "Promise<Dataset>"
    )]
    pub fn read_segment_async(
        env: Env,
        text: Unknown<'_>,
        mode: Unknown<'_>,
    ) -> napi::Result<Pending<Dataset>> {
        read_async(
            &env,
            mode,
            || arg::<String>(&env, text, "text"),
            |text, mode| ingest::read_segment(&text, mode),
        )
    }
}
