use super::*;
use crate::experiment::{experiment_from_rows, MetricKind, RowMetric};
use crate::{
    Channel, Dataset, Event, EventKind, ExperimentOptions, SurveyMetric, Timestamp, DAY_MS,
};
use serde_json::json;
use std::collections::HashMap;

const T0: i64 = 1_767_225_600_000; // 2026-01-01

fn at(day: i64, hour: i64) -> Timestamp {
    Timestamp(T0 + day * DAY_MS + hour * 3_600_000)
}

fn exposure(c: &str, day: i64, variant: &str) -> Event {
    Event::new(
        c,
        at(day, 0),
        Channel::Web,
        EventKind::parse("Experiment Viewed").unwrap(),
    )
    .with_property("experiment_id", "checkout")
    .with_property("variation_id", variant)
}

fn purchase(c: &str, day: i64, hour: i64, value: f64) -> Event {
    Event::new(c, at(day, hour), Channel::Web, EventKind::Purchase).with_value(value)
}

fn options(v: serde_json::Value) -> ExperimentEventOptions {
    crate::options_from_value(v).unwrap()
}

/// Customers a0..a(n) in "0" and b0.. in "1"; purchases per a fixed pattern.
fn events() -> Vec<Event> {
    let mut e = Vec::new();
    for i in 0..40 {
        let (c, v) = if i % 2 == 0 {
            (format!("a{i}"), "0")
        } else {
            (format!("b{i}"), "1")
        };
        // A purchase before exposure never counts.
        e.push(purchase(&c, 0, 1, 500.0));
        e.push(exposure(&c, 1, v));
        let buys = if v == "1" { i % 3 } else { i % 4 / 2 };
        for b in 0..buys {
            e.push(purchase(&c, 2 + b as i64, 3, 10.0 + (i * 7 % 13) as f64));
        }
        e.push(Event::new(&c, at(1, 2), Channel::App, EventKind::PageView));
    }
    // Exposed to both variants: left out.
    e.push(exposure("both", 1, "0"));
    e.push(exposure("both", 2, "1"));
    // Another experiment's exposure: ignored.
    e.push(exposure("other", 1, "1").with_property("experiment_id", "hero"));
    // An exposure without a variant: counted as skipped.
    let mut bare = exposure("bare", 1, "1");
    bare.properties.remove("variation_id");
    e.push(bare);
    e
}

#[test]
fn customers_metrics_and_exclusions_from_events() {
    let data = Dataset::from_events(events()).unwrap();
    let r = experiment(
        &data,
        &options(json!({"experiment_id": "checkout", "metrics": [
            {"name": "purchased", "measure": "converted", "kinds": ["purchase"]},
            {"name": "revenue", "measure": "sum", "kinds": ["purchase"]},
            {"name": "orders", "measure": "count", "kinds": ["purchase"]},
            {"name": "order value", "measure": "ratio",
             "numerator": {"measure": "sum", "kinds": ["purchase"]},
             "denominator": {"measure": "count", "kinds": ["purchase"]}},
        ]})),
    )
    .unwrap();
    assert_eq!(r.variants, ["0", "1"]);
    assert_eq!(r.exposed, [20, 20]);
    assert_eq!(r.excluded.multiple_variants, 1);
    assert_eq!(r.excluded.exposures_without_variant, 1);
    assert_eq!(r.excluded.unlisted_variant, 0);
    // The same sums from rows computed by hand.
    let (mut variant, mut bought, mut revenue, mut orders) = (vec![], vec![], vec![], vec![]);
    for i in 0..40 {
        let v = if i % 2 == 0 { "0" } else { "1" };
        let buys = if v == "1" { i % 3 } else { i % 4 / 2 };
        variant.push(v.to_string());
        bought.push(f64::from(u8::from(buys > 0)));
        revenue.push(buys as f64 * (10.0 + (i * 7 % 13) as f64));
        orders.push(buys as f64);
    }
    let columns: HashMap<String, Vec<f64>> = [
        ("purchased".to_string(), bought),
        ("revenue".to_string(), revenue),
        ("orders".to_string(), orders),
    ]
    .into();
    let metric = |name: &str, kind, column: Option<&str>, den: Option<&str>| RowMetric {
        name: name.into(),
        kind,
        column: column.map(Into::into),
        denominator: den.map(Into::into),
        covariate: None,
    };
    let rows = experiment_from_rows(
        &variant,
        &columns,
        &[
            metric("purchased", MetricKind::Conversion, None, None),
            metric("revenue", MetricKind::Mean, None, None),
            metric("orders", MetricKind::Mean, None, None),
            metric(
                "order value",
                MetricKind::Ratio,
                Some("revenue"),
                Some("orders"),
            ),
        ],
        &VariantOrder::default(),
    )
    .unwrap();
    assert_eq!(r.data, rows);
    let again = crate::analyze_experiment(&rows, &ExperimentOptions::default()).unwrap();
    assert_eq!(r.report, Some(again));
}

