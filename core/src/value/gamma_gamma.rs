//! The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV"):
//! a customer's purchases are worth Gamma(p, ν) with ν ~ Gamma(q, v) across customers.
//! Fitted on the customers with repeat purchases, from their count and mean value, as
//! lifetimes' `GammaGammaFitter` (parameters `p`, `q`, `v`).

use super::gradients::{log_scale, SpendData};
use super::inputs::{check_histories, per_customer, show};
use super::model::{check_fit_numbers, check_params, fit_failure, RUNAWAY};
use super::optimize::{inverse, minimize_with, Settings};
use super::PurchaseHistories;
use crate::model::error::{RecordRef, Result, TouchpointError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How the spend model is fitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SpendModelOptions {
    /// Pulls the parameters towards 0: `penalizer × Σ param²` is added to the mean negative
    /// log-likelihood (lifetimes' `penalizer_coef`). Default 0.
    pub penalizer: f64,
    /// The fit stops when a Newton step would move no log-parameter by more than this, or
    /// would lower the likelihood by less than its rounding error. Default 1e-9.
    pub tolerance: f64,
    /// The most Newton iterations before the fit gives up (`NOT_CONVERGED`).
    pub max_iterations: u32,
    /// Keep `q ≥ 1`, so the population's mean spend `v p / (q - 1)` is positive
    /// (lifetimes' `q_constraint`). Default false.
    pub q_constraint: bool,
}

impl Default for SpendModelOptions {
    fn default() -> Self {
        SpendModelOptions {
            penalizer: 0.0,
            tolerance: 1e-9,
            max_iterations: 200,
            q_constraint: false,
        }
    }
}

impl SpendModelOptions {
    /// Checks the options: an `INVALID_CONFIG` error naming the first bad one.
    pub fn validate(&self) -> Result<()> {
        check_fit_numbers(self.penalizer, self.tolerance, self.max_iterations)
    }
}

/// A fitted (or given) Gamma-Gamma spend model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "SpendModelData")]
pub struct SpendModel {
    /// Always `"gamma_gamma"`.
    pub model: String,
    /// `p`, `q` and `v`.
    pub params: BTreeMap<String, f64>,
    /// The parameters' standard errors, as lifetimes computes them; `None` when the
    /// likelihood's curvature at the optimum is not positive definite.
    pub standard_errors: Option<BTreeMap<String, f64>>,
    /// The total log-likelihood of the fitted customers' mean spends (`None` for a model
    /// made from given parameters).
    pub log_likelihood: Option<f64>,
    /// How many customers the model was fitted on (those with repeat purchases).
    pub customers: u64,
    /// Newton iterations the fit took.
    pub iterations: u32,
}

/// The serde form, checked on loading.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpendModelData {
    model: String,
    params: BTreeMap<String, f64>,
    #[serde(default)]
    standard_errors: Option<BTreeMap<String, f64>>,
    #[serde(default)]
    log_likelihood: Option<f64>,
    #[serde(default)]
    customers: u64,
    #[serde(default)]
    iterations: u32,
}

impl TryFrom<SpendModelData> for SpendModel {
    type Error = TouchpointError;
    fn try_from(d: SpendModelData) -> Result<Self> {
        if d.model != "gamma_gamma" {
            return Err(TouchpointError::config(
                "model",
                format!("a spend model is \"gamma_gamma\", got {:?}", d.model),
            ));
        }
        let mut m = SpendModel::from_params(d.params)?;
        m.standard_errors = d.standard_errors;
        m.log_likelihood = d.log_likelihood;
        m.customers = d.customers;
        m.iterations = d.iterations;
        Ok(m)
    }
}

const NAMES: [&str; 3] = ["p", "q", "v"];

impl SpendModel {
    /// A model with known parameters `p`, `q`, `v` (each finite and > 0), for users who
    /// have them; `INVALID_CONFIG` naming `params` otherwise.
    pub fn from_params(params: BTreeMap<String, f64>) -> Result<SpendModel> {
        check_params("gamma_gamma", &NAMES, &params)?;
        Ok(SpendModel {
            model: "gamma_gamma".into(),
            params,
            standard_errors: None,
            log_likelihood: None,
            customers: 0,
            iterations: 0,
        })
    }

    pub(crate) fn values(&self) -> (f64, f64, f64) {
        let get = |k: &str| self.params.get(k).copied().unwrap_or(f64::NAN);
        (get("p"), get("q"), get("v"))
    }

    /// The expected mean value of a customer's future purchases, given `frequency` repeat
    /// purchases of mean value `monetary_value` (lifetimes'
    /// `conditional_expected_average_profit`); with no repeat purchase, the population's
    /// mean `v p / (q - 1)`.
    pub fn expected_spend(&self, frequency: f64, monetary_value: f64) -> f64 {
        Self::expected_spend_at(self.values(), frequency, monetary_value)
    }

