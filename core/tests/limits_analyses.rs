//! Every analysis at the limits: the first and last accepted times in one dataset, values of
//! 1e15, an empty dataset, and options that would ask for too much. Run in debug, where an
//! integer overflow panics, so a wrapped subtraction shows up here.

use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use touchpoint::*;

const FIRST: i64 = limits::EARLIEST_MS;
const LAST: i64 = limits::LATEST_MS;

fn ev(id: &str, t: i64, kind: &str) -> Event {
    Event::new(
        id,
        Timestamp(t),
        Channel::Web,
        EventKind::parse(kind).unwrap(),
    )
}

/// 1900 and 9999 in one dataset, purchases of 1e15 (and -1e15), tickets, surveys.
fn extreme() -> Dataset {
    let mut events = Vec::new();
    for (i, id) in ["a", "b", "c"].iter().enumerate() {
        events.push(ev(id, FIRST + i as i64, "page_view"));
        events.push(ev(id, FIRST + 10, "ticket_opened"));
        events.push(ev(id, LAST - 10, "ticket_resolved"));
        events.push(ev(id, LAST - i as i64, "purchase").with_value(1e15));
        events.push(ev(id, LAST, "survey_response").with_answer(SurveyMetric::Nps, 10.0));
    }
    for i in 0..2000 {
        events.push(ev("whale", FIRST + i * 1000, "purchase").with_value(1e15));
        events.push(ev("refunds", LAST - i, "purchase").with_value(-1e15));
    }
    Dataset::from_events(events).unwrap()
}

/// The names of the fields declared `Option<…>` in the result types: the only keys whose
/// value may serialise as `null` (a NaN or an infinity also serialises as `null`, so a null
/// anywhere else is a number that went wrong).
fn nullable_fields() -> BTreeSet<String> {
    let sources = [
        include_str!("../src/analysis/cx_pyramid.rs"),
        include_str!("../src/analysis/engagement/mod.rs"),
        include_str!("../src/analysis/engagement_score/mod.rs"),
        include_str!("../src/analysis/funnel/mod.rs"),
        include_str!("../src/analysis/journey_map.rs"),
        include_str!("../src/analysis/lifecycle/mod.rs"),
        include_str!("../src/analysis/overview.rs"),
        include_str!("../src/analysis/pain_points.rs"),
        include_str!("../src/analysis/retention/mod.rs"),
        include_str!("../src/analysis/segments/rfm.rs"),
        include_str!("../src/analysis/segments/rules.rs"),
        include_str!("../src/analysis/segments/tiers.rs"),
        include_str!("../src/analysis/sessions.rs"),
        include_str!("../src/survey/cx_report.rs"),
        include_str!("../src/survey/nps.rs"),
        include_str!("../src/survey/csat.rs"),
        include_str!("../src/survey/ces.rs"),
        include_str!("../src/dataset/mod.rs"),
    ];
    let mut names = BTreeSet::new();
    for line in sources.iter().flat_map(|s| s.lines()) {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("pub ") {
            if let Some((name, ty)) = rest.split_once(": ") {
                if ty.starts_with("Option<") || ty.starts_with("Vec<Option<") {
                    names.insert(name.to_string());
                }
            }
        }
    }
    names
}

/// Every `null` in `v` whose key is not an `Option` field (or a list of them), as a path.
fn bad_nulls(v: &Value, path: &str, key: &str, nullable: &BTreeSet<String>, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if x.is_null() && !nullable.contains(k) {
                    out.push(format!("{path}.{k}"));
                }
                bad_nulls(x, &format!("{path}.{k}"), k, nullable, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                if x.is_null() && !nullable.contains(key) {
                    out.push(format!("{path}[{i}]"));
                }
                bad_nulls(x, &format!("{path}[{i}]"), key, nullable, out);
            }
        }
        _ => {}
    }
}

/// The serialised report, checked: no NaN or infinity anywhere (they serialise as `null`).
fn checked<T: Serialize>(name: &str, report: &T) -> Value {
    let v = serde_json::to_value(report).unwrap();
    let mut bad = Vec::new();
    bad_nulls(&v, name, "", &nullable_fields(), &mut bad);
    bad.truncate(10);
    assert!(bad.is_empty(), "{name}: null (NaN or ±∞?) at {bad:?}");
    v
}

fn opts<T: serde::de::DeserializeOwned + Default>(v: Value) -> T {
    options_from_value(v).unwrap()
}

