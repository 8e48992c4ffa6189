//! Experiments straight from customer events: exposures (`Experiment Viewed`) give each
//! customer's variant, metrics are measured over the customer's events after the first
//! exposure, and the sums go to [`analyze_experiment`](super::analyze_experiment).
//!
//! - `measure.rs`: the metrics, checked and resolved to a dataset's codes, and one
//!   customer's value of each.
//! - `pass.rs`: the single pass (mergeable per-customer sums) and the report.

mod measure;
mod pass;
#[cfg(test)]
mod tests;

pub use pass::ExperimentPass;

use super::{ExperimentData, ExperimentOptions, ExperimentReport, VariantOrder};
use crate::analysis::pass::{run_pass, PassContext};
use crate::{Dataset, Result, StageMap};
use serde::{Deserialize, Serialize};

/// What a metric of [`experiment`] measures per exposed customer, over the customer's events
/// from the first exposure on (exposures themselves excluded), within the metric's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 1 when the customer had an event of one of `kinds`, else 0 (a conversion rate).
    Converted,
    /// 1 when the customer did `steps` in order (other events between allowed), else 0.
    Funnel,
    /// The number of events of `kinds` (every kind but the exposure's when empty): a mean.
    Count,
    /// The sum of the values of events of `kinds` (any event with a value when empty):
    /// revenue per customer, a mean.
    Sum,
    /// Σ numerator ÷ Σ denominator over the customers (each a count or a sum): average order
    /// value, pages per session. By the delta method.
    Ratio,
    /// The customer's last NPS answer: +100 a promoter (9–10), 0 passive, −100 a detractor
    /// (0–6); the mean is the NPS. Only customers who answered count.
    Nps,
    /// The customer's last CSAT answer: 1 when satisfied (4 or 5 of 5), else 0. Only customers
    /// who answered count.
    Csat,
    /// The customer's last CES answer (1–7): a mean. Only customers who answered count.
    Ces,
    /// 1 when the customer had an event of `kinds` (any but the exposure's when empty) on day
    /// `day` after the first exposure (`[day, day + 1)` × 24 h later), else 0. Only
    /// customers exposed at least `day + 1` days before the data's last event count.
    Retained,
}

/// A ratio's numerator or denominator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricPart {
    /// `count` or `sum`.
    pub measure: Measure,
    /// The event kinds counted or summed (see [`Measure::Count`], [`Measure::Sum`]).
    #[serde(default)]
    pub kinds: Vec<String>,
}

/// One metric of an experiment from events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentMetric {
    /// The metric's name in the report.
    pub name: String,
    /// What is measured per customer.
    pub measure: Measure,
    /// The event kinds of `converted`, `count`, `sum` and `retained`, by name.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// A funnel's steps, by kind name, in order (at least two).
    #[serde(default)]
    pub steps: Vec<String>,
    /// A ratio's numerator.
    #[serde(default)]
    pub numerator: Option<MetricPart>,
    /// A ratio's denominator.
    #[serde(default)]
    pub denominator: Option<MetricPart>,
    /// `retained`: the day after the first exposure (1 = the second 24 hours).
    #[serde(default)]
    pub day: Option<u32>,
    /// Only events at most this many seconds after the first exposure count. Default: all
    /// later events. Not with `retained`.
    #[serde(default)]
    pub window_seconds: Option<f64>,
    /// CUPED: the same measure over this many seconds before the first exposure is the
    /// covariate (`converted`, `funnel`, `count` and `sum` only). Default none.
    #[serde(default)]
    pub pre_exposure_seconds: Option<f64>,
}

/// How to break an experiment down: one analysis per group of exposed customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExperimentBreakdown {
    /// By the channel of the customer's first exposure (`"channel"`).
    Channel,
    /// By the journey stage reached before the first exposure (`"stage"`); `"(none)"` when
    /// no earlier event signals one.
    Stage,
    /// By a customer trait (`{"trait": "plan"}`); `"(none)"` without it.
    Trait(String),
}

fn experiment_viewed() -> String {
    "experiment_viewed".into()
}
fn experiment_id() -> String {
    "experiment_id".into()
}
fn variation_id() -> String {
    "variation_id".into()
}

/// Options of [`experiment`]. `experiment_id` and `metrics` are required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentEventOptions {
    /// The experiment analysed: the exposures whose `experiment_property` is this.
    pub experiment_id: String,
    /// The kind of an exposure event. Default `experiment_viewed` (Segment's
    /// `Experiment Viewed`).
    #[serde(default = "experiment_viewed")]
    pub exposure_kind: String,
    /// The exposure property naming the experiment. Default `experiment_id`.
    #[serde(default = "experiment_id")]
    pub experiment_property: String,
    /// The exposure property naming the variant. Default `variation_id`.
    #[serde(default = "variation_id")]
    pub variant_property: String,
    /// The variants in order, the control first. Default: the variants exposed, ordered as
    /// [`VariantOrder`] says (`control` first, then natural order).
    #[serde(default)]
    pub variants: Option<Vec<String>>,
    /// The control, when `variants` is not given. Default: the first in natural order.
    #[serde(default)]
    pub control: Option<String>,
    /// The planned share of each variant in the final order, summing to 1 (default equal).
    #[serde(default)]
    pub weights: Option<Vec<f64>>,
    /// The metrics (at least one).
    pub metrics: Vec<ExperimentMetric>,
    /// One more analysis per group. Default none.
    #[serde(default)]
    pub breakdown: Option<ExperimentBreakdown>,
    /// How the variants are compared (alpha, correction, engine …).
    #[serde(default)]
    pub statistics: ExperimentOptions,
}

