//! Hand-checked purchase histories: periods, refunds, the end of observation, the split,
//! the checks, and the two inputs agreeing.

use super::*;
use crate::parallel::with_leaf;
use crate::{Channel, Dataset, Event, EventKind, RecordRef, Timestamp, TouchpointError};
use serde_json::json;

fn t(s: &str) -> i64 {
    Timestamp::parse(s).unwrap().0
}

fn event(who: &str, when: &str, kind: EventKind, value: Option<f64>) -> Event {
    let e = Event::new(who, Timestamp(t(when)), Channel::Web, kind);
    match value {
        Some(v) => e.with_value(v),
        None => e,
    }
}

fn buy(who: &str, when: &str, value: f64) -> Event {
    event(who, when, EventKind::Purchase, Some(value))
}

fn refund(who: &str, when: &str, value: f64) -> Event {
    event(who, when, EventKind::Refund, Some(value))
}

fn options(v: serde_json::Value) -> PurchaseHistoryOptions {
    crate::options_from_value(v).unwrap()
}

fn histories(events: Vec<Event>, o: serde_json::Value) -> PurchaseHistories {
    purchase_histories(&Dataset::from_events(events).unwrap(), &options(o)).unwrap()
}

fn error_of(r: crate::Result<PurchaseHistories>) -> (&'static str, Option<String>) {
    let e = r.unwrap_err();
    (e.code(), e.field().map(str::to_string))
}

#[test]
fn weeks_run_monday_to_sunday_and_months_are_calendar_months() {
    // 2026-03-01 is a Sunday: the 1st and the 2nd are in two weeks; the 2nd and the 8th
    // (a Sunday) in one.
    let events = vec![
        buy("a", "2026-03-01T23:00:00Z", 1.0),
        buy("a", "2026-03-02T00:00:00Z", 2.0),
        buy("a", "2026-03-08T23:59:59Z", 4.0),
        buy("a", "2026-03-31T12:00:00Z", 8.0),
    ];
    let w = histories(events.clone(), json!({"unit": "week"}));
    // Weeks from Feb 23, Mar 2, Mar 30: 3 periods; the last purchase's week is Mar 30.
    assert_eq!((w.frequency[0], w.recency[0], w.t[0]), (2.0, 5.0, 5.0));
    assert_eq!(w.monetary_value[0], (6.0 + 8.0) / 2.0);
    let m = histories(
        events.clone(),
        json!({"unit": "month", "include_first_purchase": true}),
    );
    // February (the 1st is March: all four in March) -> one period of 15.
    assert_eq!((m.frequency[0], m.recency[0], m.t[0]), (1.0, 0.0, 0.0));
    assert_eq!(m.monetary_value[0], 15.0);
    let mut later = events;
    later.push(buy("a", "2026-05-01T00:00:00Z", 16.0));
    let m = histories(later, json!({"unit": "month", "unit_multiplier": 2}));
    assert_eq!((m.frequency[0], m.recency[0], m.t[0]), (1.0, 1.0, 1.0));
    let h = histories(
        vec![
            buy("b", "2026-03-01T10:59:00Z", 1.0),
            buy("b", "2026-03-02T13:00:00Z", 1.0),
        ],
        json!({"unit": "hour", "unit_multiplier": 24}),
    );
    assert_eq!(h.recency[0], 27.0 / 24.0);
}

#[test]
fn refunds_come_off_the_spend_of_their_period_only() {
    let events = vec![
        buy("a", "2026-03-01T10:00:00Z", 50.0),
        buy("a", "2026-03-02T10:00:00Z", 30.0),
        refund("a", "2026-03-02T11:00:00Z", -10.0), // sign ignored: 10 off the 2nd
        buy("a", "2026-03-04T10:00:00Z", 20.0),
        refund("a", "2026-03-04T12:00:00Z", 25.0), // more than the day's spend: down to 0
        refund("a", "2026-03-06T10:00:00Z", 50.0), // a day without purchase: no period
        refund("b", "2026-03-05T10:00:00Z", 5.0),  // refunds only: not a customer
        buy("c", "2026-03-03T10:00:00Z", 0.0),
        event("c", "2026-03-05T10:00:00Z", EventKind::Purchase, None), // no value: 0
    ];
    let h = histories(events, json!({}));
    assert_eq!(h.customer_id, ["a", "c"]);
    assert_eq!(h.frequency, [2.0, 1.0]);
    assert_eq!(h.recency, [3.0, 2.0]);
    assert_eq!(h.t, [4.0, 2.0]); // to the 5th, the last purchase (refunds do not count)
    assert_eq!(h.monetary_value, [(20.0 + 0.0) / 2.0, 0.0]);
    h.validate().unwrap();
}

