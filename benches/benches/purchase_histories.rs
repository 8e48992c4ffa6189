//! Purchase histories from plain transaction columns (issue 10): 10M transactions of 1M
//! customers, rows shuffled (the customers interleaved) and grouped by customer, in a
//! one-thread pool and in a pool of every core. Prints the best of 3 runs of each before
//! the criterion groups; the target is well under a second for 10M transactions. The
//! histories are asserted equal on both pools.
//!
//! `HISTORY_TRANSACTIONS=1000000` runs 1M transactions instead, `0` none of these.
//!
//! `purchase_histories_int_1M`: the realistic shape of `benches/lifetimes_compare.py`, 1M
//! customers with integer ids (about 3.1M transactions in time order, the ids in random
//! order), through `purchase_histories_from_int_transactions` (ids back as text) and
//! `purchase_histories_by_int_id` (ids back as integers), on both pools.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};
use touchpoint::{
    purchase_histories_by_int_id, purchase_histories_from_int_transactions,
    purchase_histories_from_transactions, PurchaseHistoryOptions,
};

struct Transactions {
    ids: Vec<String>,
    times: Vec<i64>,
    values: Vec<f64>,
}

/// `n` transactions of `n / 10` customers over 2025, one in 20 a refund; `shuffled` mixes
/// the customers' rows, else each customer's rows are together, in time order.
fn generate(n: usize, shuffled: bool) -> Transactions {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    let customers = (n / 10).max(1) as u64;
    let start = 1_735_689_600_000i64; // 2025-01-01
    let mut rows: Vec<(u64, i64, f64)> = (0..n)
        .map(|_| {
            let c = next(customers);
            let t = start + next(365 * 86_400) as i64 * 1000;
            let v = next(20_000) as f64 / 100.0 * if next(20) == 0 { -1.0 } else { 1.0 };
            (c, t, v)
        })
        .collect();
    if !shuffled {
        rows.sort_by_key(|r| (r.0, r.1));
    }
    Transactions {
        ids: rows.iter().map(|r| format!("customer-{}", r.0)).collect(),
        times: rows.iter().map(|r| r.1).collect(),
        values: rows.iter().map(|r| r.2).collect(),
    }
}

fn run(t: &Transactions, o: &PurchaseHistoryOptions) -> touchpoint::PurchaseHistories {
    purchase_histories_from_transactions(&t.ids, &t.times, Some(&t.values), o).expect("valid")
}

fn best_of_3(pool: &rayon::ThreadPool, t: &Transactions, o: &PurchaseHistoryOptions) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            black_box(pool.install(|| run(t, o)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// The floor: numbering the ids in order of first sight with one hashbrown table (foldhash),
/// on one thread, as `examples/ingest_floor.rs` measures it.
fn floor(t: &Transactions) -> Duration {
    let start = Instant::now();
    let mut table: hashbrown::HashMap<&str, u32, foldhash::fast::RandomState> =
        hashbrown::HashMap::default();
    let mut numbers = Vec::with_capacity(t.ids.len());
    for id in &t.ids {
        let next = table.len() as u32;
        numbers.push(*table.entry(id.as_str()).or_insert(next));
    }
    black_box(numbers);
    start.elapsed()
}

fn purchase_histories(c: &mut Criterion) {
    let n = std::env::var("HISTORY_TRANSACTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000);
    if n == 0 {
        return;
    }
    let o = PurchaseHistoryOptions::default();
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pools = [1, all].map(|k| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(k).build();
        (k, pool.expect("a thread pool"))
    });
    let mut g = c.benchmark_group(format!("purchase_histories_{n}"));
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    for shuffled in [true, false] {
        let t = generate(n, shuffled);
        let one = pools[0].1.install(|| run(&t, &o));
        assert!(
            one == pools[1].1.install(|| run(&t, &o)),
            "the histories differ"
        );
        let order = if shuffled { "shuffled" } else { "grouped" };
        println!(
            "id numbering floor, {n} transactions ({order}): {:.3} s",
            floor(&t).as_secs_f64()
        );
        for (k, pool) in &pools {
            println!(
                "purchase_histories {n} transactions ({order}), {} customers, {k} thread(s): {:.3} s",
                one.len(),
                best_of_3(pool, &t, &o).as_secs_f64()
            );
        }
        for (k, pool) in &pools {
            g.bench_function(BenchmarkId::new(format!("{order}_threads"), k), |b| {
                b.iter(|| pool.install(|| run(black_box(&t), &o)))
            });
        }
    }
    g.finish();
}

/// 1M customers with integer ids, the realistic shape (see the module's doc).
fn purchase_histories_int(c: &mut Criterion) {
    let t = touchpoint_benches::bg_nbd_transactions(1_000_000, 7);
    let o = PurchaseHistoryOptions::default();
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pools = [1, all].map(|k| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(k).build();
        (k, pool.expect("a thread pool"))
    });
    let text = |t: &touchpoint_benches::IntTransactions| {
        purchase_histories_from_int_transactions(&t.customer_id, &t.time_ms, Some(&t.value), &o)
            .expect("valid")
    };
    let one = pools[0].1.install(|| text(&t));
    assert!(
        one == pools[1].1.install(|| text(&t)),
        "the histories differ"
    );
    println!(
        "int ids: {} transactions, {} customers",
        t.customer_id.len(),
        one.len()
    );
    let mut g = c.benchmark_group("purchase_histories_int_1M");
    g.sample_size(10);
    g.throughput(Throughput::Elements(t.customer_id.len() as u64));
    let ints = |t: &touchpoint_benches::IntTransactions| {
        purchase_histories_by_int_id(&t.customer_id, &t.time_ms, Some(&t.value), &o).expect("valid")
    };
    let (ids, h) = pools[1].1.install(|| ints(&t));
    assert!(ids
        .iter()
        .map(|i| i.to_string())
        .eq(one.customer_id.iter().cloned()));
    assert!(h.frequency == one.frequency && h.t == one.t && h.monetary_value == one.monetary_value);
    for (k, pool) in &pools {
        g.bench_function(BenchmarkId::new("text_ids_threads", k), |b| {
            b.iter(|| pool.install(|| text(black_box(&t))))
        });
    }
    for (k, pool) in &pools {
        g.bench_function(BenchmarkId::new("int_ids_threads", k), |b| {
            b.iter(|| pool.install(|| ints(black_box(&t))))
        });
    }
    g.finish();
}

criterion_group!(benches, purchase_histories, purchase_histories_int);
criterion_main!(benches);
