//! The live engine over one million events of 100,000 customers (ten each, in time order,
//! string ids, a realistic mix of kinds and channels, ids on every event), with every state
//! it keeps on: lifecycle, engagement score and bands, sessions, segment metrics, five rule
//! segments and five computed traits (two of them windowed).
//!
//! The peer in the same run is the batch path to the same answers: a dataset built from the
//! same events, then `lifecycle`, `engagement_score`, `sessions` and `rule_segments` on it.
//! The snapshot bench saves and restores one million customers (three events each) and
//! prints the snapshot's size per customer.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use serde_json::json;
use std::hint::black_box;
use touchpoint::{
    engagement_score, lifecycle, rule_segments, sessions, Channel, ComputedTrait, Dataset,
    EngagementScoreOptions, Event, EventKind, LifecycleOptions, LiveEngine, LiveOptions,
    RuleSegmentOptions, SegmentRule, SessionOptions, Timestamp,
};

const KINDS: [&str; 8] = [
    "page_view",
    "page_view",
    "click",
    "add_to_cart",
    "page_view",
    "purchase",
    "email_open",
    "review",
];
const CHANNELS: [&str; 4] = ["web", "app", "email", "store"];

/// `customers × per` events in time order: customer `i`'s `j`-th event at about `j` days.
fn events(customers: usize, per: usize) -> Vec<(Event, String)> {
    let base = 1_767_225_600_000i64; // 2026-01-01
    let mut out = Vec::with_capacity(customers * per);
    for j in 0..per {
        for i in 0..customers {
            let n = i * 7 + j * 13;
            let ts = base + j as i64 * 86_400_000 + (i as i64 * 37_000) % 86_400_000;
            let mut e = Event::new(
                format!("c{i}"),
                Timestamp(ts),
                Channel::parse(CHANNELS[n % 4]).unwrap(),
                EventKind::parse(KINDS[n % 8]).unwrap(),
            );
            if KINDS[n % 8] == "purchase" {
                e = e.with_value((n % 90) as f64 + 9.99);
            }
            if n % 5 == 0 {
                e = e.with_property("category", ["shoes", "bags", "hats"][n % 3]);
            }
            out.push((e, format!("m{}", out.len())));
        }
    }
    out.sort_by_key(|(e, _)| e.timestamp);
    out
}

fn rules() -> Vec<SegmentRule> {
    vec![
        SegmentRule::new("buyers", "purchases >= 2"),
        SegmentRule::new("big", "revenue > 150"),
        SegmentRule::new("lapsed", "last_seen_days_ago > 14"),
        SegmentRule::new("browsers", "views_30d >= 3 and purchases == 0"),
        SegmentRule::new("bags", r#"favourite == "bags""#),
    ]
}

fn options() -> LiveOptions {
    let tr = |v: serde_json::Value| serde_json::from_value::<ComputedTrait>(v).unwrap();
    LiveOptions {
        segments: rules(),
        computed_traits: vec![
            tr(
                json!({"name": "views_30d", "aggregate": "count", "kinds": ["page_view"], "window_seconds": 2_592_000}),
            ),
            tr(json!({"name": "spend", "aggregate": "sum", "of": "value"})),
            tr(json!({"name": "favourite", "aggregate": "most_frequent", "of": "category"})),
            tr(json!({"name": "channels", "aggregate": "unique_count", "of": "channel"})),
            tr(
                json!({"name": "carts_7d", "aggregate": "count", "kinds": ["add_to_cart"], "window_seconds": 604_800}),
            ),
        ],
        ..LiveOptions::default()
    }
}

fn batch(events: &[(Event, String)]) -> usize {
    let data = Dataset::from_events(events.iter().map(|(e, _)| e.clone())).unwrap();
    let l = lifecycle(
        &data,
        &LifecycleOptions {
            per_customer: true,
            ..Default::default()
        },
    )
    .unwrap();
    let s = engagement_score(
        &data,
        &EngagementScoreOptions {
            scale: Some(10.0),
            ..Default::default()
        },
    )
    .unwrap();
    let x = sessions(
        &data,
        &SessionOptions {
            per_customer: true,
            ..Default::default()
        },
    )
    .unwrap();
    let r = rule_segments(
        &data,
        &RuleSegmentOptions {
            rules: rules()
                .into_iter()
                .filter(|r| r.name != "browsers" && r.name != "bags")
                .collect(),
            ..Default::default()
        },
    )
    .unwrap();
    l.per_customer.unwrap().len()
        + s.customers as usize
        + x.per_customer.unwrap().len()
        + r.segments.len()
}

fn live(c: &mut Criterion) {
    let stream = events(100_000, 10);
    let mut g = c.benchmark_group("live");
    g.sample_size(10);
    g.throughput(Throughput::Elements(stream.len() as u64));
    // The peer: the batch analyses on a dataset of the same events (one thread, as the engine).
    touchpoint::set_threads(1).unwrap();
    g.bench_function(
        "peer: dataset + lifecycle, score, sessions, segments (1 thread)",
        |b| b.iter(|| black_box(batch(&stream))),
    );
    g.bench_function("live engine: push 1M events, every state on", |b| {
        b.iter_batched(
            || stream.clone(),
            |stream| {
                let mut engine = LiveEngine::new(options()).unwrap();
                let mut signals = 0usize;
                for (e, id) in stream {
                    signals += engine.push(e, Some(&id)).unwrap().len();
                }
                black_box((engine.stats(), signals))
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("live engine: push 1M events, no segments or traits", |b| {
        b.iter_batched(
            || stream.clone(),
            |stream| {
                let mut engine = LiveEngine::new(LiveOptions::default()).unwrap();
                let mut signals = 0usize;
                for (e, id) in stream {
                    signals += engine.push(e, Some(&id)).unwrap().len();
                }
                black_box((engine.stats(), signals))
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn snapshot(c: &mut Criterion) {
    let mut engine = LiveEngine::new(options()).unwrap();
    for (e, id) in events(1_000_000, 3) {
        engine.push(e, Some(&id)).unwrap();
    }
    let bytes = engine.snapshot();
    println!(
        "live snapshot: 1,000,000 customers, 3,000,000 events: {} bytes, {:.1} bytes per customer",
        bytes.len(),
        bytes.len() as f64 / 1e6
    );
    let mut g = c.benchmark_group("live_snapshot");
    g.sample_size(10);
    g.bench_function("snapshot 1M customers", |b| {
        b.iter(|| black_box(engine.snapshot().len()))
    });
    g.bench_function("restore 1M customers", |b| {
        b.iter(|| black_box(LiveEngine::restore(&bytes).unwrap().stats()))
    });
    g.finish();
}

criterion_group!(benches, live, snapshot);
criterion_main!(benches);