#[test]
fn purchase_and_refund_kinds_are_options() {
    let events = vec![
        event(
            "a",
            "2026-03-01T10:00:00Z",
            EventKind::parse("renewal").unwrap(),
            Some(10.0),
        ),
        event(
            "a",
            "2026-03-03T10:00:00Z",
            EventKind::parse("renewal").unwrap(),
            Some(30.0),
        ),
        event(
            "a",
            "2026-03-03T11:00:00Z",
            EventKind::parse("chargeback").unwrap(),
            Some(5.0),
        ),
        buy("a", "2026-03-09T10:00:00Z", 99.0),
    ];
    let o = json!({"purchase_kinds": ["renewal"], "refund_kinds": ["chargeback"]});
    let h = histories(events, o);
    assert_eq!((h.frequency[0], h.recency[0], h.t[0]), (1.0, 2.0, 2.0));
    assert_eq!(h.monetary_value[0], 25.0);
}

#[test]
fn the_end_of_observation_leaves_later_periods_and_customers_out() {
    let events = vec![
        buy("a", "2026-03-01T10:00:00Z", 10.0),
        buy("a", "2026-03-10T22:00:00Z", 20.0), // the end's day, after its time: counts
        buy("a", "2026-03-11T00:00:00Z", 40.0), // the next day: left out
        buy("b", "2026-03-12T00:00:00Z", 5.0),  // first purchase after the end: left out
    ];
    let h = histories(events, json!({"observation_end": "2026-03-10T12:00:00Z"}));
    assert_eq!(h.customer_id, ["a"]);
    assert_eq!((h.frequency[0], h.recency[0], h.t[0]), (1.0, 9.0, 9.0));
    assert_eq!(h.monetary_value[0], 20.0);
}

#[test]
fn the_split_gives_each_customers_holdout() {
    let events = vec![
        buy("a", "2026-03-01T10:00:00Z", 10.0),
        buy("a", "2026-03-05T09:00:00Z", 20.0), // the calibration's last day, before its end
        buy("a", "2026-03-05T18:00:00Z", 30.0), // the same day, after: a holdout period
        buy("a", "2026-03-07T10:00:00Z", 6.0),
        buy("a", "2026-03-07T11:00:00Z", 4.0),
        refund("a", "2026-03-07T12:00:00Z", 10.0),
        buy("a", "2026-03-20T10:00:00Z", 1.0), // after observation_end
        buy("b", "2026-03-04T10:00:00Z", 8.0),
        buy("c", "2026-03-06T10:00:00Z", 8.0), // first purchase in the holdout: left out
    ];
    let o = json!({"calibration_end": "2026-03-05T12:00:00Z", "observation_end": "2026-03-10"});
    let h = histories(events.clone(), o);
    assert_eq!(h.customer_id, ["a", "b"]);
    assert_eq!(h.frequency, [1.0, 0.0]);
    assert_eq!(h.recency, [4.0, 0.0]);
    assert_eq!(h.t, [4.0, 1.0]);
    assert_eq!(h.monetary_value, [20.0, 0.0]);
    let holdout = h.holdout.as_ref().unwrap();
    assert_eq!(holdout.frequency, [2.0, 0.0]);
    // 30 + (6 + 4 - 10) over three purchases.
    assert_eq!(holdout.monetary_value, [10.0, 0.0]);
    assert_eq!(holdout.duration, 5.0);
    // Without observation_end: to the last purchase (the 20th).
    let h = histories(events, json!({"calibration_end": "2026-03-05T12:00:00Z"}));
    let holdout = h.holdout.unwrap();
    assert_eq!((holdout.frequency[0], holdout.duration), (3.0, 15.0));
}

