//! The special functions the purchase models need, in log space where the values overflow.
//!
//! `ln Γ` and the regularised incomplete beta come from `statrs`. The Gauss hypergeometric
//! function ₂F₁ is written here: no well-kept Rust crate offers a real-argument ₂F₁ that stays
//! accurate for z close to 1 and for parameters in the tens of thousands (the customers with
//! many purchases), and none returns its logarithm, which the models need when the value
//! itself overflows. It is the classical construction: the power series, chosen between the
//! plain series and Euler's transformation by which converges faster, and the connection
//! formula in `1 - z` when z is so close to 1 that both series would crawl.

use statrs::function::beta::beta_reg;
pub(crate) use statrs::function::gamma::digamma;
use statrs::function::gamma::ln_gamma as statrs_ln_gamma;
use std::f64::consts::PI;

/// `ln Γ(x)` for `x > 0`.
pub(crate) fn ln_gamma(x: f64) -> f64 {
    statrs_ln_gamma(x)
}

/// `ln B(a, b)` for `a, b > 0`.
pub(crate) fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// The trigamma function `ψ'(x) = d² ln Γ(x) / dx²` for `x > 0` (statrs has digamma but no
/// trigamma): the recurrence `ψ'(x) = ψ'(x + 1) + 1/x²` up to `x ≥ 16`, then the
/// asymptotic series `1/x + 1/(2x²) + Σ B₂ₖ / x^(2k+1)`, good to ~1e-16 there.
pub(crate) fn trigamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    let mut z = x;
    let mut acc = 0.0;
    while z < 16.0 {
        acc += 1.0 / (z * z);
        z += 1.0;
    }
    let r = 1.0 / z;
    let r2 = r * r;
    let tail = r2
        * (1.0 / 6.0 - r2 * (1.0 / 30.0 - r2 * (1.0 / 42.0 - r2 * (1.0 / 30.0 - r2 * 5.0 / 66.0))));
    acc + r + 0.5 * r2 + r * tail
}

/// `ln(e^x + e^y)` without overflow.
pub(crate) fn log_add_exp(x: f64, y: f64) -> f64 {
    let m = x.max(y);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + ((x - m).exp() + (y - m).exp()).ln()
}

