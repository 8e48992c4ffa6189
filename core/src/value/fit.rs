//! Fitting a purchase model by maximum likelihood, as lifetimes fits it: the same
//! objective (the weighted mean negative log-likelihood over log-parameters, lifetimes'
//! time scaling and penalizer), minimised to its optimum over the distinct histories.

use super::gradients::{bg_family, log_scale, BgData};
use super::inputs::{check_histories, group, weighted_sum, History};
use super::model::{fit_failure, PurchaseModel, PurchaseModelKind, PurchaseModelOptions, RUNAWAY};
use super::optimize::{inverse, minimize, minimize_with, Settings};
use super::{bg_bb, bg_nbd, mbg_nbd, pareto_nbd, PurchaseHistories};
use crate::model::error::{Result, TouchpointError};
use crate::parallel;
use std::collections::BTreeMap;

type Part = fn(&[f64], f64) -> f64;
type Rest = fn(&[f64], f64, f64, f64, f64) -> f64;

fn likelihood(kind: PurchaseModelKind) -> (Part, Rest) {
    match kind {
        PurchaseModelKind::BgNbd => (bg_nbd::frequency_part, bg_nbd::log_likelihood_rest),
        PurchaseModelKind::MbgNbd => (mbg_nbd::frequency_part, mbg_nbd::log_likelihood_rest),
        PurchaseModelKind::ParetoNbd => {
            (pareto_nbd::frequency_part, pareto_nbd::log_likelihood_rest)
        }
        PurchaseModelKind::BgBb => (bg_bb::frequency_part, bg_bb::log_likelihood_rest),
    }
}

/// The total weighted log-likelihood of `distinct` at parameters `p` (in ranges of `leaf`).
fn total(kind: PurchaseModelKind, p: &[f64], distinct: &[(History, f64)], leaf: usize) -> f64 {
    let (part, rest) = likelihood(kind);
    weighted_sum(distinct, leaf, &|x| part(p, x), &|h, c| {
        rest(p, h[0], h[1], h[2], c)
    })
}

/// Which parameters are rates per unit of time, rescaled by lifetimes' time scaling.
fn is_rate(kind: PurchaseModelKind, i: usize) -> bool {
    match kind {
        PurchaseModelKind::BgNbd | PurchaseModelKind::MbgNbd => i == 1,
        PurchaseModelKind::ParetoNbd => i == 1 || i == 3,
        PurchaseModelKind::BgBb => false,
    }
}