/// Every analysis over `data`, each report checked; returns them by name.
fn run_all(data: &Dataset) -> Vec<(&'static str, Value)> {
    let stages = StageMap::default();
    let month = |v: Value| v;
    vec![
        ("cx_report", checked("cx_report", &cx_report(data, &stages))),
        (
            "overview",
            checked(
                "overview",
                &overview(
                    data,
                    &opts(json!({"lifecycle": {"period": "month"},
                        "retention": {"period": "month", "periods": 3},
                        "funnel": {"steps": ["page_view", "purchase"]}})),
                )
                .unwrap(),
            ),
        ),
        (
            "funnel",
            checked(
                "funnel",
                &funnel(
                    data,
                    &opts(json!({"steps": ["page_view", "purchase"], "window_seconds": 2.5e11})),
                )
                .unwrap(),
            ),
        ),
        (
            "journey_map",
            checked("journey_map", &journey_map(data, &opts(json!({}))).unwrap()),
        ),
        (
            "pain_points",
            checked("pain_points", &pain_points(data, &opts(json!({}))).unwrap()),
        ),
        (
            "cx_pyramid",
            checked("cx_pyramid", &cx_pyramid(data, &opts(json!({}))).unwrap()),
        ),
        (
            "engagement",
            checked(
                "engagement",
                &engagement(
                    data,
                    &opts(month(json!({"bucket": "month", "breakdown": "channel"}))),
                )
                .unwrap(),
            ),
        ),
        (
            "engagement_score",
            checked(
                "engagement_score",
                &engagement_score(data, &opts(json!({}))).unwrap(),
            ),
        ),
        (
            "lifecycle",
            checked(
                "lifecycle",
                &lifecycle(data, &opts(json!({"period": "month"}))).unwrap(),
            ),
        ),
        (
            "retention",
            checked(
                "retention",
                &retention(data, &opts(json!({"period": "month", "periods": 3}))).unwrap(),
            ),
        ),
        (
            "sessions",
            checked(
                "sessions",
                &sessions(
                    data,
                    &opts(json!({"by_channel": true, "per_customer": true})),
                )
                .unwrap(),
            ),
        ),
        ("rfm", checked("rfm", &rfm(data, &opts(json!({}))).unwrap())),
        (
            "rule_segments",
            checked(
                "rule_segments",
                &rule_segments(
                    data,
                    &opts(json!({"rules": [{"name": "big", "rule": "revenue > 1"}]})),
                )
                .unwrap(),
            ),
        ),
        (
            "engagement_tiers",
            checked(
                "engagement_tiers",
                &engagement_tiers(data, &opts(json!({}))).unwrap(),
            ),
        ),
    ]
}

#[test]
fn every_analysis_runs_over_1900_to_9999_without_overflow_or_nan() {
    let data = extreme();
    let reports = run_all(&data);
    let get = |name: &str| reports.iter().find(|r| r.0 == name).unwrap().1.clone();
    // Sums of 2,000 purchases of 1e15 stay finite and exact.
    let rfm = get("rfm");
    let whale = rfm["per_customer"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["customer_id"] == "whale"))
        .cloned();
    if let Some(w) = whale {
        assert_eq!(w["monetary"], json!(2e18));
    }
    let overview = get("overview");
    assert!(overview.to_string().contains("9999-12-31"), "{overview}");
}

#[test]
fn an_empty_dataset_is_the_report_of_nothing_for_every_analysis() {
    let reports = run_all(&Dataset::default());
    assert_eq!(reports.len(), 14);
    let sessions = &reports.iter().find(|r| r.0 == "sessions").unwrap().1;
    assert_eq!(sessions["sessions"], json!(0), "{sessions}");
    let funnel = &reports.iter().find(|r| r.0 == "funnel").unwrap().1;
    assert_eq!(funnel["entered"], json!(0), "{funnel}");
    assert_eq!(funnel["conversion_rate"], Value::Null);
}

#[test]
fn a_session_over_the_whole_range_has_its_true_positive_duration() {
    let data = Dataset::from_events(vec![ev("a", FIRST, "click"), ev("a", LAST, "click")]).unwrap();
    let o = SessionOptions {
        inactivity_seconds: limits::MAX_WINDOW_MS as f64 / 1000.0,
        ..Default::default()
    };
    let r = sessions(&data, &o).unwrap();
    assert_eq!(r.overall.sessions, 1);
    let want = (LAST - FIRST) as f64 / 1000.0;
    assert_eq!(r.overall.duration_seconds.mean, Some(want));
    assert!(want > 2.5e11);
    // One millisecond less of inactivity: two sessions of no length.
    let o = SessionOptions {
        inactivity_seconds: (limits::MAX_WINDOW_MS - 1) as f64 / 1000.0,
        ..Default::default()
    };
    assert_eq!(sessions(&data, &o).unwrap().overall.sessions, 2);
}

