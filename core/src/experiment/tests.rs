//! Tests of the experiment area beyond the shared vectors (which pin the numbers against
//! statsmodels, scipy and gbstats): relations that must hold between the readings.

use super::bayesian::beta_chance_to_win;
use super::*;

fn conversion(units: [u64; 2], sum: [f64; 2]) -> ExperimentData {
    ExperimentData {
        variants: vec!["control".into(), "B".into()],
        units: units.to_vec(),
        weights: None,
        metrics: vec![MetricData {
            name: "conversion".into(),
            kind: MetricKind::Conversion,
            sum: sum.to_vec(),
            sum_squares: None,
            denominator: None,
            covariate: None,
            units: None,
        }],
    }
}

fn first(report: &ExperimentReport) -> &Comparison {
    &report.metrics[0].comparisons[0]
}

#[test]
fn the_beta_chances_of_two_rates_add_up_to_one() {
    for (a, b) in [
        ((10.0, 100.0), (15.0, 100.0)),
        ((380.0, 4000.0), (441.0, 4100.0)),
        ((0.0, 5.0), (3.0, 7.0)),
    ] {
        let sum = beta_chance_to_win(a, b) + beta_chance_to_win(b, a);
        assert!((sum - 1.0).abs() < 1e-12, "{a:?} {b:?}: {sum}");
    }
    assert!((beta_chance_to_win((50.0, 100.0), (50.0, 100.0)) - 0.5).abs() < 1e-12);
}

#[test]
fn a_flat_prior_gives_the_frequentist_interval_of_a_conversion() {
    let data = conversion([4000, 4100], [380.0, 441.0]);
    let freq = analyze_experiment(&data, &ExperimentOptions::default()).unwrap();
    let options = ExperimentOptions {
        engine: Engine::Bayesian,
        ..Default::default()
    };
    let bayes = analyze_experiment(&data, &options).unwrap();
    let (f, b) = (first(&freq), first(&bayes));
    let relative = f.relative.as_ref().unwrap();
    let posterior = b.bayesian.as_ref().unwrap();
    assert_eq!(posterior.effect, relative.estimate);
    let (lo, hi) = (
        relative.interval.lower.unwrap(),
        relative.interval.upper.unwrap(),
    );
    assert!((posterior.credible_interval.lower.unwrap() - lo).abs() < 1e-12);
    assert!((posterior.credible_interval.upper.unwrap() - hi).abs() < 1e-12);
    assert_eq!(b.adjusted_p_value, None);
    // A two-sided p-value p and a chance to win c of the same normal: c = 1 − p/2 here.
    assert!((posterior.chance_to_win - (1.0 - relative.p_value / 2.0)).abs() < 1e-12);
}

#[test]
fn sequential_intervals_are_wider_than_fixed_ones() {
    let data = conversion([4000, 4100], [380.0, 441.0]);
    let fixed = analyze_experiment(&data, &ExperimentOptions::default()).unwrap();
    let options = ExperimentOptions {
        sequential: true,
        ..Default::default()
    };
    let seq = analyze_experiment(&data, &options).unwrap();
    let (f, s) = (first(&fixed).absolute.clone(), first(&seq).absolute.clone());
    assert_eq!(f.estimate, s.estimate);
    assert!(s.interval.lower.unwrap() < f.interval.lower.unwrap());
    assert!(s.interval.upper.unwrap() > f.interval.upper.unwrap());
    assert!(s.p_value > f.p_value);
    assert!(
        first(&seq).verdict.contains("sequential CI"),
        "{}",
        first(&seq).verdict
    );
}

#[test]
fn a_constant_covariate_changes_nothing() {
    let mut data = ExperimentData {
        variants: vec!["control".into(), "B".into()],
        units: vec![200, 210],
        weights: None,
        metrics: vec![MetricData {
            name: "revenue".into(),
            kind: MetricKind::Mean,
            sum: vec![5000.0, 5600.0],
            sum_squares: Some(vec![190_000.0, 215_000.0]),
            denominator: None,
            covariate: None,
            units: None,
        }],
    };
    let plain = analyze_experiment(&data, &ExperimentOptions::default()).unwrap();
    // Every unit's covariate is 1: no variance, so θ = 0.
    data.metrics[0].covariate = Some(LinkedSums {
        sum: vec![200.0, 210.0],
        sum_squares: vec![200.0, 210.0],
        sum_of_products: vec![5000.0, 5600.0],
    });
    let adjusted = analyze_experiment(&data, &ExperimentOptions::default()).unwrap();
    assert_eq!(first(&plain).absolute, first(&adjusted).absolute);
    assert_eq!(first(&plain).relative, first(&adjusted).relative);
}

#[test]
fn corrected_p_values_never_fall_below_the_raw_ones() {
    let p = [0.001, 0.2, 0.04, 0.04, 0.7, 0.012];
    for c in [Correction::Holm, Correction::BenjaminiHochberg] {
        let adjusted = adjust_p_values(&p, c).unwrap();
        for (a, raw) in adjusted.iter().zip(&p) {
            assert!(a >= raw && *a <= 1.0, "{c:?}: {a} < {raw}");
        }
    }
    assert_eq!(adjust_p_values(&p, Correction::None).unwrap(), p.to_vec());
    assert!(adjust_p_values(&[], Correction::Holm).unwrap().is_empty());
}

#[test]
fn a_report_round_trips_through_serde() {
    let data = conversion([1000, 1000], [100.0, 126.0]);
    let report = analyze_experiment(&data, &ExperimentOptions::default()).unwrap();
    let text = serde_json::to_string(&report).unwrap();
    let back: ExperimentReport = serde_json::from_str(&text).unwrap();
    assert_eq!(back, report);
    let options: ExperimentOptions = serde_json::from_str("{}").unwrap();
    assert_eq!(options, ExperimentOptions::default());
}
