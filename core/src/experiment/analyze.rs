//! [`analyze_experiment`]: the data checked, each metric's variants and comparisons, the
//! p-values corrected across every comparison, and the verdicts.

use super::correction::adjust_p_values;
use super::effect::{compare, Estimate, Test};
use super::srm::{check_probability, sample_ratio_check};
use super::{
    Alternative, Comparison, Difference, Effect, ExperimentData, ExperimentOptions,
    ExperimentReport, MetricData, MetricKind, MetricResult, VariantResult,
};
use crate::model::error::{RecordRef, Result, TouchpointError};

/// Analyses an A/B (or A/B/n) test from each variant's sufficient statistics: per metric,
/// each variant's value with its interval (Wilson's for a conversion rate, Student's t for a
/// mean) and each treatment against the control (the first variant):
///
/// - a conversion: the two-proportion z-test (under the pooled rate by default, as
///   statsmodels' `proportions_ztest`; each variant's own rate with `pooled: false`), the
///   difference's interval from the unpooled standard error;
/// - a mean: Welch's t-test (scipy's `ttest_ind(equal_var=False)`), its interval with
///   Welch's degrees of freedom;
/// - both: the relative effect (treatment ÷ control − 1) with the delta method's standard
///   error (GrowthBook's frequentist engine), tested the same way.
///
/// The deciding p-values (relative or absolute, `difference`) are corrected across every
/// treatment and metric (`correction`); the exposures are checked against the planned split
/// (`weights`), flagged below `srm_threshold`. Each comparison ends with a verdict in words.
///
/// Bad data is refused with a typed error naming the field (`metrics[1].sum`) and the
/// variant (`record N`, its 1-based position): fewer than two variants or a repeated name,
/// lists of the wrong length, a variant without units (or with one, for a mean), negative or
/// non-finite sums, more conversions than units, a variance of zero in both variants, weights
/// that do not sum to 1, alpha or the threshold outside (0, 1).
pub fn analyze_experiment(
    data: &ExperimentData,
    options: &ExperimentOptions,
) -> Result<ExperimentReport> {
    check_probability("alpha", options.alpha)?;
    let k = data.variants.len();
    check_variants(data)?;
    let sample_ratio =
        sample_ratio_check(&data.units, data.weights.as_deref(), options.srm_threshold)?;
    if data.metrics.is_empty() {
        return Err(TouchpointError::config(
            "metrics",
            "no metric to compare: give at least one",
        ));
    }
    let mut metrics = Vec::with_capacity(data.metrics.len());
    let mut deciding = Vec::new();
    for (m, metric) in data.metrics.iter().enumerate() {
        let estimates = estimates(data, m, metric)?;
        let test = Test {
            kind: metric.kind,
            alpha: options.alpha,
            alternative: options.alternative,
            pooled: options.pooled,
        };
        let variants = estimates
            .iter()
            .zip(&data.variants)
            .map(|((units, e), name)| VariantResult {
                variant: name.clone(),
                units: *units,
                value: e.value,
                std_error: e.value_variance().sqrt(),
                interval: e.interval(metric.kind, options.alpha),
            })
            .collect();
        let control = &estimates[0].1;
        let mut comparisons = Vec::with_capacity(k - 1);
        for (v, (_, treatment)) in estimates.iter().enumerate().skip(1) {
            if control.variance == 0.0 && treatment.variance == 0.0 {
                return Err(TouchpointError::invalid(
                    RecordRef::Record(v as u64 + 1),
                    format!("metrics[{m}].{}", values_field(metric.kind)),
                    format!(
                        "metric `{}`: every unit of `{}` and of `{}` has the same value \
                         (a variance of zero): there is nothing to test",
                        metric.name, data.variants[0], data.variants[v]
                    ),
                ));
            }
            let (absolute, relative, degrees_of_freedom) = compare(&test, control, treatment);
            let decides = deciding_effect(options.difference, &absolute, relative.as_ref());
            deciding.push(decides.p_value);
            comparisons.push(Comparison {
                variant: data.variants[v].clone(),
                absolute,
                relative,
                degrees_of_freedom,
                adjusted_p_value: f64::NAN, // set below, after the correction
                significant: false,
                verdict: String::new(),
            });
        }
        metrics.push(MetricResult {
            metric: metric.name.clone(),
            kind: metric.kind,
            variants,
            comparisons,
        });
    }
    let adjusted = adjust_p_values(&deciding, options.correction)?;
    let mut next = adjusted.into_iter();
    for metric in &mut metrics {
        for c in &mut metric.comparisons {
            c.adjusted_p_value = next.next().unwrap_or(1.0);
            c.significant = c.adjusted_p_value < options.alpha;
            c.verdict = verdict(options, &metric.metric, metric.kind, &data.variants[0], c);
        }
    }
    Ok(ExperimentReport {
        control: data.variants[0].clone(),
        sample_ratio,
        metrics,
    })
}

