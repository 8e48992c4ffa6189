//! Purchase histories (core: `core/src/value/history/`): `touchpoint.purchase_histories`
//! from a frame of transactions, `Dataset.purchase_histories` from purchase events, both as
//! a pyarrow Table whose schema metadata carries the unit; and histories read back from any
//! Arrow stream or frame (a lifetimes summary after `reset_index()` too) for the models.

use super::read::Ids;
use super::{batches_to_pyarrow, config, floats, id_batches, invalid, options};
use crate::analysis::options_value;
use crate::dataset::Dataset;
use crate::error::{guard, IntoPyResult};
use crate::ingest::arrow::{first_invalid_utf8, id_column, time_column, Role};
use crate::ingest::columns::{column_name, find, import};
use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch};
use arrow_schema::DataType;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::Arc;
use touchpoint::ingest::{StrColumn, TimeUnit as ColumnUnit, TimeValues};
use touchpoint::{PurchaseHistories, PurchaseHistoryOptions, RecordRef, TimeUnit, TouchpointError};

/// Each customer's purchase history from a frame of transactions (see `__init__.pyi`).
#[pyfunction]
#[pyo3(
    signature = (data, *, customer_id = None, timestamp = None, value = None, unit = None, unit_multiplier = None, observation_end = None, calibration_end = None, include_first_purchase = None),
    text_signature = "(data, *, customer_id='customer_id', timestamp='timestamp', value='value', unit='day', unit_multiplier=1, observation_end=None, calibration_end=None, include_first_purchase=False)"
)]
#[allow(clippy::too_many_arguments)]
pub fn purchase_histories<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    customer_id: Option<&Bound<'py, PyAny>>,
    timestamp: Option<&Bound<'py, PyAny>>,
    value: Option<&Bound<'py, PyAny>>,
    unit: Option<&Bound<'py, PyAny>>,
    unit_multiplier: Option<&Bound<'py, PyAny>>,
    observation_end: Option<&Bound<'py, PyAny>>,
    calibration_end: Option<&Bound<'py, PyAny>>,
    include_first_purchase: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let o: PurchaseHistoryOptions = options(
            py,
            &[
                ("unit", unit),
                ("unit_multiplier", unit_multiplier),
                ("observation_end", observation_end),
                ("calibration_end", calibration_end),
                ("include_first_purchase", include_first_purchase),
            ],
        )?;
        let names = [
            column_name(customer_id, "customer_id")?,
            column_name(timestamp, "timestamp")?,
            column_name(value, "value")?,
        ];
        let (batches, schema) = import(data)?.into_inner();
        let ids = find(&schema, "customer_id", &names[0], true, Role::Id)?;
        let times = find(&schema, "timestamp", &names[1], true, Role::Time)?;
        let values = find(&schema, "value", &names[2], false, Role::Num)?;
        let (Some(ids), Some(times)) = (ids, times) else {
            unreachable!("required columns are found or refused")
        };
        let (h, ids) = py
            .detach(|| {
                let [id_name, time_name, value_name] = &names;
                transactions(&batches, [ids, times], values, &names, &o).map_err(|e| {
                    e.map_field(|f| match f {
                        "customer_id" => id_name.clone(),
                        "time" => time_name.clone(),
                        "value" => value_name.clone(),
                        other => other.to_string(),
                    })
                })
            })
            .into_py_result()?;
        to_table(py, h, ids)
    })
}

