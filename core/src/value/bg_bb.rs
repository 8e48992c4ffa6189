//! The BG/BB model (Fader, Hardie & Shang 2010) for discrete purchase opportunities
//! (yearly donations, issues of a magazine): in each period an alive customer buys with
//! probability p ~ Beta(α, β) and drops out with probability θ ~ Beta(γ, δ). Parameters
//! `[alpha, beta, gamma, delta]`; `x` purchase periods among `n`, the last in period `t_x`.
//! The formulas are lifetimes' `BetaGeoBetaBinomFitter`.

use super::special::{ln_beta, ln_gamma, log_add_exp};
use statrs::function::gamma::digamma;

/// The part of a history's log-likelihood that depends on the parameters alone.
pub(crate) fn frequency_part(p: &[f64], _x: f64) -> f64 {
    -ln_beta(p[0], p[1]) - ln_beta(p[2], p[3])
}

/// `ln B(α+x, β+n-x) + ln B(γ, δ+n)`: alive through all `n` periods.
fn ln_alive_through(p: &[f64], x: f64, n: f64) -> f64 {
    let (alpha, beta, gamma, delta) = (p[0], p[1], p[2], p[3]);
    ln_beta(alpha + x, beta + n - x) + ln_beta(gamma, delta + n)
}

/// A history's log-likelihood, given its [`frequency_part`].
pub(crate) fn log_likelihood_rest(p: &[f64], x: f64, tx: f64, n: f64, part: f64) -> f64 {
    let (alpha, beta, gamma, delta) = (p[0], p[1], p[2], p[3]);
    let alive = ln_alive_through(p, x, n);
    // Dropped out after period t_x + j, j = 0 … n - t_x - 1: the terms
    // B(α+x, β+t_x-x+j) B(γ+1, δ+t_x+j), each from the last by B(a, b+1) = B(a, b) b/(a+b).
    let last = (n - tx - 1.0).floor();
    let mut gone = f64::NEG_INFINITY;
    if last >= 0.0 {
        let mut term = ln_beta(alpha + x, beta + tx - x) + ln_beta(gamma + 1.0, delta + tx);
        let mut j = 0.0;
        loop {
            gone = log_add_exp(gone, term);
            if j >= last {
                break;
            }
            let b1 = beta + tx - x + j;
            let b2 = delta + tx + j;
            term += (b1 / (alpha + x + b1)).ln() + (b2 / (gamma + 1.0 + b2)).ln();
            j += 1.0;
        }
    }
    part + log_add_exp(alive, gone)
}

/// A history's log-likelihood.
pub(crate) fn log_likelihood(p: &[f64], x: f64, tx: f64, n: f64) -> f64 {
    log_likelihood_rest(p, x, tx, n, frequency_part(p, x))
}

/// P(alive at period n | x, t_x, n) (lifetimes' `conditional_probability_alive` with
/// `m_periods_in_future = 0`).
pub(crate) fn probability_alive(p: &[f64], x: f64, tx: f64, n: f64) -> f64 {
    (ln_alive_through(p, x, n) + frequency_part(p, x) - log_likelihood(p, x, tx, n))
        .exp()
        .min(1.0)
}

/// `(Γ(1+δ+n)/Γ(γ+δ+n) - Γ(1+δ+n+m)/Γ(γ+δ+n+m)) / (γ - 1)`, as the log of the first ratio
/// and the factor `(1 - ratio₂/ratio₁)/(γ-1)` (its limit at γ = 1).
fn remaining(gamma: f64, delta: f64, n: f64, m: f64) -> (f64, f64) {
    let ln_now = ln_gamma(1.0 + delta + n) - ln_gamma(gamma + delta + n);
    let ln_later = ln_gamma(1.0 + delta + n + m) - ln_gamma(gamma + delta + n + m);
    let factor = if gamma == 1.0 {
        digamma(1.0 + delta + n + m) - digamma(1.0 + delta + n)
    } else {
        -(ln_later - ln_now).exp_m1() / (gamma - 1.0)
    };
    (ln_now, factor)
}

/// E[purchases in the next m periods | x, t_x, n].
pub(crate) fn expected_purchases(p: &[f64], m: f64, x: f64, tx: f64, n: f64) -> f64 {
    if m <= 0.0 {
        return 0.0;
    }
    let (alpha, beta, gamma, delta) = (p[0], p[1], p[2], p[3]);
    let ll = log_likelihood(p, x, tx, n);
    let (ln_now, factor) = remaining(gamma, delta, n, m);
    let ln = ln_beta(alpha + x + 1.0, beta + n - x) - ln_beta(alpha, beta) - ll
        + delta.ln()
        + ln_gamma(gamma + delta)
        - ln_gamma(1.0 + delta)
        + ln_now;
    ln.exp() * factor
}

/// E[purchases in the first n periods] of a new customer (Fader, Hardie & Shang 2010,
/// eq. 9: the mean of lifetimes' `expected_number_of_transactions_in_first_n_periods`).
pub(crate) fn expected_purchases_new_customer(p: &[f64], n: f64) -> f64 {
    if n <= 0.0 {
        return 0.0;
    }
    let (alpha, beta, gamma, delta) = (p[0], p[1], p[2], p[3]);
    let (ln_now, factor) = remaining(gamma, delta, 0.0, n);
    alpha / (alpha + beta)
        * delta
        * (ln_now + ln_gamma(gamma + delta) - ln_gamma(1.0 + delta)).exp()
        * factor
}

/// `ln C(n, k)`.
fn ln_binomial(n: f64, k: f64) -> f64 {
    ln_gamma(n + 1.0) - ln_gamma(k + 1.0) - ln_gamma(n - k + 1.0)
}

/// P(x purchases in the first n periods) of a new customer (whole `x`, `n`).
pub(crate) fn probability_of_purchases(p: &[f64], x: f64, n: f64) -> f64 {
    if x > n {
        return 0.0;
    }
    let (alpha, beta, gamma, delta) = (p[0], p[1], p[2], p[3]);
    let base = frequency_part(p, x);
    let mut total = (ln_binomial(n, x) + ln_alive_through(p, x, n) + base).exp();
    let mut i = x;
    while i < n {
        total += (ln_binomial(i, x)
            + ln_beta(alpha + x, beta + i - x)
            + ln_beta(gamma + 1.0, delta + i)
            + base)
            .exp();
        i += 1.0;
    }
    total.min(1.0)
}
