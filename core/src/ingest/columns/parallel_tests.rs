//! The columnar reader gives the same dataset, rejections and errors with any number of
//! threads: one (the rows one after the other) against two and four (checked, numbered
//! and placed in parallel), on generated batches of every shape.

use super::*;
use crate::ingest::Mode;
use crate::DAY_MS;
use serde_json::{json, Value};

/// A dictionary-encoded column: keys (None = null) into `entries`.
struct Dict {
    keys: Vec<Option<usize>>,
    entries: Vec<String>,
}

impl StrColumn for Dict {
    fn len(&self) -> usize {
        self.keys.len()
    }
    fn get(&self, row: usize) -> Option<&str> {
        self.keys[row].map(|k| self.entries[k].as_str())
    }
    fn dictionary_len(&self) -> Option<usize> {
        Some(self.entries.len())
    }
    fn key(&self, row: usize) -> Option<usize> {
        self.keys[row]
    }
    fn entry(&self, key: usize) -> Option<&str> {
        Some(self.entries[key].as_str())
    }
}

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

/// One generated batch: owned columns, some cells bad (about one row in `bad`).
struct Batch {
    ids: Vec<Option<String>>,
    anonymous: Option<Vec<Option<String>>>,
    ts: Vec<i64>,
    channel: Vec<Option<String>>,
    kind: Vec<String>,
    value: Vec<f64>,
    survey: Vec<Option<&'static str>>,
    score: Vec<f64>,
    plan: Vec<Value>,
}

const T0: i64 = 1_772_357_400_000;

fn batch(n: usize, customers: u64, seed: u64, anonymous: bool, bad: u64) -> Batch {
    let mut r = Rng(seed);
    let mut b = Batch {
        ids: Vec::new(),
        anonymous: anonymous.then(Vec::new),
        ts: Vec::new(),
        channel: Vec::new(),
        kind: Vec::new(),
        value: Vec::new(),
        survey: Vec::new(),
        score: Vec::new(),
        plan: Vec::new(),
    };
    for i in 0..n {
        // Mostly in time order, with customers out of order now and then.
        let c = r.below(customers);
        let long = if c % 7 == 0 {
            "-with-a-rather-long-tail"
        } else {
            ""
        };
        let mut id = Some(format!("c{c}{long}"));
        let mut ts = T0 + (i as i64) * 1000 - r.below(3) as i64 * DAY_MS;
        let mut channel = Some(["web", "email", "App", "store"][r.below(4) as usize].to_string());
        let mut survey = None;
        let mut score = f64::NAN;
        match r.below(bad) {
            0 => id = None,
            1 => ts = i64::MAX,
            2 => channel = Some(" ".into()),
            3 => channel = None,
            4 => (survey, score) = (Some("nps"), 11.0),
            5 => id = Some(String::new()),
            _ if r.below(5) == 0 => (survey, score) = (Some("nps"), r.below(11) as f64),
            _ => {}
        }
        if let Some(a) = &mut b.anonymous {
            // Anonymous visitors, some signing in (ties), some not.
            let visitor = Some(format!("v{}", r.below(customers)));
            match r.below(4) {
                0 => id = None,
                1 => {}
                _ => {
                    a.push(None);
                    b.ids.push(id);
                    b.push_rest(&mut r, ts, channel, survey, score, i);
                    continue;
                }
            }
            a.push(visitor);
        }
        b.ids.push(id);
        b.push_rest(&mut r, ts, channel, survey, score, i);
    }
    b
}

impl Batch {
    fn push_rest(
        &mut self,
        r: &mut Rng,
        ts: i64,
        channel: Option<String>,
        survey: Option<&'static str>,
        score: f64,
        i: usize,
    ) {
        self.ts.push(ts);
        self.channel.push(channel);
        self.kind
            .push(["page_view", "purchase", "click"][r.below(3) as usize].to_string());
        self.value.push(if i % 3 == 0 { -0.0 } else { i as f64 });
        self.survey.push(survey);
        self.score.push(score);
        self.plan.push(match r.below(10) {
            0 => json!("gold"),
            1 => json!({"tier": i}),
            _ => Value::Null,
        });
    }
}

/// How the ids of a batch are given.
#[derive(Clone, Copy)]
enum Ids {
    Plain,
    Dictionary,
    Integers,
}

/// An id as an integer (FNV-1a of its bytes); none for the empty id.
fn number(id: &str) -> Option<i64> {
    let h = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    (!id.is_empty()).then_some((h >> 2) as i64)
}

