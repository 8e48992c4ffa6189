//! `Dataset`: customers and touchpoints read from event objects, Segment JSON or CSV.

use crate::error::{arg, guard, plain, IntoNapiResult};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;
use touchpoint::ingest::{self, Ingested, Mode};
use touchpoint::{ErrorInfo, TouchpointError};

/// Customers and their touchpoints. Build one with `Dataset.fromEvents`,
/// `Dataset.fromColumns`, `Dataset.readSegment` or `Dataset.readCsv`; there is no public
/// constructor.
#[napi]
pub struct Dataset {
    pub(crate) data: touchpoint::Dataset,
    rejected: Vec<TouchpointError>,
}

/// Parses `mode`, runs a core reader with it and wraps what it read.
pub(crate) fn read(env: &Env, mode: Unknown<'_>, reader: impl FnOnce(Mode) -> touchpoint::Result<Ingested>) -> napi::Result<Dataset> {
    let mode: Option<String> = arg(env, mode, "mode")?;
    let mode = Mode::parse(mode.as_deref().unwrap_or("strict")).into_napi(env)?;
    let read = reader(mode).into_napi(env)?;
    Ok(Dataset { data: read.dataset, rejected: read.rejected })
}

#[napi]
impl Dataset {
    /// A dataset from event objects `{customer_id, timestamp, channel, kind, value?,
    /// survey?: {metric, score}, properties?}`. `mode` is `"strict"` (default: the first
    /// bad event throws) or `"lenient"` (bad events are skipped and listed in `rejected`).
    /// @throws {TouchpointError} `INVALID_RECORD` / `OUT_OF_RANGE` naming the event
    /// (`record: "record N"`, 1-based) and `field`; `INVALID_CONFIG` for an unknown mode;
    /// `INVALID_ARGUMENT` if `events` is not an array.
    #[napi(ts_args_type = "events: EventInput[], mode?: Mode")]
    pub fn from_events(env: Env, events: Unknown<'_>, mode: Unknown<'_>) -> napi::Result<Dataset> {
        guard(&env, || {
            // Straight into event records, not through JSON: a NaN `value` reaches the core's
            // check (and is refused), and each bad record is an error of its own.
            let events: Vec<ingest::EventRecord> = arg(&env, events, "events")?;
            read(&env, mode, |mode| ingest::read_events(events, mode))
        })
    }

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

    /// Number of customers (including those known only from an `identify` call).
    #[napi(getter)]
    pub fn customer_count(&self, env: Env) -> napi::Result<f64> {
        guard(&env, || Ok(self.data.customer_count() as f64))
    }

    /// Number of events.
    #[napi(getter)]
    pub fn event_count(&self, env: Env) -> napi::Result<f64> {
        guard(&env, || Ok(self.data.event_count() as f64))
    }

    /// The records skipped by a lenient read, in input order, each with its `code`,
    /// `message`, `record` and `field`. Always empty after a strict read. A new array on
    /// every access.
    #[napi(getter, ts_return_type = "Rejection[]")]
    pub fn rejected(&self, env: Env) -> napi::Result<Value> {
        guard(&env, || plain(&env, self.rejected.iter().map(ErrorInfo::from).collect::<Vec<_>>()))
    }

    /// Customers, events, and the first and last event time (RFC 3339, UTC; `null`
    /// without events).
    #[napi(ts_return_type = "DatasetSummary")]
    pub fn summary(&self, env: Env) -> napi::Result<Value> {
        guard(&env, || plain(&env, self.data.summary()))
    }
}
