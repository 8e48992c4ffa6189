//! Every analysis gives the same report, bit for bit, whether its customers are walked in
//! one range or split into many ranges merged in order, on one thread or several.
//!
//! The reports are compared as their JSON text, so every float is compared by its exact
//! value. Tiny ranges (1, 2, 3, 7 customers) merge as often as possible; the thread pools
//! of 1 and 4 threads walk the same ranges in different orders.

use crate::parallel::with_leaf;
use crate::{
    cx_pyramid, cx_report, engagement, engagement_score, engagement_tiers, funnel, journey_map,
    lifecycle, overview, pain_points, purchase_histories, retention, rfm, rule_segments, sessions,
    Channel, Dataset, Event, EventKind, StageMap, SurveyMetric, Timestamp, DAY_MS,
};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Every analysis (by its dataset method's name), with options that fill every part of its
/// state (per-customer rows, breakdowns by channel and by trait, buckets, members).
pub(crate) fn cases() -> Vec<(&'static str, Value)> {
    let steps = json!(["page_view", "add_to_cart", "purchase"]);
    vec![
        ("cx_report", json!({})),
        (
            "cx_report",
            json!({"survey_response": "discover", "purchase": null}),
        ),
        (
            "sessions",
            json!({"per_customer": true, "by_channel": true}),
        ),
        (
            "engagement",
            json!({"bucket": "week", "breakdown": {"trait": "plan"}}),
        ),
        (
            "engagement",
            json!({"bucket": "month", "breakdown": "channel"}),
        ),
        ("engagement_score", json!({})),
        ("lifecycle", json!({"per_customer": true})),
        ("retention", json!({"period": "week", "periods": 8})),
        (
            "retention",
            json!({"period": "day", "periods": 30, "retention_type": "recurring"}),
        ),
        (
            "rfm",
            json!({"per_customer": true, "list_not_scored": true}),
        ),
        (
            "rule_segments",
            json!({"include_members": true, "rules": [
                {"name": "buyers", "rule": "purchases >= 1"},
                {"name": "pro", "rule": "plan == \"pro\""},
            ]}),
        ),
        (
            "rule_segments",
            json!({"include_members": true, "rules": [
                {"name": "win_back", "rule": "p_alive < 0.5 and purchases >= 2"},
                {"name": "valued", "rule": "clv > 1"},
            ], "customer_value": {
                "purchase_model": {"model": "bg_nbd", "unit": "day",
                    "params": {"r": 0.25, "alpha": 30.0, "a": 0.8, "b": 2.4}},
                "spend_model": {"model": "gamma_gamma",
                    "params": {"p": 6.25, "q": 3.74, "v": 15.4}},
            }}),
        ),
        ("engagement_tiers", json!({})),
        (
            "funnel",
            json!({"steps": steps, "breakdown": {"trait": "plan"}}),
        ),
        (
            "funnel",
            json!({"steps": steps, "breakdown": "channel", "order": "any_order"}),
        ),
        ("journey_map", json!({})),
        ("pain_points", json!({"min_evidence": 1})),
        ("cx_pyramid", json!({"min_evidence": 1})),
        (
            "overview",
            json!({"funnel": {"steps": steps, "breakdown": "channel"}}),
        ),
        ("purchase_histories", json!({})),
        (
            "experiment",
            json!({"experiment_id": "hero", "exposure_kind": "impression", "metrics": [
                {"name": "bought", "measure": "converted", "kinds": ["purchase"]},
                {"name": "revenue", "measure": "sum", "kinds": ["purchase"],
                 "pre_exposure_seconds": 2_592_000},
                {"name": "order value", "measure": "ratio",
                 "numerator": {"measure": "sum", "kinds": ["purchase"]},
                 "denominator": {"measure": "count", "kinds": ["purchase"]}},
                {"name": "nps", "measure": "nps"},
                {"name": "d7", "measure": "retained", "day": 7},
            ], "breakdown": "channel", "statistics": {"correction": "holm"}}),
        ),
        (
            "experiment",
            json!({"experiment_id": "hero", "exposure_kind": "impression", "metrics": [
                {"name": "views", "measure": "count", "kinds": ["page_view"]},
            ], "breakdown": "stage", "statistics": {"engine": "bayesian"}}),
        ),
        (
            "purchase_histories",
            json!({"unit": "week", "unit_multiplier": 2, "include_first_purchase": true,
                   "refund_kinds": ["email_open"]}),
        ),
        // The split with the end of observation by default: the last purchase of all.
        (
            "purchase_histories",
            json!({"calibration_end": "2026-01-20T00:00:00Z"}),
        ),
        (
            "purchase_histories",
            json!({"unit": "month", "calibration_end": "2026-01-20T12:00:00Z",
                   "observation_end": "2026-03-15T00:00:00Z"}),
        ),
    ]
}

/// The report of `analysis` with `options` through its public function, as JSON text.
pub(crate) fn report(data: &Dataset, analysis: &str, options: &Value) -> String {
    fn opts<T: serde::de::DeserializeOwned>(v: &Value) -> T {
        serde_json::from_value(v.clone()).unwrap()
    }
    fn text(r: impl serde::Serialize) -> String {
        serde_json::to_string(&r).unwrap()
    }
    let o = options;
    match analysis {
        "cx_report" => {
            let overrides: std::collections::BTreeMap<String, Option<String>> = opts(o);
            let stages =
                StageMap::with_overrides(overrides.iter().map(|(k, v)| (k.as_str(), v.as_deref())))
                    .unwrap();
            text(cx_report(data, &stages))
        }
        "sessions" => text(sessions(data, &opts(o)).unwrap()),
        "engagement" => text(engagement(data, &opts(o)).unwrap()),
        "engagement_score" => text(engagement_score(data, &opts(o)).unwrap()),
        "lifecycle" => text(lifecycle(data, &opts(o)).unwrap()),
        "retention" => text(retention(data, &opts(o)).unwrap()),
        "rfm" => text(rfm(data, &opts(o)).unwrap()),
        "rule_segments" => text(rule_segments(data, &opts(o)).unwrap()),
        "engagement_tiers" => text(engagement_tiers(data, &opts(o)).unwrap()),
        "funnel" => text(funnel(data, &opts(o)).unwrap()),
        "journey_map" => text(journey_map(data, &opts(o)).unwrap()),
        "pain_points" => text(pain_points(data, &opts(o)).unwrap()),
        "cx_pyramid" => text(cx_pyramid(data, &opts(o)).unwrap()),
        "overview" => text(overview(data, &opts(o)).unwrap()),
        // Refused when no purchase follows `calibration_end`: the error is the report.
        "purchase_histories" => match purchase_histories(data, &opts(o)) {
            Ok(r) => text(r),
            Err(e) => text(e),
        },
        // Refused when a variant has no variance: the error is the report.
        "experiment" => match crate::experiment(data, &opts(o)) {
            Ok(r) => text(r),
            Err(e) => text(e),
        },
        other => panic!("no analysis {other}"),
    }
}

/// Every case's report, as JSON text.
fn all_reports(data: &Dataset) -> Vec<(&'static str, String)> {
    cases()
        .into_iter()
        .map(|(name, o)| (name, report(data, name, &o)))
        .collect()
}

const KINDS: [&str; 14] = [
    "page_view",
    "add_to_cart",
    "purchase",
    "survey_response",
    "email_open",
    "email_sent",
    "click",
    "impression",
    "ticket_opened",
    "ticket_resolved",
    "review",
    "share",
    "referral",
    "faq_view",
];
const CHANNELS: [&str; 5] = ["web", "app", "email", "store", "support"];
const PLANS: [&str; 4] = ["free", "pro", "team", "enterprise"];
const START: i64 = 1_767_225_600_000; // 2026-01-01

/// One event from small numbers: customer, day and minute, kind, channel, a score.
pub(crate) fn event(
    customer: u32,
    day: u32,
    minute: u32,
    kind: usize,
    channel: usize,
    x: u32,
) -> Event {
    let kind_name = KINDS[kind % KINDS.len()];
    let t = Timestamp(START + day as i64 * DAY_MS + minute as i64 * 60_000);
    let mut e = Event::new(
        format!("c{customer}"),
        t,
        Channel::parse(CHANNELS[channel % CHANNELS.len()]).unwrap(),
        EventKind::parse(kind_name).unwrap(),
    );
    match kind_name {
        "purchase" => e = e.with_value(f64::from(x % 400) * 0.25 + 0.1),
        // An exposure to one of three variants (one of every 50 to the other experiment).
        "impression" => {
            let experiment = if x % 50 == 0 { "other" } else { "hero" };
            e = e
                .with_property("experiment_id", experiment)
                .with_property("variation_id", x % 3);
        }
        "survey_response" => {
            e = match x % 3 {
                0 => e.with_survey(SurveyMetric::Nps, f64::from(x % 11)),
                1 => e.with_survey(SurveyMetric::Csat, f64::from(1 + x % 5)),
                _ => e
                    .with_survey(SurveyMetric::Ces, f64::from(1 + x % 7))
                    .with_answer(SurveyMetric::Nps, f64::from(x % 11)),
            }
        }
        _ => {}
    }
    if x % 5 == 0 {
        e = e.with_trait("plan", PLANS[(customer as usize) % PLANS.len()]);
    }
    e
}

/// A deterministic dataset of `customers` customers with skewed activity.
fn generated(customers: u32, seed: u64) -> Dataset {
    Dataset::from_events(generated_events(customers, seed)).unwrap()
}

/// The events of [`generated`], customer by customer.
pub(crate) fn generated_events(customers: u32, seed: u64) -> Vec<Event> {
    let mut state = seed | 1;
    let mut next = move || {
        // xorshift64*: enough to spread test events; no statistical claims.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as u32
    };
    let mut events = Vec::new();
    for c in 0..customers {
        let n = 1 + next() % if c % 7 == 0 { 40 } else { 6 };
        let mut day = next() % 90;
        for _ in 0..n {
            day = (day + next() % 3).min(119);
            let (minute, kind, channel, x) = (next() % 1440, next(), next(), next());
            events.push(event(c, day, minute, kind as usize, channel as usize, x));
        }
    }
    events
}

/// Runs `f` on a pool of `threads` threads.
fn on_threads<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

fn assert_same(expected: &[(&str, String)], got: &[(&str, String)], how: &str) {
    for ((name, a), (_, b)) in expected.iter().zip(got) {
        assert!(a == b, "{name}, {how}: the reports differ\n{a}\n{b}");
    }
}

#[test]
fn split_and_parallel_walks_equal_the_single_walk() {
    // 6,000 customers: the default ranges (2,048) split even without a test leaf.
    let data = generated(6_000, 7);
    let single = with_leaf(usize::MAX, || all_reports(&data));
    for threads in [1, 2, 4] {
        let got = on_threads(threads, || all_reports(&data));
        assert_same(
            &single,
            &got,
            &format!("default ranges on {threads} threads"),
        );
    }
    for leaf in [1, 7, 100] {
        let got = on_threads(4, || with_leaf(leaf, || all_reports(&data)));
        assert_same(&single, &got, &format!("ranges of {leaf} on 4 threads"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Arbitrary small event streams (customers interleaved, times in any order), split into
    /// ranges of 1 to 4 customers.
    #[test]
    fn any_split_gives_the_single_walk(
        raw in prop::collection::vec((0u32..12, 0u32..60, 0u32..1440, 0usize..14, 0usize..5, 0u32..1000), 1..80),
        leaf in 1usize..5,
    ) {
        let events: Vec<Event> = raw
            .iter()
            .map(|&(c, d, m, k, ch, x)| event(c, d, m, k, ch, x))
            .collect();
        let data = Dataset::from_events(events).unwrap();
        let single = with_leaf(usize::MAX, || all_reports(&data));
        let split = on_threads(2, || with_leaf(leaf, || all_reports(&data)));
        for ((name, a), (_, b)) in single.iter().zip(&split) {
            prop_assert_eq!(a, b, "{} with ranges of {}", name, leaf);
        }
    }
}
