//! RFM: recency, frequency and monetary value of each buyer, scored 1–5 by quintile, and the
//! named segments (champions, loyal, at risk, …) the (R, F) scores map to.
//!
//! - **Recency** = whole days (rounded down) from the customer's last purchase to `as_of`.
//! - **Frequency** = number of purchases; **monetary** = sum of their values (no value = 0).
//! - Only purchases at or before `as_of` count; customers without one are not scored.
//! - Scores: with `n` scored customers and `below` = how many of them have a strictly worse
//!   value (longer recency; fewer purchases; less money), score = 1 + ⌊5 × below ÷ n⌋. Ties get
//!   the same score, the one of the first in the tie (pandas: `rank(method="min") - 1`).

use super::{as_of_ms, check_names, mean, parse_kind, percent};
use crate::{
    run_pass, CustomerEvents, CustomerPass, Dataset, MergeablePass, PassContext, Result, StageMap,
    Timestamp, TouchpointError, DAY_MS,
};
use serde::{Deserialize, Serialize};

fn any_score() -> [u8; 2] {
    [1, 5]
}

/// A named segment: the customers whose R, F and M scores all fall in the given inclusive
/// ranges. Rules are tried in order; the first that matches wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RfmSegmentRule {
    /// The segment's name.
    pub name: String,
    /// Recency score range `[lo, hi]`, default `[1, 5]`.
    #[serde(default = "any_score")]
    pub r: [u8; 2],
    /// Frequency score range, default `[1, 5]`.
    #[serde(default = "any_score")]
    pub f: [u8; 2],
    /// Monetary score range, default `[1, 5]`.
    #[serde(default = "any_score")]
    pub m: [u8; 2],
}

impl RfmSegmentRule {
    /// A rule on R and F (any M).
    pub fn new(name: &str, r: [u8; 2], f: [u8; 2]) -> Self {
        RfmSegmentRule {
            name: name.to_string(),
            r,
            f,
            m: any_score(),
        }
    }

    /// The default table (the usual RFM segment map on R and F; it covers all 25 cells).
    pub fn default_table() -> Vec<RfmSegmentRule> {
        let rule = RfmSegmentRule::new;
        vec![
            rule("champions", [4, 5], [4, 5]),
            rule("loyal", [3, 5], [4, 5]),
            rule("cannot_lose_them", [1, 1], [5, 5]),
            rule("at_risk", [1, 2], [3, 5]),
            rule("lost", [1, 1], [1, 1]),
            rule("hibernating", [1, 2], [1, 2]),
            rule("new_customers", [5, 5], [1, 1]),
            rule("promising", [4, 4], [1, 1]),
            rule("potential_loyalist", [4, 5], [2, 3]),
            rule("need_attention", [3, 3], [3, 3]),
            rule("about_to_sleep", [3, 3], [1, 2]),
        ]
    }

    /// Whether scores `(r, f, m)` fall in this rule's ranges.
    pub fn matches(&self, r: u8, f: u8, m: u8) -> bool {
        let within = |range: [u8; 2], s: u8| range[0] <= s && s <= range[1];
        within(self.r, r) && within(self.f, f) && within(self.m, m)
    }
}

/// Options of [`rfm`]. Every field has a default, so `{}` is valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RfmOptions {
    /// The event kind that counts as a purchase. Default `"purchase"`.
    pub purchase_kind: String,
    /// The time recency is measured to; later events are ignored. Default: the dataset's
    /// last event.
    pub as_of: Option<Timestamp>,
    /// Named segments, first match wins; customers matching none are `other`. Default:
    /// [`RfmSegmentRule::default_table`].
    pub segments: Vec<RfmSegmentRule>,
    /// Return one row per scored customer. Default true.
    pub per_customer: bool,
    /// Return the ids of the customers without a purchase. Default false.
    pub list_not_scored: bool,
}

impl Default for RfmOptions {
    fn default() -> Self {
        RfmOptions {
            purchase_kind: "purchase".into(),
            as_of: None,
            segments: RfmSegmentRule::default_table(),
            per_customer: true,
            list_not_scored: false,
        }
    }
}

/// One scored customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmRow {
    /// The customer's id.
    pub customer_id: String,
    /// Whole days from the last purchase to `as_of`.
    pub recency_days: u64,
    /// Number of purchases.
    pub frequency: u64,
    /// Sum of purchase values.
    pub monetary: f64,
    /// Recency score, 1–5 (5 = most recent).
    pub r: u8,
    /// Frequency score, 1–5 (5 = most purchases).
    pub f: u8,
    /// Monetary score, 1–5 (5 = most money).
    pub m: u8,
    /// The three scores as one code, R then F then M (`"545"`).
    pub rfm: String,
    /// The named segment.
    pub segment: String,
}

