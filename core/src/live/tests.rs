use super::*;
use crate::{
    Channel, Event, EventKind, LifecycleStatus, RecordRef, SegmentRule, SurveyMetric, Timestamp,
    TouchpointError, DAY_MS,
};
use serde_json::json;

fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn ev(id: &str, at: &str, kind: EventKind) -> Event {
    Event::new(id, t(at), Channel::Web, kind)
}

fn kinds(signals: &[Signal]) -> Vec<(SignalKind, i64)> {
    signals.iter().map(|s| (s.signal, s.at.0)).collect()
}

#[test]
fn time_passing_brings_dormancy_at_the_period_start_and_risk_at_the_limit() {
    let mut e = LiveEngine::new(LiveOptions::default()).unwrap();
    // Wednesday 2026-03-04; weeks start on Monday.
    let s = e
        .push(ev("ana", "2026-03-04T10:00:00Z", EventKind::PageView), None)
        .unwrap();
    assert_eq!(s[0].signal, SignalKind::StageEntered);
    assert_eq!(s[1].to.as_deref(), Some("new"));
    let s = e.advance(t("2026-04-10T00:00:00Z"));
    let dormant = t("2026-03-09T00:00:00Z").0;
    let risk = t("2026-03-04T10:00:00Z").0 + 30 * DAY_MS;
    assert_eq!(
        kinds(&s),
        vec![
            (SignalKind::LifecycleChanged, dormant),
            (SignalKind::BecameAtRisk, risk)
        ]
    );
    assert_eq!(s[0].from.as_deref(), Some("new"));
    assert_eq!(s[0].to.as_deref(), Some("dormant"));
    // Activity again: resurrecting, no longer at risk.
    let s = e
        .push(ev("ana", "2026-04-10T09:00:00Z", EventKind::Click), None)
        .unwrap();
    let k: Vec<_> = s.iter().map(|s| s.signal).collect();
    assert!(k.contains(&SignalKind::NoLongerAtRisk), "{s:?}");
    assert_eq!(
        e.customer("ana").unwrap().lifecycle_status,
        Some(LifecycleStatus::Resurrecting)
    );
}

#[test]
fn a_decaying_score_leaves_its_band_when_it_crosses_the_edge() {
    let mut e = LiveEngine::new(LiveOptions::default()).unwrap();
    // Two fresh purchases: raw 20, score 86.5 (green from 70).
    let at = "2026-03-02T09:00:00Z";
    e.push(ev("ana", at, EventKind::Purchase), Some("a"))
        .unwrap();
    let s = e
        .push(ev("ana", at, EventKind::Purchase), Some("b"))
        .unwrap();
    assert!(s.iter().any(|s| s.signal == SignalKind::HealthBandChanged));
    let s = e.advance(t("2026-06-01T00:00:00Z"));
    let bands: Vec<_> = s
        .iter()
        .filter(|s| s.signal == SignalKind::HealthBandChanged)
        .collect();
    assert_eq!(bands.len(), 2, "{s:?}");
    // Green ends when 20 × 2^(−d/30 days) falls below −10 ln 0.3.
    let edge = -10.0 * (0.3f64).ln();
    let days = 30.0 * (20.0 / edge).log2();
    let expected = t(at).0 as f64 + days * DAY_MS as f64;
    assert!(
        (bands[0].at.0 as f64 - expected).abs() <= 2.0,
        "{:?} vs {expected}",
        bands[0].at
    );
    assert_eq!(bands[0].to.as_deref(), Some("yellow"));
}

