use super::*;
use crate::{Channel, Event};
use proptest::prelude::*;
use serde_json::json;

fn data(events: &[(&str, &str, &str)]) -> Dataset {
    Dataset::from_events(events.iter().map(|&(c, t, k)| {
        Event::new(
            c,
            Timestamp::parse(t).unwrap(),
            Channel::Web,
            EventKind::parse(k).unwrap(),
        )
    }))
    .unwrap()
}

fn run(events: &[(&str, &str, &str)], options: serde_json::Value) -> RetentionReport {
    let options: RetentionOptions = serde_json::from_value(options).unwrap();
    retention(&data(events), &options).unwrap()
}

fn starts(r: &RetentionReport) -> Vec<String> {
    r.cohorts
        .iter()
        .map(|c| c.cohort_start.to_rfc3339())
        .collect()
}

#[test]
fn weeks_start_on_monday() {
    let ev = [
        ("a", "2026-03-01T23:59:59Z", "page_view"),
        ("b", "2026-03-02T00:00:00Z", "page_view"),
    ];
    let r = run(&ev, json!({"retention_type": "first_time", "periods": 3}));
    assert_eq!(starts(&r), ["2026-02-23T00:00:00Z", "2026-03-02T00:00:00Z"]);
    assert_eq!(r.cohorts[0].retained, [Some(1), Some(0), None]);
    assert_eq!(r.cohorts[1].retained, [Some(1), None, None]);
    assert_eq!(r.cohorts[0].retention, [Some(100.0), Some(0.0), None]);
}

#[test]
fn months_are_calendar_months() {
    let ev = [
        ("a", "2026-01-31T23:59:59.999Z", "page_view"),
        ("a", "2026-02-01T00:00:00Z", "purchase"),
        ("b", "2026-01-01T00:00:00Z", "page_view"),
        ("b", "2026-03-31T12:00:00Z", "page_view"),
    ];
    let r = run(
        &ev,
        json!({"period": "month", "retention_type": "first_time", "periods": 4}),
    );
    assert_eq!(
        starts(&r),
        [
            "2026-01-01T00:00:00Z",
            "2026-02-01T00:00:00Z",
            "2026-03-01T00:00:00Z"
        ]
    );
    assert_eq!(r.cohorts[0].size, 2);
    assert_eq!(r.cohorts[0].retained, [Some(2), Some(1), Some(1), None]);
    assert_eq!(r.cohorts[1].size, 0);
    assert_eq!(r.cohorts[1].retained, [Some(0), Some(0), None, None]);
    assert_eq!(r.cohorts[1].retention, [None, None, None, None]);
    // Averages weigh cohorts by size, over the cohorts that can see the period.
    assert_eq!(r.average[1].customers, 2);
    assert_eq!(r.average[1].retention, Some(50.0));
    assert_eq!(r.average[3].retention, None);
}

#[test]
fn recurring_first_time_and_unbounded_differ() {
    let ev = [
        ("a", "2026-03-02T10:00:00Z", "page_view"),
        ("a", "2026-03-16T10:00:00Z", "page_view"),
        ("a", "2026-03-30T10:00:00Z", "page_view"),
        ("b", "2026-03-09T10:00:00Z", "page_view"),
    ];
    let first = run(&ev, json!({"retention_type": "first_time", "periods": 5}));
    assert_eq!(
        first.cohorts[0].retained,
        [Some(1), Some(0), Some(1), Some(0), Some(1)]
    );
    let unbounded = run(&ev, json!({"retention_type": "unbounded", "periods": 5}));
    assert_eq!(
        unbounded.cohorts[0].retained,
        [Some(1), Some(1), Some(1), Some(1), Some(1)]
    );
    assert_eq!(
        unbounded.cohorts[1].retained,
        [Some(1), Some(0), Some(0), Some(0), None]
    );
    let recurring = run(&ev, json!({"periods": 3}));
    // a is in the cohorts of the weeks of 03-02, 03-16 and 03-30; b in that of 03-09.
    let sizes: Vec<u64> = recurring.cohorts.iter().map(|c| c.size).collect();
    assert_eq!(sizes, [1, 1, 1, 0, 1]);
    assert_eq!(recurring.cohorts[0].retained, [Some(1), Some(0), Some(1)]);
    assert_eq!(recurring.cohorts[2].retained, [Some(1), Some(0), Some(1)]);
    assert_eq!(recurring.cohorts[4].retained, [Some(1), None, None]);
}

