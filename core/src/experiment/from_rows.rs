//! An experiment's sufficient statistics from raw rows: one row per unit (customer), its
//! variant and its values. [`experiment_from_rows`] sums them into the [`ExperimentData`]
//! that [`analyze_experiment`](super::analyze_experiment) reads.

use super::{ExperimentData, LinkedSums, MetricData, MetricKind};
use crate::model::error::{RecordRef, Result, TouchpointError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The order of an experiment's variants: the control first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VariantOrder {
    /// The variants in order, the control first. Default: the variants seen, the control
    /// first, then the others in natural order (numerically when every name is an integer,
    /// else alphabetically). A listed variant that no unit has is an error (a variant with
    /// no units); a unit of an unlisted variant is reported.
    pub variants: Option<Vec<String>>,
    /// The control, when `variants` is not given. Default: the first variant in natural
    /// order (`"0"` before `"1"`, `"A"` before `"B"`, `"control"` before `"treatment"`).
    pub control: Option<String>,
    /// The planned share of each variant in the final order, summing to 1 (default equal).
    pub weights: Option<Vec<f64>>,
}

impl VariantOrder {
    /// The final order of `seen` (the variants units have): `variants` as given, or the
    /// control then the others in natural order.
    pub(crate) fn order(&self, seen: &[String]) -> Result<Vec<String>> {
        if let Some(list) = &self.variants {
            if self
                .control
                .as_ref()
                .is_some_and(|c| list.first() != Some(c))
            {
                return Err(TouchpointError::config(
                    "control",
                    "with `variants` given, the control is their first: leave `control` out",
                ));
            }
            return Ok(list.clone());
        }
        let mut order = seen.to_vec();
        natural_sort(&mut order);
        if let Some(c) = &self.control {
            let at = order.iter().position(|v| v == c).ok_or_else(|| {
                TouchpointError::config(
                    "control",
                    format!(
                        "no unit has the control variant `{c}` (variants: {})",
                        order.join(", ")
                    ),
                )
            })?;
            let control = order.remove(at);
            order.insert(0, control);
        }
        Ok(order)
    }
}

/// Sorts variant names numerically when every one is an integer, else alphabetically.
fn natural_sort(names: &mut [String]) {
    if names.iter().all(|n| n.parse::<i64>().is_ok()) {
        names.sort_by_key(|n| n.parse::<i64>().unwrap_or(0));
    } else {
        names.sort();
    }
}

/// One metric of [`experiment_from_rows`]: which values (columns) it reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowMetric {
    /// The metric's name in the report.
    pub name: String,
    /// A conversion (values 0 or 1), a mean, or a ratio (with `denominator`).
    pub kind: MetricKind,
    /// The column of the values. Default: the metric's name.
    #[serde(default)]
    pub column: Option<String>,
    /// A ratio's denominator column (orders for an average order value).
    #[serde(default)]
    pub denominator: Option<String>,
    /// A pre-experiment covariate column, for CUPED.
    #[serde(default)]
    pub covariate: Option<String>,
}

/// Sums rows into an experiment: `variants[i]` is row `i`'s variant, `columns` hold one value
/// per row each, `metrics` say which columns each metric reads.
///
/// A missing or non-finite value, a conversion other than 0 or 1, a column of the wrong
/// length or a row of an unlisted variant is refused, naming the row (1-based) and the
/// column. Every row is a unit: the metric's sums are over all of them.
pub fn experiment_from_rows(
    variants: &[String],
    columns: &HashMap<String, Vec<f64>>,
    metrics: &[RowMetric],
    order: &VariantOrder,
) -> Result<ExperimentData> {
    if metrics.is_empty() {
        return Err(TouchpointError::config(
            "metrics",
            "no metric: give at least one",
        ));
    }
    let mut seen: Vec<String> = Vec::new();
    let mut first_sight: HashMap<&str, usize> = HashMap::new();
    let mut of_row = Vec::with_capacity(variants.len());
    for v in variants {
        let next = first_sight.len();
        let i = *first_sight.entry(v.as_str()).or_insert(next);
        if i == seen.len() {
            seen.push(v.clone());
        }
        of_row.push(i);
    }
    let names = order.order(&seen)?;
    let position: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let remap: Vec<usize> = seen
        .iter()
        .map(|s| {
            position.get(s.as_str()).copied().ok_or_else(|| {
                let row = variants.iter().position(|v| v == s).unwrap_or(0);
                TouchpointError::invalid(
                    RecordRef::Record(row as u64 + 1),
                    "variant",
                    format!(
                        "`{s}` is not one of the listed variants ({})",
                        names.join(", ")
                    ),
                )
            })
        })
        .collect::<Result<_>>()?;
    let k = names.len();
    let mut units = vec![0u64; k];
    for &i in &of_row {
        units[remap[i]] += 1;
    }
    let column = |name: &str| -> Result<&[f64]> {
        let values = columns
            .get(name)
            .ok_or_else(|| TouchpointError::config("columns", format!("no column `{name}`")))?;
        if values.len() != variants.len() {
            return Err(TouchpointError::config(
                name,
                format!("{} values for {} rows", values.len(), variants.len()),
            ));
        }
        if let Some(row) = values.iter().position(|v| !v.is_finite()) {
            return Err(TouchpointError::invalid(
                RecordRef::Record(row as u64 + 1),
                name,
                "missing or not a finite number: every unit needs a value",
            ));
        }
        Ok(values)
    };
    let linked = |x: &[f64], y: &[f64]| {
        let mut s = LinkedSums {
            sum: vec![0.0; k],
            sum_squares: vec![0.0; k],
            sum_of_products: vec![0.0; k],
        };
        for (r, &i) in of_row.iter().enumerate() {
            let v = remap[i];
            s.sum[v] += x[r];
            s.sum_squares[v] += x[r] * x[r];
            s.sum_of_products[v] += x[r] * y[r];
        }
        s
    };
    let mut out = Vec::with_capacity(metrics.len());
    for m in metrics {
        let name = m.column.as_deref().unwrap_or(&m.name);
        let y = column(name)?;
        if m.kind == MetricKind::Conversion {
            if let Some(row) = y.iter().position(|&v| v != 0.0 && v != 1.0) {
                return Err(TouchpointError::invalid(
                    RecordRef::Record(row as u64 + 1),
                    name,
                    format!("{} is not 0 or 1: a conversion is yes or no", y[row]),
                ));
            }
        }
        if m.kind == MetricKind::Ratio && m.denominator.is_none() {
            return Err(TouchpointError::config(
                format!("metrics.{}.denominator", m.name),
                "a ratio needs a denominator column",
            ));
        }
        let mut sum = vec![0.0; k];
        let mut sum_squares = vec![0.0; k];
        for (r, &i) in of_row.iter().enumerate() {
            sum[remap[i]] += y[r];
            sum_squares[remap[i]] += y[r] * y[r];
        }
        let denominator = match &m.denominator {
            Some(d) => Some(linked(column(d)?, y)),
            None => None,
        };
        let covariate = match &m.covariate {
            Some(c) => Some(linked(column(c)?, y)),
            None => None,
        };
        out.push(MetricData {
            name: m.name.clone(),
            kind: m.kind,
            sum,
            sum_squares: (m.kind != MetricKind::Conversion).then_some(sum_squares),
            denominator,
            covariate,
            units: None,
        });
    }
    Ok(ExperimentData {
        variants: names,
        units,
        weights: order.weights.clone(),
        metrics: out,
    })
}