/// Customers of one named segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmSegmentSummary {
    /// The segment's name.
    pub name: String,
    /// Scored customers in it.
    pub customers: u64,
    /// Their percentage of all scored customers (`None` when none is scored).
    pub share: Option<f64>,
    /// Mean recency in days (`None` for an empty segment).
    pub mean_recency_days: Option<f64>,
    /// Mean number of purchases.
    pub mean_frequency: Option<f64>,
    /// Mean monetary value.
    pub mean_monetary: Option<f64>,
}

/// The result of [`rfm`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmReport {
    /// The time recency is measured to (`None` for a dataset without events).
    pub as_of: Option<Timestamp>,
    /// Customers with at least one purchase.
    pub scored: u64,
    /// Customers without a purchase (not scored).
    pub not_scored: u64,
    /// Their ids, in dataset order (`list_not_scored: true`).
    pub not_scored_ids: Option<Vec<String>>,
    /// Every rule's segment in rule order, then `other` if any customer matched no rule.
    pub segments: Vec<RfmSegmentSummary>,
    /// One row per scored customer, in dataset order (`per_customer: true`).
    pub per_customer: Option<Vec<RfmRow>>,
}

/// One customer's purchases so far, updated one event at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RfmState {
    /// Time of the last purchase (ms).
    pub last_purchase: Option<i64>,
    /// Number of purchases.
    pub frequency: u64,
    /// Sum of purchase values.
    pub monetary: f64,
}

impl RfmState {
    /// Adds a purchase at `ts` (ms) with `value` (NaN = no value).
    pub fn push_purchase(&mut self, ts: i64, value: f64) {
        self.last_purchase = Some(self.last_purchase.map_or(ts, |t| t.max(ts)));
        self.frequency += 1;
        if !value.is_nan() {
            self.monetary += value;
        }
    }
}

/// Quintile scores of `values` (higher value → higher score): score = 1 + ⌊5 × below ÷ n⌋,
/// `below` being how many values are strictly lower. Equal values get equal scores.
///
/// ```
/// use touchpoint::quintile_scores;
/// assert_eq!(quintile_scores(&[1.0, 2.0, 3.0, 4.0, 5.0]), [1, 2, 3, 4, 5]);
/// assert_eq!(quintile_scores(&[1.0, 1.0, 1.0, 2.0, 3.0]), [1, 1, 1, 4, 5]);
/// ```
pub fn quintile_scores(values: &[f64]) -> Vec<u8> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = values.len();
    values
        .iter()
        .map(|v| (1 + 5 * sorted.partition_point(|x| x < v) / n) as u8)
        .collect()
}

#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Scored {
    recency_days: u64,
    frequency: u64,
    monetary: f64,
}

/// RFM as a [`CustomerPass`]; [`finish`](RfmPass::finish) scores and segments the buyers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RfmPass {
    purchase: Option<u16>,
    as_of: Option<i64>,
    options: RfmOptions,
    scored: Vec<Scored>,
    ids: Vec<String>,
    not_scored: u64,
    not_scored_ids: Vec<String>,
}

impl RfmPass {
    /// Checks the options against `data`.
    pub fn new(data: &Dataset, options: &RfmOptions) -> Result<Self> {
        let kind = parse_kind("purchase_kind", &options.purchase_kind)?;
        check_names("segments", options.segments.iter().map(|s| s.name.as_str()))?;
        if options.segments.iter().any(|s| s.name == "other") {
            return Err(TouchpointError::config(
                "segments.other",
                "`other` is reserved for customers matching no rule",
            ));
        }
        for s in &options.segments {
            for (key, range) in [("r", s.r), ("f", s.f), ("m", s.m)] {
                if !(1 <= range[0] && range[0] <= range[1] && range[1] <= 5) {
                    return Err(TouchpointError::config(
                        format!("segments.{}.{key}", s.name),
                        format!(
                            "[{}, {}] is not a score range [lo, hi] with 1 <= lo <= hi <= 5",
                            range[0], range[1]
                        ),
                    ));
                }
            }
        }
        Ok(RfmPass {
            purchase: data.kind_code(&kind),
            as_of: as_of_ms(data, options.as_of)?,
            options: options.clone(),
            scored: Vec::new(),
            ids: Vec::new(),
            not_scored: 0,
            not_scored_ids: Vec::new(),
        })
    }

