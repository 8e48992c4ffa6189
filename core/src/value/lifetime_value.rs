//! Customer lifetime value: expected spend times expected purchases, month by month over a
//! horizon, discounted (lifetimes' `customer_lifetime_value`).

use super::inputs::{check_histories, per_customer, Distinct};
use super::{PurchaseHistories, PurchaseModel, PurchaseModelKind, SpendModel, TimeUnit};
use crate::model::error::{Result, TouchpointError};
use serde::{Deserialize, Serialize};

/// The horizon and discounting of [`lifetime_value`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LifetimeValueOptions {
    /// How many months ahead (lifetimes' `time`). Default 12.
    pub months: u32,
    /// The monthly discount rate: a month-k value counts `1 / (1 + rate)^k`. Default 0.01.
    pub discount_rate: f64,
}

impl Default for LifetimeValueOptions {
    fn default() -> Self {
        LifetimeValueOptions {
            months: 12,
            discount_rate: 0.01,
        }
    }
}

impl LifetimeValueOptions {
    /// Checks the options: an `INVALID_CONFIG` error naming the first bad one.
    pub fn validate(&self) -> Result<()> {
        if self.months == 0 {
            return Err(TouchpointError::config("months", "at least 1"));
        }
        if !(self.discount_rate.is_finite() && self.discount_rate >= 0.0) {
            return Err(TouchpointError::config(
                "discount_rate",
                format!("a finite number ≥ 0, got {}", self.discount_rate),
            ));
        }
        Ok(())
    }
}

/// Each customer's lifetime value, in the histories' order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LifetimeValues {
    /// The customers' ids (none when the histories have none).
    pub customer_id: Vec<String>,
    /// The discounted value of the customer's expected purchases over the horizon.
    pub clv: Vec<f64>,
}

/// How many units make a month (lifetimes' factors: a month is 30 days, 4.345 weeks).
pub(crate) fn units_per_month(unit: TimeUnit) -> f64 {
    match unit {
        TimeUnit::Hour => 720.0,
        TimeUnit::Day => 30.0,
        TimeUnit::Week => 4.345,
        TimeUnit::Month => 1.0,
    }
}

/// `Σ_k (E(k months) − E(k − 1 months)) / (1 + discount_rate)^k` for `k` in `1..=months`:
/// the purchases expected in each month, discounted, from `expected(horizon)`, the
/// purchases expected up to `horizon` units (`month` units a month).
pub(crate) fn discounted_purchases(
    expected: &dyn Fn(f64) -> f64,
    o: &LifetimeValueOptions,
    month: f64,
) -> f64 {
    let discount = 1.0 + o.discount_rate;
    let mut before = 0.0;
    let mut sum = 0.0;
    for k in 1..=o.months {
        let k = f64::from(k);
        let upto = expected(k * month);
        sum += (upto - before) / discount.powf(k);
        before = upto;
    }
    sum
}

/// [`discounted_purchases`] from the purchases expected up to each month's end (`upto`) and
/// the months' discount factors `(1 + discount_rate)^k`: the same sum, term for term.
fn discounted_from(upto: &[f64], discounts: &[f64]) -> f64 {
    let mut before = 0.0;
    let mut sum = 0.0;
    for (&e, &d) in upto.iter().zip(discounts) {
        sum += (e - before) / d;
        before = e;
    }
    sum
}

/// Each customer's lifetime value over `o.months` months: for each month k, the expected
/// spend per purchase ([`SpendModel::expected_spend`]) times the purchases expected in
/// that month ([`PurchaseModel::expected_purchases`] at its end minus at its start),
/// divided by `(1 + discount_rate)^k`, summed: lifetimes' `_customer_lifetime_value`
/// (the spend factored out of the sum). The part of the purchases shared by the customers
/// with the same frequency and age is computed once for them, in parallel.
///
/// The histories must be in the unit the purchase model was fitted in (`INVALID_CONFIG`
/// naming `unit` otherwise); they are checked as the fit checks them.
pub fn lifetime_value(
    purchases: &PurchaseModel,
    spend: &SpendModel,
    h: &PurchaseHistories,
    o: &LifetimeValueOptions,
) -> Result<LifetimeValues> {
    o.validate()?;
    check_histories(h, Some(purchases.model))?;
    let multiplier = h.unit_multiplier.max(1);
    if h.unit != purchases.unit || multiplier != purchases.unit_multiplier {
        return Err(TouchpointError::config(
            "unit",
            format!(
                "the histories are in {:?} × {} but the purchase model's rates are per {:?} × {}",
                h.unit, multiplier, purchases.unit, purchases.unit_multiplier
            ),
        ));
    }
    let month = units_per_month(h.unit) / f64::from(multiplier);
    // Σ_k ΔE_k / (1 + rate)^k depends on the history alone: for the models whose
    // expectation is P(alive) times a part shared by the customers with the same
    // (frequency, T), that part's sum once per distinct (frequency, T) and P(alive) per
    // customer; for BG/BB once per distinct history.
    let sum_over_months = |expected: &dyn Fn(f64) -> f64| discounted_purchases(expected, o, month);
    let spend_params = spend.values();
    let spend_of =
        |i: usize| SpendModel::expected_spend_at(spend_params, h.frequency[i], h.monetary_value[i]);
    let clv = if purchases.model == PurchaseModelKind::BgBb {
        let d = Distinct::of(h);
        let discounted = d.each(h, |x, tx, t| {
            sum_over_months(&|horizon| purchases.expected_purchases(horizon, x, tx, t))
        });
        per_customer(h.len(), |i| spend_of(i) * discounted[d.slot[i]])
    } else {
        let d = Distinct::frequency_and_age(h);
        let p = purchases.values();
        // The months' ends and discounts once; the months' expectations together.
        let discount = 1.0 + o.discount_rate;
        let (ends, discounts): (Vec<f64>, Vec<f64>) = (1..=o.months)
            .map(|k| (f64::from(k) * month, discount.powf(f64::from(k))))
            .unzip();
        let discounted_if_alive = d.each(h, |x, _, t| {
            match purchases.expected_purchases_if_alive_many(&p, &ends, x, t) {
                Some(upto) => discounted_from(&upto, &discounts),
                None => f64::NAN,
            }
        });
        per_customer(h.len(), |i| {
            // +0.0: -0 as 0, as `probability_alive` cleans it.
            let (x, tx, t) = (h.frequency[i] + 0.0, h.recency[i] + 0.0, h.t[i] + 0.0);
            let alive = purchases.probability_alive_at(&p, x, tx, t);
            spend_of(i) * alive * discounted_if_alive[d.slot[i]]
        })
    };
    Ok(LifetimeValues {
        customer_id: h.ids_for_results(),
        clv,
    })
}
