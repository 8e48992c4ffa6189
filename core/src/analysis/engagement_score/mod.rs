//! The engagement score: 0–100 per customer from weighted, recency-decayed events, with
//! health bands and the trend against the score one period earlier.
//!
//! `raw = Σ weight(kind) × channel_weight(channel) × 0.5^(age ÷ half_life)` over the events
//! at or before `as_of` (age = `as_of` − event time), and
//! `score = 100 × (1 − e^(−raw ÷ scale))`, where `scale` is given or, by default, the median
//! raw score of the customers whose raw score is above 0 — so that customer scores about 63.2.

use crate::analysis::stats::{mean, percent, quantile};
use crate::{
    limits, run_pass, Channel, CustomerEvents, CustomerPass, Dataset, EventKind, MergeablePass,
    PassContext, Result, StageMap, Timestamp, TouchpointError,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// 30 days, in seconds.
const THIRTY_DAYS: f64 = 30.0 * 86_400.0;

/// A health band: scores from `min` up to the next band's `min` get `label`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthBand {
    /// The band's name (`"red"`).
    pub label: String,
    /// The lowest score of the band.
    pub min: f64,
}

/// Options of [`engagement_score`]. Every field has a default, so `{}` is valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EngagementScoreOptions {
    /// Weights per kind name, overriding [`EngagementScoreOptions::default_weight`]. Finite, ≥ 0.
    pub weights: BTreeMap<String, f64>,
    /// The weight of custom kinds given in neither table. Default 1.
    pub other_weight: f64,
    /// Weights per channel name; channels not listed weigh 1. Finite, ≥ 0.
    pub channel_weights: BTreeMap<String, f64>,
    /// An event's weight halves every `half_life_seconds` of age. Default 2,592,000 (30 days).
    pub half_life_seconds: f64,
    /// The time the score is computed at; later events are ignored. Default: the last event.
    pub as_of: Option<Timestamp>,
    /// The normalisation scale (> 0). Default `null`: the median raw score of customers
    /// whose raw score is above 0.
    pub scale: Option<f64>,
    /// Health bands in increasing `min`. Default red from 0, yellow from 40, green from 70.
    pub bands: Vec<HealthBand>,
    /// The previous score is computed as of `as_of − trend_seconds`. Default 2,592,000 (30 days).
    pub trend_seconds: f64,
    /// A change of at most this many points (either way) is `flat`. Default 1.
    pub flat_points: f64,
    /// Return one row per customer. Default true.
    pub per_customer: bool,
}

impl Default for EngagementScoreOptions {
    fn default() -> Self {
        let band = |label: &str, min: f64| HealthBand {
            label: label.into(),
            min,
        };
        EngagementScoreOptions {
            weights: BTreeMap::new(),
            other_weight: 1.0,
            channel_weights: BTreeMap::new(),
            half_life_seconds: THIRTY_DAYS,
            as_of: None,
            scale: None,
            bands: vec![band("red", 0.0), band("yellow", 40.0), band("green", 70.0)],
            trend_seconds: THIRTY_DAYS,
            flat_points: 1.0,
            per_customer: true,
        }
    }
}

impl EngagementScoreOptions {
    /// The default weight of a kind: purchase 10, referral 8, review 6, share 5,
    /// add_to_cart 4, loyalty_join 4, loyalty_redeem 4, comment 3, mention 3, click 2,
    /// survey_response 2, email_open 1, page_view 1, like 1, impression 0.2, and 0 for
    /// refund, ticket_opened, ticket_resolved and the custom kind email_sent.
    /// Other custom kinds: `None` (they take `other_weight`).
    pub fn default_weight(kind: &EventKind) -> Option<f64> {
        use EventKind::*;
        Some(match kind {
            Purchase => 10.0,
            Referral => 8.0,
            Review => 6.0,
            Share => 5.0,
            AddToCart | LoyaltyJoin | LoyaltyRedeem => 4.0,
            Comment | Mention => 3.0,
            Click | SurveyResponse => 2.0,
            EmailOpen | PageView | Like => 1.0,
            Impression => 0.2,
            Refund | TicketOpened | TicketResolved => 0.0,
            Custom(name) if name == "email_sent" => 0.0,
            Custom(_) => return None,
        })
    }
}