    /// Scores every buyer seen and counts the segments.
    pub fn finish(self) -> RfmReport {
        let n = self.scored.len();
        let r = quintile_scores(
            &self
                .scored
                .iter()
                .map(|s| -(s.recency_days as f64))
                .collect::<Vec<_>>(),
        );
        let f = quintile_scores(
            &self
                .scored
                .iter()
                .map(|s| s.frequency as f64)
                .collect::<Vec<_>>(),
        );
        let m = quintile_scores(&self.scored.iter().map(|s| s.monetary).collect::<Vec<_>>());
        let rules = &self.options.segments;
        // Per segment (rules, then `other`): customers and sums of R, F, M.
        let mut tally = vec![(0u64, 0.0f64, 0.0f64, 0.0f64); rules.len() + 1];
        let mut rows = Vec::with_capacity(if self.options.per_customer { n } else { 0 });
        for (i, s) in self.scored.iter().enumerate() {
            let seg = rules
                .iter()
                .position(|x| x.matches(r[i], f[i], m[i]))
                .unwrap_or(rules.len());
            let t = &mut tally[seg];
            *t = (
                t.0 + 1,
                t.1 + s.recency_days as f64,
                t.2 + s.frequency as f64,
                t.3 + s.monetary,
            );
            if self.options.per_customer {
                rows.push(RfmRow {
                    customer_id: self.ids[i].clone(),
                    recency_days: s.recency_days,
                    frequency: s.frequency,
                    monetary: s.monetary,
                    r: r[i],
                    f: f[i],
                    m: m[i],
                    rfm: format!("{}{}{}", r[i], f[i], m[i]),
                    segment: rules
                        .get(seg)
                        .map_or("other", |x| x.name.as_str())
                        .to_string(),
                });
            }
        }
        let names = rules.iter().map(|x| x.name.as_str()).chain(["other"]);
        let segments = names
            .zip(&tally)
            .enumerate()
            .filter(|(i, (_, t))| *i < rules.len() || t.0 > 0)
            .map(
                |(_, (name, &(count, rec, freq, money)))| RfmSegmentSummary {
                    name: name.to_string(),
                    customers: count,
                    share: percent(count, n as u64),
                    mean_recency_days: mean(rec, count),
                    mean_frequency: mean(freq, count),
                    mean_monetary: mean(money, count),
                },
            )
            .collect();
        RfmReport {
            as_of: self.as_of.map(Timestamp),
            scored: n as u64,
            not_scored: self.not_scored,
            not_scored_ids: self.options.list_not_scored.then_some(self.not_scored_ids),
            segments,
            per_customer: self.options.per_customer.then_some(rows),
        }
    }
}

impl CustomerPass for RfmPass {
    fn customer(&mut self, _ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        let mut state = RfmState::default();
        if let (Some(code), Some(as_of)) = (self.purchase, self.as_of) {
            let end = c.ts.partition_point(|&t| t <= as_of);
            for i in 0..end {
                if c.kind[i] == code {
                    state.push_purchase(c.ts[i], c.value[i]);
                }
            }
        }
        match (state.last_purchase, self.as_of) {
            (Some(last), Some(as_of)) => {
                self.scored.push(Scored {
                    recency_days: ((as_of - last) / DAY_MS) as u64,
                    frequency: state.frequency,
                    monetary: state.monetary,
                });
                if self.options.per_customer {
                    self.ids.push(c.id.to_string());
                }
            }
            _ => {
                self.not_scored += 1;
                if self.options.list_not_scored {
                    self.not_scored_ids.push(c.id.to_string());
                }
            }
        }
    }
}

impl MergeablePass for RfmPass {
    fn merge(&mut self, later: Self) {
        self.scored.extend(later.scored);
        self.ids.extend(later.ids);
        self.not_scored += later.not_scored;
        self.not_scored_ids.extend(later.not_scored_ids);
    }
}

/// Scores every buyer's recency, frequency and monetary value 1–5 and names their segment.
///
/// ```
/// use touchpoint::{rfm, RfmOptions};
/// use touchpoint::{Channel, Dataset, Event, EventKind, Timestamp};
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let data = Dataset::from_events(vec![
///     Event::new("ana", t("2026-03-01"), Channel::Web, EventKind::Purchase).with_value(40.0),
///     Event::new("ana", t("2026-03-09"), Channel::Web, EventKind::Purchase).with_value(60.0),
///     Event::new("ben", t("2026-03-02"), Channel::Store, EventKind::Purchase),
///     Event::new("cara", t("2026-03-10"), Channel::Web, EventKind::PageView),
/// ]).unwrap();
/// let r = rfm(&data, &RfmOptions::default()).unwrap();
/// assert_eq!((r.scored, r.not_scored), (2, 1));
/// let ana = &r.per_customer.as_ref().unwrap()[0];
/// assert_eq!((ana.recency_days, ana.frequency, ana.monetary, ana.rfm.as_str()), (1, 2, 100.0, "333"));
/// ```
pub fn rfm(data: &Dataset, options: &RfmOptions) -> Result<RfmReport> {
    let pass = RfmPass::new(data, options)?;
    Ok(run_pass(&PassContext::new(data, &StageMap::default()), pass).finish())
}
