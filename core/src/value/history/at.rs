//! One customer's history as of a given moment, from their events: what the rule segments'
//! value metrics (`p_alive`, `clv`, …) read, customer by customer, in their own pass.

use super::customer::CustomerHistory;
use super::options::{kinds, Plan};
use super::{PurchaseHistoryOptions, TimeUnit};
use crate::{CustomerEvents, Dataset, Result, Timestamp};
use serde::{Deserialize, Serialize};

/// Computes a customer's `[frequency, recency, T, monetary_value]` at one end of
/// observation, exactly as [`purchase_histories`](super::purchase_histories) would with that
/// `observation_end` (and no calibration split).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct HistoryAt {
    plan: Plan,
    /// Per kind code: 0 other, 1 purchase, 2 refund.
    role: Vec<u8>,
    end_period: i64,
}

impl HistoryAt {
    /// Histories in `unit` × `multiplier` as of `end` (ms), from the events of
    /// `purchase_kinds` and `refund_kinds` (`INVALID_CONFIG` naming a bad one).
    pub(crate) fn new(
        data: &Dataset,
        unit: TimeUnit,
        multiplier: u32,
        end: i64,
        purchase_kinds: &[String],
        refund_kinds: &[String],
    ) -> Result<Self> {
        let options = PurchaseHistoryOptions {
            unit,
            unit_multiplier: multiplier,
            observation_end: Some(Timestamp(end)),
            purchase_kinds: purchase_kinds.to_vec(),
            refund_kinds: refund_kinds.to_vec(),
            ..Default::default()
        };
        let plan = Plan::new(&options)?;
        let (purchases, refunds) = kinds(&options)?;
        let role = data
            .kinds()
            .iter()
            .map(|k| u8::from(purchases.contains(k)) + 2 * u8::from(refunds.contains(k)))
            .collect();
        Ok(HistoryAt {
            end_period: unit.period(end),
            plan,
            role,
        })
    }

    /// The customer's history, `None` without a purchase up to the end of observation.
    pub(crate) fn of(&self, c: &CustomerEvents<'_>) -> Option<[f64; 4]> {
        let mut history = CustomerHistory::default();
        for i in 0..c.len() {
            let value = c.value[i];
            let amount = if value.is_nan() { 0.0 } else { value };
            match self.role[c.kind[i] as usize] {
                1 => history.push(&self.plan, c.ts[i], amount, false),
                2 => history.push(&self.plan, c.ts[i], amount.abs(), true),
                _ => {}
            }
        }
        Some(history.finish(&self.plan)?.at(&self.plan, self.end_period))
    }
}