#[test]
fn window_funnel_survey_retention_and_cuped() {
    let mut e = Vec::new();
    for i in 0..30i64 {
        let c = format!("c{i}");
        let v = if i % 3 == 0 { "control" } else { "treatment" };
        e.push(purchase(&c, 0, 5, 20.0 + i as f64)); // before: the covariate
        e.push(exposure(&c, 1, v));
        e.push(Event::new(&c, at(1, 1), Channel::Web, EventKind::AddToCart));
        if i % 2 == 0 {
            e.push(purchase(&c, 1, 2, 30.0)); // within 2 hours
        }
        if i % 5 == 0 {
            e.push(purchase(&c, 4, 0, 40.0)); // after the window
        }
        if i % 4 != 3 {
            let s = Event::new(&c, at(2, 0), Channel::Email, EventKind::SurveyResponse);
            e.push(s.with_survey(SurveyMetric::Nps, (i % 11) as f64));
        }
        if i % 7 == 0 {
            e.push(Event::new(&c, at(8, 3), Channel::App, EventKind::PageView));
        }
    }
    // The data ends on day 12: a day-7 retention is observable for exposures up to day 4.
    e.push(Event::new(
        "late",
        at(12, 0),
        Channel::Web,
        EventKind::PageView,
    ));
    let data = Dataset::from_events(e).unwrap();
    let r = experiment(
        &data,
        &options(json!({"experiment_id": "checkout", "metrics": [
            {"name": "quick", "measure": "converted", "kinds": ["purchase"], "window_seconds": 7200},
            {"name": "cart then buy", "measure": "funnel", "steps": ["add_to_cart", "purchase"]},
            {"name": "nps", "measure": "nps"},
            {"name": "d7", "measure": "retained", "day": 7},
            {"name": "revenue", "measure": "sum", "kinds": ["purchase"], "pre_exposure_seconds": 172800},
        ], "breakdown": "channel"})),
    )
    .unwrap();
    assert_eq!(r.variants, ["control", "treatment"]);
    assert_eq!(r.exposed, [10, 20]);
    let d = &r.data.metrics;
    let by = |f: &dyn Fn(i64) -> bool, v: &str| {
        (0..30i64)
            .filter(|&i| (i % 3 == 0) == (v == "control") && f(i))
            .count() as f64
    };
    assert_eq!(
        d[0].sum,
        [
            by(&|i| i % 2 == 0, "control"),
            by(&|i| i % 2 == 0, "treatment")
        ]
    );
    // The funnel completes after the window too (no window).
    let funnel = |i: i64| i % 2 == 0 || i % 5 == 0;
    assert_eq!(d[1].sum, [by(&funnel, "control"), by(&funnel, "treatment")]);
    // NPS: only those who answered are units; the mean is the NPS.
    let answered = |i: i64| i % 4 != 3;
    assert_eq!(
        d[2].units,
        Some(vec![
            by(&answered, "control") as u64,
            by(&answered, "treatment") as u64
        ])
    );
    let nps_sum = |v: &str| -> f64 {
        (0..30i64)
            .filter(|&i| (i % 3 == 0) == (v == "control") && answered(i))
            .map(|i| match i % 11 {
                9 | 10 => 100.0,
                0..=6 => -100.0,
                _ => 0.0,
            })
            .sum()
    };
    assert_eq!(d[2].sum, [nps_sum("control"), nps_sum("treatment")]);
    // Retained on day 7 (day 8 of the data); every exposure (day 1) is observable.
    assert_eq!(
        d[3].sum,
        [
            by(&|i| i % 7 == 0, "control"),
            by(&|i| i % 7 == 0, "treatment")
        ]
    );
    assert_eq!(d[3].units, Some(vec![10, 20]));
    let cov = d[4].covariate.as_ref().unwrap();
    let pre = |v: &str| -> f64 {
        (0..30i64)
            .filter(|&i| (i % 3 == 0) == (v == "control"))
            .map(|i| 20.0 + i as f64)
            .sum()
    };
    assert_eq!(cov.sum, [pre("control"), pre("treatment")]);
    // Every exposure was on the web.
    assert_eq!(r.breakdown.len(), 1);
    assert_eq!(r.breakdown[0].group, "web");
    assert_eq!(r.breakdown[0].report, r.report);
}

#[test]
fn retention_counts_only_observable_customers() {
    let mut e = Vec::new();
    for i in 0..6 {
        let c = format!("e{i}");
        e.push(exposure(&c, 0, if i % 2 == 0 { "0" } else { "1" }));
        if i < 3 {
            e.push(Event::new(&c, at(3, 1), Channel::Web, EventKind::PageView));
        }
    }
    e.push(exposure("late", 9, "1"));
    e.push(exposure("late2", 9, "0"));
    e.push(Event::new(
        "x",
        at(10, 0),
        Channel::Web,
        EventKind::PageView,
    ));
    let data = Dataset::from_events(e).unwrap();
    let o = options(json!({"experiment_id": "checkout", "metrics": [
        {"name": "d3", "measure": "retained", "day": 3}]}));
    let r = experiment(&data, &o).unwrap();
    // late and late2 cannot be observed on day 3: the data ends on day 10.
    assert_eq!(r.exposed, [4, 4]);
    assert_eq!(r.data.metrics[0].units, Some(vec![3, 3]));
    assert_eq!(r.data.metrics[0].sum, [2.0, 1.0]);
}

