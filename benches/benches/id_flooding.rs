//! Hash flooding (issue 8): reading ids crafted to collide in the columnar reader's former
//! id table against random ids of the same length, in the same run. Prints the ratio
//! (crafted ÷ random, best of 3 timed reads each) before the criterion groups. The former
//! table took quadratic time on the crafted ids; with a seeded hash the ratio is about 1.
//!
//! `ID_FLOODING_MAX=65536` keeps to the smaller size (the former table never finished a
//! million crafted ids).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};
use touchpoint::ingest::{read_columns, Mode};
use touchpoint_benches::{flooding_ids, random_ids, IdColumns};

fn sizes() -> Vec<usize> {
    let max = std::env::var("ID_FLOODING_MAX")
        .ok()
        .and_then(|m| m.parse().ok())
        .unwrap_or(usize::MAX);
    [65_536, 1 << 20]
        .into_iter()
        .filter(|&n| n <= max)
        .collect()
}

fn read(columns: &IdColumns) -> usize {
    let read = read_columns(&columns.columns(), Mode::Strict).expect("valid ids");
    read.dataset.customer_count()
}

fn best_of_3(columns: &IdColumns) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            black_box(read(columns));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn id_flooding(c: &mut Criterion) {
    for n in sizes() {
        let crafted = IdColumns::new(&flooding_ids(n));
        let random = IdColumns::new(&random_ids(n, 2026));
        assert_eq!(read(&crafted), n, "every crafted id is a customer");
        let (t_crafted, t_random) = (best_of_3(&crafted), best_of_3(&random));
        println!(
            "id_flooding {n} ids: crafted {:.4} s, random {:.4} s, ratio crafted/random {:.2}",
            t_crafted.as_secs_f64(),
            t_random.as_secs_f64(),
            t_crafted.as_secs_f64() / t_random.as_secs_f64()
        );
        let mut g = c.benchmark_group(format!("id_flooding_{n}"));
        g.sample_size(10);
        g.throughput(Throughput::Elements(n as u64));
        for (label, columns) in [("crafted", &crafted), ("random", &random)] {
            g.bench_function(BenchmarkId::new(label, n), |b| {
                b.iter(|| read(black_box(columns)))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, id_flooding);
criterion_main!(benches);
