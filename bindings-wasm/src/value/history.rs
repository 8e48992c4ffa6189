//! Purchase histories (core: `core/src/value/history/`): `ds.purchaseHistories(options)`
//! from a dataset's purchase events, `purchaseHistories(transactions, options)` from
//! transaction columns; and [`histories_arg`], the `histories` argument of every model (a
//! `PurchaseHistories` object, or plain columns).

use super::{arg, column, number_arg, object, present, strings, thrown};
use crate::convert::{describe, NOT_UNICODE};
use crate::dataset::Dataset;
use crate::error::{argument_error, js_error};
use crate::ingest::cells::{
    cells, kind_name, DictStrings, BIGINT, DATE, NULL, NUMBER, STRING, UNPAIRED,
};
use crate::ingest::columns::ids;
use js_sys::{Array, ArrayBuffer, BigInt64Array, Float64Array, Object, Reflect};
use std::collections::BTreeMap;
use touchpoint::camel_case::snake_to_camel;
use touchpoint::ingest::StrColumn;
use touchpoint::{
    HoldoutPurchases, PurchaseHistories, PurchaseHistoryOptions, RecordRef, TimeUnit, Timestamp,
    TouchpointError,
};
use wasm_bindgen::prelude::*;

/// What a model reads of the histories, beyond `frequency`: missing columns it needs are
/// `INVALID_ARGUMENT` naming them; columns it does not need may be left out (zeros).
#[derive(Clone, Copy)]
pub(crate) struct Needs {
    /// `recency` and `T` (every purchase model).
    pub(crate) ages: bool,
    /// `monetaryValue` (the spend model, lifetime value).
    pub(crate) spend: bool,
}

/// The fields of a `histories` object.
const FIELDS: [&str; 9] = [
    "unit",
    "unitMultiplier",
    "includeFirstPurchase",
    "customerId",
    "frequency",
    "recency",
    "T",
    "monetaryValue",
    "holdout",
];

/// The `INVALID_RECORD` error of `field` in `record`.
fn invalid(record: RecordRef, field: &str, message: impl Into<String>) -> TouchpointError {
    TouchpointError::InvalidRecord {
        record,
        field: field.into(),
        message: message.into(),
    }
}

/// An `INVALID_ARGUMENT` error naming `field` (a column), with this message.
fn column_error(field: &str, message: String) -> JsValue {
    js_error("INVALID_ARGUMENT", &message, None, Some(field))
}

/// An object argument (not an array or typed array), or `INVALID_ARGUMENT` naming `name`.
fn object_arg(v: &JsValue, name: &str, what: &str) -> Result<(), JsValue> {
    if !v.is_object() || Array::is_array(v) || ArrayBuffer::is_view(v) {
        let got = describe(v);
        return Err(argument_error(
            name,
            None,
            &format!("expected {what}, got {got}"),
        ));
    }
    Ok(())
}

/// The properties of `object` by name, `undefined` and `null` left out; a key not in
/// `fields` is `INVALID_ARGUMENT` naming it (a misspelt column would otherwise be ignored
/// without a word).
fn properties(
    object: &JsValue,
    arg: &str,
    fields: &[&str],
) -> Result<BTreeMap<String, JsValue>, JsValue> {
    let mut out = BTreeMap::new();
    for key in Object::keys(object.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !fields.contains(&key.as_str()) {
            let hint = match snake_to_camel(&key) {
                spelled if fields.contains(&spelled.as_ref()) && spelled != key => {
                    format!(" (keys are camelCase: `{spelled}`)")
                }
                _ if key.eq_ignore_ascii_case("t") => " (the customer's age is `T`)".to_string(),
                _ => format!(" (its fields: {})", fields.join(", ")),
            };
            let message = format!("argument `{arg}`: `{key}` is not one of its fields{hint}");
            return Err(column_error(&key, message));
        }
        if let Some(v) = present(Reflect::get(object, &JsValue::from_str(&key))?) {
            out.insert(key, v);
        }
    }
    Ok(out)
}

/// A numeric column (`field`: its name as the errors give it) of argument `arg`.
fn numbers(v: &JsValue, arg: &str, field: &str) -> Result<Vec<f64>, JsValue> {
    let what = format!("argument `{arg}`, column `{field}`");
    crate::convert::numbers(v, field, (&what, field), RecordRef::Record)
}