#[test]
fn refusals_name_the_option() {
    let data = Dataset::from_events(events()).unwrap();
    let err = |v: serde_json::Value| experiment(&data, &options(v)).unwrap_err().to_string();
    let m = json!([{"name": "p", "measure": "converted", "kinds": ["purchase"]}]);
    assert!(err(json!({"experiment_id": "nope", "metrics": m}))
        .contains("no customer was exposed to `nope`"));
    assert!(err(json!({"experiment_id": "checkout", "metrics": []})).contains("no metric"));
    assert!(err(
        json!({"experiment_id": "checkout", "metrics": [{"name": "p", "measure": "converted"}]})
    )
    .contains("metrics[0].kinds"));
    assert!(err(json!({"experiment_id": "checkout", "metrics": [{"name": "p", "measure": "nps", "kinds": ["x"]}]}))
        .contains("metrics[0].kinds"));
    assert!(err(
        json!({"experiment_id": "checkout", "metrics": [{"name": "r", "measure": "ratio",
        "numerator": {"measure": "count", "kinds": ["purchase"]}}]})
    )
    .contains("metrics[0].denominator"));
    assert!(
        err(json!({"experiment_id": "checkout", "metrics": m, "variants": ["0", "1", "2"]}))
            .contains("2")
    );
    let unlisted = experiment(
        &data,
        &options(json!({"experiment_id": "checkout", "metrics": m, "variants": ["1", "0"]})),
    )
    .unwrap();
    assert_eq!(unlisted.variants, ["1", "0"]);
    let only = experiment(
        &data,
        &options(json!({"experiment_id": "checkout", "metrics": m,
        "variants": ["0", "x"]})),
    );
    assert!(only.unwrap_err().to_string().contains("listed variant `x`"));
    // Too few customers to test is a report without an analysis, not an error.
    let young = Dataset::from_events(vec![exposure("a", 1, "0"), exposure("b", 1, "1")]).unwrap();
    let r = experiment(
        &young,
        &options(json!({"experiment_id": "checkout", "metrics": m})),
    )
    .unwrap();
    assert_eq!((r.exposed.clone(), r.report.is_none()), (vec![1, 1], true));
    assert!(
        r.note.as_deref().is_some_and(|n| n.contains("metrics[0]")),
        "{:?}",
        r.note
    );
    let o = options(json!({"experiment_id": "checkout", "metrics": m, "control": "1"}));
    assert_eq!(experiment(&data, &o).unwrap().variants, ["1", "0"]);
}

#[test]
fn rows_refuse_bad_values() {
    let v: Vec<String> = ["a", "b", "a"].iter().map(|s| s.to_string()).collect();
    let m = |kind| RowMetric {
        name: "y".into(),
        kind,
        column: None,
        denominator: None,
        covariate: None,
    };
    let cols = |y: Vec<f64>| -> HashMap<String, Vec<f64>> { [("y".to_string(), y)].into() };
    let o = VariantOrder::default();
    let e = experiment_from_rows(
        &v,
        &cols(vec![1.0, 2.0, 0.0]),
        &[m(MetricKind::Conversion)],
        &o,
    );
    assert!(e.unwrap_err().to_string().contains("record 2"));
    let e = experiment_from_rows(
        &v,
        &cols(vec![1.0, f64::NAN, 0.0]),
        &[m(MetricKind::Mean)],
        &o,
    );
    assert!(e.unwrap_err().to_string().contains("record 2"));
    let e = experiment_from_rows(&v, &cols(vec![1.0]), &[m(MetricKind::Mean)], &o);
    assert!(e.unwrap_err().to_string().contains("1 values for 3 rows"));
    let listed = VariantOrder {
        variants: Some(vec!["a".into()]),
        ..VariantOrder::default()
    };
    let e = experiment_from_rows(
        &v,
        &cols(vec![1.0, 2.0, 0.0]),
        &[m(MetricKind::Mean)],
        &listed,
    );
    assert!(e.unwrap_err().to_string().contains("record 2"));
    let d =
        experiment_from_rows(&v, &cols(vec![1.0, 2.0, 3.0]), &[m(MetricKind::Mean)], &o).unwrap();
    assert_eq!(d.units, [2, 1]);
    assert_eq!(d.metrics[0].sum, [4.0, 2.0]);
    assert_eq!(d.metrics[0].sum_squares, Some(vec![10.0, 4.0]));
}

#[test]
fn natural_order_of_variants() {
    let o = VariantOrder::default();
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        o.order(&s(&["10", "2", "0"])).unwrap(),
        s(&["0", "2", "10"])
    );
    assert_eq!(o.order(&s(&["B", "A"])).unwrap(), s(&["A", "B"]));
    assert_eq!(
        o.order(&s(&["treatment", "control"])).unwrap(),
        s(&["control", "treatment"])
    );
}
