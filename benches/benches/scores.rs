//! NPS, CSAT and CES over one million answers, each beside a naive peer: the textbook way
//! (validate, then one filtered count per group over the floats) in the same run, so the
//! printed figures can be read as ratios. And the CX report over one million survey events.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use touchpoint::{cx_report, Dataset, StageMap};
use touchpoint_benches::{answers, survey_events};

const N: usize = 1_000_000;

/// The peer: a straightforward NPS, as one would write it in a notebook.
fn naive_nps(a: &[f64]) -> Option<f64> {
    assert!(a
        .iter()
        .all(|x| x.fract() == 0.0 && (0.0..=10.0).contains(x)));
    if a.is_empty() {
        return None;
    }
    let promoters = a.iter().filter(|&&x| x >= 9.0).count() as f64;
    let detractors = a.iter().filter(|&&x| x <= 6.0).count() as f64;
    Some(100.0 * (promoters - detractors) / a.len() as f64)
}

fn naive_share(a: &[f64], lo: f64, hi: f64, good: f64) -> Option<f64> {
    assert!(a.iter().all(|x| x.fract() == 0.0 && (lo..=hi).contains(x)));
    (!a.is_empty())
        .then(|| 100.0 * a.iter().filter(|&&x| x >= good).count() as f64 / a.len() as f64)
}

fn scores(c: &mut Criterion) {
    let nps = answers(N, 0, 10, 1);
    let csat = answers(N, 1, 5, 2);
    let ces = answers(N, 1, 7, 3);
    let (ours, peer) = (
        touchpoint::nps(&nps).unwrap().nps.unwrap(),
        naive_nps(&nps).unwrap(),
    );
    assert!((ours - peer).abs() < 1e-9, "{ours} vs {peer}");
    let mut g = c.benchmark_group("scores_1M_answers");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function(BenchmarkId::new("nps", "touchpoint"), |b| {
        b.iter(|| touchpoint::nps(black_box(&nps)).unwrap())
    });
    g.bench_function(BenchmarkId::new("nps", "naive"), |b| {
        b.iter(|| naive_nps(black_box(&nps)))
    });
    g.bench_function(BenchmarkId::new("csat", "touchpoint"), |b| {
        b.iter(|| touchpoint::csat(black_box(&csat)).unwrap())
    });
    g.bench_function(BenchmarkId::new("csat", "naive"), |b| {
        b.iter(|| naive_share(black_box(&csat), 1.0, 5.0, 4.0))
    });
    g.bench_function(BenchmarkId::new("ces", "touchpoint"), |b| {
        b.iter(|| touchpoint::ces(black_box(&ces)).unwrap())
    });
    g.bench_function(BenchmarkId::new("ces", "naive"), |b| {
        b.iter(|| naive_share(black_box(&ces), 1.0, 7.0, 5.0))
    });
    g.finish();

    let events = survey_events(N, 4);
    let data = Dataset::from_events(events.clone()).unwrap();
    let mut g = c.benchmark_group("cx_report_1M_events");
    g.sample_size(10);
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("build_dataset", |b| {
        b.iter(|| Dataset::from_events(black_box(events.clone())).unwrap())
    });
    g.bench_function("clone_events_only", |b| {
        b.iter(|| black_box(events.clone()))
    });
    g.bench_function("cx_report", |b| {
        b.iter(|| cx_report(black_box(&data), &StageMap::default()))
    });
    g.finish();
}

criterion_group!(benches, scores);
criterion_main!(benches);