/// The effect that decides: the relative one when asked and defined, else the absolute.
fn deciding_effect<'a>(
    difference: Difference,
    absolute: &'a Effect,
    relative: Option<&'a Effect>,
) -> &'a Effect {
    match (difference, relative) {
        (Difference::Relative, Some(r)) => r,
        _ => absolute,
    }
}

fn values_field(kind: MetricKind) -> &'static str {
    match kind {
        MetricKind::Conversion => "sum",
        MetricKind::Mean => "sum_squares",
    }
}

/// At least two variants, named once each, with their units.
fn check_variants(data: &ExperimentData) -> Result<()> {
    let k = data.variants.len();
    if k < 2 {
        return Err(TouchpointError::config(
            "variants",
            format!("an experiment compares at least two variants (the control first), got {k}"),
        ));
    }
    for (i, name) in data.variants.iter().enumerate() {
        if name.is_empty() || data.variants[..i].contains(name) {
            return Err(TouchpointError::invalid(
                RecordRef::Record(i as u64 + 1),
                "variants",
                format!("variant name `{name}` is empty or repeated: each variant has its own"),
            ));
        }
    }
    if data.units.len() != k {
        return Err(TouchpointError::config(
            "units",
            format!(
                "{} unit counts for {k} variants: one per variant",
                data.units.len()
            ),
        ));
    }
    Ok(())
}

/// A per-variant list of the metric, checked for length.
fn per_variant<'a, T>(list: &'a [T], k: usize, m: usize, field: &str) -> Result<&'a [T]> {
    if list.len() == k {
        Ok(list)
    } else {
        Err(TouchpointError::config(
            format!("metrics[{m}].{field}"),
            format!("{} values for {k} variants: one per variant", list.len()),
        ))
    }
}

