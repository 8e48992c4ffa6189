//! What the live engine keeps and how: the analyses' own options, the rule segments, the
//! computed traits, the at-risk rule and the reorder window; checked once, into
//! [`Config`], before the first event.

use super::traits::{ComputedTrait, TraitPlan};
use crate::analysis::segments::{Metric, MetricKinds, Predicate, SegmentRule};
use crate::{
    limits, EngagementScoreOptions, EventKind, LifecycleOptions, Result, SessionOptions, Stage,
    StageMap, TouchpointError, DAY_MS,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Options of a [`LiveEngine`](super::LiveEngine). Every field has a default, so `{}` is
/// valid. The analyses' options are the batch analyses' own: give the same ones to
/// [`lifecycle`](crate::lifecycle), [`engagement_score`](crate::engagement_score),
/// [`sessions`](crate::sessions) and [`rule_segments`](crate::rule_segments) and a dataset of
/// the same events gives the same per-customer answers (`docs/guide-live.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LiveOptions {
    /// Overrides of the default kind → stage map (`{"survey_response": "discover"}`).
    pub stage_map: Option<BTreeMap<String, Option<String>>>,
    /// The lifecycle: its period (dormancy starts with the period after the last activity),
    /// activity kinds, purchase kind and phase thresholds. Its `stage_map` must be unset (give
    /// the top-level one); `per_customer` is not read.
    pub lifecycle: LifecycleOptions,
    /// The engagement score and its health bands, scored at the engine's clock. `scale` is
    /// required (a live score cannot wait for every customer's median) and `as_of` must be
    /// unset; `trend_seconds`, `flat_points` and `per_customer` are not read. Default: the
    /// batch defaults with `scale` 10 (one fresh purchase scores 63.2).
    pub engagement_score: EngagementScoreOptions,
    /// Sessions: a gap longer than `inactivity_seconds` starts a new one. `by_channel` and
    /// `per_customer` are not read.
    pub sessions: SessionOptions,
    /// Rule segments (the rule language of [`rule_segments`](crate::rule_segments)), read
    /// at the engine's clock; rules may read computed traits by name.
    pub segments: Vec<SegmentRule>,
    /// Computed traits, kept per customer.
    pub computed_traits: Vec<ComputedTrait>,
    /// A customer is at risk once active before and without activity for this many days
    /// (the lifecycle's activity kinds). Default 30.
    pub at_risk_days: f64,
    /// An event more than this many seconds older than the engine's clock is late: it
    /// updates the state like any other, and the signals it causes are marked `late`
    /// (corrections). Default 3600.
    pub reorder_seconds: f64,
}

impl Default for LiveOptions {
    fn default() -> Self {
        LiveOptions {
            stage_map: None,
            lifecycle: LifecycleOptions::default(),
            engagement_score: EngagementScoreOptions {
                scale: Some(10.0),
                ..EngagementScoreOptions::default()
            },
            sessions: SessionOptions::default(),
            segments: Vec::new(),
            computed_traits: Vec::new(),
            at_risk_days: 30.0,
            reorder_seconds: 3600.0,
        }
    }
}

/// The options, checked and turned into the tables the engine reads per event.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub stages: StageMap,
    pub period: crate::Period,
    pub lifecycle: LifecycleOptions,
    /// `Some(list)`: only these kinds are activity; `None`: all but the passive ones.
    pub active_kinds: Option<Vec<EventKind>>,
    pub purchase: EventKind,
    pub kind_weights: BTreeMap<EventKind, f64>,
    pub other_weight: f64,
    pub channel_weights: BTreeMap<crate::Channel, f64>,
    pub half_life_ms: f64,
    pub scale: f64,
    /// Each band's label and lowest score.
    pub bands: Vec<(String, f64)>,
    /// A gap longer than this many ms starts a session (as `sessions` has it: floor(s × 1000)).
    pub session_gap_ms: i64,
    pub segments: Vec<(String, Predicate)>,
    pub traits: TraitPlan,
    pub at_risk_ms: i64,
    pub reorder_ms: i64,
    /// Whether a segment rule reads how many days ago something was.
    pub segments_read_days: bool,
    /// The day counts those rules compare with (`last_seen_days_ago > 30`: 30), so that a
    /// customer's timer wakes only when a count crosses one; `None` when a rule reads a day
    /// count in another way (against another field), and the timer wakes every day.
    pub day_thresholds: Option<Vec<i64>>,
}

/// Kinds that are shown or sent to the customer, not done by them (as the lifecycle has it).
const PASSIVE: [&str; 2] = ["impression", "email_sent"];

