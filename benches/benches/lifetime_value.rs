//! The purchase and spend models over 100k and 1M customers drawn from the BG/NBD model:
//! the BG/NBD fit (over the distinct histories), the Gamma-Gamma fit, the predictions
//! (probability alive and expected purchases) and the lifetime value.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use touchpoint::{
    fit_purchase_model, fit_spend_model, lifetime_value, LifetimeValueOptions,
    PurchaseModelOptions, SpendModelOptions,
};
use touchpoint_benches::bg_nbd_histories;

fn models(c: &mut Criterion) {
    for n in [100_000usize, 1_000_000] {
        let h = bg_nbd_histories(n, 10);
        let purchases = fit_purchase_model(&h, &PurchaseModelOptions::default()).unwrap();
        let spend = fit_spend_model(&h, &SpendModelOptions::default()).unwrap();
        eprintln!(
            "{n} customers: {} distinct histories, BG/NBD {:?} in {} iterations; Gamma-Gamma {:?}",
            purchases.distinct_histories, purchases.params, purchases.iterations, spend.params
        );
        let mut g = c.benchmark_group("lifetime_value");
        g.sample_size(10);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(BenchmarkId::new("fit_bg_nbd", n), |b| {
            b.iter(|| fit_purchase_model(black_box(&h), &PurchaseModelOptions::default()).unwrap())
        });
        g.bench_function(BenchmarkId::new("fit_gamma_gamma", n), |b| {
            b.iter(|| fit_spend_model(black_box(&h), &SpendModelOptions::default()).unwrap())
        });
        g.bench_function(BenchmarkId::new("predict_30_days", n), |b| {
            b.iter(|| purchases.predict(black_box(&h), 30.0).unwrap())
        });
        g.bench_function(BenchmarkId::new("lifetime_value_12_months", n), |b| {
            b.iter(|| {
                lifetime_value(
                    &purchases,
                    &spend,
                    black_box(&h),
                    &LifetimeValueOptions::default(),
                )
                .unwrap()
            })
        });
        g.finish();
    }
}

criterion_group!(benches, models);
criterion_main!(benches);
