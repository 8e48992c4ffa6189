//! A comparison's result in words: "B increased conversion by 26.00% against control (95% CI
//! 11.00% to 41.00%; p = 0.0003): significant at alpha = 0.05".

use super::analyze::deciding_effect;
use super::{Alternative, Comparison, Correction, Difference, ExperimentOptions, MetricKind};

/// A number with four significant digits.
fn short(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let digits = (3 - x.abs().log10().floor() as i32).clamp(0, 12) as usize;
    format!("{x:.digits$}")
}

/// The verdict of comparison `c` (its p-value corrected, its significance set).
pub(crate) fn verdict(
    o: &ExperimentOptions,
    metric: &str,
    kind: MetricKind,
    control: &str,
    c: &Comparison,
) -> String {
    let relative = o.difference == Difference::Relative && c.relative.is_some();
    let e = deciding_effect(o.difference, &c.absolute, c.relative.as_ref());
    let show = |x: f64| -> String {
        if relative {
            format!("{}%", short(100.0 * x))
        } else if kind == MetricKind::Conversion {
            format!("{} percentage points", short(100.0 * x))
        } else {
            short(x)
        }
    };
    let (estimate, interval) = match &c.bayesian {
        Some(b) => (b.effect, b.credible_interval),
        None => (e.estimate, e.interval),
    };
    let direction = if estimate > 0.0 {
        "increased"
    } else if estimate < 0.0 {
        "decreased"
    } else {
        "did not change"
    };
    // 95, 99.5: the level without trailing zeros.
    let level = (100.0 * (1.0 - o.alpha) * 1e6).round() / 1e6;
    let name = match (&c.bayesian, o.sequential) {
        (Some(_), _) => "credible interval",
        (None, true) => "sequential CI",
        (None, false) => "CI",
    };
    let bounds = match (interval.lower, interval.upper) {
        (Some(lo), Some(hi)) => format!("{level}% {name} {} to {}", show(lo), show(hi)),
        (Some(lo), None) => format!("{level}% {name} above {}", show(lo)),
        (None, Some(hi)) => format!("{level}% {name} below {}", show(hi)),
        (None, None) => format!("{level}% {name} unbounded"),
    };
    let amount = if estimate == 0.0 {
        String::new()
    } else {
        format!(" by {}", show(estimate.abs()))
    };
    let (evidence, judged) = match (&c.bayesian, c.adjusted_p_value) {
        (Some(b), _) => {
            let chance = format!("chance to win {}%", short(100.0 * b.chance_to_win));
            let judged = if b.chance_to_win > 1.0 - o.alpha {
                format!("a winner at {level}%")
            } else if b.chance_to_win < o.alpha {
                format!("a loser at {level}%")
            } else {
                "no winner yet".to_string()
            };
            (chance, judged)
        }
        (None, p) => {
            let p = p.unwrap_or(1.0);
            let adjusted = if o.correction == Correction::None {
                ""
            } else {
                "adjusted "
            };
            let p = if p < 1e-4 {
                format!("{adjusted}p < 0.0001")
            } else {
                format!("{adjusted}p = {}", short(p))
            };
            let side = match o.alternative {
                Alternative::TwoSided => "",
                Alternative::Greater => ", one-sided: above",
                Alternative::Less => ", one-sided: below",
            };
            let judged = if c.significant {
                format!("significant at alpha = {}", o.alpha)
            } else {
                format!(
                    "not significant at alpha = {} (the data are consistent with no effect)",
                    o.alpha
                )
            };
            (format!("{p}{side}"), judged)
        }
    };
    format!(
        "{} {direction} {metric}{amount} against {control} ({bounds}; {evidence}): {judged}",
        c.variant
    )
}
