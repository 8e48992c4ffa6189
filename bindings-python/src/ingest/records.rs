//! `Dataset.from_events`: a dataset from event dicts.

use crate::dataset::Dataset;
use crate::error::{argument_error, guard, IntoPyResult};
use pyo3::prelude::*;
use pyo3::types::{PyMapping, PyString};
use touchpoint::ingest;

/// Reads each element of `events` straight into an event record (no detour through JSON, so
/// a NaN or infinite `value` reaches the core's check and is refused, naming the record).
/// An element that can't be read (a `datetime`, a custom object, …) is a record error of its
/// own: fatal in strict mode, listed in `rejected` in lenient mode.
fn event_records(events: &Bound<'_, PyAny>) -> PyResult<Vec<ingest::EventRecord>> {
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
        let mut de = pythonize::Depythonizer::from_object(&item);
        records.push(
            <ingest::EventRecord as serde::Deserialize>::deserialize(&mut de).map_err(|e| {
                argument_error("events", None, format!("cannot read an event: {e}"))
            })?,
        );
    }
    Ok(records)
}

#[pymethods]
impl Dataset {
    /// A dataset from event dicts (`customer_id`, `timestamp`, `channel`, `kind`, and
    /// optionally `value`, `survey: {metric, score}`, `properties`).
    #[staticmethod]
    #[pyo3(signature = (events, mode = None), text_signature = "(events, mode='strict')")]
    fn from_events(
        py: Python<'_>,
        events: &Bound<'_, PyAny>,
        mode: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Dataset> {
        guard(|| {
            let mode = crate::dataset::mode(mode)?;
            let records = event_records(events)?;
            py.detach(|| ingest::read_events(records, mode))
                .into_py_result()
                .map(Dataset::new)
        })
    }
}
