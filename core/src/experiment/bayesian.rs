//! The Bayesian and sequential readings of an effect, as GrowthBook's engine (gbstats 0.8)
//! computes them, and the exact chance that one conversion rate beats another under
//! uniform Beta priors.

use super::distributions::Reference;
use super::{BayesianResult, Effect, Interval, Prior};
use statrs::function::gamma::ln_gamma;

/// The Gaussian effect model: the effect's likelihood N(estimate, se²) times the prior (a
/// proper Gaussian when given; flat otherwise, as gbstats' default), its posterior's mean and
/// standard deviation, credible interval at 1 − alpha, chance that the treatment wins
/// (effect > 0), and the risks: the expected loss of choosing the control (when the
/// treatment is better) and of choosing the treatment (when it is worse).
pub(crate) fn gaussian(effect: &Effect, prior: Option<&Prior>, alpha: f64) -> BayesianResult {
    let variance = effect.std_error * effect.std_error;
    let (mean, sd) = match prior {
        Some(p) => {
            let precision = 1.0 / variance + 1.0 / p.variance;
            (
                (effect.estimate / variance + p.mean / p.variance) / precision,
                (1.0 / precision).sqrt(),
            )
        }
        None => (effect.estimate, effect.std_error),
    };
    let z = Reference::Normal.quantile(1.0 - alpha / 2.0);
    // a = −μ/σ: P(effect < 0) = Φ(a); E[max(X, 0)] = μ(1 − Φ(a)) + σφ(a);
    // E[max(−X, 0)] = σφ(a) − μΦ(a).
    let a = -mean / sd;
    let below = Reference::Normal.lower_tail(a);
    let above = Reference::Normal.upper_tail(a);
    let density = (-0.5 * a * a).exp() / (2.0 * std::f64::consts::PI).sqrt();
    BayesianResult {
        effect: mean,
        std_dev: sd,
        credible_interval: Interval {
            lower: Some(mean - z * sd),
            upper: Some(mean + z * sd),
        },
        chance_to_win: above,
        risk_control: mean * above + sd * density,
        risk_treatment: sd * density - mean * below,
        beta_chance_to_win: None,
    }
}

/// P(p_treatment > p_control) for rates with uniform priors, so posteriors
/// Beta(1 + conversions, 1 + units − conversions): the closed-form sum over the treatment's
/// conversions (Evan Miller, "Formulas for Bayesian A/B testing"), summed in log space.
pub(crate) fn beta_chance_to_win(control: (f64, f64), treatment: (f64, f64)) -> f64 {
    let (a_c, b_c) = (1.0 + control.0, 1.0 + control.1 - control.0);
    let (a_t, b_t) = (1.0 + treatment.0, 1.0 + treatment.1 - treatment.0);
    let ln_beta = |a: f64, b: f64| ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
    // Term i: B(a_c + i, b_c + b_t) / ((b_t + i) B(1 + i, b_t) B(a_c, b_c)), i < a_t; each
    // term from the one before by their ratio.
    let mut ln_term = ln_beta(a_c, b_c + b_t) - ln_beta(a_c, b_c);
    let (mut top, mut sum) = (ln_term, 0.0f64);
    let terms = a_t as u64;
    for i in 0..terms {
        let i = i as f64;
        if i > 0.0 {
            let j = i - 1.0;
            ln_term += ((a_c + j) / (a_c + b_c + b_t + j)).ln()
                + ((1.0 + j + b_t) / (1.0 + j)).ln()
                + ((b_t + j) / (b_t + j + 1.0)).ln();
        }
        // A running log-sum-exp.
        if ln_term > top {
            sum = sum * (top - ln_term).exp() + 1.0;
            top = ln_term;
        } else {
            sum += (ln_term - top).exp();
        }
    }
    (top + sum.ln()).exp().clamp(0.0, 1.0)
}

/// The sequential reading of a two-sided effect: the asymptotic confidence sequence of
/// Waudby-Smith et al. (eq. 9 and 155 of arXiv 2103.06476v7, ρ from eq. 161 for the tuning
/// `n_star`), valid however often the results are looked at, as gbstats'
/// `SequentialTwoSidedTTest`. `units` counts both variants.
pub(crate) fn sequential(effect: &mut Effect, units: f64, alpha: f64, n_star: f64) {
    let variance = effect.std_error * effect.std_error;
    let rho2 = (-2.0 * alpha.ln() + (-2.0 * alpha.ln() + 1.0).ln()) / n_star;
    let grown = units * rho2 + 1.0;
    let s2 = variance * units;
    let width =
        s2.sqrt() * (2.0 * grown * (grown.sqrt() / alpha).ln() / (units * units * rho2)).sqrt();
    effect.interval = Interval {
        lower: Some(effect.estimate - width),
        upper: Some(effect.estimate + width),
    };
    let st2 = effect.estimate * effect.estimate * units / variance;
    let e_value = (rho2 * st2 / (2.0 * grown)).exp() / grown.sqrt();
    effect.p_value = (1.0 / e_value).min(1.0);
}
