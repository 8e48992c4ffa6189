//! `ds.cx_report(stage_map)`: the stage-map overrides in, the core's CX report out as a dict.

use crate::dataset::Dataset;
use crate::error::guard;
use crate::error::{argument_error, to_py, IntoPyResult};
use pyo3::prelude::*;
use pyo3::types::{PyMapping, PyString};
use touchpoint::StageMap;

/// Reads `stage_map`: `None`, or a mapping of kind name (str) → stage name (str) or `None`.
fn overrides(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, Option<String>)>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let Ok(map) = obj.cast::<PyMapping>() else {
        return Err(argument_error(
            "stage_map",
            None,
            "expected a dict of event kind -> stage name or None",
        ));
    };
    let mut out = Vec::new();
    for item in map.items()?.iter() {
        let (key, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        let Ok(kind) = key.cast::<PyString>() else {
            return Err(argument_error(
                "stage_map",
                None,
                "keys must be event kind names (str)",
            ));
        };
        let kind = kind.to_cow()?.into_owned();
        let stage = if value.is_none() {
            None
        } else if let Ok(s) = value.cast::<PyString>() {
            Some(s.to_cow()?.into_owned())
        } else {
            let field = format!("stage_map.{kind}");
            return Err(argument_error(
                &field,
                None,
                "a stage must be a stage name (str) or None",
            ));
        };
        out.push((kind, stage));
    }
    Ok(out)
}

/// The CX report of `data` with the default stage map plus `stage_map`'s overrides.
pub fn cx_report<'py>(
    py: Python<'py>,
    data: &touchpoint::Dataset,
    stage_map: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let overrides = overrides(stage_map)?;
    let stages =
        StageMap::with_overrides(overrides.iter().map(|(k, v)| (k.as_str(), v.as_deref())))
            .into_py_result()?;
    let report = py.detach(|| touchpoint::cx_report(data, &stages));
    to_py(py, &report)
}

#[pymethods]
impl Dataset {
    /// The CX report (see `touchpoint.CxReport`); `stage_map` overrides the default
    /// kind → stage mapping, e.g. `{"survey_response": "discover", "purchase": None}`.
    #[pyo3(signature = (stage_map = None))]
    fn cx_report<'py>(
        &self,
        py: Python<'py>,
        stage_map: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| cx_report(py, &self.data(), stage_map))
    }
}
