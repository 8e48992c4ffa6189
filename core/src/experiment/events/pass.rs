//! The single pass of an experiment from events: each customer's variant and metric values,
//! summed per variant (and per breakdown group); mergeable range by range.

use super::measure::{Metric, Value};
use super::{
    ExperimentBreakdown, ExperimentEventOptions, ExperimentEventReport, ExperimentGroup,
    ExposureExclusions, Measure, SkippedMetric,
};
use crate::analysis::pass::{CustomerPass, MergeablePass, PassContext};
use crate::experiment::{
    analyze_experiment, ExperimentData, ExperimentOptions, ExperimentReport, LinkedSums,
    MetricData, MetricKind,
};
use crate::{CustomerEvents, Dataset, EventKind, Result, TouchpointError};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

/// One metric's sums over the customers of one variant: y (the value), x (a ratio's
/// denominator) and c (the CUPED covariate).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Sums {
    units: u64,
    y: f64,
    yy: f64,
    x: f64,
    xx: f64,
    xy: f64,
    c: f64,
    cc: f64,
    cy: f64,
}

impl Sums {
    fn add(&mut self, (y, x): Value, c: f64) {
        self.units += 1;
        self.y += y;
        self.yy += y * y;
        self.x += x;
        self.xx += x * x;
        self.xy += x * y;
        self.c += c;
        self.cc += c * c;
        self.cy += c * y;
    }
}

/// The customers of one variant (in one group) and their metric sums.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Cell {
    customers: u64,
    metrics: Vec<Sums>,
}

/// Names numbered in order of first sight.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Names {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Names {
    fn of(&mut self, name: Cow<'_, str>) -> usize {
        if let Some(&i) = self.index.get(name.as_ref()) {
            return i;
        }
        self.names.push(name.to_string());
        self.index.insert(name.into_owned(), self.names.len() - 1);
        self.names.len() - 1
    }
}

/// The pass of [`experiment`](super::experiment).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExperimentPass {
    options: ExperimentEventOptions,
    exposure: Option<u16>,
    metrics: Vec<Metric>,
    /// The data's last event time (for retention days), ms.
    end: i64,
    variants: Names,
    groups: Names,
    /// Per exposed customer, in customer order: the variant's number in `variants`.
    variant_of: Vec<u32>,
    /// Per exposed customer: the breakdown group's number in `groups` (with a breakdown).
    group_of: Vec<u32>,
    /// Per exposed customer, per metric: y (NaN when the customer is not a unit of the
    /// metric), then a ratio's x, then the covariate c. The sums are made in customer order
    /// when the pass finishes, so they are the same however the customers were split.
    values: Vec<f64>,
    excluded: ExposureExclusions,
}

/// A property value as text: strings as they are, numbers and booleans as JSON writes them.
fn text(v: Option<&serde_json::Value>) -> Option<Cow<'_, str>> {
    match v? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(Cow::Borrowed(s.as_str())),
        other => Some(Cow::Owned(other.to_string())),
    }
}

impl ExperimentPass {
    /// Checks `options` against `data`.
    pub fn new(data: &Dataset, options: &ExperimentEventOptions) -> Result<ExperimentPass> {
        if options.experiment_id.is_empty() {
            return Err(TouchpointError::config(
                "experiment_id",
                "name the experiment",
            ));
        }
        if options.metrics.is_empty() {
            return Err(TouchpointError::config(
                "metrics",
                "no metric: give at least one",
            ));
        }
        let kind = EventKind::parse(&options.exposure_kind).ok_or_else(|| {
            TouchpointError::config("exposure_kind", "an empty event kind names nothing")
        })?;
        let metrics = (options.metrics.iter().enumerate())
            .map(|(i, m)| Metric::new(data, m, i))
            .collect::<Result<_>>()?;
        Ok(ExperimentPass {
            options: options.clone(),
            exposure: data.kind_code(&kind),
            metrics,
            end: data.time_range().map_or(i64::MIN, |r| r.1 .0),
            variants: Names::default(),
            groups: Names::default(),
            variant_of: Vec::new(),
            group_of: Vec::new(),
            values: Vec::new(),
            excluded: ExposureExclusions::default(),
        })
    }

