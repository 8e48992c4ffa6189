//! Privacy: `Dataset.forget`, `Dataset.export` and `touchpoint.pseudonymize`.
//!
//! `forget` changes the dataset in place. An analysis runs with the GIL released, holding
//! the dataset for reading; `forget` takes it for writing without waiting (it holds the
//! GIL, and a thread waiting for the lock while holding the GIL could deadlock with the
//! analysis that needs the GIL back to return): while an analysis runs on another thread,
//! `forget` raises `InvalidArgumentError` (code `INVALID_ARGUMENT`) and changes nothing.

use crate::dataset::{pseudonym_key_of, Dataset};
use crate::error::{argument_error, guard, to_py, IntoPyResult};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

/// An id argument as text (a lone surrogate is an error naming `id`).
fn id_text(id: &Bound<'_, PyAny>, record: Option<String>) -> PyResult<String> {
    let s = id.cast::<PyString>().map_err(|_| {
        argument_error(
            "id",
            record.clone(),
            format!("expected str, got {}", crate::error::type_name(id)),
        )
    })?;
    s.to_cow()
        .map(|s| s.into_owned())
        .map_err(|_| argument_error("id", record, "is not valid Unicode (a lone surrogate)"))
}

#[pymethods]
impl Dataset {
    /// Forgets a customer, or a list of them (see `__init__.pyi`): returns the receipt
    /// `{found, customers, events, traits, ids}`.
    #[pyo3(text_signature = "(self, id)")]
    fn forget<'py>(&self, py: Python<'py>, id: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let ids: Vec<String> = match id.cast::<PyList>() {
                Ok(list) => list
                    .iter()
                    .enumerate()
                    .map(|(i, x)| id_text(&x, Some(format!("record {}", i + 1))))
                    .collect::<PyResult<_>>()?,
                Err(_) => vec![id_text(id, None)?],
            };
            let mut data = self.data_mut(py, "forget")?;
            let receipt = data
                .forget_all(ids.iter().map(String::as_str))
                .into_py_result()?;
            to_py(py, &receipt)
        })
    }

    /// Everything held about the customer of `id` as a dict, or None (see `__init__.pyi`).
    #[pyo3(text_signature = "(self, id)")]
    fn export<'py>(&self, py: Python<'py>, id: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let id = id_text(id, None)?;
            let data = self.data();
            let export = py.detach(|| data.export(&id)).into_py_result()?;
            to_py(py, &export)
        })
    }
}

/// The pseudonym of `id` under `key` (bytes or str): lowercase hex of HMAC-SHA-256.
#[pyfunction]
pub fn pseudonymize(key: &Bound<'_, PyAny>, id: &Bound<'_, PyAny>) -> PyResult<String> {
    guard(|| {
        let key = pseudonym_key_of(key)?;
        let id = id_text(id, None)?;
        touchpoint::limits::check_id(&id, touchpoint::RecordRef::Record(1), "id")
            .into_py_result()?;
        Ok(key.pseudonym(&id))
    })
}
