//! Engagement metrics — click-through, e-mail open, conversion, active users and
//! stickiness, interaction frequency, retention, repeat purchase, upsell, social
//! engagement and referrals — overall, per channel or customer trait, and per time bucket.
//!
//! Every group and bucket is computed as if the data held only its events: a channel's
//! group holds the events on that channel, a trait's group the events of the customers with
//! that trait value, a bucket the events inside it. Rates are percentages, `None` when the
//! denominator is 0. `docs/guide-engagement.md` gives every definition.

use crate::analysis::lifecycle::{activity_table, kind_code};
use crate::{
    limits, run_pass, CustomerEvents, CustomerPass, Dataset, EventKind, MergeablePass, PassContext,
    Period, Result, StageMap, Timestamp, DAY_MS,
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// How to break the metrics down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Breakdown {
    /// By the channel of each event (`"channel"`).
    Channel,
    /// By the value of a customer trait (`{"trait": "plan"}`); customers without it are in `"(none)"`.
    Trait(String),
}

/// Options of [`engagement`]. Every field has a default, so `{}` is valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EngagementOptions {
    /// Break the metrics down by channel or by a trait. Default `null` (no breakdown).
    pub breakdown: Option<Breakdown>,
    /// Also report the metrics per `"day"`, `"week"` or `"month"` (UTC, weeks from Monday).
    /// Default `null`. It is also the period of the retention rate (week when `null`).
    pub bucket: Option<Period>,
    /// The kind that counts as converting. Default `"purchase"`.
    pub conversion_kind: String,
    /// The kind of a purchase (repeat purchase, upsell). Default `"purchase"`.
    pub purchase_kind: String,
    /// The kind of a sent e-mail (denominator of the open rate). Default `"email_sent"`.
    pub sent_kind: String,
    /// Kinds that count as activity. Default `null`: every kind except `impression` and
    /// the sent kind. The conversion kind always counts.
    pub active_kinds: Option<Vec<String>>,
}

impl Default for EngagementOptions {
    fn default() -> Self {
        EngagementOptions {
            breakdown: None,
            bucket: None,
            conversion_kind: "purchase".into(),
            purchase_kind: "purchase".into(),
            sent_kind: "email_sent".into(),
            active_kinds: None,
        }
    }
}

/// Social engagement: counts of events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocialCounts {
    /// `like` events.
    pub likes: u64,
    /// `share` events.
    pub shares: u64,
    /// `comment` events.
    pub comments: u64,
    /// `mention` events.
    pub mentions: u64,
    /// Their sum.
    pub total: u64,
}

/// The engagement metrics of a group of events. Rates are percentages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngagementMetrics {
    /// Events of any kind.
    pub events: u64,
    /// Activity events (see `active_kinds`).
    pub interactions: u64,
    /// Customers with at least one activity event.
    pub active_customers: u64,
    /// `impression` events.
    pub impressions: u64,
    /// `click` events.
    pub clicks: u64,
    /// clicks ÷ impressions (can exceed 100 when clicks come without tracked impressions).
    pub click_through_rate: Option<f64>,
    /// Sent e-mails (`sent_kind` events).
    pub emails_sent: u64,
    /// `email_open` events.
    pub email_opens: u64,
    /// email opens ÷ e-mails sent (every open counts, so repeated opens can exceed 100).
    pub email_open_rate: Option<f64>,
    /// Customers with a `conversion_kind` event.
    pub converted_customers: u64,
    /// converted customers ÷ active customers.
    pub conversion_rate: Option<f64>,
    /// Activity events per active customer per active day: interactions ÷ customer-days.
    pub interaction_frequency: Option<f64>,
    /// Customers active in a period and in the period before (summed over periods).
    pub retained_customers: u64,
    /// Customers active in a period that has a next one (summed over periods).
    pub previously_active_customers: u64,
    /// retained ÷ previously active customers.
    pub retention_rate: Option<f64>,
    /// Customers with at least one purchase.
    pub buyers: u64,
    /// Buyers with at least two purchases.
    pub repeat_buyers: u64,
    /// repeat buyers ÷ buyers.
    pub repeat_purchase_rate: Option<f64>,
    /// Buyers with a purchase of higher value than their first purchase with a value.
    pub upsold_customers: u64,
    /// upsold customers ÷ buyers.
    pub upsell_rate: Option<f64>,
    /// Likes, shares, comments, mentions.
    pub social: SocialCounts,
    /// `referral` events.
    pub referrals: u64,
    /// Customers with at least one referral.
    pub referring_customers: u64,
}

