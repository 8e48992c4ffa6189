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
//! - `events/`: an experiment straight from customer events (exposures, metrics measured
//!   after the first exposure), in the single pass.
//! - `from_rows.rs`: the sums of raw rows (one per unit), and the variants' order.
//! - `sums.rs`: each variant's sums checked, and the estimates made from them (rates, means,
//!   ratios by the delta method, CUPED adjustment by a pre-experiment covariate).
//! - `bayesian.rs`: the Gaussian effect model (chance to win, risk), the exact Beta chance to
//!   win of a rate, and the sequential confidence sequence.
//! - `srm.rs`: the sample-ratio mismatch check (chi-square).
//! - `power.rs`: sample size and minimum detectable effect (statsmodels' `NormalIndPower`).
//! - `nps_difference.rs`: the difference in NPS between two groups (trinomial variance).
//! - `correction.rs`: Holm-Bonferroni and Benjamini-Hochberg adjusted p-values.
//! - `effect.rs`: one variant's estimate and one comparison's effects (z-tests, Welch's t,
//!   the delta method).
//! - `distributions.rs`: the normal, t and chi-square distributions, from statrs.

mod analyze;
mod bayesian;
mod correction;
pub(crate) mod distributions;
pub(crate) mod effect;
mod events;
mod from_rows;
mod nps_difference;
mod power;
mod srm;
mod sums;
#[cfg(test)]
mod tests;
mod verdict;

pub use analyze::analyze_experiment;
pub use correction::{adjust_p_values, Correction};
pub use events::{
    experiment, ExperimentBreakdown, ExperimentEventOptions, ExperimentEventReport,
    ExperimentGroup, ExperimentMetric, ExperimentPass, ExposureExclusions, Measure, MetricPart,
    SkippedMetric,
};
pub use from_rows::{
    experiment_from_records, experiment_from_rows, RowMetric, RowOptions, VariantOrder,
};
pub use nps_difference::{nps_difference, NpsCounts, NpsDifference, NpsEstimate};
pub use power::{
    minimum_detectable_effect, sample_size, DetectableEffect, PowerOptions, SampleSize,
};
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
    /// A ratio of two sums over the units (click-through rate = clicks ÷ views, average
    /// order value = revenue ÷ orders, pages per session): Σ value ÷ Σ denominator, its
    /// variance by the delta method. Needs `denominator`.
    Ratio,
}

/// The sums of a second value per unit, per variant: a ratio's denominator, or a
/// pre-experiment covariate (the same metric before exposure, for CUPED).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkedSums {
    /// Per variant: the sum of the second value x.
    pub sum: Vec<f64>,
    /// Per variant: the sum of x².
    pub sum_squares: Vec<f64>,
    /// Per variant: the sum of x × the metric's value.
    pub sum_of_products: Vec<f64>,
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
    /// Per variant: the sum of the squares of the units' values (a mean or a ratio's
    /// numerator; a conversion's is its sum, so it is left out).
    #[serde(default)]
    pub sum_squares: Option<Vec<f64>>,
    /// A ratio's denominator (a ratio metric only).
    #[serde(default)]
    pub denominator: Option<LinkedSums>,
    /// A pre-experiment covariate: each treatment and the control are then compared on the
    /// values adjusted by it (CUPED), which narrows the intervals when it predicts the metric.
    #[serde(default)]
    pub covariate: Option<LinkedSums>,
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

fn five_thousand() -> f64 {
    5000.0
}

/// How effects are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// p-values and confidence intervals (the default).
    #[default]
    Frequentist,
    /// Also a posterior: chance to win, risk and a credible interval (gbstats' Gaussian
    /// effect model); significance then means a chance to win above 1 − alpha or below alpha.
    Bayesian,
}

/// A proper Gaussian prior on the deciding effect (relative or absolute, as `difference`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prior {
    /// The prior mean of the effect.
    pub mean: f64,
    /// The prior variance (above 0).
    pub variance: f64,
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
    /// Frequentist (the default) or Bayesian.
    #[serde(default)]
    pub engine: Engine,
    /// The Bayesian engine's prior on the deciding effect; default none (flat, as gbstats).
    #[serde(default)]
    pub prior: Option<Prior>,
    /// Sequential testing: intervals and p-values that stay valid when the results are
    /// looked at again and again (two-sided, frequentist). Default false.
    #[serde(default)]
    pub sequential: bool,
    /// The sequential test's tuning: the total units at which its intervals are narrowest
    /// relative to a fixed-horizon test. Default 5000 (GrowthBook's).
    #[serde(default = "five_thousand")]
    pub sequential_tuning: f64,
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
            engine: Engine::Frequentist,
            prior: None,
            sequential: false,
            sequential_tuning: 5000.0,
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
    /// The p-value of the deciding effect after the correction (equal to it without one);
    /// `None` with the Bayesian engine.
    pub adjusted_p_value: Option<f64>,
    /// The Bayesian reading of the deciding effect (the Bayesian engine only).
    pub bayesian: Option<BayesianResult>,
    /// Frequentist: the adjusted p-value is below alpha. Bayesian: the chance to win is
    /// above 1 − alpha (a winner) or below alpha (a loser).
    pub significant: bool,
    /// The result in words: "B increased conversion by 26.0% (95% CI 11.0% to 41.0%)…".
    pub verdict: String,
}

/// The Bayesian reading of a treatment's deciding effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BayesianResult {
    /// The posterior mean of the effect.
    pub effect: f64,
    /// The posterior standard deviation.
    pub std_dev: f64,
    /// The credible interval at 1 − alpha.
    pub credible_interval: Interval,
    /// The chance that the treatment beats the control (effect > 0).
    pub chance_to_win: f64,
    /// The expected loss of keeping the control, should the treatment be better.
    pub risk_control: f64,
    /// The expected loss of shipping the treatment, should it be worse.
    pub risk_treatment: f64,
    /// A conversion only: P(treatment's rate > control's) under uniform Beta priors, exact.
    pub beta_chance_to_win: Option<f64>,
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
