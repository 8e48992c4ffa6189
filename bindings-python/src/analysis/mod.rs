//! Dataset analyses (`ds.journey_map(options)`, `ds.pain_points(options)`, …): one generic
//! path from an options dict to the core's report as a dict, and the [`analyses!`] macro
//! that declares the methods, one file per analysis (`analysis/funnel.rs` ↔
//! `core/src/analysis/funnel/`; pyo3's `multiple-pymethods` allows a block per file).

use crate::error::{argument_error, type_name, IntoPyResult};
use crate::tables::{internal, report_to_py, Tables};
use pyo3::prelude::*;
use pyo3::types::PyMapping;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use touchpoint::TouchpointError;

/// Reads `options`: `None`, or a mapping converted to JSON as is (the core checks names and
/// types, so an unknown or mistyped option is a `ConfigError` naming it), every Python time
/// object in it (`as_of`) as RFC 3339 text (`json.rs`). A `NaT`, a NaN or ±∞, an integer
/// beyond 64 bits, text with lone surrogates, or options nested more than 64 deep (or
/// containing themselves) are a `ConfigError` naming the option.
pub(crate) fn options_value(options: Option<&Bound<'_, PyAny>>) -> PyResult<Value> {
    let Some(obj) = options.filter(|o| !o.is_none()) else {
        return Ok(Value::Null);
    };
    if obj.cast::<PyMapping>().is_err() {
        let kind = type_name(obj);
        return Err(argument_error(
            "options",
            None,
            format!("expected a dict of options or None, got {kind}"),
        ));
    }
    crate::json::option_value(obj).map_err(|(option, message)| {
        if message.starts_with(crate::json::UNREADABLE) {
            let message = format!("cannot read the options: `{option}`: {message}");
            return argument_error("options", None, message);
        }
        crate::error::core_error(&TouchpointError::InvalidConfig { option, message })
    })
}

/// Runs one analysis: `options` (a dict or `None`) → `O` through
/// `touchpoint::options_from_value`, then `f` with the GIL released, then the report as a
/// dict whose per-customer rows are `pyarrow.Table`s (see `tables.rs`). Call it inside `guard`.
pub fn analysis<'py, O, R>(
    py: Python<'py>,
    data: &touchpoint::Dataset,
    options: Option<&Bound<'py, PyAny>>,
    f: impl FnOnce(&touchpoint::Dataset, &O) -> touchpoint::Result<R> + Send,
) -> PyResult<Bound<'py, PyAny>>
where
    O: DeserializeOwned + Default + Sync,
    R: Serialize + Send + Tables,
{
    let options: O = touchpoint::options_from_value(options_value(options)?).into_py_result()?;
    let (report, tables) = py
        .detach(|| {
            f(data, &options).map(|mut report| {
                let tables = report.take_tables();
                (report, tables)
            })
        })
        .into_py_result()?;
    let tables = tables.map_err(|e| internal(py, e))?;
    report_to_py(py, &report, tables)
}

/// Declares `Dataset` methods `name(options=None)` that run a core analysis through
/// [`analysis`]: `python_name => core function;`. The calling file must have `Dataset` in scope.
macro_rules! analyses {
    ($( $(#[$doc:meta])* $name:ident => $f:path; )+) => {
        #[pyo3::pymethods]
        impl Dataset {
            $(
                $(#[$doc])*
                #[pyo3(signature = (options = None))]
                fn $name<'py>(
                    &self,
                    py: pyo3::Python<'py>,
                    options: Option<&pyo3::Bound<'py, pyo3::PyAny>>,
                ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                    $crate::error::guard(|| $crate::analysis::analysis(py, &self.data(), options, $f))
                }
            )+
        }
    };
}
pub(crate) use analyses;

mod cx_pyramid;
mod engagement;
mod engagement_score;
mod funnel;
mod journey_map;
mod lifecycle;
mod overview;
mod pain_points;
mod retention;
mod segments;
mod sessions;