#[test]
fn a_funnel_window_over_the_whole_range_converts() {
    let data =
        Dataset::from_events(vec![ev("a", FIRST, "page_view"), ev("a", LAST, "purchase")]).unwrap();
    let o: FunnelOptions = opts(
        json!({"steps": ["page_view", {"kind": "purchase", "within_seconds": limits::MAX_WINDOW_MS as f64 / 1000.0}],
        "window_seconds": limits::MAX_WINDOW_MS as f64 / 1000.0}),
    );
    let r = funnel(&data, &o).unwrap();
    assert_eq!(r.converted, 1);
    assert_eq!(
        r.steps[1].mean_seconds_from_first,
        Some((LAST - FIRST) as f64 / 1000.0)
    );
}

/// The option an analysis refuses, with `INVALID_CONFIG`.
fn refused<T>(r: Result<T>) -> String {
    match r {
        Ok(_) => panic!("accepted"),
        Err(e) => {
            assert_eq!(e.code(), "INVALID_CONFIG", "{e}");
            e.field().unwrap_or("").to_string()
        }
    }
}

#[test]
fn options_that_would_allocate_without_bound_are_refused() {
    let wide =
        Dataset::from_events(vec![ev("a", FIRST, "click"), ev("b", LAST, "purchase")]).unwrap();
    let e = |v| engagement(&wide, &opts(v));
    assert_eq!(refused(e(json!({"bucket": "day"}))), "bucket");
    assert_eq!(refused(e(json!({"bucket": "week"}))), "bucket");
    assert!(e(json!({"bucket": "month"})).is_ok()); // 97,200 months
    assert_eq!(
        refused(lifecycle(&wide, &opts(json!({"period": "day"})))),
        "period"
    );
    // In the overview, the option is named under its analysis.
    assert_eq!(
        refused(overview(&wide, &opts(json!({})))),
        "lifecycle.period"
    );
    assert_eq!(
        refused(retention(&wide, &opts(json!({"period": "week"})))),
        "period"
    );
    // 97,200 monthly cohorts × 1000 columns: more than 10 million cells.
    assert_eq!(
        refused(retention(
            &wide,
            &opts(json!({"period": "month", "periods": 1000}))
        )),
        "period"
    );
    for n in [0, 101, 1_000_000] {
        let o = JourneyMapOptions {
            path_length: n,
            ..Default::default()
        };
        assert_eq!(refused(journey_map(&wide, &o)), "path_length");
    }
    let steps: Vec<String> = (0..1_000).map(|i| format!("k{i}")).collect();
    assert_eq!(refused(funnel(&wide, &FunnelOptions::new(steps))), "steps");
    assert_eq!(
        refused(funnel(&wide, &FunnelOptions::new(["click"]))),
        "steps"
    );
    // Every step after the first optional: the first cannot be.
    let o: FunnelOptions = opts(
        json!({"steps": [{"kind": "click", "optional": true}, {"kind": "purchase", "optional": true}]}),
    );
    assert_eq!(refused(funnel(&wide, &o)), "steps[0].optional");
}

#[test]
fn zero_negative_huge_and_nan_windows_are_refused() {
    let data = extreme();
    let too_long = limits::MAX_WINDOW_MS as f64 / 1000.0 + 1.0;
    for bad in [0.0, -1.0, too_long, f64::NAN, f64::INFINITY, 1e300] {
        let mut o = FunnelOptions::new(["page_view", "purchase"]);
        o.window_seconds = bad;
        assert_eq!(refused(funnel(&data, &o)), "window_seconds", "{bad}");
        let mut o = FunnelOptions::new(["page_view", "purchase"]);
        o.steps[1].within_seconds = Some(bad);
        assert_eq!(
            refused(funnel(&data, &o)),
            "steps[1].within_seconds",
            "{bad}"
        );
        let o = SessionOptions {
            inactivity_seconds: bad,
            ..Default::default()
        };
        assert_eq!(refused(sessions(&data, &o)), "inactivity_seconds", "{bad}");
        let o = EngagementScoreOptions {
            half_life_seconds: bad,
            ..Default::default()
        };
        assert_eq!(
            refused(engagement_score(&data, &o)),
            "half_life_seconds",
            "{bad}"
        );
        let o = TierOptions {
            window_days: bad,
            ..Default::default()
        };
        assert_eq!(refused(engagement_tiers(&data, &o)), "window_days", "{bad}");
        let o = PyramidOptions {
            repeat_need_days: bad,
            ..Default::default()
        };
        assert_eq!(refused(cx_pyramid(&data, &o)), "repeat_need_days", "{bad}");
        let o = PainPointOptions {
            target_resolution_hours: bad,
            ..Default::default()
        };
        assert_eq!(
            refused(pain_points(&data, &o)),
            "target_resolution_hours",
            "{bad}"
        );
    }
    for bad in [-1.0, f64::NAN, 1e300] {
        let o = EngagementScoreOptions {
            trend_seconds: bad,
            ..Default::default()
        };
        assert_eq!(
            refused(engagement_score(&data, &o)),
            "trend_seconds",
            "{bad}"
        );
    }
}