/// `INVALID_ARGUMENT` naming `field`: a column of another length than `frequency`.
fn length_error(arg: &str, field: &str, len: usize, n: usize) -> JsValue {
    column_error(
        field,
        format!(
            "argument `{arg}`: column `{field}` has {len} entries but `frequency` has {n}: one entry per customer"
        ),
    )
}

/// The `histories` argument of the models: a `PurchaseHistories` object (as
/// `purchaseHistories` returns it) or plain columns `{ customerId?, frequency, recency?, T?,
/// monetaryValue?, unit?, unitMultiplier?, includeFirstPurchase?, holdout? }`, each column a
/// typed array or an array of numbers. Missing ids are the row numbers (`"1"`, `"2"`, …);
/// missing columns the model does not read ([`Needs`]) are zeros. The values are checked by
/// the core (errors name the customer's row and the field).
pub(crate) fn histories_arg(value: &JsValue, needs: Needs) -> Result<PurchaseHistories, JsValue> {
    const ARG: &str = "histories";
    object_arg(
        value,
        ARG,
        "purchase histories {frequency, recency, T, ...}",
    )?;
    let mut fields = properties(value, ARG, &FIELDS)?;
    let missing = |field: &str, why: &str| {
        column_error(
            field,
            format!("argument `{ARG}`: column `{field}` is missing ({why})"),
        )
    };
    let frequency = match fields.remove("frequency") {
        Some(v) => numbers(&v, ARG, "frequency")?,
        None => return Err(missing("frequency", "every model reads it")),
    };
    let n = frequency.len();
    let mut column = |field: &str, needed: Option<&str>| -> Result<Vec<f64>, JsValue> {
        let values = match (fields.remove(field), needed) {
            (Some(v), _) => numbers(&v, ARG, field)?,
            (None, Some(why)) => return Err(missing(field, why)),
            (None, None) => return Ok(vec![0.0; n]),
        };
        if values.len() != n {
            return Err(length_error(ARG, field, values.len(), n));
        }
        Ok(values)
    };
    let ages = needs
        .ages
        .then_some("the purchase models read frequency, recency and T");
    let recency = column("recency", ages)?;
    let t = column("T", ages)?;
    let spend = needs
        .spend
        .then_some("the spend model reads frequency and monetaryValue");
    let monetary_value = column("monetaryValue", spend)?;
    let customer_id = match fields.remove("customerId") {
        Some(v) => customer_ids(&v, n)?,
        None => (1..=n).map(|i| i.to_string()).collect(),
    };
    let mut h = PurchaseHistories {
        customer_id,
        frequency,
        recency,
        t,
        monetary_value,
        ..Default::default()
    };
    if let Some(v) = fields.remove("unit") {
        h.unit = arg::<TimeUnit>(&v, "unit")?;
    }
    if let Some(v) = fields.remove("unitMultiplier") {
        h.unit_multiplier = arg::<u32>(&v, "unitMultiplier")?;
    }
    if let Some(v) = fields.remove("includeFirstPurchase") {
        h.include_first_purchase = arg::<bool>(&v, "includeFirstPurchase")?;
    }
    if let Some(v) = fields.remove("holdout") {
        h.holdout = Some(holdout(&v, n)?);
    }
    Ok(h)
}

/// The `customerId` column of the histories: one id per customer, checked as the readers
/// check ids (`INVALID_RECORD` naming the row and `customerId`).
fn customer_ids(v: &JsValue, n: usize) -> Result<Vec<String>, JsValue> {
    let read = ids("customerId", v)?;
    if read.cells.len() != n {
        return Err(length_error("histories", "customerId", read.cells.len(), n));
    }
    let bad: BTreeMap<usize, String> = read.bad.into_iter().collect();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let record = RecordRef::Record(i as u64 + 1);
        let checked = match (read.cells.get(i), bad.get(&i)) {
            (_, Some(why)) => Err(invalid(record, "customerId", why.clone())),
            (None, None) => Err(invalid(record, "customerId", "is missing")),
            (Some(id), None) => {
                touchpoint::limits::check_id(id, record, "customerId").map(|()| id.to_string())
            }
        };
        out.push(thrown(checked)?);
    }
    Ok(out)
}

