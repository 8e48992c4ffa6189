//! Churn risk: who is probably gone, who is slipping, and whom to win back first.
//!
//! For every customer: the probability of being alive (still a customer), the purchases
//! expected over the next `horizon`, an at-risk flag (`probability_alive < threshold`),
//! and, with a spend model, the lifetime value and the **value at risk**. The customers come
//! back ranked by value at risk, largest first, so a win-back campaign starts at the top.
//!
//! **Value at risk.** In every purchase model a customer who has left buys nothing, so the
//! expected value of a customer is `P(alive) × V`, with `V` the value the customer would
//! bring if still alive. The lifetime value `clv` ([`lifetime_value`]) is that expectation,
//! so `V = clv / P(alive)`, and the value at risk, what is lost if the customer has in fact
//! left, is `(1 − P(alive)) × V = clv × (1 − P(alive)) / P(alive)`. Without a spend model the
//! ranking uses purchases instead: `purchases_at_risk = expected_purchases × (1 − P(alive)) /
//! P(alive)`, the purchases over the horizon the customer would make if still alive, weighted
//! by the chance they are gone. A probability alive that underflows to 0 (a history far
//! beyond what the model expects) leaves both `None`: nothing to compute them from.

use super::inputs::check_histories;
use super::lifetime_value::units_per_month;
use super::{lifetime_value, LifetimeValueOptions, PurchaseHistories, PurchaseModel, SpendModel};
use crate::model::error::{Result, TouchpointError};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Options of [`churn_risk`]. Every field has a default, so `{}` is valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChurnRiskOptions {
    /// A customer is at risk when their probability alive is below this. Default 0.3.
    pub threshold: f64,
    /// How far ahead `expected_purchases` looks, in the histories' units. Default: one
    /// month of units (30 days, 4.345 weeks, 1 month, 720 hours; divided by the unit
    /// multiplier).
    pub horizon: Option<f64>,
    /// The lifetime value's horizon in months (with a spend model). Default 12.
    pub months: u32,
    /// The lifetime value's monthly discount rate (with a spend model). Default 0.01.
    pub discount_rate: f64,
}

impl Default for ChurnRiskOptions {
    fn default() -> Self {
        ChurnRiskOptions {
            threshold: 0.3,
            horizon: None,
            months: 12,
            discount_rate: 0.01,
        }
    }
}

impl ChurnRiskOptions {
    /// Checks the options: an `INVALID_CONFIG` error naming the first bad one.
    pub fn validate(&self) -> Result<()> {
        if !(self.threshold.is_finite() && (0.0..=1.0).contains(&self.threshold)) {
            return Err(TouchpointError::config(
                "threshold",
                format!("a probability from 0 to 1, got {}", self.threshold),
            ));
        }
        if let Some(h) = self.horizon {
            if !(h.is_finite() && h > 0.0) {
                return Err(TouchpointError::config(
                    "horizon",
                    format!("a finite number > 0, got {h}"),
                ));
            }
        }
        LifetimeValueOptions {
            months: self.months,
            discount_rate: self.discount_rate,
        }
        .validate()
    }
}

/// One customer's churn risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChurnRiskRow {
    /// 1 for the customer with the most at risk.
    pub rank: u64,
    /// The customer's id.
    pub customer_id: String,
    /// The probability that the customer is still a customer.
    pub probability_alive: f64,
    /// Purchases expected over the horizon.
    pub expected_purchases: f64,
    /// Whether `probability_alive` is below the threshold.
    pub at_risk: bool,
    /// Purchases the customer would make over the horizon if alive, weighted by the chance
    /// they are gone (`None` when the probability alive underflows to 0).
    pub purchases_at_risk: Option<f64>,
    /// The customer's lifetime value (with a spend model).
    pub clv: Option<f64>,
    /// The value lost if the customer has left (with a spend model; `None` when the
    /// probability alive underflows to 0).
    pub value_at_risk: Option<f64>,
}

/// The result of [`churn_risk`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChurnRisk {
    /// The threshold used.
    pub threshold: f64,
    /// The horizon of `expected_purchases`, in the histories' units.
    pub horizon: f64,
    /// How many customers.
    pub customers: u64,
    /// How many are at risk.
    pub at_risk: u64,
    /// Their percentage of all customers (`None` without customers).
    pub at_risk_share: Option<f64>,
    /// The sum of every customer's value at risk (`None` without a spend model).
    pub value_at_risk: Option<f64>,
    /// Every customer, ranked by value at risk (by purchases at risk without a spend
    /// model), largest first; ties keep the histories' order.
    pub rows: Vec<ChurnRiskRow>,
}

