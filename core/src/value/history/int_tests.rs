//! Integer customer ids: dense ids (numbered through an array) and sparse ones (a hash
//! table) give the histories of their text, and `purchase_histories_by_int_id` the same
//! histories with the ids kept as integers, on any threads.

use super::*;
use crate::parallel::with_leaf;
use crate::RecordRef;
use serde_json::json;

/// `n` transactions of customers `first..first + customers` in time order, with refunds.
fn transactions(n: usize, first: i64, customers: u64) -> (Vec<i64>, Vec<i64>, Vec<f64>) {
    let mut state = 0x5851_f42d_4c95_7f2du64;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    let mut rows: Vec<(i64, i64, f64)> = (0..n)
        .map(|_| {
            let id = first + next(customers) as i64;
            let ts = 1_767_225_600_000 + next(200 * 24) as i64 * 3_600_000;
            let v = next(10_000) as f64 / 100.0 - if next(8) == 0 { 60.0 } else { 0.0 };
            (ts, id, v)
        })
        .collect();
    rows.sort_by_key(|r| r.0);
    (
        rows.iter().map(|r| r.1).collect(),
        rows.iter().map(|r| r.0).collect(),
        rows.iter().map(|r| r.2).collect(),
    )
}

#[test]
fn dense_integer_ids_give_the_histories_of_their_text_on_any_threads() {
    for (first, customers) in [(0, 400), (-200, 400), (i64::MAX - 399, 400), (5, 1 << 40)] {
        let (ids, times, values) = transactions(3_000, first, customers);
        let text: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
        for o in [
            json!({}),
            json!({"unit": "week", "include_first_purchase": true}),
            json!({"unit": "month", "calibration_end": "2026-04-01T12:00:00Z"}),
        ] {
            let o: PurchaseHistoryOptions = serde_json::from_value(o).unwrap();
            let from_text =
                purchase_histories_from_transactions(&text, &times, Some(&values), &o).unwrap();
            assert!(from_text.len() > 100);
            for (threads, leaf) in [(1, usize::MAX), (4, 1), (2, 7)] {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                let run = || {
                    let as_text =
                        purchase_histories_from_int_transactions(&ids, &times, Some(&values), &o);
                    let as_ints = purchase_histories_by_int_id(&ids, &times, Some(&values), &o);
                    (as_text.unwrap(), as_ints.unwrap())
                };
                let (as_text, (int_ids, mut as_ints)) = pool.install(|| with_leaf(leaf, run));
                assert_eq!(as_text, from_text);
                assert!(as_ints.customer_id.is_empty());
                assert_eq!(int_ids.len(), from_text.frequency.len());
                as_ints.customer_id = int_ids.iter().map(|i| i.to_string()).collect();
                assert_eq!(as_ints, from_text);
            }
        }
    }
}

#[test]
fn integer_ids_without_values_or_rows() {
    let o = PurchaseHistoryOptions::default();
    let (ids, h) = purchase_histories_by_int_id(&[], &[], None, &o).unwrap();
    assert!(ids.is_empty() && h.frequency.is_empty());
    let day = 86_400_000;
    let (ids, h) = purchase_histories_by_int_id(&[3, 1, 3], &[0, day, 2 * day], None, &o).unwrap();
    assert_eq!(ids, [3, 1]);
    assert_eq!((h.frequency, h.t), (vec![1.0, 0.0], vec![2.0, 1.0]));
}

#[test]
fn integer_ids_name_the_bad_row_and_column() {
    let o = PurchaseHistoryOptions::default();
    let e = purchase_histories_by_int_id(&[1, 2, 3], &[0, i64::MAX, 0], None, &o).unwrap_err();
    assert_eq!(
        (e.code(), e.record(), e.field()),
        ("OUT_OF_RANGE", Some(RecordRef::Record(2)), Some("time"))
    );
    let e = purchase_histories_by_int_id(&[1, 2], &[0], None, &o).unwrap_err();
    assert_eq!((e.code(), e.field()), ("INVALID_CONFIG", Some("time")));
}
