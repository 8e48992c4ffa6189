//! `touchpoint.LiveEngine` (core: `core/src/live/engine.rs`): events in as dicts (one, or
//! any iterable of them; an `id` key makes a retried delivery count once), signals out as
//! a list of dicts, to an `on_signal` callback too; states, stats and snapshots.

use crate::error::{argument_error, guard, to_py, type_name, IntoPyResult};
use crate::ingest::records::event_record;
use crate::time::{read_time, PyTime};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyInt, PyMapping, PyString};
use touchpoint::{LiveOptions, RecordRef, Signal, Timestamp, TouchpointError};

/// Customers' state kept live: feed events in any order, get change signals back.
#[pyclass(module = "touchpoint", name = "LiveEngine")]
pub struct LiveEngine {
    inner: Inner,
    on_signal: Option<Py<PyAny>>,
}

/// In memory, kept in a store file (`LiveEngine.open`), or closed.
enum Inner {
    Memory(touchpoint::LiveEngine),
    Durable(touchpoint::DurableLiveEngine),
    Closed,
}

/// The error of a call on a closed engine.
fn closed() -> PyErr {
    argument_error("self", None, "the engine is closed (close() was called)")
}

impl Inner {
    fn engine(&self) -> PyResult<&touchpoint::LiveEngine> {
        match self {
            Inner::Memory(e) => Ok(e),
            Inner::Durable(d) => Ok(d.engine()),
            Inner::Closed => Err(closed()),
        }
    }

    fn push_records(
        &mut self,
        records: Vec<(touchpoint::Result<touchpoint::Event>, Option<String>)>,
    ) -> Option<touchpoint::Result<Vec<Signal>>> {
        match self {
            Inner::Memory(e) => Some(e.push_records(records, false)),
            Inner::Durable(d) => Some(d.push_records(records, false)),
            Inner::Closed => None,
        }
    }

    fn advance(&mut self, t: Timestamp) -> PyResult<Vec<Signal>> {
        match self {
            Inner::Memory(e) => Ok(e.advance(t)),
            Inner::Durable(d) => d.advance(t).into_py_result(),
            Inner::Closed => Err(closed()),
        }
    }
}

/// Options from a dict or `None`.
fn live_options(options: Option<&Bound<'_, PyAny>>) -> PyResult<LiveOptions> {
    touchpoint::options_from_value(crate::analysis::options_value(options)?).into_py_result()
}

/// The `id` of a record: text, or an integer written as text; `None` when absent or None.
fn id_of(value: &Bound<'_, PyAny>, record: RecordRef) -> touchpoint::Result<Option<String>> {
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Some(s.to_string_lossy().into_owned()));
    }
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<pyo3::types::PyBool>() {
        return Ok(Some(value.to_string()));
    }
    Err(TouchpointError::InvalidRecord {
        record,
        field: "id".into(),
        message: format!("expected text or an integer, got {}", type_name(value)),
    })
}

/// One record and its id: a dict with an `id` key is read without it.
fn record_of(
    item: &Bound<'_, PyAny>,
    record: RecordRef,
) -> PyResult<(touchpoint::Result<touchpoint::Event>, Option<String>)> {
    let py = item.py();
    let key = pyo3::intern!(py, "id");
    let Ok(map) = item.cast::<PyMapping>() else {
        return Ok((event_record(item)?.0, None));
    };
    if !map.contains(key)? {
        return Ok((event_record(item)?.0, None));
    }
    let id = id_of(&map.get_item(key)?, record);
    let copy = PyDict::new(py);
    copy.update(map)?;
    copy.del_item(key)?;
    let event = event_record(copy.as_any())?.0;
    Ok(match id {
        Ok(id) => (event, id),
        Err(e) => (Err(e), None),
    })
}