#[test]
fn options_are_checked_up_front() {
    let data = Dataset::from_events(vec![buy("a", "2026-03-01", 1.0)]).unwrap();
    let run = |o: serde_json::Value| error_of(purchase_histories(&data, &options(o)));
    let config = |f: &str| ("INVALID_CONFIG", Some(f.to_string()));
    assert_eq!(
        run(json!({"unit_multiplier": 0})),
        config("unit_multiplier")
    );
    assert_eq!(run(json!({"purchase_kinds": []})), config("purchase_kinds"));
    assert_eq!(
        run(json!({"purchase_kinds": [""]})),
        config("purchase_kinds[0]")
    );
    assert_eq!(
        run(json!({"refund_kinds": ["returned", "purchase"]})),
        config("refund_kinds[1]")
    );
    assert_eq!(
        run(json!({"calibration_end": "2026-03-02", "observation_end": "2026-03-02"})),
        config("calibration_end")
    );
    // No purchase after calibration_end, no observation_end: the holdout would be empty.
    assert_eq!(
        run(json!({"calibration_end": "2026-03-01"})),
        config("calibration_end")
    );
    let o = PurchaseHistoryOptions {
        observation_end: Some(Timestamp(i64::MAX)),
        ..Default::default()
    };
    assert_eq!(
        error_of(purchase_histories(&data, &o)),
        config("observation_end")
    );
    let e = crate::options_from_value::<PurchaseHistoryOptions>(json!({"units": "day"}));
    assert_eq!(e.unwrap_err().code(), "INVALID_CONFIG");
    // No purchase at all: no customer.
    let empty = Dataset::from_events(vec![]).unwrap();
    assert!(
        purchase_histories(&empty, &PurchaseHistoryOptions::default())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn transaction_columns_are_checked_row_by_row() {
    let o = PurchaseHistoryOptions::default();
    let ids = vec![Some("a"), Some("b"), None, Some(" ")];
    let times = [0, 1, 2, 3];
    let values = [1.0, f64::NAN, 1.0, 1.0];
    let run = |ids: &Vec<Option<&str>>, times: &[i64], values: Option<&[f64]>| {
        let e = purchase_histories_from_transactions(ids, times, values, &o).unwrap_err();
        (e.code(), e.record(), e.field().map(str::to_string))
    };
    let at = |row: u64, code: &'static str, field: &str| {
        (code, Some(RecordRef::Record(row)), Some(field.to_string()))
    };
    assert_eq!(
        run(&ids, &times, Some(&values)),
        at(2, "OUT_OF_RANGE", "value")
    );
    assert_eq!(
        run(&ids, &times, None),
        at(3, "INVALID_RECORD", "customer_id")
    );
    let ids = vec![Some("a"), Some("b"), Some("\u{7}"), Some("a")];
    assert_eq!(
        run(&ids, &times, None),
        at(3, "INVALID_RECORD", "customer_id")
    );
    assert_eq!(
        run(&ids, &[0, i64::MIN, 0, 0], None),
        at(2, "OUT_OF_RANGE", "time")
    );
    let e = purchase_histories_from_transactions(&ids, &times[..3], None, &o).unwrap_err();
    assert_eq!((e.code(), e.field()), ("INVALID_CONFIG", Some("time")));
    let e = purchase_histories_from_transactions(&ids, &times, Some(&[1.0]), &o).unwrap_err();
    assert_eq!((e.code(), e.field()), ("INVALID_CONFIG", Some("value")));
}

/// Transactions with refunds, in no order: a dataset of purchase and refund events.
fn mixed(n: usize) -> (Vec<String>, Vec<i64>, Vec<f64>, Dataset) {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    let (mut ids, mut times, mut values, mut events) = (vec![], vec![], vec![], vec![]);
    for _ in 0..n {
        let id = format!("c{}", next(300));
        let ts = t("2026-01-01") + next(200 * 24) as i64 * 3_600_000;
        let v = next(10_000) as f64 / 100.0 - if next(8) == 0 { 60.0 } else { 0.0 };
        let kind = if v < 0.0 {
            EventKind::Refund
        } else {
            EventKind::Purchase
        };
        events.push(Event::new(id.as_str(), Timestamp(ts), Channel::Web, kind).with_value(v));
        ids.push(id);
        times.push(ts);
        values.push(v);
    }
    (ids, times, values, Dataset::from_events(events).unwrap())
}

#[test]
fn columns_and_events_give_the_same_histories_on_any_threads() {
    let (ids, times, values, data) = mixed(5_000);
    for o in [
        json!({}),
        json!({"unit": "week", "include_first_purchase": true, "observation_end": "2026-05-01"}),
        json!({"unit": "month", "calibration_end": "2026-04-01T12:00:00Z"}),
        json!({"unit": "hour", "unit_multiplier": 24, "calibration_end": "2026-03-01",
               "observation_end": "2026-06-01"}),
    ] {
        let o = options(o);
        let from_events = purchase_histories(&data, &o).unwrap();
        let run = || purchase_histories_from_transactions(&ids, &times, Some(&values), &o);
        let mut from_columns = run().unwrap();
        assert!(from_columns.len() > 250, "{o:?}");
        from_columns.validate().unwrap();
        for (threads, leaf) in [(1, usize::MAX), (4, 1), (2, 7)] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let again = pool.install(|| with_leaf(leaf, run)).unwrap();
            assert_eq!(
                serde_json::to_string(&again).unwrap(),
                serde_json::to_string(&from_columns).unwrap()
            );
        }
        // The dataset orders customers its own way: compare by id.
        let mut order: Vec<usize> = (0..from_columns.len()).collect();
        order.sort_by_key(|&i| {
            from_events
                .customer_id
                .iter()
                .position(|c| c == &from_columns.customer_id[i])
        });
        let pick = |col: &[f64]| order.iter().map(|&i| col[i]).collect::<Vec<_>>();
        assert_eq!(from_events.frequency, pick(&from_columns.frequency));
        assert_eq!(from_events.recency, pick(&from_columns.recency));
        assert_eq!(from_events.t, pick(&from_columns.t));
        for (a, b) in from_events
            .monetary_value
            .iter()
            .zip(pick(&from_columns.monetary_value))
        {
            assert!((a - b).abs() <= 1e-9 * a.abs().max(1.0));
        }
        from_columns.customer_id = order
            .iter()
            .map(|&i| from_columns.customer_id[i].clone())
            .collect();
        assert_eq!(from_events.customer_id, from_columns.customer_id);
        assert_eq!(
            from_events.holdout.is_some(),
            from_columns.holdout.is_some()
        );
    }
}

