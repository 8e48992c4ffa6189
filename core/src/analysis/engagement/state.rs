//! The per-customer state of the engagement metrics, updated one event at a time, and the
//! running tallies it adds to.

use super::{ActiveUsers, EngagementMetrics, GroupEngagement, SocialCounts};
use crate::analysis::stats::percent;

pub(crate) const IMPRESSION: u16 = 1;
pub(crate) const CLICK: u16 = 1 << 1;
pub(crate) const SENT: u16 = 1 << 2;
pub(crate) const OPEN: u16 = 1 << 3;
pub(crate) const CONVERSION: u16 = 1 << 4;
pub(crate) const PURCHASE: u16 = 1 << 5;
pub(crate) const LIKE: u16 = 1 << 6;
pub(crate) const SHARE: u16 = 1 << 7;
pub(crate) const COMMENT: u16 = 1 << 8;
pub(crate) const MENTION: u16 = 1 << 9;
pub(crate) const REFERRAL: u16 = 1 << 10;
pub(crate) const ACTIVE: u16 = 1 << 11;

/// What the tallies need to know about one event.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts {
    pub(crate) roles: u16,
    pub(crate) value: f64,
    pub(crate) day: i64,
    pub(crate) week: i64,
    pub(crate) month: i64,
    pub(crate) period: i64,
}

/// Running counts of one group (or bucket).
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Tally {
    pub(crate) events: u64,
    pub(crate) interactions: u64,
    pub(crate) impressions: u64,
    pub(crate) clicks: u64,
    pub(crate) sent: u64,
    pub(crate) opens: u64,
    pub(crate) social: [u64; 4],
    pub(crate) referrals: u64,
    pub(crate) active: u64,
    pub(crate) converters: u64,
    pub(crate) buyers: u64,
    pub(crate) repeat_buyers: u64,
    pub(crate) upsold: u64,
    pub(crate) referrers: u64,
    pub(crate) customer_days: u64,
    pub(crate) customer_weeks: u64,
    pub(crate) customer_months: u64,
    pub(crate) customer_periods: u64,
    /// Customers active in the latest day, week, month and retention period of the data.
    pub(crate) latest: [u64; 4],
    pub(crate) retained: u64,
}

/// One customer's state in one group (or bucket), updated one event at a time.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(crate) struct Seen {
    pub(crate) active: bool,
    pub(crate) converted: bool,
    pub(crate) referred: bool,
    pub(crate) upsold: bool,
    pub(crate) purchases: u32,
    /// Value of the first purchase with a value (NaN: none yet).
    pub(crate) first_value: f64,
    /// The last day, week, month and retention period with activity.
    pub(crate) last: [i64; 4],
    /// The bucket this state counts (bucket states are reset when it changes).
    pub(crate) bucket: i64,
}

impl Seen {
    pub(crate) fn new(bucket: i64) -> Seen {
        Seen {
            active: false,
            converted: false,
            referred: false,
            upsold: false,
            purchases: 0,
            first_value: f64::NAN,
            last: [i64::MIN; 4],
            bucket,
        }
    }

    /// Adds an event to `t`; true when it makes the customer retained in its period.
    pub(crate) fn push(&mut self, f: &Facts, t: &mut Tally, latest: &[i64; 4]) -> bool {
        let r = f.roles;
        t.events += 1;
        t.impressions += u64::from(r & IMPRESSION != 0);
        t.clicks += u64::from(r & CLICK != 0);
        t.sent += u64::from(r & SENT != 0);
        t.opens += u64::from(r & OPEN != 0);
        for (i, flag) in [LIKE, SHARE, COMMENT, MENTION].into_iter().enumerate() {
            t.social[i] += u64::from(r & flag != 0);
        }
        if r & REFERRAL != 0 {
            t.referrals += 1;
            t.referrers += u64::from(!std::mem::replace(&mut self.referred, true));
        }
        if r & CONVERSION != 0 {
            t.converters += u64::from(!std::mem::replace(&mut self.converted, true));
        }
        if r & PURCHASE != 0 {
            self.purchases += 1;
            t.buyers += u64::from(self.purchases == 1);
            t.repeat_buyers += u64::from(self.purchases == 2);
            if self.first_value.is_nan() {
                self.first_value = f.value;
            } else if f.value > self.first_value && !self.upsold {
                self.upsold = true;
                t.upsold += 1;
            }
        }
        if r & ACTIVE == 0 {
            return false;
        }
        t.interactions += 1;
        t.active += u64::from(!std::mem::replace(&mut self.active, true));
        let mut retained = false;
        for (i, now) in [f.day, f.week, f.month, f.period].into_iter().enumerate() {
            if self.last[i] != now {
                retained = i == 3 && self.last[3] == now - 1;
                self.last[i] = now;
                t.latest[i] += u64::from(now == latest[i]);
                match i {
                    0 => t.customer_days += 1,
                    1 => t.customer_weeks += 1,
                    2 => t.customer_months += 1,
                    _ => t.customer_periods += 1,
                }
            }
        }
        t.retained += u64::from(retained);
        retained
    }

