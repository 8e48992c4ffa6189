//! The durable live engine survives being killed: a writer process pushes batches of events
//! (each with an id) into a store, printing each batch it was told is stored, and is killed
//! at a random moment (SIGKILL, mid-write as often as not). The next writer starts again a
//! few batches before the last acknowledged one, as a client retrying would. After several
//! rounds the store must hold every event exactly once: the state equals that of an
//! in-memory engine given each event once, nothing acknowledged is lost, and the resent
//! events are counted as duplicates, never twice.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use touchpoint::{
    Channel, DurableLiveEngine, Event, EventKind, LiveEngine, LiveOptions, SegmentRule, Timestamp,
};

const EVENTS: usize = 30_000;
const BATCH: usize = 5;

fn options() -> LiveOptions {
    LiveOptions {
        segments: vec![SegmentRule::new("buyers", "purchases >= 2")],
        ..LiveOptions::default()
    }
}

/// The `i`-th event and its id: 200 customers, times mostly in order, a few late.
fn event(i: usize) -> (Event, String) {
    const KINDS: [EventKind; 4] = [
        EventKind::PageView,
        EventKind::Click,
        EventKind::Purchase,
        EventKind::Review,
    ];
    let late = if i % 17 == 0 { 3 * 86_400_000 } else { 0 };
    let ts = 1_772_323_200_000 + i as i64 * 600_000 - late;
    let e = Event::new(
        format!("c{}", (i * 7) % 200),
        Timestamp(ts),
        Channel::Web,
        KINDS[(i * 13) % 4].clone(),
    );
    (e, format!("m{i}"))
}

fn batch(from: usize) -> Vec<(touchpoint::Result<Event>, Option<String>)> {
    (from..(from + BATCH).min(EVENTS))
        .map(|i| {
            let (e, id) = event(i);
            (Ok(e), Some(id))
        })
        .collect()
}

/// The writer, run in a child process: from batch `LIVE_FROM`, prints `ack N` (the first
/// event after the batch) once each batch is stored; checkpoints now and then.
#[test]
fn writer() {
    let (Ok(path), Ok(from)) = (std::env::var("LIVE_STORE"), std::env::var("LIVE_FROM")) else {
        return; // Not the child.
    };
    let mut engine = DurableLiveEngine::open(&path, None).unwrap();
    let mut i: usize = from.parse().unwrap();
    while i < EVENTS {
        engine.push_records(batch(i), false).unwrap();
        i = (i + BATCH).min(EVENTS);
        println!("ack {i}");
        if i % 2_000 == 0 {
            engine.checkpoint().unwrap();
        }
    }
    println!("done");
}

#[test]
fn a_killed_writer_loses_nothing_acknowledged_and_counts_nothing_twice() {
    let dir = std::env::temp_dir().join(format!("touchpoint-live-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("store.redb");
    let _ = std::fs::remove_file(&path);
    // Made with the options; the writers open it without.
    drop(DurableLiveEngine::open(&path, Some(options())).unwrap());
    let exe = std::env::current_exe().unwrap();
    let mut acked = 0usize;
    let mut resent = 0usize;
    // A deterministic sequence of kill delays (ms), some very short.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut kills = 0;
    for round in 0..8 {
        if acked >= EVENTS {
            break;
        }
        // Retry from a few batches before the last acknowledged one.
        let from = acked.saturating_sub(3 * BATCH);
        resent += acked - from;
        let mut child = Command::new(&exe)
            .args(["--exact", "writer", "--nocapture", "--test-threads=1"])
            .env("LIVE_STORE", &path)
            .env("LIVE_FROM", from.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(5 + seed % 150);
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut last = None;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("ack ") {
                    last = n.parse::<usize>().ok();
                }
            }
            last
        });
        let start = Instant::now();
        let killed = loop {
            if let Some(status) = child.try_wait().unwrap() {
                assert!(
                    status.success(),
                    "round {round}: the writer failed: {status}"
                );
                break false;
            }
            if round < 7 && start.elapsed() >= delay {
                let _ = child.kill();
                let _ = child.wait();
                break true;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        kills += usize::from(killed);
        if let Some(n) = reader.join().unwrap() {
            acked = acked.max(n);
        }
        eprintln!("round {round}: from {from}, killed: {killed}, acknowledged through {acked}");
    }
    assert!(kills >= 3, "only {kills} writers were killed");
    // Every acknowledged event is there, and each once.
    let mut store = DurableLiveEngine::open(&path, None).unwrap();
    assert!(
        store.stats().events as usize >= acked,
        "{} events stored, {acked} acknowledged",
        store.stats().events
    );
    // The client sends what was never acknowledged (and again what was: duplicates).
    let mut i = acked.saturating_sub(BATCH);
    while i < EVENTS {
        store.push_records(batch(i), false).unwrap();
        i += BATCH;
    }
    let mut once = LiveEngine::new(options()).unwrap();
    for n in 0..EVENTS {
        let (e, id) = event(n);
        once.push(e, Some(&id)).unwrap();
    }
    assert_eq!(
        store.stats().events,
        EVENTS as u64,
        "each event counted once"
    );
    assert!(store.stats().duplicates as usize >= resent.min(1));
    let a: Vec<_> = store.customers().collect();
    let b: Vec<_> = once.customers().collect();
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        // The same events in another arrival order: the same state, equal times aside.
        assert_eq!(
            (
                &x.customer_id,
                x.events,
                x.stage,
                x.lifecycle_status,
                &x.segments,
                x.purchases
            ),
            (
                &y.customer_id,
                y.events,
                y.stage,
                y.lifecycle_status,
                &y.segments,
                y.purchases
            )
        );
    }
    // Reopening gives the same engine again (the log replayed over the last checkpoint).
    drop(store);
    let again = DurableLiveEngine::open(&path, None).unwrap();
    assert_eq!(again.stats().events, EVENTS as u64);
    let _ = std::fs::remove_dir_all(&dir);
}