#[test]
fn validate_names_the_customer_the_row_and_the_field() {
    let ids = || Some(vec!["ana".to_string(), "ben".to_string()]);
    let check = |f: Vec<f64>, r: Vec<f64>, t: Vec<f64>, m: Option<Vec<f64>>| {
        let e = PurchaseHistories::from_columns(ids(), f, r, t, m).unwrap_err();
        assert!(e.to_string().contains("`ben`"), "{e}");
        (e.code(), e.record(), e.field().map(str::to_string))
    };
    let at = |code: &'static str, field: &str| {
        (code, Some(RecordRef::Record(2)), Some(field.to_string()))
    };
    // One column changed at a time from good histories.
    let with = |field: &str, second: f64| {
        let mut cols = [
            vec![1.0, 2.0],
            vec![3.0, 4.0],
            vec![5.0, 6.0],
            vec![1.0, 1.0],
        ];
        let k = ["frequency", "recency", "T", "monetary_value"]
            .iter()
            .position(|f| *f == field)
            .unwrap();
        cols[k][1] = second;
        let [f, r, t, m] = cols;
        check(f, r, t, Some(m))
    };
    assert_eq!(with("frequency", 1.5), at("INVALID_RECORD", "frequency"));
    assert_eq!(with("frequency", -1.0), at("OUT_OF_RANGE", "frequency"));
    assert_eq!(with("recency", 7.0), at("OUT_OF_RANGE", "recency"));
    assert_eq!(with("recency", 0.0), at("INVALID_RECORD", "recency"));
    assert_eq!(with("recency", f64::NAN), at("OUT_OF_RANGE", "recency"));
    assert_eq!(with("T", f64::INFINITY), at("OUT_OF_RANGE", "T"));
    assert_eq!(
        with("monetary_value", -1.0),
        at("OUT_OF_RANGE", "monetary_value")
    );
    let ok = || (vec![1.0, 2.0], vec![3.0, 4.0], vec![5.0, 6.0]);
    let (f, r, _) = ok();
    let e = PurchaseHistories::from_columns(ids(), f, r, vec![5.0], None).unwrap_err();
    assert_eq!((e.code(), e.field()), ("INVALID_RECORD", Some("T")));
    // Defaults: ids are row numbers, monetary values 0.
    let (f, r, t) = ok();
    let h = PurchaseHistories::from_columns(None, f, r, t, None).unwrap();
    assert_eq!(h.customer_id, ["1", "2"]);
    assert_eq!(h.monetary_value, [0.0, 0.0]);
    let bad = PurchaseHistories {
        unit_multiplier: 0,
        ..h.clone()
    };
    assert_eq!(bad.validate().unwrap_err().field(), Some("unit_multiplier"));
    let e = PurchaseHistories::from_columns(
        Some(vec![String::new()]),
        vec![0.0],
        vec![0.0],
        vec![0.0],
        None,
    );
    assert_eq!(e.unwrap_err().field(), Some("customer_id"));
    // A holdout with too few entries.
    let bad = PurchaseHistories {
        holdout: Some(HoldoutPurchases {
            frequency: vec![1.0],
            monetary_value: vec![1.0, 1.0],
            duration: 3.0,
        }),
        ..h
    };
    let e = bad.validate().unwrap_err();
    assert_eq!(
        (e.record(), e.field()),
        (Some(RecordRef::Record(2)), Some("holdout.frequency"))
    );
    assert!(matches!(e, TouchpointError::InvalidRecord { .. }));
}