impl Default for ExperimentEventOptions {
    /// No experiment and no metric (refused as they are): the other options' defaults.
    fn default() -> Self {
        ExperimentEventOptions {
            experiment_id: String::new(),
            exposure_kind: experiment_viewed(),
            experiment_property: experiment_id(),
            variant_property: variation_id(),
            variants: None,
            control: None,
            weights: None,
            metrics: Vec::new(),
            breakdown: None,
            statistics: ExperimentOptions::default(),
        }
    }
}

impl ExperimentEventOptions {
    /// The variants' order, control and split.
    pub(crate) fn order(&self) -> VariantOrder {
        VariantOrder {
            variants: self.variants.clone(),
            control: self.control.clone(),
            weights: self.weights.clone(),
        }
    }
}

/// Exposed customers left out of the analysis, and why: never silently.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExposureExclusions {
    /// Customers exposed to more than one variant.
    pub multiple_variants: u64,
    /// Customers whose variant is not one of the listed `variants`.
    pub unlisted_variant: u64,
    /// Exposure events of the experiment without the variant property (skipped; a customer
    /// with only such exposures is not exposed).
    pub exposures_without_variant: u64,
}

/// A metric left out of an analysis because its data cannot be tested (no answers in a
/// variant, no variance …); the other metrics are analysed without it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkippedMetric {
    /// The metric's name.
    pub metric: String,
    /// Why, as the statistics refused it.
    pub reason: String,
}

/// The analysis of one breakdown group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExperimentGroup {
    /// The group's value (a channel, a stage, a trait value).
    pub group: String,
    /// Its exposed customers per variant, in the experiment's order.
    pub exposed: Vec<u64>,
    /// Its analysis; `None` when the group's data cannot be analysed (see `note`).
    pub report: Option<ExperimentReport>,
    /// The metrics left out of the group's analysis, and why.
    pub skipped_metrics: Vec<SkippedMetric>,
    /// Why there is no analysis (a variant without customers in the group …).
    pub note: Option<String>,
}

/// What [`experiment`] gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExperimentEventReport {
    /// The experiment.
    pub experiment_id: String,
    /// The variants, the control first.
    pub variants: Vec<String>,
    /// The customers analysed per variant (exposed to it and to no other).
    pub exposed: Vec<u64>,
    /// Exposed customers left out, and why.
    pub excluded: ExposureExclusions,
    /// The sums behind the analysis, ready for [`analyze_experiment`](super::analyze_experiment).
    pub data: ExperimentData,
    /// The analysis over every exposed customer; `None` when the data cannot be tested yet
    /// (a variant with a single customer, no variation in any metric): see `note`.
    pub report: Option<ExperimentReport>,
    /// Why there is no analysis.
    pub note: Option<String>,
    /// The metrics left out of `report`, and why (they stay in `data`).
    pub skipped_metrics: Vec<SkippedMetric>,
    /// One analysis per breakdown group, most customers first; empty without a breakdown.
    pub breakdown: Vec<ExperimentGroup>,
}

/// Analyses an experiment from the dataset's events, in one parallel pass.
///
/// A customer's variant is the one of their first exposure (an event of `exposure_kind`
/// whose `experiment_property` is `experiment_id`). Customers exposed to two variants are
/// counted and left out. Each metric is measured from the first exposure on (see
/// [`Measure`]) and the sums are compared by [`analyze_experiment`](super::analyze_experiment)
/// with `statistics`.
///
/// A metric whose data cannot be tested (no answers in a variant, no variance) is left out
/// and listed in `skipped_metrics`; the others are analysed together.
///
/// When the exposed customers cannot be tested at all yet (a variant with one customer, no
/// variation in any metric), `report` is `None` and `note` says why: a young experiment is
/// not an error.
///
/// Errors (`INVALID_CONFIG`): an unknown option, a metric missing what its measure needs, no
/// exposure of the experiment at all, a listed variant no customer was exposed to.
pub fn experiment(
    data: &Dataset,
    options: &ExperimentEventOptions,
) -> Result<ExperimentEventReport> {
    let pass = ExperimentPass::new(data, options)?;
    let ctx = PassContext::new(data, &StageMap::default());
    run_pass(&ctx, pass).finish()
}
