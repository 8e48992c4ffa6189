//! Target `analyses`: a small dataset built from the bytes (a few customers; events with
//! times across the whole valid range, values up to the limit, survey answers, traits, free
//! text), every
//! analysis run with default options and with options picked by the bytes. Checked: no
//! panic, no NaN, the invariants of [`check_json`](super::check::check_json), and the same
//! results when the events arrive in another order.

use super::bytes::{Bytes, BASE, CHANNELS, KINDS, METRICS, TIMES, VALID_VALUES, VALUES};
use super::check::canonical;
use super::options::{run_analysis, ANALYSES};
use serde_json::{json, Value};
use touchpoint::limits::LATEST_MS;
use touchpoint::{Dataset, Mode, StageMap, Timestamp};

/// Options to try, per analysis (besides the defaults).
fn options_for(name: &str) -> Vec<Value> {
    let t = |ms: i64| Value::String(Timestamp(ms).to_rfc3339());
    match name {
        "sessions" => vec![
            json!({"inactivity_seconds": 1, "by_channel": true, "per_customer": true}),
            json!({"inactivity_seconds": 1e9}),
        ],
        "engagement" => vec![
            json!({"bucket": "day", "breakdown": "channel"}),
            json!({"bucket": "month"}),
            json!({"bucket": "week", "active_kinds": ["purchase", "click"]}),
        ],
        "lifecycle" => vec![
            json!({"period": "day", "per_customer": true}),
            json!({"period": "month", "relationship_days": 1}),
        ],
        "engagement_score" => vec![
            json!({"per_customer": true, "half_life_seconds": 1, "weights": {"purchase": 1e6, "click": -1e6}}),
            json!({"as_of": t(TIMES[0]), "scale": 1e6, "channel_weights": {"web": 0.5}}),
        ],
        "funnel" => vec![
            json!({"steps": ["page_view", "add_to_cart", "purchase"]}),
            json!({"steps": ["page_view", {"kind": "purchase", "within_seconds": 1}], "order": "any"}),
            json!({"steps": ["email_open", "click", "purchase"], "window_seconds": 3.1e11, "breakdown": "channel"}),
        ],
        "retention" => vec![
            json!({"period": "day", "periods": 40}),
            json!({"period": "month", "start_event": "purchase", "return_event": "purchase"}),
        ],
        "journey_map" => vec![
            json!({"node": "channel", "path_length": 100, "top_paths": 3}),
            json!({"collapse_repeats": false, "path_length": 1}),
        ],
        "pain_points" => {
            vec![json!({"min_evidence": 1, "top": 1, "target_resolution_hours": 0.001})]
        }
        "cx_pyramid" => vec![json!({"min_evidence": 1, "no_data_blocks": true})],
        "rfm" => vec![
            json!({"per_customer": true, "list_not_scored": true}),
            json!({"as_of": t(BASE)}),
            json!({"as_of": t(LATEST_MS)}),
        ],
        "engagement_tiers" => vec![
            json!({"per_customer": true, "window_days": 1e5}),
            json!({"as_of": t(TIMES[0]), "window_days": 0.5}),
        ],
        "rule_segments" => vec![
            json!({"rules": [{"name": "buyers", "rule": "purchases >= 1 and revenue > 10 or plan == \"pro\""},
                                                 {"name": "recent", "rule": "last_seen_days_ago < 30"}], "include_members": true}),
        ],
        "experiment" => vec![
            json!({"experiment_id": "x", "metrics": [
                {"name": "bought", "measure": "converted", "kinds": ["purchase"]},
                {"name": "revenue", "measure": "sum", "pre_exposure_seconds": 86400},
                {"name": "aov", "measure": "ratio", "numerator": {"measure": "sum"},
                 "denominator": {"measure": "count", "kinds": ["purchase"]}},
                {"name": "nps", "measure": "nps", "window_seconds": 1},
                {"name": "d1", "measure": "retained", "day": 1},
                {"name": "f", "measure": "funnel", "steps": ["page_view", "purchase"]},
            ], "breakdown": "stage"}),
            json!({"experiment_id": "x", "variants": ["0", "1"], "breakdown": {"trait": "plan"},
                   "metrics": [{"name": "n", "measure": "count"}],
                   "statistics": {"engine": "bayesian"}}),
        ],
        "voice_of_customer" => vec![
            json!({"segment_trait": "plan", "min_comments": 1, "terms": 3, "examples": 1}),
            json!({"detect_language": false, "threshold": 0.9, "examples": 0, "stage_map": {"review": "discover"}}),
        ],
        _ => vec![json!({"funnel": {"steps": ["page_view", "purchase"]}})],
    }
}

/// A time in range: one of [`TIMES`] (when `wide`, else one around 2026) moved by a few
/// seconds to hours, inward at the top.
fn time(b: &mut Bytes<'_>, wide: bool) -> i64 {
    let t = b.pick(if wide { &TIMES[..] } else { &TIMES[6..] });
    let step = b.pick(&[0, 1, 1000, 60_000, 3_600_000]) * b.below(8) as i64;
    if t + step > LATEST_MS {
        t - step
    } else {
        t + step
    }
}

