//! Funnels: how many customers go through a series of steps within a conversion window,
//! where they drop off and how long each step takes — in `ordered`, `strict` or
//! `any_order` mode, with per-step windows, optional steps, exclusion events and a
//! breakdown by the attribution channel or by a customer trait.
//!
//! `docs/guide-funnels.md` gives the exact definitions (what counts as converted, the
//! window rules, which attempt counts); this module implements them.
//!
//! ```
//! use touchpoint::{funnel, Channel, Dataset, Event, EventKind, FunnelOptions, Timestamp};
//!
//! let t = |s: &str| Timestamp::parse(s).unwrap();
//! let data = Dataset::from_events(vec![
//!     Event::new("ana", t("2026-03-02T10:00:00Z"), Channel::Web, EventKind::PageView),
//!     Event::new("ana", t("2026-03-02T10:05:00Z"), Channel::Web, EventKind::Purchase),
//!     Event::new("ben", t("2026-03-02T11:00:00Z"), Channel::App, EventKind::PageView),
//! ])
//! .unwrap();
//! let report = funnel(&data, &FunnelOptions::new(["page_view", "purchase"])).unwrap();
//! assert_eq!(report.entered, 2);
//! assert_eq!(report.converted, 1);
//! assert_eq!(report.conversion_rate, Some(50.0));
//! assert_eq!(report.steps[1].median_seconds_from_previous, Some(300.0));
//! ```

mod matcher;
mod spec;
mod tally;
#[cfg(test)]
mod tests;

use self::matcher::Matcher;
use self::spec::Spec;
use self::tally::Tally;
use crate::analysis::stats::percent;
use crate::{
    run_pass, CustomerEvents, CustomerPass, Dataset, MergeablePass, PassContext, Result, StageMap,
};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

/// The default conversion window: 14 days, in seconds.
pub const DEFAULT_FUNNEL_WINDOW_SECONDS: f64 = 14.0 * 86_400.0;

/// How the steps of a funnel must follow each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelOrder {
    /// Steps in the given order; other events may happen between them (PostHog "sequential",
    /// Amplitude "this order").
    #[default]
    Ordered,
    /// Steps in the given order as consecutive events of the customer: any other event in
    /// between breaks the attempt (PostHog "strict", Amplitude "exact order").
    Strict,
    /// Every step within the window, in any order (PostHog "any order"); row `i` of the report
    /// counts customers who completed at least `i + 1` of the steps.
    AnyOrder,
}

/// Which touch gives a customer's channel in a channel breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// The channel of the first step of the counted attempt.
    #[default]
    FirstTouch,
    /// The channel of the furthest (non-optional) step the customer reached in that attempt.
    LastTouch,
}

/// How to break a funnel down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelBreakdown {
    /// By the channel of the attribution touch (`"channel"`), see [`Attribution`].
    Channel,
    /// By the value of a customer trait (`{"trait": "plan"}`); customers without it (or with
    /// `null`) are in the group `"(none)"`.
    Trait(String),
}

/// One step of a funnel. In options it is an object, or just the kind's name as a string
/// (`"purchase"` is `{"kind": "purchase"}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelStep {
    /// The event kind of the step, by name (`"purchase"`, `"custom_name"`). A kind no event has
    /// is valid and matches nothing.
    pub kind: String,
    /// Only events on this channel count (`"email"`). Default `null`: any channel.
    pub channel: Option<String>,
    /// The most time allowed since the previous non-optional step, in seconds (inclusive).
    /// Default `null`: only the conversion window applies. Not on the first step, and not in
    /// `any_order` mode.
    pub within_seconds: Option<f64>,
    /// The customer may skip this step without dropping off. Default `false`. Not on the first
    /// step, and not in `any_order` mode.
    pub optional: bool,
}

