//! `Dataset.readCsv` (and `readCsvAsync`): a dataset from CSV text with a header line.

use crate::dataset::{read, read_async, Dataset};
use crate::error::{arg, guard};
use crate::task::Pending;
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
    #[napi(ts_args_type = "text: string, options?: Mode | ReadOptions")]
    pub fn read_csv(env: Env, text: Unknown<'_>, mode: Unknown<'_>) -> napi::Result<Dataset> {
        guard(&env, || {
            let text: String = arg(&env, text, "text")?;
            read(&env, mode, |mode| ingest::read_csv(&text, mode))
        })
    }

    /// `Dataset.readCsv` off the event loop: the text is parsed on the libuv thread pool.
    /// Resolves to the dataset; rejects (never throws) with the `TouchpointError` that
    /// `readCsv` would throw, a bad argument or mode included.
    #[napi(
        ts_args_type = "text: string, options?: Mode | ReadOptions",
        ts_return_type = "Promise<Dataset>"
    )]
    pub fn read_csv_async(
        env: Env,
        text: Unknown<'_>,
        mode: Unknown<'_>,
    ) -> napi::Result<Pending<Dataset>> {
        read_async(
            &env,
            mode,
            || arg::<String>(&env, text, "text"),
            |text, mode| ingest::read_csv(&text, mode),
        )
    }
}
