//! Computed traits, as Segment defines them: an event counter over a window, an
//! aggregation (sum, mean, min, max) of a value, the most frequent value, the first and the
//! last, and the unique values with their count. Each is read from a customer's stored
//! events at the engine's clock, so a late event corrects it like any other.

use super::store::Row;
use crate::analysis::segments::Metric;
use crate::{limits, Channel, EventKind, Result, TouchpointError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How a computed trait aggregates its events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TraitAggregate {
    /// How many events (no `of`): a number, 0 without events.
    Count,
    /// The sum of the numbers of `of` (events whose `of` is not a number are skipped).
    Sum,
    /// Their mean.
    Mean,
    /// Their smallest.
    Min,
    /// Their largest.
    Max,
    /// The value of `of` seen on most events; a tie goes to the value seen first.
    MostFrequent,
    /// The value of `of` on the earliest event that has one.
    First,
    /// The value of `of` on the latest event that has one.
    Last,
    /// The distinct values of `of`, in order of first appearance (a list).
    Unique,
    /// How many distinct values of `of` (a number).
    UniqueCount,
}

/// A computed trait: `aggregate` of `of` over the customer's events of `kinds` within the
/// last `window_seconds`. With no events to aggregate, a count is 0, a unique list `[]`,
/// and every other aggregate `null`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComputedTrait {
    /// The trait's name, as rule segments and campaigns read it. Not a built-in metric's
    /// name (`purchases`, `revenue`, …).
    pub name: String,
    /// How the events are aggregated.
    pub aggregate: TraitAggregate,
    /// What is aggregated: `"value"` (the event's value), `"channel"`, `"kind"`, or the
    /// name of an event property. Required, except for `count`, which takes none.
    #[serde(default)]
    pub of: Option<String>,
    /// Only events of these kinds. Default: every event.
    #[serde(default)]
    pub kinds: Option<Vec<String>>,
    /// Only events of the last `window_seconds` (later than the clock minus the window).
    /// Default: every event.
    #[serde(default)]
    pub window_seconds: Option<f64>,
}

/// Where a trait's values come from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Source {
    Events,
    Value,
    Channel,
    Kind,
    /// A property, by its slot in [`TraitPlan::properties`].
    Property(usize),
}

#[derive(Debug, Clone)]
struct Planned {
    name: String,
    aggregate: TraitAggregate,
    source: Source,
    kinds: Option<Vec<EventKind>>,
    window_ms: Option<i64>,
}

/// The computed traits, checked: which properties the engine must keep on each event.
#[derive(Debug, Clone, Default)]
pub(crate) struct TraitPlan {
    traits: Vec<Planned>,
    /// The properties some trait reads, in slot order.
    pub properties: Vec<String>,
}

impl TraitPlan {
    pub fn new(defs: &[ComputedTrait]) -> Result<TraitPlan> {
        crate::analysis::segments::check_names(
            "computed_traits",
            defs.iter().map(|d| d.name.as_str()),
        )?;
        let mut plan = TraitPlan::default();
        for d in defs {
            let option = |field: &str| format!("computed_traits.{}.{field}", d.name);
            if Metric::parse(&d.name).is_some() {
                return Err(TouchpointError::config(
                    option("name"),
                    format!(
                        "`{}` is a built-in metric of the rule segments; name the trait otherwise",
                        d.name
                    ),
                ));
            }
            let source = match (d.aggregate, d.of.as_deref()) {
                (TraitAggregate::Count, None) => Source::Events,
                (TraitAggregate::Count, Some(_)) => {
                    return Err(TouchpointError::config(
                        option("of"),
                        "a count counts events: leave `of` unset",
                    ))
                }
                (_, None) => return Err(TouchpointError::config(
                    option("of"),
                    "say what to aggregate: \"value\", \"channel\", \"kind\" or a property name",
                )),
                (_, Some("")) => {
                    return Err(TouchpointError::config(option("of"), "an empty name"))
                }
                (_, Some("value")) => Source::Value,
                (_, Some("channel")) => Source::Channel,
                (_, Some("kind")) => Source::Kind,
                (_, Some(p)) => Source::Property(plan.slot(p)),
            };
            let kinds = match &d.kinds {
                None => None,
                Some(list) => Some(
                    list.iter()
                        .map(|k| {
                            EventKind::parse(k).ok_or_else(|| {
                                TouchpointError::config(option("kinds"), "empty event kind")
                            })
                        })
                        .collect::<Result<Vec<_>>>()?,
                ),
            };
            let window_ms = match d.window_seconds {
                None => None,
                Some(s) => Some(limits::window_ms(s, 1000.0, &option("window_seconds"))?),
            };
            plan.traits.push(Planned {
                name: d.name.clone(),
                aggregate: d.aggregate,
                source,
                kinds,
                window_ms,
            });
        }
        Ok(plan)
    }