/// The `holdout` of the histories: `{ frequency, monetaryValue, duration }`.
fn holdout(v: &JsValue, n: usize) -> Result<HoldoutPurchases, JsValue> {
    const ARG: &str = "holdout";
    const FIELDS: [&str; 3] = ["frequency", "monetaryValue", "duration"];
    object_arg(v, ARG, "the holdout {frequency, monetaryValue, duration}")?;
    let mut fields = properties(v, ARG, &FIELDS)?;
    let mut column = |field: &str| -> Result<Vec<f64>, JsValue> {
        let name = format!("holdout.{field}");
        let Some(v) = fields.remove(field) else {
            let message = format!("argument `histories`: column `{name}` is missing");
            return Err(column_error(&name, message));
        };
        let values = numbers(&v, "histories", &name)?;
        if values.len() != n {
            return Err(length_error("histories", &name, values.len(), n));
        }
        Ok(values)
    };
    let frequency = column("frequency")?;
    let monetary_value = column("monetaryValue")?;
    let duration = match fields.remove("duration") {
        Some(v) => number_arg(&v, "holdout.duration")?,
        None => return Err(argument_error("holdout.duration", None, "is missing")),
    };
    Ok(HoldoutPurchases {
        frequency,
        monetary_value,
        duration,
    })
}

/// The unit as JavaScript spells it.
pub(crate) fn unit_name(unit: TimeUnit) -> &'static str {
    match unit {
        TimeUnit::Hour => "hour",
        TimeUnit::Day => "day",
        TimeUnit::Week => "week",
        TimeUnit::Month => "month",
    }
}

/// Histories as a JavaScript object: the columns as `Float64Array`s, the ids as an array of
/// strings.
pub(crate) fn histories_to_js(h: &PurchaseHistories) -> Result<JsValue, JsValue> {
    let mut properties = vec![
        ("unit", JsValue::from_str(unit_name(h.unit))),
        ("unitMultiplier", JsValue::from(h.unit_multiplier)),
        (
            "includeFirstPurchase",
            JsValue::from(h.include_first_purchase),
        ),
        ("customerId", strings(&h.customer_id)),
        ("frequency", column(&h.frequency)),
        ("recency", column(&h.recency)),
        ("T", column(&h.t)),
        ("monetaryValue", column(&h.monetary_value)),
    ];
    if let Some(x) = &h.holdout {
        let holdout = object(&[
            ("frequency", column(&x.frequency)),
            ("monetaryValue", column(&x.monetary_value)),
            ("duration", JsValue::from(x.duration)),
        ])?;
        properties.push(("holdout", holdout));
    }
    object(&properties)
}

#[wasm_bindgen]
impl Dataset {
    /// Each customer's purchase history: `frequency` (repeat purchase periods), `recency`,
    /// `T` (age) and `monetaryValue` (mean repeat spend), in `options.unit` (default `day`),
    /// from the purchase events (and refunds) of the dataset, as lifetimes'
    /// `summary_data_from_transaction_data` defines them; with `calibrationEnd`, also each
    /// customer's `holdout`. Columns are `Float64Array`s, one entry per customer.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[wasm_bindgen(js_name = purchaseHistories, unchecked_return_type = "PurchaseHistories")]
    pub fn purchase_histories(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PurchaseHistoryOptions | null")]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let o: PurchaseHistoryOptions = super::options(&options)?;
        histories_to_js(&thrown(touchpoint::purchase_histories(&self.data, &o))?)
    }
}

/// Transaction columns as read: ids, times (ms; `i64::MIN` where the cell could not be
/// read), values, and each unreadable row's error.
struct Transactions {
    ids: DictStrings,
    times: Vec<i64>,
    values: Option<Vec<f64>>,
    bad: BTreeMap<usize, TouchpointError>,
}