#[test]
fn integer_ids_give_the_histories_of_their_text() {
    use crate::{purchase_histories_from_int_transactions, purchase_histories_from_transactions};
    // Rows in no order, repeated ids in runs and apart, refunds, negative and large ids.
    let mut ids = Vec::new();
    let mut times = Vec::new();
    let mut values = Vec::new();
    let mut state = 12_345u64;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        state >> 33
    };
    for _ in 0..5_000 {
        let id = [-3i64, 0, 7, 42, i64::MAX - 60, 1_000_000_007][(next() % 6) as usize]
            + (next() % 50) as i64;
        let repeat = 1 + next() % 3;
        for _ in 0..repeat {
            ids.push(id);
            times.push(1_700_000_000_000 + (next() % 400) as i64 * 86_400_000);
            values.push(if next() % 10 == 0 {
                -5.0
            } else {
                (next() % 100) as f64
            });
        }
    }
    let text: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    for unit in [TimeUnit::Day, TimeUnit::Week] {
        let o = PurchaseHistoryOptions {
            unit,
            ..Default::default()
        };
        let from_text =
            purchase_histories_from_transactions(&text, &times, Some(&values), &o).unwrap();
        let from_ints =
            purchase_histories_from_int_transactions(&ids, &times, Some(&values), &o).unwrap();
        assert!(from_text.len() > 100);
        assert_eq!(from_ints, from_text);
    }
    // A bad row is named the same way.
    let mut bad = times.clone();
    bad[17] = i64::MAX;
    let o = PurchaseHistoryOptions::default();
    let e = purchase_histories_from_int_transactions(&ids, &bad, Some(&values), &o).unwrap_err();
    assert_eq!(
        e,
        purchase_histories_from_transactions(&text, &bad, Some(&values), &o).unwrap_err()
    );
    assert_eq!(e.record(), Some(RecordRef::Record(18)));
}