fn kind(name: &str, option: &str) -> Result<EventKind> {
    EventKind::parse(name).ok_or_else(|| TouchpointError::config(option, "empty event kind"))
}

fn finite(x: f64, option: &str, ok: bool, expected: &str) -> Result<f64> {
    if x.is_finite() && ok {
        Ok(x)
    } else {
        Err(TouchpointError::config(
            option,
            format!("{x} is out of range ({expected})"),
        ))
    }
}

impl Config {
    pub fn new(o: &LiveOptions) -> Result<Config> {
        let stages = match &o.stage_map {
            None => StageMap::default(),
            Some(m) => StageMap::from_overrides(m)?,
        };
        let l = &o.lifecycle;
        if l.stage_map.is_some() {
            return Err(TouchpointError::config(
                "lifecycle.stage_map",
                "give the live engine's stage map as the top-level `stage_map`",
            ));
        }
        let active_kinds = match &l.active_kinds {
            None => None,
            Some(list) => Some(
                list.iter()
                    .map(|k| kind(k, "lifecycle.active_kinds"))
                    .collect::<Result<Vec<_>>>()?,
            ),
        };
        let purchase = kind(&l.purchase_kind, "lifecycle.purchase_kind")?;
        let e = &o.engagement_score;
        if e.as_of.is_some() {
            return Err(TouchpointError::config(
                "engagement_score.as_of",
                "a live score is scored at the engine's clock: leave `as_of` unset",
            ));
        }
        let scale = match e.scale {
            Some(s) => finite(s, "engagement_score.scale", s > 0.0, "above 0")?,
            None => {
                return Err(TouchpointError::config(
                    "engagement_score.scale",
                    "a live score needs a fixed scale (a number above 0; the batch default, the median of every customer's raw score, is not known live)",
                ))
            }
        };
        let weight = |w: f64, option: &str| -> Result<f64> {
            let w = limits::check_weight(w, option)?;
            finite(w, option, w >= 0.0, "at least 0")
        };
        let mut kind_weights = BTreeMap::new();
        for (name, &w) in &e.weights {
            let option = format!("engagement_score.weights.{name}");
            kind_weights.insert(kind(name, &option)?, weight(w, &option)?);
        }
        let mut channel_weights = BTreeMap::new();
        for (name, &w) in &e.channel_weights {
            let option = format!("engagement_score.channel_weights.{name}");
            let ch = crate::Channel::parse(name)
                .ok_or_else(|| TouchpointError::config(&option, "empty channel"))?;
            channel_weights.insert(ch, weight(w, &option)?);
        }
        limits::window_ms(
            e.half_life_seconds,
            1000.0,
            "engagement_score.half_life_seconds",
        )?;
        if e.bands.is_empty() {
            return Err(TouchpointError::config(
                "engagement_score.bands",
                "at least one band is needed",
            ));
        }
        for (i, b) in e.bands.iter().enumerate() {
            if !b.min.is_finite() || (i > 0 && b.min <= e.bands[i - 1].min) {
                return Err(TouchpointError::config(
                    "engagement_score.bands",
                    "band minimums must be finite and increasing",
                ));
            }
        }
        let gap = o.sessions.inactivity_seconds;
        limits::window_ms(gap, 1000.0, "sessions.inactivity_seconds")?;
        let session_gap_ms = (gap * 1000.0).floor() as i64;
        let traits = TraitPlan::new(&o.computed_traits)?;
        crate::analysis::segments::check_names(
            "segments",
            o.segments.iter().map(|r| r.name.as_str()),
        )?;
        let segments = o
            .segments
            .iter()
            .map(|r| {
                let option = format!("segments.{}.rule", r.name);
                let p = Predicate::parse_for(&r.rule, &option)?;
                if p.reads(&|m: Metric| m.needs_customer_value()) {
                    return Err(TouchpointError::config(
                        option,
                        format!("`{p}` reads a value metric (p_alive, expected_purchases, clv, value_at_risk), which the live engine does not keep yet"),
                    ));
                }
                Ok((r.name.clone(), p))
            })
            .collect::<Result<Vec<_>>>()?;
        let segments_read_days = segments.iter().any(|(_, p)| {
            p.reads(&|m: Metric| matches!(m, Metric::FirstSeenDaysAgo | Metric::LastSeenDaysAgo))
        });
        let mut thresholds = Vec::new();
        let day_thresholds = segments
            .iter()
            .all(|(_, p)| day_literals(p, &mut thresholds))
            .then(|| {
                thresholds.sort_unstable();
                thresholds.dedup();
                thresholds
            });
        let at_risk_ms = limits::window_ms(o.at_risk_days, DAY_MS as f64, "at_risk_days")?;
        let reorder_ms = match o.reorder_seconds {
            0.0 => 0,
            s => limits::window_ms(s, 1000.0, "reorder_seconds")?,
        };
        Ok(Config {
            stages,
            period: l.period,
            lifecycle: l.clone(),
            active_kinds,
            purchase,
            kind_weights,
            other_weight: weight(e.other_weight, "engagement_score.other_weight")?,
            channel_weights,
            half_life_ms: e.half_life_seconds * 1000.0,
            scale,
            bands: e.bands.iter().map(|b| (b.label.clone(), b.min)).collect(),
            session_gap_ms,
            segments,
            traits,
            at_risk_ms,
            reorder_ms,
            segments_read_days,
            day_thresholds,
        })
    }

