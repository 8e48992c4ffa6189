//! Target `experiment`: A/B statistics on arbitrary sums and options. Every call gives a
//! typed error or a report whose numbers are finite, probabilities within [0, 1], intervals
//! ordered, and corrected p-values never below the raw ones.

use super::bytes::Bytes;
use super::check::result_json;
use touchpoint::{
    analyze_experiment, Alternative, Correction, Difference, Engine, ExperimentData,
    ExperimentOptions, LinkedSums, MetricData, MetricKind, Prior,
};

/// A number from the bytes: mostly plausible sums, sometimes extreme or negative.
fn number(b: &mut Bytes<'_>) -> f64 {
    match b.below(8) {
        0 => f64::from(b.byte()) * 1e4,
        1 => 10f64.powi(b.below(30) as i32),
        2 => -f64::from(b.byte()),
        3 => f64::from(b.byte()) / 4.0,
        _ => f64::from(b.byte()),
    }
}

fn list(b: &mut Bytes<'_>, k: usize, squares_of: Option<&[f64]>) -> Vec<f64> {
    (0..k)
        .map(|v| match squares_of {
            // Mostly a sum of squares that can be right: at least sum² / a few units.
            Some(sums) if b.bool() => sums[v] * sums[v] / f64::from(1 + b.byte() % 8) + number(b),
            _ => number(b),
        })
        .collect()
}

fn linked(b: &mut Bytes<'_>, k: usize) -> LinkedSums {
    let sum = list(b, k, None);
    LinkedSums {
        sum_squares: list(b, k, Some(&sum)),
        sum_of_products: list(b, k, None),
        sum,
    }
}

pub fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let k = 1 + b.below(5);
    let units: Vec<u64> = (0..k)
        .map(|_| match b.below(6) {
            0 => 0,
            1 => u64::from(b.byte()) * 10_000,
            _ => 1 + u64::from(b.byte()),
        })
        .collect();
    let metrics = (0..1 + b.below(3))
        .map(|m| {
            let kind = b.pick(&[MetricKind::Conversion, MetricKind::Mean, MetricKind::Ratio]);
            let sum: Vec<f64> = match kind {
                // Conversions mostly within the units.
                MetricKind::Conversion => units
                    .iter()
                    .map(|&n| {
                        if b.bool() {
                            (n / (1 + b.below(9) as u64)) as f64
                        } else {
                            number(&mut b)
                        }
                    })
                    .collect(),
                _ => list(&mut b, k, None),
            };
            let sum_squares = (kind != MetricKind::Conversion || b.below(8) == 0)
                .then(|| list(&mut b, k, Some(&sum)));
            MetricData {
                name: format!("m{m}"),
                kind,
                denominator: (kind == MetricKind::Ratio || b.below(8) == 0)
                    .then(|| linked(&mut b, k)),
                covariate: (b.below(3) == 0).then(|| linked(&mut b, k)),
                units: None,
                sum_squares,
                sum,
            }
        })
        .collect();
    let data = ExperimentData {
        variants: (0..k).map(|i| format!("v{i}")).collect(),
        weights: b.bool().then(|| (0..k).map(|_| 1.0 / k as f64).collect()),
        units,
        metrics,
    };
    let engine = b.pick(&[Engine::Frequentist, Engine::Bayesian]);
    let options = ExperimentOptions {
        alpha: b.pick(&[0.05, 0.01, 0.2, 0.5, 1e-9]),
        alternative: b.pick(&[
            Alternative::TwoSided,
            Alternative::Greater,
            Alternative::Less,
        ]),
        difference: b.pick(&[Difference::Relative, Difference::Absolute]),
        pooled: b.bool(),
        correction: b.pick(&[
            Correction::None,
            Correction::Holm,
            Correction::BenjaminiHochberg,
        ]),
        srm_threshold: 0.001,
        engine,
        prior: (b.below(3) == 0).then(|| Prior {
            mean: number(&mut b) / 100.0,
            variance: f64::from(1 + b.byte()) / 100.0,
        }),
        sequential: b.below(3) == 0,
        sequential_tuning: b.pick(&[5000.0, 1.0, 1e9]),
    };
    let Ok(report) = analyze_experiment(&data, &options) else {
        return;
    };
    result_json("experiment", &report);
    let unit = |x: f64| (0.0..=1.0).contains(&x);
    assert!(unit(report.sample_ratio.p_value));
    for metric in &report.metrics {
        for c in &metric.comparisons {
            for e in std::iter::once(&c.absolute).chain(c.relative.as_ref()) {
                assert!(unit(e.p_value), "p-value {}", e.p_value);
                if let (Some(lo), Some(hi)) = (e.interval.lower, e.interval.upper) {
                    assert!(lo <= hi, "interval {lo} > {hi}");
                }
            }
            if let Some(p) = c.adjusted_p_value {
                assert!(unit(p));
            }
            if let Some(bayes) = &c.bayesian {
                assert!(
                    unit(bayes.chance_to_win)
                        && bayes.risk_control >= 0.0
                        && bayes.risk_treatment >= 0.0
                );
                assert!(bayes.beta_chance_to_win.is_none_or(unit));
            }
        }
    }
}