/// Which way a score moved against the previous period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Up by more than `flat_points`.
    Up,
    /// Down by more than `flat_points`.
    Down,
    /// Within ± `flat_points`.
    Flat,
}

/// One customer's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerEngagementScore {
    /// The customer's id.
    pub customer_id: String,
    /// The raw (weighted, decayed) score.
    pub raw: f64,
    /// The score, 0–100.
    pub score: f64,
    /// The health band of the score.
    pub band: String,
    /// The score as of `as_of − trend_seconds`, with the same scale.
    pub previous_score: f64,
    /// score − previous score.
    pub delta: f64,
    /// Direction of the change.
    pub trend: Trend,
}

/// How many customers fall in a band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BandCount {
    /// The band's label.
    pub label: String,
    /// Its lowest score.
    pub min: f64,
    /// Customers in it.
    pub customers: u64,
    /// Their percentage of all customers.
    pub share: Option<f64>,
}

/// Summary of the scores of all customers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EngagementScoreDistribution {
    /// Mean score.
    pub mean: Option<f64>,
    /// Median score.
    pub median: Option<f64>,
    /// 10th percentile (linear interpolation).
    pub p10: Option<f64>,
    /// 90th percentile (linear interpolation).
    pub p90: Option<f64>,
}

/// The result of [`engagement_score`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngagementScoreReport {
    /// The time scores are computed at (`None`: no events and none given).
    pub as_of: Option<Timestamp>,
    /// The time previous scores are computed at.
    pub previous_as_of: Option<Timestamp>,
    /// The scale used (`None`: no customer has a raw score above 0, so every score is 0).
    pub scale: Option<f64>,
    /// Number of customers scored.
    pub customers: u64,
    /// Customers per band, in band order.
    pub bands: Vec<BandCount>,
    /// Customers whose score went up, down or stayed flat.
    pub trend_counts: BTreeMap<String, u64>,
    /// Mean, median and percentiles of the scores.
    pub distribution: EngagementScoreDistribution,
    /// One row per customer in dataset order (`per_customer: true`).
    pub per_customer: Option<Vec<CustomerEngagementScore>>,
}

/// One customer's raw scores, updated one event at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EngagementScoreState {
    /// Raw score as of `as_of`.
    pub raw: f64,
    /// Raw score as of the previous time.
    pub previous: f64,
}

impl EngagementScoreState {
    /// Adds an event of weight `weight` at `ts` (ms), decaying by `half_life_ms` towards
    /// `as_of` and `previous_as_of` (events after either are left out of that score).
    pub fn push(
        &mut self,
        ts: i64,
        weight: f64,
        as_of: i64,
        previous_as_of: i64,
        half_life_ms: f64,
    ) {
        if weight == 0.0 {
            return;
        }
        // For a dataset's times and checked options the differences are exact (at most
        // `limits::MAX_WINDOW_MS` + the trend); saturating for any other caller's.
        if ts <= as_of {
            self.raw += weight * (-(as_of.saturating_sub(ts) as f64) / half_life_ms).exp2();
        }
        if ts <= previous_as_of {
            self.previous +=
                weight * (-(previous_as_of.saturating_sub(ts) as f64) / half_life_ms).exp2();
        }
    }
}

/// A weight: at least 0 and at most [`limits::MAX_WEIGHT`].
fn weight(w: f64, option: &str) -> Result<f64> {
    let w = limits::check_weight(w, option)?;
    check(w, option, w >= 0.0)
}

