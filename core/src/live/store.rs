//! What the engine stores per customer: the events (compact rows in time order, ties in
//! arrival order, as a dataset places them), and the state folded from them one event at a
//! time with the batch analyses' own steps.

use super::options::{Config, KindInfo};
use crate::analysis::lifecycle::{LifecycleEvent, LifecycleState};
use crate::analysis::segments::{CustomerMetrics, MetricKinds};
use crate::PackedAnswer;
use crate::{Channel, EventKind, Properties};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One stored event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Row {
    /// Time, ms.
    pub ts: i64,
    /// Arrival number: orders events of equal time.
    pub seq: u64,
    /// Kind and channel codes, in the engine's tables.
    pub kind: u16,
    pub channel: u16,
    /// The value (NaN: none).
    pub value: f64,
    /// The first survey answer, packed (0: none).
    pub answer: u8,
    /// The rare rest: further answers, traits, the properties computed traits read.
    pub extra: Option<Box<Extra>>,
}

/// The parts of an event few events have.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Extra {
    /// Further survey answers, packed.
    pub answers: Vec<u8>,
    /// The customer's traits as of this event.
    pub traits: Properties,
    /// The value of each property some computed trait reads (by slot; `Null`: absent).
    pub properties: Vec<Value>,
}

impl Row {
    /// The value of property slot `i`, if the event has it.
    pub fn property(&self, i: usize) -> Option<&Value> {
        self.extra
            .as_ref()
            .and_then(|e| e.properties.get(i))
            .filter(|v| !v.is_null())
    }

    /// Every survey answer of the event, the first one first.
    pub fn answers(&self) -> impl Iterator<Item = (crate::SurveyMetric, u8)> + '_ {
        let more = self.extra.as_ref().map_or(&[][..], |e| &e.answers[..]);
        std::iter::once(self.answer)
            .chain(more.iter().copied())
            .filter_map(|a| PackedAnswer(a).get())
    }
}

/// The engine's code tables: kinds and channels in order of first sight.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    pub kinds: Vec<EventKind>,
    pub kind_info: Vec<KindInfo>,
    pub channels: Vec<Channel>,
    pub channel_weight: Vec<f64>,
    pub metric_kinds: MetricKinds,
}

/// A customer's state, folded from their rows in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Folded {
    pub lifecycle: LifecycleState,
    pub metrics: CustomerMetrics,
    pub traits: Properties,
    pub sessions: u64,
    pub last_ts: Option<i64>,
    pub last_purchase: Option<i64>,
    /// The raw engagement score decayed to `raw_at` (an estimate: the exact score sums the
    /// rows as the batch analysis does, see [`exact_raw`]).
    pub raw: f64,
    pub raw_at: i64,
}

impl Folded {
    /// Adds one row, later than (or as late as) every row before it.
    pub fn push(&mut self, r: &Row, t: &Tables, cfg: &Config) {
        let info = t.kind_info[r.kind as usize];
        self.lifecycle.push_live(
            &LifecycleEvent {
                ts: r.ts,
                stage: info.stage,
                active: info.active,
                purchase: info.purchase,
            },
            cfg.period,
        );
        let mut answers = r.answers();
        self.metrics.push(
            &t.metric_kinds,
            r.ts,
            r.channel,
            r.kind,
            r.value,
            PackedAnswer(r.answer),
            info.stage,
        );
        answers.next();
        for (metric, score) in answers {
            self.metrics.add_answer(metric, score);
        }
        if let Some(e) = &r.extra {
            self.traits
                .extend(e.traits.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        match self.last_ts {
            Some(last) if r.ts.saturating_sub(last) <= cfg.session_gap_ms => {}
            _ => self.sessions += 1,
        }
        self.last_ts = Some(r.ts);
        if info.purchase {
            self.last_purchase = Some(r.ts);
        }
        let w = info.weight * t.channel_weight[r.channel as usize];
        if w != 0.0 {
            self.raw = self.raw_at_time(r.ts, cfg) + w;
            self.raw_at = r.ts;
        }
    }

    /// The estimated raw score at `at` (not before the last scored row).
    pub fn raw_at_time(&self, at: i64, cfg: &Config) -> f64 {
        if self.raw == 0.0 {
            return 0.0;
        }
        self.raw * (-((at - self.raw_at) as f64) / cfg.half_life_ms).exp2()
    }

    /// The state of `rows`, folded from the first.
    pub fn of(rows: &[Row], t: &Tables, cfg: &Config) -> Folded {
        let mut f = Folded::default();
        for r in rows {
            f.push(r, t, cfg);
        }
        f
    }
}

/// The raw engagement score at `at`, summed over the rows in order exactly as
/// [`engagement_score`](crate::engagement_score) sums a customer's events.
pub(crate) fn exact_raw(rows: &[Row], at: i64, t: &Tables, cfg: &Config) -> f64 {
    let mut raw = 0.0;
    for r in rows.iter().take_while(|r| r.ts <= at) {
        let w = t.kind_info[r.kind as usize].weight * t.channel_weight[r.channel as usize];
        if w != 0.0 {
            raw += w * (-(at.saturating_sub(r.ts) as f64) / cfg.half_life_ms).exp2();
        }
    }
    raw
}

/// The 0–100 score of a raw score, as the batch analysis computes it.
pub(crate) fn score_of(raw: f64, cfg: &Config) -> f64 {
    if raw > 0.0 {
        100.0 * -(-raw / cfg.scale).exp_m1()
    } else {
        0.0
    }
}
