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
    inner: Inner,
}

/// In memory, kept in a store file (`LiveEngine.open`), or closed.
enum Inner {
    Memory(touchpoint::LiveEngine),
    Durable(touchpoint::DurableLiveEngine),
    Closed,
}

/// The error of a call on a closed engine.
fn closed(env: &Env) -> napi::Error {
    crate::error::binding_error(
        env,
        "INVALID_ARGUMENT",
        "the engine is closed (close() was called)".into(),
        None,
    )
}

impl LiveEngine {
    fn engine(&self, env: &Env) -> napi::Result<&touchpoint::LiveEngine> {
        match &self.inner {
            Inner::Memory(e) => Ok(e),
            Inner::Durable(d) => Ok(d.engine()),
            Inner::Closed => Err(closed(env)),
        }
    }
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
                inner: Inner::Memory(thrown(&env, touchpoint::LiveEngine::new(o))?),
            })
        })
    }

    /// An engine kept in the store file at `path`, created with `options` (or the
    /// defaults) when there is none; every `push` and `advance` that returns is on disk.
    /// @throws {TouchpointError} `STORE_ERROR` for a file that cannot be used;
    /// `INVALID_CONFIG` (`options`) for other options than the store's.
    #[napi(factory, ts_args_type = "path: string, options?: LiveOptions | null")]
    pub fn open(env: Env, path: String, options_arg: Unknown<'_>) -> napi::Result<Self> {
        guard(&env, || {
            let o = match options_arg.get_type()? {
                ValueType::Undefined | ValueType::Null => None,
                _ => Some(options::<LiveOptions>(&env, options_arg)?),
            };
            Ok(LiveEngine {
                inner: Inner::Durable(thrown(&env, touchpoint::DurableLiveEngine::open(&path, o))?),
            })
        })
    }

    /// Writes a snapshot into the store and drops the log it covers (`open` only).
    #[napi]
    pub fn checkpoint(&mut self, env: Env) -> napi::Result<()> {
        guard(&env, || {
            match &mut self.inner {
            Inner::Durable(d) => d.checkpoint().into_napi(&env),
            Inner::Memory(_) => Err(crate::error::arg_error(
                &env,
                "checkpoint",
                "an engine in memory has no store: LiveEngine.open(path) makes one (snapshot() gives its bytes)",
            )),
            Inner::Closed => Err(closed(&env)),
        }
        })
    }

    /// Closes the engine: a store is released (another process may open it); every later
    /// call throws. Closing twice does nothing.
    #[napi]
    pub fn close(&mut self) {
        self.inner = Inner::Closed;
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
            let signals = match &mut self.inner {
                Inner::Memory(e) => e.push_records(batch, true),
                Inner::Durable(d) => d.push_records(batch, true),
                Inner::Closed => return Err(closed(env)),
            }
            .into_napi(env)?;
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
            let signals = match &mut self.inner {
                Inner::Memory(e) => e.advance(t),
                Inner::Durable(d) => d.advance(t).into_napi(env)?,
                Inner::Closed => return Err(closed(env)),
            };
            plain(env, signals)
        })
    }

    /// A customer's state at the clock, or `null`.
    #[napi(ts_return_type = "CustomerState | null")]
    pub fn customer<'env>(
        &self,
        env: &'env Env,
        customer_id: String,
    ) -> napi::Result<Unknown<'env>> {
        guard(env, || plain(env, self.engine(env)?.customer(&customer_id)))
    }

    /// Every customer's state at the clock, in order of first sight.
    #[napi(ts_return_type = "CustomerState[]")]
    pub fn customers<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        guard(env, || {
            plain(env, self.engine(env)?.customers().collect::<Vec<_>>())
        })
    }

    /// What the engine has taken in.
    #[napi(getter, ts_return_type = "LiveStats")]
    pub fn stats<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        guard(env, || plain(env, self.engine(env)?.stats()))
    }

    /// The clock (ISO 8601 text), or `null` before the first event or `advance`.
    #[napi(getter, ts_return_type = "string | null")]
    pub fn now<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        guard(env, || plain(env, self.engine(env)?.now()))
    }

    /// The options, defaults filled in (camelCase keys).
    #[napi(getter, ts_return_type = "LiveOptions")]
    pub fn options<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        guard(env, || plain(env, self.engine(env)?.options()))
    }

    /// The whole engine as versioned bytes.
    #[napi(ts_return_type = "Uint8Array")]
    pub fn snapshot(&self, env: Env) -> napi::Result<Buffer> {
        guard(&env, || Ok(Buffer::from(self.engine(&env)?.snapshot())))
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
                inner: Inner::Memory(touchpoint::LiveEngine::restore(&bytes).into_napi(&env)?),
            })
        })
    }
}
