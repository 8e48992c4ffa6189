//! Survey programmes (core: `core/src/survey/programme/`): `survey_template(name)`,
//! `score_survey(survey, responses, *, invitations=None, **options)` and
//! `compare_survey_waves(earlier, later, *, alpha=0.05)`. Surveys and options are dicts;
//! responses and invitations are a pandas or polars DataFrame, a pyarrow Table or a list of
//! dicts; reports are dicts, each customer's engagement index a pyarrow Table.

use crate::error::{argument_error, guard, to_py, type_name, IntoPyResult};
use crate::experiment::json_of;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyMapping, PyString};
use serde_json::Value;
use touchpoint::{Survey, SurveyOptions, SurveyReport};

/// A survey: a template's name or a dict.
fn survey_of(obj: &Bound<'_, PyAny>) -> PyResult<Survey> {
    touchpoint::value_from_json(json_of(obj, "survey")?, "survey").into_py_result()
}

/// Rows as JSON objects: a pyarrow Table (`to_pylist`), a pandas DataFrame (through pyarrow,
/// so that NaN and NaT are blanks), a polars DataFrame (`to_dicts`), or a list of dicts.
pub(crate) fn rows_of(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Vec<Value>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let py = obj.py();
    let list = if obj.hasattr("to_pylist")? {
        obj.call_method0("to_pylist")?
    } else if obj.hasattr("to_dicts")? {
        obj.call_method0("to_dicts")?
    } else if obj.hasattr("columns")? && obj.hasattr("to_dict")? {
        let kwargs = PyDict::new(py);
        kwargs.set_item("preserve_index", false)?;
        py.import("pyarrow")?
            .getattr("Table")?
            .call_method("from_pandas", (obj,), Some(&kwargs))?
            .call_method0("to_pylist")?
    } else if obj.cast::<PyString>().is_err() && obj.cast::<PyMapping>().is_err() {
        obj.clone()
    } else {
        return Err(argument_error(
            what,
            None,
            format!(
                "expected a DataFrame, a pyarrow Table or a list of dicts, got {}",
                type_name(obj)
            ),
        ));
    };
    match json_of(&list, what)? {
        Value::Array(rows) => Ok(rows),
        _ => Err(argument_error(what, None, "expected rows: a list of dicts")),
    }
}

/// The report as a dict, `engagement_index.per_customer` as a pyarrow Table.
fn report_to_py<'py>(py: Python<'py>, report: &SurveyReport) -> PyResult<Bound<'py, PyAny>> {
    let dict = to_py(py, report)?;
    if let Some(index) = &report.engagement_index {
        let pa = py.import("pyarrow")?;
        let columns = PyDict::new(py);
        let c = &index.per_customer;
        let ids: Vec<&str> = c.iter().map(|c| c.customer_id.as_str()).collect();
        let values: Vec<f64> = c.iter().map(|c| c.index).collect();
        let counts: Vec<u64> = c.iter().map(|c| c.responses).collect();
        columns.set_item(
            "customer_id",
            pa.call_method1("array", (ids, pa.call_method0("string")?))?,
        )?;
        columns.set_item(
            "index",
            pa.call_method1("array", (values, pa.call_method0("float64")?))?,
        )?;
        columns.set_item(
            "responses",
            pa.call_method1("array", (counts, pa.call_method0("uint64")?))?,
        )?;
        let table = pa.call_method1("table", (columns,))?;
        dict.get_item("engagement_index")?
            .cast::<PyDict>()?
            .set_item("per_customer", table)?;
    }
    Ok(dict)
}

/// A report dict read back (its per-customer table left out: the comparison does not read it).
fn report_of(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<SurveyReport> {
    let Ok(map) = obj.cast::<PyDict>() else {
        return Err(argument_error(
            what,
            None,
            format!(
                "expected a report from score_survey, got {}",
                type_name(obj)
            ),
        ));
    };
    let copy = map.copy()?;
    if let Some(index) = copy.get_item("engagement_index")?.filter(|i| !i.is_none()) {
        let index = index.cast::<PyDict>()?.copy()?;
        index.set_item("per_customer", PyList::empty(obj.py()))?;
        copy.set_item("engagement_index", index)?;
    }
    touchpoint::value_from_json(json_of(copy.as_any(), what)?, what).into_py_result()
}

/// A built-in survey as a dict: `nps`, `csat`, `ces` or `engagement` (the five engagement
/// questions, scored into an engagement index), each with a free-text `comment`.
#[pyfunction]
pub fn survey_template<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(|| to_py(py, &touchpoint::survey_template(name).into_py_result()?))
}

/// Scores a wave of survey responses: every question overall and per channel, touchpoint,
/// stage, segment (and period), the engagement index with its weakest question, response
/// rates from `invitations`, and warnings where too few answered.
#[pyfunction]
#[pyo3(signature = (survey, responses, *, invitations = None, **options))]
pub fn score_survey<'py>(
    py: Python<'py>,
    survey: &Bound<'py, PyAny>,
    responses: &Bound<'py, PyAny>,
    invitations: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let o: SurveyOptions = touchpoint::options_from_value(crate::analysis::options_value(
            options.map(|o| o.as_any()),
        )?)
        .into_py_result()?;
        o.check().into_py_result()?;
        let survey = survey_of(survey)?;
        let rows = rows_of(Some(responses), "responses")?;
        let invited = rows_of(invitations, "invitations")?;
        let report = py
            .detach(|| {
                let responses = touchpoint::read_survey_responses(&survey, &rows, &o)?;
                let invitations = touchpoint::read_survey_invitations(&invited, &o)?;
                touchpoint::score_survey(&survey, &responses, &invitations, &o)
            })
            .into_py_result()?;
        report_to_py(py, &report)
    })
}

/// Compares two waves (reports from `score_survey`), question by question: NPS by the
/// trinomial z-test, means by Welch's t-test, top-box and yes shares by two-proportion
/// z-tests, the engagement index by Welch's t over customers.
#[pyfunction]
#[pyo3(signature = (earlier, later, *, alpha = 0.05))]
pub fn compare_survey_waves<'py>(
    py: Python<'py>,
    earlier: &Bound<'py, PyAny>,
    later: &Bound<'py, PyAny>,
    alpha: f64,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let (a, b) = (report_of(earlier, "earlier")?, report_of(later, "later")?);
        to_py(
            py,
            &touchpoint::compare_survey_waves(&a, &b, alpha).into_py_result()?,
        )
    })
}