    /// The state for an event of bucket `b`: reset when the bucket changes.
    pub(crate) fn in_bucket(&mut self, b: i64) -> &mut Seen {
        if self.bucket != b {
            *self = Seen::new(b);
        }
        self
    }
}

impl Tally {
    /// Adds the counts of `other` (another range of customers) to these.
    pub(crate) fn merge(&mut self, other: &Tally) {
        // Destructured so that a new field cannot be forgotten here.
        let Tally {
            events,
            interactions,
            impressions,
            clicks,
            sent,
            opens,
            social,
            referrals,
            active,
            converters,
            buyers,
            repeat_buyers,
            upsold,
            referrers,
            customer_days,
            customer_weeks,
            customer_months,
            customer_periods,
            latest,
            retained,
        } = *other;
        self.events += events;
        self.interactions += interactions;
        self.impressions += impressions;
        self.clicks += clicks;
        self.sent += sent;
        self.opens += opens;
        for (a, b) in self.social.iter_mut().zip(social) {
            *a += b;
        }
        self.referrals += referrals;
        self.active += active;
        self.converters += converters;
        self.buyers += buyers;
        self.repeat_buyers += repeat_buyers;
        self.upsold += upsold;
        self.referrers += referrers;
        self.customer_days += customer_days;
        self.customer_weeks += customer_weeks;
        self.customer_months += customer_months;
        self.customer_periods += customer_periods;
        for (a, b) in self.latest.iter_mut().zip(latest) {
            *a += b;
        }
        self.retained += retained;
    }

    pub(crate) fn metrics(&self, previously_active: u64) -> EngagementMetrics {
        let social = self.social;
        EngagementMetrics {
            events: self.events,
            interactions: self.interactions,
            active_customers: self.active,
            impressions: self.impressions,
            clicks: self.clicks,
            click_through_rate: percent(self.clicks, self.impressions),
            emails_sent: self.sent,
            email_opens: self.opens,
            email_open_rate: percent(self.opens, self.sent),
            converted_customers: self.converters,
            conversion_rate: percent(self.converters, self.active),
            interaction_frequency: (self.customer_days > 0)
                .then(|| self.interactions as f64 / self.customer_days as f64),
            retained_customers: self.retained,
            previously_active_customers: previously_active,
            retention_rate: percent(self.retained, previously_active),
            buyers: self.buyers,
            repeat_buyers: self.repeat_buyers,
            repeat_purchase_rate: percent(self.repeat_buyers, self.buyers),
            upsold_customers: self.upsold,
            upsell_rate: percent(self.upsold, self.buyers),
            social: SocialCounts {
                likes: social[0],
                shares: social[1],
                comments: social[2],
                mentions: social[3],
                total: social.iter().sum(),
            },
            referrals: self.referrals,
            referring_customers: self.referrers,
        }
    }

    pub(crate) fn overall(&self, span: &[u64; 3]) -> GroupEngagement {
        let avg = |n: u64, d: u64| (d > 0).then(|| n as f64 / d as f64);
        let (avg_dau, avg_mau) = (
            avg(self.customer_days, span[0]),
            avg(self.customer_months, span[2]),
        );
        GroupEngagement {
            // Every period but the last has a next one.
            metrics: self.metrics(self.customer_periods - self.latest[3]),
            active_users: ActiveUsers {
                dau: self.latest[0],
                wau: self.latest[1],
                mau: self.latest[2],
                avg_dau,
                avg_wau: avg(self.customer_weeks, span[1]),
                avg_mau,
                stickiness: match (avg_dau, avg_mau) {
                    (Some(d), Some(m)) if m > 0.0 => Some(100.0 * d / m),
                    _ => None,
                },
            },
        }
    }
}