#[test]
fn duplicates_are_dropped_and_late_events_marked() {
    let mut e = LiveEngine::new(LiveOptions::default()).unwrap();
    e.push(
        ev("ana", "2026-03-02T09:00:00Z", EventKind::PageView),
        Some("1"),
    )
    .unwrap();
    assert!(e
        .push(
            ev("ana", "2026-03-02T09:00:00Z", EventKind::PageView),
            Some("1")
        )
        .unwrap()
        .is_empty());
    // The same id for another customer is another event.
    e.push(
        ev("ben", "2026-03-02T09:00:00Z", EventKind::PageView),
        Some("1"),
    )
    .unwrap();
    e.push(
        ev("ana", "2026-03-05T09:00:00Z", EventKind::PageView),
        Some("2"),
    )
    .unwrap();
    let s = e
        .push(
            ev("ana", "2026-03-03T09:00:00Z", EventKind::Purchase),
            Some("3"),
        )
        .unwrap();
    assert!(s.iter().all(|s| s.late) && !s.is_empty(), "{s:?}");
    let st = e.stats();
    assert_eq!(
        (
            st.customers,
            st.events,
            st.duplicates,
            st.late_events,
            st.out_of_order_events
        ),
        (2, 4, 1, 1, 1)
    );
    assert_eq!(e.customer("ana").unwrap().purchases, 1);
}

#[test]
fn a_detractor_answer_is_a_signal() {
    let mut e = LiveEngine::new(LiveOptions::default()).unwrap();
    let s = e
        .push(
            ev("ana", "2026-03-02T09:00:00Z", EventKind::SurveyResponse)
                .with_survey(SurveyMetric::Nps, 3.0),
            None,
        )
        .unwrap();
    let d = s
        .iter()
        .find(|s| s.signal == SignalKind::Detractor)
        .unwrap();
    assert_eq!(d.to.as_deref(), Some("3"));
}

fn traits_engine() -> LiveEngine {
    let tr = |v: serde_json::Value| serde_json::from_value::<ComputedTrait>(v).unwrap();
    LiveEngine::new(LiveOptions {
        computed_traits: vec![
            tr(json!({"name": "views_7d", "aggregate": "count", "kinds": ["page_view"], "window_seconds": 604800})),
            tr(json!({"name": "spend", "aggregate": "sum", "of": "value"})),
            tr(json!({"name": "avg", "aggregate": "mean", "of": "value"})),
            tr(json!({"name": "low", "aggregate": "min", "of": "value"})),
            tr(json!({"name": "high", "aggregate": "max", "of": "value"})),
            tr(json!({"name": "fav", "aggregate": "most_frequent", "of": "category"})),
            tr(json!({"name": "first_channel", "aggregate": "first", "of": "channel"})),
            tr(json!({"name": "last_kind", "aggregate": "last", "of": "kind"})),
            tr(json!({"name": "cats", "aggregate": "unique", "of": "category"})),
            tr(json!({"name": "n_cats", "aggregate": "unique_count", "of": "category"})),
            tr(json!({"name": "no_data", "aggregate": "max", "of": "rating"})),
        ],
        segments: vec![SegmentRule::new("browsing", "views_7d >= 2")],
        ..LiveOptions::default()
    })
    .unwrap()
}

#[test]
fn computed_traits_as_segment_defines_them() {
    let mut e = traits_engine();
    let view =
        |at: &str, cat: &str| ev("ana", at, EventKind::PageView).with_property("category", cat);
    e.push(view("2026-03-01T09:00:00Z", "shoes"), None).unwrap();
    e.push(
        Event::new(
            "ana",
            t("2026-03-02T09:00:00Z"),
            Channel::App,
            EventKind::Purchase,
        )
        .with_value(30.0)
        .with_property("category", "bags"),
        None,
    )
    .unwrap();
    let s = e.push(view("2026-03-03T09:00:00Z", "bags"), None).unwrap();
    assert!(s.iter().any(|s| s.signal == SignalKind::SegmentEntered));
    e.push(
        Event::new(
            "ana",
            t("2026-03-04T09:00:00Z"),
            Channel::App,
            EventKind::Purchase,
        )
        .with_value(10.0),
        None,
    )
    .unwrap();
    let c = e.customer("ana").unwrap().computed_traits;
    let expect = json!({"views_7d": 2, "spend": 40.0, "avg": 20.0, "low": 10.0, "high": 30.0,
        "fav": "bags", "first_channel": "web", "last_kind": "purchase",
        "cats": ["shoes", "bags"], "n_cats": 2, "no_data": null});
    assert_eq!(serde_json::to_value(&c).unwrap(), expect);
    // The first view leaves the 7-day window on 2026-03-08T09:00: the segment is left then.
    let s = e.advance(t("2026-03-20T00:00:00Z"));
    let left = s
        .iter()
        .find(|s| s.signal == SignalKind::SegmentLeft)
        .unwrap();
    assert_eq!(left.at, t("2026-03-08T09:00:00Z"));
    assert_eq!(
        e.customer("ana").unwrap().computed_traits["views_7d"],
        json!(0)
    );
}

