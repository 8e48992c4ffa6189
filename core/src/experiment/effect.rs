//! One variant's estimate of a metric and one treatment's effects against the control:
//! two-proportion z-tests (pooled or not), Welch's t-test, Wilson and t intervals, and the
//! relative effect by the delta method.

use super::distributions::Reference;
use super::{Alternative, Effect, Interval, MetricKind};

/// A variant's estimate: its units, its value (rate, mean or ratio; adjusted by a
/// pre-experiment covariate when one is given), its unadjusted value (the base of a relative
/// effect), and the variance of one unit's (adjusted) value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Estimate {
    pub units: f64,
    pub value: f64,
    pub raw: f64,
    pub variance: f64,
}

impl Estimate {
    /// The variance of the value (the squared standard error).
    pub(crate) fn value_variance(&self) -> f64 {
        self.variance / self.units
    }

    /// The value's interval at `1 − alpha`, two-sided: Wilson's score interval for a rate
    /// (statsmodels' `proportion_confint(method="wilson")`), Student's t with n − 1 degrees
    /// of freedom for a mean.
    pub(crate) fn interval(&self, kind: MetricKind, alpha: f64) -> Interval {
        match kind {
            MetricKind::Conversion => {
                let z = Reference::Normal.quantile(1.0 - alpha / 2.0);
                let (n, p) = (self.units, self.value);
                let z2 = z * z;
                let denominator = 1.0 + z2 / n;
                let centre = (p + z2 / (2.0 * n)) / denominator;
                let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
                Interval {
                    lower: Some(centre - half),
                    upper: Some(centre + half),
                }
            }
            MetricKind::Mean | MetricKind::Ratio => {
                let t = Reference::T(self.units - 1.0).quantile(1.0 - alpha / 2.0);
                let half = t * self.value_variance().sqrt();
                Interval {
                    lower: Some(self.value - half),
                    upper: Some(self.value + half),
                }
            }
        }
    }
}

/// How a comparison is tested.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Test {
    pub kind: MetricKind,
    pub alpha: f64,
    pub alternative: Alternative,
    pub pooled: bool,
}

/// The effects of `treatment` against `control` (variances not both 0): the absolute effect,
/// the relative one (`None` when the control's value is 0) and Welch's degrees of freedom
/// for a mean.
pub(crate) fn compare(
    test: &Test,
    control: &Estimate,
    treatment: &Estimate,
) -> (Effect, Option<Effect>, Option<f64>) {
    let (vc, vt) = (control.value_variance(), treatment.value_variance());
    let se = (vc + vt).sqrt();
    let (reference, df) = match test.kind {
        MetricKind::Conversion => (Reference::Normal, None),
        MetricKind::Mean | MetricKind::Ratio => {
            // Welch-Satterthwaite.
            let df = (vc + vt).powi(2)
                / (vc * vc / (control.units - 1.0) + vt * vt / (treatment.units - 1.0));
            (Reference::T(df), Some(df))
        }
    };
    let difference = treatment.value - control.value;
    // The absolute effect's test: under the pooled rate for a pooled conversion test.
    let test_se = if test.kind == MetricKind::Conversion && test.pooled {
        let n = control.units + treatment.units;
        let pooled = (control.value * control.units + treatment.value * treatment.units) / n;
        (pooled * (1.0 - pooled) * (1.0 / control.units + 1.0 / treatment.units)).sqrt()
    } else {
        se
    };
    // The interval's quantile, once for both effects.
    let q = match test.alternative {
        Alternative::TwoSided => reference.quantile(1.0 - test.alpha / 2.0),
        _ => reference.quantile(1.0 - test.alpha),
    };
    let absolute = effect(test, reference, q, difference, se, test_se);
    let relative = (control.raw != 0.0).then(|| {
        // (t − c) / c, c and t unadjusted in the base and the variance (as GrowthBook's
        // engine): the delta method's Var(t/c) ≈ Var(t)/c² + t²·Var(c)/c⁴.
        let (c, t) = (control.raw, treatment.raw);
        let se = (vt / (c * c) + t * t * vc / (c * c * c * c)).sqrt();
        effect(test, reference, q, difference / c, se, se)
    });
    (absolute, relative, df)
}

/// An effect with its interval (from `se` and the quantile `q`) and test (statistic
/// `estimate / test_se`).
fn effect(
    test: &Test,
    reference: Reference,
    q: f64,
    estimate: f64,
    se: f64,
    test_se: f64,
) -> Effect {
    let statistic = if test_se > 0.0 {
        estimate / test_se
    } else {
        // Both variances 0 are refused before; a pooled rate of 0 or 1 means equal rates.
        0.0
    };
    let (p_value, interval) = match test.alternative {
        Alternative::TwoSided => (
            (2.0 * reference.upper_tail(statistic.abs())).min(1.0),
            Interval {
                lower: Some(estimate - q * se),
                upper: Some(estimate + q * se),
            },
        ),
        Alternative::Greater => (
            reference.upper_tail(statistic),
            Interval {
                lower: Some(estimate - q * se),
                upper: None,
            },
        ),
        Alternative::Less => (
            reference.lower_tail(statistic),
            Interval {
                lower: None,
                upper: Some(estimate + q * se),
            },
        ),
    };
    Effect {
        estimate,
        std_error: se,
        interval,
        statistic,
        p_value,
    }
}