/// Reads the columns and runs the core (with the GIL released): the histories, and their
/// ids as an integer column when the ids are integers (else the histories hold them as text).
fn transactions(
    batches: &[RecordBatch],
    [ids, times]: [usize; 2],
    values: Option<usize>,
    names: &[String; 3],
    o: &PurchaseHistoryOptions,
) -> touchpoint::Result<(PurchaseHistories, Option<Ids>)> {
    let mut base = 0u64;
    for batch in batches {
        if let Some(row) = first_invalid_utf8(batch.column(ids).as_ref()) {
            return Err(invalid(
                RecordRef::Record(base + row as u64 + 1),
                "customer_id",
                "is not valid UTF-8 text",
            ));
        }
        base += batch.num_rows() as u64;
    }
    let changed = |name: &str| config(name, "the column changed type between record batches");
    if let Some(ints) = int_ids(batches, ids) {
        // Integer ids without nulls: numbered as integers, and kept as integers (an `int64`
        // column of the table, as lifetimes keeps the index's type); the same histories as
        // their text.
        let time_ms = millis(batches, times, &names[1])?;
        let values = values.map(|c| floats(batches, c, &names[2])).transpose()?;
        let values = values.as_deref();
        let (ids, h) = touchpoint::purchase_histories_by_int_id(&ints, &time_ms, values, o)?;
        let ids: ArrayRef = Arc::new(Int64Array::from(ids));
        return Ok((h, Some(Ids::Column(vec![ids]))));
    }
    let parts = batches
        .iter()
        .map(|b| id_column(b.column(ids).as_ref()).ok_or_else(|| changed(&names[0])))
        .collect::<touchpoint::Result<Vec<_>>>()?;
    let time_ms = millis(batches, times, &names[1])?;
    let values = values.map(|c| floats(batches, c, &names[2])).transpose()?;
    let values = values.as_deref();
    let h = if parts.len() == 1 {
        touchpoint::purchase_histories_from_transactions(&*parts[0], &time_ms, values, o)
    } else {
        let column = Chunks::new(parts);
        touchpoint::purchase_histories_from_transactions(&column, &time_ms, values, o)
    };
    Ok((h?, None))
}

/// The id column of every batch as `i64`s, when it is an integer column without nulls
/// whose values all fit (else `None`: the ids are read as text).
fn int_ids(batches: &[RecordBatch], c: usize) -> Option<Vec<i64>> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{
        Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
    };
    let rows = batches.iter().map(|b| b.num_rows()).sum();
    let mut out: Vec<i64> = Vec::with_capacity(rows);
    for batch in batches {
        let a = batch.column(c);
        if a.null_count() > 0 {
            return None;
        }
        match a.data_type() {
            DataType::Int64 => out.extend_from_slice(a.as_primitive::<Int64Type>().values()),
            DataType::Int32 => out.extend(
                a.as_primitive::<Int32Type>()
                    .values()
                    .iter()
                    .map(|&v| i64::from(v)),
            ),
            DataType::Int16 => out.extend(
                a.as_primitive::<Int16Type>()
                    .values()
                    .iter()
                    .map(|&v| i64::from(v)),
            ),
            DataType::Int8 => out.extend(
                a.as_primitive::<Int8Type>()
                    .values()
                    .iter()
                    .map(|&v| i64::from(v)),
            ),
            DataType::UInt32 => out.extend(
                a.as_primitive::<UInt32Type>()
                    .values()
                    .iter()
                    .map(|&v| i64::from(v)),
            ),
            DataType::UInt16 => out.extend(
                a.as_primitive::<UInt16Type>()
                    .values()
                    .iter()
                    .map(|&v| i64::from(v)),
            ),
            DataType::UInt8 => out.extend(
                a.as_primitive::<UInt8Type>()
                    .values()
                    .iter()
                    .map(|&v| i64::from(v)),
            ),
            DataType::UInt64 => {
                for &v in a.as_primitive::<UInt64Type>().values().iter() {
                    out.push(i64::try_from(v).ok()?);
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The time column of every batch as milliseconds since the epoch (floored, as `from_arrow`
/// reads times); a null time is `INVALID_RECORD`, one beyond an `i64` of milliseconds
/// `OUT_OF_RANGE` (the core checks the rest: 1900–9999).
fn millis(batches: &[RecordBatch], c: usize, field: &str) -> touchpoint::Result<Vec<i64>> {
    let mut out = Vec::with_capacity(batches.iter().map(RecordBatch::num_rows).sum());
    for batch in batches {
        let a = batch.column(c).as_ref();
        let column = time_column(a)
            .ok_or_else(|| config(field, "the column changed type between record batches"))?;
        let base = out.len();
        let record = |row: usize| RecordRef::Record((base + row) as u64 + 1);
        let first_null = if a.null_count() > 0 {
            (0..a.len()).find(|&r| a.is_null(r))
        } else {
            None
        };
        if let Some(row) = first_null {
            return Err(invalid(record(row), field, "is missing"));
        }
        let convert = |v: i64| -> Option<i64> {
            match column.unit {
                ColumnUnit::Millisecond => Some(v),
                ColumnUnit::Second => v.checked_mul(1000),
                ColumnUnit::Microsecond => Some(v.div_euclid(1000)),
                ColumnUnit::Nanosecond => Some(v.div_euclid(1_000_000)),
                ColumnUnit::Day => v.checked_mul(86_400_000),
            }
        };
        let too_far = |row: usize, v: i64| TouchpointError::OutOfRange {
            record: record(row),
            field: field.to_string(),
            value: v.to_string(),
            expected: "a time between the years 1900 and 9999".into(),
        };
        match column.values {
            TimeValues::I64(v) => {
                for (row, &x) in v.iter().enumerate() {
                    out.push(convert(x).ok_or_else(|| too_far(row, x))?);
                }
            }
            TimeValues::I32(v) => {
                for (row, &x) in v.iter().enumerate() {
                    let x = i64::from(x);
                    out.push(convert(x).ok_or_else(|| too_far(row, x))?);
                }
            }
        }
    }
    Ok(out)
}

/// Several record batches' id columns as one column.
struct Chunks<'a> {
    parts: Vec<Box<dyn StrColumn + 'a>>,
    /// The first row of each part, and the total at the end.
    starts: Vec<usize>,
}

impl<'a> Chunks<'a> {
    fn new(parts: Vec<Box<dyn StrColumn + 'a>>) -> Self {
        let mut starts = vec![0];
        for p in &parts {
            starts.push(starts[starts.len() - 1] + p.len());
        }
        Chunks { parts, starts }
    }
}

impl StrColumn for Chunks<'_> {
    fn len(&self) -> usize {
        self.starts[self.starts.len() - 1]
    }
    fn get(&self, row: usize) -> Option<&str> {
        let part = self.starts.partition_point(|&s| s <= row) - 1;
        self.parts.get(part)?.get(row - self.starts[part])
    }
}

#[pyo3::pymethods]
impl Dataset {
    /// Each customer's purchase history from its purchase (and refund) events, as a pyarrow
    /// Table. `options`: see `PurchaseHistoryOptions`.
    #[pyo3(signature = (options = None))]
    fn purchase_histories<'py>(
        &self,
        py: Python<'py>,
        options: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let o: PurchaseHistoryOptions =
                touchpoint::options_from_value(options_value(options)?).into_py_result()?;
            let data = self.data();
            let data: &touchpoint::Dataset = &data;
            let h = py
                .detach(|| touchpoint::purchase_histories(data, &o))
                .into_py_result()?;
            to_table(py, h, None)
        })
    }
}