    fn slot(&mut self, property: &str) -> usize {
        match self.properties.iter().position(|p| p == property) {
            Some(i) => i,
            None => {
                self.properties.push(property.to_string());
                self.properties.len() - 1
            }
        }
    }

    /// Whether there are traits.
    pub fn is_empty(&self) -> bool {
        self.traits.is_empty()
    }

    /// Each trait's name and value at `now` over `rows` (all at or before `now`).
    pub fn values(
        &self,
        rows: &[Row],
        now: i64,
        kinds: &[EventKind],
        channels: &[Channel],
    ) -> Vec<(String, Value)> {
        self.traits
            .iter()
            .map(|t| (t.name.clone(), t.value(rows, now, kinds, channels)))
            .collect()
    }

    /// The first time after `now` at which a windowed trait loses an event.
    pub fn next_change(&self, rows: &[Row], now: i64) -> Option<i64> {
        self.traits
            .iter()
            .filter_map(|t| {
                let w = t.window_ms?;
                // Rows in the window: ts > now − w; each leaves it at ts + w.
                let first = rows.partition_point(|r| r.ts <= now - w);
                rows.get(first).map(|r| r.ts + w)
            })
            .min()
    }
}

/// A value read from a row without copying it: a number, a channel or kind code, or a
/// property's value in place. Turned into JSON only for the trait's result.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Read<'a> {
    Number(f64),
    Channel(u16),
    Kind(u16),
    Property(&'a Value),
}

impl Read<'_> {
    fn number(self) -> Option<f64> {
        match self {
            Read::Number(x) => Some(x),
            Read::Property(v) => v.as_f64(),
            _ => None,
        }
    }

    fn json(self, kinds: &[EventKind], channels: &[Channel]) -> Value {
        match self {
            Read::Number(x) => Value::from(x),
            Read::Channel(c) => Value::String(channels[c as usize].to_string()),
            Read::Kind(k) => Value::String(kinds[k as usize].to_string()),
            Read::Property(v) => v.clone(),
        }
    }
}

impl Planned {
    fn value(&self, rows: &[Row], now: i64, kinds: &[EventKind], channels: &[Channel]) -> Value {
        let from = self
            .window_ms
            .map_or(0, |w| rows.partition_point(|r| r.ts <= now - w));
        let to = rows.partition_point(|r| r.ts <= now);
        let picked = rows[from..to].iter().filter(|r| match &self.kinds {
            None => true,
            Some(list) => list.contains(&kinds[r.kind as usize]),
        });
        use TraitAggregate::*;
        if self.source == Source::Events {
            return Value::from(picked.count() as u64);
        }
        let source = self.source;
        let mut values = picked.filter_map(move |r| match source {
            Source::Events => Some(Read::Number(1.0)),
            Source::Value => (!r.value.is_nan()).then_some(Read::Number(r.value)),
            Source::Channel => Some(Read::Channel(r.channel)),
            Source::Kind => Some(Read::Kind(r.kind)),
            Source::Property(i) => r.property(i).map(Read::Property),
        });
        let json = |v: Read<'_>| v.json(kinds, channels);
        match self.aggregate {
            Count => Value::from(values.count() as u64),
            Sum | Mean | Min | Max => {
                let (mut n, mut sum) = (0u64, 0.0);
                let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
                for x in values.filter_map(Read::number) {
                    n += 1;
                    sum += x;
                    lo = lo.min(x);
                    hi = hi.max(x);
                }
                if n == 0 {
                    return Value::Null;
                }
                Value::from(match self.aggregate {
                    Sum => sum,
                    Mean => sum / n as f64,
                    Min => lo,
                    _ => hi,
                })
            }
            First => values.next().map_or(Value::Null, json),
            Last => values.next_back().map_or(Value::Null, json),
            MostFrequent | Unique | UniqueCount => {
                // Distinct values in order of first appearance, with their counts.
                let mut distinct: Vec<(Read<'_>, u64)> = Vec::new();
                for v in values {
                    match distinct.iter_mut().find(|(d, _)| *d == v) {
                        Some((_, n)) => *n += 1,
                        None => distinct.push((v, 1)),
                    }
                }
                match self.aggregate {
                    UniqueCount => Value::from(distinct.len() as u64),
                    Unique => Value::Array(distinct.into_iter().map(|(v, _)| json(v)).collect()),
                    _ => {
                        let mut best: Option<(Read<'_>, u64)> = None;
                        for (v, n) in distinct {
                            if best.is_none_or(|b| n > b.1) {
                                best = Some((v, n));
                            }
                        }
                        best.map_or(Value::Null, |b| json(b.0))
                    }
                }
            }
        }
    }
}