fn variant_column() -> String {
    "variant".into()
}

/// Options of [`experiment_from_records`]: the variant column, the metrics and the order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowOptions {
    /// The column of each row's variant. Default `variant`.
    #[serde(default = "variant_column")]
    pub variant: String,
    /// The metrics (at least one).
    #[serde(default)]
    pub metrics: Vec<RowMetric>,
    /// The variants in order, the control first (see [`VariantOrder`]).
    #[serde(default)]
    pub variants: Option<Vec<String>>,
    /// The control, when `variants` is not given.
    #[serde(default)]
    pub control: Option<String>,
    /// The planned split.
    #[serde(default)]
    pub weights: Option<Vec<f64>>,
}

/// [`experiment_from_rows`] over JSON rows: an array of row objects, or an object of
/// columns (arrays of equal length). A variant is a string or a number; a value is a number
/// or a boolean (1 or 0); a missing value or `null` is refused, naming the row and column.
/// Columns are plain arrays (JSON has no typed arrays).
pub fn experiment_from_records(
    records: &serde_json::Value,
    options: &RowOptions,
) -> Result<ExperimentData> {
    use serde_json::Value;
    let wanted: Vec<&str> = (options.metrics.iter())
        .flat_map(|m| {
            [
                Some(m.column.as_deref().unwrap_or(&m.name)),
                m.denominator.as_deref(),
                m.covariate.as_deref(),
            ]
        })
        .flatten()
        .collect();
    let label = |v: Option<&Value>, row: usize| -> Result<String> {
        match v {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            _ => Err(TouchpointError::invalid(
                RecordRef::Record(row as u64 + 1),
                options.variant.as_str(),
                "every row needs a variant (a string or a number)",
            )),
        }
    };
    let number = |v: Option<&Value>| match v {
        Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
        Some(Value::Bool(b)) => f64::from(u8::from(*b)),
        _ => f64::NAN,
    };
    let mut columns: HashMap<String, Vec<f64>> = HashMap::new();
    let variants: Vec<String> = match records {
        Value::Array(rows) => {
            for name in &wanted {
                let col = rows.iter().map(|r| number(r.get(name))).collect();
                columns.insert(name.to_string(), col);
            }
            (rows.iter().enumerate())
                .map(|(i, r)| label(r.get(&options.variant), i))
                .collect::<Result<_>>()?
        }
        Value::Object(cols) => {
            let list = |name: &str| -> Result<&Vec<Value>> {
                match cols.get(name) {
                    Some(Value::Array(a)) => Ok(a),
                    _ => Err(TouchpointError::config("rows", format!("no column `{name}` as a plain array (convert a typed array with Array.from)"))),
                }
            };
            for name in &wanted {
                let col = list(name)?.iter().map(|v| number(Some(v))).collect();
                columns.insert(name.to_string(), col);
            }
            (list(&options.variant)?.iter().enumerate())
                .map(|(i, v)| label(Some(v), i))
                .collect::<Result<_>>()?
        }
        _ => {
            return Err(TouchpointError::config(
                "rows",
                "expected an array of rows or an object of columns",
            ))
        }
    };
    let order = VariantOrder {
        variants: options.variants.clone(),
        control: options.control.clone(),
        weights: options.weights.clone(),
    };
    experiment_from_rows(&variants, &columns, &options.metrics, &order)
}
