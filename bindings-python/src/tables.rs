//! Per-customer results as `pyarrow.Table`s instead of lists of dicts: one row per customer
//! is the part of a report that grows with the data (hundreds of thousands of rows), and a
//! table is what an analyst hands to pandas (`.to_pandas()`) or polars (`pl.from_arrow`).
//! The rows are converted column by column (serde_arrow) with the GIL released; the rest of
//! the report stays a dict. Each table has a fixed schema, so an empty result still has
//! its columns.

use arrow_array::RecordBatch;
use arrow_schema::{DataType, Field, FieldRef, TimeUnit};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::PyTable;
use serde::Serialize;
use std::sync::Arc;
use touchpoint::{
    CustomerEngagementScore, CustomerLifecycle, CustomerSessions, CustomerTier,
    EngagementScoreReport, ErrorInfo, LifecycleReport, RfmReport, RfmRow, SessionReport,
    TierReport,
};

use crate::error::to_py_err;

/// A per-customer table taken out of a report, and where it goes back in the report's dict.
pub struct Table {
    path: Vec<&'static str>,
    batch: RecordBatch,
}

/// A report whose per-customer rows become tables.
pub trait Tables {
    /// Takes the per-customer rows out of the report (leaving `None`) as tables.
    fn take_tables(&mut self) -> Result<Vec<Table>, String> {
        Ok(Vec::new())
    }
}

/// Reports without per-customer rows.
macro_rules! no_tables {
    ($($t:ty),+ $(,)?) => {$( impl Tables for $t {} )+};
}

no_tables!(
    touchpoint::CxReport,
    touchpoint::JourneyMap,
    touchpoint::PainPointReport,
    touchpoint::PyramidReport,
    touchpoint::EngagementReport,
    touchpoint::FunnelReport,
    touchpoint::RetentionReport,
    touchpoint::RuleSegmentReport,
    touchpoint::ExperimentEventReport,
    touchpoint::VoiceReport,
);

/// A table row type and its Arrow columns (in the row's field order).
trait Row: Serialize {
    fn fields() -> Vec<Field>;
}

fn text(name: &str) -> Field {
    Field::new(name, DataType::Utf8, false)
}

fn count(name: &str) -> Field {
    Field::new(name, DataType::UInt64, false)
}

fn float(name: &str) -> Field {
    Field::new(name, DataType::Float64, false)
}

fn time(name: &str) -> Field {
    Field::new(
        name,
        DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())),
        true,
    )
}

impl Row for RfmRow {
    fn fields() -> Vec<Field> {
        let score = |n| Field::new(n, DataType::UInt8, false);
        vec![
            text("customer_id"),
            count("recency_days"),
            count("frequency"),
            float("monetary"),
            score("r"),
            score("f"),
            score("m"),
            text("rfm"),
            text("segment"),
        ]
    }
}

impl Row for CustomerSessions {
    fn fields() -> Vec<Field> {
        vec![
            text("customer_id"),
            count("sessions"),
            count("events"),
            float("total_duration_seconds"),
        ]
    }
}

impl Row for CustomerTier {
    fn fields() -> Vec<Field> {
        vec![text("customer_id"), count("events"), text("tier")]
    }
}

impl Row for CustomerEngagementScore {
    fn fields() -> Vec<Field> {
        vec![
            text("customer_id"),
            float("raw"),
            float("score"),
            text("band"),
            float("previous_score"),
            float("delta"),
            text("trend"),
        ]
    }
}

impl Row for CustomerLifecycle {
    fn fields() -> Vec<Field> {
        let label = |n| Field::new(n, DataType::Utf8, true);
        vec![
            text("customer_id"),
            label("stage"),
            label("phase"),
            label("status"),
            time("first_active"),
            time("last_active"),
            count("purchases"),
            count("active_days"),
        ]
    }
}

impl Row for touchpoint::ChurnRiskRow {
    fn fields() -> Vec<Field> {
        let maybe = |n| Field::new(n, DataType::Float64, true);
        vec![
            count("rank"),
            text("customer_id"),
            float("probability_alive"),
            float("expected_purchases"),
            Field::new("at_risk", DataType::Boolean, false),
            maybe("purchases_at_risk"),
            maybe("clv"),
            maybe("value_at_risk"),
        ]
    }
}

impl Tables for touchpoint::ChurnRisk {
    fn take_tables(&mut self) -> Result<Vec<Table>, String> {
        let rows = std::mem::take(&mut self.rows);
        Ok(table(&["rows"], Some(rows))?.into_iter().collect())
    }
}

/// The rows as a table at `path`, if the report has them.
fn table<R: Row>(path: &[&'static str], rows: Option<Vec<R>>) -> Result<Option<Table>, String> {
    let Some(rows) = rows else { return Ok(None) };
    let fields: Vec<FieldRef> = R::fields().into_iter().map(Arc::new).collect();
    let batch = serde_arrow::to_record_batch(&fields, &rows).map_err(|e| e.to_string())?;
    Ok(Some(Table {
        path: path.to_vec(),
        batch,
    }))
}

/// Reports whose only table is their `per_customer` rows.
macro_rules! per_customer_table {
    ($($t:ty),+ $(,)?) => {$(
        impl Tables for $t {
            fn take_tables(&mut self) -> Result<Vec<Table>, String> {
                Ok(table(&["per_customer"], self.per_customer.take())?.into_iter().collect())
            }
        }
    )+};
}

per_customer_table!(
    RfmReport,
    SessionReport,
    TierReport,
    EngagementScoreReport,
    LifecycleReport
);

impl Tables for touchpoint::Overview {
    fn take_tables(&mut self) -> Result<Vec<Table>, String> {
        let mut all = Vec::new();
        let parts: [(&'static str, Vec<Table>); 3] = [
            ("sessions", self.sessions.take_tables()?),
            ("lifecycle", self.lifecycle.take_tables()?),
            ("rfm", self.rfm.take_tables()?),
        ];
        for (part, tables) in parts {
            for mut t in tables {
                t.path.insert(0, part);
                all.push(t);
            }
        }
        Ok(all)
    }
}

/// The report as a dict with its tables put back in as `pyarrow.Table`s.
pub fn report_to_py<'py, R: Serialize>(
    py: Python<'py>,
    report: &R,
    tables: Vec<Table>,
) -> PyResult<Bound<'py, PyAny>> {
    let dict = crate::error::to_py(py, report)?;
    for Table { path, batch } in tables {
        let (last, parents) = path
            .split_last()
            .ok_or_else(|| internal(py, "a table without a path".into()))?;
        let mut at = dict.clone();
        for key in parents {
            at = at.get_item(key)?;
        }
        let schema = batch.schema();
        let table = PyTable::try_new(vec![batch], schema)?.into_pyarrow(py)?;
        at.cast::<PyDict>()?.set_item(last, table)?;
    }
    Ok(dict)
}

/// An `INTERNAL` error: a table could not be built (a bug, not bad input).
pub fn internal(py: Python<'_>, message: String) -> PyErr {
    let message = format!("internal error in touchpoint: cannot build a result table: {message}");
    to_py_err(
        py,
        ErrorInfo {
            code: "INTERNAL".into(),
            message,
            record: None,
            field: None,
        },
    )
}
