//! A customer's state at a time: the view signals compare ([`View`]), the next moment time
//! alone can change it (the customer's timer), and the full [`CustomerState`] the engine
//! gives out.

use super::engine::{Customer, LiveEngine};
use super::signals::View;
use super::store::{exact_raw, score_of};
use crate::analysis::segments::{CustomerMetrics, Predicate};
use crate::{EngagementPhase, LifecycleStatus, Properties, Stage, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// One customer's state at the engine's clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerState {
    /// The customer's id.
    pub customer_id: String,
    /// Events stored.
    pub events: u64,
    /// Time of the first and of the last event.
    pub first_seen: Option<Timestamp>,
    /// Time of the last event.
    pub last_seen: Option<Timestamp>,
    /// The furthest journey stage reached.
    pub stage: Option<Stage>,
    /// The lifecycle status in the clock's period (`None`: never active).
    pub lifecycle_status: Option<LifecycleStatus>,
    /// The engagement phase (`None`: never active).
    pub phase: Option<EngagementPhase>,
    /// Time of the last activity event.
    pub last_active: Option<Timestamp>,
    /// Distinct UTC days with activity.
    pub active_days: u64,
    /// The engagement score at the clock, 0–100 (summed as the batch analysis sums it).
    pub engagement_score: f64,
    /// Its health band.
    pub health_band: String,
    /// Active before, and inactive for the at-risk period.
    pub at_risk: bool,
    /// Sessions so far.
    pub sessions: u64,
    /// Purchases (the lifecycle's purchase kind).
    pub purchases: u64,
    /// Sum of purchase values (RFM's monetary input).
    pub revenue: f64,
    /// Time of the last purchase (RFM's recency input).
    pub last_purchase: Option<Timestamp>,
    /// The last NPS, CSAT and CES answers.
    pub nps_last: Option<u8>,
    /// The last CSAT answer.
    pub csat_last: Option<u8>,
    /// The last CES answer.
    pub ces_last: Option<u8>,
    /// The traits events carried (for each, the latest value wins).
    pub traits: Properties,
    /// Each computed trait's value, by name.
    pub computed_traits: BTreeMap<String, Value>,
    /// The rule segments the customer is in, in rule order.
    pub segments: Vec<String>,
}

impl LiveEngine {
    /// Customer `c`'s view at `at`.
    pub(crate) fn view(&self, c: u32, at: i64) -> View {
        let cust = &self.customers[c as usize];
        let f = &cust.folded;
        let l = &f.lifecycle;
        View {
            stage: l.stage,
            status: l.status(self.cfg.period.index(at)),
            phase: l.phase(&self.cfg.lifecycle),
            band: self.band(cust, at),
            at_risk: l.first_active.is_some() && at - l.last_active >= self.cfg.at_risk_ms,
            segments: self.segments(cust, at),
        }
    }

    /// The health band at `at`, from the estimate unless it is within a hair of a band's
    /// edge, where the exact sum decides.
    fn band(&self, cust: &Customer, at: i64) -> usize {
        let score = score_of(cust.folded.raw_at_time(at, &self.cfg), &self.cfg);
        let near = self
            .cfg
            .bands
            .iter()
            .any(|(_, min)| (score - min).abs() <= 1e-6 * min.abs().max(1.0));
        if near {
            let exact = score_of(
                exact_raw(&cust.rows, at, &self.tables, &self.cfg),
                &self.cfg,
            );
            self.cfg.band(exact)
        } else {
            self.cfg.band(score)
        }
    }

    fn segments(&self, cust: &Customer, at: i64) -> Vec<bool> {
        if self.cfg.segments.is_empty() {
            return Vec::new();
        }
        let computed;
        let traits = if self.cfg.traits.is_empty() {
            &cust.folded.traits
        } else {
            computed = self.all_traits(cust, at);
            &computed
        };
        let as_of = Some(Timestamp(at));
        let metrics: &CustomerMetrics = &cust.folded.metrics;
        self.cfg
            .segments
            .iter()
            .map(|(_, rule): &(String, Predicate)| rule.matches(traits, metrics, as_of))
            .collect()
    }

    /// The event traits with the computed traits over them.
    fn all_traits(&self, cust: &Customer, at: i64) -> Properties {
        let mut traits = cust.folded.traits.clone();
        if !self.cfg.traits.is_empty() {
            let values =
                self.cfg
                    .traits
                    .values(&cust.rows, at, &self.tables.kinds, &self.tables.channels);
            traits.extend(values);
        }
        traits
    }

