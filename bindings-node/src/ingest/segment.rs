//! `Dataset.readSegment`: a dataset from Segment-style JSON or NDJSON.

use crate::dataset::{read, Dataset};
use crate::error::{arg, guard};
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
    #[napi(ts_args_type = "text: string, mode?: Mode")]
    pub fn read_segment(env: Env, text: Unknown<'_>, mode: Unknown<'_>) -> napi::Result<Dataset> {
        guard(&env, || {
            let text: String = arg(&env, text, "text")?;
            read(&env, mode, |mode| ingest::read_segment(&text, mode))
        })
    }
}
