//! Batch equals live: a stream of events fed to the live engine one at a time, in any
//! order, gives each customer the state the batch analyses give a dataset of the same
//! events; and the signals, folded in order, arrive at that state.

use proptest::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;
use touchpoint::{
    engagement_score, lifecycle, rule_segments, sessions, Channel, Dataset, EngagementScoreOptions,
    Event, EventKind, LifecycleOptions, LiveEngine, LiveOptions, Period, RuleSegmentOptions,
    SegmentRule, SessionOptions, Signal, SignalKind, SurveyMetric, Timestamp,
};

const KINDS: [&str; 10] = [
    "page_view",
    "click",
    "add_to_cart",
    "purchase",
    "review",
    "impression",
    "ticket_opened",
    "email_sent",
    "survey_response",
    "referral",
];
const CHANNELS: [&str; 4] = ["web", "app", "email", "store"];
const BASE: i64 = 1_772_323_200_000; // 2026-03-01

fn event(c: u32, minutes: u32, k: usize, ch: usize, x: u32) -> Event {
    let ts = Timestamp(BASE + i64::from(minutes) * 60_000);
    let mut e = Event::new(
        format!("c{c}"),
        ts,
        Channel::parse(CHANNELS[ch]).unwrap(),
        EventKind::parse(KINDS[k]).unwrap(),
    );
    if KINDS[k] == "purchase" && x % 3 != 0 {
        e = e.with_value(f64::from(x % 200) + 0.25);
    }
    if KINDS[k] == "survey_response" {
        e = e.with_survey(SurveyMetric::Nps, f64::from(x % 11));
    }
    if x % 7 == 0 {
        e = e.with_trait("plan", if x % 2 == 0 { "pro" } else { "free" });
    }
    e
}

fn rules() -> Vec<SegmentRule> {
    vec![
        SegmentRule::new("buyers", "purchases >= 2"),
        SegmentRule::new("pro", r#"plan == "pro""#),
        SegmentRule::new("recent", "last_seen_days_ago <= 3"),
        SegmentRule::new("unhappy", "nps_last <= 6"),
        SegmentRule::new("big", "revenue > 150 and stage >= \"buy\""),
    ]
}

fn options(period: Period) -> LiveOptions {
    LiveOptions {
        lifecycle: LifecycleOptions {
            period,
            ..Default::default()
        },
        engagement_score: EngagementScoreOptions {
            scale: Some(7.5),
            half_life_seconds: 3.0 * 86_400.0,
            ..Default::default()
        },
        sessions: SessionOptions {
            inactivity_seconds: 1800.0,
            ..Default::default()
        },
        segments: rules(),
        at_risk_days: 4.0,
        ..Default::default()
    }
}

/// Each customer's answers from the batch analyses, as `(field, value)` JSON.
fn batch(data: &Dataset, period: Period) -> BTreeMap<String, serde_json::Value> {
    let mut out: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    let lc = lifecycle(
        data,
        &LifecycleOptions {
            period,
            per_customer: true,
            ..Default::default()
        },
    )
    .unwrap();
    for r in lc.per_customer.unwrap() {
        out.insert(
            r.customer_id.clone(),
            json!({"stage": r.stage, "phase": r.phase, "status": r.status,
                   "last_active": r.last_active, "purchases": r.purchases,
                   "active_days": r.active_days}),
        );
    }
    let es = engagement_score(
        data,
        &EngagementScoreOptions {
            scale: Some(7.5),
            half_life_seconds: 3.0 * 86_400.0,
            ..Default::default()
        },
    )
    .unwrap();
    for r in es.per_customer.unwrap() {
        let o = out.get_mut(&r.customer_id).unwrap();
        o["score"] = json!(r.score);
        o["band"] = json!(r.band);
    }
    let s = sessions(
        data,
        &SessionOptions {
            per_customer: true,
            ..Default::default()
        },
    )
    .unwrap();
    for r in s.per_customer.unwrap() {
        out.get_mut(&r.customer_id).unwrap()["sessions"] = json!(r.sessions);
    }
    let seg = rule_segments(
        data,
        &RuleSegmentOptions {
            rules: rules(),
            include_members: true,
            ..Default::default()
        },
    )
    .unwrap();
    for id in out.keys().cloned().collect::<Vec<_>>() {
        let member_of: Vec<&str> = seg
            .segments
            .iter()
            .filter(|s| s.members.as_ref().unwrap().contains(&id))
            .map(|s| s.name.as_str())
            .collect();
        out.get_mut(&id).unwrap()["segments"] = json!(member_of);
    }
    out
}

fn live(engine: &LiveEngine) -> BTreeMap<String, serde_json::Value> {
    engine
        .customers()
        .map(|s| {
            (
                s.customer_id.clone(),
                json!({"stage": s.stage, "phase": s.phase, "status": s.lifecycle_status,
                       "last_active": s.last_active, "purchases": s.purchases,
                       "active_days": s.active_days, "score": s.engagement_score,
                       "band": s.health_band, "sessions": s.sessions, "segments": s.segments}),
            )
        })
        .collect()
}

/// Folds each customer's signals: stage, status, phase, band, at risk and segments after
/// the last signal of each, starting from a new customer's state.
fn fold(signals: &[Signal]) -> BTreeMap<String, BTreeMap<String, serde_json::Value>> {
    let mut out: BTreeMap<String, BTreeMap<String, serde_json::Value>> = BTreeMap::new();
    for s in signals {
        let c = out.entry(s.customer_id.clone()).or_default();
        // A new customer's band is the first one.
        c.entry("band".into()).or_insert(json!("red"));
        let mut set = |field: &str, from: &Option<String>, to: &Option<String>| {
            let before = c.get(field).cloned().unwrap_or(json!(null));
            assert_eq!(before, json!(from), "{field} of {}: {s:?}", s.customer_id);
            c.insert(field.to_string(), json!(to));
        };
        match s.signal {
            SignalKind::StageEntered => set("stage", &s.from, &s.to),
            SignalKind::LifecycleChanged => set("status", &s.from, &s.to),
            SignalKind::PhaseChanged => set("phase", &s.from, &s.to),
            SignalKind::HealthBandChanged => set("band", &s.from, &s.to),
            SignalKind::SegmentEntered => {
                let name = s.to.clone().unwrap();
                assert_ne!(c.get(&name), Some(&json!(true)));
                c.insert(name, json!(true));
            }
            SignalKind::SegmentLeft => {
                let name = s.from.clone().unwrap();
                assert_eq!(c.get(&name), Some(&json!(true)));
                c.insert(name, json!(false));
            }
            SignalKind::BecameAtRisk | SignalKind::NoLongerAtRisk => {
                c.insert(
                    "at_risk".into(),
                    json!(s.signal == SignalKind::BecameAtRisk),
                );
            }
            SignalKind::Detractor => {}
        }
    }
    out
}

fn stream() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec(
        (
            0u32..6,
            0u32..(30 * 1440),
            0usize..10,
            0usize..4,
            0u32..1000,
        ),
        1..70,
    )
    .prop_map(|raw| {
        raw.into_iter()
            .map(|(c, m, k, ch, x)| event(c, m, k, ch, x))
            .collect::<Vec<_>>()
    })
    .prop_shuffle()
}

