//! Per-customer lifecycle: the journey stage reached, the engagement phase, and the
//! growth-accounting status per period (new, returning, resurrecting, dormant — the
//! definitions of PostHog's Lifecycle insight), with the stage distribution and the stage
//! transitions over time. `docs/guide-engagement.md` gives the exact definitions.

use crate::analysis::stats::percent;
use crate::{
    limits, run_pass, CustomerEvents, CustomerPass, Dataset, EventKind, MergeablePass, PassContext,
    Period, Result, Stage, StageCount, StageMap, Timestamp, TouchpointError, DAY_MS,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The code of the kind named in option `option`, if any event has that kind.
pub(crate) fn kind_code(data: &Dataset, name: &str, option: &str) -> Result<Option<u16>> {
    let kind = EventKind::parse(name)
        .ok_or_else(|| TouchpointError::config(option, "empty event kind"))?;
    Ok(data.kind_code(&kind))
}

/// Which kind codes count as activity: `active_kinds` if given, else every kind except
/// the `passive` ones (shown or sent *to* the customer, not done by them).
pub(crate) fn activity_table(
    data: &Dataset,
    active_kinds: Option<&[String]>,
    passive: &[&str],
) -> Result<Vec<bool>> {
    let mut table = vec![active_kinds.is_none(); data.kinds().len()];
    let (names, on) = match active_kinds {
        Some(list) => (list.iter().map(String::as_str).collect::<Vec<_>>(), true),
        None => (passive.to_vec(), false),
    };
    for name in names {
        if let Some(code) = kind_code(data, name, "active_kinds")? {
            table[code as usize] = on;
        }
    }
    Ok(table)
}

/// The four engagement phases of a customer relationship, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EngagementPhase {
    /// Active, but not yet repeatedly.
    FirstExperience,
    /// Engaged repeatedly (several days or several interactions), not yet a repeat buyer.
    Relationship,
    /// A repeat buyer.
    Loyalty,
    /// A buyer who promotes the brand (reached the advocate stage).
    Advocacy,
}

impl EngagementPhase {
    /// All phases in order.
    pub const ALL: [EngagementPhase; 4] = [
        EngagementPhase::FirstExperience,
        EngagementPhase::Relationship,
        EngagementPhase::Loyalty,
        EngagementPhase::Advocacy,
    ];
}

/// A customer's lifecycle status in a period (growth accounting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleStatus {
    /// First ever activity in this period.
    New,
    /// Active in this period and in the previous one.
    Returning,
    /// Active in this period, not in the previous one, but active before.
    Resurrecting,
    /// Not active in this period, active before.
    Dormant,
}

/// Options of [`lifecycle`]. Every field has a default, so `{}` is valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LifecycleOptions {
    /// The period of the lifecycle statuses and stage transitions. Default `"week"`.
    pub period: Period,
    /// Kinds that count as activity. Default `null`: every kind except `impression` and
    /// `email_sent`.
    pub active_kinds: Option<Vec<String>>,
    /// Overrides of the default kind → stage map (`{"survey_response": "discover"}`),
    /// used by [`lifecycle`]; a [`LifecyclePass`] uses the stage map of its context.
    pub stage_map: Option<BTreeMap<String, Option<String>>>,
    /// The kind of a purchase. Default `"purchase"`.
    pub purchase_kind: String,
    /// Relationship phase: active on at least this many distinct UTC days… Default 2.
    pub relationship_days: u32,
    /// …or at least this many activity events. Default 5.
    pub relationship_events: u32,
    /// Loyalty phase: at least this many purchases. Default 2.
    pub loyal_purchases: u32,
    /// Advocacy phase: reached the advocate stage with at least this many purchases. Default 1.
    pub advocacy_purchases: u32,
    /// Also return one row per customer. Default false.
    pub per_customer: bool,
}

impl Default for LifecycleOptions {
    fn default() -> Self {
        LifecycleOptions {
            period: Period::Week,
            active_kinds: None,
            stage_map: None,
            purchase_kind: "purchase".into(),
            relationship_days: 2,
            relationship_events: 5,
            loyal_purchases: 2,
            advocacy_purchases: 1,
            per_customer: false,
        }
    }
}

