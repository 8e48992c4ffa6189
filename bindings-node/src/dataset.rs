//! `Dataset`: customers and touchpoints. The readers that make one are in `ingest/`, one
//! file per core reader (`records.rs` → `Dataset.fromEvents`, `segment.rs`, `csv.rs`,
//! `columns.rs` → `Dataset.fromColumns`); the analyses are in `analysis/`.

use crate::error::{arg, guard, plain, IntoNapiResult};
use crate::task::{core, Job, Pending};
use napi::bindgen_prelude::{
    FromNapiValue, JavaScriptClassExt, JsObjectValue, JsValue, Object, Uint8Array, Unknown,
    Utf16String,
};
use napi::Env;
use napi::ValueType;
use napi_derive::napi;
use std::cell::{RefCell, RefMut};
use std::sync::Arc;
use touchpoint::ingest::{Ingested, Mode};
use touchpoint::{ErrorInfo, PseudonymKey, ReadOptions, TouchpointError};

/// Customers and their touchpoints. Build one with `Dataset.fromEvents`,
/// `Dataset.fromColumns`, `Dataset.readSegment` or `Dataset.readCsv`; there is no public
/// constructor.
#[napi]
pub struct Dataset {
    /// Shared (read only) with the `…Async` analyses running on the libuv thread pool;
    /// `forget` changes it only when no such analysis holds it (see `privacy.rs`). In a
    /// `RefCell` so that `forget` takes `&self`: napi-rs keeps the shared borrow of a method
    /// that returned an `AsyncTask` until the task settles, so a `&mut self` method would
    /// fail with napi-rs's own error (not a `TouchpointError`) while one runs.
    data: RefCell<Arc<touchpoint::Dataset>>,
    rejected: Vec<TouchpointError>,
}

impl From<Ingested> for Dataset {
    fn from(read: Ingested) -> Self {
        Dataset {
            data: RefCell::new(Arc::new(read.dataset)),
            rejected: read.rejected,
        }
    }
}

impl Dataset {
    /// The dataset (a new handle on it: an analysis holds it while it runs, so a `forget`
    /// meanwhile is refused rather than pulling the dataset from under it).
    pub(crate) fn data(&self) -> Arc<touchpoint::Dataset> {
        Arc::clone(&self.data.borrow())
    }

    /// The dataset to change in place, or `None` while anything else holds it (a running
    /// `…Async` analysis, or an analysis that called back into JavaScript).
    pub(crate) fn data_mut(&self) -> Option<RefMut<'_, touchpoint::Dataset>> {
        let slot = self.data.try_borrow_mut().ok()?;
        RefMut::filter_map(slot, Arc::get_mut).ok()
    }
}

/// `mode` (`undefined`, `null`, `"strict"` or `"lenient"`).
fn read_mode(env: &Env, mode: Unknown<'_>) -> napi::Result<Mode> {
    let mode: Option<String> = arg(env, mode, "mode")?;
    Mode::parse(mode.as_deref().unwrap_or("strict")).into_napi(env)
}

/// The reader options: `mode` as above, or an object `{mode, pseudonymKey}` (a key as a
/// `Buffer`, `Uint8Array` or string: its UTF-8 bytes).
pub(crate) fn read_options(env: &Env, options: Unknown<'_>) -> napi::Result<ReadOptions> {
    if options.get_type()? != ValueType::Object || options.is_typedarray()? || options.is_array()? {
        return Ok(ReadOptions::new(read_mode(env, options)?));
    }
    let object = Object::from_unknown(options)?;
    let mode: Unknown<'_> = object.get_named_property("mode")?;
    let key: Unknown<'_> = object.get_named_property("pseudonymKey")?;
    let read = ReadOptions::new(read_mode(env, mode)?);
    if matches!(key.get_type()?, ValueType::Undefined | ValueType::Null) {
        return Ok(read);
    }
    Ok(read.with_pseudonyms(pseudonym_key(env, key)?))
}