/// Active users: in the latest calendar day / week / month of the data, and on average
/// over every day / week / month from the first to the last event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActiveUsers {
    /// Customers active on the day of the last event.
    pub dau: u64,
    /// Customers active in the week (from Monday) of the last event.
    pub wau: u64,
    /// Customers active in the month of the last event.
    pub mau: u64,
    /// Mean daily active customers over the days spanned.
    pub avg_dau: Option<f64>,
    /// Mean weekly active customers over the weeks spanned.
    pub avg_wau: Option<f64>,
    /// Mean monthly active customers over the months spanned.
    pub avg_mau: Option<f64>,
    /// avg DAU ÷ avg MAU, %.
    pub stickiness: Option<f64>,
}

/// The metrics and active users of one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupEngagement {
    /// The metrics.
    #[serde(flatten)]
    pub metrics: EngagementMetrics,
    /// Active users of the group.
    pub active_users: ActiveUsers,
}

/// The metrics of one time bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngagementBucket {
    /// When the bucket starts.
    pub bucket_start: Timestamp,
    /// The metrics of its events; retention compares with the previous bucket.
    #[serde(flatten)]
    pub metrics: EngagementMetrics,
    /// Per group, when a breakdown is asked for.
    pub by_group: Option<BTreeMap<String, EngagementMetrics>>,
}

/// The result of [`engagement`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngagementReport {
    /// Time of the first event.
    pub first_event: Option<Timestamp>,
    /// Time of the last event.
    pub last_event: Option<Timestamp>,
    /// The period of the retention rate.
    pub retention_period: Period,
    /// Metrics over all events.
    pub overall: EngagementMetrics,
    /// Active users over all events.
    pub active_users: ActiveUsers,
    /// Per channel or trait value, when a breakdown is asked for.
    pub by_group: Option<BTreeMap<String, GroupEngagement>>,
    /// Every bucket from the first to the last event, empty ones included, when asked for.
    pub buckets: Option<Vec<EngagementBucket>>,
}

pub(crate) mod state;
use state::*;

/// The engagement analysis as a [`CustomerPass`]; [`finish`](EngagementPass::finish) gives the report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EngagementPass {
    breakdown: Option<Breakdown>,
    bucket: Option<Period>,
    period: Period,
    roles: Vec<u16>,
    range: Option<(Timestamp, Timestamp)>,
    latest: [i64; 4],
    first_bucket: i64,
    buckets: usize,
    overall: Tally,
    overall_buckets: Vec<Tally>,
    group_names: Vec<String>,
    trait_groups: HashMap<String, usize>,
    groups: Vec<Tally>,
    group_buckets: Vec<Vec<Tally>>,
    seen: Vec<Seen>,
}

