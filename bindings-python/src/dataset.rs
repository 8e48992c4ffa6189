//! `Dataset`: a core dataset plus the records a lenient read rejected.

use crate::error::{argument_error, guard, to_py, IntoPyResult};
use pyo3::prelude::*;
use pyo3::types::PyString;
use touchpoint::ingest::{Ingested, Mode};
use touchpoint::ErrorInfo;

/// Customers and their touchpoints, read from event dicts, Segment JSON or CSV.
/// Build one with `Dataset.from_events`, `Dataset.read_segment` or `Dataset.read_csv`.
#[pyclass(module = "touchpoint", name = "Dataset", frozen)]
pub struct Dataset {
    pub(crate) data: touchpoint::Dataset,
    rejected: Vec<ErrorInfo>,
}

impl Dataset {
    pub(crate) fn new(read: Ingested) -> Self {
        Dataset {
            rejected: read.rejected.iter().map(ErrorInfo::from).collect(),
            data: read.dataset,
        }
    }
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
        guard(|| Ok(self.data.customer_count()))
    }

    /// Number of events.
    #[getter]
    fn event_count(&self) -> PyResult<usize> {
        guard(|| Ok(self.data.event_count()))
    }

    /// The records a lenient read skipped, in input order: dicts `{code, message, record,
    /// field}`. Always empty after a strict read. A new list on every access.
    #[getter]
    fn rejected<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_py(py, &self.rejected))
    }

    /// Counts and time span: `{customers, events, first_event, last_event}`.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_py(py, &self.data.summary()))
    }

    fn __repr__(&self) -> PyResult<String> {
        guard(|| {
            Ok(format!(
                "Dataset(customers={}, events={}, rejected={})",
                self.data.customer_count(),
                self.data.event_count(),
                self.rejected.len()
            ))
        })
    }
}
