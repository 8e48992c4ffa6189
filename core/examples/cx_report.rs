//! The main job: a CX report over the bundled sample data set.
//!
//! `cargo run --release -p touchpoint --example cx_report [-- path/to/events.ndjson]`

use std::path::PathBuf;
use touchpoint::ingest::{read_segment, Mode};
use touchpoint::{options_from_value, SurveyScores};
use touchpoint::{overview, Overview, OverviewOptions};

fn main() {
    let path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
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
    // Everything below comes from one walk over each customer's events.
    let options: OverviewOptions = options_from_value(serde_json::json!({
        "funnel": {"steps": ["page_view", "add_to_cart", "purchase", "survey_response", "purchase"],
                   "window_seconds": 30 * 86_400},
        "retention": {"period": "week", "periods": 8},
        "journey": {"top_paths": 5},
        "pain_points": {"top": 5},
    }))
    .expect("valid options");
    let all = match overview(&read.dataset, &options) {
        Ok(all) => all,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let report = &all.cx;
    let d = &report.dataset;
    println!(
        "touchpoint CX report: {}",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
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
    println!(
        "{:<12} {:>5} {:>16} {:>6} {:>7} {:>5} {:>9} {:>5}",
        "", "NPS n", "NPS (95% MoE)", "CSAT n", "CSAT %", "CES n", "CES mean", "low %"
    );
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
        println!(
            "  {:<9} {:>5} {:>5.1}%  {}",
            s.stage.as_str(),
            s.customers,
            share,
            "#".repeat((share / 2.0).round() as usize)
        );
    }
    println!("  {:<9} {:>5}", "none", report.customers_without_stage);
    print_journey(&all);
}

fn print_journey(all: &Overview) {
    if let Some(f) = &all.funnel {
        println!(
            "\nfunnel (ordered, {} day window): {} entered, {:.1}% converted",
            f.window_seconds / 86_400.0,
            f.entered,
            f.conversion_rate.unwrap_or(0.0)
        );
        for s in &f.steps {
            let median = s
                .median_seconds_from_previous
                .map_or("-".into(), |x| format!("{:.1} h", x / 3600.0));
            println!(
                "  {}. {:<16} {:>5}  {:>5.1}% of first  median since previous {}",
                s.step + 1,
                s.kind,
                s.customers,
                s.conversion_from_first.unwrap_or(0.0),
                median
            );
        }
    }
    println!("\nweekly retention (% of cohort active in week N)");
    for c in &all.retention.cohorts {
        let cells: Vec<String> = c
            .retention
            .iter()
            .map(|r| r.map_or("    .".into(), |x| format!("{x:>5.0}")))
            .collect();
        println!(
            "  {} {:>4} {}",
            &c.cohort_start.to_string()[..10],
            c.size,
            cells.join("")
        );
    }
    println!(
        "\nRFM segments ({} scored, {} never bought)",
        all.rfm.scored, all.rfm.not_scored
    );
    for s in all.rfm.segments.iter().filter(|s| s.customers > 0) {
        println!(
            "  {:<20} {:>4}  {:>5.1}%",
            s.name,
            s.customers,
            s.share.unwrap_or(0.0)
        );
    }
    println!("\ntop pain points");
    for p in &all.pain_points.ranked {
        println!(
            "  {:<7} {:<9} {:<18} {:>6.1} {:<17} severity {:>5.1}",
            p.scope, p.name, p.signal, p.value, p.unit, p.severity
        );
    }
    println!("\nmost common paths");
    for p in &all.journey.top_paths {
        println!("  {:>4}  {}", p.customers, p.path.join(" → "));
    }
    let sw = &all.journey.channel_switching;
    println!(
        "  {:.1}% of customers used two or more channels; {:.1}% of steps switch channel",
        sw.multichannel_share.unwrap_or(0.0),
        sw.switch_rate.unwrap_or(0.0)
    );
    println!(
        "\nCX pyramid: level {} reached{}",
        all.pyramid.reached,
        all.pyramid
            .weakest
            .map_or(String::new(), |w| format!(", weakest level {w}"))
    );
    for l in &all.pyramid.levels {
        let value = l.value.map_or("no data".into(), |v| format!("{v:.1}"));
        println!(
            "  {}. {:<16} {:>8} (threshold {})",
            l.level, l.name, value, l.threshold
        );
    }
}

fn print_scores(label: &str, s: &SurveyScores) {
    let opt =
        |x: Option<f64>, digits: usize| x.map_or("-".to_string(), |v| format!("{v:.digits$}"));
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
