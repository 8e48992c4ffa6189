//! Python's time objects as the core's times (milliseconds since the Unix epoch, UTC):
//! `datetime.datetime` (aware: converted to UTC; naive: read as UTC), `datetime.date`
//! (midnight UTC), pandas `Timestamp` (a `datetime`, nanoseconds included), `numpy.datetime64`
//! of any unit, and the missing times `pandas.NaT` / `numpy.datetime64("NaT")`. Sub-millisecond
//! parts are floored, as `from_arrow` does with a nanosecond column.
//!
//! pythonize cannot read these objects, so each place that takes a time converts it here
//! first: the `timestamp` of `Dataset.from_events` records (`ingest/records.rs`) and every
//! time in analysis options (`json.rs`).

use pyo3::exceptions::PyOverflowError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDate, PyDateTime, PyDelta, PyTzInfo};

const DAY_MS: i128 = 86_400_000;

/// A Python value read as a time.
pub(crate) enum PyTime {
    /// A time, in milliseconds since the epoch.
    Millis(i64),
    /// `NaT`: a missing time.
    Missing,
    /// A time the core cannot hold (outside about ±262,000 years of 1970): its `repr`.
    OutOfRange(String),
    /// A time object that could not be converted, and why.
    Invalid(String),
    /// Not a time object (a str or int is read by the core itself).
    Other,
}

/// What a time outside the core's range is told it should be.
pub(crate) const TIME_RANGE: &str = "a time between the years -262143 and 262142";

/// Reads `obj` as a time if it is one of Python's time objects.
pub(crate) fn read_time(obj: &Bound<'_, PyAny>) -> PyResult<PyTime> {
    if obj.is_instance_of::<PyDateTime>() {
        return Ok(datetime(obj));
    }
    if obj.is_instance_of::<PyDate>() {
        let days: i64 = obj
            .call_method0(intern!(obj.py(), "toordinal"))?
            .extract()?;
        // 719163 is the ordinal of 1970-01-01.
        return Ok(millis(i128::from(days - 719_163) * DAY_MS, obj));
    }
    let ty = obj.get_type();
    if ty.name()?.to_cow()? == "datetime64" && ty.module()?.to_cow()? == "numpy" {
        return datetime64(obj);
    }
    Ok(PyTime::Other)
}

/// A `datetime` (or a subclass: pandas `Timestamp`, and pandas `NaT`, which pretends to be one).
fn datetime(obj: &Bound<'_, PyAny>) -> PyTime {
    let py = obj.py();
    let ty = obj.get_type();
    if !ty.is(py.get_type::<PyDateTime>()) {
        match ty.name().map(|n| n.to_string()).as_deref() {
            Ok("NaTType") => return PyTime::Missing,
            // pandas: `.value` is nanoseconds since the epoch (UTC; naive read as UTC), one
            // attribute instead of pandas' slow arithmetic. It overflows for a Timestamp of a
            // coarser unit beyond the years 1677–2262: the arithmetic below then does it.
            Ok("Timestamp")
                if ty
                    .module()
                    .is_ok_and(|m| m.to_string().starts_with("pandas")) =>
            {
                if let Ok(ns) = obj
                    .getattr(intern!(py, "value"))
                    .and_then(|v| v.extract::<i64>())
                {
                    return millis(i128::from(ns.div_euclid(1_000_000)), obj);
                }
            }
            _ => {}
        }
    }
    let convert = || -> PyResult<i128> {
        let epochs = epochs(py)?;
        let aware = !obj.getattr(intern!(py, "tzinfo"))?.is_none()
            && !obj.call_method0(intern!(py, "utcoffset"))?.is_none();
        let epoch = if aware { &epochs.aware } else { &epochs.naive };
        // Exact integer arithmetic: (t - epoch) // 1 ms, floored.
        obj.sub(epoch)?.floor_div(&epochs.one_ms)?.extract::<i128>()
    };
    match convert() {
        Ok(ms) => millis(ms, obj),
        Err(e) if is_overflow(py, &e) => PyTime::OutOfRange(repr(obj)),
        Err(e) => PyTime::Invalid(format!("cannot read {} as a time: {e}", repr(obj))),
    }
}