#[test]
fn start_and_return_events() {
    let ev = [
        ("a", "2026-03-02T09:00:00Z", "purchase"), // before the start event: not a return
        ("a", "2026-03-02T10:00:00Z", "loyalty_join"),
        ("a", "2026-03-10T10:00:00Z", "purchase"),
        ("b", "2026-03-02T10:00:00Z", "loyalty_join"),
        ("b", "2026-03-02T11:00:00Z", "purchase"),
        ("c", "2026-03-02T10:00:00Z", "page_view"), // never joins: in no cohort
    ];
    let options = json!({"start_event": "loyalty_join", "return_event": "purchase", "retention_type": "first_time", "periods": 2});
    let r = run(&ev, options);
    assert_eq!(r.cohorts.len(), 2);
    assert_eq!(r.cohorts[0].size, 2);
    assert_eq!(r.cohorts[0].retained, [Some(1), Some(1)]);
    assert_eq!(r.cohorts[1].size, 0);
    let recurring = run(
        &ev,
        json!({"start_event": "loyalty_join", "return_event": "purchase", "periods": 2}),
    );
    assert_eq!(recurring.cohorts[0].retained, [Some(1), Some(1)]);
    let none = run(&ev, json!({"start_event": "review"}));
    assert!(none.cohorts.is_empty());
    assert!(none
        .average
        .iter()
        .all(|a| a.retention.is_none() && a.customers == 0));
}

#[test]
fn one_event_customer_and_empty_dataset() {
    let r = run(
        &[("a", "2026-03-04T10:00:00Z", "page_view")],
        json!({"period": "day"}),
    );
    assert_eq!(r.cohorts.len(), 1);
    assert_eq!(r.cohorts[0].retained[0], Some(1));
    assert!(r.cohorts[0].retained[1..].iter().all(Option::is_none));
    assert_eq!(r.average[0].retention, Some(100.0));
    let empty = retention(&Dataset::default(), &RetentionOptions::default()).unwrap();
    assert!(empty.cohorts.is_empty());
    assert_eq!(empty.average.len(), 8);
    assert_eq!(empty.observed_until, None);
}

#[test]
fn options_are_checked() {
    let d = data(&[("a", "2026-03-04T10:00:00Z", "page_view")]);
    let err = |o: serde_json::Value| {
        let options: RetentionOptions = serde_json::from_value(o).unwrap();
        retention(&d, &options)
            .unwrap_err()
            .field()
            .map(str::to_string)
    };
    assert_eq!(err(json!({"periods": 0})), Some("periods".into()));
    assert_eq!(err(json!({"periods": 1001})), Some("periods".into()));
    assert_eq!(err(json!({"start_event": ""})), Some("start_event".into()));
    assert_eq!(
        err(json!({"return_event": " "})),
        Some("return_event".into())
    );
    let unknown =
        crate::options_from_value::<RetentionOptions>(json!({"period": "year"})).unwrap_err();
    assert_eq!(unknown.field(), Some("period"));
}

proptest! {
    #[test]
    fn counts_stay_within_cohorts(
        events in prop::collection::vec((0u8..4, 0i64..60, 0u8..2), 0..40),
        period in 0u8..3,
        columns in 1u32..6,
    ) {
        let kinds = ["page_view", "purchase"];
        let base = Timestamp::parse("2026-01-01T00:00:00Z").unwrap().0;
        let d = Dataset::from_events(events.iter().map(|&(c, day, k)| {
            Event::new(format!("c{c}"), Timestamp(base + day * 86_400_000 + 3_600_000), Channel::Web, EventKind::parse(kinds[k as usize]).unwrap())
        })).unwrap();
        let period = [Period::Day, Period::Week, Period::Month][period as usize];
        let mut reports = Vec::new();
        for t in [RetentionType::FirstTime, RetentionType::Unbounded, RetentionType::Recurring] {
            let options = RetentionOptions { period, periods: columns, return_event: Some("purchase".into()), retention_type: t, ..RetentionOptions::default() };
            let r = retention(&d, &options).unwrap();
            for c in &r.cohorts {
                prop_assert!(c.retained.iter().flatten().all(|&n| n <= c.size));
                prop_assert!(c.retention.iter().flatten().all(|&p| (0.0..=100.0).contains(&p)));
                // Once a period is not observable, no later one is.
                prop_assert!(c.retained.windows(2).all(|w| w[0].is_some() || w[1].is_none()));
            }
            reports.push(r);
        }
        let (first, unbounded) = (&reports[0], &reports[1]);
        prop_assert_eq!(first.cohorts.len(), unbounded.cohorts.len());
        for (f, u) in first.cohorts.iter().zip(&unbounded.cohorts) {
            prop_assert_eq!(f.size, u.size);
            for (a, b) in f.retained.iter().zip(&u.retained) {
                prop_assert!(a.unwrap_or(0) <= b.unwrap_or(0));
            }
            prop_assert!(u.retained.windows(2).all(|w| w[0].unwrap_or(u64::MAX) >= w[1].unwrap_or(0)));
        }
        let customers = events.iter().map(|e| e.0).collect::<std::collections::HashSet<_>>().len() as u64;
        prop_assert_eq!(first.cohorts.iter().map(|c| c.size).sum::<u64>(), customers);
    }
}
