//! Churn risk and lifetime value (core: `core/src/value/`): purchase histories in and out as
//! pyarrow Tables, the fitted models as Python classes, one file per core type:
//! `history.rs` (`touchpoint.purchase_histories`, `Dataset.purchase_histories`), `read.rs`
//! (histories read back from any Arrow stream or frame, and their ids), `model.rs` (`PurchaseModel`, `fit_purchase_model`),
//! `spend.rs` (`SpendModel`, `fit_spend_model`), `lifetime_value.rs` and `churn.rs`
//! (`churn_risk`, `calibration_report`). This file holds what they share: options built
//! from keyword arguments, and Arrow columns of numbers read as `f64`s.

pub(crate) mod churn;
pub(crate) mod history;
pub(crate) mod lifetime_value;
pub(crate) mod model;
pub(crate) mod read;
pub(crate) mod spend;

use crate::analysis::options_value;
use crate::error::IntoPyResult;
use crate::ingest::arrow::num_column;
use arrow_array::{Array, ArrayRef, Float64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::PyTable;
use read::Ids;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use touchpoint::ingest::NumValues;
use touchpoint::{RecordRef, TouchpointError};

/// Registers the functions and classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(history::purchase_histories, m)?)?;
    m.add_function(wrap_pyfunction!(model::fit_purchase_model, m)?)?;
    m.add_function(wrap_pyfunction!(spend::fit_spend_model, m)?)?;
    m.add_function(wrap_pyfunction!(lifetime_value::lifetime_value, m)?)?;
    m.add_function(wrap_pyfunction!(churn::churn_risk, m)?)?;
    m.add_function(wrap_pyfunction!(churn::calibration_report, m)?)?;
    m.add_class::<model::PurchaseModel>()?;
    m.add_class::<spend::SpendModel>()?;
    Ok(())
}

/// Options of type `O` from keyword arguments: `(name, value)` pairs, `None` values left out
/// (the core's default), read as an options dict is (`analysis::options_value`), so the core
/// names a bad one.
pub(crate) fn options<'py, O: DeserializeOwned + Default>(
    py: Python<'py>,
    pairs: &[(&str, Option<&Bound<'py, PyAny>>)],
) -> PyResult<O> {
    let dict = PyDict::new(py);
    for (name, value) in pairs {
        if let Some(v) = value.filter(|v| !v.is_none()) {
            dict.set_item(name, v)?;
        }
    }
    touchpoint::options_from_value(options_value(Some(dict.as_any()))?).into_py_result()
}

/// An `INVALID_RECORD` error.
pub(crate) fn invalid(
    record: RecordRef,
    field: &str,
    message: impl Into<String>,
) -> TouchpointError {
    TouchpointError::InvalidRecord {
        record,
        field: field.to_string(),
        message: message.into(),
    }
}

/// An `INVALID_CONFIG` error.
pub(crate) fn config(option: &str, message: impl Into<String>) -> TouchpointError {
    TouchpointError::InvalidConfig {
        option: option.to_string(),
        message: message.into(),
    }
}

/// Column `c` of every batch as `f64`s (integers converted), named `field` in errors: a null
/// is `INVALID_RECORD` naming its row (1-based over every batch). `None` when a batch's
/// column is not numeric (it changed type between batches).
pub(crate) fn floats(
    batches: &[RecordBatch],
    c: usize,
    field: &str,
) -> touchpoint::Result<Vec<f64>> {
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    let mut out = Vec::with_capacity(rows);
    for batch in batches {
        let a = batch.column(c).as_ref();
        let Some(column) = num_column(a) else {
            return Err(config(
                field,
                "the column changed type between record batches",
            ));
        };
        let base = out.len();
        let first_null = if a.null_count() > 0 {
            (0..a.len()).find(|&r| a.is_null(r))
        } else {
            None
        };
        if let Some(row) = first_null {
            return Err(invalid(
                RecordRef::Record((base + row) as u64 + 1),
                field,
                "is missing",
            ));
        }
        match column.values {
            NumValues::F64(v) => out.extend_from_slice(v),
            NumValues::F32(v) => out.extend(v.iter().map(|&x| f64::from(x))),
            NumValues::I64(v) => out.extend(v.iter().map(|&x| x as f64)),
            NumValues::I32(v) => out.extend(v.iter().map(|&x| f64::from(x))),
            NumValues::I16(v) => out.extend(v.iter().map(|&x| f64::from(x))),
            NumValues::I8(v) => out.extend(v.iter().map(|&x| f64::from(x))),
            NumValues::U64(v) => out.extend(v.iter().map(|&x| x as f64)),
            NumValues::U32(v) => out.extend(v.iter().map(|&x| f64::from(x))),
            NumValues::U16(v) => out.extend(v.iter().map(|&x| f64::from(x))),
            NumValues::U8(v) => out.extend(v.iter().map(|&x| f64::from(x))),
        }
    }
    Ok(out)
}

/// A table of `ids` then float columns, as a pyarrow Table (built with the GIL released).
pub(crate) fn id_and_floats<'py>(
    py: Python<'py>,
    ids: Ids,
    columns: Vec<(&'static str, Vec<f64>)>,
) -> PyResult<Bound<'py, PyAny>> {
    let batches = py.detach(|| {
        let columns = columns
            .into_iter()
            .map(|(name, values)| (name, Arc::new(Float64Array::from(values)) as ArrayRef))
            .collect();
        id_batches(ids, columns)
    });
    batches_to_pyarrow(py, batches)
}

/// Record batches of `customer_id` (`ids`) then `columns` (whole columns, sliced to the
/// batches of an id column as the caller's table held it: no copy), and their schema.
pub(crate) fn id_batches(
    ids: Ids,
    columns: Vec<(&str, ArrayRef)>,
) -> Result<(SchemaRef, Vec<RecordBatch>), String> {
    let id_arrays: Vec<ArrayRef> = match ids {
        Ids::Text(text) => vec![Arc::new(StringArray::from_iter_values(text))],
        Ids::Column(arrays) => arrays,
    };
    let id_type = id_arrays
        .first()
        .map_or(DataType::Utf8, |a| a.data_type().clone());
    let mut fields = vec![Field::new("customer_id", id_type, false)];
    fields.extend(
        columns
            .iter()
            .map(|(name, a)| Field::new(*name, a.data_type().clone(), false)),
    );
    let schema: SchemaRef = Arc::new(Schema::new(fields));
    let mut batches = Vec::with_capacity(id_arrays.len().max(1));
    let mut offset = 0;
    for id in id_arrays {
        let len = id.len();
        let mut arrays = vec![id];
        arrays.extend(columns.iter().map(|(_, a)| a.slice(offset, len)));
        batches.push(RecordBatch::try_new(schema.clone(), arrays).map_err(|e| e.to_string())?);
        offset += len;
    }
    if batches.is_empty() {
        batches.push(RecordBatch::new_empty(schema.clone()));
    }
    Ok((schema, batches))
}

/// Record batches (one schema) as a pyarrow Table.
pub(crate) fn batches_to_pyarrow<'py>(
    py: Python<'py>,
    batches: Result<(SchemaRef, Vec<RecordBatch>), String>,
) -> PyResult<Bound<'py, PyAny>> {
    let (schema, batches) = batches.map_err(|e| crate::tables::internal(py, e))?;
    Ok(PyTable::try_new(batches, schema)?
        .into_pyarrow(py)?
        .into_any())
}
