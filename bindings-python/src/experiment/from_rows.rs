//! `touchpoint.experiment_from_rows(rows, *, metrics, variant="variant", variants=None,
//! control=None, weights=None)`: one row per unit summed into an experiment's data.

use super::json_of;
use crate::error::{argument_error, guard, to_py, IntoPyResult};
use pyo3::prelude::*;
use pyo3::types::{PyMapping, PyString};
use serde_json::{json, Value};
use std::collections::HashMap;
use touchpoint::{RowMetric, VariantOrder};

/// Column `name` of `rows` (a DataFrame, a pyarrow Table or a dict of columns) as a list.
fn column<'py>(rows: &Bound<'py, PyAny>, name: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let col = rows
        .get_item(name)
        .map_err(|_| argument_error("rows", None, format!("no column `{name}`")))?;
    let list = if col.hasattr("to_pylist")? {
        col.call_method0("to_pylist")?
    } else if col.hasattr("tolist")? {
        col.call_method0("tolist")?
    } else {
        col
    };
    list.try_iter()?.collect()
}

/// A numeric column; `None` (or a missing value) becomes NaN, which the core refuses by row.
fn numbers(rows: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<f64>> {
    column(rows, name)?
        .iter()
        .enumerate()
        .map(|(i, v)| {
            if v.is_none() {
                return Ok(f64::NAN);
            }
            v.extract::<f64>().map_err(|_| {
                argument_error(
                    "rows",
                    None,
                    format!(
                        "column `{name}`, row {}: {} is not a number",
                        i + 1,
                        v.repr().map_or("?".into(), |r| r.to_string())
                    ),
                )
            })
        })
        .collect()
}

/// The metrics: a dict of name → kind (`"conversion"`, `"mean"`) or name → spec dict
/// (`kind`, `column`, `denominator`, `covariate`), or a list of spec dicts with `name`.
fn metric_specs(metrics: &Bound<'_, PyAny>) -> PyResult<Vec<RowMetric>> {
    let value = json_of(metrics, "metrics")?;
    let list = match value {
        Value::Object(map) => map
            .into_iter()
            .map(|(name, spec)| match spec {
                Value::String(kind) => json!({"name": name, "kind": kind}),
                Value::Object(mut o) => {
                    o.insert("name".into(), Value::String(name));
                    Value::Object(o)
                }
                other => other,
            })
            .collect(),
        Value::Array(list) => list,
        other => {
            return Err(argument_error(
                "metrics",
                None,
                format!("expected a dict of metric → kind, got {other}"),
            ))
        }
    };
    touchpoint::value_from_json(Value::Array(list), "metrics").into_py_result()
}

/// Sums one row per unit (customer) into the data `analyze_experiment` takes: `rows` is a
/// DataFrame, a pyarrow Table or a dict of columns; `variant` names the variant column.
#[pyfunction]
#[pyo3(signature = (rows, *, metrics, variant = "variant", variants = None, control = None, weights = None))]
pub fn experiment_from_rows<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    metrics: &Bound<'py, PyAny>,
    variant: &str,
    variants: Option<Vec<String>>,
    control: Option<String>,
    weights: Option<Vec<f64>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let framed = rows.hasattr("columns")? || rows.hasattr("column_names")?;
        if rows.cast::<PyMapping>().is_err() && !framed {
            return Err(argument_error(
                "rows",
                None,
                "expected a DataFrame, a pyarrow Table or a dict of columns",
            ));
        }
        let labels: Vec<String> = column(rows, variant)?
            .iter()
            .map(|v| match v.cast::<PyString>() {
                Ok(s) => Ok(s.to_string()),
                Err(_) => Ok(v.str()?.to_string()),
            })
            .collect::<PyResult<_>>()?;
        let specs = metric_specs(metrics)?;
        let mut columns: HashMap<String, Vec<f64>> = HashMap::new();
        for m in &specs {
            let named = [m.column.as_ref().unwrap_or(&m.name)]
                .into_iter()
                .chain(m.denominator.as_ref())
                .chain(m.covariate.as_ref());
            for name in named {
                if !columns.contains_key(name) {
                    columns.insert(name.clone(), numbers(rows, name)?);
                }
            }
        }
        let order = VariantOrder {
            variants,
            control,
            weights,
        };
        let data = py
            .detach(|| touchpoint::experiment_from_rows(&labels, &columns, &specs, &order))
            .into_py_result()?;
        to_py(py, &data)
    })
}