    /// What the engine looks up per event, for a kind seen for the first time.
    pub fn kind_info(&self, k: &EventKind) -> KindInfo {
        let active = match &self.active_kinds {
            Some(list) => list.contains(k),
            None => !PASSIVE.contains(&k.as_str()),
        };
        let weight = self.kind_weights.get(k).copied().unwrap_or_else(|| {
            EngagementScoreOptions::default_weight(k).unwrap_or(self.other_weight)
        });
        KindInfo {
            stage: self.stages.stage_of(k),
            active,
            purchase: *k == self.purchase,
            weight,
        }
    }

    /// The weight of a channel seen for the first time.
    pub fn channel_weight(&self, c: &crate::Channel) -> f64 {
        self.channel_weights.get(c).copied().unwrap_or(1.0)
    }

    /// The kinds whose codes the engine fixes first: purchase, ticket_opened,
    /// ticket_resolved and referral, for the segment metrics.
    pub fn fixed_kinds(&self) -> [EventKind; 4] {
        [
            self.purchase.clone(),
            EventKind::TicketOpened,
            EventKind::TicketResolved,
            EventKind::Referral,
        ]
    }

    /// The metric kinds under the codes of [`fixed_kinds`](Self::fixed_kinds): 0 to 3 (one
    /// code if the purchase kind is one of the others).
    pub fn metric_kinds(&self, code: impl Fn(&EventKind) -> Option<u16>) -> MetricKinds {
        let [p, o, r, f] = self.fixed_kinds();
        MetricKinds::from_codes(code(&p), code(&o), code(&r), code(&f))
    }

    /// The band of `score`.
    pub fn band(&self, score: f64) -> usize {
        self.bands.iter().rposition(|b| b.1 <= score).unwrap_or(0)
    }
}

/// A kind's part in each analysis.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KindInfo {
    pub stage: Option<Stage>,
    pub active: bool,
    pub purchase: bool,
    pub weight: f64,
}

/// Adds to `out` the day counts `p` compares a day metric (`first_seen_days_ago`,
/// `last_seen_days_ago`) with, and for each the next one (a count moves from `k − 1` to `k`
/// and from `k` to `k + 1`, which is where `<`, `<=`, `==`, `>=` and `>` can change);
/// false when `p` reads a day metric otherwise (against a field, or as a truth value).
fn day_literals(p: &Predicate, out: &mut Vec<i64>) -> bool {
    use crate::analysis::segments::{Field, Literal, Operand};
    let is_day = |o: &Operand| {
        matches!(
            o,
            Operand::Field(Field::Metric(
                Metric::FirstSeenDaysAgo | Metric::LastSeenDaysAgo
            ))
        )
    };
    let mut push = |x: f64| {
        if x.is_finite() && x.abs() < 1e12 {
            let k = x.floor() as i64;
            out.extend([k, k + 1, k + 2]);
        }
    };
    match p {
        Predicate::Const(_) => true,
        Predicate::Truthy(f) | Predicate::Exists(f) => !is_day(&Operand::Field(f.clone())),
        Predicate::Compare(a, _, b) => match (is_day(a), is_day(b), a, b) {
            (false, false, _, _) => true,
            (true, false, _, Operand::Literal(Literal::Number(x)))
            | (false, true, Operand::Literal(Literal::Number(x)), _) => {
                push(*x);
                true
            }
            // A day count against text or a boolean never holds: nothing to wake for.
            (true, false, _, Operand::Literal(_)) | (false, true, Operand::Literal(_), _) => true,
            _ => false,
        },
        Predicate::In(a, list) => {
            if is_day(a) {
                for l in list {
                    if let Literal::Number(x) = l {
                        push(*x);
                    }
                }
            }
            true
        }
        Predicate::Not(inner) => day_literals(inner, out),
        Predicate::And(ps) | Predicate::Or(ps) => ps.iter().all(|q| day_literals(q, out)),
    }
}