/// The default horizon: one month of `unit`s, divided by the multiplier.
pub(crate) fn units_per_horizon(unit: super::TimeUnit, multiplier: u32) -> f64 {
    units_per_month(unit) / f64::from(multiplier.max(1))
}

/// `amount × (1 − p) / p`: what is lost if the customer has left, or `None` when `p` is 0.
fn at_risk(amount: f64, p: f64) -> Option<f64> {
    (p > 0.0).then(|| amount * (1.0 - p) / p)
}

/// Every customer's churn risk, ranked by value at risk (see the module's definitions).
/// `spend` adds the lifetime value and the value at risk. The histories are checked as the
/// fit checks them; the model's unit must be theirs (with a spend model).
///
/// ```
/// use touchpoint::{churn_risk, ChurnRiskOptions, PurchaseHistories, PurchaseModel, PurchaseModelKind};
/// let params = [("r", 0.243), ("alpha", 4.414), ("a", 0.793), ("b", 2.426)];
/// let model = PurchaseModel::from_params(
///     PurchaseModelKind::BgNbd,
///     params.iter().map(|&(k, v)| (k.to_string(), v)).collect(),
/// ).unwrap();
/// let h = PurchaseHistories {
///     customer_id: vec!["steady".into(), "quiet".into()],
///     frequency: vec![10.0, 10.0],
///     recency: vec![38.0, 10.0],
///     t: vec![39.0, 39.0],
///     monetary_value: vec![20.0, 20.0],
///     ..Default::default()
/// };
/// let risk = churn_risk(&model, &h, None, &ChurnRiskOptions::default()).unwrap();
/// // "quiet" bought as often, but stopped 29 units ago: at risk, and ranked first.
/// assert_eq!(risk.rows[0].customer_id, "quiet");
/// assert!(risk.rows[0].at_risk && !risk.rows[1].at_risk);
/// ```
pub fn churn_risk(
    purchases: &PurchaseModel,
    h: &PurchaseHistories,
    spend: Option<&SpendModel>,
    o: &ChurnRiskOptions,
) -> Result<ChurnRisk> {
    o.validate()?;
    check_histories(h, Some(purchases.model))?;
    let horizon = o
        .horizon
        .unwrap_or_else(|| units_per_horizon(h.unit, h.unit_multiplier));
    let predicted = purchases.predict(h, horizon)?;
    let clv = match spend {
        None => None,
        Some(spend) => {
            let options = LifetimeValueOptions {
                months: o.months,
                discount_rate: o.discount_rate,
            };
            Some(lifetime_value(purchases, spend, h, &options)?.clv)
        }
    };
    let mut rows: Vec<ChurnRiskRow> = (0..h.len())
        .map(|i| {
            let p = predicted.probability_alive[i];
            let expected = predicted.expected_purchases[i];
            let clv = clv.as_ref().map(|c| c[i]);
            ChurnRiskRow {
                rank: 0,
                customer_id: h.id_or_row(i),
                probability_alive: p,
                expected_purchases: expected,
                at_risk: p < o.threshold,
                purchases_at_risk: at_risk(expected, p),
                clv,
                value_at_risk: clv.and_then(|c| at_risk(c, p)),
            }
        })
        .collect();
    let key = |r: &ChurnRiskRow| {
        if spend.is_some() {
            r.value_at_risk
        } else {
            r.purchases_at_risk
        }
    };
    // Largest first; `None` (nothing to compute it from) last; stable, so ties keep order.
    rows.sort_by(|a, b| match (key(a), key(b)) {
        (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i as u64 + 1;
    }
    let customers = rows.len() as u64;
    let flagged = rows.iter().filter(|r| r.at_risk).count() as u64;
    Ok(ChurnRisk {
        threshold: o.threshold,
        horizon,
        customers,
        at_risk: flagged,
        at_risk_share: (customers > 0).then(|| 100.0 * flagged as f64 / customers as f64),
        value_at_risk: spend.map(|_| rows.iter().filter_map(|r| r.value_at_risk).sum()),
        rows,
    })
}
