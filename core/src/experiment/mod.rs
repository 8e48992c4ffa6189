//! Experiments: A/B (and A/B/n) statistics from each variant's sufficient statistics.
//!
//! An experiment is its variants (the control first), the units (customers) exposed to each,
//! and one or more metrics, each given per variant as a sum (conversions, or the sum of the
//! units' values) and, for a mean, the sum of squares. [`analyze_experiment`] gives, per
//! metric, each variant's value with its interval and each treatment's absolute and relative
//! effect against the control with its interval and p-value, corrected across every
//! comparison when asked; and the sample-ratio check of the exposures against the planned
//! split.
//!
//! - `srm.rs`: the sample-ratio mismatch check (chi-square).
//! - `correction.rs`: Holm-Bonferroni and Benjamini-Hochberg adjusted p-values.
//! - `effect.rs`: one variant's estimate and one comparison's effects (z-tests, Welch's t,
//!   the delta method).
//! - `distributions.rs`: the normal, t and chi-square distributions, from statrs.

mod analyze;
mod correction;
mod distributions;
mod effect;
mod srm;
#[cfg(test)]
mod tests;

pub use analyze::analyze_experiment;
pub use correction::{adjust_p_values, Correction};
pub use srm::{sample_ratio_check, SampleRatioCheck};

use serde::{Deserialize, Serialize};

/// What a metric measures per unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// Whether each unit converted (0 or 1): the sum is the conversions, the value a rate.
    Conversion,
    /// Any number per unit (revenue, time on site, order count): the value is the mean.
    Mean,
}

/// One metric of an experiment, per variant in the experiment's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricData {
    /// The metric's name, as the report shows it (`"conversion"`, `"revenue"`).
    pub name: String,
    /// A conversion rate or a mean.
    pub kind: MetricKind,
    /// Per variant: the conversions (a conversion metric) or the sum of the units' values.
    pub sum: Vec<f64>,
    /// Per variant: the sum of the squares of the units' values (a mean metric; a
    /// conversion's is its sum).
    #[serde(default)]
    pub sum_squares: Option<Vec<f64>>,
    /// Per variant: the units the metric counts, when not every exposed unit (default: the
    /// experiment's `units`).
    #[serde(default)]
    pub units: Option<Vec<u64>>,
}

/// An experiment's data: its variants, their exposed units and the metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentData {
    /// The variants' names, the control first.
    pub variants: Vec<String>,
    /// Per variant: the units (customers) exposed to it.
    pub units: Vec<u64>,
    /// The planned share of each variant, summing to 1 (default: equal shares).
    #[serde(default)]
    pub weights: Option<Vec<f64>>,
    /// The metrics compared.
    pub metrics: Vec<MetricData>,
}

/// Which effects a test looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Alternative {
    /// A treatment differs from the control, either way (the default).
    #[default]
    TwoSided,
    /// A treatment is above the control: intervals have no upper bound.
    Greater,
    /// A treatment is below the control: intervals have no lower bound.
    Less,
}

/// Which effect decides significance and the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Difference {
    /// The relative effect, treatment ÷ control − 1 (the default, as GrowthBook).
    #[default]
    Relative,
    /// The absolute effect, treatment − control.
    Absolute,
}

fn five_percent() -> f64 {
    0.05
}

fn one_in_a_thousand() -> f64 {
    0.001
}

fn yes() -> bool {
    true
}

/// How [`analyze_experiment`] tests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentOptions {
    /// The significance level; intervals have confidence 1 − alpha. Default 0.05.
    #[serde(default = "five_percent")]
    pub alpha: f64,
    /// Two-sided (the default) or one-sided.
    #[serde(default)]
    pub alternative: Alternative,
    /// Which effect decides significance: relative (the default) or absolute.
    #[serde(default)]
    pub difference: Difference,
    /// A conversion's z-test of the absolute effect under the pooled rate (the default, as
    /// statsmodels' `proportions_ztest`); `false` tests with each variant's own rate.
    #[serde(default = "yes")]
    pub pooled: bool,
    /// The correction of p-values across every comparison (treatments × metrics).
    #[serde(default)]
    pub correction: Correction,
    /// The sample-ratio check's p-value below which the split is flagged. Default 0.001.
    #[serde(default = "one_in_a_thousand")]
    pub srm_threshold: f64,
}

impl Default for ExperimentOptions {
    fn default() -> Self {
        ExperimentOptions {
            alpha: 0.05,
            alternative: Alternative::TwoSided,
            difference: Difference::Relative,
            pooled: true,
            correction: Correction::None,
            srm_threshold: 0.001,
        }
    }
}

/// An interval; a bound is `None` when a one-sided test leaves that side open.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// The lower bound, or `None` (unbounded below).
    pub lower: Option<f64>,
    /// The upper bound, or `None` (unbounded above).
    pub upper: Option<f64>,
}

/// One variant's value of a metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantResult {
    /// The variant.
    pub variant: String,
    /// The units the metric counts.
    pub units: u64,
    /// The conversion rate or the mean.
    pub value: f64,
    /// Its standard error.
    pub std_error: f64,
    /// Its interval at 1 − alpha: Wilson's for a rate, Student's t for a mean.
    pub interval: Interval,
}

/// One effect of a treatment against the control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Effect {
    /// The estimate: treatment − control, or treatment ÷ control − 1.
    pub estimate: f64,
    /// Its standard error (unpooled; the delta method for the relative effect).
    pub std_error: f64,
    /// Its interval at 1 − alpha.
    pub interval: Interval,
    /// The test statistic (z, or Welch's t).
    pub statistic: f64,
    /// The p-value, before any correction.
    pub p_value: f64,
}

/// A treatment against the control on one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The treatment.
    pub variant: String,
    /// treatment − control.
    pub absolute: Effect,
    /// treatment ÷ control − 1; `None` when the control's value is 0.
    pub relative: Option<Effect>,
    /// Welch's degrees of freedom (a mean); `None` for a z-test (a conversion).
    pub degrees_of_freedom: Option<f64>,
    /// The p-value of the deciding effect after the correction (equal to it without one).
    pub adjusted_p_value: f64,
    /// Whether the adjusted p-value is below alpha.
    pub significant: bool,
    /// The result in words: "B increased conversion by 26.0% (95% CI 11.0% to 41.0%)…".
    pub verdict: String,
}

/// One metric's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricResult {
    /// The metric's name.
    pub metric: String,
    /// A conversion rate or a mean.
    pub kind: MetricKind,
    /// Each variant's value, in the experiment's order.
    pub variants: Vec<VariantResult>,
    /// Each treatment against the control, in order.
    pub comparisons: Vec<Comparison>,
}

/// What [`analyze_experiment`] gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExperimentReport {
    /// The control's name.
    pub control: String,
    /// The exposures against the planned split.
    pub sample_ratio: SampleRatioCheck,
    /// Per metric, in the data's order.
    pub metrics: Vec<MetricResult>,
}
