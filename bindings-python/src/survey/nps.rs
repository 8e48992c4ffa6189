//! Net Promoter Score of an iterable of answers: `touchpoint.nps(answers)`.

use super::score;
use pyo3::prelude::*;

/// Net Promoter Score of 0–10 answers: counts, shares (percent), NPS and its 95% margin.
#[pyfunction]
pub fn nps<'py>(answers: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    score(answers, touchpoint::nps)
}