impl FunnelStep {
    /// A required step of kind `kind`, on any channel.
    pub fn new(kind: impl Into<String>) -> Self {
        FunnelStep {
            kind: kind.into(),
            channel: None,
            within_seconds: None,
            optional: false,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepFields {
    kind: String,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    within_seconds: Option<f64>,
    #[serde(default)]
    optional: bool,
}

impl<'de> Deserialize<'de> for FunnelStep {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct StepVisitor;
        impl<'de> Visitor<'de> for StepVisitor {
            type Value = FunnelStep;
            // "struct …", serde's wording for a struct read from a map: it is also what tells
            // `camel_case::from_camel_case` to read the object's keys as fields (camelCase).
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("struct FunnelStep (an event kind name or a step object)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<FunnelStep, E> {
                Ok(FunnelStep::new(v))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<FunnelStep, A::Error> {
                let f = StepFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(FunnelStep {
                    kind: f.kind,
                    channel: f.channel,
                    within_seconds: f.within_seconds,
                    optional: f.optional,
                })
            }
        }
        d.deserialize_any(StepVisitor)
    }
}

/// An event that removes a customer from the funnel when it happens between two steps of
/// the counted attempt (PostHog's exclusion steps).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunnelExclusion {
    /// The excluded event kind, by name. It may not be the kind of a step it spans.
    pub kind: String,
    /// `[from_step, to_step]`, 0-based indices of non-optional steps, `from_step < to_step`.
    /// Default `null`: the whole funnel (first to last step).
    #[serde(default)]
    pub between: Option<[usize; 2]>,
}

/// Options of [`funnel`]. Only `steps` is required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FunnelOptions {
    /// The steps, in order (at least one, at most 64).
    pub steps: Vec<FunnelStep>,
    /// `"ordered"` (default), `"strict"` or `"any_order"`.
    pub order: FunnelOrder,
    /// The conversion window, in seconds, measured from the attempt's first step; a step
    /// exactly `window_seconds` later still counts. Default 1,209,600 (14 days).
    pub window_seconds: f64,
    /// Exclusion events. Default none.
    pub exclusions: Vec<FunnelExclusion>,
    /// `"channel"` or `{"trait": name}`. Default `null` (no breakdown).
    pub breakdown: Option<FunnelBreakdown>,
    /// For a channel breakdown: `"first_touch"` (default) or `"last_touch"`.
    pub attribution: Attribution,
}

impl Default for FunnelOptions {
    fn default() -> Self {
        FunnelOptions {
            steps: Vec::new(),
            order: FunnelOrder::Ordered,
            window_seconds: DEFAULT_FUNNEL_WINDOW_SECONDS,
            exclusions: Vec::new(),
            breakdown: None,
            attribution: Attribution::FirstTouch,
        }
    }
}

impl FunnelOptions {
    /// An ordered funnel of required steps given by kind name, with the default window.
    pub fn new<S: Into<String>>(steps: impl IntoIterator<Item = S>) -> Self {
        FunnelOptions {
            steps: steps.into_iter().map(FunnelStep::new).collect(),
            ..Self::default()
        }
    }
}

/// One row of a funnel report. Percentages are 0–100; `None` means "no data".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelStepReport {
    /// The step's 0-based index.
    pub step: usize,
    /// The step's kind, canonical name.
    pub kind: String,
    /// The step's channel filter, if any.
    pub channel: Option<String>,
    /// Whether the step is optional.
    pub optional: bool,
    /// Customers who reached the step (in `any_order` mode: who completed at least
    /// `step + 1` of the steps).
    pub customers: u64,
    /// `customers` as a percentage of those who entered (step 0).
    pub conversion_from_first: Option<f64>,
    /// `customers` as a percentage of the previous non-optional step's (`None` for step 0).
    pub conversion_from_previous: Option<f64>,
    /// Customers who reached the previous non-optional step but not this one (0 for step 0
    /// and for optional steps).
    pub drop_off: u64,
    /// `drop_off` as a percentage of the previous non-optional step's customers (`None` for
    /// step 0).
    pub drop_off_rate: Option<f64>,
    /// Median seconds from the previous non-optional step (`None` for step 0 or nobody).
    pub median_seconds_from_previous: Option<f64>,
    /// Mean seconds from the previous non-optional step.
    pub mean_seconds_from_previous: Option<f64>,
    /// Median seconds from step 0 of the same attempt.
    pub median_seconds_from_first: Option<f64>,
    /// Mean seconds from step 0 of the same attempt.
    pub mean_seconds_from_first: Option<f64>,
}

