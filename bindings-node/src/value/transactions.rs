//! Purchase histories from transaction columns (core:
//! `core/src/value/history/transactions.rs`): `purchaseHistories(transactions, options)`
//! and its `…Async` form.

use super::history::{histories_to_js, numbers, object_arg, properties};
use super::{carried, invalid_record, thrown};
use crate::error::{describe, guard};
use crate::task::{Job, Pending};
use napi::bindgen_prelude::{
    BigInt, BigInt64ArraySlice, Float64ArraySlice, FromNapiValue, JsValue, Unknown,
};
use napi::{Env, JsDate, ValueType};
use napi_derive::napi;
use std::collections::BTreeMap;
use touchpoint::{
    PurchaseHistories, PurchaseHistoryOptions, RecordRef, Timestamp, TouchpointError,
};

/// Transaction columns as read: ids (`None`: a missing or unreadable id), times (ms;
/// `i64::MIN` where the cell could not be read), values, and each unreadable row's error.
struct Transactions {
    ids: Vec<Option<String>>,
    times: Vec<i64>,
    values: Option<Vec<f64>>,
    bad: BTreeMap<usize, TouchpointError>,
}

/// The `transactions` argument: `{ customerId, timestamp, value? }`.
fn transactions_arg(env: &Env, value: Unknown<'_>) -> napi::Result<Transactions> {
    const ARG: &str = "transactions";
    let object = object_arg(
        env,
        value,
        ARG,
        "transaction columns {customerId, timestamp, value}",
    )?;
    let mut fields = properties(env, &object, ARG, &["customerId", "timestamp", "value"])?;
    let missing = |field: &str| {
        let message = format!(
            "argument `{ARG}`: column `{field}` is missing (required: customerId, timestamp)"
        );
        crate::error::binding_error(env, "INVALID_ARGUMENT", message, Some(field))
    };
    let ids = crate::ingest::columns::ids(
        env,
        "customerId",
        fields
            .remove("customerId")
            .ok_or_else(|| missing("customerId"))?,
    )?;
    let n = ids.cells.len();
    let mut bad: BTreeMap<usize, TouchpointError> = BTreeMap::new();
    for (row, why) in ids.bad {
        bad.entry(row)
            .or_insert_with(|| invalid_record(row, "customerId", why));
    }
    let times = times(
        env,
        fields
            .remove("timestamp")
            .ok_or_else(|| missing("timestamp"))?,
        &mut bad,
    )?;
    let length = |field: &str, len: usize| {
        let message =
            format!("argument `{ARG}`: column `{field}` has {len} rows but `customerId` has {n}");
        crate::error::binding_error(env, "INVALID_ARGUMENT", message, Some(field))
    };
    if times.len() != n {
        return Err(length("timestamp", times.len()));
    }
    let values = match fields.remove("value") {
        Some(v) => {
            let values = numbers(env, v, ARG, "value")?;
            if values.len() != n {
                return Err(length("value", values.len()));
            }
            Some(values)
        }
        None => None,
    };
    Ok(Transactions {
        ids: ids.cells,
        times,
        values,
        bad,
    })
}

