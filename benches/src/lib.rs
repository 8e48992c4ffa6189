//! Deterministic data generators shared by the benchmarks.

mod flooding;

pub use flooding::{flooding_ids, former_hash_state, random_ids, IdColumns, FLOODING_ID_LEN};
use touchpoint::{Channel, Event, EventKind, SurveyMetric, Timestamp};

/// The 600 sentences of `vectors/sentiment.json`'s vaderSentiment parity cases (from
/// scripts/sentiment_corpus.py): the texts of the sentiment and voice benches.
pub fn vader_sentences() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/sentiment.json");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("vectors/sentiment.json"))
            .expect("vectors/sentiment.json is JSON");
    let mut corpus = Vec::new();
    for case in doc["cases"].as_array().into_iter().flatten() {
        if case["name"]
            .as_str()
            .unwrap_or_default()
            .starts_with("vaderSentiment parity")
        {
            let texts = case["input"]["texts"].as_array().into_iter().flatten();
            corpus.extend(texts.filter_map(|t| t.as_str().map(String::from)));
        }
    }
    assert_eq!(
        corpus.len(),
        600,
        "the parity cases of vectors/sentiment.json"
    );
    corpus
}

/// A tiny deterministic generator (SplitMix64), so benchmarks need no extra dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }
}

/// `n` whole-number answers in `lo..=hi`, as f64 (the form users pass them in).
pub fn answers(n: usize, lo: u64, hi: u64, seed: u64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| rng.between(lo, hi) as f64).collect()
}

/// `n` survey-response events (NPS, CSAT and CES in turn) from `n / 20` customers
/// on four channels.
pub fn survey_events(n: usize, seed: u64) -> Vec<Event> {
    let mut rng = Rng::new(seed);
    let channels = [Channel::Email, Channel::Sms, Channel::Web, Channel::Support];
    let customers = (n / 20).max(1) as u64;
    (0..n)
        .map(|i| {
            let (metric, lo, hi) = match i % 3 {
                0 => (SurveyMetric::Nps, 0, 10),
                1 => (SurveyMetric::Csat, 1, 5),
                _ => (SurveyMetric::Ces, 1, 7),
            };
            let kind = if i % 10 == 0 {
                EventKind::Purchase
            } else {
                EventKind::SurveyResponse
            };
            let event = Event::new(
                format!("c{}", rng.between(0, customers - 1)),
                Timestamp(1_780_000_000_000 + rng.between(0, 90 * 86_400_000) as i64),
                channels[rng.between(0, 3) as usize].clone(),
                kind,
            );
            if i % 10 == 0 {
                event
            } else {
                event.with_survey(metric, rng.between(lo, hi) as f64)
            }
        })
        .collect()
}

/// A string column laid out like Arrow's `Utf8`: one byte buffer and `n + 1` offsets.
#[derive(Debug, Clone, Default)]
pub struct Utf8Column {
    bytes: String,
    offsets: Vec<u32>,
}

impl Utf8Column {
    pub(crate) fn push(&mut self, s: &str) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        self.bytes.push_str(s);
        self.offsets.push(self.bytes.len() as u32);
    }
}

impl touchpoint::ingest::StrColumn for Utf8Column {
    fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
    fn get(&self, row: usize) -> Option<&str> {
        self.bytes
            .get(self.offsets[row] as usize..self.offsets[row + 1] as usize)
    }
}

/// A dictionary-encoded string column (an Arrow `Dictionary`, a pandas categorical).
#[derive(Debug, Clone)]
pub struct DictColumn {
    keys: Vec<u8>,
    entries: &'static [&'static str],
}

impl touchpoint::ingest::StrColumn for DictColumn {
    fn len(&self) -> usize {
        self.keys.len()
    }
    fn get(&self, row: usize) -> Option<&str> {
        self.entries.get(self.keys[row] as usize).copied()
    }
    fn dictionary_len(&self) -> Option<usize> {
        Some(self.entries.len())
    }
    fn key(&self, row: usize) -> Option<usize> {
        Some(self.keys[row] as usize)
    }
    fn entry(&self, key: usize) -> Option<&str> {
        self.entries.get(key).copied()
    }
}

/// The event kinds of [`JourneyColumns`].
pub const KINDS: [&str; 8] = [
    "email_open",
    "click",
    "page_view",
    "add_to_cart",
    "purchase",
    "survey_response",
    "review",
    "share",
];
/// The channels of [`JourneyColumns`].
pub const CHANNELS: [&str; 5] = ["web", "app", "email", "social", "store"];
/// The survey metrics of [`JourneyColumns`].
pub const METRICS: [&str; 1] = ["nps"];