impl EngagementPass {
    /// Checks the options against `data`.
    pub fn new(data: &Dataset, options: &EngagementOptions) -> Result<Self> {
        let mut special = Vec::with_capacity(3);
        for (name, option, role) in [
            (
                &options.conversion_kind,
                "conversion_kind",
                CONVERSION | ACTIVE,
            ),
            (&options.purchase_kind, "purchase_kind", PURCHASE),
            (&options.sent_kind, "sent_kind", SENT),
        ] {
            special.push((kind_code(data, name, option)?, role));
        }
        let mut roles: Vec<u16> = activity_table(
            data,
            options.active_kinds.as_deref(),
            &["impression", &options.sent_kind],
        )?
        .into_iter()
        .map(|a| if a { ACTIVE } else { 0 })
        .collect();
        for (code, role) in special {
            if let Some(code) = code {
                roles[code as usize] |= role;
            }
        }
        for (code, kind) in data.kinds().iter().enumerate() {
            roles[code] |= match kind {
                EventKind::Impression => IMPRESSION,
                EventKind::Click => CLICK,
                EventKind::EmailOpen => OPEN,
                EventKind::Like => LIKE,
                EventKind::Share => SHARE,
                EventKind::Comment => COMMENT,
                EventKind::Mention => MENTION,
                EventKind::Referral => REFERRAL,
                _ => 0,
            };
        }
        let range = data.time_range();
        let period = options.bucket.unwrap_or(Period::Week);
        let (first, last) = range.map_or((0, 0), |(a, b)| (a.0, b.0));
        let (first_bucket, buckets) = match (options.bucket, range) {
            (Some(p), Some(_)) => (
                p.index(first),
                limits::check_periods(p.count(first, last), "bucket")?,
            ),
            _ => (0, 0),
        };
        let group_names: Vec<String> = match options.breakdown {
            Some(Breakdown::Channel) => data.channels().iter().map(|c| c.to_string()).collect(),
            _ => Vec::new(),
        };
        let local_groups = match options.breakdown {
            Some(Breakdown::Channel) => group_names.len(),
            Some(Breakdown::Trait(_)) => 1,
            None => 0,
        };
        Ok(EngagementPass {
            breakdown: options.breakdown.clone(),
            bucket: options.bucket,
            period,
            roles,
            range,
            latest: [
                last.div_euclid(DAY_MS),
                Period::Week.index(last),
                Period::Month.index(last),
                period.index(last),
            ],
            first_bucket,
            buckets,
            overall: Tally::default(),
            overall_buckets: vec![Tally::default(); buckets],
            groups: vec![Tally::default(); group_names.len()],
            group_buckets: vec![vec![Tally::default(); buckets]; group_names.len()],
            group_names,
            trait_groups: HashMap::new(),
            seen: vec![Seen::new(i64::MIN); 2 + 2 * local_groups],
        })
    }

    /// The global group of customer `c`'s trait value (trait breakdown only).
    fn trait_group(&mut self, data: &Dataset, c: u32) -> Option<usize> {
        let Some(Breakdown::Trait(name)) = &self.breakdown else {
            return None;
        };
        let key = match data.traits(c).get(name) {
            None | Some(serde_json::Value::Null) => Cow::Borrowed("(none)"),
            Some(serde_json::Value::String(s)) => Cow::Borrowed(s.as_str()),
            Some(v) => Cow::Owned(v.to_string()),
        };
        Some(self.trait_group_of(key))
    }

    /// The group of trait value `key`, new groups numbered in order of first sight.
    fn trait_group_of(&mut self, key: Cow<'_, str>) -> usize {
        if let Some(&g) = self.trait_groups.get(key.as_ref()) {
            return g;
        }
        let g = self.group_names.len();
        self.group_names.push(key.to_string());
        self.trait_groups.insert(key.into_owned(), g);
        self.groups.push(Tally::default());
        self.group_buckets
            .push(vec![Tally::default(); self.buckets]);
        g
    }

    /// The report of every customer seen.
    pub fn finish(self) -> EngagementReport {
        let span = match self.range {
            Some((a, b)) => {
                let n = |p: Period| (p.index(b.0) - p.index(a.0) + 1) as u64;
                [n(Period::Day), n(Period::Week), n(Period::Month)]
            }
            None => [0; 3],
        };
        let overall = self.overall.overall(&span);
        let names = &self.group_names;
        let by_group = self.breakdown.is_some().then(|| {
            names
                .iter()
                .cloned()
                .zip(self.groups.iter().map(|t| t.overall(&span)))
                .collect()
        });
        let buckets = self.bucket.map(|p| {
            let row = |tallies: &[Tally], i: usize| {
                tallies[i].metrics(if i > 0 { tallies[i - 1].active } else { 0 })
            };
            (0..self.buckets)
                .map(|i| EngagementBucket {
                    bucket_start: p.start(self.first_bucket + i as i64),
                    metrics: row(&self.overall_buckets, i),
                    by_group: self.breakdown.is_some().then(|| {
                        names
                            .iter()
                            .cloned()
                            .zip(self.group_buckets.iter().map(|t| row(t, i)))
                            .collect()
                    }),
                })
                .collect()
        });
        EngagementReport {
            first_event: self.range.map(|r| r.0),
            last_event: self.range.map(|r| r.1),
            retention_period: self.period,
            overall: overall.metrics,
            active_users: overall.active_users,
            by_group,
            buckets,
        }
    }
}

