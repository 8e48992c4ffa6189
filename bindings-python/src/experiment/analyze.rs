//! `touchpoint.analyze_experiment(data, *, alpha, alternative, difference, pooled,
//! correction, srm_threshold, engine, prior, sequential, sequential_tuning)`.

use super::json_of;
use crate::error::{guard, to_py_without_tuples as to_py, IntoPyResult};
use crate::value::options;
use pyo3::prelude::*;
use touchpoint::{ExperimentData, ExperimentOptions};

/// An A/B (or A/B/n) test from each variant's sufficient statistics: per metric, each
/// variant's value with its interval, and each treatment against the control (the first
/// variant) with absolute and relative effects, p-values, a verdict; the sample-ratio check.
#[pyfunction]
#[pyo3(signature = (
    data, *, alpha = None, alternative = None, difference = None, pooled = None,
    correction = None, srm_threshold = None, engine = None, prior = None, sequential = None,
    sequential_tuning = None
))]
#[allow(clippy::too_many_arguments)]
pub fn analyze_experiment<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    alpha: Option<&Bound<'py, PyAny>>,
    alternative: Option<&Bound<'py, PyAny>>,
    difference: Option<&Bound<'py, PyAny>>,
    pooled: Option<&Bound<'py, PyAny>>,
    correction: Option<&Bound<'py, PyAny>>,
    srm_threshold: Option<&Bound<'py, PyAny>>,
    engine: Option<&Bound<'py, PyAny>>,
    prior: Option<&Bound<'py, PyAny>>,
    sequential: Option<&Bound<'py, PyAny>>,
    sequential_tuning: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        // Plain dicts, lists and numbers are read directly; anything else (numpy integers, a
        // bad field) goes through the JSON path, whose errors name the field.
        let data: ExperimentData = match pythonize::depythonize(data) {
            Ok(d) => d,
            Err(_) => {
                touchpoint::value_from_json(json_of(data, "data")?, "data").into_py_result()?
            }
        };
        let given = [
            alpha,
            alternative,
            difference,
            pooled,
            correction,
            srm_threshold,
            engine,
            prior,
            sequential,
            sequential_tuning,
        ];
        if given.iter().all(Option::is_none) {
            let report = touchpoint::analyze_experiment(&data, &ExperimentOptions::default())
                .into_py_result()?;
            return to_py(py, &report);
        }
        let o: ExperimentOptions = options(
            py,
            &[
                ("alpha", alpha),
                ("alternative", alternative),
                ("difference", difference),
                ("pooled", pooled),
                ("correction", correction),
                ("srm_threshold", srm_threshold),
                ("engine", engine),
                ("prior", prior),
                ("sequential", sequential),
                ("sequential_tuning", sequential_tuning),
            ],
        )?;
        let report = py
            .detach(|| touchpoint::analyze_experiment(&data, &o))
            .into_py_result()?;
        to_py(py, &report)
    })
}
