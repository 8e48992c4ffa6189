//! Engagement tiers: customers grouped by how many events they had in the last
//! `window_days` before `as_of`.
//!
//! The window is closed at both ends: an event counts when
//! `as_of − window_days × 24 h <= time <= as_of`. A customer's tier is the tier with the
//! highest `min_events` at or below their count. Defaults: `inactive` 0, `casual` 1–2,
//! `engaged` 3–9, `power` 10 or more.

use super::{as_of_ms, check_names, parse_kind, percent};
use crate::{
    run_pass, CustomerEvents, CustomerPass, Dataset, MergeablePass, PassContext, Result, StageMap,
    Timestamp, TouchpointError, DAY_MS,
};
use serde::{Deserialize, Serialize};

/// A tier: customers with at least `min_events` events in the window (and fewer than the
/// next tier's `min_events`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierRule {
    /// The tier's name.
    pub name: String,
    /// The fewest events in the window that put a customer in this tier.
    pub min_events: u64,
}

impl TierRule {
    /// A tier.
    pub fn new(name: &str, min_events: u64) -> Self {
        TierRule {
            name: name.to_string(),
            min_events,
        }
    }
}

/// Options of [`engagement_tiers`]. Every field has a default, so `{}` is valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TierOptions {
    /// The window's length in days (fractions allowed), ending at `as_of`. Default 30.
    pub window_days: f64,
    /// The window's end. Default: the dataset's last event.
    pub as_of: Option<Timestamp>,
    /// The tiers, in any order; one must have `min_events: 0`. Default inactive 0, casual 1,
    /// engaged 3, power 10.
    pub tiers: Vec<TierRule>,
    /// Count only events of these kinds. Default empty: every event counts.
    pub kinds: Vec<String>,
    /// Return every customer's count and tier. Default true.
    pub per_customer: bool,
}

impl Default for TierOptions {
    fn default() -> Self {
        TierOptions {
            window_days: 30.0,
            as_of: None,
            tiers: vec![
                TierRule::new("inactive", 0),
                TierRule::new("casual", 1),
                TierRule::new("engaged", 3),
                TierRule::new("power", 10),
            ],
            kinds: Vec::new(),
            per_customer: true,
        }
    }
}

/// How many customers are in one tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierCount {
    /// The tier's name.
    pub name: String,
    /// The fewest events of the tier.
    pub min_events: u64,
    /// The most events of the tier (`None` for the top tier).
    pub max_events: Option<u64>,
    /// Customers in the tier.
    pub customers: u64,
    /// Their percentage of all customers (`None` without customers).
    pub share: Option<f64>,
}

/// One customer's tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerTier {
    /// The customer's id.
    pub customer_id: String,
    /// Events in the window.
    pub events: u64,
    /// The tier's name.
    pub tier: String,
}

/// The result of [`engagement_tiers`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierReport {
    /// The window's end (`None` for a dataset without events: everyone is in the lowest tier).
    pub as_of: Option<Timestamp>,
    /// The window's length in days.
    pub window_days: f64,
    /// Every tier, by ascending `min_events`.
    pub tiers: Vec<TierCount>,
    /// Every customer, in dataset order (`per_customer: true`).
    pub per_customer: Option<Vec<CustomerTier>>,
}

/// Engagement tiers as a [`CustomerPass`]; [`finish`](TierPass::finish) gives the report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TierPass {
    window: Option<(i64, i64)>,
    kinds: Option<Vec<u16>>,
    tiers: Vec<TierRule>,
    counts: Vec<u64>,
    options: TierOptions,
    rows: Vec<CustomerTier>,
}

