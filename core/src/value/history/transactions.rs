//! Purchase histories from plain transaction columns: (customer, time, value) per row, as
//! a pandas or polars frame or typed arrays hold them.

use super::by_customer::histories;
use super::int_ids::number_int_ids;
use super::options::Plan;
use super::{PurchaseHistories, PurchaseHistoryOptions};
use crate::ingest::{number_ids, StrColumn, MAX_ID_ROWS, NULL_ID};
use crate::limits::{check_id, check_time_ms, check_value};
use crate::value::inputs::per_customer;
use crate::{RecordRef, Result, TouchpointError};

/// Each customer's purchase history from plain transaction columns, with the definitions
/// of [`purchase_histories`](super::purchase_histories) (lifetimes'
/// `summary_data_from_transaction_data` and `calibration_and_holdout_data`):
///
/// - `customer_id[i]`, `time_ms[i]` (milliseconds since the epoch, UTC) and `value[i]`
///   are transaction `i`; without `value` every transaction is a purchase of value 0.
/// - A **negative value is a refund** of that amount: not a purchase; it is taken off the
///   customer's spend in its period, down to 0 at most (a period with refunds only is not a
///   purchase period). A value of 0 is a purchase.
/// - Customers come in **order of first appearance** in the columns (lifetimes sorts them
///   by id: sort the result if you need that order). Rows may come in any order.
/// - `options.purchase_kinds` and `options.refund_kinds` are not read (there are no kinds).
///
/// Every row is checked: an id that is null, empty, only whitespace, too long or with
/// control characters is `INVALID_RECORD`, a time outside 1900–9999 or a value not
/// finite (or beyond 1e15 in magnitude) `OUT_OF_RANGE`, naming `RecordRef::Record(row + 1)`
/// and the field (`customer_id`, `time`, `value`); the first bad row is reported. Columns
/// of different lengths are `INVALID_CONFIG` naming `time` or `value`.
///
/// ```
/// use touchpoint::{purchase_histories_from_transactions, PurchaseHistoryOptions, TimeUnit};
/// let day = 86_400_000;
/// let ids = ["b", "a", "a", "a", "a"];
/// let times = [0, 0, 3 * day, 3 * day + 5, 10 * day];
/// let values = [5.0, 10.0, 20.0, 2.0, -8.0]; // a's refund on day 10 is in no purchase day
/// let o = PurchaseHistoryOptions { unit: TimeUnit::Day, ..Default::default() };
/// let h = purchase_histories_from_transactions(&ids, &times, Some(&values), &o).unwrap();
/// assert_eq!(h.customer_id, ["b", "a"]);
/// assert_eq!(h.frequency, [0.0, 1.0]);
/// assert_eq!(h.recency, [0.0, 3.0]);
/// assert_eq!(h.t, [3.0, 3.0]); // to day 3, the last purchase
/// assert_eq!(h.monetary_value, [0.0, 22.0]);
/// ```
pub fn purchase_histories_from_transactions<C: StrColumn + ?Sized>(
    customer_id: &C,
    time_ms: &[i64],
    value: Option<&[f64]>,
    options: &PurchaseHistoryOptions,
) -> Result<PurchaseHistories> {
    let n = customer_id.len();
    let plan = Plan::new(options)?;
    check_lengths(n, time_ms, value)?;
    crate::parallel::install(|| {
        let bad_row = check_rows(time_ms, value);
        let (numbers, ids) = number_ids(customer_id).ok_or_else(|| length("customer_id", n, n))?;
        let bad_id = first_bad_id(&numbers, &ids);
        // The first bad row, whatever the field: a null or bad id, a bad time or value.
        match (bad_row, bad_id) {
            (Some(a), Some(b)) => return Err(if a.0 <= b.0 { a.1 } else { b.1 }),
            (Some((_, e)), None) | (None, Some((_, e))) => return Err(e),
            (None, None) => {}
        }
        let (kept, mut h) = histories(&plan, &numbers, ids.len(), time_ms, value)?;
        h.customer_id = per_customer(kept.len(), |i| ids[kept[i] as usize].to_string());
        Ok(h)
    })
}

/// [`purchase_histories_from_transactions`] for integer customer ids (an Arrow `int64`
/// column, say), numbered as integers: only each customer's id is written as text (`42` →
/// `"42"`), once, rather than every row's. The same histories as the text ids would give.
/// [`purchase_histories_by_int_id`] gives the ids as integers, without writing them.
///
/// ```
/// use touchpoint::{purchase_histories_from_int_transactions, PurchaseHistoryOptions};
/// let day = 86_400_000;
/// let h = purchase_histories_from_int_transactions(
///     &[7, 42, 7],
///     &[0, day, 2 * day],
///     Some(&[10.0, 5.0, 30.0]),
///     &PurchaseHistoryOptions::default(),
/// )
/// .unwrap();
/// assert_eq!(h.customer_id, ["7", "42"]);
/// assert_eq!(h.frequency, [1.0, 0.0]);
/// assert_eq!(h.monetary_value, [30.0, 0.0]);
/// ```
pub fn purchase_histories_from_int_transactions(
    customer_id: &[i64],
    time_ms: &[i64],
    value: Option<&[f64]>,
    options: &PurchaseHistoryOptions,
) -> Result<PurchaseHistories> {
    let (ids, mut h) = purchase_histories_by_int_id(customer_id, time_ms, value, options)?;
    h.customer_id = per_customer(ids.len(), |i| {
        itoa::Buffer::new().format(ids[i]).to_string()
    });
    Ok(h)
}

