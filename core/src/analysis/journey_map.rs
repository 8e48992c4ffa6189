//! The journey map: how customers move between touchpoints. A transition matrix with
//! next-step probabilities and median time between steps, the most common paths, and how
//! often customers switch channels (the omnichannel view).

use crate::analysis::pass::{run_pass, CustomerPass, MergeablePass, PassContext};
use crate::{CustomerEvents, Dataset, Result, StageMap, TouchpointError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What a node of the journey map is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// The event kind (`purchase`).
    #[default]
    Kind,
    /// The channel (`email`).
    Channel,
    /// Channel and kind together (`email:click`).
    Touchpoint,
}

/// Options of [`journey_map`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JourneyMapOptions {
    /// What a node is. Default: the event kind.
    pub node: NodeKind,
    /// Fold runs of the same node into one step (`page_view, page_view` → `page_view`). Default true.
    pub collapse_repeats: bool,
    /// How many steps of each customer's journey make their path. Default 5.
    pub path_length: usize,
    /// How many of the most common paths to return. Default 10.
    pub top_paths: usize,
    /// How many channel pairs to return, most frequent first. Default 10.
    pub top_channel_pairs: usize,
}

impl Default for JourneyMapOptions {
    fn default() -> Self {
        JourneyMapOptions {
            node: NodeKind::Kind,
            collapse_repeats: true,
            path_length: 5,
            top_paths: 10,
            top_channel_pairs: 10,
        }
    }
}

/// One edge of the transition matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transition {
    /// The step before.
    pub from: String,
    /// The step after; `(end)` when `from` was the customer's last step.
    pub to: String,
    /// How many times customers went from `from` to `to`.
    pub count: u64,
    /// `count` as a percentage of every step out of `from` (ends included).
    pub probability: f64,
    /// Median seconds between the two steps (`None` for `(end)`). With repeats collapsed,
    /// measured from the last event of the run of `from`.
    pub median_seconds: Option<f64>,
}

/// A path (the first steps of a customer's journey) and how many customers took it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathCount {
    /// The steps.
    pub path: Vec<String>,
    /// Customers whose journey starts with exactly these steps.
    pub customers: u64,
    /// Their percentage of customers with events.
    pub share: f64,
}

/// One pair of channels a customer moved between.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelPair {
    /// The channel before.
    pub from: String,
    /// The channel after.
    pub to: String,
    /// How many times customers made this switch.
    pub count: u64,
}

/// How much customers move between channels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelSwitching {
    /// Customers with at least one event.
    pub customers: u64,
    /// Customers who used two or more channels.
    pub multichannel_customers: u64,
    /// Their percentage of customers with events (`None` without customers).
    pub multichannel_share: Option<f64>,
    /// Consecutive event pairs (every customer's events, in time order).
    pub transitions: u64,
    /// Consecutive event pairs on different channels.
    pub switches: u64,
    /// `switches` as a percentage of `transitions` (`None` without transitions).
    pub switch_rate: Option<f64>,
    /// The most frequent switches, most frequent first.
    pub pairs: Vec<ChannelPair>,
}

/// The journey map of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyMap {
    /// Every edge, most frequent first (ties by name).
    pub transitions: Vec<Transition>,
    /// The most common paths, most common first (ties by path).
    pub top_paths: Vec<PathCount>,
    /// Distinct paths in all.
    pub distinct_paths: u64,
    /// Channel switching.
    pub channel_switching: ChannelSwitching,
}

const END: u32 = u32::MAX;

/// The journey-map analysis as a [`CustomerPass`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JourneyMapPass {
    options: JourneyMapOptions,
    kinds: usize,
    edges: HashMap<(u32, u32), Vec<i64>>,
    paths: HashMap<Vec<u32>, u64>,
    path: Vec<u32>,
    channel_pairs: HashMap<(u16, u16), u64>,
    customers: u64,
    multichannel: u64,
    transitions: u64,
    switches: u64,
}

impl JourneyMapPass {
    /// A pass over `data` with `options`.
    pub fn new(data: &Dataset, options: &JourneyMapOptions) -> Result<Self> {
        if !(1..=crate::limits::MAX_PATH_LENGTH).contains(&options.path_length) {
            return Err(TouchpointError::config(
                "path_length",
                format!(
                    "{} is not a path length from 1 to {}",
                    options.path_length,
                    crate::limits::MAX_PATH_LENGTH
                ),
            ));
        }
        Ok(JourneyMapPass {
            options: options.clone(),
            kinds: data.kinds().len(),
            edges: HashMap::new(),
            paths: HashMap::new(),
            path: Vec::with_capacity(options.path_length),
            channel_pairs: HashMap::new(),
            customers: 0,
            multichannel: 0,
            transitions: 0,
            switches: 0,
        })
    }

    fn node(&self, c: &CustomerEvents<'_>, i: usize) -> u32 {
        match self.options.node {
            NodeKind::Kind => c.kind[i] as u32,
            NodeKind::Channel => c.channel[i] as u32,
            NodeKind::Touchpoint => c.channel[i] as u32 * self.kinds as u32 + c.kind[i] as u32,
        }
    }

