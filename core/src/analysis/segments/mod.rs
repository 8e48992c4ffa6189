//! Segmentation: who to act on.
//!
//! - [`rfm`]: recency, frequency and monetary scores 1–5 by quintile and named segments
//!   (champions, loyal, at risk, …) from a configurable first-match-wins table;
//! - [`engagement_tiers`]: inactive / casual / engaged / power users by their events in a
//!   recent window, with configurable thresholds;
//! - [`rule_segments`]: named rules over traits and built-in metrics in a small, safe
//!   predicate language (`plan == "pro" and (purchases >= 2 or revenue > 100)`), or built
//!   with [`Predicate`]'s methods. Rules are parsed and evaluated, never executed as code.
//!
//! Each is a [`CustomerPass`](crate::CustomerPass), so all three (and any other analysis) can
//! run in one walk over the customers with [`run_passes`](crate::run_passes). The exact
//! definitions are in `docs/guide-segments.md`.

mod metrics;
mod parse;
mod predicate;
mod rfm;
mod rules;
#[cfg(test)]
mod tests;
mod text;
mod tiers;

pub use metrics::{CustomerMetrics, Metric, MetricKinds};
pub use predicate::{CmpOp, Field, Literal, Operand, Predicate};
pub use rfm::{
    quintile_scores, rfm, RfmOptions, RfmPass, RfmReport, RfmRow, RfmSegmentRule,
    RfmSegmentSummary, RfmState,
};
pub use rules::{
    rule_segments, RuleSegmentCount, RuleSegmentOptions, RuleSegmentPass, RuleSegmentReport,
    SegmentRule,
};
pub use tiers::{
    engagement_tiers, CustomerTier, TierCount, TierOptions, TierPass, TierReport, TierRule,
};

use crate::analysis::stats::percent;
use crate::{Dataset, EventKind, Result, Timestamp, TouchpointError};

/// `as_of` in ms: the option if given (checked to be in range, `INVALID_CONFIG` naming
/// `as_of` otherwise), else the dataset's last event (`None` without events). Either way a
/// time from 1900 to 9999, so differences with event times fit an i64.
fn as_of_ms(data: &Dataset, as_of: Option<Timestamp>) -> Result<Option<i64>> {
    match as_of {
        Some(t) => crate::limits::check_option_time(t, "as_of").map(Some),
        None => Ok(data.time_range().map(|r| r.1 .0)),
    }
}

/// Reads an event-kind option.
fn parse_kind(option: &str, text: &str) -> Result<EventKind> {
    EventKind::parse(text).ok_or_else(|| TouchpointError::config(option, "empty event kind"))
}

/// Refuses empty and duplicate names.
pub(crate) fn check_names<'a>(option: &str, names: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for name in names {
        if name.trim().is_empty() {
            return Err(TouchpointError::config(option, "a name is empty"));
        }
        if !seen.insert(name) {
            return Err(TouchpointError::config(
                format!("{option}.{name}"),
                "the name is used twice",
            ));
        }
    }
    Ok(())
}

/// `sum ÷ count`, `None` when `count` is 0.
fn mean(sum: f64, count: u64) -> Option<f64> {
    (count > 0).then(|| sum / count as f64)
}
