//! Customer effort score of an iterable of answers: `touchpoint.ces(answers)`.

use super::score;
use pyo3::prelude::*;

/// Customer effort score of 1–7 answers.
#[pyfunction]
pub fn ces<'py>(answers: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    score(answers, touchpoint::ces)
}
