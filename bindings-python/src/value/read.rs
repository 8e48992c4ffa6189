//! Purchase histories read back from any Arrow stream or frame (a table from
//! `touchpoint.purchase_histories`, a lifetimes summary after `reset_index()`, …) for the
//! models, and the customer ids that go with them into the tables the models return.
//!
//! The ids are not turned into text on the way in: the core reads a customer's id only to
//! name them in an error message, so the histories go to it without ids (customers known by
//! their position), and the table's own id column goes into the result unchanged (an
//! `int64` column stays `int64`, no copy). When the core refuses the histories, they are read again with their
//! ids as text and the core runs once more, so the message names the customer as always.

use super::{config, floats, invalid};
use crate::error::IntoPyResult;
use crate::ingest::arrow::{first_invalid_utf8, id_column, Role};
use crate::ingest::columns::{find, import};
use arrow_array::{Array, ArrayRef};
use pyo3::prelude::*;
use touchpoint::{HoldoutPurchases, PurchaseHistories, RecordRef, TimeUnit};

/// Which columns a reader of histories needs.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Need {
    /// `frequency`, `recency`, `T` (the purchase models); `monetary_value` optional (0).
    Purchases,
    /// `frequency`, `monetary_value` (the spend model); `recency` and `T` optional (0).
    Spend,
}

/// The customers' ids of a result table.
pub(crate) enum Ids {
    /// Ids as text, one per customer.
    Text(Vec<String>),
    /// An id column as the caller's table held it, one array per record batch (checked:
    /// no nulls, text ids valid).
    Column(Vec<ArrayRef>),
}

/// Histories read from a table, with the table's id column.
pub(crate) struct TableHistories {
    /// The histories. With an id column, `customer_id` is empty (the customers are known by
    /// their position) until an error needs the ids ([`run`](Self::run)).
    pub(crate) h: PurchaseHistories,
    /// The `customer_id` column, one array per batch (`None` without one: the histories
    /// then hold the row numbers `"1"`, `"2"`, … as ids).
    column: Option<Vec<ArrayRef>>,
}

impl TableHistories {
    /// `f` of the histories with the GIL released; when it fails, once more with the ids
    /// as text so the error names the customer (the core is deterministic: it fails on
    /// the same customer).
    pub(crate) fn run<T: Send>(
        &mut self,
        py: Python<'_>,
        f: impl Fn(&PurchaseHistories) -> touchpoint::Result<T> + Sync,
    ) -> PyResult<T> {
        let out = py.detach(|| f(&self.h));
        if out.is_ok() || self.column.is_none() {
            return out.into_py_result();
        }
        let h = &mut self.h;
        let column = self.column.take();
        let f = &f;
        py.detach(move || -> touchpoint::Result<T> {
            h.customer_id = text_ids(column.as_deref().unwrap_or_default())?;
            f(h)
        })
        .into_py_result()
    }

    /// The histories with their ids as text (for results that carry ids inside the core's
    /// own rows, such as the churn ranking).
    pub(crate) fn with_text_ids(mut self, py: Python<'_>) -> PyResult<PurchaseHistories> {
        if let Some(column) = self.column.take() {
            self.h.customer_id = py.detach(|| text_ids(&column)).into_py_result()?;
        }
        Ok(self.h)
    }

    /// The ids for a result of the same customers in the same order.
    pub(crate) fn ids(self) -> Ids {
        match self.column {
            Some(column) => Ids::Column(column),
            None => Ids::Text(self.h.customer_id),
        }
    }
}

