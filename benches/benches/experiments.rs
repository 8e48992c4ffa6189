//! 10,000 experiments from sufficient statistics (two variants, a conversion and a revenue
//! metric each, Holm across them), beside a peer in the same run: the textbook formulas
//! written inline (pooled z-test, Welch's t with statrs) for the same numbers, so the figures
//! read as ratios. The peer computes less (no Wilson intervals, no relative effects, no
//! sample-ratio check, no verdict): the ratio is an upper bound of touchpoint's overhead.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};
use std::hint::black_box;
use touchpoint::{
    analyze_experiment, Correction, ExperimentData, ExperimentOptions, MetricData, MetricKind,
};

const EXPERIMENTS: usize = 10_000;

/// Deterministic experiments: conversions and revenue sums from a small LCG.
fn experiments() -> Vec<ExperimentData> {
    let mut seed = 42u64;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    (0..EXPERIMENTS)
        .map(|_| {
            let units = [1000 + next(50_000), 1000 + next(50_000)];
            let conv = [
                units[0] as f64 * 0.1 + next(50) as f64,
                units[1] as f64 * 0.11 + next(50) as f64,
            ]
            .map(f64::floor);
            let sums = [
                units[0] as f64 * 50.0,
                units[1] as f64 * (50.0 + next(5) as f64),
            ];
            let squares =
                [0, 1].map(|v| sums[v] * sums[v] / units[v] as f64 + units[v] as f64 * 400.0);
            ExperimentData {
                variants: vec!["control".into(), "B".into()],
                units: units.to_vec(),
                weights: None,
                metrics: vec![
                    MetricData {
                        name: "conversion".into(),
                        kind: MetricKind::Conversion,
                        sum: conv.to_vec(),
                        sum_squares: None,
                        denominator: None,
                        covariate: None,
                        units: None,
                    },
                    MetricData {
                        name: "revenue".into(),
                        kind: MetricKind::Mean,
                        sum: sums.to_vec(),
                        sum_squares: Some(squares.to_vec()),
                        denominator: None,
                        covariate: None,
                        units: None,
                    },
                ],
            }
        })
        .collect()
}

/// The peer: the two p-values of one experiment, inline.
fn peer(e: &ExperimentData) -> (f64, f64) {
    let n = [e.units[0] as f64, e.units[1] as f64];
    let x = &e.metrics[0].sum;
    let pooled = (x[0] + x[1]) / (n[0] + n[1]);
    let z =
        (x[1] / n[1] - x[0] / n[0]) / (pooled * (1.0 - pooled) * (1.0 / n[0] + 1.0 / n[1])).sqrt();
    let p_conv = 2.0 * Normal::standard().sf(z.abs());
    let (s, q) = (
        &e.metrics[1].sum,
        e.metrics[1].sum_squares.as_ref().unwrap(),
    );
    let v: Vec<f64> = (0..2)
        .map(|i| (q[i] - s[i] * s[i] / n[i]) / (n[i] - 1.0) / n[i])
        .collect();
    let t = (s[1] / n[1] - s[0] / n[0]) / (v[0] + v[1]).sqrt();
    let df = (v[0] + v[1]).powi(2) / (v[0] * v[0] / (n[0] - 1.0) + v[1] * v[1] / (n[1] - 1.0));
    let p_rev = 2.0 * StudentsT::new(0.0, 1.0, df).unwrap().sf(t.abs());
    (p_conv, p_rev)
}

fn bench(c: &mut Criterion) {
    let all = experiments();
    let options = ExperimentOptions {
        correction: Correction::Holm,
        difference: touchpoint::Difference::Absolute,
        ..Default::default()
    };
    // Same p-values before the correction.
    for e in all.iter().take(100) {
        let r = analyze_experiment(e, &options).unwrap();
        let (pc, pr) = peer(e);
        assert!((r.metrics[0].comparisons[0].absolute.p_value - pc).abs() < 1e-12);
        assert!((r.metrics[1].comparisons[0].absolute.p_value - pr).abs() < 1e-9);
    }
    let mut g = c.benchmark_group("experiments_10k");
    g.throughput(Throughput::Elements(EXPERIMENTS as u64));
    g.sample_size(10);
    g.bench_function("touchpoint analyze_experiment", |b| {
        b.iter(|| {
            all.iter()
                .map(|e| {
                    analyze_experiment(black_box(e), &options)
                        .unwrap()
                        .metrics
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("peer: two p-values inline", |b| {
        b.iter(|| all.iter().map(|e| peer(black_box(e)).0).sum::<f64>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