/// Lifecycle counts of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LifecyclePeriod {
    /// When the period starts.
    pub period_start: Timestamp,
    /// Customers active in the period (new + returning + resurrecting).
    pub active: u64,
    /// Customers whose first activity is in this period.
    pub new: u64,
    /// Customers active in this period and the previous one.
    pub returning: u64,
    /// Customers active in this period, not in the previous one, but before.
    pub resurrecting: u64,
    /// Customers active in the previous period but not in this one (a positive count;
    /// PostHog draws it below the axis as a negative one).
    pub dormant: u64,
    /// (new + resurrecting) ÷ dormant, `None` when no one went dormant.
    pub quick_ratio: Option<f64>,
}

/// Customers whose furthest stage moved from `from` to `to` during a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageTransition {
    /// When the period starts.
    pub period_start: Timestamp,
    /// The furthest stage at the start of the period (`None`: no stage yet).
    pub from: Option<Stage>,
    /// The furthest stage at its end.
    pub to: Stage,
    /// Number of customers.
    pub customers: u64,
}

/// How many customers are in an engagement phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseCount {
    /// The phase.
    pub phase: EngagementPhase,
    /// Customers in it.
    pub customers: u64,
    /// Their percentage of all customers (`None` when there are no customers).
    pub share: Option<f64>,
}

/// One customer's lifecycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerLifecycle {
    /// The customer's id.
    pub customer_id: String,
    /// The furthest journey stage reached (`None`: no mapped event).
    pub stage: Option<Stage>,
    /// The engagement phase (`None`: no activity).
    pub phase: Option<EngagementPhase>,
    /// The status in the last period of the data: `dormant` for every customer active
    /// before but not in it; `None` for customers never active.
    pub status: Option<LifecycleStatus>,
    /// Time of the first activity event.
    pub first_active: Option<Timestamp>,
    /// Time of the last activity event.
    pub last_active: Option<Timestamp>,
    /// Number of purchases.
    pub purchases: u64,
    /// Distinct UTC days with activity.
    pub active_days: u64,
}

/// The result of [`lifecycle`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LifecycleReport {
    /// The period used.
    pub period: Period,
    /// Every period from the first to the last event of the data, empty ones included.
    pub periods: Vec<LifecyclePeriod>,
    /// Customers per furthest stage reached, in journey order.
    pub stage_distribution: Vec<StageCount>,
    /// Customers who reached no stage.
    pub customers_without_stage: u64,
    /// Customers per engagement phase, in order.
    pub phase_distribution: Vec<PhaseCount>,
    /// Customers without activity (no phase).
    pub customers_without_phase: u64,
    /// Stage moves per period, by period, then `from`, then `to`; zero counts left out.
    pub stage_transitions: Vec<StageTransition>,
    /// One row per customer in dataset order (`per_customer: true`).
    pub per_customer: Option<Vec<CustomerLifecycle>>,
}

/// The lifecycle analysis as a [`CustomerPass`]; [`finish`](LifecyclePass::finish) gives the report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LifecyclePass {
    options: LifecycleOptions,
    active: Vec<bool>,
    purchase: Option<u16>,
    last_period: i64,
    has_events: bool,
    counts: LifecycleCounts,
    stages: [u64; 5],
    phases: [u64; 4],
    customers: u64,
    rows: Vec<CustomerLifecycle>,
}

impl LifecyclePass {
    /// Checks the options against `data`.
    pub fn new(data: &Dataset, options: &LifecycleOptions) -> Result<Self> {
        let (first, last) = data.time_range().map_or((0, 0), |(a, b)| (a.0, b.0));
        limits::check_periods(options.period.count(first, last), "period")?;
        Ok(LifecyclePass {
            active: activity_table(
                data,
                options.active_kinds.as_deref(),
                &["impression", "email_sent"],
            )?,
            purchase: kind_code(data, &options.purchase_kind, "purchase_kind")?,
            last_period: options.period.index(last),
            has_events: data.event_count() > 0,
            counts: LifecycleCounts::new(options.period, first),
            options: options.clone(),
            stages: [0; 5],
            phases: [0; 4],
            customers: 0,
            rows: Vec::new(),
        })
    }

