//! A fitted model's view of each customer, for the rule segments: the metrics `p_alive`,
//! `expected_purchases`, `clv` and `value_at_risk` (`p_alive < 0.3 and clv > 100`).

use super::churn::units_per_horizon;
use super::history::HistoryAt;
use super::lifetime_value::{discounted_purchases, units_per_month};
use super::LifetimeValueOptions;
use super::{PurchaseModel, SpendModel};
use crate::model::error::{Result, TouchpointError};
use crate::{CustomerEvents, Dataset};
use serde::{Deserialize, Serialize};

fn purchase() -> Vec<String> {
    vec!["purchase".into()]
}

fn refund() -> Vec<String> {
    vec!["refund".into()]
}

fn twelve() -> u32 {
    12
}

fn one_percent() -> f64 {
    0.01
}

/// The models that give the rule segments their value metrics. Each customer's purchase
/// history is computed from their events up to the segments' `as_of`, in the purchase
/// model's unit (as [`purchase_histories`](super::purchase_histories) computes it with that
/// `observation_end`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerValueOptions {
    /// The fitted purchase model (a saved model's JSON).
    pub purchase_model: PurchaseModel,
    /// The fitted spend model, for `clv` and `value_at_risk`. Default none (both null).
    #[serde(default)]
    pub spend_model: Option<SpendModel>,
    /// The kinds that are purchases. Default `["purchase"]`.
    #[serde(default = "purchase")]
    pub purchase_kinds: Vec<String>,
    /// The kinds that are refunds. Default `["refund"]`.
    #[serde(default = "refund")]
    pub refund_kinds: Vec<String>,
    /// How far ahead `expected_purchases` looks, in the model's units. Default one month
    /// of units, as in [`churn_risk`](super::churn_risk).
    #[serde(default)]
    pub horizon: Option<f64>,
    /// The lifetime value's horizon in months. Default 12.
    #[serde(default = "twelve")]
    pub months: u32,
    /// The lifetime value's monthly discount rate. Default 0.01.
    #[serde(default = "one_percent")]
    pub discount_rate: f64,
}

/// One customer's value metrics (see [`churn_risk`](super::churn_risk) for the
/// definitions).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CustomerValue {
    /// The probability that the customer is still a customer.
    pub probability_alive: f64,
    /// Purchases expected over the horizon.
    pub expected_purchases: f64,
    /// The lifetime value (with a spend model).
    pub clv: Option<f64>,
    /// `clv × (1 − p_alive) / p_alive` (with a spend model; `None` when p_alive is 0).
    pub value_at_risk: Option<f64>,
}

/// Computes [`CustomerValue`]s customer by customer inside a pass.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CustomerValuer {
    history: HistoryAt,
    model: PurchaseModel,
    spend: Option<SpendModel>,
    horizon: f64,
    month: f64,
    lifetime: LifetimeValueOptions,
}

impl CustomerValuer {
    /// Checks the options against `data`; histories end at `as_of` (ms).
    pub(crate) fn new(data: &Dataset, o: &CustomerValueOptions, as_of: i64) -> Result<Self> {
        let m = &o.purchase_model;
        let churn = super::ChurnRiskOptions {
            horizon: o.horizon,
            months: o.months,
            discount_rate: o.discount_rate,
            ..Default::default()
        };
        churn
            .validate()
            .map_err(|e| prefixed(e, "customer_value"))?;
        let history = HistoryAt::new(
            data,
            m.unit,
            m.unit_multiplier.max(1),
            as_of,
            &o.purchase_kinds,
            &o.refund_kinds,
        )
        .map_err(|e| prefixed(e, "customer_value"))?;
        let multiplier = f64::from(m.unit_multiplier.max(1));
        Ok(CustomerValuer {
            history,
            model: m.clone(),
            spend: o.spend_model.clone(),
            horizon: o
                .horizon
                .unwrap_or_else(|| units_per_horizon(m.unit, m.unit_multiplier)),
            month: units_per_month(m.unit) / multiplier,
            lifetime: LifetimeValueOptions {
                months: o.months,
                discount_rate: o.discount_rate,
            },
        })
    }

    /// The customer's value metrics, `None` without a purchase up to `as_of`.
    pub(crate) fn value(&self, c: &CustomerEvents<'_>) -> Option<CustomerValue> {
        let [x, tx, t, money] = self.history.of(c)?;
        let m = &self.model;
        let p = m.probability_alive(x, tx, t);
        let clv = self.spend.as_ref().map(|spend| {
            // lifetimes' `customer_lifetime_value`, for one customer.
            let expected = |horizon: f64| m.expected_purchases(horizon, x, tx, t);
            spend.expected_spend(x, money)
                * discounted_purchases(&expected, &self.lifetime, self.month)
        });
        Some(CustomerValue {
            probability_alive: p,
            expected_purchases: m.expected_purchases(self.horizon, x, tx, t),
            clv,
            value_at_risk: clv.and_then(|c| (p > 0.0).then(|| c * (1.0 - p) / p)),
        })
    }
}

/// `error`, its option named under `parent` (`customer_value.months`).
fn prefixed(error: TouchpointError, parent: &str) -> TouchpointError {
    match error {
        TouchpointError::InvalidConfig { option, message } => TouchpointError::InvalidConfig {
            option: format!("{parent}.{option}"),
            message,
        },
        other => other,
    }
}