    /// The next time after `at` when time passing alone may change customer `c`'s view.
    pub(super) fn next_change(&self, c: u32, at: i64) -> Option<i64> {
        let cust = &self.customers[c as usize];
        let f = &cust.folded;
        let l = &f.lifecycle;
        let mut next: Option<i64> = None;
        let mut consider = |t: i64| {
            if t > at {
                next = Some(next.map_or(t, |n| n.min(t)));
            }
        };
        if l.first_active.is_some() {
            let p = self.cfg.period;
            if p.index(at) <= l.last_period {
                consider(p.start(l.last_period + 1).0);
            }
            consider(l.last_active.saturating_add(self.cfg.at_risk_ms));
        }
        let band = self
            .cfg
            .band(score_of(f.raw_at_time(at, &self.cfg), &self.cfg));
        if band > 0 && f.raw > 0.0 {
            let min = self.cfg.bands[band].1;
            if min > 0.0 && min < 100.0 {
                // score < min ⇔ raw < −scale × ln(1 − min/100); raw(t) = raw × 2^(−(t − raw_at)/h).
                let edge = -self.cfg.scale * (-min / 100.0).ln_1p();
                let t = f.raw_at as f64 + self.cfg.half_life_ms * (f.raw / edge).log2();
                if t.is_finite() && t < i64::MAX as f64 {
                    consider((t.floor() as i64).max(at) + 1);
                }
            }
        }
        if self.cfg.segments_read_days {
            let m = &f.metrics;
            for t in [m.first_seen, m.last_seen].into_iter().flatten() {
                let days = (at - t.0).div_euclid(crate::DAY_MS);
                // The next day count a rule compares with (or the next day, when a rule
                // reads the count otherwise); none left: the rules are settled.
                let next = match &self.cfg.day_thresholds {
                    None => Some(days + 1),
                    Some(ks) => ks.iter().copied().find(|&k| k > days),
                };
                if let Some(d) = next {
                    consider(t.0.saturating_add(d.saturating_mul(crate::DAY_MS)));
                }
            }
        }
        if !self.cfg.traits.is_empty() {
            if let Some(t) = self.cfg.traits.next_change(&cust.rows, at) {
                consider(t);
            }
        }
        next
    }

    /// The customer's state at the clock (`None`: not known).
    pub fn customer(&self, id: &str) -> Option<CustomerState> {
        let c = *self.index.get(id)?;
        Some(self.state(c))
    }

    /// Every customer's state at the clock, in order of first sight.
    pub fn customers(&self) -> impl Iterator<Item = CustomerState> + '_ {
        (0..self.customers.len() as u32).map(|c| self.state(c))
    }

    pub(super) fn state(&self, c: u32) -> CustomerState {
        let cust = &self.customers[c as usize];
        let at = self.clock.unwrap_or(i64::MIN);
        let f = &cust.folded;
        let l = &f.lifecycle;
        let m = &f.metrics;
        let score = score_of(
            exact_raw(&cust.rows, at, &self.tables, &self.cfg),
            &self.cfg,
        );
        let view = &cust.view;
        CustomerState {
            customer_id: cust.id.clone(),
            events: cust.rows.len() as u64,
            first_seen: m.first_seen,
            last_seen: m.last_seen,
            stage: l.stage,
            lifecycle_status: l.status(self.cfg.period.index(at)),
            phase: l.phase(&self.cfg.lifecycle),
            last_active: l.first_active.map(|_| Timestamp(l.last_active)),
            active_days: l.active_days as u64,
            engagement_score: score,
            health_band: self.cfg.bands[self.cfg.band(score)].0.clone(),
            at_risk: view.at_risk,
            sessions: f.sessions,
            purchases: m.purchases,
            revenue: m.revenue,
            last_purchase: f.last_purchase.map(Timestamp),
            nps_last: m.nps_last,
            csat_last: m.csat_last,
            ces_last: m.ces_last,
            traits: f.traits.clone(),
            computed_traits: self
                .cfg
                .traits
                .values(&cust.rows, at, &self.tables.kinds, &self.tables.channels)
                .into_iter()
                .collect(),
            segments: self
                .cfg
                .segments
                .iter()
                .zip(&view.segments)
                .filter(|(_, &on)| on)
                .map(|((name, _), _)| name.clone())
                .collect(),
        }
    }
}