impl CustomerPass for EngagementPass {
    fn customer(&mut self, ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        let trait_group = self.trait_group(ctx.data, c.index);
        self.seen.fill(Seen::new(i64::MIN));
        let local = (self.seen.len() - 2) / 2;
        let mut cached_day = (i64::MIN, 0, 0);
        for i in 0..c.len() {
            let day = c.ts[i].div_euclid(DAY_MS);
            if cached_day.0 != day {
                cached_day = (
                    day,
                    Period::Week.index_of_day(day),
                    Period::Month.index_of_day(day),
                );
            }
            let f = Facts {
                roles: self.roles[c.kind[i] as usize],
                value: c.value[i],
                day,
                week: cached_day.1,
                month: cached_day.2,
                period: self.period.index_of_day(day),
            };
            let b = (f.period - self.first_bucket) as usize;
            let retained = self.seen[0].push(&f, &mut self.overall, &self.latest);
            if self.bucket.is_some() {
                let t = &mut self.overall_buckets[b];
                self.seen[1].in_bucket(f.period).push(&f, t, &self.latest);
                t.retained += u64::from(retained);
            }
            let (lg, g) = match (trait_group, &self.breakdown) {
                (Some(g), _) => (0, g),
                (None, Some(Breakdown::Channel)) => (c.channel[i] as usize, c.channel[i] as usize),
                _ => continue,
            };
            let retained = self.seen[2 + lg].push(&f, &mut self.groups[g], &self.latest);
            if self.bucket.is_some() {
                let t = &mut self.group_buckets[g][b];
                self.seen[2 + local + lg]
                    .in_bucket(f.period)
                    .push(&f, t, &self.latest);
                t.retained += u64::from(retained);
            }
        }
    }
}

impl MergeablePass for EngagementPass {
    fn merge(&mut self, later: Self) {
        self.overall.merge(&later.overall);
        for (a, b) in self.overall_buckets.iter_mut().zip(&later.overall_buckets) {
            a.merge(b);
        }
        // Channel groups are the dataset's channels in both; trait groups new to this range
        // are numbered after its own, in `later`'s order of first sight.
        let trait_breakdown = matches!(self.breakdown, Some(Breakdown::Trait(_)));
        for (i, (tally, buckets)) in later.groups.iter().zip(&later.group_buckets).enumerate() {
            let g = if trait_breakdown {
                self.trait_group_of(Cow::Borrowed(later.group_names[i].as_str()))
            } else {
                i
            };
            self.groups[g].merge(tally);
            for (a, b) in self.group_buckets[g].iter_mut().zip(buckets) {
                a.merge(b);
            }
        }
    }

    fn min_customers_per_range(&self) -> usize {
        // A range clones and merges every bucket of every group.
        (self.overall_buckets.len() * (1 + self.groups.len())) / 4
    }
}

/// Engagement metrics overall, per group and per bucket.
///
/// ```
/// use touchpoint::{engagement, Channel, Dataset, EngagementOptions, Event, EventKind, Timestamp};
/// let t = Timestamp::parse("2026-03-02T09:00:00Z").unwrap();
/// let data = Dataset::from_events(vec![
///     Event::new("ana", t, Channel::Ads, EventKind::Impression),
///     Event::new("ana", t, Channel::Ads, EventKind::Click),
///     Event::new("ben", t, Channel::Ads, EventKind::Impression),
///     Event::new("ben", t, Channel::Web, EventKind::Purchase).with_value(20.0),
/// ]).unwrap();
/// let r = engagement(&data, &EngagementOptions::default()).unwrap();
/// assert_eq!(r.overall.click_through_rate, Some(50.0));
/// assert_eq!(r.overall.conversion_rate, Some(50.0));
/// ```
pub fn engagement(data: &Dataset, options: &EngagementOptions) -> Result<EngagementReport> {
    let pass = EngagementPass::new(data, options)?;
    Ok(run_pass(&PassContext::new(data, &StageMap::default()), pass).finish())
}

#[cfg(test)]
mod tests;
