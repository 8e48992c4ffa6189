//! The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"):
//! while alive a customer buys as a Poisson process of rate λ ~ Gamma(r, α), and after
//! each purchase drops out with probability p ~ Beta(a, b). Parameters `[r, alpha, a, b]`;
//! the formulas are lifetimes' `BetaGeoFitter`.

use super::special::{
    ln_beta, ln_gamma, ln_hyp2f1, ln_hyp2f1_many, log_add_exp, logistic_of_minus,
    negative_binomial_tail,
};

/// The part of a history's log-likelihood that depends on the frequency alone.
pub(crate) fn frequency_part(p: &[f64], x: f64) -> f64 {
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + ln_gamma(a + b) + ln_gamma(b + x)
        - ln_gamma(b)
        - ln_gamma(a + b + x)
}

/// A history's log-likelihood, given its [`frequency_part`].
pub(crate) fn log_likelihood_rest(p: &[f64], x: f64, tx: f64, t: f64, part: f64) -> f64 {
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    let stayed = -(r + x) * (alpha + t).ln();
    if x > 0.0 {
        let dropped = a.ln() - (b + x - 1.0).ln() - (r + x) * (alpha + tx).ln();
        part + log_add_exp(stayed, dropped)
    } else {
        part + stayed
    }
}

/// The log of the odds of having dropped out against being alive (frequency > 0).
fn log_odds_dropped(p: &[f64], x: f64, tx: f64, t: f64) -> f64 {
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    // Logs of ratios, two logs where four would do: the predictions take this once per
    // customer, and the ratio (α+T)/(α+t_x) loses nothing to cancellation when t_x is
    // close to T, where the difference of logs does.
    (r + x) * ((alpha + t) / (alpha + tx)).ln() + (a / (b + x - 1.0)).ln()
}

/// P(alive | x, t_x, T) (lifetimes' `conditional_probability_alive`).
pub(crate) fn probability_alive(p: &[f64], x: f64, tx: f64, t: f64) -> f64 {
    if x == 0.0 {
        1.0
    } else {
        logistic_of_minus(log_odds_dropped(p, x, tx, t))
    }
}

/// E[purchases in (T, T + h] | x, t_x, T] (lifetimes'
/// `conditional_expected_number_of_purchases_up_to_time`): P(alive) times
/// [`expected_purchases_if_alive`].
pub(crate) fn expected_purchases(p: &[f64], h: f64, x: f64, tx: f64, t: f64) -> f64 {
    expected_purchases_if_alive(p, h, x, t) * probability_alive(p, x, tx, t)
}

/// E[purchases in (T, T + h] | alive at T, x, T]: the part of the expectation that does
/// not depend on the recency, shared by the customers with the same (x, T).
pub(crate) fn expected_purchases_if_alive(p: &[f64], h: f64, x: f64, t: f64) -> f64 {
    if h <= 0.0 {
        return 0.0;
    }
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    let z = h / (alpha + t + h);
    let (ln_f, sign) = ln_hyp2f1(r + x, b + x, a + b + x - 1.0, z);
    let first = (a + b + x - 1.0) / (a - 1.0);
    first
        * one_minus(
            ln_f,
            sign,
            (r + x) * ((alpha + t).ln() - (alpha + t + h).ln()),
        )
}

/// [`expected_purchases_if_alive`] at each horizon of `hs` (the lifetime value's months),
/// the ₂F₁ series of the horizons summed together ([`ln_hyp2f1_many`]).
pub(crate) fn expected_purchases_if_alive_many(p: &[f64], hs: &[f64], x: f64, t: f64) -> Vec<f64> {
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    let zs: Vec<f64> = hs
        .iter()
        .map(|&h| if h > 0.0 { h / (alpha + t + h) } else { 0.0 })
        .collect();
    let first = (a + b + x - 1.0) / (a - 1.0);
    let f = ln_hyp2f1_many(r + x, b + x, a + b + x - 1.0, &zs);
    hs.iter()
        .zip(f)
        .map(|(&h, (ln_f, sign))| {
            if h <= 0.0 {
                return 0.0;
            }
            first
                * one_minus(
                    ln_f,
                    sign,
                    (r + x) * ((alpha + t).ln() - (alpha + t + h).ln()),
                )
        })
        .collect()
}

/// `1 − sign · e^(ln_f + k)`: `ln_f` and `sign` are the log of |₂F₁| and its sign, which is
/// negative when `c = a + b + x − 1` is (a customer without repeat purchases, `a + b < 1`).
fn one_minus(ln_f: f64, sign: f64, k: f64) -> f64 {
    if sign < 0.0 {
        1.0 + (ln_f + k).exp()
    } else {
        -(ln_f + k).exp_m1()
    }
}

/// E[purchases in (0, h]] of a new customer (lifetimes'
/// `expected_number_of_purchases_up_to_time`).
pub(crate) fn expected_purchases_new_customer(p: &[f64], h: f64) -> f64 {
    if h <= 0.0 {
        return 0.0;
    }
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    let (ln_f, sign) = ln_hyp2f1(r, b, a + b - 1.0, h / (alpha + h));
    (a + b - 1.0) / (a - 1.0) * one_minus(ln_f, sign, r * (alpha.ln() - (alpha + h).ln()))
}

/// The log of the negative binomial probability of `n` purchases in `h` (Poisson rate
/// mixed over Gamma(r, α)).
pub(crate) fn ln_negative_binomial(r: f64, alpha: f64, n: f64, h: f64) -> f64 {
    let mut v = ln_gamma(r + n) - ln_gamma(r) - ln_gamma(n + 1.0) + r * (alpha / (alpha + h)).ln();
    if n > 0.0 {
        v += n * (h / (alpha + h)).ln();
    }
    v
}

/// P(n purchases in (0, h]) for a new customer (lifetimes'
/// `probability_of_n_purchases_up_to_time`).
pub(crate) fn probability_of_purchases(p: &[f64], n: f64, h: f64) -> f64 {
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    if h <= 0.0 {
        return if n == 0.0 { 1.0 } else { 0.0 };
    }
    let first = (ln_beta(a, b + n) - ln_beta(a, b) + ln_negative_binomial(r, alpha, n, h)).exp();
    if n == 0.0 {
        return first;
    }
    let tail = negative_binomial_tail(n, r, alpha / (alpha + h));
    first + (ln_beta(a + 1.0, b + n - 1.0) - ln_beta(a, b)).exp() * tail
}
