//! The native `LiveEngine` (core: `core/src/live/engine.rs`). `touchpoint.js` wraps it in
//! a class of the same name that extends `EventEmitter`, takes each event's `id` out of the
//! event (`push(events, ids)` here) and emits every signal as `'signal'`.

use crate::error::{guard, plain, IntoNapiResult};
use crate::value::{options, thrown};
use napi::bindgen_prelude::{Buffer, FromNapiValue, Uint8Array, Unknown};
use napi::{Env, JsValue, ValueType};
use napi_derive::napi;
use touchpoint::{LiveOptions, RecordRef, Timestamp, TouchpointError};

/// The live engine; use the `LiveEngine` of the package (an `EventEmitter`), which wraps
/// this one.
#[napi(js_name = "LiveEngine")]
pub struct LiveEngine {
    inner: touchpoint::LiveEngine,
}

/// The id of record `i`: a string, an integer (as its decimal text), or none.
fn id_of(value: Unknown<'_>, i: usize) -> napi::Result<touchpoint::Result<Option<String>>> {
    let record = RecordRef::Record(i as u64 + 1);
    Ok(match value.get_type()? {
        ValueType::Undefined | ValueType::Null => Ok(None),
        ValueType::String => Ok(Some(String::from_unknown(value)?)),
        ValueType::Number => {
            let x = f64::from_unknown(value)?;
            touchpoint::id_from_float(x).map(Some).map_err(|message| {
                TouchpointError::InvalidRecord {
                    record,
                    field: "id".into(),
                    message,
                }
            })
        }
        _ => Err(TouchpointError::InvalidRecord {
            record,
            field: "id".into(),
            message: format!(
                "expected a string or an integer, got {}",
                crate::error::describe(value)?
            ),
        }),
    })
}

/// A time argument: a `Date`, ISO 8601 text or epoch milliseconds.
fn time_arg(env: &Env, value: Unknown<'_>, name: &str) -> napi::Result<Timestamp> {
    let json = match value.get_type()? {
        ValueType::Number => serde_json::Value::from(f64::from_unknown(value)?),
        ValueType::String => serde_json::Value::from(String::from_unknown(value)?),
        ValueType::Object if value.is_date()? => {
            let ms = napi::JsDate::from_unknown(value)?.value_of()?;
            serde_json::Value::from(ms)
        }
        _ => {
            return Err(crate::error::arg_error(
                env,
                name,
                "expected a time: a Date, ISO 8601 text or epoch milliseconds",
            ))
        }
    };
    let t: Timestamp = serde_json::from_value(json)
        .map_err(|e| crate::error::arg_error(env, name, &format!("not a time: {e}")))?;
    touchpoint::limits::check_option_time(t, name).into_napi(env)?;
    Ok(t)
}

#[napi]
impl LiveEngine {
    /// An engine with `options` (camelCase keys; `undefined`: the defaults).
    #[napi(constructor, ts_args_type = "options?: LiveOptions | null")]
    pub fn new(env: Env, options_arg: Unknown<'_>) -> napi::Result<Self> {
        guard(&env, || {
            let o: LiveOptions = options(&env, options_arg)?;
            Ok(LiveEngine {
                inner: thrown(&env, touchpoint::LiveEngine::new(o))?,
            })
        })
    }

    /// Takes `events` (without their ids) with `ids` (one per event, `null` for none):
    /// every event is checked first, a bad one throws naming it and nothing is taken.
    #[napi(
        ts_args_type = "events: Array<EventInput>, ids: Array<string | number | null | undefined>",
        ts_return_type = "Signal[]"
    )]
    pub fn push<'env>(
        &mut self,
        env: &'env Env,
        events: Unknown<'env>,
        ids: Unknown<'env>,
    ) -> napi::Result<Unknown<'env>> {
        guard(env, || {
            let records = crate::js::events(env, events)?;
            let ids = crate::js::items(env, ids, "ids", "an array of ids")?;
            if ids.len() as usize != records.len() {
                return Err(crate::error::arg_error(
                    env,
                    "ids",
                    "expected one id (or null) per event",
                ));
            }
            let mut batch = Vec::with_capacity(records.len());
            for (i, r) in records.into_iter().enumerate() {
                let id = id_of(crate::js::element(&ids, i as u32)?, i)?;
                batch.push(match id {
                    Ok(id) => (r.0, id),
                    Err(e) => (Err(e), None),
                });
            }
            let signals = self.inner.push_records(batch, true).into_napi(env)?;
            plain(env, signals)
        })
    }

    /// Moves the clock to `now` and returns the signals of time passing.
    #[napi(
        ts_args_type = "now: Date | string | number",
        ts_return_type = "Signal[]"
    )]
    pub fn advance<'env>(
        &mut self,
        env: &'env Env,
        now: Unknown<'env>,
    ) -> napi::Result<Unknown<'env>> {
        guard(env, || {
            let t = time_arg(env, now, "now")?;
            plain(env, self.inner.advance(t))
        })
    }

    /// A customer's state at the clock, or `null`.
    #[napi(ts_return_type = "CustomerState | null")]
    pub fn customer<'env>(
        &self,
        env: &'env Env,
        customer_id: String,
    ) -> napi::Result<Unknown<'env>> {
        guard(env, || plain(env, self.inner.customer(&customer_id)))
    }

    /// Every customer's state at the clock, in order of first sight.
    #[napi(ts_return_type = "CustomerState[]")]
    pub fn customers<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        guard(env, || {
            plain(env, self.inner.customers().collect::<Vec<_>>())
        })
    }

    /// What the engine has taken in.
    #[napi(getter, ts_return_type = "LiveStats")]
    pub fn stats<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        guard(env, || plain(env, self.inner.stats()))
    }

    /// The clock (ISO 8601 text), or `null` before the first event or `advance`.
    #[napi(getter, ts_return_type = "string | null")]
    pub fn now<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        guard(env, || plain(env, self.inner.now()))
    }

    /// The options, defaults filled in (camelCase keys).
    #[napi(getter, ts_return_type = "LiveOptions")]
    pub fn options<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        guard(env, || plain(env, self.inner.options()))
    }

    /// The whole engine as versioned bytes.
    #[napi(ts_return_type = "Uint8Array")]
    pub fn snapshot(&self, env: Env) -> napi::Result<Buffer> {
        guard(&env, || Ok(Buffer::from(self.inner.snapshot())))
    }

    /// An engine from `snapshot()`'s bytes; a later version, truncated or damaged bytes
    /// throw `PARSE_ERROR` saying which.
    #[napi(factory, ts_args_type = "bytes: Uint8Array")]
    pub fn restore(env: Env, bytes: Unknown<'_>) -> napi::Result<Self> {
        guard(&env, || {
            if bytes.get_type()? != ValueType::Object || !bytes.is_typedarray()? {
                return Err(crate::error::arg_error(
                    &env,
                    "bytes",
                    "expected a Uint8Array (or Buffer)",
                ));
            }
            let bytes = Uint8Array::from_unknown(bytes)?;
            Ok(LiveEngine {
                inner: touchpoint::LiveEngine::restore(&bytes).into_napi(&env)?,
            })
        })
    }
}
