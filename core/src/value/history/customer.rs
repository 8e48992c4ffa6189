//! One customer's purchases folded into a history, one purchase or refund at a time (in
//! time order), and the histories of many customers in columns. Both inputs (a dataset's
//! events, plain transaction columns) use these, so they agree by construction.

use super::options::Plan;
use super::{HoldoutPurchases, PurchaseHistories};
use crate::{Result, Timestamp, TouchpointError};
use serde::{Deserialize, Serialize};

/// The purchases and refunds of one customer in one period on one side of the split.
#[derive(Debug, Clone, Copy)]
struct Group {
    holdout: bool,
    period: i64,
    purchases: u64,
    spend: f64,
    refunded: f64,
}

impl Group {
    /// The period's spend: its purchases' values less its refunds, refunds taking it down
    /// to 0 at most (a period's spend below 0 only from purchases of negative value).
    fn net_spend(&self) -> f64 {
        if self.refunded > 0.0 {
            (self.spend - self.refunded).max(self.spend.min(0.0))
        } else {
            self.spend
        }
    }
}

/// One customer's history so far, fed purchases and refunds in time order.
#[derive(Debug, Clone, Default)]
pub(super) struct CustomerHistory {
    open: Option<Group>,
    /// Purchase periods of the calibration (all of them without a split).
    periods: u64,
    first_period: i64,
    last_period: i64,
    /// Spend of the periods that count in `monetary_value`.
    counted_spend: f64,
    holdout_periods: u64,
    holdout_purchases: u64,
    holdout_spend: f64,
}

/// One customer's history, with `T` not yet known (it depends on the end of observation,
/// known at the end when it is the last purchase): the first purchase period instead.
#[derive(Debug, Clone, Copy)]
pub(super) struct Row {
    frequency: f64,
    recency: f64,
    first_period: i64,
    monetary_value: f64,
    holdout_frequency: f64,
    holdout_monetary_value: f64,
}

impl Row {
    /// `[frequency, recency, T, monetary_value]`, `T` counted to the period `end_period`.
    pub(super) fn at(&self, plan: &Plan, end_period: i64) -> [f64; 4] {
        let t = plan.steps(end_period - self.first_period);
        [self.frequency, self.recency, t, self.monetary_value]
    }
}

impl CustomerHistory {
    /// Adds a purchase (`refund: false`) of `amount` (0 for none) or a refund of `amount`
    /// (at least 0) at `ts`. Times must come in order.
    #[inline]
    pub(super) fn push(&mut self, plan: &Plan, ts: i64, amount: f64, refund: bool) {
        let period = plan.unit.period(ts);
        let holdout = match (plan.calibration_end, plan.observation_end) {
            (Some(cal), _) if ts <= cal => false,
            (Some(_), Some(obs)) if ts > obs => return,
            (Some(_), _) => true,
            (None, _) if plan.observation_period.is_some_and(|p| period > p) => return,
            (None, _) => false,
        };
        let same = |g: &Group| g.period == period && g.holdout == holdout;
        if !self.open.as_ref().is_some_and(same) {
            if let Some(done) = self.open.take() {
                self.close(plan, done);
            }
        }
        let group = self.open.get_or_insert(Group {
            holdout,
            period,
            purchases: 0,
            spend: 0.0,
            refunded: 0.0,
        });
        if refund {
            group.refunded += amount;
        } else {
            group.purchases += 1;
            group.spend += amount;
        }
    }

    /// Counts a finished period (periods with refunds only are not purchase periods).
    fn close(&mut self, plan: &Plan, g: Group) {
        if g.purchases == 0 {
            return;
        }
        let spend = g.net_spend();
        if g.holdout {
            self.holdout_periods += 1;
            self.holdout_purchases += g.purchases;
            self.holdout_spend += spend;
            return;
        }
        if self.periods == 0 {
            self.first_period = g.period;
        }
        self.last_period = g.period;
        self.periods += 1;
        if self.periods > 1 || plan.include_first {
            self.counted_spend += spend;
        }
    }

    /// The history, `None` for a customer without a (calibration) purchase period.
    pub(super) fn finish(mut self, plan: &Plan) -> Option<Row> {
        if let Some(g) = self.open.take() {
            self.close(plan, g);
        }
        if self.periods == 0 {
            return None;
        }
        let counted = self.periods - u64::from(!plan.include_first);
        let mean = |sum: f64, n: u64| if n > 0 { sum / n as f64 } else { 0.0 };
        Some(Row {
            frequency: counted as f64,
            recency: plan.steps(self.last_period - self.first_period),
            first_period: self.first_period,
            monetary_value: mean(self.counted_spend, counted),
            holdout_frequency: self.holdout_periods as f64,
            holdout_monetary_value: mean(self.holdout_spend, self.holdout_purchases),
        })
    }
}

