//! `LiveEngine` in the browser (core: `core/src/live/engine.rs`): events in as objects (one,
//! or an iterable of them; an `id` field makes a retried delivery count once), signals out,
//! returned and handed to the `onSignal` callback.

use crate::convert::{describe, to_js};
use crate::error::{argument_error, IntoJsResult};
use crate::value::{options, thrown};
use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use touchpoint::{RecordRef, Timestamp, TouchpointError};
use wasm_bindgen::prelude::*;

/// The live engine: feed events in any order, get change signals back (returned, and passed
/// to `onSignal` when one was given).
#[wasm_bindgen]
pub struct LiveEngine {
    inner: touchpoint::LiveEngine,
    on_signal: Option<Function>,
}

/// The callback argument: a function, or `undefined` / `null` for none.
fn callback(value: &JsValue) -> Result<Option<Function>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .dyn_ref::<Function>()
        .cloned()
        .map(Some)
        .ok_or_else(|| {
            argument_error(
                "onSignal",
                None,
                &format!("expected a function, got {}", describe(value)),
            )
        })
}

/// The id of record `i`: a string, an integer (as its decimal text), or none.
fn id_of(value: &JsValue, i: usize) -> touchpoint::Result<Option<String>> {
    let record = RecordRef::Record(i as u64 + 1);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if let Some(s) = value.as_string() {
        return Ok(Some(s));
    }
    if let Some(x) = value.as_f64() {
        return touchpoint::id_from_float(x).map(Some).map_err(|message| {
            TouchpointError::InvalidRecord {
                record,
                field: "id".into(),
                message,
            }
        });
    }
    Err(TouchpointError::InvalidRecord {
        record,
        field: "id".into(),
        message: format!("expected a string or an integer, got {}", describe(value)),
    })
}

/// Each event's id (or why it is not one), in order.
type Ids = Vec<touchpoint::Result<Option<String>>>;

/// The events of `push` as a list, each without its `id`, and the ids.
fn split_ids(events: &JsValue) -> Result<(Array, Ids), JsValue> {
    let one = events.is_object()
        && !Array::is_array(events)
        && Reflect::get(events, &js_sys::Symbol::iterator())
            .map(|f| !f.is_function())
            .unwrap_or(true);
    let list = if one {
        Array::of1(events)
    } else {
        Array::from(events)
    };
    let id_key = JsValue::from_str("id");
    let mut ids = Vec::with_capacity(list.length() as usize);
    let plain = Array::new_with_length(list.length());
    for (i, e) in list.iter().enumerate() {
        let has_id = !Array::is_array(&e)
            && e.dyn_ref::<Object>()
                .is_some_and(|o| Object::has_own(o, &id_key));
        if has_id {
            ids.push(id_of(&Reflect::get(&e, &id_key)?, i));
            let copy = Object::assign(&Object::new(), e.unchecked_ref());
            Reflect::delete_property(&copy, &id_key)?;
            plain.set(i as u32, copy.into());
        } else {
            ids.push(Ok(None));
            plain.set(i as u32, e);
        }
    }
    Ok((plain, ids))
}

/// A time argument: a `Date`, ISO 8601 text or epoch milliseconds.
fn time_arg(value: &JsValue, name: &str) -> Result<Timestamp, JsValue> {
    let json = if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        serde_json::Value::from(date.get_time())
    } else if let Some(s) = value.as_string() {
        serde_json::Value::from(s)
    } else if let Some(x) = value.as_f64() {
        serde_json::Value::from(x)
    } else {
        return Err(argument_error(
            name,
            None,
            &format!(
                "expected a time: a Date, ISO 8601 text or epoch milliseconds, got {}",
                describe(value)
            ),
        ));
    };
    let t: Timestamp = serde_json::from_value(json)
        .map_err(|e| argument_error(name, None, &format!("not a time: {e}")))?;
    touchpoint::limits::check_option_time(t, name).into_js()?;
    Ok(t)
}