impl TierPass {
    /// Checks the options against `data`.
    pub fn new(data: &Dataset, options: &TierOptions) -> Result<Self> {
        let window_ms =
            crate::limits::window_ms(options.window_days, DAY_MS as f64, "window_days")?;
        check_names("tiers", options.tiers.iter().map(|t| t.name.as_str()))?;
        let mut tiers = options.tiers.clone();
        tiers.sort_by_key(|t| t.min_events);
        if tiers.first().map(|t| t.min_events) != Some(0) {
            return Err(TouchpointError::config(
                "tiers",
                "one tier must have min_events 0",
            ));
        }
        if let Some(pair) = tiers
            .windows(2)
            .find(|p| p[0].min_events == p[1].min_events)
        {
            return Err(TouchpointError::config(
                format!("tiers.{}.min_events", pair[1].name),
                format!(
                    "{} is also the min_events of `{}`",
                    pair[1].min_events, pair[0].name
                ),
            ));
        }
        let kinds = if options.kinds.is_empty() {
            None
        } else {
            let mut codes = Vec::new();
            for (i, k) in options.kinds.iter().enumerate() {
                codes.extend(data.kind_code(&parse_kind(&format!("kinds[{i}]"), k)?));
            }
            Some(codes)
        };
        // A time from 1900 to 9999 minus at most `limits::MAX_WINDOW_MS`: fits an i64.
        let window = as_of_ms(data, options.as_of)?.map(|end| (end - window_ms, end));
        Ok(TierPass {
            window,
            kinds,
            counts: vec![0; tiers.len()],
            tiers,
            options: options.clone(),
            rows: Vec::new(),
        })
    }

    /// The tier counts of every customer seen.
    pub fn finish(self) -> TierReport {
        let total: u64 = self.counts.iter().sum();
        let tiers = self
            .tiers
            .iter()
            .enumerate()
            .map(|(i, t)| TierCount {
                name: t.name.clone(),
                min_events: t.min_events,
                max_events: self.tiers.get(i + 1).map(|next| next.min_events - 1),
                customers: self.counts[i],
                share: percent(self.counts[i], total),
            })
            .collect();
        TierReport {
            as_of: self.window.map(|w| Timestamp(w.1)),
            window_days: self.options.window_days,
            tiers,
            per_customer: self.options.per_customer.then_some(self.rows),
        }
    }
}

impl CustomerPass for TierPass {
    fn customer(&mut self, _ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        let events = match self.window {
            None => 0,
            Some((start, end)) => {
                // Events are in time order: the window is a contiguous run of rows.
                let (a, b) = (
                    c.ts.partition_point(|&t| t < start),
                    c.ts.partition_point(|&t| t <= end),
                );
                match &self.kinds {
                    None => (b - a) as u64,
                    Some(codes) => c.kind[a..b].iter().filter(|k| codes.contains(k)).count() as u64,
                }
            }
        };
        let tier = self.tiers.partition_point(|t| t.min_events <= events) - 1;
        self.counts[tier] += 1;
        if self.options.per_customer {
            self.rows.push(CustomerTier {
                customer_id: c.id.to_string(),
                events,
                tier: self.tiers[tier].name.clone(),
            });
        }
    }
}

impl MergeablePass for TierPass {
    fn merge(&mut self, later: Self) {
        for (a, b) in self.counts.iter_mut().zip(later.counts) {
            *a += b;
        }
        self.rows.extend(later.rows);
    }
}

/// Puts every customer in an engagement tier by their events in the last `window_days`.
///
/// ```
/// use touchpoint::{engagement_tiers, TierOptions};
/// use touchpoint::{Channel, Dataset, Event, EventKind, Timestamp};
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let data = Dataset::from_events(vec![
///     Event::new("ana", t("2026-01-01"), Channel::Web, EventKind::PageView), // 30 days before as_of: counts
///     Event::new("ana", t("2026-01-31"), Channel::Web, EventKind::Click),
///     Event::new("ben", t("2025-12-31"), Channel::Web, EventKind::PageView), // 31 days before: out
/// ]).unwrap();
/// let r = engagement_tiers(&data, &TierOptions::default()).unwrap();
/// let rows = r.per_customer.unwrap();
/// assert_eq!((rows[0].events, rows[0].tier.as_str()), (2, "casual"));
/// assert_eq!((rows[1].events, rows[1].tier.as_str()), (0, "inactive"));
/// ```
pub fn engagement_tiers(data: &Dataset, options: &TierOptions) -> Result<TierReport> {
    let pass = TierPass::new(data, options)?;
    Ok(run_pass(&PassContext::new(data, &StageMap::default()), pass).finish())
}
