//! Each variant's sums of a metric, checked, and the estimates made from them: a rate, a
//! mean or a ratio (the delta method), adjusted by a pre-experiment covariate (CUPED) when
//! one is given, as GrowthBook's statistics define them.

use super::effect::Estimate;
use super::{ExperimentData, MetricData, MetricKind};
use crate::model::error::{RecordRef, Result, TouchpointError};

/// One variant's sums of a metric: units, Σy, Σy², and for a ratio's denominator or a
/// covariate x: Σx, Σx², Σxy.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VariantSums {
    pub units: f64,
    pub sum: f64,
    pub squares: f64,
    pub linked: Option<[f64; 3]>,
}

/// The sample variance from a sum and a sum of squares over `n` units (0 below 2 units;
/// never below 0, which rounding may give for equal values).
fn variance(n: f64, sum: f64, squares: f64) -> f64 {
    if n < 2.0 {
        return 0.0;
    }
    ((squares - sum * sum / n) / (n - 1.0)).max(0.0)
}

/// The sample covariance from Σx, Σy and Σxy over `n` units.
fn covariance(n: f64, sum_x: f64, sum_y: f64, products: f64) -> f64 {
    if n < 2.0 {
        return 0.0;
    }
    (products - sum_x * sum_y / n) / (n - 1.0)
}

impl VariantSums {
    /// The variance of one unit's value of the metric itself (a rate's p(1 − p)).
    fn own_variance(&self, kind: MetricKind) -> f64 {
        let mean = self.sum / self.units;
        match kind {
            MetricKind::Conversion => mean * (1.0 - mean),
            _ => variance(self.units, self.sum, self.squares),
        }
    }

    /// The variant's unadjusted estimate: a rate, a mean, or a ratio Σy / Σx with the delta
    /// method's per-unit variance.
    pub(crate) fn plain(&self, kind: MetricKind) -> Estimate {
        let n = self.units;
        let (value, variance) = match (kind, self.linked) {
            (MetricKind::Ratio, Some([dx, dxx, dxy])) => {
                let (my, mx) = (self.sum / n, dx / n);
                let vy = variance(n, self.sum, self.squares);
                let vx = variance(n, dx, dxx);
                let c = covariance(n, dx, self.sum, dxy);
                let v = vy / (mx * mx) - 2.0 * c * my / (mx * mx * mx)
                    + my * my * vx / (mx * mx * mx * mx);
                (self.sum / dx, v.max(0.0))
            }
            _ => (self.sum / n, self.own_variance(kind)),
        };
        Estimate {
            units: n,
            value,
            raw: value,
            variance,
        }
    }
}

/// The estimates of a control and a treatment; with a covariate, both adjusted by the θ of
/// the two variants together (θ = Cov(y, x) / Var(x) over their units; 0 when either
/// variance is 0), as GrowthBook's regression adjustment: value ȳ − θ·x̄, per-unit variance
/// Var(y) + θ²·Var(x) − 2θ·Cov(y, x).
pub(crate) fn pair(
    kind: MetricKind,
    covariate: bool,
    control: &VariantSums,
    treatment: &VariantSums,
) -> (Estimate, Estimate) {
    let (c, t) = (control.plain(kind), treatment.plain(kind));
    let (true, Some(lc), Some(lt)) = (covariate, control.linked, treatment.linked) else {
        return (c, t);
    };
    let n = control.units + treatment.units;
    let (sy, syy) = (
        control.sum + treatment.sum,
        control.squares + treatment.squares,
    );
    let joint_y = match kind {
        MetricKind::Conversion => {
            let p = sy / n;
            p * (1.0 - p)
        }
        _ => variance(n, sy, syy),
    };
    let (sx, sxx, sxy) = (lc[0] + lt[0], lc[1] + lt[1], lc[2] + lt[2]);
    let joint_x = variance(n, sx, sxx);
    let theta = if joint_x == 0.0 || joint_y == 0.0 {
        0.0
    } else {
        covariance(n, sx, sy, sxy) / joint_x
    };
    let adjust = |v: &VariantSums, e: Estimate, [x, xx, xy]: [f64; 3]| Estimate {
        value: e.raw - theta * x / v.units,
        variance: (v.own_variance(kind) + theta * theta * variance(v.units, x, xx)
            - 2.0 * theta * covariance(v.units, x, v.sum, xy))
        .max(0.0),
        ..e
    };
    (adjust(control, c, lc), adjust(treatment, t, lt))
}

/// A per-variant list of the metric, checked for length.
fn per_variant<'a>(list: &'a [f64], k: usize, m: usize, field: &str) -> Result<&'a [f64]> {
    if list.len() == k {
        Ok(list)
    } else {
        Err(TouchpointError::config(
            format!("metrics[{m}].{field}"),
            format!("{} values for {k} variants: one per variant", list.len()),
        ))
    }
}