#[test]
fn weights_past_1e6_or_not_finite_are_refused() {
    let data = extreme();
    for bad in [1e308, f64::NAN, f64::INFINITY, 1.5e6, -1.0] {
        let o = EngagementScoreOptions {
            other_weight: bad,
            ..Default::default()
        };
        assert_eq!(
            refused(engagement_score(&data, &o)),
            "other_weight",
            "{bad}"
        );
        let o = EngagementScoreOptions {
            weights: [("purchase".to_string(), bad)].into(),
            ..Default::default()
        };
        assert_eq!(
            refused(engagement_score(&data, &o)),
            "weights.purchase",
            "{bad}"
        );
        let o = EngagementScoreOptions {
            channel_weights: [("web".to_string(), bad)].into(),
            ..Default::default()
        };
        assert_eq!(
            refused(engagement_score(&data, &o)),
            "channel_weights.web",
            "{bad}"
        );
        let o = PainPointOptions {
            weights: [("drop_off".to_string(), bad)].into(),
            ..Default::default()
        };
        assert_eq!(refused(pain_points(&data, &o)), "weights.drop_off", "{bad}");
    }
    // The largest weights give finite scores.
    let o = EngagementScoreOptions {
        other_weight: limits::MAX_WEIGHT,
        weights: [("purchase".to_string(), limits::MAX_WEIGHT)].into(),
        channel_weights: [("web".to_string(), limits::MAX_WEIGHT)].into(),
        ..Default::default()
    };
    let r = engagement_score(&data, &o).unwrap();
    checked("engagement_score", &r);
    assert!(r.scale.is_some_and(f64::is_finite));
}

#[test]
fn as_of_out_of_range_is_refused_however_given() {
    let data = extreme();
    for t in [
        Timestamp(i64::MAX),
        Timestamp(i64::MIN),
        Timestamp(LAST + 1),
    ] {
        let o = RfmOptions {
            as_of: Some(t),
            ..Default::default()
        };
        assert_eq!(refused(rfm(&data, &o)), "as_of");
        let o = TierOptions {
            as_of: Some(t),
            ..Default::default()
        };
        assert_eq!(refused(engagement_tiers(&data, &o)), "as_of");
        let o = RuleSegmentOptions {
            as_of: Some(t),
            ..Default::default()
        };
        assert_eq!(refused(rule_segments(&data, &o)), "as_of");
        let o = EngagementScoreOptions {
            as_of: Some(t),
            ..Default::default()
        };
        assert_eq!(refused(engagement_score(&data, &o)), "as_of");
    }
    // In range at either end: fine, and the trend reaches before 1900 without overflow.
    for t in [FIRST, LAST] {
        let o = EngagementScoreOptions {
            as_of: Some(Timestamp(t)),
            trend_seconds: limits::MAX_WINDOW_MS as f64 / 1000.0,
            ..Default::default()
        };
        checked("engagement_score", &engagement_score(&data, &o).unwrap());
        let o = TierOptions {
            as_of: Some(Timestamp(t)),
            window_days: (limits::MAX_WINDOW_MS / DAY_MS) as f64,
            ..Default::default()
        };
        checked("engagement_tiers", &engagement_tiers(&data, &o).unwrap());
        let o = RfmOptions {
            as_of: Some(Timestamp(t)),
            ..Default::default()
        };
        checked("rfm", &rfm(&data, &o).unwrap());
    }
}

#[test]
fn a_predicate_nested_a_thousand_deep_is_refused_while_parsing() {
    let data = extreme();
    let rules = [
        format!("{}purchases > 1{}", "(".repeat(1000), ")".repeat(1000)),
        format!("{}purchases > 1", "not ".repeat(1000)),
        format!(
            "{}purchases > 1{}",
            "(".repeat(100_000),
            ")".repeat(100_000)
        ),
    ];
    for rule in rules {
        let o = RuleSegmentOptions {
            rules: vec![SegmentRule {
                name: "deep".into(),
                rule,
            }],
            ..Default::default()
        };
        let option = refused(rule_segments(&data, &o));
        assert!(option.starts_with("rules"), "{option}");
    }
    let ok = format!(
        "{}purchases > 1{}",
        "(".repeat(limits::MAX_PREDICATE_DEPTH),
        ")".repeat(limits::MAX_PREDICATE_DEPTH)
    );
    let o = RuleSegmentOptions {
        rules: vec![SegmentRule {
            name: "ok".into(),
            rule: ok,
        }],
        ..Default::default()
    };
    assert!(rule_segments(&data, &o).is_ok());
}