/// The event records decoded from the bytes: at most one event per customer and time, so
/// that their order within a customer is the time order whatever the input order.
fn records(b: &mut Bytes<'_>) -> Vec<(usize, Value)> {
    // A first byte divisible by 4: times across the whole valid range (1900 and 9999 in one
    // dataset), else within weeks of 2026.
    let wide = b.byte() % 4 == 0;
    let customers = 1 + b.below(4);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for _ in 0..b.below(25) {
        let c = b.below(customers);
        let ms = time(b, wide);
        if !seen.insert((c, ms)) {
            continue;
        }
        let id = ["ana", "ben", "cara", "42"][c];
        let mut r = json!({
            "customer_id": id,
            "timestamp": ms,
            "channel": b.pick(&CHANNELS[..8]),
            "kind": b.pick(&KINDS[..19]),
        });
        let extras = b.byte();
        if extras & 1 == 1 {
            r["value"] = json!(b.pick(&VALUES[..VALID_VALUES]));
        }
        if extras & 2 == 2 {
            // Not a metric of `answers` below: one answer per metric on an event.
            let metric = b.pick(&[METRICS[0], METRICS[1], METRICS[4], METRICS[5]]);
            let score =
                b.below(if metric == "nps" { 11 } else { 5 }) + usize::from(metric != "nps");
            r["survey"] = json!({"metric": metric, "score": score});
        }
        if extras & 4 == 4 {
            r["answers"] = json!({"ces": 1 + b.below(7), "will_buy_again": 1 + b.below(5)});
        }
        if extras & 8 == 8 {
            r["traits"] = json!({"plan": b.pick(&["pro", "free"]), "vip": b.bool()});
        }
        if extras & 48 == 48 {
            // An exposure of experiment `x` (or another), to variant 0, 1, "2" or none.
            r["kind"] = json!("Experiment Viewed");
            let variant = b.pick(&[json!(0), json!(1), json!("2"), Value::Null]);
            r["properties"] =
                json!({"experiment_id": b.pick(&["x", "x", "y"]), "variation_id": variant});
        }
        if extras & 64 == 64 {
            // Free text: negative, positive, blank, another language, emoji.
            r["text"] = json!(b.pick(&TEXTS));
        }
        out.push((c, r));
    }
    out
}

/// Free texts the events may carry.
const TEXTS: [&str; 6] = [
    "Late again, the parcel was damaged. Terrible!",
    "Great service, thank you :)",
    "   ",
    "Le service client était vraiment horrible.",
    "ok",
    "NOT bad at all 😍 but the app crashed twice...",
];

/// The dataset of `records` in the given order (they are valid: it must read).
fn dataset(records: impl IntoIterator<Item = Value>) -> Dataset {
    match touchpoint::read_records(records, Mode::Strict) {
        Ok(read) => read.dataset,
        Err(e) => panic!("valid records refused: {e}"),
    }
}

/// Analysis `pick` (`None`: the CX report) as canonical JSON, or the error's code and field.
fn result(data: &Dataset, pick: Option<&(usize, Value)>) -> Value {
    let Some((index, options)) = pick else {
        let report = touchpoint::cx_report(data, &StageMap::default());
        return canonical(&super::check::result_json("cx_report", &report));
    };
    match run_analysis(*index, data, options.clone(), false) {
        Ok(json) => canonical(&json),
        Err(e) => {
            assert_eq!(e.code(), "INVALID_CONFIG", "{}: {e}", ANALYSES[*index]);
            json!({"error": e.code(), "field": e.field()})
        }
    }
}

/// Builds a dataset from `data`, runs everything, then again with the events shuffled.
pub fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let records = records(&mut b);
    // Default options for every analysis, and one more option set for some.
    let mut picks: Vec<(usize, Value)> = (0..ANALYSES.len()).map(|i| (i, Value::Null)).collect();
    for (i, name) in ANALYSES.iter().enumerate() {
        if b.bool() {
            picks.push((i, b.pick(&options_for(name))));
        }
    }
    let data = dataset(records.iter().map(|(_, r)| r.clone()));

    // Another order: each position keeps its customer (so customers are first seen in the
    // same order and their sums add up in the same order), its event is another of theirs.
    let mut by_customer: Vec<Vec<Value>> = vec![Vec::new(); 4];
    for (c, r) in &records {
        by_customer[*c].push(r.clone());
    }
    for events in &mut by_customer {
        let n = events.len();
        for i in (1..n).rev() {
            events.swap(i, b.below(i + 1));
        }
        events.reverse();
    }
    let shuffled: Vec<Value> = records
        .iter()
        .map(|(c, _)| by_customer[*c].pop().expect("one event per position"))
        .collect();
    let again = dataset(shuffled);
    // One analysis at a time: results over a long time span can be large.
    for pick in std::iter::once(None).chain(picks.iter().map(Some)) {
        let name = pick.map_or("cx_report", |(i, _)| ANALYSES[*i]);
        assert_eq!(
            result(&data, pick),
            result(&again, pick),
            "{name}: another event order gives another result"
        );
    }
}