proptest! {
    #![proptest_config(ProptestConfig {
        // 64 by default; PROPTEST_CASES=N for a longer run by hand.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct("tests/live.proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    /// Any stream, in any order: the live state equals the batch analyses' answers on a
    /// dataset of the same events (in the order the engine saw them, for equal times).
    #[test]
    fn batch_equals_live(events in stream(), weekly in any::<bool>()) {
        let period = if weekly { Period::Week } else { Period::Day };
        let mut engine = LiveEngine::new(options(period)).unwrap();
        let mut signals = Vec::new();
        for (i, e) in events.iter().enumerate() {
            signals.extend(engine.push(e.clone(), Some(&format!("m{i}"))).unwrap());
        }
        let data = Dataset::from_events(events.clone()).unwrap();
        prop_assert_eq!(live(&engine), batch(&data, period));
        // Every change came as a signal: folding them gives the final state.
        let folded = fold(&signals);
        for s in engine.customers() {
            let none = BTreeMap::from([("band".to_string(), json!("red"))]);
            let f = folded.get(&s.customer_id).unwrap_or(&none);
            prop_assert_eq!(f.get("stage").cloned().unwrap_or(json!(null)), json!(s.stage));
            prop_assert_eq!(f.get("status").cloned().unwrap_or(json!(null)), json!(s.lifecycle_status));
            prop_assert_eq!(f.get("phase").cloned().unwrap_or(json!(null)), json!(s.phase));
            prop_assert_eq!(f.get("at_risk").cloned().unwrap_or(json!(false)), json!(s.at_risk));
            prop_assert_eq!(&f["band"], &json!(s.health_band));
            for r in rules() {
                let member = s.segments.contains(&r.name);
                prop_assert_eq!(f.get(&r.name).cloned().unwrap_or(json!(false)), json!(member));
            }
        }
        // Feeding the same events again changes nothing: every id is a duplicate.
        for (i, e) in events.iter().enumerate() {
            let id = format!("m{i}");
            prop_assert!(engine.push(e.clone(), Some(&id)).unwrap().is_empty());
        }
        prop_assert_eq!(engine.stats().duplicates, events.len() as u64);
        prop_assert_eq!(live(&engine), batch(&data, period));
    }

    /// A snapshot taken anywhere in the stream restores an engine that goes on to the same
    /// signals and the same state.
    #[test]
    fn a_restored_engine_goes_on_alike(events in stream(), cut in 0usize..70) {
        let cut = cut.min(events.len());
        let mut a = LiveEngine::new(options(Period::Week)).unwrap();
        for (i, e) in events[..cut].iter().enumerate() {
            a.push(e.clone(), Some(&format!("m{i}"))).unwrap();
        }
        let mut b = LiveEngine::restore(&a.snapshot()).unwrap();
        for (i, e) in events.iter().enumerate().skip(cut) {
            let id = format!("m{i}");
            prop_assert_eq!(a.push(e.clone(), Some(&id)).unwrap(), b.push(e.clone(), Some(&id)).unwrap());
        }
        let end = Timestamp(BASE + 90 * 86_400_000);
        prop_assert_eq!(a.advance(end), b.advance(end));
        prop_assert_eq!(live(&a), live(&b));
        prop_assert_eq!(a.stats(), b.stats());
    }
}