    /// The customer's first exposure (row, variant), or none; counts what is left out.
    fn exposure<'e>(&mut self, ev: &'e CustomerEvents<'_>) -> Option<(usize, Cow<'e, str>)> {
        let code = self.exposure?;
        let o = &self.options;
        let mut first: Option<(usize, Cow<'e, str>)> = None;
        let mut multiple = false;
        let mut without_variant = 0;
        for i in 0..ev.len() {
            if ev.kind[i] != code
                || text(ev.property(i, &o.experiment_property)).as_deref()
                    != Some(o.experiment_id.as_str())
            {
                continue;
            }
            match (text(ev.property(i, &o.variant_property)), &first) {
                (None, _) => without_variant += 1,
                (Some(v), None) => first = Some((i, v)),
                (Some(v), Some(f)) => multiple |= v != f.1,
            }
        }
        self.excluded.exposures_without_variant += without_variant;
        let first = first?;
        if multiple {
            self.excluded.multiple_variants += 1;
            return None;
        }
        if let Some(list) = &o.variants {
            if !list.iter().any(|v| *v == first.1) {
                self.excluded.unlisted_variant += 1;
                return None;
            }
        }
        Some(first)
    }

    fn group(
        &self,
        ctx: &PassContext<'_>,
        ev: &CustomerEvents<'_>,
        first: usize,
    ) -> Option<String> {
        Some(match self.options.breakdown.as_ref()? {
            ExperimentBreakdown::Channel => {
                ctx.data.channel_name(ev.channel[first]).as_str().into()
            }
            ExperimentBreakdown::Stage => (0..first)
                .filter_map(|i| ctx.stage(ev.kind[i]))
                .max()
                .map_or("(none)".into(), |s| s.as_str().into()),
            ExperimentBreakdown::Trait(name) => {
                text(ctx.data.traits(ev.index).get(name)).map_or("(none)".into(), Cow::into_owned)
            }
        })
    }
}

impl CustomerPass for ExperimentPass {
    fn customer(&mut self, ctx: &PassContext<'_>, ev: &CustomerEvents<'_>) {
        let Some((first, variant)) = self.exposure(ev) else {
            return;
        };
        let t0 = ev.ts[first];
        for m in &self.metrics {
            let (y, x) = m
                .after(ev, t0, self.end, self.exposure)
                .unwrap_or((f64::NAN, 0.0));
            self.values.push(y);
            if m.measure == Measure::Ratio {
                self.values.push(x);
            }
            if m.pre.is_some() {
                self.values.push(m.before(ev, t0, self.exposure));
            }
        }
        if let Some(group) = self.group(ctx, ev, first) {
            let g = self.groups.of(Cow::Owned(group));
            self.group_of.push(g as u32);
        }
        let v = self.variants.of(variant);
        self.variant_of.push(v as u32);
    }
}

impl MergeablePass for ExperimentPass {
    fn merge(&mut self, later: Self) {
        let vmap: Vec<u32> = (later.variants.names.into_iter())
            .map(|n| self.variants.of(Cow::Owned(n)) as u32)
            .collect();
        let gmap: Vec<u32> = (later.groups.names.into_iter())
            .map(|n| self.groups.of(Cow::Owned(n)) as u32)
            .collect();
        (self.variant_of).extend(later.variant_of.iter().map(|&v| vmap[v as usize]));
        (self.group_of).extend(later.group_of.iter().map(|&g| gmap[g as usize]));
        self.values.extend(later.values);
        self.excluded.multiple_variants += later.excluded.multiple_variants;
        self.excluded.unlisted_variant += later.excluded.unlisted_variant;
        self.excluded.exposures_without_variant += later.excluded.exposures_without_variant;
    }
}

