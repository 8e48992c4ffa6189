//! The histories equal lifetimes 0.11.3's `summary_data_from_transaction_data` and
//! `calibration_and_holdout_data` on the same transactions, to 1e-9, from both inputs
//! (plain columns and a dataset's purchase events). The vectors are written by
//! `scripts/value-histories-vectors.py`.

use super::*;
use crate::{Channel, Dataset, Event, EventKind, Timestamp};
use serde_json::Value;

const VECTORS: &str = include_str!("../testdata/histories_lifetimes.json");
const EXAMPLE_CSV: &str = include_str!("../testdata/example_transactions.csv");
const EXAMPLE_SUMMARY: &str = include_str!("../testdata/example_transactions_summary.json");

struct Transactions {
    ids: Vec<String>,
    times: Vec<i64>,
    values: Vec<f64>,
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn transactions(v: &Value) -> Transactions {
    Transactions {
        ids: (v["customer_id"].as_array().unwrap().iter())
            .map(|x| x.as_str().unwrap().to_string())
            .collect(),
        times: (v["time_ms"].as_array().unwrap().iter())
            .map(|x| x.as_i64().unwrap())
            .collect(),
        values: numbers(&v["value"]),
    }
}

/// The same transactions as purchase events (without values when `with_value` is false).
fn dataset(t: &Transactions, with_value: bool) -> Dataset {
    let events = (0..t.ids.len()).map(|i| {
        let e = Event::new(
            t.ids[i].as_str(),
            Timestamp(t.times[i]),
            Channel::Web,
            EventKind::Purchase,
        );
        if with_value {
            e.with_value(t.values[i])
        } else {
            e
        }
    });
    Dataset::from_events(events).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// Compares `got` with lifetimes' `expected` columns, customer by customer (lifetimes
/// sorts customers by id; ours come in order of first sight or dataset order).
fn assert_matches(got: &PurchaseHistories, expected: &Value, what: &str) {
    let ids = expected["customer_id"].as_array().unwrap();
    assert_eq!(got.len(), ids.len(), "{what}: number of customers");
    got.validate().unwrap();
    let mut fields: Vec<(&str, Vec<f64>)> = vec![
        ("frequency", got.frequency.clone()),
        ("recency", got.recency.clone()),
        ("T", got.t.clone()),
        ("monetary_value", got.monetary_value.clone()),
    ];
    if let Some(h) = &got.holdout {
        fields.push(("holdout_frequency", h.frequency.clone()));
        fields.push(("holdout_monetary_value", h.monetary_value.clone()));
        let duration = expected["holdout_duration"].as_f64().unwrap();
        assert!(
            close(h.duration, duration),
            "{what}: duration {}",
            h.duration
        );
    } else {
        assert!(
            expected.get("holdout_frequency").is_none(),
            "{what}: no holdout"
        );
    }
    for (field, column) in &fields {
        let Some(want) = expected.get(*field) else {
            continue;
        };
        let want = numbers(want);
        for (j, id) in ids.iter().enumerate() {
            let id = id.as_str().unwrap();
            let i = got.customer_id.iter().position(|c| c == id).unwrap();
            assert!(
                close(column[i], want[j]),
                "{what}: customer {id}, {field}: {} vs lifetimes {}",
                column[i],
                want[j]
            );
        }
    }
}

#[test]
fn equal_lifetimes_on_generated_transactions() {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    let mut holdouts = 0;
    for case in cases {
        let t = transactions(&doc["transactions"][case["set"].as_str().unwrap()]);
        let with_value = case["with_value"].as_bool().unwrap();
        let options: PurchaseHistoryOptions =
            crate::options_from_value(case["options"].clone()).unwrap();
        let what = format!("{} {} {}", case["function"], case["set"], case["options"]);
        let values = with_value.then_some(&t.values[..]);
        let from_columns =
            purchase_histories_from_transactions(&t.ids, &t.times, values, &options).unwrap();
        assert_matches(
            &from_columns,
            &case["expected"],
            &format!("columns, {what}"),
        );
        let from_events = purchase_histories(&dataset(&t, with_value), &options).unwrap();
        assert_matches(&from_events, &case["expected"], &format!("events, {what}"));
        holdouts += usize::from(from_events.holdout.is_some());
    }
    assert!(holdouts >= 5);
}

#[test]
fn equal_lifetimes_on_its_example_transactions() {
    // lifetimes' `load_transaction_data()`: 5,000 customers in 2014, daily, no values.
    let mut ids = Vec::new();
    let mut times = Vec::new();
    for line in EXAMPLE_CSV.lines().skip(1) {
        let (date, id) = line.split_once(',').unwrap();
        ids.push(id.to_string());
        times.push(Timestamp::parse(date).unwrap().0);
    }
    assert!(ids.len() > 15_000);
    let summary: Value = serde_json::from_str(EXAMPLE_SUMMARY).unwrap();
    let options = PurchaseHistoryOptions::default();
    let got = purchase_histories_from_transactions(&ids, &times, None, &options).unwrap();
    assert_eq!(got.len(), 5_000);
    assert_matches(&got, &summary["expected"], "example transactions");
}
