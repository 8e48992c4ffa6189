//! The built-in per-customer metrics rules can test, updated one event at a time.

use super::predicate::Val;
use crate::{Dataset, EventKind, PackedAnswer, Stage, SurveyMetric, Timestamp, DAY_MS};

/// A built-in per-customer metric. Counts and sums cover the events up to `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// `events`: number of events.
    Events,
    /// `purchases`: number of purchase events.
    Purchases,
    /// `revenue`: sum of the values of purchase events (no value counts 0; refunds are not
    /// subtracted).
    Revenue,
    /// `first_seen_days_ago`: whole days from the first event to `as_of` (null without events).
    FirstSeenDaysAgo,
    /// `last_seen_days_ago`: whole days from the last event to `as_of` (null without events).
    LastSeenDaysAgo,
    /// `nps_last`: the last NPS answer, 0–10 (null without one).
    NpsLast,
    /// `csat_last`: the last CSAT answer, 1–5 (null without one).
    CsatLast,
    /// `ces_last`: the last CES answer, 1–7 (null without one).
    CesLast,
    /// `tickets_opened`: number of `ticket_opened` events.
    TicketsOpened,
    /// `tickets_resolved`: number of `ticket_resolved` events.
    TicketsResolved,
    /// `referrals`: number of `referral` events.
    Referrals,
    /// `channels_used`: number of distinct channels.
    ChannelsUsed,
    /// `stage`: the furthest journey stage reached (a stage name; null when none). Compared
    /// with a stage name in journey order: `stage >= "buy"`.
    Stage,
    /// `p_alive`: the probability that the customer is still a customer, from the
    /// `customer_value` option's purchase model (null without a purchase).
    PAlive,
    /// `expected_purchases`: purchases expected over the `customer_value` horizon.
    ExpectedPurchases,
    /// `clv`: the lifetime value (with a spend model in `customer_value`).
    Clv,
    /// `value_at_risk`: `clv × (1 − p_alive) / p_alive` (with a spend model).
    ValueAtRisk,
}

impl Metric {
    /// Every metric.
    pub const ALL: [Metric; 17] = [
        Metric::Events,
        Metric::Purchases,
        Metric::Revenue,
        Metric::FirstSeenDaysAgo,
        Metric::LastSeenDaysAgo,
        Metric::NpsLast,
        Metric::CsatLast,
        Metric::CesLast,
        Metric::TicketsOpened,
        Metric::TicketsResolved,
        Metric::Referrals,
        Metric::ChannelsUsed,
        Metric::Stage,
        Metric::PAlive,
        Metric::ExpectedPurchases,
        Metric::Clv,
        Metric::ValueAtRisk,
    ];

    /// Whether the metric comes from the `customer_value` option's models.
    pub fn needs_customer_value(self) -> bool {
        matches!(
            self,
            Metric::PAlive | Metric::ExpectedPurchases | Metric::Clv | Metric::ValueAtRisk
        )
    }

    /// The name used in rules.
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Events => "events",
            Metric::Purchases => "purchases",
            Metric::Revenue => "revenue",
            Metric::FirstSeenDaysAgo => "first_seen_days_ago",
            Metric::LastSeenDaysAgo => "last_seen_days_ago",
            Metric::NpsLast => "nps_last",
            Metric::CsatLast => "csat_last",
            Metric::CesLast => "ces_last",
            Metric::TicketsOpened => "tickets_opened",
            Metric::TicketsResolved => "tickets_resolved",
            Metric::Referrals => "referrals",
            Metric::ChannelsUsed => "channels_used",
            Metric::Stage => "stage",
            Metric::PAlive => "p_alive",
            Metric::ExpectedPurchases => "expected_purchases",
            Metric::Clv => "clv",
            Metric::ValueAtRisk => "value_at_risk",
        }
    }

    /// The metric of a name (exact, case-sensitive), if it is one.
    pub fn parse(name: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.as_str() == name)
    }
}

/// The kind codes the metrics count, looked up once per dataset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MetricKinds {
    purchase: Option<u16>,
    ticket_opened: Option<u16>,
    ticket_resolved: Option<u16>,
    referral: Option<u16>,
}

impl MetricKinds {
    /// The codes of the purchase, ticket_opened, ticket_resolved and referral kinds, as
    /// a store other than a [`Dataset`] numbers them (the live engine).
    pub(crate) fn from_codes(
        purchase: Option<u16>,
        ticket_opened: Option<u16>,
        ticket_resolved: Option<u16>,
        referral: Option<u16>,
    ) -> Self {
        MetricKinds {
            purchase,
            ticket_opened,
            ticket_resolved,
            referral,
        }
    }

    /// The codes in `data`, with `purchase` as the kind that counts as a purchase.
    pub fn new(data: &Dataset, purchase: &EventKind) -> Self {
        MetricKinds {
            purchase: data.kind_code(purchase),
            ticket_opened: data.kind_code(&EventKind::TicketOpened),
            ticket_resolved: data.kind_code(&EventKind::TicketResolved),
            referral: data.kind_code(&EventKind::Referral),
        }
    }
}