/// A time argument: `datetime`, `date`, numpy / pandas times, RFC 3339 text or epoch ms.
fn time_arg(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Timestamp> {
    let json = match read_time(value)? {
        PyTime::Millis(ms) => serde_json::Value::from(ms),
        PyTime::Other if value.is_instance_of::<PyString>() => {
            serde_json::Value::from(value.cast::<PyString>()?.to_string_lossy().into_owned())
        }
        PyTime::Other if value.is_instance_of::<PyInt>() => {
            serde_json::Value::from(value.extract::<i64>()?)
        }
        _ => {
            return Err(argument_error(
                name,
                None,
                format!(
                    "expected a time (datetime, date, text or epoch milliseconds), got {}",
                    type_name(value)
                ),
            ))
        }
    };
    let t: Timestamp = serde_json::from_value(json)
        .map_err(|e| argument_error(name, None, format!("not a time: {e}")))?;
    touchpoint::limits::check_option_time(t, name).into_py_result()?;
    Ok(t)
}

impl LiveEngine {
    /// The signals as dicts, each handed to `on_signal` in order.
    fn deliver<'py>(&self, py: Python<'py>, signals: &[Signal]) -> PyResult<Bound<'py, PyAny>> {
        let list = to_py(py, &signals)?;
        if let Some(callback) = &self.on_signal {
            for s in list.try_iter()? {
                callback.call1(py, (s?,))?;
            }
        }
        Ok(list)
    }
}

#[pymethods]
impl LiveEngine {
    /// An engine with `options` (a dict, see `docs/guide-live.md`; `None`: the defaults).
    /// `on_signal`, if given, is called with each signal (a dict), in order, as well as
    /// being returned by `push` and `advance`.
    #[new]
    #[pyo3(signature = (options = None, *, on_signal = None))]
    fn new(options: Option<&Bound<'_, PyAny>>, on_signal: Option<Py<PyAny>>) -> PyResult<Self> {
        guard(|| {
            Ok(LiveEngine {
                inner: Inner::Memory(
                    touchpoint::LiveEngine::new(live_options(options)?).into_py_result()?,
                ),
                on_signal,
            })
        })
    }

    /// An engine kept in the store file at `path` (created with `options`, or the defaults,
    /// if it does not exist; an existing store keeps its own options, and other options
    /// than its own raise `ConfigError`). Every `push` and `advance` that returns is on disk:
    /// a process killed at any point reopens with every acknowledged batch, and a batch sent
    /// again is dropped by its events' ids. A file that cannot be opened, is not a store or
    /// is open in another process raises `StoreError`. Not in the browser.
    #[staticmethod]
    #[pyo3(signature = (path, options = None, *, on_signal = None))]
    fn open(
        py: Python<'_>,
        path: std::path::PathBuf,
        options: Option<&Bound<'_, PyAny>>,
        on_signal: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        guard(|| {
            let o = match options.filter(|o| !o.is_none()) {
                Some(o) => Some(live_options(Some(o))?),
                None => None,
            };
            let store = py
                .detach(|| touchpoint::DurableLiveEngine::open(&path, o))
                .into_py_result()?;
            Ok(LiveEngine {
                inner: Inner::Durable(store),
                on_signal,
            })
        })
    }

    /// Writes a snapshot into the store and drops the log it covers, so that opening it
    /// is quick. Only for an engine made with `LiveEngine.open`.
    fn checkpoint(&mut self, py: Python<'_>) -> PyResult<()> {
        guard(|| {
            match &mut self.inner {
            Inner::Durable(d) => py.detach(|| d.checkpoint()).into_py_result(),
            Inner::Memory(_) => Err(argument_error(
                "checkpoint",
                None,
                "an engine in memory has no store: LiveEngine.open(path) makes one (snapshot() gives its bytes)",
            )),
            Inner::Closed => Err(closed()),
        }
        })
    }