    /// [`expected_spend`](SpendModel::expected_spend) at parameters `(p, q, v)` (looked up
    /// once by the callers that ask for every customer).
    pub(crate) fn expected_spend_at(
        (p, q, v): (f64, f64, f64),
        frequency: f64,
        monetary_value: f64,
    ) -> f64 {
        let x = if frequency > 0.0 { frequency } else { 0.0 };
        let weight = p * x / (p * x + q - 1.0);
        let m = if monetary_value.is_finite() {
            monetary_value
        } else {
            0.0
        };
        (1.0 - weight) * (v * p / (q - 1.0)) + weight * m
    }

    /// [`expected_spend`](SpendModel::expected_spend) of every customer, in order
    /// (computed in parallel).
    pub fn expected_spend_all(&self, h: &PurchaseHistories) -> Vec<f64> {
        let n = h.len().min(h.frequency.len()).min(h.monetary_value.len());
        let params = self.values();
        per_customer(n, |i| {
            Self::expected_spend_at(params, h.frequency[i], h.monetary_value[i])
        })
    }
}

/// Fits the Gamma-Gamma spend model by maximum likelihood on the customers with repeat
/// purchases (`frequency > 0`), from their frequency and mean repeat spend, as lifetimes'
/// `GammaGammaFitter.fit` on them. Each of them must have `monetary_value > 0`
/// (`OUT_OF_RANGE` naming the customer); no such customer is an `INVALID_CONFIG` error.
pub fn fit_spend_model(h: &PurchaseHistories, o: &SpendModelOptions) -> Result<SpendModel> {
    o.validate()?;
    check_histories(h, None)?;
    for i in 0..h.len() {
        let m = h.monetary_value[i];
        if h.frequency[i] > 0.0 && !(m > 0.0 && m.is_finite()) {
            return Err(TouchpointError::OutOfRange {
                record: RecordRef::Record(i as u64 + 1),
                field: "monetary_value".into(),
                value: show(m),
                expected: format!(
                    "{} has repeat purchases: their mean value must be > 0",
                    h.who(i)
                ),
            });
        }
    }
    let customers: Vec<[f64; 2]> = (0..h.len())
        .filter(|&i| h.frequency[i] > 0.0)
        .map(|i| [h.frequency[i], h.monetary_value[i]])
        .collect();
    if customers.is_empty() {
        return Err(TouchpointError::config(
            "histories",
            "no customer has a repeat purchase: the spend model is fitted on those who do",
        ));
    }
    let total_weight = customers.len() as f64;
    let data = SpendData::new(customers);
    let exp_params = |theta: &[f64]| -> [f64; 3] { std::array::from_fn(|i| theta[i].exp()) };
    // The value with its derivatives, from one walk (its logs serve both).
    let objective = |theta: &[f64]| {
        let p = exp_params(theta);
        let s = data.log_likelihood(&p, true);
        let (v, g, h) = log_scale(&s, &p, total_weight, o.penalizer);
        if v.is_finite() {
            (v, Some((g, h)))
        } else {
            (f64::INFINITY, None)
        }
    };
    let derivatives = |theta: &[f64], _: f64| {
        let p = exp_params(theta);
        let (_, g, h) = log_scale(
            &data.log_likelihood(&p, true),
            &p,
            total_weight,
            o.penalizer,
        );
        (g, h)
    };
    let settings = Settings {
        tolerance: o.tolerance,
        max_iterations: o.max_iterations,
        lower: vec![None, o.q_constraint.then_some(0.0), None],
        runaway: RUNAWAY,
    };
    let found = crate::parallel::install(|| {
        minimize_with(&objective, &derivatives, &[0.1, 0.1, 0.1], &settings)
    })
    .map_err(|f| fit_failure("gamma_gamma", &NAMES, f))?;
    let params: BTreeMap<String, f64> = NAMES
        .iter()
        .zip(&found.x)
        .map(|(k, t)| (k.to_string(), t.exp()))
        .collect();
    let standard_errors = inverse(&found.hessian).and_then(|inv| {
        let se: BTreeMap<String, f64> = NAMES
            .iter()
            .enumerate()
            .map(|(i, k)| {
                (
                    k.to_string(),
                    found.x[i].exp() * (inv[i][i] / total_weight).sqrt(),
                )
            })
            .collect();
        se.values().all(|v| v.is_finite()).then_some(se)
    });
    Ok(SpendModel {
        model: "gamma_gamma".into(),
        params,
        standard_errors,
        log_likelihood: Some(crate::parallel::install(|| {
            data.log_likelihood(&exp_params(&found.x), false).value
        })),
        customers: total_weight as u64,
        iterations: found.iterations,
    })
}