/// A generated event log in time order, as columns: visits of a few events (mean 4) by
/// `n / 20` customers of skewed activity over 90 days, as `benches/compare.py` makes them.
#[derive(Debug, Clone)]
pub struct JourneyColumns {
    /// Customer ids (`c0000042`), Arrow-like.
    pub customer_id: Utf8Column,
    /// Epoch milliseconds, ascending.
    pub timestamp: Vec<i64>,
    /// Channels, dictionary-encoded.
    pub channel: DictColumn,
    /// Event kinds, dictionary-encoded.
    pub kind: DictColumn,
    /// Purchase values (NaN elsewhere).
    pub value: Vec<f64>,
    /// `nps` on survey responses, null elsewhere.
    pub survey: Vec<Option<&'static str>>,
    /// NPS answers (NaN elsewhere).
    pub score: Vec<f64>,
}

impl JourneyColumns {
    /// `n` events from seed `seed`.
    pub fn generate(n: usize, seed: u64) -> Self {
        Self::generate_for(n, n / 20, seed)
    }

    /// `n` events of at most `customers` customers (skewed: fewer are seen) from seed `seed`.
    pub fn generate_for(n: usize, customers: usize, seed: u64) -> Self {
        const START: i64 = 1_767_225_600_000; // 2026-01-01
        const DAY: i64 = 86_400_000;
        let mut rng = Rng::new(seed);
        let customers = customers.max(1) as f64;
        let unit = |rng: &mut Rng| (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        // Visits: (start time, customer, length), then their events, then everything in time order.
        let mut rows: Vec<(i64, u32, u8, u8)> = Vec::with_capacity(n);
        while rows.len() < n {
            let customer = (customers * unit(&mut rng).powi(2)) as u32;
            let mut t = START + rng.between(0, 89 * DAY as u64) as i64;
            let len = 1 + (-(unit(&mut rng).max(1e-12)).ln() / 0.28768) as usize; // geometric, mean ≈ 4
            for i in 0..len.min(n - rows.len()) {
                let kind = match rng.between(0, 99) {
                    0..=29 if i == 0 => 0,
                    0..=11 => 1,
                    12..=53 => 2,
                    54..=70 => 3,
                    71..=78 => 4,
                    79..=86 => 5,
                    87..=93 => 6,
                    _ => 7,
                };
                let channel = match kind {
                    0 => 2,
                    1 => [2, 2, 3][rng.between(0, 2) as usize],
                    7 => 3,
                    _ => [0, 0, 1, 4][rng.between(0, 3) as usize],
                };
                rows.push((t, customer, channel, kind));
                let gap = if rng.between(0, 99) < 3 {
                    7_200_000.0
                } else {
                    120_000.0
                };
                t += (-(unit(&mut rng).max(1e-12)).ln() * gap) as i64;
            }
        }
        rows.sort_by_key(|r| r.0);
        let mut out = JourneyColumns {
            customer_id: Utf8Column::default(),
            timestamp: Vec::with_capacity(n),
            channel: DictColumn {
                keys: Vec::with_capacity(n),
                entries: &CHANNELS,
            },
            kind: DictColumn {
                keys: Vec::with_capacity(n),
                entries: &KINDS,
            },
            value: Vec::with_capacity(n),
            survey: Vec::with_capacity(n),
            score: Vec::with_capacity(n),
        };
        for (t, customer, channel, kind) in rows {
            out.customer_id.push(&format!("c{customer:07}"));
            out.timestamp.push(t);
            out.channel.keys.push(channel);
            out.kind.keys.push(kind);
            out.value.push(if kind == 4 {
                rng.between(5, 400) as f64 / 4.0
            } else {
                f64::NAN
            });
            out.survey.push((kind == 5).then_some(METRICS[0]));
            out.score.push(if kind == 5 {
                rng.between(0, 10) as f64
            } else {
                f64::NAN
            });
        }
        out
    }

    /// The channel and kind columns as plain strings (Arrow `Utf8`), as a user's log often
    /// has them.
    pub fn plain_labels(&self) -> (Utf8Column, Utf8Column) {
        let plain = |d: &DictColumn| {
            let mut c = Utf8Column::default();
            for &k in &d.keys {
                c.push(d.entries[k as usize]);
            }
            c
        };
        (plain(&self.channel), plain(&self.kind))
    }

    /// The columns as the core's columnar reader takes them.
    pub fn columns(&self) -> touchpoint::ingest::EventColumns<'_> {
        use touchpoint::ingest::{EventColumns, NumColumn, TimeColumn};
        let mut c = EventColumns::new(
            &self.customer_id,
            TimeColumn::millis(&self.timestamp),
            &self.channel,
            &self.kind,
        );
        c.value = Some(NumColumn::f64(&self.value));
        c.survey = Some(&self.survey);
        c.score = Some(NumColumn::f64(&self.score));
        c
    }
}

