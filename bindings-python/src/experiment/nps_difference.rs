//! `touchpoint.nps_difference(control, treatment, alpha=0.05)`.

use super::json_of;
use crate::error::{guard, to_py, IntoPyResult};
use pyo3::prelude::*;
use pyo3::types::PyMapping;
use touchpoint::NpsCounts;

/// A group: a mapping of counts (`promoters`, `passives`, `detractors`; an `nps(...)` result
/// serves), or the 0–10 answers themselves.
fn counts(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<NpsCounts> {
    if obj.cast::<PyMapping>().is_ok() {
        return touchpoint::value_from_json(json_of(obj, name)?, name).into_py_result();
    }
    let summary = touchpoint::nps(&crate::survey::answers(obj)?).into_py_result()?;
    Ok(NpsCounts {
        promoters: summary.promoters,
        passives: summary.passives,
        detractors: summary.detractors,
    })
}

/// The NPS of `treatment` minus that of `control` (two variants, or two survey waves), with
/// its interval at 1 − alpha and a two-sided z-test from each score's trinomial variance.
#[pyfunction]
#[pyo3(signature = (control, treatment, alpha = 0.05))]
pub fn nps_difference<'py>(
    py: Python<'py>,
    control: &Bound<'py, PyAny>,
    treatment: &Bound<'py, PyAny>,
    alpha: f64,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let (c, t) = (counts(control, "control")?, counts(treatment, "treatment")?);
        to_py(
            py,
            &touchpoint::nps_difference(&c, &t, alpha).into_py_result()?,
        )
    })
}
