//! What every partition of a distributed run must agree on, and how a partition's dataset is
//! aligned to it.

use crate::{Channel, Dataset, EventKind, Result, Timestamp, TouchpointError};
use serde::{Deserialize, Serialize};

/// What every partition of one distributed run agrees on: the channels and event kinds of
/// the whole data, each in order of first sight (as one machine's reader numbers them), and
/// the whole data's time range (analyses' defaults, such as `as_of`, and their periods
/// depend on it). Computed once by the driver (for Spark: three small aggregations).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionContext {
    /// Every channel of the data, in order of first sight.
    pub channels: Vec<Channel>,
    /// Every event kind of the data, in order of first sight.
    pub kinds: Vec<EventKind>,
    /// The earliest event of the whole data.
    pub first_event: Timestamp,
    /// The latest event of the whole data.
    pub last_event: Timestamp,
}

impl PartitionContext {
    /// The context of one whole dataset (a partition of one).
    pub fn of(data: &Dataset) -> Option<PartitionContext> {
        let (first_event, last_event) = data.time_range()?;
        Some(PartitionContext {
            channels: data.channels().to_vec(),
            kinds: data.kinds().to_vec(),
            first_event,
            last_event,
        })
    }

    /// A context from names (channels and kinds as the readers parse them, duplicates after
    /// parsing kept once, at their first place) and times. An empty name, or a first event
    /// after the last, is `INVALID_CONFIG` naming `context.<field>`.
    pub fn from_names<C: AsRef<str>, K: AsRef<str>>(
        channels: &[C],
        kinds: &[K],
        first_event: Timestamp,
        last_event: Timestamp,
    ) -> Result<PartitionContext> {
        let mut out = PartitionContext {
            channels: Vec::with_capacity(channels.len()),
            kinds: Vec::with_capacity(kinds.len()),
            first_event: crate::limits::check_option_time(first_event, "context.first_event")
                .map(Timestamp)?,
            last_event: crate::limits::check_option_time(last_event, "context.last_event")
                .map(Timestamp)?,
        };
        for (i, name) in channels.iter().enumerate() {
            let c = Channel::parse(name.as_ref()).ok_or_else(|| {
                TouchpointError::config(format!("context.channels[{i}]"), "empty channel")
            })?;
            if !out.channels.contains(&c) {
                out.channels.push(c);
            }
        }
        for (i, name) in kinds.iter().enumerate() {
            let k = EventKind::parse(name.as_ref()).ok_or_else(|| {
                TouchpointError::config(format!("context.kinds[{i}]"), "empty event kind")
            })?;
            if !out.kinds.contains(&k) {
                out.kinds.push(k);
            }
        }
        if out.first_event > out.last_event {
            return Err(TouchpointError::config(
                "context.first_event",
                "the first event is after the last",
            ));
        }
        Ok(out)
    }
}

/// A context as a host language writes it: names and times.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextNames {
    channels: Vec<String>,
    kinds: Vec<String>,
    first_event: Timestamp,
    last_event: Timestamp,
}

impl PartitionContext {
    /// A context from its JSON form `{"channels": [...], "kinds": [...], "first_event": t,
    /// "last_event": t}` (times as milliseconds since the epoch or RFC 3339 text), checked as
    /// [`from_names`](Self::from_names). A missing, unknown or mistyped field is
    /// `INVALID_CONFIG` naming `context.<field>`.
    pub fn from_value(value: serde_json::Value) -> Result<PartitionContext> {
        let names: ContextNames = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." {
                "context".to_string()
            } else {
                format!("context.{path}")
            };
            TouchpointError::config(field, e.into_inner().to_string())
        })?;
        PartitionContext::from_names(
            &names.channels,
            &names.kinds,
            names.first_event,
            names.last_event,
        )
    }
}

impl Dataset {
    /// Renumbers this dataset's channels and event kinds to `context`'s and takes the
    /// context's time range as its own ([`time_range`](Self::time_range)), so that the
    /// passes built over it agree with every other partition aligned to the same context
    /// and their states merge. A channel or kind of the data missing from the context, or
    /// an event outside its time range, is `INVALID_CONFIG` naming `context.<field>`.
    pub fn align_to(&mut self, context: &PartitionContext) -> Result<()> {
        let channel_map = code_map(
            self.channels(),
            &context.channels,
            "context.channels",
            "channel",
        )?;
        let kind_map = code_map(self.kinds(), &context.kinds, "context.kinds", "event kind")?;
        if let Some((lo, hi)) = self.own_time_range() {
            if lo < context.first_event || hi > context.last_event {
                return Err(TouchpointError::config(
                    "context.first_event",
                    format!(
                        "the data's events ({lo} to {hi}) are outside the context's time range ({} to {})",
                        context.first_event, context.last_event
                    ),
                ));
            }
        }
        self.recode(&channel_map, &kind_map, &context.channels, &context.kinds)?;
        self.pin_time_range(context.first_event, context.last_event);
        Ok(())
    }
}

/// The new code of each old code: the position of its name in `to`.
fn code_map<T: PartialEq + std::fmt::Display>(
    from: &[T],
    to: &[T],
    option: &str,
    what: &str,
) -> Result<Vec<u16>> {
    from.iter()
        .map(|name| {
            to.iter()
                .position(|t| t == name)
                .map(|i| i as u16)
                .ok_or_else(|| {
                    TouchpointError::config(
                        option,
                        format!("the data has the {what} `{name}`, which the context lacks"),
                    )
                })
        })
        .collect()
}