/// The `timestamp` column: a `Float64Array` or `BigInt64Array` of epoch milliseconds, or an
/// array of epoch milliseconds, ISO 8601 / RFC 3339 text and `Date`s (read as
/// `Dataset.fromColumns` reads its timestamps). An unreadable cell is that row's error.
fn times(
    env: &Env,
    v: Unknown<'_>,
    bad: &mut BTreeMap<usize, TouchpointError>,
) -> napi::Result<Vec<i64>> {
    const FIELD: &str = "timestamp";
    let record = |row: usize| RecordRef::Record(row as u64 + 1);
    // Each unreadable cell: its row's error, and a time the core refuses at that row.
    let refused = |bad: &mut BTreeMap<usize, TouchpointError>, row: usize, e: TouchpointError| {
        bad.entry(row).or_insert(e);
        i64::MIN
    };
    let number = |bad: &mut BTreeMap<usize, TouchpointError>, row: usize, ms: f64| {
        touchpoint::limits::time_ms_from_f64(ms, record(row), FIELD)
            .unwrap_or_else(|e| refused(bad, row, e))
    };
    if v.is_typedarray()? {
        if let Ok(ms) = Float64ArraySlice::from_unknown(v) {
            let ms = ms.as_ref().iter().enumerate();
            return Ok(ms.map(|(row, &x)| number(bad, row, x)).collect());
        }
        if let Ok(ms) = BigInt64ArraySlice::from_unknown(v) {
            return Ok(ms.as_ref().to_vec());
        }
    } else if v.is_array()? {
        let array = napi::bindgen_prelude::Array::from_unknown(v)?;
        let mut out = Vec::with_capacity(array.len() as usize);
        for row in 0..array.len() as usize {
            let invalid = |why: &str| invalid_record(row, FIELD, why);
            let Some(cell) = array.get::<Unknown<'_>>(row as u32)? else {
                out.push(refused(bad, row, invalid("is missing")));
                continue;
            };
            let ms = match cell.get_type()? {
                ValueType::Number => number(bad, row, f64::from_unknown(cell)?),
                ValueType::String => {
                    let text = String::from_unknown(cell)?;
                    match Timestamp::parse_field(&text, record(row), FIELD) {
                        Ok(t) => t.millis(),
                        Err(e) => refused(bad, row, e),
                    }
                }
                ValueType::BigInt => match BigInt::from_unknown(cell)?.get_i64() {
                    (ms, true) => ms,
                    _ => refused(bad, row, invalid("the BigInt does not fit in 64 bits")),
                },
                ValueType::Object if cell.is_date()? => {
                    let ms = JsDate::from_unknown(cell)?.value_of()?;
                    if ms.is_nan() {
                        refused(bad, row, invalid("is an invalid Date"))
                    } else {
                        number(bad, row, ms)
                    }
                }
                ValueType::Undefined | ValueType::Null => refused(bad, row, invalid("is missing")),
                _ => {
                    let why = format!(
                        "expected epoch milliseconds, an ISO 8601 string or a Date, got {}",
                        describe(cell)?
                    );
                    refused(bad, row, invalid(&why))
                }
            };
            out.push(ms);
        }
        return Ok(out);
    }
    let got = describe(v)?;
    let message = format!(
        "argument `transactions`: column `timestamp`: expected a Float64Array, a BigInt64Array \
         or an array of epoch milliseconds, ISO 8601 strings or Dates, got {got}"
    );
    Err(crate::error::binding_error(
        env,
        "INVALID_ARGUMENT",
        message,
        Some(FIELD),
    ))
}

/// The core's histories of `t`; a refused row is reported with the error of its cell when
/// the binding could not read that cell, the fields named as the columns are (`customerId`,
/// `timestamp`, `value`).
fn from_transactions(
    t: Transactions,
    o: &PurchaseHistoryOptions,
) -> touchpoint::Result<PurchaseHistories> {
    let result =
        touchpoint::purchase_histories_from_transactions(&t.ids, &t.times, t.values.as_deref(), o);
    result.map_err(|e| {
        if let Some(RecordRef::Record(n)) = e.record() {
            if let Some(own) = n.checked_sub(1).and_then(|row| t.bad.get(&(row as usize))) {
                return own.clone();
            }
        }
        e.map_field(|field| match field {
            "time" => "timestamp".to_string(),
            other => other.to_string(),
        })
    })
}

/// Each customer's purchase history from transaction columns `{ customerId, timestamp,
/// value? }` (each one entry per transaction; a negative value is a refund), with the
/// definitions of `ds.purchaseHistories`; customers in order of first appearance.
/// @throws {TouchpointError} `INVALID_RECORD` / `OUT_OF_RANGE` naming the first bad row
/// (`record N`) and its column; `INVALID_ARGUMENT` naming a column that is missing, unknown,
/// of another length or not a column; `INVALID_CONFIG` naming an invalid option.
#[napi(
    js_name = "purchaseHistories",
    ts_args_type = "transactions: TransactionColumns, options?: PurchaseHistoryOptions | null",
    ts_return_type = "PurchaseHistories"
)]
pub fn purchase_histories_of_transactions<'env>(
    env: &'env Env,
    transactions: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let t = transactions_arg(env, transactions)?;
        let o: PurchaseHistoryOptions = super::options(env, options)?;
        let h = thrown(env, from_transactions(t, &o))?;
        histories_to_js(env, h)
    })
}

/// `purchaseHistories(transactions, options)` off the event loop: the columns are copied
/// now, the histories are built on the libuv thread pool. Rejects (never throws) with the
/// `TouchpointError` the synchronous form would throw.
#[napi(
    js_name = "purchaseHistoriesAsync",
    ts_args_type = "transactions: TransactionColumns, options?: PurchaseHistoryOptions | null",
    ts_return_type = "Promise<PurchaseHistories>"
)]
pub fn purchase_histories_of_transactions_async(
    env: Env,
    transactions: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Pending<PurchaseHistories>> {
    Job::start(&env, || {
        let t = transactions_arg(&env, transactions)?;
        let o: PurchaseHistoryOptions = super::options(&env, options)?;
        Ok(Job::spawn(
            move || carried(from_transactions(t, &o)),
            histories_to_js,
        ))
    })
}