impl LiveEngine {
    fn deliver(&self, signals: &[touchpoint::Signal]) -> Result<JsValue, JsValue> {
        let list = to_js(signals)?;
        if let Some(f) = &self.on_signal {
            for s in Array::from(&list).iter() {
                f.call1(&JsValue::NULL, &s)?;
            }
        }
        Ok(list)
    }
}

#[wasm_bindgen]
impl LiveEngine {
    /// An engine with `options` (camelCase keys; omitted: the defaults) and an optional
    /// `onSignal(signal)` callback, called with each signal in order.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "LiveOptions | null")] options_arg: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "((signal: Signal) => void) | null")]
        on_signal: JsValue,
    ) -> Result<LiveEngine, JsValue> {
        let o: touchpoint::LiveOptions = options(&options_arg)?;
        Ok(LiveEngine {
            inner: thrown(touchpoint::LiveEngine::new(o))?,
            on_signal: callback(&on_signal)?,
        })
    }

    /// Takes one event or an iterable of them (each may carry an `id`). Every event is
    /// checked first: a bad one throws naming it (`record N`) and nothing is taken.
    /// Returns the signals, in order.
    #[wasm_bindgen(unchecked_return_type = "Signal[]")]
    pub fn push(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "LiveEventInput | Iterable<LiveEventInput>")] events: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (plain, ids) = split_ids(&events)?;
        let records = crate::convert::events(&plain.into())?;
        let batch = records
            .into_iter()
            .zip(ids)
            .map(|(r, id)| match id {
                Ok(id) => (r.0, id),
                Err(e) => (Err(e), None),
            })
            .collect();
        let signals = self.inner.push_records(batch, true).into_js()?;
        self.deliver(&signals)
    }

    /// Moves the clock to `now` (never back); returns the signals of time passing.
    #[wasm_bindgen(unchecked_return_type = "Signal[]")]
    pub fn advance(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Date | string | number")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let t = time_arg(&now, "now")?;
        let signals = self.inner.advance(t);
        self.deliver(&signals)
    }

    /// A customer's state at the clock, or `null`.
    #[wasm_bindgen(unchecked_return_type = "CustomerState | null")]
    pub fn customer(&self, customer_id: &str) -> Result<JsValue, JsValue> {
        to_js(&self.inner.customer(customer_id))
    }

    /// Every customer's state at the clock, in order of first sight.
    #[wasm_bindgen(unchecked_return_type = "CustomerState[]")]
    pub fn customers(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.customers().collect::<Vec<_>>())
    }

    /// What the engine has taken in.
    #[wasm_bindgen(getter, unchecked_return_type = "LiveStats")]
    pub fn stats(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.stats())
    }

    /// The clock (ISO 8601), or `null` before the first event or `advance`.
    #[wasm_bindgen(getter, unchecked_return_type = "string | null")]
    pub fn now(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.now())
    }

    /// The options, defaults filled in.
    #[wasm_bindgen(getter, unchecked_return_type = "LiveOptions")]
    pub fn options(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.options())
    }

    /// The whole engine as versioned bytes.
    pub fn snapshot(&self) -> Uint8Array {
        Uint8Array::from(&self.inner.snapshot()[..])
    }

    /// An engine from `snapshot()`'s bytes (and an optional `onSignal`); a later version,
    /// truncated or damaged bytes throw `PARSE_ERROR` saying which.
    pub fn restore(
        bytes: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "((signal: Signal) => void) | null")]
        on_signal: JsValue,
    ) -> Result<LiveEngine, JsValue> {
        let Some(bytes) = bytes.dyn_ref::<Uint8Array>() else {
            return Err(argument_error(
                "bytes",
                None,
                &format!("expected a Uint8Array, got {}", describe(&bytes)),
            ));
        };
        Ok(LiveEngine {
            inner: touchpoint::LiveEngine::restore(&bytes.to_vec()).into_js()?,
            on_signal: callback(&on_signal)?,
        })
    }
}
