//! `Dataset`: customers and touchpoints. The readers that make one are in `ingest/`, one
//! file per core reader (`records.rs` → `Dataset.fromEvents`, `segment.rs`, `csv.rs`,
//! `columns.rs` → `Dataset.fromColumns`); the analyses are in `analysis/`.

use crate::error::{arg, guard, plain, IntoNapiResult};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;
use touchpoint::ingest::{Ingested, Mode};
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
pub(crate) fn read(
    env: &Env,
    mode: Unknown<'_>,
    reader: impl FnOnce(Mode) -> touchpoint::Result<Ingested>,
) -> napi::Result<Dataset> {
    let mode: Option<String> = arg(env, mode, "mode")?;
    let mode = Mode::parse(mode.as_deref().unwrap_or("strict")).into_napi(env)?;
    let read = reader(mode).into_napi(env)?;
    Ok(Dataset {
        data: read.dataset,
        rejected: read.rejected,
    })
}

#[napi]
impl Dataset {
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
        guard(&env, || {
            plain(
                &env,
                self.rejected
                    .iter()
                    .map(ErrorInfo::from)
                    .collect::<Vec<_>>(),
            )
        })
    }

    /// Customers, events, and the first and last event time (RFC 3339, UTC; `null`
    /// without events).
    #[napi(ts_return_type = "DatasetSummary")]
    pub fn summary(&self, env: Env) -> napi::Result<Value> {
        guard(&env, || plain(&env, self.data.summary()))
    }
}
