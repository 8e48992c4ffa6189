//! An experiment read from 10M events (500,000 customers: one `Experiment Viewed` exposure
//! each, in time order, then page views, carts and purchases), beside two peers in the same
//! run so the figures read as ratios:
//!
//! - a hand-written loop over the same dataset that does the least work possible (find the
//!   exposure by kind code and property, sum conversions and revenue after it) on one thread;
//! - the funnel of the same dataset (another analysis of the single pass).
//!
//! Set `TOUCHPOINT_BENCH_CUSTOMERS` for another size (events = 20 × customers).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use touchpoint::{
    experiment, funnel, Channel, Dataset, DatasetBuilder, Event, EventKind, ExperimentEventOptions,
    FunnelOptions, RecordRef, Timestamp,
};

const EVENTS_PER_CUSTOMER: usize = 20;

fn customers() -> usize {
    std::env::var("TOUCHPOINT_BENCH_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500_000)
}

/// The events, customer by customer, each customer's in time order.
fn dataset(n: usize) -> Dataset {
    let mut seed = 7u64;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    let viewed = EventKind::parse("Experiment Viewed").unwrap();
    let mut b = DatasetBuilder::new();
    let start = 1_772_323_200_000i64; // 2026-03-01
    let mut record = 0u64;
    for c in 0..n {
        let id = format!("user-{c}");
        let variant = next(2);
        let mut t = start + next(30 * 86_400) as i64 * 1000;
        let mut push = |e: Event, b: &mut DatasetBuilder| {
            record += 1;
            b.push_event(e, RecordRef::Record(record)).unwrap();
        };
        let exposure = Event::new(&id, Timestamp(t), Channel::Web, viewed.clone())
            .with_property("experiment_id", "new-checkout")
            .with_property("variation_id", variant);
        push(exposure, &mut b);
        for _ in 1..EVENTS_PER_CUSTOMER {
            t += 60_000 + next(3_600_000) as i64;
            let roll = next(100);
            let (kind, value) = if roll < 4 + variant {
                (EventKind::Purchase, Some(10.0 + next(200) as f64))
            } else if roll < 15 {
                (EventKind::AddToCart, None)
            } else {
                (EventKind::PageView, None)
            };
            let mut e = Event::new(&id, Timestamp(t), Channel::Web, kind);
            if let Some(v) = value {
                e = e.with_value(v);
            }
            push(e, &mut b);
        }
    }
    b.finish()
}

/// The least work: per variant, customers, converted customers and revenue after exposure.
fn peer(data: &Dataset) -> [[f64; 3]; 2] {
    let viewed = data
        .kind_code(&EventKind::parse("Experiment Viewed").unwrap())
        .unwrap();
    let purchase = data.kind_code(&EventKind::Purchase).unwrap();
    let mut out = [[0.0; 3]; 2];
    for c in data.customers() {
        let Some(i) = c.kind.iter().position(|&k| k == viewed) else {
            continue;
        };
        if c.property(i, "experiment_id").and_then(|v| v.as_str()) != Some("new-checkout") {
            continue;
        }
        let v = c
            .property(i, "variation_id")
            .and_then(|v| v.as_u64())
            .unwrap() as usize;
        let (mut bought, mut revenue) = (false, 0.0);
        for j in i..c.len() {
            if c.kind[j] == purchase {
                bought = true;
                revenue += c.value[j];
            }
        }
        out[v][0] += 1.0;
        out[v][1] += f64::from(u8::from(bought));
        out[v][2] += revenue;
    }
    out
}

fn bench(c: &mut Criterion) {
    let n = customers();
    let data = dataset(n);
    let options: ExperimentEventOptions = touchpoint::options_from_value(serde_json::json!({
        "experiment_id": "new-checkout",
        "metrics": [
            {"name": "purchased", "measure": "converted", "kinds": ["purchase"]},
            {"name": "revenue", "measure": "sum", "kinds": ["purchase"]},
        ],
    }))
    .unwrap();
    // The same sums as the peer's.
    let r = experiment(&data, &options).unwrap();
    let p = peer(&data);
    for v in 0..2 {
        assert_eq!(r.exposed[v] as f64, p[v][0]);
        assert_eq!(r.data.metrics[0].sum[v], p[v][1]);
        assert!((r.data.metrics[1].sum[v] - p[v][2]).abs() <= 1e-9 * p[v][2]);
    }
    let steps = FunnelOptions::new(["page_view", "add_to_cart", "purchase"]);
    let mut g = c.benchmark_group(format!(
        "experiment_from_{}_events",
        n * EVENTS_PER_CUSTOMER
    ));
    g.throughput(Throughput::Elements((n * EVENTS_PER_CUSTOMER) as u64));
    g.sample_size(10);
    g.bench_function("touchpoint experiment (2 metrics)", |b| {
        b.iter(|| experiment(black_box(&data), &options).unwrap().exposed[0])
    });
    g.bench_function("peer: least-work loop, one thread", |b| {
        b.iter(|| peer(black_box(&data))[0][0])
    });
    g.bench_function("touchpoint funnel (3 steps), same data", |b| {
        b.iter(|| funnel(black_box(&data), &steps).unwrap().entered)
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
