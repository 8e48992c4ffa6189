//! Ingestion on every core (issue 9): 1M events of ~100k customers in time order, plain
//! utf8 customer ids, channels and kinds, read through `ColumnsReader` in a one-thread pool
//! and in a pool of every core. Prints the speed-up (one thread ÷ every thread, best of 5
//! timed reads each) before the criterion groups; the target on a 2-core machine is ≥ 1.8×.
//!
//! `INGEST_EVENTS=10000000` reads 10M events (~1M customers) instead.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};
use touchpoint::ingest::{ColumnsReader, EventColumns, Mode};
use touchpoint_benches::{JourneyColumns, Utf8Column};

/// The generated log, with plain channel and kind columns.
struct Log {
    data: JourneyColumns,
    channel: Utf8Column,
    kind: Utf8Column,
}

impl Log {
    fn columns(&self) -> EventColumns<'_> {
        let mut c = self.data.columns();
        c.channel = &self.channel;
        c.kind = &self.kind;
        c
    }
}

fn read(log: &Log) -> usize {
    let mut reader = ColumnsReader::new(Mode::Strict);
    reader.push(&log.columns()).expect("valid rows");
    let read = reader.finish().expect("valid rows");
    read.dataset.customer_count()
}

fn best_of_5(pool: &rayon::ThreadPool, log: &Log) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            black_box(pool.install(|| read(log)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn ingest_threads(c: &mut Criterion) {
    let n = std::env::var("INGEST_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let data = JourneyColumns::generate_for(n, n * 3 / 20, 2026);
    let (channel, kind) = data.plain_labels();
    let log = Log {
        data,
        channel,
        kind,
    };
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pools = [1, all].map(|k| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(k).build();
        (k, pool.expect("a thread pool"))
    });
    let customers = pools[0].1.install(|| read(&log));
    assert_eq!(customers, pools[1].1.install(|| read(&log)));
    let (one, every) = (best_of_5(&pools[0].1, &log), best_of_5(&pools[1].1, &log));
    println!(
        "ingest_threads {n} events, {customers} customers: 1 thread {:.4} s, {all} threads {:.4} s, speed-up {:.2}x",
        one.as_secs_f64(),
        every.as_secs_f64(),
        one.as_secs_f64() / every.as_secs_f64()
    );
    let mut g = c.benchmark_group(format!("ingest_threads_{n}"));
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    for (k, pool) in &pools {
        g.bench_function(BenchmarkId::new("threads", k), |b| {
            b.iter(|| pool.install(|| read(black_box(&log))))
        });
    }
    g.finish();
}

criterion_group!(benches, ingest_threads);
criterion_main!(benches);
