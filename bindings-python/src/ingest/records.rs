//! `Dataset.from_events`: a dataset from event dicts.

use crate::dataset::Dataset;
use crate::error::{argument_error, guard, IntoPyResult};
use crate::json;
use crate::time::{read_time, PyTime, TIME_RANGE};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyInt, PyMapping, PyString};
use touchpoint::ingest::{self, EventRecord};
use touchpoint::limits::MAX_DEPTH;
use touchpoint::{RecordRef, TouchpointError};

/// Reads each element of `events` straight into an event record (no detour through JSON, so
/// a NaN or infinite `value` reaches the core's check and is refused, naming the record).
/// An element that can't be read (a custom object, a bad field, …) is a record error of its
/// own: fatal in strict mode, listed in `rejected` in lenient mode.
fn event_records(events: &Bound<'_, PyAny>) -> PyResult<Vec<EventRecord>> {
    let refused = events.is_instance_of::<PyString>() || events.cast::<PyMapping>().is_ok();
    let iter = match events.try_iter() {
        Ok(iter) if !refused => iter,
        _ => {
            return Err(argument_error(
                "events",
                None,
                "expected a list of event dicts",
            ))
        }
    };
    let mut records = Vec::with_capacity(events.len().unwrap_or(0));
    for item in iter {
        let item = item?;
        if let Some(e) = too_deep(&item)? {
            records.push(EventRecord(Err(e)));
            continue;
        }
        let record = match with_time(&item)? {
            Timed::AsIs => read(&item)?,
            Timed::Converted(copy) => read(&copy)?,
            Timed::Bad(e) => EventRecord(Err(e)),
        };
        records.push(record);
    }
    Ok(records)
}

/// One element as an event record, read as [`event_records`] reads each (the live engine
/// reads its events one list at a time through this).
pub(crate) fn event_record(item: &Bound<'_, PyAny>) -> PyResult<EventRecord> {
    if let Some(e) = too_deep(item)? {
        return Ok(EventRecord(Err(e)));
    }
    Ok(match with_time(item)? {
        Timed::AsIs => read(item)?,
        Timed::Converted(copy) => read(&copy)?,
        Timed::Bad(e) => EventRecord(Err(e)),
    })
}

/// The error of an element whose field (`properties`, `traits`, …) nests more than
/// `limits::MAX_DEPTH` deep or contains itself, checked before pythonize reads it (which
/// would recurse without bound).
fn too_deep(item: &Bound<'_, PyAny>) -> PyResult<Option<TouchpointError>> {
    let Ok(map) = item.cast::<PyMapping>() else {
        return Ok(None);
    };
    for entry in map.items()?.iter() {
        let (key, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = entry.extract()?;
        if json::nests_deeper(&value, MAX_DEPTH)? {
            let field = key.str().map(|k| k.to_string_lossy().into_owned());
            return Ok(Some(TouchpointError::InvalidRecord {
                record: RecordRef::Record(0),
                field: field.unwrap_or_default(),
                message: json::too_deep_message(),
            }));
        }
    }
    Ok(None)
}

/// One element as an event record (a bad record is an `EventRecord(Err(…))`). Text with a
/// lone surrogate is named as not valid Unicode.
fn read(item: &Bound<'_, PyAny>) -> PyResult<EventRecord> {
    let mut de = pythonize::Depythonizer::from_object(item);
    let record = <EventRecord as serde::Deserialize>::deserialize(&mut de)
        .map_err(|e| argument_error("events", None, format!("cannot read an event: {e}")))?;
    Ok(match record.0 {
        Err(TouchpointError::InvalidRecord {
            record,
            field,
            message,
        }) if message.contains("surrogates not allowed") => {
            EventRecord(Err(TouchpointError::InvalidRecord {
                record,
                field,
                message: "is not valid Unicode: it has a lone surrogate".into(),
            }))
        }
        other => EventRecord(other),
    })
}

/// An event whose `timestamp` is a Python time object, read.
enum Timed<'py> {
    /// No time object: the element is read as it is (the fast path for str and int times).
    AsIs,
    /// A copy of the element with its `timestamp` in milliseconds.
    Converted(Bound<'py, PyAny>),
    /// The time cannot be read: the record's error.
    Bad(TouchpointError),
}

/// Looks at the element's `timestamp`: a `datetime`, `date`, `numpy.datetime64` or pandas
/// `Timestamp` becomes milliseconds in a copy of the element; `NaT` is a missing time.
fn with_time<'py>(item: &Bound<'py, PyAny>) -> PyResult<Timed<'py>> {
    let py = item.py();
    let key = pyo3::intern!(py, "timestamp");
    let time = if let Ok(dict) = item.cast::<PyDict>() {
        dict.get_item(key)?
    } else if let Ok(map) = item.cast::<PyMapping>() {
        map.get_item(key).ok()
    } else {
        None
    };
    let Some(time) = time else {
        return Ok(Timed::AsIs);
    };
    if time.is_instance_of::<PyString>()
        || time.is_instance_of::<PyInt>()
        || time.is_instance_of::<PyFloat>()
        || time.is_none()
    {
        return Ok(Timed::AsIs);
    }
    Ok(match read_time(&time)? {
        PyTime::Other => Timed::AsIs,
        PyTime::Millis(ms) => {
            let copy = PyDict::new(py);
            copy.update(item.cast::<PyMapping>()?)?;
            copy.set_item(key, ms)?;
            Timed::Converted(copy.into_any())
        }
        PyTime::Missing => Timed::Bad(bad("is missing (NaT)".into())),
        PyTime::OutOfRange(value) => Timed::Bad(TouchpointError::OutOfRange {
            record: RecordRef::Record(0),
            field: "timestamp".into(),
            value,
            expected: TIME_RANGE.into(),
        }),
        PyTime::Invalid(message) => Timed::Bad(bad(message)),
    })
}

/// A bad `timestamp`; `read_events` puts in the record's position.
fn bad(message: String) -> TouchpointError {
    TouchpointError::InvalidRecord {
        record: RecordRef::Record(0),
        field: "timestamp".into(),
        message,
    }
}

#[pymethods]
impl Dataset {
    /// A dataset from event dicts (`customer_id`, `timestamp`, `channel`, `kind`, and
    /// optionally `value`, `survey: {metric, score}`, `properties`). A `timestamp` is text,
    /// epoch milliseconds, or a Python time (`datetime`, `date`, `numpy.datetime64`, pandas
    /// `Timestamp`; see `time.rs`).
    #[staticmethod]
    #[pyo3(
        signature = (events, mode = None, pseudonym_key = None),
        text_signature = "(events, mode='strict', pseudonym_key=None)"
    )]
    fn from_events(
        py: Python<'_>,
        events: &Bound<'_, PyAny>,
        mode: Option<&Bound<'_, PyAny>>,
        pseudonym_key: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Dataset> {
        guard(|| {
            let mode = crate::dataset::read_options(mode, pseudonym_key)?;
            let records = event_records(events)?;
            py.detach(|| ingest::read_events(records, mode))
                .into_py_result()
                .map(Dataset::new)
        })
    }
}
