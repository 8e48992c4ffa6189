//! The purchase histories of a dataset's customers, in one pass over their events.

use super::customer::{Columns, CustomerHistory};
use super::options::{kinds, Plan};
use super::{PurchaseHistories, PurchaseHistoryOptions};
use crate::{
    run_pass, CustomerEvents, CustomerPass, Dataset, MergeablePass, PassContext, Result, StageMap,
};
use serde::{Deserialize, Serialize};

/// What an event kind is to the histories.
const OTHER: u8 = 0;
const PURCHASE: u8 = 1;
const REFUND: u8 = 2;

/// The purchase histories as a [`CustomerPass`]; [`finish`](Self::finish) counts `T` to
/// the end of observation, which (by default the last purchase of every customer) is known
/// only once every customer is seen: so the pass needs no walk before it, and partial
/// states of partitions merge into the whole data's histories.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PurchaseHistoryPass {
    plan: Plan,
    /// Per kind code: other, purchase or refund.
    role: Vec<u8>,
    columns: Columns,
}

impl PurchaseHistoryPass {
    /// Checks the options against `data` (`INVALID_CONFIG` naming the option).
    pub fn new(data: &Dataset, options: &PurchaseHistoryOptions) -> Result<Self> {
        let plan = Plan::new(options)?;
        let (purchases, refunds) = kinds(options)?;
        let role = data
            .kinds()
            .iter()
            .map(|k| {
                if purchases.contains(k) {
                    PURCHASE
                } else if refunds.contains(k) {
                    REFUND
                } else {
                    OTHER
                }
            })
            .collect();
        Ok(PurchaseHistoryPass {
            plan,
            role,
            columns: Columns::default(),
        })
    }

    /// The histories of every customer seen, in customer order. With `calibration_end` and
    /// no `observation_end`, a data without a purchase after `calibration_end` is an
    /// `INVALID_CONFIG` error naming `calibration_end` (the holdout would be empty).
    pub fn finish(self) -> Result<PurchaseHistories> {
        self.columns.finish(&self.plan)
    }
}

impl CustomerPass for PurchaseHistoryPass {
    fn customer(&mut self, _ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        let mut history = CustomerHistory::default();
        for i in 0..c.len() {
            let ts = c.ts[i];
            let value = c.value[i];
            let amount = if value.is_nan() { 0.0 } else { value };
            match self.role[c.kind[i] as usize] {
                PURCHASE => {
                    self.columns.saw_purchase(ts);
                    history.push(&self.plan, ts, amount, false);
                }
                REFUND => history.push(&self.plan, ts, amount.abs(), true),
                _ => {}
            }
        }
        if let Some(row) = history.finish(&self.plan) {
            self.columns.push(c.id, row);
        }
    }
}

impl MergeablePass for PurchaseHistoryPass {
    fn merge(&mut self, later: Self) {
        self.columns.append(later.columns);
    }
}

/// Each customer's purchase history (frequency, recency, age `T`, mean repeat spend), from
/// the dataset's purchase events, exactly as lifetimes' `summary_data_from_transaction_data`
/// (and, with `calibration_end`, `calibration_and_holdout_data`) computes it from the same
/// purchases:
///
/// - Purchase times are floored to the unit's period ([`TimeUnit`](super::TimeUnit)); the
///   purchases of one customer in one period count once, their values adding up.
/// - `frequency` = the customer's purchase periods − 1 (all of them with
///   `include_first_purchase`); `recency` = last period − first period, and `T` = the
///   period of the end of observation (of `calibration_end`, when split) − first period,
///   both in units ÷ `unit_multiplier`.
/// - `monetary_value` = the mean spend of the repeat periods (of every period with
///   `include_first_purchase`), 0 without one. A purchase without a value is a purchase
///   of value 0.
/// - **Refunds** (events of a `refund_kinds` kind; their `value` is the amount refunded,
///   its sign ignored) are not purchases: the amount is taken off the customer's spend in
///   the period it falls in, down to 0 at most. A period with refunds and no purchase is
///   not a purchase period and its refunds change nothing (a refund is not traced back to
///   the purchase of an earlier period).
/// - Customers without a purchase up to the end of observation (up to `calibration_end`,
///   when split) are left out; the others come in dataset order.
/// - With `calibration_end`: `holdout` gives each customer's purchase periods after it up
///   to `observation_end`, the mean value of those purchases (per purchase, refunds in
///   their periods taken off), and the holdout's duration.
///
/// Options are checked first (`INVALID_CONFIG` naming the option). One pass over the
/// customers, in parallel, the same on any number of threads.
///
/// ```
/// use touchpoint::{purchase_histories, PurchaseHistoryOptions};
/// use touchpoint::{Channel, Dataset, Event, EventKind, Timestamp};
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let buy = |who: &str, when: &str, value: f64| {
///     Event::new(who, t(when), Channel::Web, EventKind::Purchase).with_value(value)
/// };
/// let data = Dataset::from_events(vec![
///     buy("ana", "2026-03-01T09:00:00Z", 40.0),
///     buy("ana", "2026-03-01T18:00:00Z", 10.0), // the same day: one purchase period
///     buy("ana", "2026-03-05T10:00:00Z", 30.0),
///     buy("ana", "2026-03-08T10:00:00Z", 50.0),
///     buy("ben", "2026-03-04T12:00:00Z", 25.0),
///     buy("cara", "2026-03-11T08:00:00Z", 60.0),
/// ]).unwrap();
/// let h = purchase_histories(&data, &PurchaseHistoryOptions::default()).unwrap();
/// assert_eq!(h.customer_id, ["ana", "ben", "cara"]);
/// assert_eq!(h.frequency, [2.0, 0.0, 0.0]);
/// assert_eq!(h.recency, [7.0, 0.0, 0.0]);
/// assert_eq!(h.t, [10.0, 7.0, 0.0]); // to 2026-03-11, the last purchase
/// assert_eq!(h.monetary_value, [40.0, 0.0, 0.0]); // (30 + 50) / 2: the first is left out
/// ```
pub fn purchase_histories(
    data: &Dataset,
    options: &PurchaseHistoryOptions,
) -> Result<PurchaseHistories> {
    let pass = PurchaseHistoryPass::new(data, options)?;
    run_pass(&PassContext::new(data, &StageMap::default()), pass).finish()
}