/// `ln(1 + e^x)` without overflow.
pub(crate) fn log1p_exp(x: f64) -> f64 {
    if x > 0.0 {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

/// `1 / (1 + e^x)`, the logistic function of `-x`, without overflow.
pub(crate) fn logistic_of_minus(x: f64) -> f64 {
    if x > 0.0 {
        let e = (-x).exp();
        e / (1.0 + e)
    } else {
        1.0 / (1.0 + x.exp())
    }
}

/// `P(X ≥ n)` for `X` negative binomial with shape `r` and success probability `p`
/// (`P(X = j) = Γ(r+j) / (Γ(r) j!) p^r (1-p)^j`): the regularised incomplete beta
/// `I_{1-p}(n, r)`, exact where `1 - Σ_{j<n} P(X = j)` would cancel.
pub(crate) fn negative_binomial_tail(n: f64, r: f64, p: f64) -> f64 {
    if n <= 0.0 {
        1.0
    } else if p >= 1.0 {
        0.0
    } else if p <= 0.0 {
        1.0
    } else {
        beta_reg(n, r, 1.0 - p)
    }
}

/// `ln |1/Γ(x)|` and the sign of `1/Γ(x)`, for any real `x` (0 at the poles: `-∞`, sign 0).
fn ln_reciprocal_gamma(x: f64) -> (f64, f64) {
    if x > 0.0 {
        return (-ln_gamma(x), 1.0);
    }
    if x == x.floor() {
        return (f64::NEG_INFINITY, 0.0);
    }
    // Reflection: 1/Γ(x) = sin(πx) Γ(1-x) / π, with sin(πx) from x's distance to the
    // nearest integer (exact), not from πx, whose rounding near a pole would dominate.
    let k = x.round();
    let s = (PI * (x - k)).sin() * if k % 2.0 == 0.0 { 1.0 } else { -1.0 };
    (s.abs().ln() + ln_gamma(1.0 - x) - PI.ln(), s.signum())
}

/// The most terms a power series may take before another route is chosen.
const MAX_TERMS: f64 = 2.0e6;

/// The index after which the terms of `₂F₁(a, b; c; z)` only shrink and keep their sign
/// (`z` in `[0, 1)`).
fn peak(a: f64, b: f64, c: f64, z: f64) -> f64 {
    // The ratio of term n+1 to term n is z (a+n)(b+n) / ((c+n)(n+1)); it stays below 1 past
    // the largest root of (1-z) n² + (c + 1 - z(a+b)) n + (c - z a b) = 0, and the signs
    // settle once n is past -a, -b and -c.
    let qa = 1.0 - z;
    let qb = c + 1.0 - z * (a + b);
    let qc = c - z * a * b;
    let disc = qb * qb - 4.0 * qa * qc;
    let root = if disc > 0.0 {
        (-qb + disc.sqrt()) / (2.0 * qa)
    } else {
        0.0
    };
    root.max(-a).max(-b).max(-c).max(0.0)
}

/// How many terms the series of `₂F₁(a, b; c; z)` needs, roughly.
fn cost(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if z == 0.0 {
        return 1.0;
    }
    peak(a, b, c, z) + 40.0 / -z.ln()
}

/// The power series of `₂F₁(a, b; c; z)`, as `(ln |sum|, sign)`, or `None` when it does not
/// converge within [`MAX_TERMS`] (or `c` is a pole).
fn series(a: f64, b: f64, c: f64, z: f64) -> Option<(f64, f64)> {
    series_with_loss(a, b, c, z).map(|(l, s, _)| (l, s))
}

/// [`series`], with the digits lost to cancellation: `ln(largest |term| / |sum|)`.
fn series_with_loss(a: f64, b: f64, c: f64, z: f64) -> Option<(f64, f64, f64)> {
    series_many(a, b, c, &[z]).pop().flatten()
}

/// `ln |x + y|` and its sign, from `x = sx e^lx` and `y = sy e^ly`.
fn signed_add(lx: f64, sx: f64, ly: f64, sy: f64) -> (f64, f64) {
    if sx == 0.0 || lx == f64::NEG_INFINITY {
        return (ly, sy);
    }
    if sy == 0.0 || ly == f64::NEG_INFINITY {
        return (lx, sx);
    }
    let m = lx.max(ly);
    let v = sx * (lx - m).exp() + sy * (ly - m).exp();
    (m + v.abs().ln(), v.signum())
}

/// `ln |₂F₁(a, b; c; z)|` and the sign of `₂F₁(a, b; c; z)`, for real `a, b, c` (`c` not a
/// non-positive integer) and `z` in `[0, 1)`. NaN outside that domain.
pub(crate) fn ln_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> (f64, f64) {
    if !((0.0..1.0).contains(&z) && a.is_finite() && b.is_finite() && c.is_finite()) {
        return (f64::NAN, f64::NAN);
    }
    if z == 0.0 || a == 0.0 || b == 0.0 {
        return (0.0, 1.0);
    }
    // The plain series and Euler's transformation ₂F₁(a, b; c; z) = (1-z)^(c-a-b)
    // ₂F₁(c-a, c-b; c; z), the cheaper first; a result is kept unless cancellation between
    // its terms cost more than 3 digits.
    let euler_factor = (c - a - b) * (-z).ln_1p();
    let mut routes = [
        (cost(a, b, c, z), a, b, 0.0),
        (cost(c - a, c - b, c, z), c - a, c - b, euler_factor),
    ];
    if routes[1].0 < routes[0].0 {
        routes.swap(0, 1);
    }
    let mut best: Option<(f64, f64, f64)> = None;
    for (work, p, q, factor) in routes {
        if work > 2.0e5 {
            continue;
        }
        if let Some((l, s, loss)) = series_with_loss(p, q, c, z) {
            if loss < 3.0 * std::f64::consts::LN_10 {
                return (l + factor, s);
            }
            if best.is_none_or(|b| loss < b.2) {
                best = Some((l + factor, s, loss));
            }
        }
    }
    let (l, s) = near_one(a, b, c, z);
    match best {
        Some((bl, bs, _)) if !l.is_finite() => (bl, bs),
        _ => (l, s),
    }
}

/// [`ln_hyp2f1`] at each of `zs`, for one `(a, b, c)`: the lifetime value's months, whose
/// expectations differ in `z` alone. Where [`ln_hyp2f1`] would sum a series first, the
/// series of all the `z` taking the same route are summed together, sharing the
/// coefficients `(a)ₙ(b)ₙ / ((c)ₙ n!)` (their division is most of a term's cost); each `z`
/// keeps its own stopping rule and its loss check. A `z` whose shared series fails or loses
/// digits gets [`ln_hyp2f1`] itself, so each value is [`ln_hyp2f1`]'s to rounding.
pub(crate) fn ln_hyp2f1_many(a: f64, b: f64, c: f64, zs: &[f64]) -> Vec<(f64, f64)> {
    let scalar = |z: f64| ln_hyp2f1(a, b, c, z);
    if !(a.is_finite() && b.is_finite() && c.is_finite()) || a == 0.0 || b == 0.0 {
        return zs.iter().map(|&z| scalar(z)).collect();
    }
    let mut out = vec![(f64::NAN, f64::NAN); zs.len()];
    // The z whose first route is the plain series, and those whose is Euler's.
    let (mut plain, mut euler) = (Vec::new(), Vec::new());
    for (k, &z) in zs.iter().enumerate() {
        if !(z > 0.0 && z < 1.0) {
            out[k] = scalar(z);
            continue;
        }
        let (direct, transformed) = (cost(a, b, c, z), cost(c - a, c - b, c, z));
        match (transformed < direct, direct.min(transformed) > 2.0e5) {
            (_, true) => out[k] = scalar(z),
            (true, false) => euler.push(k),
            (false, false) => plain.push(k),
        }
    }
    for (route, p, q, transformed) in [(plain, a, b, false), (euler, c - a, c - b, true)] {
        let at: Vec<f64> = route.iter().map(|&k| zs[k]).collect();
        for (&k, found) in route.iter().zip(series_many(p, q, c, &at)) {
            let z = zs[k];
            out[k] = match found {
                Some((l, s, loss)) if loss < 3.0 * std::f64::consts::LN_10 => {
                    let factor = if transformed {
                        (c - a - b) * (-z).ln_1p()
                    } else {
                        0.0
                    };
                    (l + factor, s)
                }
                _ => scalar(z),
            };
        }
    }
    out
}

/// The series of `₂F₁(a, b; c; z)` at each of `zs`, summed together (the coefficients
/// shared), each `z` with its own stopping rule: per `z`, `ln |sum|`, its sign and the digits
/// lost to cancellation, `ln(largest |term| / |sum|)`; `None` where the series does not
/// converge within [`MAX_TERMS`] (or `c` is a pole).
fn series_many(a: f64, b: f64, c: f64, zs: &[f64]) -> Vec<Option<(f64, f64, f64)>> {
    struct State {
        z: f64,
        start_checking: f64,
        term: f64,
        sum: f64,
        ln_scale: f64,
        largest: f64,
        done: bool,
    }
    let mut states: Vec<State> = zs
        .iter()
        .map(|&z| State {
            z,
            start_checking: peak(a, b, c, z).ceil() + 1.0,
            term: 1.0,
            sum: 1.0,
            ln_scale: 0.0,
            largest: 1.0,
            done: false,
        })
        .collect();
    let mut out: Vec<Option<(f64, f64, f64)>> = vec![None; zs.len()];
    let finish = |st: &State| {
        st.sum.is_finite().then(|| {
            (
                st.ln_scale + st.sum.abs().ln(),
                st.sum.signum(),
                (st.largest / st.sum.abs()).ln(),
            )
        })
    };
    let mut active = zs.len();
    let mut n = 0.0f64;
    while active > 0 {
        let den = (c + n) * (n + 1.0);
        if den == 0.0 {
            break; // a pole: every series still running fails
        }
        let coefficient = (a + n) * (b + n) / den;
        for (st, slot) in states.iter_mut().zip(out.iter_mut()) {
            if st.done {
                continue;
            }
            if n >= MAX_TERMS + st.start_checking {
                st.done = true; // did not converge: None
                active -= 1;
                continue;
            }
            let ratio = st.z * coefficient;
            st.term *= ratio;
            if st.term == 0.0 {
                st.done = true;
                active -= 1;
                *slot = finish(st);
                continue;
            }
            st.sum += st.term;
            st.largest = st.largest.max(st.term.abs());
            let big = st.largest.max(st.sum.abs());
            if big > 1e250 {
                st.term /= big;
                st.sum /= big;
                st.largest /= big;
                st.ln_scale += big.ln();
            }
            if n + 1.0 > st.start_checking {
                let q = ratio.abs().max(st.z);
                if q < 1.0 && st.term.abs() * q / (1.0 - q) <= 1e-17 * st.sum.abs() {
                    st.done = true;
                    active -= 1;
                    // As the single series: converging on its last allowed term is failing.
                    if n + 1.0 < MAX_TERMS + st.start_checking {
                        *slot = finish(st);
                    }
                }
            }
        }
        n += 1.0;
    }
    out
}

/// `₂F₁` by the connection formula in `1 - z` (Abramowitz & Stegun 15.3.6), for `z` close
/// to 1. When `c - a - b` is (nearly) an integer the two halves have poles that cancel: the
/// value is then the mean of the formula at `c ± δ`, whose error is of order `δ²`.
fn near_one(a: f64, b: f64, c: f64, z: f64) -> (f64, f64) {
    let m = c - a - b;
    const DELTA: f64 = 1e-5;
    if (m - m.round()).abs() < DELTA {
        let (l1, s1) = connection(a, b, c + DELTA, z);
        let (l2, s2) = connection(a, b, c - DELTA, z);
        let (l, s) = signed_add(l1, s1, l2, s2);
        return (l - 2f64.ln(), s);
    }
    connection(a, b, c, z)
}

fn connection(a: f64, b: f64, c: f64, z: f64) -> (f64, f64) {
    let m = c - a - b;
    let w = 1.0 - z;
    let lg_c = ln_gamma_signed(c);
    let lg_m = ln_gamma_signed(m);
    let lg_mm = ln_gamma_signed(-m);
    let rg_ca = ln_reciprocal_gamma(c - a);
    let rg_cb = ln_reciprocal_gamma(c - b);
    let rg_a = ln_reciprocal_gamma(a);
    let rg_b = ln_reciprocal_gamma(b);
    let first = series_any(a, b, 1.0 - m, w);
    let second = series_any(c - a, c - b, 1.0 + m, w);
    let l1 = lg_c.0 + lg_m.0 + rg_ca.0 + rg_cb.0 + first.0;
    let s1 = lg_c.1 * lg_m.1 * rg_ca.1 * rg_cb.1 * first.1;
    let l2 = m * w.ln() + lg_c.0 + lg_mm.0 + rg_a.0 + rg_b.0 + second.0;
    let s2 = lg_c.1 * lg_mm.1 * rg_a.1 * rg_b.1 * second.1;
    signed_add(l1, s1, l2, s2)
}

/// The series of `₂F₁` at a small argument (NaN if even that fails).
fn series_any(a: f64, b: f64, c: f64, z: f64) -> (f64, f64) {
    series(a, b, c, z).unwrap_or((f64::NAN, f64::NAN))
}

/// `ln |Γ(x)|` and the sign of `Γ(x)`, for any real `x` that is not a pole.
fn ln_gamma_signed(x: f64) -> (f64, f64) {
    let (l, s) = ln_reciprocal_gamma(x);
    (-l, s)
}

/// Gauss–Kronrod (7, 15) nodes and weights on `[-1, 1]` (the non-negative half).
const GK_NODES: [f64; 8] = [
    0.991_455_371_120_812_6,
    0.949_107_912_342_758_5,
    0.864_864_423_359_769_1,
    0.741_531_185_599_394_4,
    0.586_087_235_467_691_1,
    0.405_845_151_377_397_2,
    0.207_784_955_007_898_5,
    0.0,
];
const K15_WEIGHTS: [f64; 8] = [
    0.022_935_322_010_529_22,
    0.063_092_092_629_978_55,
    0.104_790_010_322_250_2,
    0.140_653_259_715_525_9,
    0.169_004_726_639_267_9,
    0.190_350_578_064_785_4,
    0.204_432_940_075_298_9,
    0.209_482_141_084_727_8,
];
const G7_WEIGHTS: [f64; 4] = [
    0.129_484_966_168_869_7,
    0.279_705_391_489_276_7,
    0.381_830_050_505_118_9,
    0.417_959_183_673_469_4,
];

/// `∫_lo^hi f`, by adaptive Gauss–Kronrod to a relative tolerance of about 1e-12.
pub(crate) fn integrate(f: &dyn Fn(f64) -> f64, lo: f64, hi: f64) -> f64 {
    fn gk(f: &dyn Fn(f64) -> f64, lo: f64, hi: f64) -> (f64, f64) {
        let (mid, half) = ((lo + hi) / 2.0, (hi - lo) / 2.0);
        let fc = f(mid);
        let (mut k, mut g) = (K15_WEIGHTS[7] * fc, G7_WEIGHTS[3] * fc);
        for i in 0..7 {
            let (x1, x2) = (mid - half * GK_NODES[i], mid + half * GK_NODES[i]);
            let s = f(x1) + f(x2);
            k += K15_WEIGHTS[i] * s;
            if i % 2 == 1 {
                g += G7_WEIGHTS[i / 2] * s;
            }
        }
        (k * half, ((k - g) * half).abs())
    }
    fn go(f: &dyn Fn(f64) -> f64, lo: f64, hi: f64, whole: f64, depth: u32) -> f64 {
        let (v, err) = gk(f, lo, hi);
        if depth == 0 || err <= 1e-13 * whole.abs().max(v.abs()) || err == 0.0 {
            return v;
        }
        let mid = (lo + hi) / 2.0;
        go(f, lo, mid, whole, depth - 1) + go(f, mid, hi, whole, depth - 1)
    }
    let (whole, _) = gk(f, lo, hi);
    go(f, lo, hi, whole, 40)
}

#[cfg(test)]
#[path = "special_tests.rs"]
mod tests;