/// Fits a purchase model to the customers' histories by maximum likelihood.
///
/// Customers with the same (frequency, recency, T) are fitted once, weighted by their
/// number, so the cost grows with the distinct histories, not the customers. The histories
/// are checked first (an error naming the first bad customer); no customer, or no repeat
/// purchase at all, is an `INVALID_CONFIG` error naming `histories`; a fit that finds no
/// optimum is `NOT_CONVERGED`.
pub fn fit_purchase_model(
    h: &PurchaseHistories,
    o: &PurchaseModelOptions,
) -> Result<PurchaseModel> {
    o.validate()?;
    check_histories(h, Some(o.model))?;
    if h.is_empty() {
        return Err(TouchpointError::config(
            "histories",
            "there are no customers to fit",
        ));
    }
    if h.frequency.iter().all(|&x| x == 0.0) {
        return Err(TouchpointError::config(
            "histories",
            "no customer has a repeat purchase (every frequency is 0): nothing to fit",
        ));
    }
    let kind = o.model;
    let names = kind.parameter_names();
    let distinct = parallel::install(|| group(h));
    // lifetimes fits BG/NBD, MBG/NBD and Pareto/NBD on times divided by the largest T.
    let scale = match kind {
        PurchaseModelKind::BgBb => 1.0,
        _ => 1.0 / h.t.iter().fold(0.0f64, |a, &b| a.max(b)),
    };
    let scaled: Vec<(History, f64)> = distinct
        .iter()
        .map(|(d, w)| ([d[0], d[1] * scale, d[2] * scale], *w))
        .collect();
    let weight: f64 = distinct.iter().map(|d| d.1).sum();
    let leaf = parallel::leaf_size(distinct.len(), 512);
    // lifetimes divides the Pareto/NBD log-likelihood by the mean weight (1 per customer)
    // and the others' by the total weight.
    let divisor = if kind == PurchaseModelKind::ParetoNbd {
        1.0
    } else {
        weight
    };
    let penalizer = o.penalizer;
    let objective = |theta: &[f64]| {
        let p: Vec<f64> = theta.iter().map(|t| t.exp()).collect();
        let penalty: f64 = p.iter().map(|v| v * v).sum();
        let v = -total(kind, &p, &scaled, leaf) / divisor + penalizer * penalty;
        if v.is_finite() {
            v
        } else {
            f64::INFINITY
        }
    };
    let start: Vec<f64> = (0..4)
        .map(|i| {
            let given = o
                .initial_params
                .as_ref()
                .and_then(|m| m.get(names[i]).copied());
            match given {
                Some(v) if is_rate(kind, i) => (v * scale).ln(),
                Some(v) => v.ln(),
                None if kind == PurchaseModelKind::ParetoNbd => 0.0,
                None => 0.1,
            }
        })
        .collect();
    let settings = Settings {
        tolerance: o.tolerance,
        max_iterations: o.max_iterations,
        lower: vec![None; 4],
        runaway: RUNAWAY,
    };
    // BG/NBD and MBG/NBD: the likelihood with its analytic derivatives, split into the
    // terms of each distinct frequency and those of each history.
    let modified = kind == PurchaseModelKind::MbgNbd;
    let analytic = matches!(kind, PurchaseModelKind::BgNbd | PurchaseModelKind::MbgNbd);
    let data = BgData::new(&scaled, leaf);
    let params = |theta: &[f64]| -> [f64; 4] { std::array::from_fn(|i| theta[i].exp()) };
    // The value with its derivatives, from one walk.
    let fast_objective = |theta: &[f64]| {
        let p = params(theta);
        let s = bg_family(&p, modified, &data, true);
        let (v, g, h) = log_scale(&s, &p, divisor, penalizer);
        if v.is_finite() {
            (v, Some((g, h)))
        } else {
            (f64::INFINITY, None)
        }
    };
    let derivatives = |theta: &[f64], _: f64| {
        let p = params(theta);
        let s = bg_family(&p, modified, &data, true);
        let (_, g, h) = log_scale(&s, &p, divisor, penalizer);
        (g, h)
    };
    let found = parallel::install(|| {
        if analytic {
            minimize_with(&fast_objective, &derivatives, &start, &settings)
        } else {
            minimize(&objective, &start, &settings)
        }
    })
    .map_err(|f| fit_failure(kind.name(), &names, f))?;
    let values: Vec<f64> = (0..4)
        .map(|i| {
            let v = found.x[i].exp();
            if is_rate(kind, i) {
                v / scale
            } else {
                v
            }
        })
        .collect();
    let log_likelihood = parallel::install(|| {
        if analytic {
            let p = [values[0], values[1], values[2], values[3]];
            bg_family(&p, modified, &BgData::new(&distinct, leaf), false).value
        } else {
            total(kind, &values, &distinct, leaf)
        }
    });
    if !log_likelihood.is_finite() {
        return Err(fit_failure(
            kind.name(),
            &names,
            super::optimize::Failure::NotFinite,
        ));
    }
    // Standard errors as lifetimes': param × sqrt(diag(H⁻¹) / divisor), H the Hessian of
    // the objective in log-parameters.
    let standard_errors = inverse(&found.hessian).and_then(|inv| {
        let se: BTreeMap<String, f64> = (0..4)
            .map(|i| {
                (
                    names[i].to_string(),
                    values[i] * (inv[i][i] / divisor).sqrt(),
                )
            })
            .collect();
        se.values().all(|v| v.is_finite()).then_some(se)
    });
    let params = (0..4).map(|i| (names[i].to_string(), values[i])).collect();
    let mut model = PurchaseModel::from_params(kind, params)?;
    model.standard_errors = standard_errors;
    model.log_likelihood = Some(log_likelihood);
    model.customers = weight as u64;
    model.distinct_histories = distinct.len() as u64;
    model.iterations = found.iterations;
    model.unit = h.unit;
    model.unit_multiplier = h.unit_multiplier.max(1);
    Ok(model)
}