/// Histories from any Arrow stream or frame: `customer_id` optional (text or integers; row
/// numbers `"1"`, `"2"`, … without it), the holdout columns when present, the unit from the
/// schema metadata (days without it). Checked by the core function they go to; ids are
/// checked here as the readers check ids (a null is `INVALID_RECORD`).
pub(crate) fn read_histories(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    need: Need,
) -> PyResult<TableHistories> {
    let (batches, schema) = import(data)?.into_inner();
    let num = |name: &str, required: bool| find(&schema, name, name, required, Role::Num);
    let purchases = need == Need::Purchases;
    let frequency = num("frequency", true)?;
    let recency = num("recency", purchases)?;
    let t = num("T", purchases)?;
    let monetary = num("monetary_value", !purchases)?;
    let ids = find(&schema, "customer_id", "customer_id", false, Role::Id)?;
    let holdout = [
        num("holdout_frequency", false)?,
        num("holdout_monetary_value", false)?,
        num("holdout_duration", false)?,
    ];
    let meta = schema.metadata();
    let unit = match meta.get("unit") {
        None => TimeUnit::Day,
        Some(u) => touchpoint::value_from_json(serde_json::Value::String(u.clone()), "unit")
            .into_py_result()?,
    };
    let multiplier = match meta.get("unit_multiplier") {
        None => 1,
        Some(m) => m.trim().parse::<u32>().map_err(|_| {
            crate::error::core_error(&config(
                "unit_multiplier",
                format!("the histories' metadata says {m:?}: a whole number of at least 1"),
            ))
        })?,
    };
    let include_first = meta
        .get("include_first_purchase")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    py.detach(|| -> touchpoint::Result<TableHistories> {
        let frequency = floats(&batches, frequency.unwrap_or_default(), "frequency")?;
        let n = frequency.len();
        let column = |c: Option<usize>, field: &str| match c {
            Some(c) => floats(&batches, c, field),
            None => Ok(vec![0.0; n]),
        };
        let holdout = match holdout {
            [Some(f), m, d] => {
                let duration = column(d, "holdout_duration")?;
                Some(HoldoutPurchases {
                    frequency: floats(&batches, f, "holdout_frequency")?,
                    monetary_value: column(m, "holdout_monetary_value")?,
                    duration: duration.first().copied().unwrap_or(0.0),
                })
            }
            _ => None,
        };
        let (customer_id, id_column) = match ids {
            Some(c) => {
                let arrays: Vec<ArrayRef> = batches.iter().map(|b| b.column(c).clone()).collect();
                check_ids(&arrays)?;
                (Vec::new(), Some(arrays))
            }
            None => ((1..=n).map(|i| i.to_string()).collect(), None),
        };
        let h = PurchaseHistories {
            unit,
            unit_multiplier: multiplier,
            include_first_purchase: include_first,
            customer_id,
            recency: column(recency, "recency")?,
            t: column(t, "T")?,
            monetary_value: column(monetary, "monetary_value")?,
            frequency,
            holdout,
        };
        Ok(TableHistories {
            h,
            column: id_column,
        })
    })
    .into_py_result()
}

/// Checks an id column as the readers check ids: no nulls (`INVALID_RECORD` naming the
/// 1-based row over every batch), text ids valid UTF-8 and valid ids.
fn check_ids(arrays: &[ArrayRef]) -> touchpoint::Result<()> {
    let mut base = 0u64;
    for a in arrays {
        let record = |row: usize| RecordRef::Record(base + row as u64 + 1);
        if a.null_count() > 0 {
            let row = (0..a.len()).find(|&r| a.is_null(r)).unwrap_or(0);
            return Err(invalid(record(row), "customer_id", "is missing"));
        }
        // Integers are always valid ids: nothing to check per row.
        if !a.data_type().is_integer() {
            if let Some(row) = first_invalid_utf8(a.as_ref()) {
                return Err(invalid(
                    record(row),
                    "customer_id",
                    "is not valid UTF-8 text",
                ));
            }
            let column = id_column(a.as_ref()).ok_or_else(changed)?;
            for row in 0..column.len() {
                let id = column
                    .get(row)
                    .ok_or_else(|| invalid(record(row), "customer_id", "is missing"))?;
                touchpoint::limits::check_id(id, record(row), "customer_id")?;
            }
        }
        base += a.len() as u64;
    }
    Ok(())
}

fn changed() -> touchpoint::TouchpointError {
    config(
        "customer_id",
        "the column changed type between record batches",
    )
}

/// An id column (checked by [`check_ids`]) as text, one id per row.
fn text_ids(arrays: &[ArrayRef]) -> touchpoint::Result<Vec<String>> {
    let mut out = Vec::with_capacity(arrays.iter().map(|a| a.len()).sum());
    for a in arrays {
        let column = id_column(a.as_ref()).ok_or_else(changed)?;
        for row in 0..column.len() {
            out.push(column.get(row).unwrap_or_default().to_string());
        }
    }
    Ok(out)
}
