//! The MBG/NBD model (Batislam, Denizel & Filiztekin 2007): the BG/NBD with a chance to
//! drop out at time 0 as well, so customers without repeat purchases can be inactive.
//! Parameters `[r, alpha, a, b]`; the formulas are lifetimes' `ModifiedBetaGeoFitter`.

use super::bg_nbd::ln_negative_binomial;
use super::special::negative_binomial_tail;
use super::special::{ln_beta, ln_gamma, ln_hyp2f1, log1p_exp, logistic_of_minus};

/// The part of a history's log-likelihood that depends on the frequency alone.
pub(crate) fn frequency_part(p: &[f64], x: f64) -> f64 {
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + ln_gamma(a + b) + ln_gamma(b + x + 1.0)
        - ln_gamma(b)
        - ln_gamma(a + b + x + 1.0)
}

/// A history's log-likelihood, given its [`frequency_part`].
pub(crate) fn log_likelihood_rest(p: &[f64], x: f64, tx: f64, t: f64, part: f64) -> f64 {
    let r = p[0];
    let stayed = -(r + x) * (p[1] + t).ln();
    part + stayed + log1p_exp(log_odds_dropped(p, x, tx, t))
}

fn log_odds_dropped(p: &[f64], x: f64, tx: f64, t: f64) -> f64 {
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    // Logs of ratios, as BG/NBD's: two logs, no cancellation when t_x is close to T.
    (a / (b + x)).ln() + (r + x) * ((alpha + t) / (alpha + tx)).ln()
}

/// P(alive | x, t_x, T).
pub(crate) fn probability_alive(p: &[f64], x: f64, tx: f64, t: f64) -> f64 {
    logistic_of_minus(log_odds_dropped(p, x, tx, t))
}

/// E[purchases in (T, T + h] | x, t_x, T]: P(alive) times [`expected_purchases_if_alive`].
pub(crate) fn expected_purchases(p: &[f64], h: f64, x: f64, tx: f64, t: f64) -> f64 {
    expected_purchases_if_alive(p, h, x, t) * probability_alive(p, x, tx, t)
}

/// E[purchases in (T, T + h] | alive at T, x, T].
pub(crate) fn expected_purchases_if_alive(p: &[f64], h: f64, x: f64, t: f64) -> f64 {
    if h <= 0.0 {
        return 0.0;
    }
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    let z = h / (alpha + t + h);
    let (ln_f, _) = ln_hyp2f1(r + x, b + x + 1.0, a + b + x, z);
    let first = (a + b + x) / (a - 1.0);
    first * -(ln_f + (r + x) * ((alpha + t).ln() - (alpha + t + h).ln())).exp_m1()
}

/// E[purchases in (0, h]] of a new customer.
pub(crate) fn expected_purchases_new_customer(p: &[f64], h: f64) -> f64 {
    if h <= 0.0 {
        return 0.0;
    }
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    let (ln_f, _) = ln_hyp2f1(r, b + 1.0, a + b, h / (alpha + h));
    b / (a - 1.0) * -(ln_f + r * (alpha.ln() - (alpha + h).ln())).exp_m1()
}

/// P(n purchases in (0, h]) for a new customer.
pub(crate) fn probability_of_purchases(p: &[f64], n: f64, h: f64) -> f64 {
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    if h <= 0.0 {
        return if n == 0.0 { 1.0 } else { 0.0 };
    }
    let first =
        (ln_beta(a, b + n + 1.0) - ln_beta(a, b) + ln_negative_binomial(r, alpha, n, h)).exp();
    let tail = negative_binomial_tail(n, r, alpha / (alpha + h));
    first + (ln_beta(a + 1.0, b + n) - ln_beta(a, b)).exp() * tail
}