    fn name(&self, data: &Dataset, node: u32) -> String {
        match (node, self.options.node) {
            (END, _) => "(end)".to_string(),
            (n, NodeKind::Kind) => data.kind_name(n as u16).to_string(),
            (n, NodeKind::Channel) => data.channel_name(n as u16).to_string(),
            (n, NodeKind::Touchpoint) => {
                let (ch, k) = (n / self.kinds as u32, n % self.kinds as u32);
                format!(
                    "{}:{}",
                    data.channel_name(ch as u16),
                    data.kind_name(k as u16)
                )
            }
        }
    }

    /// The journey map of everything seen.
    pub fn finish(self, data: &Dataset) -> JourneyMap {
        let mut out_of: HashMap<u32, u64> = HashMap::new();
        for (&(from, _), gaps) in &self.edges {
            *out_of.entry(from).or_default() += gaps.len() as u64;
        }
        let mut transitions: Vec<Transition> = self
            .edges
            .iter()
            .map(|(&(from, to), gaps)| {
                let count = gaps.len() as u64;
                Transition {
                    from: self.name(data, from),
                    to: self.name(data, to),
                    count,
                    probability: 100.0 * count as f64 / out_of[&from] as f64,
                    median_seconds: if to == END {
                        None
                    } else {
                        crate::analysis::stats::median_seconds(gaps)
                    },
                }
            })
            .collect();
        transitions.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to)))
        });

        let with_events = self.customers.max(1) as f64;
        let mut top_paths: Vec<PathCount> = self
            .paths
            .iter()
            .map(|(p, &n)| PathCount {
                path: p.iter().map(|&node| self.name(data, node)).collect(),
                customers: n,
                share: 100.0 * n as f64 / with_events,
            })
            .collect();
        top_paths.sort_by(|a, b| {
            b.customers
                .cmp(&a.customers)
                .then_with(|| a.path.cmp(&b.path))
        });
        top_paths.truncate(self.options.top_paths);

        let mut pairs: Vec<ChannelPair> = self
            .channel_pairs
            .iter()
            .map(|(&(a, b), &count)| ChannelPair {
                from: data.channel_name(a).to_string(),
                to: data.channel_name(b).to_string(),
                count,
            })
            .collect();
        pairs.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to)))
        });
        pairs.truncate(self.options.top_channel_pairs);

        let pct = |k: u64, n: u64| (n > 0).then(|| 100.0 * k as f64 / n as f64);
        JourneyMap {
            transitions,
            top_paths,
            distinct_paths: self.paths.len() as u64,
            channel_switching: ChannelSwitching {
                customers: self.customers,
                multichannel_customers: self.multichannel,
                multichannel_share: pct(self.multichannel, self.customers),
                transitions: self.transitions,
                switches: self.switches,
                switch_rate: pct(self.switches, self.transitions),
                pairs,
            },
        }
    }
}

impl CustomerPass for JourneyMapPass {
    fn customer(&mut self, _ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        if c.is_empty() {
            return;
        }
        self.customers += 1;
        self.path.clear();
        let mut prev: Option<(u32, i64)> = None;
        let mut multichannel = false;
        for i in 0..c.len() {
            let node = self.node(c, i);
            if i > 0 {
                self.transitions += 1;
                let (a, b) = (c.channel[i - 1], c.channel[i]);
                if a != b {
                    self.switches += 1;
                    multichannel = true;
                    *self.channel_pairs.entry((a, b)).or_default() += 1;
                }
            }
            match prev {
                Some((p, _)) if p == node && self.options.collapse_repeats => {
                    prev = Some((node, c.ts[i]))
                }
                _ => {
                    if let Some((p, t)) = prev {
                        // Two event times (1900 to 9999): the difference fits an i64.
                        self.edges.entry((p, node)).or_default().push(c.ts[i] - t);
                    }
                    if self.path.len() < self.options.path_length {
                        self.path.push(node);
                    }
                    prev = Some((node, c.ts[i]));
                }
            }
        }
        if let Some((p, _)) = prev {
            self.edges.entry((p, END)).or_default().push(0);
        }
        if multichannel {
            self.multichannel += 1;
        }
        match self.paths.get_mut(self.path.as_slice()) {
            Some(n) => *n += 1,
            None => {
                self.paths.insert(self.path.clone(), 1);
            }
        }
    }
}

impl MergeablePass for JourneyMapPass {
    fn merge(&mut self, later: Self) {
        // Each transition's gaps stay in customer order (the median does not depend on it).
        for (edge, gaps) in later.edges {
            self.edges.entry(edge).or_default().extend(gaps);
        }
        for (path, n) in later.paths {
            *self.paths.entry(path).or_default() += n;
        }
        for (pair, n) in later.channel_pairs {
            *self.channel_pairs.entry(pair).or_default() += n;
        }
        self.customers += later.customers;
        self.multichannel += later.multichannel;
        self.transitions += later.transitions;
        self.switches += later.switches;
    }
}

/// The journey map of `data`.
pub fn journey_map(data: &Dataset, options: &JourneyMapOptions) -> Result<JourneyMap> {
    let pass = JourneyMapPass::new(data, options)?;
    let ctx = PassContext::new(data, &StageMap::default());
    Ok(run_pass(&ctx, pass).finish(data))
}
