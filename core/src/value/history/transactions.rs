//! Purchase histories from plain transaction columns: (customer, time, value) per row, as
//! a pandas or polars frame or typed arrays hold them.

use super::customer::{Columns, CustomerHistory};
use super::options::Plan;
use super::{PurchaseHistories, PurchaseHistoryOptions};
use crate::ingest::{number_ids, StrColumn, MAX_ID_ROWS, NULL_ID};
use crate::limits::{check_id, check_time_ms, check_value};
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
    read(n, time_ms, value, options, || {
        number_ids(customer_id).ok_or_else(|| length("customer_id", n, n))
    })
}

/// [`purchase_histories_from_transactions`] for integer customer ids (an Arrow `int64`
/// column, say), numbered as integers: only each customer's id is written as text (`42` →
/// `"42"`), once, rather than every row's. The same histories as the text ids would give.
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
    read(customer_id.len(), time_ms, value, options, || {
        Ok(number_int_ids(customer_id))
    })
}

/// Checks the options, the lengths and every row, numbers the ids with `number` (each row's
/// customer, in order of first appearance, and their ids), and folds the histories.
fn read<S: AsRef<str> + Sync>(
    n: usize,
    time_ms: &[i64],
    value: Option<&[f64]>,
    options: &PurchaseHistoryOptions,
    number: impl FnOnce() -> Result<(Vec<u32>, Vec<S>)> + Send,
) -> Result<PurchaseHistories> {
    let plan = Plan::new(options)?;
    check_lengths(n, time_ms, value)?;
    crate::parallel::install(|| {
        let bad_row = check_rows(time_ms, value);
        let (numbers, ids) = number()?;
        histories(&plan, numbers, &ids, bad_row, time_ms, value)
    })
}

/// Each row's customer (in order of first appearance) and each customer's id as text.
fn number_int_ids(customer_id: &[i64]) -> (Vec<u32>, Vec<String>) {
    // A table seeded per process (foldhash), so crafted ids cannot make it quadratic.
    let mut index: hashbrown::HashMap<i64, u32, foldhash::fast::RandomState> =
        hashbrown::HashMap::with_capacity_and_hasher(
            (customer_id.len() / 4).min(1 << 22),
            foldhash::fast::RandomState::default(),
        );
    let mut distinct: Vec<i64> = Vec::new();
    let mut last: Option<(i64, u32)> = None;
    let numbers = customer_id
        .iter()
        .map(|&id| match last {
            Some((l, k)) if l == id => k,
            _ => {
                let k = *index.entry(id).or_insert_with(|| {
                    distinct.push(id);
                    (distinct.len() - 1) as u32
                });
                last = Some((id, k));
                k
            }
        })
        .collect();
    let mut digits = itoa::Buffer::new();
    let ids = distinct
        .iter()
        .map(|&id| digits.format(id).to_string())
        .collect();
    (numbers, ids)
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

/// The histories of numbered rows: `number[row]` is the row's customer (an index into
/// `ids`, in order of first appearance) or [`NULL_ID`].
fn histories<S: AsRef<str> + Sync>(
    plan: &Plan,
    number: Vec<u32>,
    ids: &[S],
    bad_row: Option<(usize, TouchpointError)>,
    time_ms: &[i64],
    value: Option<&[f64]>,
) -> Result<PurchaseHistories> {
    let plan = *plan;
    // Each customer's (time, value) pairs together, customers in order, each customer's
    // in row order (a counting sort: reads in row order, writes scattered).
    let mut start = vec![0u32; ids.len() + 1];
    let mut first_row = vec![u32::MAX; ids.len()];
    let mut first_null = None;
    for (row, &k) in number.iter().enumerate() {
        if k == NULL_ID {
            first_null = first_null.or(Some(row));
        } else {
            let k = k as usize;
            if start[k + 1] == 0 {
                first_row[k] = row as u32;
            }
            start[k + 1] += 1;
        }
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    // The first bad row, whatever the field: a null or bad id, a bad time or value.
    let mut bad_id = first_null.map(|row| {
        (
            row,
            TouchpointError::invalid(record(row), "customer_id", "is missing"),
        )
    });
    for (k, id) in ids.iter().enumerate() {
        let row = first_row[k] as usize;
        if bad_id.as_ref().is_some_and(|(r, _)| *r < row) {
            continue;
        }
        if let Err(e) = check_id(id.as_ref(), record(row), "customer_id") {
            bad_id = Some((row, e));
        }
    }
    let first_bad = match (bad_row, bad_id) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    };
    if let Some((_, e)) = first_bad {
        return Err(e);
    }
    drop(first_row);
    let mut pairs = vec![(0i64, 0.0f64); start[ids.len()] as usize];
    let mut next = start.clone();
    for (row, &k) in number.iter().enumerate() {
        if k != NULL_ID {
            let at = &mut next[k as usize];
            pairs[*at as usize] = (time_ms[row], value.map_or(0.0, |v| v[row]));
            *at += 1;
        }
    }
    drop((next, number));
    let (pairs, start) = (&pairs[..], &start[..]);
    let walk = |lo: usize, hi: usize| {
        let mut columns = Columns::default();
        let mut rows: Vec<(i64, f64)> = Vec::new();
        for k in lo..hi {
            let mut span = &pairs[start[k] as usize..start[k + 1] as usize];
            if !span.windows(2).all(|w| w[0].0 <= w[1].0) {
                rows.clear();
                rows.extend_from_slice(span);
                rows.sort_by_key(|r| r.0); // stable: ties keep their row order
                span = &rows;
            }
            let mut history = CustomerHistory::default();
            for &(ts, v) in span {
                if v >= 0.0 {
                    columns.saw_purchase(ts);
                    history.push(&plan, ts, v, false);
                } else {
                    history.push(&plan, ts, -v, true);
                }
            }
            if let Some(row) = history.finish(&plan) {
                columns.push(ids[k].as_ref(), row);
            }
        }
        columns
    };
    let merge = |mut a: Columns, b: Columns| {
        a.append(b);
        a
    };
    let leaf = crate::parallel::leaf_size(ids.len(), 0);
    crate::parallel::split(0, ids.len(), leaf, &walk, &merge).finish(&plan)
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
