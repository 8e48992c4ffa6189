//! Reads a generated log (plain utf8 ids, channels and kinds, in time order) through the
//! columnar reader a few times, for a profiler: `cargo run --release -p touchpoint-benches
//! --example ingest_profile -- [events] [customers] [repeats]`.

use std::time::Instant;
use touchpoint::ingest::{ColumnsReader, Mode};
use touchpoint_benches::JourneyColumns;

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let n = args.first().copied().unwrap_or(1_000_000);
    let customers = args.get(1).copied().unwrap_or(n / 5);
    let repeats = args.get(2).copied().unwrap_or(5);
    let data = JourneyColumns::generate_for(n, customers, 2026);
    let (channel, kind) = data.plain_labels();
    let mut columns = data.columns();
    columns.channel = &channel;
    columns.kind = &kind;
    for _ in 0..repeats {
        let start = Instant::now();
        let mut reader = ColumnsReader::new(Mode::Strict);
        reader.push(&columns).expect("valid rows");
        let pushed = start.elapsed();
        let read = reader.finish().expect("valid rows");
        println!(
            "{n} events, {} customers: push {:.3} s, finish {:.3} s, total {:.3} s",
            read.dataset.customer_count(),
            pushed.as_secs_f64(),
            (start.elapsed() - pushed).as_secs_f64(),
            start.elapsed().as_secs_f64()
        );
    }
}