/// The histories of a run of customers, in customer order, with `T` still to come.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Columns {
    customer_id: Vec<String>,
    frequency: Vec<f64>,
    recency: Vec<f64>,
    first_period: Vec<i64>,
    monetary_value: Vec<f64>,
    holdout_frequency: Vec<f64>,
    holdout_monetary_value: Vec<f64>,
    /// The last purchase seen (ms), whatever the options: the default end of observation.
    last_purchase: Option<i64>,
}

impl Columns {
    /// Notes a purchase at `ts` (for the default end of observation).
    #[inline]
    pub(super) fn saw_purchase(&mut self, ts: i64) {
        self.last_purchase = Some(self.last_purchase.map_or(ts, |t| t.max(ts)));
    }

    /// Adds the next customer's history.
    pub(super) fn push(&mut self, id: &str, row: Row) {
        self.customer_id.push(id.to_string());
        self.push_row(row);
    }

    /// Adds the next customer's numbers (not their id).
    fn push_row(&mut self, row: Row) {
        self.frequency.push(row.frequency);
        self.recency.push(row.recency);
        self.first_period.push(row.first_period);
        self.monetary_value.push(row.monetary_value);
        self.holdout_frequency.push(row.holdout_frequency);
        self.holdout_monetary_value.push(row.holdout_monetary_value);
    }

    /// The histories of runs of customers walked apart (`runs` in customer order, each with
    /// its last purchase), moved once into columns sized for all of them rather than
    /// appended pair by pair up a tree of merges. `customer_id` is left empty (the
    /// customers known by their position), for the caller to fill.
    pub(super) fn from_runs(runs: Vec<(Vec<Row>, Option<i64>)>) -> Columns {
        let n = runs.iter().map(|r| r.0.len()).sum();
        let mut out = Columns {
            customer_id: Vec::new(),
            frequency: Vec::with_capacity(n),
            recency: Vec::with_capacity(n),
            first_period: Vec::with_capacity(n),
            monetary_value: Vec::with_capacity(n),
            holdout_frequency: Vec::with_capacity(n),
            holdout_monetary_value: Vec::with_capacity(n),
            last_purchase: None,
        };
        for (rows, last_purchase) in runs {
            for row in rows {
                out.push_row(row);
            }
            if let Some(t) = last_purchase {
                out.saw_purchase(t);
            }
        }
        out
    }

    /// Adds the histories of the customers after these.
    pub(super) fn append(&mut self, later: Columns) {
        self.customer_id.extend(later.customer_id);
        self.frequency.extend(later.frequency);
        self.recency.extend(later.recency);
        self.first_period.extend(later.first_period);
        self.monetary_value.extend(later.monetary_value);
        self.holdout_frequency.extend(later.holdout_frequency);
        self.holdout_monetary_value
            .extend(later.holdout_monetary_value);
        if let Some(t) = later.last_purchase {
            self.saw_purchase(t);
        }
    }

    /// The histories, `T` counted to the end of observation (or of the calibration).
    ///
    /// With a split and no `observation_end`, the end is the last purchase, which must be
    /// after `calibration_end` (`INVALID_CONFIG` naming `calibration_end` otherwise, as
    /// lifetimes refuses an empty holdout).
    pub(super) fn finish(self, plan: &Plan) -> Result<PurchaseHistories> {
        let observation_end = plan.observation_end.or(self.last_purchase);
        if let (Some(cal), None) = (plan.calibration_end, plan.observation_end) {
            if observation_end.is_none_or(|last| last <= cal) {
                return Err(TouchpointError::config(
                    "calibration_end",
                    format!(
                        "no purchase is after {}: the holdout would be empty (give an earlier calibration_end, or an observation_end after it)",
                        Timestamp(cal).to_rfc3339()
                    ),
                ));
            }
        }
        let end_period = match plan.calibration_end.or(observation_end) {
            Some(t) => plan.unit.period(t),
            None => 0, // no purchase at all: no customer either
        };
        let t = self
            .first_period
            .iter()
            .map(|&first| plan.steps(end_period - first))
            .collect();
        let holdout = match (plan.calibration_end, observation_end) {
            (Some(cal), Some(obs)) => Some(HoldoutPurchases {
                frequency: self.holdout_frequency,
                monetary_value: self.holdout_monetary_value,
                duration: plan.steps(plan.unit.period(obs) - plan.unit.period(cal)),
            }),
            _ => None,
        };
        Ok(PurchaseHistories {
            unit: plan.unit,
            unit_multiplier: plan.multiplier,
            include_first_purchase: plan.include_first,
            customer_id: self.customer_id,
            frequency: self.frequency,
            recency: self.recency,
            t,
            monetary_value: self.monetary_value,
            holdout,
        })
    }
}
