//! `Dataset.readCsv`: a dataset from CSV text with a header line.

use crate::dataset::{read, Dataset};
use crate::error::{arg, guard};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use touchpoint::ingest;

#[napi]
impl Dataset {
    /// A dataset from CSV with a header line. Required columns: `customer_id`, `timestamp`,
    /// `channel`, `kind`; optional: `value`, `survey` (nps, csat or ces) and `score`; any
    /// other column becomes a property. Line numbers count the header as line 1.
    /// @throws {TouchpointError} `PARSE_ERROR`, `INVALID_RECORD` or `OUT_OF_RANGE` naming
    /// the line and column; `INVALID_CONFIG` for an unknown mode.
    #[napi(ts_args_type = "text: string, mode?: Mode")]
    pub fn read_csv(env: Env, text: Unknown<'_>, mode: Unknown<'_>) -> napi::Result<Dataset> {
        guard(&env, || {
            let text: String = arg(&env, text, "text")?;
            read(&env, mode, |mode| ingest::read_csv(&text, mode))
        })
    }
}
