//! Deterministic data generators shared by the benchmarks.

use touchpoint::{Channel, Event, EventKind, SurveyMetric, Timestamp};

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
            let kind = if i % 10 == 0 { EventKind::Purchase } else { EventKind::SurveyResponse };
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
