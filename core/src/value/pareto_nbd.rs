//! The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): while alive a customer
//! buys as a Poisson process of rate λ ~ Gamma(r, α), and stays alive an exponential time
//! of rate μ ~ Gamma(s, β). Parameters `[r, alpha, s, beta]`; the formulas are lifetimes'
//! `ParetoNBDFitter`.

use super::bg_nbd::ln_negative_binomial;
use super::special::{integrate, ln_gamma, ln_hyp2f1, log_add_exp, logistic_of_minus};

/// The part of a history's log-likelihood that depends on the frequency alone.
pub(crate) fn frequency_part(p: &[f64], x: f64) -> f64 {
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3]);
    ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + s * beta.ln()
}

/// `ln A₀` of the likelihood (lifetimes' `_log_A_0`).
fn ln_a0(p: &[f64], x: f64, tx: f64, t: f64) -> f64 {
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3]);
    let (low, high, second) = if alpha < beta {
        (alpha, beta, r + x)
    } else {
        (beta, alpha, s + 1.0)
    };
    let rsx = r + s + x;
    let gap = high - low;
    let (ln_p1, _) = ln_hyp2f1(rsx, second, rsx + 1.0, gap / (high + tx));
    let (ln_p2, _) = ln_hyp2f1(rsx, second, rsx + 1.0, gap / (high + t));
    let (ln_q1, ln_q2) = ((high + tx).ln(), (high + t).ln());
    // ln(p1 q2^rsx - p2 q1^rsx) - rsx ln(q1 q2), with p1 q2^rsx ≥ p2 q1^rsx.
    let d = ln_p2 - ln_p1 + rsx * (ln_q1 - ln_q2);
    ln_p1 - rsx * ln_q1 + (-d.exp_m1()).max(0.0).ln()
}

/// A history's log-likelihood, given its [`frequency_part`].
pub(crate) fn log_likelihood_rest(p: &[f64], x: f64, tx: f64, t: f64, part: f64) -> f64 {
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3]);
    let alive = -(r + x) * (alpha + t).ln() - s * (beta + t).ln();
    let gone = s.ln() + ln_a0(p, x, tx, t) - (r + s + x).ln();
    part + log_add_exp(alive, gone)
}

/// P(alive | x, t_x, T).
pub(crate) fn probability_alive(p: &[f64], x: f64, tx: f64, t: f64) -> f64 {
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3]);
    logistic_of_minus(
        s.ln() - (r + s + x).ln()
            + (r + x) * (alpha + t).ln()
            + s * (beta + t).ln()
            + ln_a0(p, x, tx, t),
    )
}

/// `(1 - (β/(β+h))^(s-1)) / (s-1)` with `β/(β+h)` given as its log `-l`, exact at s = 1.
fn survival_integral(s: f64, l: f64) -> f64 {
    if s == 1.0 {
        l
    } else {
        -(-(s - 1.0) * l).exp_m1() / (s - 1.0)
    }
}

/// E[purchases in (T, T + h] | x, t_x, T]: P(alive) times [`expected_purchases_if_alive`].
pub(crate) fn expected_purchases(p: &[f64], h: f64, x: f64, tx: f64, t: f64) -> f64 {
    expected_purchases_if_alive(p, h, x, t) * probability_alive(p, x, tx, t)
}

/// E[purchases in (T, T + h] | alive at T, x, T]: `(r+x)(β+T) / ((α+T)(s-1))` times
/// `1 - ((β+T)/(β+T+h))^(s-1)`.
pub(crate) fn expected_purchases_if_alive(p: &[f64], h: f64, x: f64, t: f64) -> f64 {
    if h <= 0.0 {
        return 0.0;
    }
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3]);
    (r + x) * (beta + t) / (alpha + t) * survival_integral(s, ((beta + t + h) / (beta + t)).ln())
}

/// E[purchases in (0, h]] of a new customer.
pub(crate) fn expected_purchases_new_customer(p: &[f64], h: f64) -> f64 {
    if h <= 0.0 {
        return 0.0;
    }
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3]);
    r * beta / alpha * survival_integral(s, ((beta + h) / beta).ln())
}

/// P(n purchases in (0, h]) for a new customer (lifetimes has no such method for this
/// model): alive through h, the negative binomial count over h; gone at τ < h (density
/// s β^s / (β+τ)^(s+1)), the count over τ, integrated numerically.
pub(crate) fn probability_of_purchases(p: &[f64], n: f64, h: f64) -> f64 {
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3]);
    if h <= 0.0 {
        return if n == 0.0 { 1.0 } else { 0.0 };
    }
    let survived = (s * (beta / (beta + h)).ln() + ln_negative_binomial(r, alpha, n, h)).exp();
    // τ = c (e^v - 1): the integrand's features near 0 and its long tail get equal room.
    let c = alpha.min(beta);
    let integrand = |v: f64| {
        let tau = c * v.exp_m1();
        let ln_density = s.ln() + s * beta.ln() - (s + 1.0) * (beta + tau).ln();
        let ln_count = if tau > 0.0 {
            ln_negative_binomial(r, alpha, n, tau)
        } else if n == 0.0 {
            0.0
        } else {
            f64::NEG_INFINITY
        };
        (ln_density + ln_count + c.ln() + v).exp()
    };
    (survived + integrate(&integrand, 0.0, (h / c).ln_1p())).clamp(0.0, 1.0)
}