    /// The report of every customer seen.
    pub fn finish(mut self) -> LifecycleReport {
        let period = self.options.period;
        let n = if self.has_events {
            self.last_period - self.counts.first + 1
        } else {
            0
        };
        if n > 0 {
            self.counts.slot(self.last_period);
        }
        let start = |i: usize| period.start(self.counts.first + i as i64);
        let periods = (0..n as usize)
            .map(|i| {
                let [new, returning, resurrecting, dormant] = self.counts.status[i];
                LifecyclePeriod {
                    period_start: start(i),
                    active: new + returning + resurrecting,
                    new,
                    returning,
                    resurrecting,
                    dormant,
                    quick_ratio: (dormant > 0)
                        .then(|| (new + resurrecting) as f64 / dormant as f64),
                }
            })
            .collect();
        let mut stage_transitions = Vec::new();
        for (i, m) in self.counts.moves.iter().enumerate().take(n as usize) {
            for (f, row) in m.iter().enumerate() {
                for (t, &customers) in row.iter().enumerate().filter(|(_, &c)| c > 0) {
                    let from = f.checked_sub(1).map(|s| Stage::ALL[s]);
                    stage_transitions.push(StageTransition {
                        period_start: start(i),
                        from,
                        to: Stage::ALL[t],
                        customers,
                    });
                }
            }
        }
        let c = self.customers;
        LifecycleReport {
            period,
            periods,
            stage_distribution: Stage::ALL
                .iter()
                .map(|&s| StageCount {
                    stage: s,
                    customers: self.stages[s.index()],
                    share: percent(self.stages[s.index()], c),
                })
                .collect(),
            customers_without_stage: c - self.stages.iter().sum::<u64>(),
            phase_distribution: EngagementPhase::ALL
                .iter()
                .map(|&p| PhaseCount {
                    phase: p,
                    customers: self.phases[p as usize],
                    share: percent(self.phases[p as usize], c),
                })
                .collect(),
            customers_without_phase: c - self.phases.iter().sum::<u64>(),
            stage_transitions,
            per_customer: self.options.per_customer.then_some(self.rows),
        }
    }
}

impl CustomerPass for LifecyclePass {
    fn customer(&mut self, ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        let mut state = LifecycleState::default();
        for i in 0..c.len() {
            let k = c.kind[i];
            let e = LifecycleEvent {
                ts: c.ts[i],
                stage: ctx.stage(k),
                active: self.active[k as usize],
                purchase: Some(k) == self.purchase,
            };
            state.push(&e, &mut self.counts);
        }
        state.close(self.last_period, &mut self.counts);
        self.customers += 1;
        if let Some(s) = state.stage {
            self.stages[s.index()] += 1;
        }
        let phase = state.phase(&self.options);
        if let Some(p) = phase {
            self.phases[p as usize] += 1;
        }
        if self.options.per_customer {
            self.rows.push(CustomerLifecycle {
                customer_id: c.id.to_string(),
                stage: state.stage,
                phase,
                status: state.status(self.last_period),
                first_active: state.first_active.map(Timestamp),
                last_active: state.first_active.map(|_| Timestamp(state.last_active)),
                purchases: state.purchases as u64,
                active_days: state.active_days as u64,
            });
        }
    }
}

impl MergeablePass for LifecyclePass {
    fn merge(&mut self, later: Self) {
        self.counts.merge(later.counts);
        for (a, b) in self.stages.iter_mut().zip(later.stages) {
            *a += b;
        }
        for (a, b) in self.phases.iter_mut().zip(later.phases) {
            *a += b;
        }
        self.customers += later.customers;
        self.rows.extend(later.rows);
    }
}

/// Stages, engagement phases and lifecycle statuses of every customer.
///
/// ```
/// use touchpoint::{lifecycle, Channel, Dataset, Event, EventKind, LifecycleOptions, Period, Timestamp};
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let data = Dataset::from_events(vec![
///     Event::new("ana", t("2026-03-02T09:00:00Z"), Channel::Web, EventKind::PageView),
///     Event::new("ana", t("2026-03-16T09:00:00Z"), Channel::Web, EventKind::Purchase),
/// ]).unwrap();
/// let r = lifecycle(&data, &LifecycleOptions { period: Period::Week, ..Default::default() }).unwrap();
/// let counts: Vec<_> = r.periods.iter().map(|p| (p.new, p.dormant, p.resurrecting)).collect();
/// assert_eq!(counts, vec![(1, 0, 0), (0, 1, 0), (0, 0, 1)]);
/// ```
pub fn lifecycle(data: &Dataset, options: &LifecycleOptions) -> Result<LifecycleReport> {
    let stages = match &options.stage_map {
        None => StageMap::default(),
        Some(m) => StageMap::with_overrides(m.iter().map(|(k, v)| (k.as_str(), v.as_deref())))?,
    };
    let pass = LifecyclePass::new(data, options)?;
    Ok(run_pass(&PassContext::new(data, &stages), pass).finish())
}

mod state;
#[cfg(test)]
mod tests;

pub use state::{LifecycleCounts, LifecycleEvent, LifecycleState};