/// The analysis of `data`'s metrics that can be tested, and the others with the reason. When
/// none can (or the variants themselves are refused), the whole analysis's error.
fn analyze_usable(
    data: &ExperimentData,
    o: &ExperimentOptions,
) -> Result<(ExperimentReport, Vec<SkippedMetric>)> {
    let whole = match analyze_experiment(data, o) {
        Ok(r) => return Ok((r, Vec::new())),
        Err(e) => e,
    };
    let mut usable = ExperimentData {
        metrics: Vec::new(),
        ..data.clone()
    };
    let mut skipped = Vec::new();
    for m in &data.metrics {
        let one = ExperimentData {
            metrics: vec![m.clone()],
            ..usable.clone()
        };
        match analyze_experiment(&one, o) {
            Ok(_) => usable.metrics.push(m.clone()),
            Err(e) => skipped.push(SkippedMetric {
                metric: m.name.clone(),
                reason: e.to_string(),
            }),
        }
    }
    if usable.metrics.is_empty() {
        return Err(whole);
    }
    Ok((analyze_experiment(&usable, o)?, skipped))
}

/// Adds one customer's `values` (laid out as [`ExperimentPass::values`]) to `cell`.
fn add(cell: &mut Cell, metrics: &[Metric], values: &[f64]) {
    if cell.metrics.is_empty() {
        cell.metrics = vec![Sums::default(); metrics.len()];
    }
    cell.customers += 1;
    let mut at = 0;
    for (s, m) in cell.metrics.iter_mut().zip(metrics) {
        let y = values[at];
        at += 1;
        let x = if m.measure == Measure::Ratio {
            at += 1;
            values[at - 1]
        } else {
            0.0
        };
        let c = if m.pre.is_some() {
            at += 1;
            values[at - 1]
        } else {
            0.0
        };
        if !y.is_nan() {
            s.add((y, x), c);
        }
    }
}

impl ExperimentPass {
    /// The report: the overall analysis, then one per breakdown group.
    pub fn finish(self) -> Result<ExperimentEventReport> {
        let o = &self.options;
        if self.variants.names.is_empty() {
            let left_out = self.excluded.multiple_variants + self.excluded.unlisted_variant;
            return Err(TouchpointError::config(
                "experiment_id",
                if left_out > 0 {
                    format!(
                        "every customer exposed to `{}` was left out ({} exposed to more than one \
                         variant, {} to an unlisted one)",
                        o.experiment_id,
                        self.excluded.multiple_variants,
                        self.excluded.unlisted_variant
                    )
                } else {
                    format!(
                        "no customer was exposed to `{}`: no `{}` event has {} = `{}` and a `{}` \
                         (a dataset read from Arrow columns has no event properties)",
                        o.experiment_id,
                        o.exposure_kind,
                        o.experiment_property,
                        o.experiment_id,
                        o.variant_property
                    )
                },
            ));
        }
        let order = o.order().order(&self.variants.names)?;
        let (k, stride) = (self.variants.names.len(), self.stride());
        let mut overall = vec![Cell::default(); k];
        let mut cells = vec![vec![Cell::default(); k]; self.groups.names.len()];
        for (c, values) in self.values.chunks_exact(stride.max(1)).enumerate() {
            let v = self.variant_of[c] as usize;
            add(&mut overall[v], &self.metrics, values);
            if let Some(&g) = self.group_of.get(c) {
                add(&mut cells[g as usize][v], &self.metrics, values);
            }
        }
        let data = self.data(&order, &overall);
        if let Some(v) = (order.iter().zip(&data.units)).find(|(_, &n)| n == 0) {
            return Err(TouchpointError::config(
                "variants",
                format!(
                    "no customer was exposed to the listed variant `{}` of `{}`",
                    v.0, o.experiment_id
                ),
            ));
        }
        let (report, note, skipped_metrics) = match analyze_usable(&data, &o.statistics) {
            Ok((r, skipped)) => (Some(r), None, skipped),
            Err(e) => (None, Some(e.to_string()), Vec::new()),
        };
        let mut breakdown: Vec<ExperimentGroup> = (self.groups.names.iter().zip(&cells))
            .map(|(name, cells)| {
                let d = self.data(&order, cells);
                let (report, skipped_metrics, note) = match analyze_usable(&d, &o.statistics) {
                    Ok((r, skipped)) => (Some(r), skipped, None),
                    Err(e) => (None, Vec::new(), Some(e.to_string())),
                };
                ExperimentGroup {
                    group: name.clone(),
                    exposed: d.units,
                    report,
                    skipped_metrics,
                    note,
                }
            })
            .collect();
        breakdown.sort_by(|a, b| {
            let total = |g: &ExperimentGroup| g.exposed.iter().sum::<u64>();
            total(b).cmp(&total(a)).then_with(|| a.group.cmp(&b.group))
        });
        Ok(ExperimentEventReport {
            experiment_id: o.experiment_id.clone(),
            variants: order,
            exposed: data.units.clone(),
            excluded: self.excluded.clone(),
            data,
            report,
            note,
            skipped_metrics,
            breakdown,
        })
    }