fn check(value: f64, option: &str, ok: bool) -> Result<f64> {
    if value.is_finite() && ok {
        Ok(value)
    } else {
        Err(TouchpointError::config(
            option,
            format!("{value} is out of range"),
        ))
    }
}

/// The engagement score as a [`CustomerPass`]; [`finish`](EngagementScorePass::finish) gives the report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EngagementScorePass {
    options: EngagementScoreOptions,
    kind_weight: Vec<f64>,
    channel_weight: Vec<f64>,
    as_of: Option<i64>,
    previous_as_of: i64,
    half_life_ms: f64,
    ids: Vec<String>,
    states: Vec<EngagementScoreState>,
}

impl EngagementScorePass {
    /// Checks the options against `data`.
    pub fn new(data: &Dataset, options: &EngagementScoreOptions) -> Result<Self> {
        let o = options;
        let other = weight(o.other_weight, "other_weight")?;
        let mut kind_weight: Vec<f64> = data
            .kinds()
            .iter()
            .map(|k| EngagementScoreOptions::default_weight(k).unwrap_or(other))
            .collect();
        for (name, &w) in &o.weights {
            let option = format!("weights.{name}");
            let kind = EventKind::parse(name)
                .ok_or_else(|| TouchpointError::config(&option, "empty event kind"))?;
            let w = weight(w, &option)?;
            if let Some(code) = data.kind_code(&kind) {
                kind_weight[code as usize] = w;
            }
        }
        let mut channel_weight = vec![1.0; data.channels().len()];
        for (name, &w) in &o.channel_weights {
            let option = format!("channel_weights.{name}");
            let channel = Channel::parse(name)
                .ok_or_else(|| TouchpointError::config(&option, "empty channel"))?;
            let w = weight(w, &option)?;
            if let Some(code) = data.channel_code(&channel) {
                channel_weight[code as usize] = w;
            }
        }
        limits::window_ms(o.half_life_seconds, 1000.0, "half_life_seconds")?;
        // A trend of 0 compares the score with itself; at most the whole range of times.
        let trend_ms = match o.trend_seconds {
            0.0 => 0,
            t => limits::window_ms(t, 1000.0, "trend_seconds")?,
        };
        check(o.flat_points, "flat_points", o.flat_points >= 0.0)?;
        if let Some(s) = o.scale {
            check(s, "scale", s > 0.0)?;
        }
        if o.bands.is_empty() {
            return Err(TouchpointError::config(
                "bands",
                "at least one band is needed",
            ));
        }
        for (i, b) in o.bands.iter().enumerate() {
            check(b.min, "bands", i == 0 || b.min > o.bands[i - 1].min).map_err(|_| {
                TouchpointError::config("bands", "band minimums must be finite and increasing")
            })?;
        }
        let as_of = match o.as_of {
            Some(t) => Some(limits::check_option_time(t, "as_of")?),
            None => data.time_range().map(|r| r.1 .0),
        };
        Ok(EngagementScorePass {
            options: o.clone(),
            kind_weight,
            channel_weight,
            as_of,
            // In range minus at most `MAX_WINDOW_MS`: exact (see `limits::MAX_WINDOW_MS`).
            previous_as_of: as_of.unwrap_or(0) - trend_ms,
            half_life_ms: o.half_life_seconds * 1000.0,
            ids: Vec::new(),
            states: Vec::new(),
        })
    }

    fn band(&self, score: f64) -> usize {
        self.options
            .bands
            .iter()
            .rposition(|b| b.min <= score)
            .unwrap_or(0)
    }

