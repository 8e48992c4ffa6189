//! `Dataset`: a core dataset plus the records a lenient read rejected.

use crate::error::{argument_error, guard, to_py, IntoPyResult};
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::sync::{PoisonError, RwLock, RwLockReadGuard};
use touchpoint::ingest::{Ingested, Mode};
use touchpoint::{ErrorInfo, PseudonymKey, ReadOptions};

/// Customers and their touchpoints, read from event dicts, Segment JSON or CSV.
/// Build one with `Dataset.from_events`, `Dataset.read_segment` or `Dataset.read_csv`.
#[pyclass(module = "touchpoint", name = "Dataset", frozen)]
pub struct Dataset {
    /// Read by every analysis; written only by `forget` (which refuses while an analysis
    /// runs on another thread, instead of waiting: see `privacy.rs`).
    pub(crate) data: RwLock<touchpoint::Dataset>,
    rejected: Vec<ErrorInfo>,
}

impl Dataset {
    pub(crate) fn new(read: Ingested) -> Self {
        Dataset {
            rejected: read.rejected.iter().map(ErrorInfo::from).collect(),
            data: RwLock::new(read.dataset),
        }
    }

    /// The dataset, for changing in place, without waiting: while an analysis runs on another
    /// thread, an `INVALID_ARGUMENT` error saying to `what` when it has returned (waiting
    /// while holding the GIL could deadlock with the analysis, which needs it to return).
    pub(crate) fn data_mut(
        &self,
        py: Python<'_>,
        what: &str,
    ) -> PyResult<std::sync::RwLockWriteGuard<'_, touchpoint::Dataset>> {
        match self.data.try_write() {
            Ok(d) => Ok(d),
            Err(std::sync::TryLockError::Poisoned(p)) => Ok(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => {
                let info = ErrorInfo {
                    code: "INVALID_ARGUMENT".into(),
                    message: format!(
                        "the dataset is in use by an analysis running on another thread: {what} when it has returned"
                    ),
                    record: None,
                    field: None,
                };
                Err(crate::error::to_py_err(py, info))
            }
        }
    }

    /// The dataset, for reading.
    pub(crate) fn data(&self) -> RwLockReadGuard<'_, touchpoint::Dataset> {
        self.data.read().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Reads `mode` and `pseudonym_key` (bytes or str, at least 16 bytes) into the core's options.
pub(crate) fn read_options(
    mode: Option<&Bound<'_, PyAny>>,
    pseudonym_key: Option<&Bound<'_, PyAny>>,
) -> PyResult<ReadOptions> {
    let options = ReadOptions::new(self::mode(mode)?);
    match pseudonym_key.filter(|k| !k.is_none()) {
        None => Ok(options),
        Some(k) => Ok(options.with_pseudonyms(pseudonym_key_of(k)?)),
    }
}

/// A pseudonym key from `bytes` (or any bytes-like object) or `str` (its UTF-8 bytes).
pub(crate) fn pseudonym_key_of(key: &Bound<'_, PyAny>) -> PyResult<PseudonymKey> {
    let bytes: Vec<u8> = if let Ok(s) = key.cast::<PyString>() {
        s.to_cow()
            .map_err(|_| {
                argument_error(
                    "pseudonym_key",
                    None,
                    "is not valid Unicode (a lone surrogate)",
                )
            })?
            .as_bytes()
            .to_vec()
    } else if let Ok(b) = key.extract::<Vec<u8>>() {
        b
    } else {
        return Err(argument_error(
            "pseudonym_key",
            None,
            format!(
                "expected bytes or str, got {}",
                crate::error::type_name(key)
            ),
        ));
    };
    PseudonymKey::new(bytes).into_py_result()
}

/// Reads `mode`: `None` is strict; otherwise `"strict"` or `"lenient"` (core parsing).
pub(crate) fn mode(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Mode> {
    match obj {
        None => Ok(Mode::Strict),
        Some(m) if m.is_none() => Ok(Mode::Strict),
        Some(m) => match m.cast::<PyString>() {
            Ok(s) => Mode::parse(&s.to_cow()?).into_py_result(),
            Err(_) => Err(argument_error(
                "mode",
                None,
                "expected \"strict\" or \"lenient\"",
            )),
        },
    }
}

#[pymethods]
impl Dataset {
    /// Number of customers (including those known from an `identify` only).
    #[getter]
    fn customer_count(&self) -> PyResult<usize> {
        guard(|| Ok(self.data().customer_count()))
    }

    /// Number of events.
    #[getter]
    fn event_count(&self) -> PyResult<usize> {
        guard(|| Ok(self.data().event_count()))
    }

    /// The records a lenient read skipped, in input order: dicts `{code, message, record,
    /// field}`. Always empty after a strict read. A new list on every access.
    #[getter]
    fn rejected<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_py(py, &self.rejected))
    }

    /// Counts and time span: `{customers, events, first_event, last_event}`.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_py(py, &self.data().summary()))
    }

    fn __repr__(&self) -> PyResult<String> {
        guard(|| {
            Ok(format!(
                "Dataset(customers={}, events={}, rejected={})",
                self.data().customer_count(),
                self.data().event_count(),
                self.rejected.len()
            ))
        })
    }
}