    /// The numbers kept per exposed customer.
    fn stride(&self) -> usize {
        (self.metrics.iter())
            .map(|m| 1 + usize::from(m.measure == Measure::Ratio) + usize::from(m.pre.is_some()))
            .sum()
    }

    /// The sums of `cells` (per variant in first-sight order) in the variants' `order`.
    fn data(&self, order: &[String], cells: &[Cell]) -> ExperimentData {
        let empty = Cell::default();
        let cell_of: Vec<&Cell> = (order.iter())
            .map(|n| {
                self.variants
                    .index
                    .get(n)
                    .and_then(|&i| cells.get(i))
                    .unwrap_or(&empty)
            })
            .collect();
        let sums = |m: usize| -> Vec<Sums> {
            (cell_of.iter())
                .map(|c| c.metrics.get(m).cloned().unwrap_or_default())
                .collect()
        };
        let metrics = (self.options.metrics.iter().zip(&self.metrics).enumerate())
            .map(|(m, (spec, metric))| {
                let s = sums(m);
                let pick = |f: fn(&Sums) -> f64| s.iter().map(f).collect::<Vec<f64>>();
                let kind = match metric.measure {
                    Measure::Converted | Measure::Funnel | Measure::Retained | Measure::Csat => {
                        MetricKind::Conversion
                    }
                    Measure::Ratio => MetricKind::Ratio,
                    _ => MetricKind::Mean,
                };
                let linked =
                    |a: fn(&Sums) -> f64, b: fn(&Sums) -> f64, c: fn(&Sums) -> f64| LinkedSums {
                        sum: pick(a),
                        sum_squares: pick(b),
                        sum_of_products: pick(c),
                    };
                let own_units = matches!(
                    metric.measure,
                    Measure::Nps | Measure::Csat | Measure::Ces | Measure::Retained
                );
                MetricData {
                    name: spec.name.clone(),
                    kind,
                    sum: pick(|s| s.y),
                    sum_squares: (kind != MetricKind::Conversion).then(|| pick(|s| s.yy)),
                    denominator: (kind == MetricKind::Ratio)
                        .then(|| linked(|s| s.x, |s| s.xx, |s| s.xy)),
                    covariate: metric.pre.map(|_| linked(|s| s.c, |s| s.cc, |s| s.cy)),
                    units: own_units.then(|| s.iter().map(|s| s.units).collect()),
                }
            })
            .collect();
        ExperimentData {
            variants: order.to_vec(),
            units: cell_of.iter().map(|c| c.customers).collect(),
            weights: self.options.weights.clone(),
            metrics,
        }
    }
}
