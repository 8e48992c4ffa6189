//! The histories of numbered transaction rows: each customer's rows brought together and
//! folded, in parallel ranges of customers.
//!
//! A counting sort over all the customers at once writes each row to a random place in an
//! array of every row (tens of MB for millions of rows), missing the cache on nearly every
//! row. So the rows are sorted in two steps: first by range of customers (a few hundred
//! ranges: each range's next place to write stays in the cache), in parallel pieces of rows,
//! then, within each range and in parallel, by customer into a small array that fits in the
//! cache, which is folded at once. Both steps are stable, so each customer's rows keep their
//! row order.

use super::customer::{Columns, CustomerHistory, Row};
use super::options::Plan;
use super::PurchaseHistories;
use crate::Result;

/// The rows a piece of step 1 holds: a function of the row count alone (the results do not
/// depend on it anyway: both steps are stable). Small in tests, to cut their rows in pieces.
const PIECE: usize = if cfg!(test) { 1000 } else { 1 << 19 };

/// The histories of checked, numbered rows: `number[row]` is the row's customer (below
/// `customers`, numbered in order of first appearance; no null id). The customers with a
/// history, in order, and their histories with an empty `customer_id`.
pub(super) fn histories(
    plan: &Plan,
    number: &[u32],
    customers: usize,
    time_ms: &[i64],
    value: Option<&[f64]>,
) -> Result<(Vec<u32>, PurchaseHistories)> {
    let plan = *plan;
    // The ranges: a power of two of customers each (a row's range is a shift of its
    // customer), about the walk's usual leaf; a function of the customer count alone.
    let leaf = crate::parallel::leaf_size(customers, 0)
        .min(customers.max(1))
        .next_power_of_two();
    let shift = leaf.trailing_zeros();
    let ranges = customers.div_ceil(leaf);
    // Step 1, in parallel pieces of rows: each piece's rows by range (row order within a
    // range), with their customers.
    let pieces = crate::dataset::in_parallel::ranges(number.len(), number.len().div_ceil(PIECE));
    let pieces = crate::dataset::in_parallel::map(pieces, |rows| {
        let number = &number[rows.clone()];
        let mut begin = vec![0usize; ranges + 1];
        for &k in number {
            begin[(k >> shift) as usize + 1] += 1;
        }
        for i in 1..begin.len() {
            begin[i] += begin[i - 1];
        }
        let mut next = begin.clone();
        let mut who = vec![0u32; number.len()];
        let mut pairs = vec![(0i64, 0.0f64); number.len()];
        for ((&k, &ts), row) in number.iter().zip(&time_ms[rows.clone()]).zip(rows) {
            let at = &mut next[(k >> shift) as usize];
            who[*at] = k;
            pairs[*at] = (ts, value.map_or(0.0, |v| v[row]));
            *at += 1;
        }
        (begin, who, pairs)
    });
    // A range's rows: in each piece, in the pieces' order (so in row order).
    let rows_of = |range: usize| {
        pieces.iter().map(move |(begin, who, pairs)| {
            let rows = begin[range]..begin[range + 1];
            (&who[rows.clone()], &pairs[rows])
        })
    };
    // Step 2, per range: its rows by customer, each customer folded.
    let walk = |lo: usize, hi: usize| {
        if lo == hi {
            return Vec::new();
        }
        // `split` cuts at whole leaves from 0: `lo..hi` is one range.
        let range = lo >> shift;
        let mut start = vec![0u32; hi - lo + 1];
        for (who, _) in rows_of(range) {
            for &k in who {
                start[k as usize - lo + 1] += 1;
            }
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut mine = vec![(0i64, 0.0f64); start[hi - lo] as usize];
        let mut next = start.clone();
        for (who, pairs) in rows_of(range) {
            for (&k, &pair) in who.iter().zip(pairs) {
                let at = &mut next[k as usize - lo];
                mine[*at as usize] = pair;
                *at += 1;
            }
        }
        drop(next);
        vec![fold(&plan, lo, &start, &mine)]
    };
    // The ranges' results are gathered in order (moving three vectors each), and moved
    // into the columns once, at the end.
    let merge = |mut a: Vec<_>, b: Vec<_>| {
        a.extend(b);
        a
    };
    let done = crate::parallel::split(0, customers, leaf, &walk, &merge);
    let mut kept = Vec::with_capacity(done.iter().map(|l| l.0.len()).sum());
    let runs = done
        .into_iter()
        .map(|(k, rows, last)| {
            kept.extend(k);
            (rows, last)
        })
        .collect();
    Ok((kept, Columns::from_runs(runs).finish(&plan)?))
}

/// The histories of customers `lo..`, customer `lo + i`'s (time, value) pairs being
/// `pairs[start[i]..start[i + 1]]` in row order: the customers with a history, their
/// histories, and the last purchase.
fn fold(
    plan: &Plan,
    lo: usize,
    start: &[u32],
    pairs: &[(i64, f64)],
) -> (Vec<u32>, Vec<Row>, Option<i64>) {
    let mut kept = Vec::with_capacity(start.len() - 1);
    let mut rows = Vec::with_capacity(start.len() - 1);
    let mut last_purchase: Option<i64> = None;
    let mut sorted: Vec<(i64, f64)> = Vec::new();
    for (i, ends) in start.windows(2).enumerate() {
        let mut span = &pairs[ends[0] as usize..ends[1] as usize];
        if !span.windows(2).all(|w| w[0].0 <= w[1].0) {
            sorted.clear();
            sorted.extend_from_slice(span);
            sorted.sort_by_key(|r| r.0); // stable: ties keep their row order
            span = &sorted;
        }
        let mut history = CustomerHistory::default();
        for &(ts, v) in span {
            if v >= 0.0 {
                last_purchase = Some(last_purchase.map_or(ts, |t| t.max(ts)));
                history.push(plan, ts, v, false);
            } else {
                history.push(plan, ts, -v, true);
            }
        }
        if let Some(row) = history.finish(plan) {
            kept.push((lo + i) as u32);
            rows.push(row);
        }
    }
    (kept, rows, last_purchase)
}