/// The `transactions` argument: `{ customerId, timestamp, value? }`.
fn transactions_arg(value: &JsValue) -> Result<Transactions, JsValue> {
    const ARG: &str = "transactions";
    object_arg(
        value,
        ARG,
        "transaction columns {customerId, timestamp, value}",
    )?;
    let mut fields = properties(value, ARG, &["customerId", "timestamp", "value"])?;
    let missing = |field: &str| {
        column_error(
            field,
            format!(
                "argument `{ARG}`: column `{field}` is missing (required: customerId, timestamp)"
            ),
        )
    };
    let read = ids(
        "customerId",
        &fields
            .remove("customerId")
            .ok_or_else(|| missing("customerId"))?,
    )?;
    let n = read.cells.len();
    let mut bad: BTreeMap<usize, TouchpointError> = BTreeMap::new();
    for (row, why) in read.bad {
        let record = RecordRef::Record(row as u64 + 1);
        bad.entry(row)
            .or_insert_with(|| invalid(record, "customerId", why));
    }
    let times = times(
        &fields
            .remove("timestamp")
            .ok_or_else(|| missing("timestamp"))?,
        &mut bad,
    )?;
    let length = |field: &str, len: usize| {
        column_error(
            field,
            format!("argument `{ARG}`: column `{field}` has {len} rows but `customerId` has {n}"),
        )
    };
    if times.len() != n {
        return Err(length("timestamp", times.len()));
    }
    let values = match fields.remove("value") {
        Some(v) => {
            let values = numbers(&v, ARG, "value")?;
            if values.len() != n {
                return Err(length("value", values.len()));
            }
            Some(values)
        }
        None => None,
    };
    Ok(Transactions {
        ids: read.cells,
        times,
        values,
        bad,
    })
}

/// The `timestamp` column: a `Float64Array` or `BigInt64Array` of epoch milliseconds, or an
/// array of epoch milliseconds, ISO 8601 / RFC 3339 text and `Date`s (read as
/// `Dataset.fromColumns` reads its timestamps). An unreadable cell is that row's error.
fn times(v: &JsValue, bad: &mut BTreeMap<usize, TouchpointError>) -> Result<Vec<i64>, JsValue> {
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
    if let Some(typed) = v.dyn_ref::<Float64Array>() {
        let ms = typed.to_vec();
        return Ok(ms
            .into_iter()
            .enumerate()
            .map(|(row, x)| number(bad, row, x))
            .collect());
    }
    if let Some(typed) = v.dyn_ref::<BigInt64Array>() {
        return Ok(typed.to_vec());
    }
    let expected =
        "a Float64Array, a BigInt64Array or an array of epoch milliseconds, ISO 8601 strings or Dates";
    let cells = cells(FIELD, v, expected)?;
    let mut out = Vec::with_capacity(cells.kinds.len());
    for (row, &kind) in cells.kinds.iter().enumerate() {
        let invalid = |why: &str| invalid(record(row), FIELD, why);
        let ms = match kind {
            NUMBER => number(bad, row, cells.number(row)),
            STRING => match Timestamp::parse_field(cells.text(row), record(row), FIELD) {
                Ok(t) => t.millis(),
                Err(e) => refused(bad, row, e),
            },
            UNPAIRED => refused(bad, row, invalid(NOT_UNICODE)),
            NULL => refused(bad, row, invalid("is missing")),
            DATE if cells.number(row).is_nan() => refused(bad, row, invalid("is an invalid Date")),
            DATE => number(bad, row, cells.number(row)),
            BIGINT => match cells.text(row).parse::<i64>() {
                Ok(ms) => ms,
                Err(_) => refused(bad, row, invalid("the BigInt does not fit in 64 bits")),
            },
            other => {
                let why = format!(
                    "expected epoch milliseconds, an ISO 8601 string or a Date, got {}",
                    kind_name(other)
                );
                refused(bad, row, invalid(&why))
            }
        };
        out.push(ms);
    }
    Ok(out)
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
#[wasm_bindgen(js_name = purchaseHistories, unchecked_return_type = "PurchaseHistories")]
pub fn purchase_histories_of_transactions(
    #[wasm_bindgen(unchecked_param_type = "TransactionColumns")] transactions: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PurchaseHistoryOptions | null")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let t = transactions_arg(&transactions)?;
    let o: PurchaseHistoryOptions = super::options(&options)?;
    histories_to_js(&thrown(from_transactions(t, &o))?)
}