/// Each variant's units and estimate of metric `m`, its numbers checked.
fn estimates(data: &ExperimentData, m: usize, metric: &MetricData) -> Result<Vec<(u64, Estimate)>> {
    let k = data.variants.len();
    let units = per_variant(
        metric.units.as_deref().unwrap_or(&data.units),
        k,
        m,
        "units",
    )?;
    let sums = per_variant(&metric.sum, k, m, "sum")?;
    let squares = match (metric.kind, &metric.sum_squares) {
        (MetricKind::Mean, Some(s)) => Some(per_variant(s, k, m, "sum_squares")?),
        (MetricKind::Mean, None) => {
            return Err(TouchpointError::config(
                format!("metrics[{m}].sum_squares"),
                format!(
                    "metric `{}` is a mean: its variance needs the sum of squares",
                    metric.name
                ),
            ))
        }
        (MetricKind::Conversion, Some(_)) => {
            return Err(TouchpointError::config(
                format!("metrics[{m}].sum_squares"),
                format!(
                "metric `{}` is a conversion: each unit is 0 or 1, so leave out the sum of squares",
                metric.name
            ),
            ))
        }
        (MetricKind::Conversion, None) => None,
    };
    let fewest = if metric.kind == MetricKind::Mean {
        2
    } else {
        1
    };
    (0..k)
        .map(|v| {
            let record = RecordRef::Record(v as u64 + 1);
            let field = |name: &str| format!("metrics[{m}].{name}");
            let out_of_range =
                |name: &str, value: String, expected: String| TouchpointError::OutOfRange {
                    record,
                    field: field(name),
                    value,
                    expected,
                };
            let (n, sum) = (units[v], sums[v]);
            let who = format!("variant `{}` of metric `{}`", data.variants[v], metric.name);
            if n < fewest {
                return Err(out_of_range(
                    "units",
                    n.to_string(),
                    format!("at least {fewest} unit(s) for {who}: nothing to compare without them"),
                ));
            }
            let square = match squares {
                Some(s) => s[v],
                None => sum,
            };
            match metric.kind {
                MetricKind::Conversion => {
                    let whole = sum.fract() == 0.0;
                    if !(sum.is_finite() && sum >= 0.0 && whole && sum <= n as f64) {
                        return Err(out_of_range(
                            "sum",
                            sum.to_string(),
                            format!(
                                "a whole number of conversions from 0 to the {n} units of {who}"
                            ),
                        ));
                    }
                }
                MetricKind::Mean => {
                    if !sum.is_finite() {
                        return Err(out_of_range(
                            "sum",
                            sum.to_string(),
                            format!("a finite sum for {who}"),
                        ));
                    }
                    // Σx² ≥ (Σx)²/n, up to rounding.
                    let least = sum * sum / n as f64;
                    if !(square.is_finite() && square >= least * (1.0 - 1e-12)) {
                        return Err(out_of_range(
                            "sum_squares",
                            square.to_string(),
                            format!("at least sum² / units = {least} for {who}"),
                        ));
                    }
                }
            }
            Ok((n, Estimate::new(metric.kind, n, sum, square)))
        })
        .collect()
}

/// A number with four significant digits.
fn short(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let digits = (3 - x.abs().log10().floor() as i32).clamp(0, 12) as usize;
    format!("{x:.digits$}")
}

/// The result in words, e.g. "B increased conversion by 26.0% (95% CI 11.0% to 41.0%;
/// p = 0.0003): significant at alpha = 0.05".
fn verdict(
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
    let direction = if e.estimate > 0.0 {
        "increased"
    } else if e.estimate < 0.0 {
        "decreased"
    } else {
        "did not change"
    };
    // 95, 99.5: the level without trailing zeros.
    let confidence = (100.0 * (1.0 - o.alpha) * 1e6).round() / 1e6;
    let interval = match (e.interval.lower, e.interval.upper) {
        (Some(lo), Some(hi)) => format!("{confidence}% CI {} to {}", show(lo), show(hi)),
        (Some(lo), None) => format!("{confidence}% CI above {}", show(lo)),
        (None, Some(hi)) => format!("{confidence}% CI below {}", show(hi)),
        (None, None) => format!("{confidence}% CI unbounded"),
    };
    let p = if c.adjusted_p_value < 1e-4 {
        "p < 0.0001".to_string()
    } else {
        format!("p = {}", short(c.adjusted_p_value))
    };
    let adjusted = if o.correction == super::Correction::None {
        ""
    } else {
        "adjusted "
    };
    let against = match o.alternative {
        Alternative::TwoSided => "",
        Alternative::Greater => ", one-sided: above",
        Alternative::Less => ", one-sided: below",
    };
    let amount = if e.estimate == 0.0 {
        String::new()
    } else {
        format!(" by {}", show(e.estimate.abs()))
    };
    let judged = if c.significant {
        format!("significant at alpha = {}", o.alpha)
    } else {
        format!(
            "not significant at alpha = {} (the data are consistent with no effect)",
            o.alpha
        )
    };
    format!(
        "{} {direction} {metric}{amount} against {control} ({interval}; {adjusted}{p}{against}): {judged}",
        c.variant
    )
}