    /// Takes one event dict, or an iterable of them (`customer_id`, `timestamp`, `channel`,
    /// `kind`, …, as `Dataset.from_events` reads them, plus an optional `id`: a second event
    /// of the same customer and id is dropped). Every event is checked first: a bad one
    /// raises, naming it (`record N`), and nothing is taken. Returns the signals, in order.
    fn push<'py>(
        &mut self,
        py: Python<'py>,
        events: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let mut records = Vec::new();
            if events.cast::<PyMapping>().is_ok() {
                records.push(record_of(events, RecordRef::Record(1))?);
            } else if events.is_instance_of::<PyString>() || events.try_iter().is_err() {
                return Err(argument_error(
                    "events",
                    None,
                    format!(
                        "expected an event dict or a list of them, got {}",
                        type_name(events)
                    ),
                ));
            } else {
                for (i, item) in events.try_iter()?.enumerate() {
                    records.push(record_of(&item?, RecordRef::Record(i as u64 + 1))?);
                }
            }
            let inner = &mut self.inner;
            let signals = py
                .detach(|| inner.push_records(records))
                .ok_or_else(closed)?
                .into_py_result()?;
            self.deliver(py, &signals)
        })
    }

    /// Moves the clock to `now` (never back) and returns the signals of time passing, each
    /// dated when it happened: dormancy, a decayed health band, at risk, a segment or
    /// windowed trait that changed with the days.
    fn advance<'py>(
        &mut self,
        py: Python<'py>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let t = time_arg(now, "now")?;
            let signals = self.inner.advance(t)?;
            self.deliver(py, &signals)
        })
    }

    /// A customer's state at the clock (a dict), or `None` for a customer never seen.
    fn customer<'py>(&self, py: Python<'py>, customer_id: &str) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_py(py, &self.inner.engine()?.customer(customer_id)))
    }

    /// Every customer's state at the clock, in order of first sight (a list of dicts).
    fn customers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_py(py, &self.inner.engine()?.customers().collect::<Vec<_>>()))
    }

    /// What the engine has taken in: customers, events, duplicates, late events, …
    #[getter]
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_py(py, &self.inner.engine()?.stats()))
    }

    /// The clock (RFC 3339 text), or `None` before the first event or `advance`.
    #[getter]
    fn now<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_py(py, &self.inner.engine()?.now()))
    }

    /// The options the engine was made with, defaults filled in (a dict).
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_py(py, self.inner.engine()?.options()))
    }

    /// The whole engine as bytes (versioned): `LiveEngine.restore` goes on from them.
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        guard(|| Ok(PyBytes::new(py, &self.inner.engine()?.snapshot())))
    }

    /// An engine from `snapshot()`'s bytes; bytes of a later version, truncated or damaged
    /// raise `ParseError` saying which.
    #[staticmethod]
    #[pyo3(signature = (data, *, on_signal = None))]
    fn restore(data: &Bound<'_, PyAny>, on_signal: Option<Py<PyAny>>) -> PyResult<Self> {
        guard(|| {
            let bytes = data.cast::<PyBytes>().map_err(|_| {
                argument_error(
                    "data",
                    None,
                    format!("expected bytes, got {}", type_name(data)),
                )
            })?;
            Ok(LiveEngine {
                inner: Inner::Memory(
                    touchpoint::LiveEngine::restore(bytes.as_bytes()).into_py_result()?,
                ),
                on_signal,
            })
        })
    }

    /// Releases the engine (and its store, which another process may then open); every
    /// later call raises. Closing twice does nothing. `with LiveEngine.open(path) as e:`
    /// closes on leaving the block.
    fn close(&mut self) {
        self.inner = Inner::Closed;
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&mut self, _args: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.inner = Inner::Closed;
        false
    }

    /// The number of customers (0 once closed).
    fn __len__(&self) -> usize {
        self.inner
            .engine()
            .map_or(0, |e| e.stats().customers as usize)
    }

    fn __repr__(&self) -> String {
        match self.inner.engine() {
            Ok(e) => {
                let s = e.stats();
                format!("LiveEngine(customers={}, events={})", s.customers, s.events)
            }
            Err(_) => "LiveEngine(closed)".into(),
        }
    }
}