/// The funnel of one breakdown group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelGroup {
    /// The channel name or trait value (`"(none)"` when missing).
    pub value: String,
    /// Customers of the group who entered the funnel.
    pub entered: u64,
    /// Customers of the group who reached the last non-optional step.
    pub converted: u64,
    /// `converted` as a percentage of `entered`.
    pub conversion_rate: Option<f64>,
    /// The group's steps.
    pub steps: Vec<FunnelStepReport>,
}

/// The result of [`funnel`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelReport {
    /// The order mode used.
    pub order: FunnelOrder,
    /// The conversion window used, in seconds.
    pub window_seconds: f64,
    /// Customers who did step 0 (and were not excluded).
    pub entered: u64,
    /// Customers who reached the last non-optional step.
    pub converted: u64,
    /// `converted` as a percentage of `entered`.
    pub conversion_rate: Option<f64>,
    /// Customers removed from the funnel by an exclusion event.
    pub excluded: u64,
    /// One row per step, in the order given.
    pub steps: Vec<FunnelStepReport>,
    /// One funnel per breakdown value, largest `entered` first (then by value); empty
    /// without a breakdown.
    pub breakdown: Vec<FunnelGroup>,
}

/// Counts and conversion times of one group of customers.
/// The funnel as a [`CustomerPass`]: build it with [`FunnelPass::new`], run it with other
/// passes through [`run_passes`](crate::run_passes) over the same dataset, then call
/// [`FunnelPass::finish`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FunnelPass {
    options: FunnelOptions,
    spec: Spec,
    matcher: Matcher,
    groups: Vec<Tally>,
    keys: Vec<String>,
    index: HashMap<String, usize>,
    excluded: u64,
}

impl FunnelPass {
    /// Checks `options` against `data` (kinds and channels are resolved to its codes).
    pub fn new(data: &Dataset, options: &FunnelOptions) -> Result<FunnelPass> {
        let spec = Spec::new(data, options)?;
        let matcher = Matcher::new(&spec);
        Ok(FunnelPass {
            options: options.clone(),
            spec,
            matcher,
            groups: Vec::new(),
            keys: Vec::new(),
            index: HashMap::new(),
            excluded: 0,
        })
    }

    fn group(&mut self, ctx: &PassContext<'_>, customer: u32, touch: u16) -> usize {
        let key: Cow<'_, str> = match &self.options.breakdown {
            None => Cow::Borrowed(""),
            Some(FunnelBreakdown::Channel) => Cow::Borrowed(ctx.data.channel_name(touch).as_str()),
            Some(FunnelBreakdown::Trait(name)) => trait_value(ctx.data.traits(customer).get(name)),
        };
        self.group_of(key)
    }

    /// The group of breakdown value `key`, new groups numbered in order of first sight.
    fn group_of(&mut self, key: Cow<'_, str>) -> usize {
        if let Some(&i) = self.index.get(key.as_ref()) {
            return i;
        }
        self.groups.push(Tally::new(self.spec.n));
        self.keys.push(key.to_string());
        self.index.insert(key.into_owned(), self.groups.len() - 1);
        self.groups.len() - 1
    }

    /// The report.
    pub fn finish(self) -> FunnelReport {
        let FunnelPass {
            options,
            spec,
            groups,
            keys,
            excluded,
            ..
        } = self;
        let mut overall = Tally::new(spec.n);
        let mut breakdown = Vec::new();
        for (key, tally) in keys.into_iter().zip(groups) {
            if options.breakdown.is_some() {
                let (entered, converted, rate, steps) = summarize(&spec, &options, tally.clone());
                breakdown.push(FunnelGroup {
                    value: key,
                    entered,
                    converted,
                    conversion_rate: rate,
                    steps,
                });
            }
            overall.merge(tally);
        }
        breakdown.sort_by(|a, b| {
            b.entered
                .cmp(&a.entered)
                .then_with(|| a.value.cmp(&b.value))
        });
        let (entered, converted, conversion_rate, steps) = summarize(&spec, &options, overall);
        FunnelReport {
            order: options.order,
            window_seconds: options.window_seconds,
            entered,
            converted,
            conversion_rate,
            excluded,
            steps,
            breakdown,
        }
    }
}

