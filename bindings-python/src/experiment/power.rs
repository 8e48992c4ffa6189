//! `touchpoint.sample_size(...)` and `touchpoint.minimum_detectable_effect(...)`.

use crate::error::{guard, to_py, IntoPyResult};
use pyo3::prelude::*;
use touchpoint::PowerOptions;

/// The plan's options from the keyword arguments (the core names a bad one).
#[allow(clippy::too_many_arguments)]
fn plan<'py>(
    py: Python<'py>,
    kind: &Bound<'py, PyAny>,
    baseline: &Bound<'py, PyAny>,
    std_dev: Option<&Bound<'py, PyAny>>,
    alpha: Option<&Bound<'py, PyAny>>,
    power: Option<&Bound<'py, PyAny>>,
    alternative: Option<&Bound<'py, PyAny>>,
    ratio: Option<&Bound<'py, PyAny>>,
) -> PyResult<PowerOptions> {
    let dict = pyo3::types::PyDict::new(py);
    let pairs = [
        ("kind", Some(kind)),
        ("baseline", Some(baseline)),
        ("std_dev", std_dev),
        ("alpha", alpha),
        ("power", power),
        ("alternative", alternative),
        ("ratio", ratio),
    ];
    for (name, value) in pairs {
        if let Some(v) = value.filter(|v| !v.is_none()) {
            dict.set_item(name, v)?;
        }
    }
    let value = crate::analysis::options_value(Some(dict.as_any()))?;
    touchpoint::value_from_json(value, "options").into_py_result()
}

/// The units an experiment needs to detect a relative effect (0.1 for +10%) on the baseline
/// (the control's rate, or mean with `std_dev`) with the planned power: `{control, treatment,
/// total, effect_size}`, as statsmodels' `NormalIndPower` (rates by Cohen's h).
#[pyfunction]
#[pyo3(signature = (
    kind, baseline, relative_effect, *, std_dev = None, alpha = None, power = None,
    alternative = None, ratio = None
))]
#[allow(clippy::too_many_arguments)]
pub fn sample_size<'py>(
    py: Python<'py>,
    kind: &Bound<'py, PyAny>,
    baseline: &Bound<'py, PyAny>,
    relative_effect: f64,
    std_dev: Option<&Bound<'py, PyAny>>,
    alpha: Option<&Bound<'py, PyAny>>,
    power: Option<&Bound<'py, PyAny>>,
    alternative: Option<&Bound<'py, PyAny>>,
    ratio: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let o = plan(
            py,
            kind,
            baseline,
            std_dev,
            alpha,
            power,
            alternative,
            ratio,
        )?;
        to_py(
            py,
            &touchpoint::sample_size(&o, relative_effect).into_py_result()?,
        )
    })
}

/// The smallest increase `control_units` control units (and `ratio` times as many treated)
/// detect with the planned power: `{treatment, absolute, relative, effect_size}`.
#[pyfunction]
#[pyo3(signature = (
    kind, baseline, control_units, *, std_dev = None, alpha = None, power = None,
    alternative = None, ratio = None
))]
#[allow(clippy::too_many_arguments)]
pub fn minimum_detectable_effect<'py>(
    py: Python<'py>,
    kind: &Bound<'py, PyAny>,
    baseline: &Bound<'py, PyAny>,
    control_units: f64,
    std_dev: Option<&Bound<'py, PyAny>>,
    alpha: Option<&Bound<'py, PyAny>>,
    power: Option<&Bound<'py, PyAny>>,
    alternative: Option<&Bound<'py, PyAny>>,
    ratio: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let o = plan(
            py,
            kind,
            baseline,
            std_dev,
            alpha,
            power,
            alternative,
            ratio,
        )?;
        to_py(
            py,
            &touchpoint::minimum_detectable_effect(&o, control_units).into_py_result()?,
        )
    })
}