/// A pseudonym key from a `Buffer` / `Uint8Array` or a string (its UTF-8 bytes); a key
/// shorter than 16 bytes, or a string with a lone surrogate, is an `INVALID_CONFIG` error
/// naming `pseudonymKey`.
pub(crate) fn pseudonym_key(env: &Env, key: Unknown<'_>) -> napi::Result<PseudonymKey> {
    let bytes = match key.get_type()? {
        // Read as UTF-16 so that a lone surrogate is refused, never replaced by U+FFFD
        // (which would silently give every such key the same bytes).
        ValueType::String => match String::from_utf16(&Utf16String::from_unknown(key)?) {
            Ok(text) => text.into_bytes(),
            Err(_) => {
                let e = TouchpointError::InvalidConfig {
                    option: "pseudonymKey".into(),
                    message: "is not valid Unicode (a lone surrogate): give the key as a \
                              Uint8Array, or as well-formed text"
                        .into(),
                };
                return Err(e).into_napi(env);
            }
        },
        ValueType::Object if key.is_typedarray()? => Uint8Array::from_unknown(key)?.to_vec(),
        _ => {
            let e = TouchpointError::InvalidConfig {
                option: "pseudonymKey".into(),
                message: "expected a Buffer, a Uint8Array or a string".into(),
            };
            return Err(e).into_napi(env);
        }
    };
    let key = PseudonymKey::new(bytes).map_err(|e| match e {
        TouchpointError::InvalidConfig { message, .. } => TouchpointError::InvalidConfig {
            option: "pseudonymKey".into(),
            message,
        },
        e => e,
    });
    key.into_napi(env)
}

/// Parses `mode`, runs a core reader with it and wraps what it read.
pub(crate) fn read(
    env: &Env,
    mode: Unknown<'_>,
    reader: impl FnOnce(ReadOptions) -> touchpoint::Result<Ingested>,
) -> napi::Result<Dataset> {
    let mode = read_options(env, mode)?;
    Ok(Dataset::from(reader(mode).into_napi(env)?))
}

/// The `…Async` form of [`read`]: `prepare` (reading the input argument into Rust values)
/// and `mode` run now, on the JavaScript thread, and a bad one rejects the returned promise;
/// the core reader runs on the libuv thread pool, and the promise resolves to the new
/// `Dataset` (or rejects with the `TouchpointError` the synchronous reader would throw).
pub(crate) fn read_async<I: Send + 'static>(
    env: &Env,
    mode: Unknown<'_>,
    prepare: impl FnOnce() -> napi::Result<I>,
    reader: fn(I, ReadOptions) -> touchpoint::Result<Ingested>,
) -> napi::Result<Pending<Dataset>> {
    Job::start(env, || {
        let input = prepare()?;
        let mode = read_options(env, mode)?;
        Ok(Job::spawn(
            move || core(reader(input, mode)).map(Dataset::from),
            dataset_to_js,
        ))
    })
}

/// `finish` of a reader: the new `Dataset` as an instance of the JavaScript class.
fn dataset_to_js(env: &Env, dataset: Dataset) -> napi::Result<Unknown<'_>> {
    Ok(dataset.into_instance(env)?.to_unknown())
}

#[napi]
impl Dataset {
    /// Number of customers (including those known only from an `identify` call).
    #[napi(getter)]
    pub fn customer_count(&self, env: Env) -> napi::Result<f64> {
        guard(&env, || Ok(self.data().customer_count() as f64))
    }

    /// Number of events.
    #[napi(getter)]
    pub fn event_count(&self, env: Env) -> napi::Result<f64> {
        guard(&env, || Ok(self.data().event_count() as f64))
    }

    /// The records skipped by a lenient read, in input order, each with its `code`,
    /// `message`, `record` and `field`. Always empty after a strict read. A new array on
    /// every access.
    #[napi(getter, ts_return_type = "Rejection[]")]
    pub fn rejected<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        guard(env, || {
            plain(
                env,
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
    pub fn summary<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        guard(env, || plain(env, self.data().summary()))
    }
}
