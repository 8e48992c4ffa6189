//! Customer satisfaction of an iterable of answers: `touchpoint.csat(answers)`.

use super::score;
use pyo3::prelude::*;

/// Customer satisfaction of 1–5 answers (share of 4s and 5s, in percent).
#[pyfunction]
pub fn csat<'py>(answers: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    score(answers, touchpoint::csat)
}