impl CustomerPass for FunnelPass {
    fn customer(&mut self, ctx: &PassContext<'_>, events: &CustomerEvents<'_>) {
        self.matcher.reset();
        for i in 0..events.len() {
            self.matcher
                .push(&self.spec, events.ts[i], events.kind[i], events.channel[i]);
            if self.matcher.settled(&self.spec) {
                break;
            }
        }
        let (excluded, touch) = match self.matcher.outcome() {
            None => return,
            Some(o) => (
                o.excluded,
                if self.options.attribution == Attribution::LastTouch {
                    o.last_channel
                } else {
                    o.start_channel
                },
            ),
        };
        if excluded {
            self.excluded += 1;
            return;
        }
        let g = self.group(ctx, events.index, touch);
        if let Some(o) = self.matcher.outcome() {
            self.groups[g].add(&self.spec, &o);
        }
    }
}

impl MergeablePass for FunnelPass {
    fn merge(&mut self, later: Self) {
        // Groups new to this range are numbered after its own, in `later`'s order of first
        // sight: the order one walk over both ranges gives them.
        for (key, tally) in later.keys.into_iter().zip(later.groups) {
            let g = self.group_of(Cow::Owned(key));
            self.groups[g].merge(tally);
        }
        self.excluded += later.excluded;
    }
}

/// Builds the funnel of `data` in one pass over its customers.
pub fn funnel(data: &Dataset, options: &FunnelOptions) -> Result<FunnelReport> {
    let pass = FunnelPass::new(data, options)?;
    let ctx = PassContext::new(data, &StageMap::default());
    Ok(run_pass(&ctx, pass).finish())
}

fn trait_value(value: Option<&serde_json::Value>) -> Cow<'_, str> {
    match value {
        None | Some(serde_json::Value::Null) => Cow::Borrowed("(none)"),
        Some(serde_json::Value::String(s)) => Cow::Borrowed(s.as_str()),
        Some(other) => Cow::Owned(other.to_string()),
    }
}

/// Median and mean of durations in milliseconds, in seconds.
fn median_mean(values: &mut [i64]) -> (Option<f64>, Option<f64>) {
    if values.is_empty() {
        return (None, None);
    }
    let mean = values.iter().map(|&v| v as f64).sum::<f64>() / values.len() as f64;
    (
        crate::analysis::stats::median_seconds(values),
        Some(mean / 1000.0),
    )
}

fn summarize(
    spec: &Spec,
    options: &FunnelOptions,
    mut t: Tally,
) -> (u64, u64, Option<f64>, Vec<FunnelStepReport>) {
    let entered = t.counts[0];
    let converted = t.counts[*spec.levels.last().expect("at least one step")];
    let mut steps = Vec::with_capacity(spec.n);
    for (s, step) in options.steps.iter().enumerate() {
        let previous = (s > 0).then(|| t.counts[spec.levels[spec.prev_level[s]]]);
        let customers = t.counts[s];
        let optional = spec.is_optional(s);
        let drop_off = match previous {
            Some(p) if !optional => p.saturating_sub(customers),
            _ => 0,
        };
        let (median_prev, mean_prev) = median_mean(&mut t.from_prev[s]);
        let (median_first, mean_first) = median_mean(&mut t.from_first[s]);
        steps.push(FunnelStepReport {
            step: s,
            kind: spec.kind_names[s].clone(),
            channel: spec.channel_names[s].clone(),
            optional: step.optional,
            customers,
            conversion_from_first: percent(customers, entered),
            conversion_from_previous: previous.and_then(|p| percent(customers, p)),
            drop_off,
            drop_off_rate: previous.and_then(|p| percent(drop_off, p)),
            median_seconds_from_previous: median_prev,
            mean_seconds_from_previous: mean_prev,
            median_seconds_from_first: median_first,
            mean_seconds_from_first: mean_first,
        });
    }
    (entered, converted, percent(converted, entered), steps)
}
