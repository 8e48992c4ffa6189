//! A purchase model: which one, how it is fitted, and the fitted (or given) parameters with
//! the predictions per customer.

use super::inputs::{check_histories, per_customer, Distinct};
use super::optimize::Failure;
use super::{bg_bb, bg_nbd, mbg_nbd, pareto_nbd, PurchaseHistories, TimeUnit};
use crate::model::error::{Result, TouchpointError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The purchase models ("buy till you die") of non-contractual businesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PurchaseModelKind {
    /// BG/NBD (Fader, Hardie & Lee 2005): customers may drop out after each purchase. The
    /// default.
    #[default]
    BgNbd,
    /// MBG/NBD (Batislam et al. 2007): the BG/NBD with a chance to drop out at once, so
    /// customers without repeat purchases can be lost.
    MbgNbd,
    /// Pareto/NBD (Schmittlein et al. 1987): customers drop out at any time.
    ParetoNbd,
    /// BG/BB (Fader, Hardie & Shang 2010): purchase opportunities in discrete periods.
    BgBb,
}

impl PurchaseModelKind {
    /// The model's name as JSON spells it (`"bg_nbd"`, …).
    pub fn name(self) -> &'static str {
        match self {
            PurchaseModelKind::BgNbd => "bg_nbd",
            PurchaseModelKind::MbgNbd => "mbg_nbd",
            PurchaseModelKind::ParetoNbd => "pareto_nbd",
            PurchaseModelKind::BgBb => "bg_bb",
        }
    }

    /// The parameters' names, as lifetimes names them, in the models' order.
    pub fn parameter_names(self) -> [&'static str; 4] {
        match self {
            PurchaseModelKind::BgNbd | PurchaseModelKind::MbgNbd => ["r", "alpha", "a", "b"],
            PurchaseModelKind::ParetoNbd => ["r", "alpha", "s", "beta"],
            PurchaseModelKind::BgBb => ["alpha", "beta", "gamma", "delta"],
        }
    }
}

/// How a purchase model is fitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PurchaseModelOptions {
    /// Which model. Default BG/NBD.
    pub model: PurchaseModelKind,
    /// Pulls the parameters towards 0, as lifetimes' `penalizer_coef`: `penalizer × Σ
    /// param²` (parameters in lifetimes' time scale) is added to the objective. Default 0.
    pub penalizer: f64,
    /// The fit stops when a Newton step would move no log-parameter by more than this (a
    /// relative change of the parameters), or would lower the likelihood by less than its
    /// rounding error. Default 1e-9.
    pub tolerance: f64,
    /// The most Newton iterations before the fit gives up (`NOT_CONVERGED`). Default 200.
    pub max_iterations: u32,
    /// Where the fit starts, by parameter name (in the histories' units); unnamed
    /// parameters start where lifetimes starts them.
    pub initial_params: Option<BTreeMap<String, f64>>,
}

impl Default for PurchaseModelOptions {
    fn default() -> Self {
        PurchaseModelOptions {
            model: PurchaseModelKind::BgNbd,
            penalizer: 0.0,
            tolerance: 1e-9,
            max_iterations: 200,
            initial_params: None,
        }
    }
}

/// The checks shared by the fits' options.
pub(crate) fn check_fit_numbers(penalizer: f64, tolerance: f64, max_iterations: u32) -> Result<()> {
    if !(penalizer.is_finite() && penalizer >= 0.0) {
        return Err(TouchpointError::config(
            "penalizer",
            format!("a finite number ≥ 0, got {penalizer}"),
        ));
    }
    if !(tolerance.is_finite() && tolerance > 0.0 && tolerance < 1.0) {
        return Err(TouchpointError::config(
            "tolerance",
            format!("a number between 0 and 1 (exclusive), got {tolerance}"),
        ));
    }
    if max_iterations == 0 {
        return Err(TouchpointError::config("max_iterations", "at least 1"));
    }
    Ok(())
}

/// Checks that `params` has exactly the parameters `names`, each finite and > 0.
pub(crate) fn check_params(
    model: &str,
    names: &[&str],
    params: &BTreeMap<String, f64>,
) -> Result<()> {
    for (k, v) in params {
        if !names.contains(&k.as_str()) {
            return Err(TouchpointError::config(
                "params",
                format!(
                    "{model} has no parameter `{k}` (its parameters: {})",
                    names.join(", ")
                ),
            ));
        }
        if !(v.is_finite() && *v > 0.0) {
            return Err(TouchpointError::config(
                "params",
                format!("`{k}` must be a finite number > 0, got {v}"),
            ));
        }
    }
    if let Some(missing) = names.iter().find(|n| !params.contains_key(**n)) {
        return Err(TouchpointError::config(
            "params",
            format!("{model} needs `{missing}`"),
        ));
    }
    Ok(())
}

