//! The lifecycle state of one customer, updated one event at a time.

use super::*;

/// What a [`LifecycleState`] needs to know about one event.
#[derive(Debug, Clone, Copy)]
pub struct LifecycleEvent {
    /// Time, ms.
    pub ts: i64,
    /// The journey stage it signals.
    pub stage: Option<Stage>,
    /// Whether it counts as activity.
    pub active: bool,
    /// Whether it is a purchase.
    pub purchase: bool,
}

/// Per-period tallies that customers' states add to; grows as periods appear.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct LifecycleCounts {
    pub(super) period: Period,
    pub(super) first: i64,
    /// `[new, returning, resurrecting, dormant]` per period.
    pub(super) status: Vec<[u64; 4]>,
    /// `moves[from (0 = none, 1 + stage)][to stage]` per period.
    pub(super) moves: Vec<[[u64; 5]; 6]>,
}

impl LifecycleCounts {
    /// Empty counts whose first period holds `first_ts`.
    pub fn new(period: Period, first_ts: i64) -> Self {
        LifecycleCounts {
            period,
            first: period.index(first_ts),
            status: Vec::new(),
            moves: Vec::new(),
        }
    }

    /// Adds the counts of `other` (another range of customers, from the same first period).
    pub(super) fn merge(&mut self, other: LifecycleCounts) {
        debug_assert_eq!(self.first, other.first);
        if other.status.len() > self.status.len() {
            self.slot(self.first + other.status.len() as i64 - 1);
        }
        for (a, b) in self.status.iter_mut().zip(other.status) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        for (a, b) in self.moves.iter_mut().zip(other.moves) {
            for (row_a, row_b) in a.iter_mut().zip(b) {
                for (x, y) in row_a.iter_mut().zip(row_b) {
                    *x += y;
                }
            }
        }
    }

    pub(super) fn slot(&mut self, p: i64) -> usize {
        let i = (p - self.first).max(0) as usize;
        if i >= self.status.len() {
            self.status.resize(i + 1, [0; 4]);
            self.moves.resize(i + 1, [[0; 5]; 6]);
        }
        i
    }
}

/// One customer's lifecycle state, updated one event at a time (events in time order).
#[derive(Debug, Clone, Default)]
pub struct LifecycleState {
    pub(crate) first_active: Option<i64>,
    pub(crate) last_active: i64,
    pub(crate) last_period: i64,
    pub(super) last_status: Option<LifecycleStatus>,
    pub(super) last_day: i64,
    pub(crate) active_days: u32,
    pub(super) active_events: u32,
    pub(crate) purchases: u32,
    pub(crate) stage: Option<Stage>,
    pub(super) stage_at_start: Option<Stage>,
    pub(super) stage_period: Option<i64>,
}

impl LifecycleState {
    /// Adds one event to the state and its status changes and stage moves to `counts`.
    pub fn push(&mut self, e: &LifecycleEvent, counts: &mut LifecycleCounts) {
        let p = counts.period.index(e.ts);
        self.close_stage_period(Some(p), counts);
        self.step(e, p, Some(counts));
    }

    /// [`push`](Self::push) without the per-period tallies: the live engine keeps each
    /// customer's state and nothing else, in the same steps.
    pub(crate) fn push_live(&mut self, e: &LifecycleEvent, period: Period) {
        self.step(e, period.index(e.ts), None);
    }

    /// The customer's own state, in period `p`; `counts` (if any) gets the status changes.
    fn step(&mut self, e: &LifecycleEvent, p: i64, mut counts: Option<&mut LifecycleCounts>) {
        self.stage = self.stage.max(e.stage);
        self.purchases += u32::from(e.purchase);
        if !e.active {
            return;
        }
        self.active_events += 1;
        let day = e.ts.div_euclid(DAY_MS);
        if self.first_active.is_none() || day != self.last_day {
            self.active_days += 1;
            self.last_day = day;
        }
        let status = match self.first_active {
            None => LifecycleStatus::New,
            Some(_) if p == self.last_period => {
                self.last_active = e.ts;
                return;
            }
            Some(_) if p == self.last_period + 1 => LifecycleStatus::Returning,
            Some(_) => {
                if let Some(counts) = counts.as_deref_mut() {
                    let i = counts.slot(self.last_period + 1);
                    counts.status[i][3] += 1;
                }
                LifecycleStatus::Resurrecting
            }
        };
        if let Some(counts) = counts {
            let i = counts.slot(p);
            counts.status[i][status as usize] += 1;
        }
        self.first_active.get_or_insert(e.ts);
        (self.last_active, self.last_period, self.last_status) = (e.ts, p, Some(status));
    }

    /// Records the stage move of the period in progress when period `next` begins (`None`: the end).
    pub(super) fn close_stage_period(&mut self, next: Option<i64>, counts: &mut LifecycleCounts) {
        match self.stage_period {
            Some(sp) if next == Some(sp) => {}
            Some(sp) => {
                if let (from, Some(to)) = (self.stage_at_start, self.stage) {
                    if Some(to) != from {
                        let i = counts.slot(sp);
                        counts.moves[i][from.map_or(0, |s| s.index() + 1)][to.index()] += 1;
                    }
                }
                (self.stage_at_start, self.stage_period) = (self.stage, next);
            }
            None => self.stage_period = next,
        }
    }

    /// Ends the customer: records the last stage move, and the period after the last
    /// activity as dormant if it is not after `last_period` (the last period of the data).
    pub fn close(&mut self, last_period: i64, counts: &mut LifecycleCounts) {
        self.close_stage_period(None, counts);
        if self.first_active.is_some() && self.last_period < last_period {
            let i = counts.slot(self.last_period + 1);
            counts.status[i][3] += 1;
        }
    }

    /// The status in period `last_period` (see [`CustomerLifecycle::status`]).
    pub fn status(&self, last_period: i64) -> Option<LifecycleStatus> {
        self.first_active?;
        if self.last_period == last_period {
            self.last_status
        } else {
            Some(LifecycleStatus::Dormant)
        }
    }

    /// The engagement phase under the rules of `o`.
    pub fn phase(&self, o: &LifecycleOptions) -> Option<EngagementPhase> {
        self.first_active?;
        Some(
            if self.stage == Some(Stage::Advocate) && self.purchases >= o.advocacy_purchases {
                EngagementPhase::Advocacy
            } else if self.purchases >= o.loyal_purchases {
                EngagementPhase::Loyalty
            } else if self.active_days >= o.relationship_days
                || self.active_events >= o.relationship_events
            {
                EngagementPhase::Relationship
            } else {
                EngagementPhase::FirstExperience
            },
        )
    }
}
