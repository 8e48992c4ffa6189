use super::*;

/// `[a, b, c, z, ln|2F1|, sign]` from scipy 1.17.1: `scipy.special.hyp2f1(a, b, c, z)`, the
/// log of its absolute value and its sign, over the arguments the BG/NBD predictions and the
/// Pareto/NBD likelihood meet (frequencies to 1e5, T to 1e5) and parameters from 1e-3 to
/// 1e3 with z up to 1 - 1e-5 (where scipy overflows, the case is left out). Made by
/// `testdata/generate.py`.
const HYP2F1: &str = include_str!("testdata/hyp2f1.json");

#[test]
fn hyp2f1_matches_scipy_at_the_extremes() {
    let cases: Vec<[f64; 6]> = serde_json::from_str(HYP2F1).unwrap();
    assert!(cases.len() > 250);
    let mut worst = (0.0, [0.0; 6]);
    for c in &cases {
        let (l, s) = ln_hyp2f1(c[0], c[1], c[2], c[3]);
        assert_eq!(s, c[5], "sign of {c:?}");
        // ln F to 1e-9 absolute: F itself to 1e-9 relative.
        let err = (l - c[4]).abs() / c[4].abs().max(1.0);
        if err > worst.0 {
            worst = (err, *c);
        }
    }
    assert!(worst.0 < 1e-9, "worst {:e} at {:?}", worst.0, worst.1);
}

#[test]
fn hyp2f1_routes_agree_where_they_overlap() {
    // The plain series, Euler's transformation and the connection formula give one value.
    for &(a, b, c, z) in &[
        (0.3, 2.4, 2.2, 0.7),
        (5.0, 0.7, 1.3, 0.95),
        (1.5, 2.5, 3.0, 0.9), // c - a - b = -1: the limit of the connection formula
        (100.5, 80.2, 60.1, 0.6),
    ] {
        let direct = series(a, b, c, z).unwrap();
        let euler = series(c - a, c - b, c, z).unwrap();
        let euler = euler.0 + (c - a - b) * (-z).ln_1p();
        let near = near_one(a, b, c, z);
        assert!((direct.0 - euler).abs() < 1e-11, "{a} {b} {c} {z}");
        assert!(
            (direct.0 - near.0).abs() < 1e-8,
            "{a} {b} {c} {z}: {direct:?} {near:?}"
        );
    }
}

#[test]
fn hyp2f1_of_huge_arguments_stays_finite() {
    // A customer with 1e6 repeat purchases: the value overflows f64, its log does not.
    let (l, s) = ln_hyp2f1(1e6, 1e6, 1e6 + 2.0, 0.9);
    assert!(l.is_finite() && l > 700.0 && s == 1.0, "{l}");
    // z within 1e-12 of 1.
    let (l, _) = ln_hyp2f1(0.24, 2.4, 2.2, 1.0 - 1e-12);
    assert!(l.is_finite());
}

#[test]
fn log_helpers_do_not_overflow() {
    assert_eq!(log1p_exp(1000.0), 1000.0);
    assert!((log1p_exp(0.0) - 2f64.ln()).abs() < 1e-15);
    assert_eq!(logistic_of_minus(1000.0), 0.0);
    assert_eq!(logistic_of_minus(-1000.0), 1.0);
    assert_eq!(
        log_add_exp(f64::NEG_INFINITY, f64::NEG_INFINITY),
        f64::NEG_INFINITY
    );
    assert!((log_add_exp(1000.0, 1000.0) - 1000.0 - 2f64.ln()).abs() < 1e-12);
}

#[test]
fn integrate_is_accurate() {
    let v = integrate(&|x: f64| x.exp(), 0.0, 3.0);
    assert!((v - (3f64.exp() - 1.0)).abs() < 1e-12);
    let v = integrate(&|x: f64| 1.0 / (1.0 + x * x), 0.0, 1e6);
    assert!((v - (1e6f64).atan()).abs() < 1e-10, "{v}");
}

#[test]
fn trigamma_matches_known_values_and_the_derivative_of_digamma() {
    use std::f64::consts::PI;
    assert!((trigamma(1.0) - PI * PI / 6.0).abs() < 1e-14);
    assert!((trigamma(0.5) - PI * PI / 2.0).abs() < 1e-13);
    // ψ'(x + 1) = ψ'(x) - 1/x², and the central difference of ψ at larger x.
    for &x in &[0.03, 0.7, 3.3, 15.9, 16.1, 250.0, 4.0e4] {
        let rec = trigamma(x) - 1.0 / (x * x);
        assert!(
            (trigamma(x + 1.0) - rec).abs() <= 1e-14 * trigamma(x),
            "{x}"
        );
        let h = 1e-4 * x;
        let diff = (digamma(x + h) - digamma(x - h)) / (2.0 * h);
        assert!((trigamma(x) - diff).abs() <= 1e-6 * diff.abs(), "{x}");
    }
    assert!(trigamma(0.0).is_nan());
}

#[test]
fn hyp2f1_at_many_points_is_hyp2f1_at_each() {
    // The shared series against the single one: the scipy cases' parameters, each at
    // several z (0, the case's own, smaller and larger ones), to rounding.
    let cases: Vec<[f64; 6]> = serde_json::from_str(HYP2F1).unwrap();
    let extra = [
        [0.3, 2.4, 2.2, 0.7],
        [5.0, 0.7, 1.3, 0.95],
        [40.25, 42.4, 42.2, 0.5],
    ];
    let params = cases.iter().map(|c| [c[0], c[1], c[2], c[3]]).chain(extra);
    for [a, b, c, z] in params {
        let zs = [
            z,
            0.0,
            z * 0.5,
            z * 0.9,
            1.0 - (1.0 - z) * 0.5,
            0.999_99,
            0.01,
        ];
        let many = ln_hyp2f1_many(a, b, c, &zs);
        for (&z, &(l, s)) in zs.iter().zip(&many) {
            let (el, es) = ln_hyp2f1(a, b, c, z);
            assert_eq!(s, es, "sign at {a} {b} {c} {z}");
            let err = (l - el).abs() / el.abs().max(1.0);
            assert!(err < 1e-12 || l == el, "{a} {b} {c} {z}: {l} vs {el}");
        }
    }
}
