//! [`analyze_experiment`]: the data checked, each metric's variants and comparisons, the
//! p-values corrected across every comparison, and the verdicts.

use super::bayesian::{beta_chance_to_win, gaussian, sequential};
use super::correction::adjust_p_values;
use super::effect::{compare, Test};
use super::srm::{check_probability, sample_ratio_check};
use super::sums::{pair, variant_sums};
use super::verdict::verdict;
use super::{
    Alternative, Comparison, Correction, Difference, Effect, Engine, ExperimentData,
    ExperimentOptions, ExperimentReport, MetricKind, MetricResult, VariantResult,
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
    check_options(options)?;
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
    let bayesian = options.engine == Engine::Bayesian;
    let mut metrics = Vec::with_capacity(data.metrics.len());
    let mut deciding = Vec::new();
    for (m, metric) in data.metrics.iter().enumerate() {
        let sums = variant_sums(data, m, metric)?;
        let adjusted = metric.covariate.is_some();
        let test = Test {
            kind: metric.kind,
            alpha: options.alpha,
            alternative: options.alternative,
            pooled: options.pooled && !adjusted,
        };
        let variants = sums
            .iter()
            .zip(&data.variants)
            .map(|(v, name)| {
                let e = v.plain(metric.kind);
                VariantResult {
                    variant: name.clone(),
                    units: v.units as u64,
                    value: e.value,
                    std_error: e.value_variance().sqrt(),
                    interval: e.interval(metric.kind, options.alpha),
                }
            })
            .collect();
        let mut comparisons = Vec::with_capacity(k - 1);
        for v in 1..k {
            let (control, treatment) = pair(metric.kind, adjusted, &sums[0], &sums[v]);
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
            let (mut absolute, mut relative, degrees_of_freedom) =
                compare(&test, &control, &treatment);
            if options.sequential {
                let units = control.units + treatment.units;
                for e in std::iter::once(&mut absolute).chain(relative.as_mut()) {
                    sequential(e, units, options.alpha, options.sequential_tuning);
                }
            }
            let decides = deciding_effect(options.difference, &absolute, relative.as_ref());
            deciding.push(decides.p_value);
            let reading = bayesian.then(|| {
                let mut b = gaussian(decides, options.prior.as_ref(), options.alpha);
                if metric.kind == MetricKind::Conversion && !adjusted {
                    b.beta_chance_to_win = Some(beta_chance_to_win(
                        (sums[0].sum, sums[0].units),
                        (sums[v].sum, sums[v].units),
                    ));
                }
                b
            });
            comparisons.push(Comparison {
                variant: data.variants[v].clone(),
                absolute,
                relative,
                degrees_of_freedom,
                adjusted_p_value: None, // set below, after the correction
                bayesian: reading,
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
            let p = next.next().unwrap_or(1.0);
            match &c.bayesian {
                Some(b) => {
                    c.significant =
                        b.chance_to_win > 1.0 - options.alpha || b.chance_to_win < options.alpha;
                }
                None => {
                    c.adjusted_p_value = Some(p);
                    c.significant = p < options.alpha;
                }
            }
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
pub(crate) fn deciding_effect<'a>(
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
        MetricKind::Mean | MetricKind::Ratio => "sum_squares",
    }
}

/// The options' own checks.
fn check_options(o: &ExperimentOptions) -> Result<()> {
    check_probability("alpha", o.alpha)?;
    if o.sequential && o.alternative != Alternative::TwoSided {
        return Err(TouchpointError::config(
            "sequential",
            "sequential testing is two-sided: leave `alternative` at two_sided",
        ));
    }
    if o.engine == Engine::Bayesian {
        if o.sequential {
            return Err(TouchpointError::config(
                "sequential",
                "sequential testing reads p-values: use the frequentist engine",
            ));
        }
        if o.correction != Correction::None {
            return Err(TouchpointError::config(
                "correction",
                "corrections adjust p-values: the Bayesian engine reads chances to win",
            ));
        }
    }
    if let Some(p) = &o.prior {
        if !(p.mean.is_finite() && p.variance.is_finite() && p.variance > 0.0) {
            return Err(TouchpointError::config(
                "prior",
                "a prior is a finite mean and a variance above 0",
            ));
        }
    }
    if !(o.sequential_tuning.is_finite() && o.sequential_tuning > 0.0) {
        return Err(TouchpointError::config(
            "sequential_tuning",
            format!("{} is not a number of units above 0", o.sequential_tuning),
        ));
    }
    Ok(())
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
