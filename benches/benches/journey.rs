//! The journey job of `benches/compare.py` in Rust, on 1M and 10M generated events:
//! reading the columns into a dataset, then sessions, the CX report (stages, NPS per
//! channel), RFM, a 5-step funnel with a 7-day window and a weekly retention matrix, run
//! one analysis at a time (five walks over the customers) and as five passes in one walk
//! (`run_passes`, as `overview` does): the same work, so the ratio is the cost of walking
//! the data more than once. `JOURNEY_SIZES=1M` runs the 1M group only.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::json;
use std::hint::black_box;
use touchpoint::ingest::{read_columns, Mode};
use touchpoint::{
    cx_report, funnel, options_from_value, retention, rfm, run_passes, sessions, CxPass, Dataset,
    FunnelPass, PassContext, RetentionPass, RfmPass, SessionPass, StageMap,
};
use touchpoint_benches::JourneyColumns;

struct Job {
    funnel: touchpoint::FunnelOptions,
    retention: touchpoint::RetentionOptions,
    rfm: touchpoint::RfmOptions,
    sessions: touchpoint::SessionOptions,
}

fn job() -> Job {
    let funnel = json!({"steps": ["email_open", "click", "page_view", "add_to_cart", "purchase"], "window_seconds": 604800});
    let retention = json!({"period": "week", "periods": 15, "retention_type": "first_time"});
    Job {
        funnel: parse(funnel.clone()),
        retention: parse(retention.clone()),
        rfm: parse(json!({"per_customer": true})),
        sessions: parse(json!({})),
    }
}

fn parse<T: serde::de::DeserializeOwned + Default>(v: serde_json::Value) -> T {
    options_from_value(v).expect("valid options")
}

fn separately(data: &Dataset, job: &Job) -> usize {
    let s = sessions(data, &job.sessions).expect("sessions");
    let cx = cx_report(data, &StageMap::default());
    let r = rfm(data, &job.rfm).expect("rfm");
    let f = funnel(data, &job.funnel).expect("funnel");
    let t = retention(data, &job.retention).expect("retention");
    (s.overall.sessions as usize)
        + cx.stage_distribution.len()
        + r.scored as usize
        + f.steps.len()
        + t.cohorts.len()
}

fn in_one_walk(data: &Dataset, job: &Job) -> usize {
    let ctx = PassContext::new(data, &StageMap::default());
    let mut s = SessionPass::new(data, &job.sessions).expect("sessions");
    let mut cx = CxPass::new(data);
    let mut r = RfmPass::new(data, &job.rfm).expect("rfm");
    let mut f = FunnelPass::new(data, &job.funnel).expect("funnel");
    let mut t = RetentionPass::new(data, &job.retention).expect("retention");
    run_passes(&ctx, &mut [&mut s, &mut cx, &mut r, &mut f, &mut t]);
    let (s, cx, r, f, t) = (
        s.finish(),
        cx.finish(data),
        r.finish(),
        f.finish(),
        t.finish(),
    );
    (s.overall.sessions as usize)
        + cx.stage_distribution.len()
        + r.scored as usize
        + f.steps.len()
        + t.cohorts.len()
}

/// The sizes to run: `JOURNEY_SIZES` (a comma list of `1M`, `10M`; both when unset), so a
/// run of the 1M group alone (`scripts/bench-baseline.sh`) does not generate 10M events.
fn sizes() -> Vec<(&'static str, usize)> {
    let wanted = std::env::var("JOURNEY_SIZES").unwrap_or_else(|_| "1M,10M".into());
    [("1M", 1_000_000), ("10M", 10_000_000)]
        .into_iter()
        .filter(|(label, _)| wanted.split(',').any(|w| w.trim() == *label))
        .collect()
}

fn journey(c: &mut Criterion) {
    let job = job();
    for (label, n) in sizes() {
        let generated = JourneyColumns::generate(n, 2026);
        let columns = generated.columns();
        let data = read_columns(&columns, Mode::Strict)
            .expect("generated data is valid")
            .dataset;
        assert_eq!(
            separately(&data, &job),
            in_one_walk(&data, &job),
            "both ways give the same answers"
        );
        let mut g = c.benchmark_group(format!("journey_{label}_events"));
        g.sample_size(10);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(BenchmarkId::new("read_columns", label), |b| {
            b.iter(|| read_columns(black_box(&columns), Mode::Strict).expect("valid"))
        });
        g.bench_function(BenchmarkId::new("job_one_analysis_at_a_time", label), |b| {
            b.iter(|| separately(black_box(&data), &job))
        });
        g.bench_function(BenchmarkId::new("job_in_one_walk", label), |b| {
            b.iter(|| in_one_walk(black_box(&data), &job))
        });
        g.finish();
    }
}

criterion_group!(benches, journey);
criterion_main!(benches);
