//! The main job: a CX report over the bundled sample data set.
//!
//! `cargo run --release -p touchpoint --example cx_report [-- path/to/events.ndjson]`

use std::path::PathBuf;
use touchpoint::ingest::{read_segment, Mode};
use touchpoint::{cx_report, ScoreSet, StageMap};

fn main() {
    let path = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data/sample-events.ndjson")
    });
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {}: {e}", path.display());
            std::process::exit(1);
        }
    };
    let read = match read_segment(&text, Mode::Lenient) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
    };
    let report = cx_report(&read.dataset, &StageMap::default());
    let d = &report.dataset;
    println!("touchpoint CX report: {}", path.file_name().unwrap_or_default().to_string_lossy());
    println!(
        "{} customers, {} events, {} to {}",
        d.customers,
        d.events,
        d.first_event.map_or("-".into(), |t| t.to_string()),
        d.last_event.map_or("-".into(), |t| t.to_string())
    );
    if !read.rejected.is_empty() {
        println!("{} records rejected:", read.rejected.len());
        for e in &read.rejected {
            println!("  {e}");
        }
    }
    println!();
    println!("{:<12} {:>5} {:>16} {:>6} {:>7} {:>5} {:>9} {:>5}", "", "NPS n", "NPS (95% MoE)", "CSAT n", "CSAT %", "CES n", "CES mean", "low %");
    print_scores("overall", &report.overall);
    println!("by channel");
    for (channel, scores) in &report.by_channel {
        print_scores(&format!("  {channel}"), scores);
    }
    println!("by stage when answering");
    for s in &report.by_stage {
        print_scores(&format!("  {}", s.stage.as_str()), &s.scores);
    }
    print_scores("  (no stage)", &report.no_stage);
    println!();
    println!("customers by furthest journey stage");
    for s in &report.stage_distribution {
        let share = s.share.unwrap_or(0.0);
        println!("  {:<9} {:>5} {:>5.1}%  {}", s.stage.as_str(), s.customers, share, "#".repeat((share / 2.0).round() as usize));
    }
    println!("  {:<9} {:>5}", "none", report.customers_without_stage);
}

fn print_scores(label: &str, s: &ScoreSet) {
    let opt = |x: Option<f64>, digits: usize| x.map_or("-".to_string(), |v| format!("{v:.digits$}"));
    let nps = match (s.nps.nps, s.nps.margin_of_error) {
        (Some(n), Some(m)) => format!("{n:+.1} ±{m:.1}"),
        _ => "no data".to_string(),
    };
    println!(
        "{:<12} {:>5} {:>16} {:>6} {:>7} {:>5} {:>9} {:>5}",
        label,
        s.nps.responses,
        nps,
        s.csat.responses,
        opt(s.csat.csat, 1),
        s.ces.responses,
        opt(s.ces.mean, 2),
        opt(s.ces.low_effort_share, 0)
    );
}
