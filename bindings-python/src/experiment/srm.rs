//! `touchpoint.sample_ratio_check(units, weights=None, threshold=0.001)`.

use super::json_of;
use crate::error::{guard, to_py_without_tuples as to_py, IntoPyResult};
use pyo3::prelude::*;

/// The exposures per variant against the planned split (equal by default): Pearson's
/// chi-square, its p-value, and `mismatch` when the p-value is below `threshold`.
#[pyfunction]
#[pyo3(signature = (units, weights = None, threshold = 0.001))]
pub fn sample_ratio_check<'py>(
    py: Python<'py>,
    units: &Bound<'py, PyAny>,
    weights: Option<&Bound<'py, PyAny>>,
    threshold: f64,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        // A plain list is read directly; anything else through the JSON path, whose errors
        // name the argument.
        let plain = |list: &Bound<'py, pyo3::types::PyList>| -> Option<Vec<u64>> {
            list.iter()
                .map(|x| {
                    x.is_exact_instance_of::<pyo3::types::PyInt>()
                        .then(|| x.extract::<u64>().ok())
                        .flatten()
                })
                .collect()
        };
        let fast = units
            .cast::<pyo3::types::PyList>()
            .ok()
            .and_then(|l| plain(&l));
        let units: Vec<u64> = match fast {
            Some(u) => u,
            None => {
                touchpoint::value_from_json(json_of(units, "units")?, "units").into_py_result()?
            }
        };
        let weights: Option<Vec<f64>> = match weights.filter(|w| !w.is_none()) {
            Some(w) => Some(
                touchpoint::value_from_json(json_of(w, "weights")?, "weights").into_py_result()?,
            ),
            None => None,
        };
        let check = touchpoint::sample_ratio_check(&units, weights.as_deref(), threshold)
            .into_py_result()?;
        to_py(py, &check)
    })
}
