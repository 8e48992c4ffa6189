//! `overview` on every core (issue 9): the whole journey (CX report, sessions, lifecycle, a
//! 5-step funnel, retention, RFM, journey map, pain points, CX pyramid) over 1M events of
//! ~150k customers, in a one-thread pool and in a pool of every core. Prints the speed-up
//! (one thread ÷ every thread, best of 5 runs each) before the criterion groups; the target
//! on a 2-core machine is ≥ 1.8×. The two reports are asserted equal.
//!
//! `OVERVIEW_EVENTS=10000000` runs 10M events instead.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};
use touchpoint::ingest::{ColumnsReader, Mode};
use touchpoint::{overview, Dataset, OverviewOptions};
use touchpoint_benches::JourneyColumns;

fn options() -> OverviewOptions {
    serde_json::from_value(serde_json::json!({
        "funnel": {"steps": ["email_open", "click", "page_view", "add_to_cart", "purchase"]},
        "retention": {"period": "week", "periods": 12},
    }))
    .expect("valid options")
}

fn best_of_5(pool: &rayon::ThreadPool, data: &Dataset, o: &OverviewOptions) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            black_box(pool.install(|| overview(data, o).expect("valid options")));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn overview_threads(c: &mut Criterion) {
    let n = std::env::var("OVERVIEW_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let log = JourneyColumns::generate_for(n, n * 3 / 20, 2026);
    let mut reader = ColumnsReader::new(Mode::Strict);
    reader.push(&log.columns()).expect("valid rows");
    let data = reader.finish().expect("valid rows").dataset;
    let o = options();
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pools = [1, all].map(|k| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(k).build();
        (k, pool.expect("a thread pool"))
    });
    let one_report = pools[0].1.install(|| overview(&data, &o).unwrap());
    let all_report = pools[1].1.install(|| overview(&data, &o).unwrap());
    assert!(one_report == all_report, "the reports differ");
    let (one, every) = (
        best_of_5(&pools[0].1, &data, &o),
        best_of_5(&pools[1].1, &data, &o),
    );
    println!(
        "overview_threads {n} events, {} customers: 1 thread {:.4} s, {all} threads {:.4} s, speed-up {:.2}x",
        data.customer_count(),
        one.as_secs_f64(),
        every.as_secs_f64(),
        one.as_secs_f64() / every.as_secs_f64()
    );
    let mut g = c.benchmark_group(format!("overview_threads_{n}"));
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    for (k, pool) in &pools {
        g.bench_function(BenchmarkId::new("threads", k), |b| {
            b.iter(|| pool.install(|| overview(black_box(&data), &o).unwrap()))
        });
    }
    g.finish();
}

criterion_group!(benches, overview_threads);
criterion_main!(benches);