/// The histories as a pyarrow Table: `customer_id`, `frequency`, `recency`, `T`,
/// `monetary_value` (+ `holdout_frequency`, `holdout_monetary_value`, `holdout_duration`
/// when split); the schema metadata holds `unit`, `unit_multiplier` and
/// `include_first_purchase`, read back by [`read_histories`](super::read::read_histories).
pub(crate) fn to_table(
    py: Python<'_>,
    h: PurchaseHistories,
    ids: Option<Ids>,
) -> PyResult<Bound<'_, PyAny>> {
    // Set from a dict, in this order: a Rust `HashMap` would give them in a random order,
    // and two tables of the same histories would print differently.
    let metadata = PyDict::new(py);
    metadata.set_item("unit", unit_name(h.unit))?;
    metadata.set_item("unit_multiplier", h.unit_multiplier.to_string())?;
    metadata.set_item(
        "include_first_purchase",
        h.include_first_purchase.to_string(),
    )?;
    let batches = py.detach(move || {
        let n = h.frequency.len();
        let ids = ids.unwrap_or(Ids::Text(h.customer_id));
        let mut columns: Vec<(&str, ArrayRef)> = Vec::new();
        let mut float = |name: &'static str, values: Vec<f64>| {
            columns.push((name, Arc::new(Float64Array::from(values))));
        };
        float("frequency", h.frequency);
        float("recency", h.recency);
        float("T", h.t);
        float("monetary_value", h.monetary_value);
        if let Some(holdout) = h.holdout {
            float("holdout_frequency", holdout.frequency);
            float("holdout_monetary_value", holdout.monetary_value);
            float("holdout_duration", vec![holdout.duration; n]);
        }
        id_batches(ids, columns)
    });
    batches_to_pyarrow(py, batches)?.call_method1("replace_schema_metadata", (metadata,))
}

fn unit_name(unit: TimeUnit) -> &'static str {
    match unit {
        TimeUnit::Hour => "hour",
        TimeUnit::Day => "day",
        TimeUnit::Week => "week",
        TimeUnit::Month => "month",
    }
}