/// One customer's metrics, updated one event at a time (events in time order).
/// [`reset`](CustomerMetrics::reset) reuses it for the next customer without allocating.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CustomerMetrics {
    /// Number of events.
    pub events: u64,
    /// Number of purchases.
    pub purchases: u64,
    /// Sum of purchase values (no value counts 0).
    pub revenue: f64,
    /// Time of the first event.
    pub first_seen: Option<Timestamp>,
    /// Time of the last event.
    pub last_seen: Option<Timestamp>,
    /// Last NPS answer.
    pub nps_last: Option<u8>,
    /// Last CSAT answer.
    pub csat_last: Option<u8>,
    /// Last CES answer.
    pub ces_last: Option<u8>,
    /// Number of `ticket_opened` events.
    pub tickets_opened: u64,
    /// Number of `ticket_resolved` events.
    pub tickets_resolved: u64,
    /// Number of `referral` events.
    pub referrals: u64,
    /// The distinct channel codes used, in order of first use.
    pub channels: Vec<u16>,
    /// The furthest journey stage reached.
    pub stage: Option<Stage>,
    /// The value metrics, when the rule segments have a `customer_value` option and the
    /// customer a purchase.
    pub value: Option<crate::CustomerValue>,
}

impl CustomerMetrics {
    /// Clears the metrics, keeping the channel list's capacity.
    pub fn reset(&mut self) {
        let mut channels = std::mem::take(&mut self.channels);
        channels.clear();
        *self = CustomerMetrics {
            channels,
            ..CustomerMetrics::default()
        };
    }

    /// Adds one event: its time (ms), channel and kind codes, value (NaN = none), survey
    /// answer, and the journey stage its kind signals.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        kinds: &MetricKinds,
        ts: i64,
        channel: u16,
        kind: u16,
        value: f64,
        answer: PackedAnswer,
        stage: Option<Stage>,
    ) {
        self.events += 1;
        self.first_seen = Some(
            self.first_seen
                .map_or(Timestamp(ts), |t| t.min(Timestamp(ts))),
        );
        self.last_seen = Some(
            self.last_seen
                .map_or(Timestamp(ts), |t| t.max(Timestamp(ts))),
        );
        let k = Some(kind);
        if k == kinds.purchase {
            self.purchases += 1;
            if !value.is_nan() {
                self.revenue += value;
            }
        }
        if k == kinds.ticket_opened {
            self.tickets_opened += 1;
        }
        if k == kinds.ticket_resolved {
            self.tickets_resolved += 1;
        }
        if k == kinds.referral {
            self.referrals += 1;
        }
        if !self.channels.contains(&channel) {
            self.channels.push(channel);
        }
        if stage.is_some() {
            self.stage = self.stage.max(stage);
        }
        if let Some((metric, score)) = answer.get() {
            self.add_answer(metric, score);
        }
    }

    /// Adds a further survey answer of the last event pushed (an event may carry several).
    pub fn add_answer(&mut self, metric: SurveyMetric, score: u8) {
        match metric {
            SurveyMetric::Nps => self.nps_last = Some(score),
            SurveyMetric::Csat => self.csat_last = Some(score),
            SurveyMetric::Ces => self.ces_last = Some(score),
            _ => {}
        }
    }

    pub(crate) fn val(&self, metric: Metric, as_of: Option<i64>) -> Val<'static> {
        let count = |n: u64| Val::Num(n as f64);
        let days_ago = |t: Option<Timestamp>| match (t, as_of) {
            (Some(t), Some(a)) => Val::Num(whole_days(a - t.0) as f64),
            _ => Val::Null,
        };
        let answer = |a: Option<u8>| a.map_or(Val::Null, |s| Val::Num(s as f64));
        match metric {
            Metric::Events => count(self.events),
            Metric::Purchases => count(self.purchases),
            Metric::Revenue => Val::Num(self.revenue),
            Metric::FirstSeenDaysAgo => days_ago(self.first_seen),
            Metric::LastSeenDaysAgo => days_ago(self.last_seen),
            Metric::NpsLast => answer(self.nps_last),
            Metric::CsatLast => answer(self.csat_last),
            Metric::CesLast => answer(self.ces_last),
            Metric::TicketsOpened => count(self.tickets_opened),
            Metric::TicketsResolved => count(self.tickets_resolved),
            Metric::Referrals => count(self.referrals),
            Metric::ChannelsUsed => count(self.channels.len() as u64),
            Metric::Stage => self.stage.map_or(Val::Null, Val::Stage),
            Metric::PAlive => self
                .value
                .map_or(Val::Null, |v| Val::Num(v.probability_alive)),
            Metric::ExpectedPurchases => self
                .value
                .map_or(Val::Null, |v| Val::Num(v.expected_purchases)),
            Metric::Clv => self.value.and_then(|v| v.clv).map_or(Val::Null, Val::Num),
            Metric::ValueAtRisk => self
                .value
                .and_then(|v| v.value_at_risk)
                .map_or(Val::Null, Val::Num),
        }
    }
}

/// Whole days in `ms` milliseconds, rounded down (a gap of 47 h is 1 day).
pub(crate) fn whole_days(ms: i64) -> i64 {
    ms.div_euclid(DAY_MS)
}