/// Customers' purchase histories drawn from the BG/NBD model (rates per day, whole days):
/// λ ~ Gamma(r, α), p ~ Beta(a, b), ages T uniform in 1..=365 days, purchases on distinct
/// days counted as lifetimes' summary counts them; each repeat purchase worth Gamma(6, ν)
/// with ν ~ Gamma(3.7, 15) per customer (the Gamma-Gamma model).
pub fn bg_nbd_histories(n: usize, seed: u64) -> touchpoint::PurchaseHistories {
    let (r, alpha, a, b) = (0.25, 30.0, 0.8, 2.4);
    let mut rng = Rng::new(seed);
    let mut h = touchpoint::PurchaseHistories {
        unit: touchpoint::TimeUnit::Day,
        unit_multiplier: 1,
        ..Default::default()
    };
    for i in 0..n {
        let age = rng.between(1, 365) as f64;
        let lambda = rng.gamma(r) / alpha;
        let (ga, gb) = (rng.gamma(a), rng.gamma(b));
        let p = ga / (ga + gb);
        let (mut t, mut last_day, mut x) = (0.0, 0.0, 0.0);
        loop {
            t += -rng.uniform().ln() / lambda;
            if t > age || t.is_nan() {
                break;
            }
            let day = t.floor();
            if day > last_day {
                x += 1.0;
                last_day = day;
            }
            if rng.uniform() < p {
                break;
            }
        }
        let nu = rng.gamma(3.7) / 15.0;
        let spend = if x > 0.0 {
            rng.gamma(6.0 * x) / (nu * x)
        } else {
            0.0
        };
        h.customer_id.push(format!("c{i}"));
        h.frequency.push(x);
        h.recency.push(last_day);
        h.t.push(age);
        h.monetary_value.push(spend);
    }
    h
}

/// Plain transaction columns of `customers` customers drawn as `benches/lifetimes_compare.py`
/// `generate()` draws them (BG/NBD purchases over 365 days from 2025-01-01): the customers'
/// ids are the integers `0..customers`, the rows in time order (so the ids come in a random
/// order), each value a float. About 3.1 transactions per customer.
pub fn bg_nbd_transactions(customers: usize, seed: u64) -> IntTransactions {
    const DAYS: f64 = 365.0;
    const START_MS: i64 = 1_735_689_600_000; // 2025-01-01
    let mut rng = Rng::new(seed);
    let mut rows: Vec<(i64, i64, f64)> = Vec::with_capacity(customers * 4);
    for c in 0..customers {
        let first = (rng.uniform() * DAYS * 0.8).floor();
        let rate = rng.gamma(0.25) / 10.0; // purchases per day
        let (ga, gb) = (rng.gamma(0.8), rng.gamma(2.5));
        let drop = ga / (ga + gb);
        let spend = rng.gamma(6.0) * 15.0 / 6.0 * 4.0;
        // A purchase on day `t`, at a random second of it; then, as lifetimes_compare.py
        // does, the next after an exponential wait while in the year, the customer dropping
        // out after each repeat purchase with probability `drop`.
        let mut buy = |rng: &mut Rng, t: f64| {
            let second = t.floor() as i64 * 86_400 + rng.between(0, 86_399) as i64;
            let value = (spend * rng.gamma(10.0) * 0.1 * 100.0).round() / 100.0;
            rows.push((START_MS + second * 1000, c as i64, value));
        };
        let mut t = first;
        buy(&mut rng, t);
        loop {
            t += -rng.uniform().ln() / rate;
            if t.is_nan() || t >= DAYS {
                break;
            }
            buy(&mut rng, t);
            if rng.uniform() < drop {
                break;
            }
        }
    }
    rows.sort_by_key(|r| r.0); // stable: a customer's first purchase first
    IntTransactions {
        customer_id: rows.iter().map(|r| r.1).collect(),
        time_ms: rows.iter().map(|r| r.0).collect(),
        value: rows.iter().map(|r| r.2).collect(),
    }
}

/// Transactions as plain columns with integer customer ids (an Arrow `int64` column).
#[derive(Debug, Clone, Default)]
pub struct IntTransactions {
    /// Each row's customer.
    pub customer_id: Vec<i64>,
    /// Each row's time, in ms since the epoch.
    pub time_ms: Vec<i64>,
    /// Each row's value.
    pub value: Vec<f64>,
}

impl Rng {
    /// A uniform number in (0, 1).
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// A standard normal number (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        (-2.0 * self.uniform().ln()).sqrt() * (std::f64::consts::TAU * self.uniform()).cos()
    }

    /// A Gamma(shape, 1) number (Marsaglia & Tsang; shapes below 1 boosted).
    pub fn gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            return self.gamma(shape + 1.0) * self.uniform().powf(1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let z = self.normal();
            let v = (1.0 + c * z).powi(3);
            if v > 0.0 && self.uniform().ln() < 0.5 * z * z + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }
}