/// [`purchase_histories_from_int_transactions`] with the customers' ids kept as integers:
/// the ids, in the order of the histories, and the histories with an **empty**
/// `customer_id` (the customers are known by their position: the `i`-th history is of the
/// `i`-th id). No id is written as text, so a million customers cost
/// no million strings. Rows are checked, and errors named, as by the text version.
///
/// Ids that fill most of their range (a database's autoincrement keys) are numbered through
/// an array indexed by the id, others through a hash table; the results are the same.
///
/// ```
/// use touchpoint::{purchase_histories_by_int_id, PurchaseHistoryOptions};
/// let day = 86_400_000;
/// let (ids, h) = purchase_histories_by_int_id(
///     &[7, 42, 7],
///     &[0, day, 2 * day],
///     Some(&[10.0, 5.0, 30.0]),
///     &PurchaseHistoryOptions::default(),
/// )
/// .unwrap();
/// assert_eq!(ids, [7, 42]);
/// assert!(h.customer_id.is_empty());
/// assert_eq!(h.frequency, [1.0, 0.0]);
/// assert_eq!(h.monetary_value, [30.0, 0.0]);
/// ```
pub fn purchase_histories_by_int_id(
    customer_id: &[i64],
    time_ms: &[i64],
    value: Option<&[f64]>,
    options: &PurchaseHistoryOptions,
) -> Result<(Vec<i64>, PurchaseHistories)> {
    let plan = Plan::new(options)?;
    check_lengths(customer_id.len(), time_ms, value)?;
    crate::parallel::install(|| {
        // The rows are checked (in parallel pieces) while the ids are numbered (one
        // thread). An integer id is never null nor a bad id as text.
        let (bad_row, (numbers, distinct)) = crate::parallel::join(
            || check_rows(time_ms, value),
            || number_int_ids(customer_id),
        );
        if let Some((_, e)) = bad_row {
            return Err(e);
        }
        let (kept, h) = histories(&plan, &numbers, distinct.len(), time_ms, value)?;
        Ok((kept.iter().map(|&k| distinct[k as usize]).collect(), h))
    })
}

/// `INVALID_CONFIG` naming `option`, a column of `len` rows beside `n` ids.
fn length(option: &str, len: usize, n: usize) -> TouchpointError {
    TouchpointError::config(
        option,
        format!("has {len} rows but customer_id has {n}: the columns must be of one length"),
    )
}

/// The columns' lengths agree, and are not too many rows.
fn check_lengths(n: usize, time_ms: &[i64], value: Option<&[f64]>) -> Result<()> {
    if time_ms.len() != n {
        return Err(length("time", time_ms.len(), n));
    }
    if let Some(v) = value {
        if v.len() != n {
            return Err(length("value", v.len(), n));
        }
    }
    if n > MAX_ID_ROWS {
        return Err(length("customer_id", n, n));
    }
    Ok(())
}

/// The first row with a null or bad id, and its error. The ids are numbered in order of
/// first appearance, so the first bad id is the first to appear: only its row is looked for.
fn first_bad_id(numbers: &[u32], ids: &[&str]) -> Option<(usize, TouchpointError)> {
    let missing = numbers.iter().position(|&k| k == NULL_ID);
    let bad = ids
        .iter()
        .position(|id| check_id(id, record(0), "customer_id").is_err())
        .and_then(|k| {
            let row = numbers.iter().position(|&n| n as usize == k)?;
            let e = check_id(ids[k], record(row), "customer_id").err()?;
            Some((row, e))
        });
    match (missing, bad) {
        (Some(row), bad) if bad.as_ref().is_none_or(|b| row < b.0) => {
            let e = TouchpointError::invalid(record(row), "customer_id", "is missing");
            Some((row, e))
        }
        (_, bad) => bad,
    }
}

/// The record of 0-based `row`.
fn record(row: usize) -> RecordRef {
    RecordRef::Record(row as u64 + 1)
}

/// The first row (and its error) whose time or value is out of range, checked in parallel
/// pieces.
fn check_rows(time_ms: &[i64], value: Option<&[f64]>) -> Option<(usize, TouchpointError)> {
    use crate::dataset::in_parallel::{map, pool_threads, ranges};
    let pieces = ranges(time_ms.len(), pool_threads() * 4);
    let found = map(pieces, |r| {
        for row in r {
            let checked = check_time_ms(time_ms[row], record(row), "time")
                .and_then(|_| value.map_or(Ok(0.0), |v| check_value(v[row], record(row), "value")));
            if let Err(e) = checked {
                return Some((row, e));
            }
        }
        None
    });
    found.into_iter().flatten().next()
}