/// An overflow: Python's `OverflowError`, or pandas' `OutOfBounds…` errors (`ValueError`s).
fn is_overflow(py: Python<'_>, e: &PyErr) -> bool {
    e.is_instance_of::<PyOverflowError>(py)
        || e.get_type(py)
            .name()
            .is_ok_and(|n| n.to_cow().is_ok_and(|n| n.starts_with("OutOfBounds")))
}

/// A `numpy.datetime64` of any unit, read from its integer value and its dtype's unit
/// (`<M8[ns]`, `<M8[10ms]`, `<M8` for a unitless NaT) without numpy's own, unchecked, casts.
fn datetime64(obj: &Bound<'_, PyAny>) -> PyResult<PyTime> {
    let py = obj.py();
    let value: i64 = obj
        .call_method1(intern!(py, "astype"), ("int64",))?
        .extract()?;
    if value == i64::MIN {
        return Ok(PyTime::Missing); // NaT
    }
    let dtype: String = obj
        .getattr(intern!(py, "dtype"))?
        .getattr(intern!(py, "str"))?
        .extract()?;
    let unit = dtype
        .split_once('[')
        .and_then(|(_, u)| u.strip_suffix(']'))
        .unwrap_or("");
    let digits = unit.bytes().take_while(u8::is_ascii_digit).count();
    let count: i128 = if digits == 0 {
        1
    } else {
        unit[..digits].parse().unwrap_or(1)
    };
    let n = i128::from(value) * count;
    let ms = match &unit[digits..] {
        "Y" => calendar(n, 0),
        "M" => calendar(n.div_euclid(12), n.rem_euclid(12)),
        "W" => Some(n * 7 * DAY_MS),
        "D" => Some(n * DAY_MS),
        "h" => Some(n * 3_600_000),
        "m" => Some(n * 60_000),
        "s" => Some(n * 1000),
        "ms" => Some(n),
        "us" => Some(n.div_euclid(1000)),
        "ns" => Some(n.div_euclid(1_000_000)),
        "ps" => Some(n.div_euclid(1_000_000_000)),
        "fs" => Some(n.div_euclid(1_000_000_000_000)),
        "as" => Some(n.div_euclid(1_000_000_000_000_000)),
        other => {
            return Ok(PyTime::Invalid(format!(
                "cannot read {} as a time: unknown unit `{other}`",
                repr(obj)
            )))
        }
    };
    Ok(match ms {
        Some(ms) => millis(ms, obj),
        None => PyTime::OutOfRange(repr(obj)),
    })
}

/// Midnight UTC of the first day of month `month` (0-based) of year 1970 + `years`.
fn calendar(years: i128, month: i128) -> Option<i128> {
    let year = i32::try_from(1970 + years).ok()?;
    let date = chrono::NaiveDate::from_ymd_opt(year, month as u32 + 1, 1)?;
    Some(i128::from(
        date.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis(),
    ))
}

/// `ms` if the core can hold it (chrono's range, so that it prints as RFC 3339).
fn millis(ms: i128, obj: &Bound<'_, PyAny>) -> PyTime {
    match i64::try_from(ms) {
        Ok(ms) if chrono::DateTime::from_timestamp_millis(ms).is_some() => PyTime::Millis(ms),
        _ => PyTime::OutOfRange(repr(obj)),
    }
}

fn repr(obj: &Bound<'_, PyAny>) -> String {
    obj.repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "the value".to_string())
}

/// The epochs, naive and aware, and one millisecond, made once.
struct Epochs {
    naive: Py<PyAny>,
    aware: Py<PyAny>,
    one_ms: Py<PyAny>,
}

fn epochs(py: Python<'_>) -> PyResult<&Epochs> {
    static EPOCHS: PyOnceLock<Epochs> = PyOnceLock::new();
    EPOCHS.get_or_try_init(py, || {
        let utc = PyTzInfo::utc(py)?;
        Ok(Epochs {
            naive: PyDateTime::new(py, 1970, 1, 1, 0, 0, 0, 0, None)?
                .into_any()
                .unbind(),
            aware: PyDateTime::new(py, 1970, 1, 1, 0, 0, 0, 0, Some(&utc))?
                .into_any()
                .unbind(),
            one_ms: PyDelta::new(py, 0, 0, 1000, false)?.into_any().unbind(),
        })
    })
}