fn config_error(o: LiveOptions) -> String {
    match LiveEngine::new(o).unwrap_err() {
        TouchpointError::InvalidConfig { option, .. } => option,
        e => panic!("{e}"),
    }
}

#[test]
fn bad_options_are_named() {
    let mut o = LiveOptions::default();
    o.engagement_score.scale = None;
    assert_eq!(config_error(o), "engagement_score.scale");
    let mut o = LiveOptions::default();
    o.engagement_score.as_of = Some(t("2026-03-01"));
    assert_eq!(config_error(o), "engagement_score.as_of");
    let tr = |v: serde_json::Value| serde_json::from_value::<ComputedTrait>(v).unwrap();
    let with = |v| LiveOptions {
        computed_traits: vec![tr(v)],
        ..LiveOptions::default()
    };
    assert_eq!(
        config_error(with(json!({"name": "x", "aggregate": "sum"}))),
        "computed_traits.x.of"
    );
    assert_eq!(
        config_error(with(
            json!({"name": "x", "aggregate": "count", "of": "value"})
        )),
        "computed_traits.x.of"
    );
    assert_eq!(
        config_error(with(json!({"name": "purchases", "aggregate": "count"}))),
        "computed_traits.purchases.name"
    );
    assert_eq!(
        config_error(with(
            json!({"name": "x", "aggregate": "count", "window_seconds": 0})
        )),
        "computed_traits.x.window_seconds"
    );
    let o = LiveOptions {
        segments: vec![SegmentRule::new("s", "purchases >=")],
        ..LiveOptions::default()
    };
    assert_eq!(config_error(o), "segments.s.rule");
    let o = LiveOptions {
        at_risk_days: 0.0,
        ..LiveOptions::default()
    };
    assert_eq!(config_error(o), "at_risk_days");
}

#[test]
fn snapshots_from_a_later_version_or_cut_short_are_refused() {
    let mut e = traits_engine();
    e.push(
        ev("ana", "2026-03-01T09:00:00Z", EventKind::PageView),
        Some("x"),
    )
    .unwrap();
    let bytes = e.snapshot();
    let back = LiveEngine::restore(&bytes).unwrap();
    assert_eq!(back.customer("ana"), e.customer("ana"));
    let message = |b: &[u8]| match LiveEngine::restore(b).unwrap_err() {
        TouchpointError::Parse { record, message } => {
            assert_eq!(record, RecordRef::Record(1));
            message
        }
        e => panic!("{e}"),
    };
    let mut later = bytes.clone();
    later[4] = 2;
    assert!(message(&later).contains("version 2, written by a later touchpoint"));
    assert!(message(&bytes[..bytes.len() - 3]).contains("truncated"));
    assert!(message(b"TPPS\x01\0\0\0").contains("not a touchpoint live snapshot"));
    // A damaged event (a kind code past the table) is refused, not a panic later.
    let mut engine = LiveEngine::restore(&bytes).unwrap();
    engine.customers[0].rows[0].kind = 999;
    assert!(message(&engine.snapshot()).contains("event 1 of customer `ana`"));
}
