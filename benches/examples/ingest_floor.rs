//! The floor under any reader of an event log (issue 9's figures): numbering the customer
//! ids of `n` time-ordered events in order of first sight, the least work a reader that
//! groups events by customer must do, against touchpoint's whole columnar read of the same
//! columns (checks, channel and kind codes, answers, placing and sorting every row).
//!
//! `cargo run --release -p touchpoint-benches --example ingest_floor -- [events] [customers]`
//!
//! The floor is a single hashbrown table keyed by the id text with foldhash (touchpoint's
//! own table and hasher), on one thread; the ratio says how much of the reader's time is
//! this unavoidable random access into a table of about a million ids.

use hashbrown::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};
use touchpoint::ingest::{ColumnsReader, Mode, StrColumn};
use touchpoint_benches::JourneyColumns;

fn best_of(k: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut out = 0;
    for _ in 0..k {
        let start = Instant::now();
        out = black_box(f());
        best = best.min(start.elapsed());
    }
    (best, out)
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let n = args.first().copied().unwrap_or(10_000_000);
    let customers = args.get(1).copied().unwrap_or(n / 10);
    let data = JourneyColumns::generate_for(n, customers, 2026);
    let (channel, kind) = data.plain_labels();
    let mut columns = data.columns();
    columns.channel = &channel;
    columns.kind = &kind;
    let ids = &data.customer_id;
    let (floor, distinct) = best_of(3, || {
        let mut table: HashMap<&str, u32, foldhash::fast::RandomState> =
            HashMap::with_hasher(foldhash::fast::RandomState::default());
        for row in 0..ids.len() {
            let id = ids.get(row).unwrap_or_default();
            let next = table.len() as u32;
            black_box(*table.entry(id).or_insert(next));
        }
        table.len()
    });
    let (read, read_customers) = best_of(3, || {
        let mut reader = ColumnsReader::new(Mode::Strict);
        reader.push(&columns).expect("valid rows");
        reader
            .finish()
            .expect("valid rows")
            .dataset
            .customer_count()
    });
    assert_eq!(distinct, read_customers);
    println!(
        "{n} events, {distinct} customers: numbering the ids alone (1 thread) {:.3} s; \
         touchpoint's read (every core) {:.3} s; read / floor {:.2}",
        floor.as_secs_f64(),
        read.as_secs_f64(),
        read.as_secs_f64() / floor.as_secs_f64()
    );
}