impl PurchaseModelOptions {
    /// Checks the options: an `INVALID_CONFIG` error naming the first bad one.
    pub fn validate(&self) -> Result<()> {
        check_fit_numbers(self.penalizer, self.tolerance, self.max_iterations)?;
        if let Some(init) = &self.initial_params {
            let names = self.model.parameter_names();
            for (k, v) in init {
                if !names.contains(&k.as_str()) {
                    return Err(TouchpointError::config(
                        "initial_params",
                        format!(
                            "{} has no parameter `{k}` (its parameters: {})",
                            self.model.name(),
                            names.join(", ")
                        ),
                    ));
                }
                if !(v.is_finite() && *v > 0.0) {
                    return Err(TouchpointError::config(
                        "initial_params",
                        format!("`{k}` must be a finite number > 0, got {v}"),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The most a log-parameter may reach before the fit is said to run away (e^25 ≈ 7e10).
pub(crate) const RUNAWAY: f64 = 25.0;

/// The `NOT_CONVERGED` error of a failed minimisation.
pub(crate) fn fit_failure(model: &str, names: &[&str], f: Failure) -> TouchpointError {
    let message = match f {
        Failure::NotFinite => "the likelihood is not a finite number at the parameters tried; \
             check the histories or give initial_params"
            .to_string(),
        Failure::Iterations(n) => {
            format!("no optimum within max_iterations = {n}; raise it, or add a penalizer")
        }
        Failure::Runaway(i) => format!(
            "parameter `{}` ran to 0 or infinity: the histories do not pin the model down \
             (too few or too alike customers); a penalizer may help",
            names[i]
        ),
    };
    TouchpointError::NotConverged {
        model: model.to_string(),
        message,
    }
}

/// A fitted (or given) purchase model: the JSON a user saves and loads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PurchaseModelData")]
pub struct PurchaseModel {
    /// Which model.
    pub model: PurchaseModelKind,
    /// The parameters by lifetimes' names, the rates in the histories' units.
    pub params: BTreeMap<String, f64>,
    /// The parameters' standard errors, as lifetimes computes them (from the curvature of
    /// the log-likelihood at the optimum); `None` when that curvature is not positive
    /// definite or the model was given.
    pub standard_errors: Option<BTreeMap<String, f64>>,
    /// The total log-likelihood of the histories, in their own units (`None` for a given
    /// model).
    pub log_likelihood: Option<f64>,
    /// How many customers the model was fitted on.
    pub customers: u64,
    /// How many distinct (frequency, recency, T) histories they have.
    pub distinct_histories: u64,
    /// Newton iterations the fit took.
    pub iterations: u32,
    /// The unit of the histories the model was fitted on (its rates are per unit).
    pub unit: TimeUnit,
    /// How many units make one step of those histories.
    pub unit_multiplier: u32,
}

/// The serde form, checked on loading.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PurchaseModelData {
    model: PurchaseModelKind,
    params: BTreeMap<String, f64>,
    #[serde(default)]
    standard_errors: Option<BTreeMap<String, f64>>,
    #[serde(default)]
    log_likelihood: Option<f64>,
    #[serde(default)]
    customers: u64,
    #[serde(default)]
    distinct_histories: u64,
    #[serde(default)]
    iterations: u32,
    #[serde(default)]
    unit: TimeUnit,
    #[serde(default = "one")]
    unit_multiplier: u32,
}

fn one() -> u32 {
    1
}

impl TryFrom<PurchaseModelData> for PurchaseModel {
    type Error = TouchpointError;
    fn try_from(d: PurchaseModelData) -> Result<Self> {
        let mut m = PurchaseModel::from_params(d.model, d.params)?;
        if d.unit_multiplier == 0 {
            return Err(TouchpointError::config("unit_multiplier", "at least 1"));
        }
        m.standard_errors = d.standard_errors;
        m.log_likelihood = d.log_likelihood;
        m.customers = d.customers;
        m.distinct_histories = d.distinct_histories;
        m.iterations = d.iterations;
        m.unit = d.unit;
        m.unit_multiplier = d.unit_multiplier;
        Ok(m)
    }
}

/// Each customer's chance of being alive and expected purchases over a horizon, in the
/// histories' order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PurchasePredictions {
    /// The customers' ids (none when the histories have none).
    pub customer_id: Vec<String>,
    /// P(alive now).
    pub probability_alive: Vec<f64>,
    /// Expected purchases over the horizon.
    pub expected_purchases: Vec<f64>,
}

/// A history made usable whatever was passed: negative or non-finite numbers become 0,
/// recency at most T.
fn clean(x: f64, tx: f64, t: f64) -> (f64, f64, f64) {
    let pos = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
    let t = pos(t);
    (pos(x), pos(tx).min(t), t)
}

impl PurchaseModel {
    /// A model with known parameters (lifetimes' names, each finite and > 0), in days unless
    /// `unit` is set; `INVALID_CONFIG` naming `params` otherwise.
    pub fn from_params(kind: PurchaseModelKind, params: BTreeMap<String, f64>) -> Result<Self> {
        check_params(kind.name(), &kind.parameter_names(), &params)?;
        Ok(PurchaseModel {
            model: kind,
            params,
            standard_errors: None,
            log_likelihood: None,
            customers: 0,
            distinct_histories: 0,
            iterations: 0,
            unit: TimeUnit::default(),
            unit_multiplier: 1,
        })
    }

    /// The parameters in the model's order.
    pub(crate) fn values(&self) -> [f64; 4] {
        self.model
            .parameter_names()
            .map(|k| self.params.get(k).copied().unwrap_or(f64::NAN))
    }

    /// The probability that a customer with this history is still alive (lifetimes'
    /// `conditional_probability_alive`; BG/BB at the end of the n periods). `t` is the
    /// customer's age `T`.
    pub fn probability_alive(&self, frequency: f64, recency: f64, t: f64) -> f64 {
        let (x, tx, t) = clean(frequency, recency, t);
        self.probability_alive_at(&self.values(), x, tx, t)
    }

    /// [`probability_alive`](PurchaseModel::probability_alive) at parameters `p` (the
    /// model's, looked up once by the callers that ask for every customer) of a checked
    /// history.
    pub(crate) fn probability_alive_at(&self, p: &[f64; 4], x: f64, tx: f64, t: f64) -> f64 {
        let p = &p[..];
        match self.model {
            PurchaseModelKind::BgNbd => bg_nbd::probability_alive(p, x, tx, t),
            PurchaseModelKind::MbgNbd => mbg_nbd::probability_alive(p, x, tx, t),
            PurchaseModelKind::ParetoNbd => pareto_nbd::probability_alive(p, x, tx, t),
            PurchaseModelKind::BgBb => bg_bb::probability_alive(p, x, tx, t),
        }
    }

    /// The expected number of purchases in the next `horizon` units (BG/BB: periods) of a
    /// customer with this history (lifetimes'
    /// `conditional_expected_number_of_purchases_up_to_time`).
    pub fn expected_purchases(&self, horizon: f64, frequency: f64, recency: f64, t: f64) -> f64 {
        let (x, tx, t) = clean(frequency, recency, t);
        let h = clean(horizon, 0.0, 0.0).0;
        let p = self.values();
        match self.model {
            PurchaseModelKind::BgNbd => bg_nbd::expected_purchases(&p, h, x, tx, t),
            PurchaseModelKind::MbgNbd => mbg_nbd::expected_purchases(&p, h, x, tx, t),
            PurchaseModelKind::ParetoNbd => pareto_nbd::expected_purchases(&p, h, x, tx, t),
            PurchaseModelKind::BgBb => bg_bb::expected_purchases(&p, h, x, tx, t),
        }
    }

    /// E[purchases in the next `horizon` units | alive now, frequency, T]: the part of
    /// [`expected_purchases`](PurchaseModel::expected_purchases) customers with the same
    /// frequency and age share (the expectation is this times the probability alive);
    /// `None` for BG/BB, whose expectation does not factor so.
    /// `p` is the model's parameters ([`values`](PurchaseModel::values)).
    pub(crate) fn expected_purchases_if_alive(
        &self,
        p: &[f64; 4],
        horizon: f64,
        frequency: f64,
        t: f64,
    ) -> Option<f64> {
        let (x, _, t) = clean(frequency, 0.0, t);
        let h = clean(horizon, 0.0, 0.0).0;
        let p = &p[..];
        match self.model {
            PurchaseModelKind::BgNbd => Some(bg_nbd::expected_purchases_if_alive(p, h, x, t)),
            PurchaseModelKind::MbgNbd => Some(mbg_nbd::expected_purchases_if_alive(p, h, x, t)),
            PurchaseModelKind::ParetoNbd => {
                Some(pareto_nbd::expected_purchases_if_alive(p, h, x, t))
            }
            PurchaseModelKind::BgBb => None,
        }
    }

    /// [`expected_purchases_if_alive`](PurchaseModel::expected_purchases_if_alive) at
    /// each of `horizons` (BG/NBD sums their ₂F₁ series together).
    pub(crate) fn expected_purchases_if_alive_many(
        &self,
        p: &[f64; 4],
        horizons: &[f64],
        frequency: f64,
        t: f64,
    ) -> Option<Vec<f64>> {
        if self.model == PurchaseModelKind::BgNbd {
            let (x, _, t) = clean(frequency, 0.0, t);
            let hs: Vec<f64> = horizons.iter().map(|&h| clean(h, 0.0, 0.0).0).collect();
            return Some(bg_nbd::expected_purchases_if_alive_many(&p[..], &hs, x, t));
        }
        horizons
            .iter()
            .map(|&h| self.expected_purchases_if_alive(p, h, frequency, t))
            .collect()
    }

    /// The expected number of purchases of a new customer in their first `horizon` units
    /// (lifetimes' `expected_number_of_purchases_up_to_time`; BG/BB: the mean of
    /// `expected_number_of_transactions_in_first_n_periods`).
    pub fn expected_purchases_new_customer(&self, horizon: f64) -> f64 {
        let h = clean(horizon, 0.0, 0.0).0;
        let p = self.values();
        match self.model {
            PurchaseModelKind::BgNbd => bg_nbd::expected_purchases_new_customer(&p, h),
            PurchaseModelKind::MbgNbd => mbg_nbd::expected_purchases_new_customer(&p, h),
            PurchaseModelKind::ParetoNbd => pareto_nbd::expected_purchases_new_customer(&p, h),
            PurchaseModelKind::BgBb => bg_bb::expected_purchases_new_customer(&p, h),
        }
    }

    /// The probability that a new customer makes exactly `n` purchases in their first
    /// `horizon` units (lifetimes' `probability_of_n_purchases_up_to_time`; BG/BB: in the
    /// first `horizon` periods, a whole number). A negative or non-finite horizon (or a
    /// fractional one for BG/BB) is an `INVALID_CONFIG` error naming `horizon`.
    pub fn probability_of_purchases(&self, n: u64, horizon: f64) -> Result<f64> {
        check_horizon(horizon)?;
        let p = self.values();
        let n = n as f64;
        Ok(match self.model {
            PurchaseModelKind::BgNbd => bg_nbd::probability_of_purchases(&p, n, horizon),
            PurchaseModelKind::MbgNbd => mbg_nbd::probability_of_purchases(&p, n, horizon),
            PurchaseModelKind::ParetoNbd => pareto_nbd::probability_of_purchases(&p, n, horizon),
            PurchaseModelKind::BgBb => {
                if horizon.fract() != 0.0 {
                    return Err(TouchpointError::config(
                        "horizon",
                        format!("BG/BB counts whole periods, got {horizon}"),
                    ));
                }
                bg_bb::probability_of_purchases(&p, n, horizon)
            }
        })
    }

    /// Every customer's probability of being alive and expected purchases over the next
    /// `horizon` units, in parallel (the same numbers on any number of threads); the part of
    /// the expectation shared by the customers with the same frequency and age is computed
    /// once for them.
    /// The histories are checked as [`fit_purchase_model`](super::fit_purchase_model)
    /// checks them.
    pub fn predict(&self, h: &PurchaseHistories, horizon: f64) -> Result<PurchasePredictions> {
        check_histories(h, Some(self.model))?;
        check_horizon(horizon)?;
        let n = h.len();
        let (probability_alive, expected_purchases) = if self.model == PurchaseModelKind::BgBb {
            // Once per distinct history.
            let d = Distinct::of(h);
            let pairs = d.each(h, |x, tx, t| {
                (
                    self.probability_alive(x, tx, t),
                    self.expected_purchases(horizon, x, tx, t),
                )
            });
            (
                per_customer(n, |i| pairs[d.slot[i]].0),
                per_customer(n, |i| pairs[d.slot[i]].1),
            )
        } else {
            // The expectation is P(alive) times a part that depends on (frequency, T)
            // alone: that part once per distinct (frequency, T), P(alive) per customer.
            let d = Distinct::frequency_and_age(h);
            let p = self.values();
            let if_alive = d.each(h, |x, _, t| {
                self.expected_purchases_if_alive(&p, horizon, x, t)
                    .unwrap_or(f64::NAN)
            });
            let alive = per_customer(n, |i| {
                // +0.0: -0 as 0, as `probability_alive` cleans it.
                self.probability_alive_at(
                    &p,
                    h.frequency[i] + 0.0,
                    h.recency[i] + 0.0,
                    h.t[i] + 0.0,
                )
            });
            let expected = per_customer(n, |i| alive[i] * if_alive[d.slot[i]]);
            (alive, expected)
        };
        Ok(PurchasePredictions {
            customer_id: h.ids_for_results(),
            probability_alive,
            expected_purchases,
        })
    }
}

fn check_horizon(horizon: f64) -> Result<()> {
    if horizon.is_finite() && horizon >= 0.0 {
        Ok(())
    } else {
        Err(TouchpointError::config(
            "horizon",
            format!("a finite number ≥ 0, got {horizon}"),
        ))
    }
}