/// Each variant's units and sums of metric `m`, checked.
pub(crate) fn variant_sums(
    data: &ExperimentData,
    m: usize,
    metric: &MetricData,
) -> Result<Vec<VariantSums>> {
    let k = data.variants.len();
    let config = |field: &str, message: String| {
        TouchpointError::config(format!("metrics[{m}].{field}"), message)
    };
    let name = &metric.name;
    let units = match &metric.units {
        Some(u) if u.len() != k => {
            return Err(config(
                "units",
                format!("{} values for {k} variants: one per variant", u.len()),
            ))
        }
        Some(u) => u.as_slice(),
        None => data.units.as_slice(),
    };
    let sums = per_variant(&metric.sum, k, m, "sum")?;
    let squares = match (metric.kind, &metric.sum_squares) {
        (MetricKind::Conversion, Some(_)) => {
            return Err(config(
                "sum_squares",
                format!("metric `{name}` is a conversion: each unit is 0 or 1, so leave out the sum of squares"),
            ))
        }
        (MetricKind::Conversion, None) => None,
        (_, Some(s)) => Some(per_variant(s, k, m, "sum_squares")?),
        (_, None) => {
            return Err(config(
                "sum_squares",
                format!("metric `{name}` needs the sum of squares of its values for their variance"),
            ))
        }
    };
    let linked_field = if metric.kind == MetricKind::Ratio {
        "denominator"
    } else {
        "covariate"
    };
    let linked = match (metric.kind, &metric.denominator, &metric.covariate) {
        (MetricKind::Ratio, None, _) => {
            return Err(config(
                "denominator",
                format!("metric `{name}` is a ratio: give its denominator's sums"),
            ))
        }
        (MetricKind::Ratio, Some(_), Some(_)) => {
            return Err(config(
                "covariate",
                format!("metric `{name}`: a ratio is not adjusted by a covariate"),
            ))
        }
        (kind, Some(_), _) if kind != MetricKind::Ratio => {
            return Err(config(
                "denominator",
                format!("metric `{name}` is not a ratio: it has no denominator"),
            ))
        }
        (_, d, c) => d.as_ref().or(c.as_ref()),
    };
    let linked = match linked {
        Some(l) => Some([
            per_variant(&l.sum, k, m, &format!("{linked_field}.sum"))?,
            per_variant(&l.sum_squares, k, m, &format!("{linked_field}.sum_squares"))?,
            per_variant(
                &l.sum_of_products,
                k,
                m,
                &format!("{linked_field}.sum_of_products"),
            )?,
        ]),
        None => None,
    };
    let fewest = if metric.kind == MetricKind::Conversion {
        1
    } else {
        2
    };
    (0..k)
        .map(|v| {
            let record = RecordRef::Record(v as u64 + 1);
            let out_of_range =
                |field: &str, value: f64, expected: String| TouchpointError::OutOfRange {
                    record,
                    field: format!("metrics[{m}].{field}"),
                    value: value.to_string(),
                    expected,
                };
            let (n, sum) = (units[v], sums[v]);
            let who = format!("variant `{}` of metric `{name}`", data.variants[v]);
            if n < fewest {
                return Err(out_of_range(
                    "units",
                    n as f64,
                    format!("at least {fewest} unit(s) for {who}: nothing to compare without them"),
                ));
            }
            let nf = n as f64;
            // Σx² ≥ (Σx)²/n, up to rounding.
            let check_squares = |field: &str, sum: f64, squares: f64| {
                let least = sum * sum / nf;
                if squares.is_finite() && squares >= least * (1.0 - 1e-12) {
                    Ok(())
                } else {
                    Err(out_of_range(
                        field,
                        squares,
                        format!("at least sum² / units = {least} for {who}"),
                    ))
                }
            };
            let square = match squares {
                Some(s) => s[v],
                None => sum,
            };
            if metric.kind == MetricKind::Conversion {
                if !(sum.is_finite() && sum >= 0.0 && sum.fract() == 0.0 && sum <= nf) {
                    return Err(out_of_range(
                        "sum",
                        sum,
                        format!("a whole number of conversions from 0 to the {n} units of {who}"),
                    ));
                }
            } else {
                if !sum.is_finite() {
                    return Err(out_of_range("sum", sum, format!("a finite sum for {who}")));
                }
                check_squares("sum_squares", sum, square)?;
            }
            let linked = match &linked {
                Some([xs, xxs, xys]) => {
                    let (x, xx, xy) = (xs[v], xxs[v], xys[v]);
                    if !x.is_finite() || (metric.kind == MetricKind::Ratio && x <= 0.0) {
                        let expected = if metric.kind == MetricKind::Ratio {
                            format!("a denominator sum above 0 for {who}")
                        } else {
                            format!("a finite sum for {who}")
                        };
                        return Err(out_of_range(&format!("{linked_field}.sum"), x, expected));
                    }
                    check_squares(&format!("{linked_field}.sum_squares"), x, xx)?;
                    if !xy.is_finite() {
                        return Err(out_of_range(
                            &format!("{linked_field}.sum_of_products"),
                            xy,
                            format!("a finite sum for {who}"),
                        ));
                    }
                    Some([x, xx, xy])
                }
                None => None,
            };
            Ok(VariantSums {
                units: nf,
                sum,
                squares: square,
                linked,
            })
        })
        .collect()
}
