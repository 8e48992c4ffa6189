//! `touchpoint.adjust_p_values(p_values, correction)`.

use super::json_of;
use crate::error::{guard, IntoPyResult};
use pyo3::prelude::*;
use touchpoint::Correction;

/// The p-values adjusted for many comparisons, in order: `correction` is `"holm"`
/// (Holm-Bonferroni), `"benjamini_hochberg"` or `"none"` (as statsmodels' `multipletests`).
#[pyfunction]
pub fn adjust_p_values(
    p_values: &Bound<'_, PyAny>,
    correction: &Bound<'_, PyAny>,
) -> PyResult<Vec<f64>> {
    guard(|| {
        let p: Vec<f64> = touchpoint::value_from_json(json_of(p_values, "p_values")?, "p_values")
            .into_py_result()?;
        let c: Correction =
            touchpoint::value_from_json(json_of(correction, "correction")?, "correction")
                .into_py_result()?;
        touchpoint::adjust_p_values(&p, c).into_py_result()
    })
}