    /// The report of every customer seen.
    pub fn finish(self) -> EngagementScoreReport {
        let mut engaged: Vec<f64> = self
            .states
            .iter()
            .map(|s| s.raw)
            .filter(|&r| r > 0.0)
            .collect();
        let scale = self.options.scale.or_else(|| quantile(&mut engaged, 0.5));
        let score = |raw: f64| match scale {
            Some(s) if raw > 0.0 => 100.0 * -(-raw / s).exp_m1(),
            _ => 0.0,
        };
        let n = self.states.len() as u64;
        let mut band_counts = vec![0u64; self.options.bands.len()];
        let mut trend_counts: BTreeMap<String, u64> = ["up", "down", "flat"]
            .iter()
            .map(|t| (t.to_string(), 0))
            .collect();
        let mut scores = Vec::with_capacity(self.states.len());
        let mut rows = Vec::new();
        for (id, s) in self.ids.iter().zip(&self.states) {
            let (now, before) = (score(s.raw), score(s.previous));
            let delta = now - before;
            let trend = if delta.abs() <= self.options.flat_points {
                Trend::Flat
            } else if delta > 0.0 {
                Trend::Up
            } else {
                Trend::Down
            };
            let band = self.band(now);
            band_counts[band] += 1;
            *trend_counts
                .get_mut(["up", "down", "flat"][trend as usize])
                .unwrap() += 1;
            scores.push(now);
            if self.options.per_customer {
                rows.push(CustomerEngagementScore {
                    customer_id: id.clone(),
                    raw: s.raw,
                    score: now,
                    band: self.options.bands[band].label.clone(),
                    previous_score: before,
                    delta,
                    trend,
                });
            }
        }
        EngagementScoreReport {
            as_of: self.as_of.map(Timestamp),
            previous_as_of: self.as_of.map(|_| Timestamp(self.previous_as_of)),
            scale,
            customers: n,
            bands: self
                .options
                .bands
                .iter()
                .zip(band_counts)
                .map(|(b, c)| BandCount {
                    label: b.label.clone(),
                    min: b.min,
                    customers: c,
                    share: percent(c, n),
                })
                .collect(),
            trend_counts,
            distribution: EngagementScoreDistribution {
                mean: mean(&scores),
                median: quantile(&mut scores, 0.5),
                p10: quantile(&mut scores, 0.1),
                p90: quantile(&mut scores, 0.9),
            },
            per_customer: self.options.per_customer.then_some(rows),
        }
    }
}

impl CustomerPass for EngagementScorePass {
    fn customer(&mut self, _ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        let mut state = EngagementScoreState::default();
        if let Some(as_of) = self.as_of {
            for i in 0..c.len() {
                let w = self.kind_weight[c.kind[i] as usize]
                    * self.channel_weight[c.channel[i] as usize];
                state.push(c.ts[i], w, as_of, self.previous_as_of, self.half_life_ms);
            }
        }
        self.ids.push(c.id.to_string());
        self.states.push(state);
    }
}

impl MergeablePass for EngagementScorePass {
    fn merge(&mut self, later: Self) {
        self.ids.extend(later.ids);
        self.states.extend(later.states);
    }
}

/// The engagement score of every customer, with bands and trend.
///
/// ```
/// use touchpoint::{engagement_score, Channel, Dataset, Event, EventKind, EngagementScoreOptions, Timestamp};
/// let t = Timestamp::parse("2026-03-02T09:00:00Z").unwrap();
/// let data = Dataset::from_events(vec![
///     Event::new("ana", t, Channel::Web, EventKind::Purchase),
///     Event::new("ben", t, Channel::Web, EventKind::PageView),
/// ]).unwrap();
/// let r = engagement_score(&data, &EngagementScoreOptions { scale: Some(10.0), ..Default::default() }).unwrap();
/// let rows = r.per_customer.unwrap();
/// assert!((rows[0].score - 63.212).abs() < 1e-3); // 100 × (1 − e^−1)
/// assert_eq!(rows[1].band, "red");
/// ```
pub fn engagement_score(
    data: &Dataset,
    options: &EngagementScoreOptions,
) -> Result<EngagementScoreReport> {
    let pass = EngagementScorePass::new(data, options)?;
    Ok(run_pass(&PassContext::new(data, &StageMap::default()), pass).finish())
}

#[cfg(test)]
mod tests;