/// Reads the batches (ids given as `shapes`) in a pool of `threads` threads; the dataset,
/// or the error, in a comparable form.
fn read(batches: &[(Batch, Ids)], mode: Mode, threads: usize) -> String {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        let dicts: Vec<Dict> = batches
            .iter()
            .map(|(b, _)| {
                let mut entries: Vec<String> = Vec::new();
                let mut index = std::collections::HashMap::new();
                let keys = b.ids.iter().map(|id| {
                    let id = id.as_ref()?;
                    Some(*index.entry(id.clone()).or_insert_with(|| {
                        entries.push(id.clone());
                        entries.len() - 1
                    }))
                });
                let keys = keys.collect();
                Dict { keys, entries }
            })
            .collect();
        let ints: Vec<IntIds> = batches
            .iter()
            .map(|(b, _)| IntIds::new(b.ids.iter().map(|id| id.as_deref().and_then(number))))
            .collect();
        let traits: Vec<[TraitColumn; 1]> = batches
            .iter()
            .map(|(b, _)| {
                [TraitColumn {
                    name: "plan",
                    column: "plan",
                    values: &b.plan,
                }]
            })
            .collect();
        let mut reader = ColumnsReader::new(mode);
        for (k, (b, shape)) in batches.iter().enumerate() {
            let ids: &dyn StrColumn = match shape {
                Ids::Plain => &b.ids,
                Ids::Dictionary => &dicts[k],
                Ids::Integers => &ints[k],
            };
            let mut c = EventColumns::new(ids, TimeColumn::millis(&b.ts), &b.channel, &b.kind);
            c.value = Some(NumColumn::f64(&b.value));
            c.survey = Some(&b.survey);
            c.score = Some(NumColumn::f64(&b.score));
            c.anonymous_id = b.anonymous.as_ref().map(|a| a as &dyn StrColumn);
            c.traits = &traits[k];
            if let Err(e) = reader.push(&c) {
                return format!("push error: {e:?}");
            }
        }
        match reader.finish() {
            Err(e) => format!("finish error: {e:?}"),
            Ok(read) => fingerprint(&read),
        }
    })
}

/// Every customer (id, traits, aliases, events with their answers) and every rejection.
fn fingerprint(read: &Ingested) -> String {
    let d = &read.dataset;
    let mut out = format!("{:?}\n{:?}\n", d.channels(), d.kinds());
    for c in d.customers() {
        out += &format!(
            "{} {:?} {:?}\n",
            c.id,
            d.traits(c.index),
            d.aliases(c.index)
        );
        for i in 0..c.len() {
            let answers: Vec<_> = c.answers(i).collect();
            let v = c.value[i].to_bits();
            out += &format!(
                " {} {} {} {v:x} {answers:?}\n",
                c.ts[i], c.channel[i], c.kind[i]
            );
        }
    }
    for e in &read.rejected {
        out += &format!("{e:?}\n");
    }
    out
}

fn same_with_any_threads(batches: &[(Batch, Ids)], mode: Mode) {
    let one = read(batches, mode, 1);
    for threads in [2, 4] {
        let many = read(batches, mode, threads);
        assert!(one == many, "{threads} threads differ from one");
    }
}

#[test]
fn plain_ids_in_several_runs_and_batches_read_alike_with_any_threads() {
    let batches = [
        (batch(80_000, 9_000, 1, false, 200), Ids::Plain),
        (batch(3_000, 9_000, 2, false, 50), Ids::Plain),
        (batch(40_000, 20_000, 3, false, 1000), Ids::Integers),
    ];
    let lenient = read(&batches, Mode::Lenient, 1);
    assert!(
        lenient.contains("is null") && lenient.contains("is empty"),
        "bad rows are listed"
    );
    same_with_any_threads(&batches, Mode::Lenient);
    // Strict: the first bad row is the error, whichever thread checked it.
    let strict = read(&batches, Mode::Strict, 1);
    assert!(
        strict.starts_with("push error"),
        "{}",
        &strict[..100.min(strict.len())]
    );
    same_with_any_threads(&batches, Mode::Strict);
    let clean = [(batch(50_000, 5_000, 4, false, u64::MAX), Ids::Plain)];
    assert!(!read(&clean, Mode::Strict, 1).contains("error"));
    same_with_any_threads(&clean, Mode::Strict);
}

#[test]
fn dictionary_and_anonymous_ids_between_plain_batches_read_alike_with_any_threads() {
    let batches = [
        (batch(20_000, 3_000, 5, false, 300), Ids::Plain),
        (batch(20_000, 3_000, 6, true, 300), Ids::Plain),
        (batch(10_000, 3_000, 7, false, 300), Ids::Dictionary),
        (batch(40_000, 4_000, 8, false, 300), Ids::Plain),
        (batch(5_000, 3_000, 9, true, 300), Ids::Dictionary),
    ];
    let lenient = read(&batches, Mode::Lenient, 1);
    assert!(lenient.contains("\"gold\""), "traits are read");
    assert!(
        lenient.contains("[\"v"),
        "anonymous ids are merged into customers"
    );
    same_with_any_threads(&batches, Mode::Lenient);
    same_with_any_threads(&batches, Mode::Strict);
}
